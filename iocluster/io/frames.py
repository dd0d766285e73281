"""Read one sheet or CSV file as a pandas frame, through the safe loaders of :mod:`cells`.

Every reader of side files (format readers, concordances, regional data, margins) goes
through here, so they all get the same protections and the same messages as the table
reader: size caps and refused DTDs, ``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls`` and ``.ods``
read alike, one clear error for encrypted, damaged or misnamed files, UTF-8 or
Windows-1251 text, the delimiter sniffed among ``, ; tab``,
and numbers parsed by :func:`iocluster.io.cells.parse_number` (``1 234,5``,
``1,234.5`` and ``(12)`` alike).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.cells import Grid, cell_text, load_csv, parse_number
from iocluster.io.spreadsheet import list_sheets, load_xlsx

__all__ = [
    "WORKBOOK_SUFFIXES",
    "numbers",
    "read_cells",
    "read_frame",
    "read_grid",
    "to_number",
    "txt",
]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: cells that statistics offices print for suppressed or not-available values
_SUPPRESSED = {"...", "…", "(D)", "(X)", "n.a."}


def read_cells(path: str | Path, sheet: str | int | None = None) -> Grid:
    """One sheet of a workbook (the first if ``sheet`` is None) or a CSV file, as a
    :class:`~iocluster.io.cells.Grid`.

    Raises
    ------
    TableFormatError
        The file cannot be read (damaged, encrypted, a formula cell without a
        cached value, no such sheet).
    """
    p = Path(path)
    if p.suffix.lower() not in WORKBOOK_SUFFIXES:
        return load_csv(p)
    if isinstance(sheet, int):
        names = list_sheets(p)
        if not 0 <= sheet < len(names):
            raise TableFormatError(
                Message("io.workbook.no_sheet_number", number=sheet + 1), Location(p)
            )
        sheet = names[sheet]
    grid = load_xlsx(p, sheet)
    if grid.formulas:
        r, c = min(grid.formulas)
        raise grid.error(r, c, Message("io.cell.formula_short"))
    return grid


def read_grid(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """The whole sheet (or CSV) as a frame of stripped strings, no header ("" = empty)."""
    grid = read_cells(path, sheet)
    width = grid.ncols
    rows = [[normalize_text(grid.text(r, c)) for c in range(width)] for r in range(grid.nrows)]
    return pd.DataFrame(rows, dtype=object)


def read_frame(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """A sheet or CSV file with its first non-empty row as the header; title rows above it
    (first cell starting with ``#``) are skipped and kept in ``attrs["titles"]``
    (:mod:`iocluster.io.illustrative` reads them).

    Cells keep their type (numbers from a workbook, strings from a CSV; ``None`` when
    empty); empty rows and columns are dropped. The index is the row number in the file
    (so messages can name it), ``attrs["location"]`` the file and sheet (for
    :func:`numbers`).

    Raises
    ------
    TableFormatError
        The file cannot be read or has no header row.
    """
    grid = read_cells(path, sheet)
    numbered = [(i + 1, r) for i, r in enumerate(grid.rows) if any(_filled(v) for v in r)]
    titles = []
    while (
        numbered and _filled(numbered[0][1][0]) and str(numbered[0][1][0]).strip().startswith("#")
    ):
        titles.append(str(numbered.pop(0)[1][0]).strip())
    if not numbered:
        raise TableFormatError(Message("io.file.empty"), Location(Path(path), grid.sheet))
    width = max(len(r) for _, r in numbered)
    rows = [
        [None if not _filled(v) else v for v in r] + [None] * (width - len(r)) for _, r in numbered
    ]
    header = [normalize_text(cell_text(v)) for v in rows[0]]
    index = pd.Index([i for i, _ in numbered[1:]], name="row")
    df = pd.DataFrame(rows[1:], columns=header, index=index, dtype=object)
    keep = [c for c, h in enumerate(header) if h or df.iloc[:, c].notna().any()]
    df = df.iloc[:, keep]
    df.attrs["location"] = Location(Path(path), grid.sheet)
    df.attrs["titles"] = titles
    return df


def _filled(v: object) -> bool:
    return v is not None and str(v).strip() != ""


def numbers(df: pd.DataFrame, *, blank: float | None = 0.0) -> np.ndarray:
    """The cells of a :func:`read_frame` frame as a float array (``blank`` for empty
    cells; ``None``: empty cells are an error).

    Raises
    ------
    TableFormatError
        Naming the file, the row (as numbered in the file) and the column header of
        the first cell that is not a number.
    """
    loc = df.attrs.get("location", Location())
    out = np.empty(df.shape)
    for j, col in enumerate(df.columns):
        for i, (row, v) in enumerate(df.iloc[:, j].items()):
            try:
                out[i, j] = parse_number(v, blank=blank)
            except ValueError:
                shown = Message("io.cell.empty") if v is None else f"'{v}'"
                cell = Message("io.where.row_column", row=str(row), column=str(col))
                where = Location(loc.file, loc.sheet, cell)
                raise TableFormatError(Message("io.cell.not_number", found=shown), where) from None
    return out


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
        raise TableFormatError(Message("io.cell.not_number", found=f"'{text}'"), loc) from None


def txt(grid: pd.DataFrame, r: int, c: int) -> str:
    """The text of one cell of a :func:`read_grid` frame."""
    return str(grid.iat[r, c])
