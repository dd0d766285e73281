"""Binary table files (``.npz``): every block as a float64 array and the labels, roles and
metadata as one JSON document, in one zip archive (NumPy's ``.npz`` format, stored
uncompressed: flows in full precision hardly compress, and reading is then a copy).

For big tables: a write → read round trip is exact to the bit, and reading costs a
decompression and no number parsing; the loaded arrays are made read-only and become the
table's own (no second copy): reading holds about one ``n × n`` array at its peak
(``python -m benchmarks``, goal 4). The archive is read with ``allow_pickle=False`` (no
code can run) after the zip-bomb checks of :func:`iocluster.io.safety.check_workbook`,
member by member, each checked before it is decompressed (:mod:`iocluster.io.npz_members`).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, TableFormatError
from iocluster.io.atomic import atomic_write
from iocluster.io.npz_members import (
    block_shapes,
    check_member_names,
    read_blocks,
    read_header,
)
from iocluster.io.presize import check_sectors
from iocluster.io.safety import check_workbook
from iocluster.table import LABEL_FIELDS, IOTable, TableMeta, assumption_from

__all__ = ["FORMAT", "read_npz", "write_npz"]

#: Name and version of the layout, stored in the header.
FORMAT = "iocluster-table/1"
_BLOCKS = ("Z", "Y", "V", "F", "x")
_OPTIONAL = ("m", "Zm", "Ym")
_LABELS = LABEL_FIELDS


def _header(table: IOTable) -> str:
    doc: dict[str, Any] = {"format": FORMAT}
    doc.update({k: list(getattr(table, k)) for k in _LABELS})
    doc["kind"] = table.kind
    doc["import_rule"] = table.import_rule
    doc["tags"] = {k: list(v) for k, v in table.tags.items()}
    doc["meta"] = table.meta.to_dict()
    return json.dumps(doc, ensure_ascii=False)


def write_npz(table: IOTable, path: str | Path, *, force: bool = False) -> Path:
    """Write ``table`` to ``path`` (``.npz``) atomically; an existing file is replaced
    only with ``force``.

    >>> import tempfile, pathlib
    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = write_npz(miller_blair_2_3(), pathlib.Path(tempfile.mkdtemp()) / "mb.npz")
    >>> read_npz(p).equals(miller_blair_2_3())
    True
    """
    arrays = {k: np.asarray(getattr(table, k)) for k in _BLOCKS}
    arrays.update(
        {k: np.asarray(getattr(table, k)) for k in _OPTIONAL if getattr(table, k) is not None}
    )
    arrays["header"] = np.array(_header(table))

    def save(tmp: Path) -> None:
        with tmp.open("wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]

    return atomic_write(Path(path), save, force=force)


def _read_only(arr: np.ndarray) -> None:
    """Make ``arr`` and the arrays it is a view of read-only (``np.load`` returns a
    reshaped view of a flat array), so the table keeps it without a copy."""
    a: object = arr
    while isinstance(a, np.ndarray):
        a.setflags(write=False)
        a = a.base


def read_npz(path: str | Path) -> IOTable:
    """Read a table written by :func:`write_npz`.

    Only the members a table has are read, each after its size, type and shape are
    checked against the header (:mod:`iocluster.io.npz_members`): an unknown member,
    a header that is not a table's, a block that is not real numbers of the header's
    shape, or more sectors than the budget are refused before any block is loaded.

    Raises
    ------
    TableFormatError
        The file is not such a table (naming the file, the member and what is wrong).
    """
    p = Path(path)
    loc = Location(p)
    check_workbook(p)
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TableFormatError(Message("io.npz.unreadable", detail=str(exc)), loc) from exc
    with zf:
        check_member_names(zf, loc, ("header", *_BLOCKS, *_OPTIONAL))
        doc = read_header(zf, loc, FORMAT)
        sizes = {k: len(doc[k]) for k in ("codes", "fd_names", "va_names", "satellite_names")}
        check_sectors(sizes["codes"], p)
        shapes = block_shapes(**sizes)
        arrays = read_blocks(zf, loc, {k: shapes[k] for k in (*_BLOCKS, *_OPTIONAL)}, _OPTIONAL)
    for arr in arrays.values():  # read-only: the table keeps them, never copies them
        if arr is not None:
            _read_only(arr)
    meta = dict(doc["meta"])
    meta["assumptions"] = tuple(assumption_from(a) for a in meta.get("assumptions", ()))
    try:
        fields: dict[str, Any] = {k: tuple(doc[k]) for k in _LABELS}
        fields.update(arrays)
        return IOTable(
            **fields,
            kind=doc.get("kind", "domestic"),
            import_rule=doc.get("import_rule", "proportional"),
            tags={k: tuple(v) for k, v in doc["tags"].items()},
            meta=TableMeta(**meta),
        )
    except TypeError as exc:  # an unknown metadata field
        raise TableFormatError(Message("io.npz.not_table", detail=str(exc)), loc) from exc
    except InputError as exc:  # labels or values the table refuses
        raise TableFormatError(exc.message, loc) from exc
