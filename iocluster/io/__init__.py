"""Readers and writers of input-output tables (DESIGN.md §3).

- :func:`read_table` reads a canonical workbook, a canonical CSV folder (also the layout
  of the published 2022 Uzbekistan files), or a published single-sheet table
  (``.xlsx`` sheet or ``.csv``) as statistics offices lay it out.
- :func:`write_table` writes the canonical workbook (``.xlsx``), a CSV folder (a path
  without suffix) or a binary ``.npz`` table; write → read round-trips exactly.
- :func:`write_template` writes the empty, documented canonical workbook.

Modules: ``roles`` (vocabulary), ``cells`` (grids, number parsing, A1 locations),
``canonical`` (layout), ``assemble`` (blocks → table), ``workbook``, ``csvfolder``,
``published`` (single-sheet detection), ``checks`` (totals), ``atomic`` (output).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, TableFormatError

if TYPE_CHECKING:  # the readers load the table type (and numpy) when they run
    from iocluster.table import IOTable

__all__ = ["check_table_target", "read_table", "write_table", "write_template"]


def _check_finite(table: IOTable, path: Path) -> IOTable:
    """Refuse a table whose totals overflow (flows near 1e308 add up to infinity)."""
    import numpy as np

    with np.errstate(over="ignore", invalid="ignore"):
        sums = {
            Message("io.part.output"): table.x,
            Message("io.part.total_use_long"): table.Z.sum(1) + table.Y.sum(1),
            Message("io.part.total_inputs"): table.Z.sum(0) + table.V.sum(0),
        }
    for what, v in sums.items():
        bad = np.flatnonzero(~np.isfinite(v))
        if bad.size:
            raise TableFormatError(
                Message("io.table.overflow", what=what, sector=table.codes[bad[0]]),
                Location(path),
            )
    return table


def _with_meta(table: IOTable, meta: Mapping[str, Any] | None) -> IOTable:
    if not meta:
        return table
    from iocluster.table import TableMeta

    known = {f for f in TableMeta.__dataclass_fields__}
    bad = set(meta) - known
    if bad:
        raise InputError(
            Message("io.meta.unknown_field", field=sorted(bad)[0], fields=sorted(known))
        )
    return table.with_meta(**dict(meta))


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> IOTable:
    """Read an input-output table from a workbook, a CSV file or a CSV folder.

    Parameters
    ----------
    path
        A folder of CSV files (canonical layout), a canonical workbook (``.xlsx`` with an
        ``intermediate_use`` sheet), or a published single-sheet table (``.xlsx`` or
        ``.csv``): see :mod:`iocluster.io.published`.
    sheet
        Sheet of a published workbook (default: the first sheet).
    mapping
        ``label -> role`` overrides of role recognition (see
        :func:`iocluster.io.roles.mapping_role` for the accepted roles).
    meta
        Metadata fields to set on the result (e.g. ``{"currency": "UZS",
        "scale": "million"}``), overriding what the file says.

    Raises
    ------
    TableFormatError
        Naming the file, sheet and cell, and what was expected there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mb.xlsx"
    >>> _ = write_table(miller_blair_2_3(), p)
    >>> read_table(p).x.tolist()
    [1000.0, 2000.0]
    """
    import numpy as np

    # sums of huge flows overflow while the table is read: _check_finite names the sector
    with np.errstate(over="ignore", invalid="ignore"):
        return _read(Path(path), sheet=sheet, mapping=mapping, meta=meta)


def _read(
    p: Path,
    *,
    sheet: str | None,
    mapping: Mapping[str, str] | None,
    meta: Mapping[str, Any] | None,
) -> IOTable:
    if not p.exists():
        raise TableFormatError(Message("io.file.missing"), Location(p))
    if p.is_dir():
        from iocluster.io.csvfolder import read_csv_folder

        return _with_meta(_check_finite(read_csv_folder(p, mapping=mapping), p), meta)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"):
        from iocluster.io.workbook import is_canonical_workbook, read_workbook

        if sheet is None and is_canonical_workbook(p):
            return _with_meta(_check_finite(read_workbook(p, mapping=mapping), p), meta)
        from iocluster.io.published import read_published

        table = read_published(p, sheet=sheet, mapping=mapping)
        return _with_meta(_check_finite(table, p), meta)
    if suffix in (".csv", ".txt", ".tsv"):
        from iocluster.io.published import read_published

        return _with_meta(_check_finite(read_published(p, mapping=mapping), p), meta)
    if suffix == ".npz":
        from iocluster.io.binary import read_npz

        return _with_meta(read_npz(p), meta)
    raise TableFormatError(
        Message("io.table.unknown_suffix", suffix=p.suffix),
        Location(p),
    )


def _table_kind(p: Path) -> str:
    """What a table written to ``p`` is: ``xlsx``, ``npz`` or ``folder`` (CSV)."""
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".npz"):
        return suffix[1:]
    if suffix == "" or p.is_dir():
        return "folder"
    raise InputError(Message("io.table.cannot_write_kind", name=p.name))


def check_table_target(path: str | Path, *, force: bool = False) -> None:
    """Refuse, before any work, a path :func:`write_table` would refuse: an unknown
    suffix, a folder where a file goes, an existing output without ``force``."""
    from iocluster.io.atomic import check_output, check_writable

    p = Path(path)
    if _table_kind(p) == "folder":
        if p.exists() and not p.is_dir():
            raise InputError(Message("io.table.file_not_folder", path=str(p)))
        check_output(p, force=force)
    else:
        check_writable(p, force=force)


def write_table(table: IOTable, path: str | Path, *, force: bool = False) -> Path:
    """Write ``table`` in the canonical layout, atomically.

    ``.xlsx`` → the canonical workbook; ``.npz`` → a binary table (exact, fast to read:
    :mod:`iocluster.io.binary`); a path without suffix → a canonical CSV folder.
    An existing output is replaced only with ``force`` (a CSV folder: only the files
    iocluster wrote there, :func:`iocluster.io.atomic.atomic_folder`).
    """
    p = Path(path)
    kind = _table_kind(p)
    if kind == "xlsx":
        from iocluster.io.workbook import write_workbook

        return write_workbook(table, p, force=force)
    if kind == "npz":
        from iocluster.io.binary import write_npz

        return write_npz(table, p, force=force)
    from iocluster.io.csvfolder import write_csv_folder

    return write_csv_folder(table, p, force=force)


def write_template(path: str | Path, *, force: bool = False) -> Path:
    """Write the empty, documented canonical workbook (``iocluster template OUT``)."""
    from iocluster.io.workbook import write_template as _write

    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise InputError(Message("io.table.template_xlsx", name=p.name))
    return _write(p, force=force)
