"""Read one sheet or CSV file as a pandas frame, through the safe loaders of :mod:`cells`.

Every reader of side files (format readers, concordances, regional data, margins) goes
through here, so they all get the same protections and the same messages as the table
reader: size caps and defused XML, one clear error for ``.xls``, encrypted, damaged or
misnamed files, UTF-8 or Windows-1251 text, the delimiter sniffed among ``, ; tab``,
and numbers parsed by :func:`iocluster.io.cells.parse_number` (``1 234,5``,
``1,234.5`` and ``(12)`` alike).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iocluster.errors import Location, TableFormatError
from iocluster.io.cells import Grid, list_sheets, load_csv, load_xlsx, parse_number
from iocluster.labels import normalize_text

__all__ = ["WORKBOOK_SUFFIXES", "read_cells", "read_frame", "read_grid", "to_number", "txt"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: cells that statistics offices print for suppressed or not-available values
_SUPPRESSED = {"...", "…", "(D)", "(X)", "n.a."}


def read_cells(path: str | Path, sheet: str | int | None = None) -> Grid:
    """One sheet of a workbook (the first if ``sheet`` is None) or a CSV file, as a
    :class:`~iocluster.io.cells.Grid`.

    Raises
    ------
    TableFormatError
        The file cannot be read (damaged, encrypted, ``.xls``, a formula cell without a
        cached value, no such sheet).
    """
    p = Path(path)
    if p.suffix.lower() not in WORKBOOK_SUFFIXES:
        return load_csv(p)
    if isinstance(sheet, int):
        names = list_sheets(p)
        if not 0 <= sheet < len(names):
            raise TableFormatError(f"no sheet number {sheet + 1}", Location(p))
        sheet = names[sheet]
    grid = load_xlsx(p, sheet)
    if grid.formulas:
        r, c = min(grid.formulas)
        raise grid.error(
            r, c, "holds a formula with no cached value; open and save the file in Excel"
        )
    return grid


def read_grid(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """The whole sheet (or CSV) as a frame of stripped strings, no header ("" = empty)."""
    grid = read_cells(path, sheet)
    width = grid.ncols
    rows = [[normalize_text(grid.text(r, c)) for c in range(width)] for r in range(grid.nrows)]
    return pd.DataFrame(rows, dtype=object)


def read_frame(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """A sheet or CSV file with its first non-empty row as the header.

    Cells keep their type (numbers from a workbook, strings from a CSV; ``None`` when
    empty); empty rows and columns are dropped.

    Raises
    ------
    TableFormatError
        The file cannot be read or has no header row.
    """
    grid = read_cells(path, sheet)
    rows = [r for r in grid.rows if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        raise TableFormatError("the file is empty", Location(Path(path), grid.sheet))
    width = max(len(r) for r in rows)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    header = ["" if v is None else normalize_text(v) for v in rows[0]]
    df = pd.DataFrame(rows[1:], columns=header, dtype=object)
    keep = [c for c, h in enumerate(header) if h or df.iloc[:, c].notna().any()]
    return df.iloc[:, keep]


def to_number(text: object, loc: Location) -> float:
    """A cell as a float: blanks, dashes and suppression marks (``...``, ``(D)``) are 0.

    >>> to_number("1,234.5", Location()), to_number("(D)", Location())
    (1234.5, 0.0)
    """
    if isinstance(text, str) and text.strip() in _SUPPRESSED:
        return 0.0
    try:
        return parse_number(text, blank=0.0)
    except ValueError:
        raise TableFormatError(f"expected a number, found '{text}'", loc) from None


def txt(grid: pd.DataFrame, r: int, c: int) -> str:
    """The text of one cell of a :func:`read_grid` frame."""
    return str(grid.iat[r, c])
