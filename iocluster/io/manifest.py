"""The list of files iocluster wrote into an output folder, with their checksums.

An output folder (``analyze -o DIR``, ``--format csv -o DIR``, a CSV-folder table, the
regional tables of ``regionalize``) holds :data:`MANIFEST`: one line per file the last run
wrote, ``<sha256>  <relative path>`` (the format of ``sha256sum``, so
``sha256sum -c .iocluster-outputs`` checks it). A later ``--force`` run replaces or
removes only the files it *owns* (:func:`owned_files`): listed with the checksum the file
still has. A file the user put there, a report the user edited since, or a line of a
crafted manifest naming the user's notes is not owned, so it is never replaced or
removed. Lines without a checksum (manifests of iocluster before issue 27) own nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

__all__ = ["MANIFEST", "owned_files", "write_manifest"]

#: The list of files an output folder's last run wrote, kept in the folder.
MANIFEST = ".iocluster-outputs"
_HEAD = (
    "# files written by iocluster into this folder, with their SHA-256 checksums; a --force\n"
    "# run replaces or removes only the files listed here that still have their checksum\n"
)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _files(folder: Path) -> list[str]:
    """Every regular file under ``folder`` (relative POSIX paths), links not followed,
    without the folder's own :data:`MANIFEST`."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and p.relative_to(folder).as_posix() != MANIFEST
    )


def write_manifest(folder: Path) -> None:
    """List every file of ``folder`` with its checksum in ``folder/MANIFEST``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("ok")
    >>> write_manifest(d)
    >>> (d / MANIFEST).read_text().splitlines()[-1].split("  ")[1], sorted(owned_files(d))
    ('a.txt', ['a.txt'])
    """
    lines = [f"{_sha256(folder / rel)}  {rel}\n" for rel in _files(folder)]
    (folder / MANIFEST).write_text(_HEAD + "".join(lines), encoding="utf-8")


def owned_files(folder: Path) -> frozenset[str]:
    """The relative paths in ``folder`` that iocluster wrote and nobody changed since:
    listed in its :data:`MANIFEST` with the checksum the regular file there still has
    (empty when the folder has no readable manifest). Paths leaving the folder
    (absolute, ``..``) and links are never owned."""
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    out = set()
    root = folder.resolve()
    for line in text.splitlines():
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or line.startswith("#"):
            continue
        parts = PurePosixPath(rel).parts
        if not parts or rel.startswith("/") or ".." in parts or rel == MANIFEST:
            continue
        p = folder.joinpath(*parts)
        try:
            inside = p.resolve().parent == root.joinpath(*parts[:-1])  # no linked folder
            if inside and p.is_file() and not p.is_symlink() and _sha256(p) == digest:
                out.add(PurePosixPath(*parts).as_posix())
        except OSError:
            continue
    return frozenset(out)
