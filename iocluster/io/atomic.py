"""Atomic output: write to a temporary file beside the target, then rename.

An interrupted run (an error, Ctrl-C) leaves the target as it was: no partial report.
An existing output is replaced only when ``force`` is true.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from iocluster.errors import OutputExistsError

__all__ = ["atomic_path", "atomic_write", "check_writable"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: System folders whose entries are devices or views of processes, never report files.
_SYSTEM_DIRS = (Path("/dev"), Path("/proc"), Path("/sys"))


def _special(path: Path) -> bool:
    """Whether ``path`` (or what its links lead to) is in ``/dev``, ``/proc`` or ``/sys``:
    ``/dev/stdout`` is a link to a process's file descriptor, even when that is a file."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        resolved = path.absolute()
    return any(p.is_relative_to(d) for p in (path.absolute(), resolved) for d in _SYSTEM_DIRS)


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse to overwrite ``path`` unless ``force``; refuse a directory as a file, and
    anything that is not a regular file (a device such as ``/dev/null``, a pipe, a
    socket, or a link to one such as ``/dev/stdout``), with or without ``force``."""
    if _special(path) or (path.exists() and not path.is_file() and not path.is_dir()):
        raise OutputExistsError(
            f"{path} is not a regular file (a device, pipe or socket, or a link to one); "
            "iocluster writes only regular files: choose a file path"
        )
    if path.is_dir():
        raise OutputExistsError(f"{path} is a directory; expected a file path")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; pass --force to overwrite it")


@contextlib.contextmanager
def atomic_path(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``path`` on success.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    >>> (d / "a.txt").read_text()
    'ok'
    """
    target = Path(path)
    check_writable(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.is_file():  # mkstemp makes 0600 files; give the output the usual mode
            tmp.chmod(0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(path: str | Path, write: Callable[[Path], object], *, force: bool = False) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` atomically."""
    with atomic_path(path, force=force) as tmp:
        write(tmp)
    return Path(path)
