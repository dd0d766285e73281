"""Atomic output: write to a temporary file beside the target, then rename.

An interrupted run (an error, Ctrl-C) leaves the target as it was: no partial report.
An existing output is replaced only when ``force`` is true.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from iocluster.errors import IOClusterError, OutputExistsError

__all__ = [
    "MANIFEST",
    "atomic_folder",
    "atomic_path",
    "atomic_write",
    "check_writable",
    "replace_folder",
]

#: The list of files an output folder's last run wrote (one relative path a line), kept
#: in the folder: a later ``--force`` run removes the files of that list it does not
#: write again (stale outputs) and keeps every other file (a user's notes).
MANIFEST = ".iocluster-outputs"


#: errors of the output device (disk full, quota, read-only, I/O): one message, no traceback
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG}


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
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.errno in _WRITE_ERRNOS:
            reason = exc.strerror or errno.errorcode.get(exc.errno or 0, "write error")
            raise IOClusterError(
                f"{target}: cannot write the output ({reason}); nothing was written"
            ) from exc
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(path: str | Path, write: Callable[[Path], object], *, force: bool = False) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` atomically."""
    with atomic_path(path, force=force) as tmp:
        write(tmp)
    return Path(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    ok = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return ok == 0


def replace_folder(new: Path, target: Path, *, keep_others: bool = False) -> None:
    """Put the complete folder ``new`` in the place of ``target`` by renames only.

    ``target`` missing: one rename. ``target`` present: one atomic exchange where the
    system supports it (otherwise two renames, with the old folder kept aside until the
    new one is in place), so at every moment ``target`` is either the old folder or the
    new one, never a mix. With ``keep_others``, entries of the old folder that ``new``
    does not hold (a user's notes beside a report) are hard-linked (or copied) into
    ``new`` first, so they survive the swap; those listed in the old folder's
    :data:`MANIFEST` (outputs of an earlier run that this run did not write) are not.
    """
    if keep_others and target.is_dir():
        _carry_over(target, new, _manifest(target))
    try:
        os.rename(new, target)  # target missing (or an empty folder)
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old folder
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, old / "x")
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _manifest(folder: Path) -> frozenset[str]:
    """The relative paths the last run wrote into ``folder`` (empty when it has no
    readable :data:`MANIFEST`)."""
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _write_manifest(folder: Path) -> None:
    """List every file of ``folder`` (relative POSIX paths) in its :data:`MANIFEST`."""
    files = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name != MANIFEST
    )
    head = "# files written by iocluster into this folder; a --force run replaces them\n"
    (folder / MANIFEST).write_text(head + "".join(f"{f}\n" for f in files), encoding="utf-8")


def _carry_over(old: Path, new: Path, stale: frozenset[str], prefix: str = "") -> bool:
    """Hard-link (or copy) into ``new`` every entry of ``old`` it does not hold, folder
    by folder, except the earlier run's outputs named in ``stale``: a file iocluster
    did not write is never lost. Returns whether a stale output was left behind."""
    dropped = False
    for entry in old.iterdir():
        rel = f"{prefix}{entry.name}"
        dest = new / entry.name
        if entry.name == MANIFEST and not prefix:
            continue
        if entry.is_dir() and not entry.is_symlink():
            if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
                continue
            created = not dest.exists()
            dest.mkdir(exist_ok=True)
            inner = _carry_over(entry, dest, stale, f"{rel}/")
            dropped |= inner
            if created and inner and not any(dest.iterdir()):
                dest.rmdir()  # held only stale outputs
        elif rel in stale and not (dest.exists() or dest.is_symlink()):
            dropped = True
        elif not (dest.exists() or dest.is_symlink()):
            _link_or_copy(str(entry), str(dest))
    return dropped


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)
    return dst


@contextlib.contextmanager
def atomic_folder(
    path: str | Path, *, keep_others: bool = True, force: bool = True
) -> Iterator[Path]:
    """Yield a temporary sibling folder of ``path``; on success it replaces ``path`` by
    :func:`replace_folder`. On an error or interrupt the temporary folder is removed
    and ``path`` is as it was; a ``kill -9`` leaves at most a hidden ``.NAME.*.part``
    sibling, never a partial ``path``. Without ``force``, a file written that already
    exists in ``path`` is refused (before the swap: nothing changes).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_folder(d / "out") as tmp:
    ...     _ = (tmp / "a.txt").write_text("ok")
    >>> sorted(p.name for p in d.iterdir()), (d / "out" / "a.txt").read_text()
    (['out'], 'ok')
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"{target} is a file; expected a folder path")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        if not force and target.is_dir():
            for p in sorted(tmp.rglob("*")):
                old = target / p.relative_to(tmp)
                if p.is_file() and (old.exists() or old.is_symlink()):
                    raise OutputExistsError(f"{old} exists; pass --force to overwrite it")
        _write_manifest(tmp)
        tmp.chmod(0o777 & ~_umask())  # mkdtemp makes 0700 folders
        replace_folder(tmp, target, keep_others=keep_others)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
