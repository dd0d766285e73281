"""Atomic output: write to a temporary file beside the target, then rename.

An interrupted run (an error, Ctrl-C) leaves the target as it was: no partial report.
One rule for every output (:func:`check_output`, checked by every command before any
work and again when writing): without ``force`` an existing output, a file or a folder
that is not empty, is refused, naming it; with ``force`` a file output is replaced, and
an output folder (:func:`atomic_folder`) has only the files iocluster wrote there
replaced or removed (:mod:`iocluster.io.manifest`), every other file is kept.
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

from iocluster.core.messages import Message
from iocluster.errors import IOClusterError, OutputExistsError
from iocluster.io.manifest import MANIFEST, owned_files, write_manifest

__all__ = [
    "MANIFEST",
    "atomic_folder",
    "atomic_path",
    "atomic_write",
    "check_output",
    "check_writable",
    "replace_folder",
]

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


def _refuse_special(path: Path) -> None:
    if _special(path) or (path.exists() and not path.is_file() and not path.is_dir()):
        raise OutputExistsError(Message("io.out.special", path=str(path)))


def check_output(path: Path, *, force: bool) -> None:
    """The rule every output follows, checked before any work: refuse a device, pipe or
    socket (with or without ``force``); without ``force``, refuse an output that exists,
    a file (or a link) or a folder that is not empty, naming it. An empty folder is no
    output yet.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output(d, force=False)  # an empty folder
    >>> _ = (d / "notes.txt").write_text("mine")
    >>> try:
    ...     check_output(d, force=False)
    ... except OutputExistsError as exc:
    ...     print(str(exc).split(";")[0] == f"{d} is a folder that is not empty")
    True
    """
    _refuse_special(path)
    if force:
        return
    if path.is_dir():
        if any(path.iterdir()):
            raise OutputExistsError(Message("io.out.folder_not_empty", path=str(path)))
    elif path.exists() or path.is_symlink():
        raise OutputExistsError(Message("io.out.exists", path=str(path)))


def check_writable(path: Path, *, force: bool) -> None:
    """:func:`check_output` for an output that is one file: a folder is refused too."""
    _refuse_special(path)
    if path.is_dir():
        raise OutputExistsError(Message("io.out.is_directory", path=str(path)))
    check_output(path, force=force)


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
                Message("io.out.cannot_write", path=str(target), reason=reason)
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


def replace_folder(
    new: Path, target: Path, *, keep_others: bool = False, owned: frozenset[str] | None = None
) -> None:
    """Put the complete folder ``new`` in the place of ``target`` by renames only.

    ``target`` missing: one rename. ``target`` present: one atomic exchange where the
    system supports it (otherwise two renames, with the old folder kept aside until the
    new one is in place), so at every moment ``target`` is either the old folder or the
    new one, never a mix. With ``keep_others``, entries of the old folder that ``new``
    does not hold (a user's notes beside a report) are hard-linked (or copied) into
    ``new`` first, so they survive the swap; the old folder's files that iocluster wrote
    (:func:`~iocluster.io.manifest.owned_files`, or ``owned`` when given) and this run did
    not write again are not.
    """
    if keep_others and target.is_dir():
        _carry_over(target, new, owned_files(target) if owned is None else owned)
    try:
        os.rename(new, target)  # target missing (or an empty folder)
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise
    if _exchange(new, target):
        if new.is_symlink():  # ``target`` was a link: ``new`` is that link now
            new.unlink()
        else:
            shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old folder
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, old / "x")
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _in_the_way(new: Path, old: Path, owned: frozenset[str]) -> None:
    """Refuse the swap when a file of ``new`` would replace a file of ``old`` that
    iocluster did not write (or that changed since), or a file would replace a folder
    or a link (or the reverse); nothing has changed yet."""
    for p in sorted(new.rglob("*")):
        rel = p.relative_to(new).as_posix()
        o = old / rel
        if rel == MANIFEST or not (o.exists() or o.is_symlink()):
            continue
        if p.is_dir() and o.is_dir() and not o.is_symlink():
            continue
        if p.is_file() and o.is_file() and not o.is_symlink() and rel in owned:
            continue
        if o.is_dir() or o.is_symlink():
            raise OutputExistsError(
                Message("io.out.foreign_folder", path=str(o), manifest=MANIFEST)
            )
        raise OutputExistsError(Message("io.out.foreign_file", path=str(o), manifest=MANIFEST))


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
def atomic_folder(path: str | Path, *, force: bool, keep_others: bool = True) -> Iterator[Path]:
    """Yield a temporary sibling folder of ``path``; on success it replaces ``path`` by
    :func:`replace_folder`. On an error or interrupt the temporary folder is removed
    and ``path`` is as it was; a ``kill -9`` leaves at most a hidden ``.NAME.*.part``
    sibling folder (never a link), never a partial ``path``.

    The rule of :func:`check_output`: without ``force`` an existing folder that is not
    empty is refused before anything is written; with ``force`` a file of ``path`` is
    replaced only when iocluster wrote it (:mod:`iocluster.io.manifest`), and the files
    iocluster wrote there earlier and this run does not write again are removed; every
    other file is kept (with ``keep_others``). A ``path`` that is a symbolic link to a
    folder is followed: the output goes into the folder it names.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_folder(d / "out", force=False) as tmp:
    ...     _ = (tmp / "a.txt").write_text("ok")
    >>> sorted(p.name for p in d.iterdir()), (d / "out" / "a.txt").read_text()
    (['out'], 'ok')
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_dir():
        raise OutputExistsError(Message("io.out.is_file", path=str(target)))
    check_output(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        owned = owned_files(target) if force and target.is_dir() else frozenset()
        if target.is_dir():
            _in_the_way(tmp, target, owned)
        write_manifest(tmp)
        tmp.chmod(0o777 & ~_umask())  # mkdtemp makes 0700 folders
        replace_folder(tmp, target, keep_others=keep_others, owned=owned)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
