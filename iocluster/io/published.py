"""The published layout: one sheet (``.xlsx``) or one ``.csv`` as statistics offices lay
out an input-output table (DESIGN.md §3).

Detection
---------
1. The intermediate block ``Z`` is the largest square block whose row labels (a label
   column) equal its column labels (a header row), in the same order, after
   :func:`~iocluster.core.labels.normalize_label` (so ``А01`` with a Cyrillic ``А`` matches
   ``A01``). When there is a code column and a name column, the one that looks like
   codes gives the sector codes and the other the names.
2. Every other column holding numbers in the sector rows is a final-demand category,
   imports (a supply column: the table is then a total-use table), output or a total.
   Its label is read from the header rows above the data (merged and multi-row headers
   are joined for recognition; the lowest header cell is the display name).
3. Every other row holding numbers below the block is a primary input, gross value
   added, output, a total or a satellite row (e.g. employment, in persons).
4. Roles come from the labels (English, Russian, Uzbek: :mod:`iocluster.io.roles`), or
   from ``mapping``; a label that cannot be placed is an error naming its cell.
5. Totals are checked against their parts (relative tolerance ``1e-4``), then dropped;
   a mismatch is a :class:`~iocluster.errors.TableCheckWarning` naming the total, the
   sector and the residual.

Empty cells and dashes in the data area are zeros (statistics offices print zeros so);
text is an error naming the cell. Thousands separators and decimal commas are accepted.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from openpyxl.utils import get_column_letter

from iocluster.core.labels import looks_like_code, normalize_label, normalize_text
from iocluster.core.messages import Message
from iocluster.errors import Location, TableCheckWarning, TableFormatError, Text
from iocluster.io.cells import Grid, load_csv, parse_number, place
from iocluster.io.checks import check_total, close, fd_role, with_gva
from iocluster.io.roles import Role, lookup
from iocluster.io.spreadsheet import load_xlsx
from iocluster.table import IOTable

__all__ = ["find_block", "read_published"]

#: Where the header row and the label column of a table with numeric codes are looked
#: for (``find_block(numeric=True)``, where every number could be a label): the first
#: rows holding labels and the first columns, as statistics offices lay tables out. Keeps
#: the search O(n²) instead of O(n³).
NUMERIC_HEADER_ROWS = 20
NUMERIC_LABEL_COLS = 10


#: a plain number (no separators): not a label in the text pass, checked before parsing
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _label(grid: Grid, r: int, c: int, numeric: bool) -> str | None:
    """Matching key of a label cell, or None when the cell is blank or a number."""
    return _label_of(grid.get(r, c), numeric)


def _label_of(v: object, numeric: bool) -> str | None:
    """Matching key of a cell value (see :func:`_label`)."""
    if v is None:
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        if numeric and float(v).is_integer():
            return str(int(v))
        return None
    s = str(v).strip()
    if not s or (not numeric and _PLAIN_NUMBER.fullmatch(s)):
        return None
    try:
        parse_number(s)
        if not numeric:
            return None
    except ValueError:
        pass
    return normalize_label(s).lower()


#: the label column (sector codes) is searched among this many leftmost columns
MAX_LABEL_COLUMN = 32


def _numbers_beside(grid: Grid, hr: int, lc: int, R: list[int], C: list[int]) -> bool:
    """Whether a number-like label sits next to the block (just above or below it in the
    label column, just left or right of it in the header row): then a larger block that
    reads numbers as codes may take it in."""
    cells = [(r, lc) for r in (R[0] - 1, R[-1] + 1) if r > hr]
    cells += [(hr, c) for c in (C[0] - 1, C[-1] + 1) if c > lc]
    return any(
        _label(grid, r, c, False) is None and _label(grid, r, c, True) is not None for r, c in cells
    )


def find_block(grid: Grid, *, numeric: bool = False) -> tuple[int, int, list[int], list[int]]:
    """Find ``Z``: (header row, label column, sector rows, sector columns).

    Raises ``TableFormatError`` when no square block of at least two sectors exists.
    """
    width = grid.ncols
    labels = [
        [_label_of(v, numeric) for v in row] + [None] * (width - len(row)) for row in grid.rows
    ]
    # header rows hold at least two labels; label columns too, counted over every row (a
    # table without a name column has one label per data row)
    row_ok = [r for r in range(grid.nrows) if sum(x is not None for x in labels[r]) >= 2]
    # the label column is one of the first MAX_LABEL_COLUMN columns (a table's codes and
    # names come first): a wide file of numbers costs O(rows × columns), not the square
    # (counted over every row: sector rows without a name column hold one label each)
    col_ok = [
        c
        for c in range(min(grid.ncols, MAX_LABEL_COLUMN))
        if sum(labels[r][c] is not None for r in range(grid.nrows)) >= 2
    ]
    if numeric:  # every number is a label now: look for the header near the top-left only
        row_ok, col_ok = row_ok[:NUMERIC_HEADER_ROWS], col_ok[:NUMERIC_LABEL_COLS]
    best: tuple[int, int, int, list[int], list[int]] = (0, 0, 0, [], [])
    best_lc = 0
    for hr in row_ok:
        header = [(c, labels[hr][c]) for c in range(grid.ncols) if labels[hr][c] is not None]
        for lc in col_ok:
            if numeric and labels[hr][lc] is not None and _is_number(grid.text(hr, lc)):
                # the corner of a real block is a title ("Code") or blank: a number there
                # means the "header" is a data row (a one-sector table's values)
                continue
            hseq = [(c, k) for c, k in header if c > lc]
            hpos = {k: i for i, (_, k) in enumerate(hseq)}
            rseq = [(r, labels[r][lc]) for r in range(hr + 1, grid.nrows) if labels[r][lc]]
            i = 0
            while i < len(rseq):
                j = hpos.get(rseq[i][1])
                n = 0
                while (
                    j is not None
                    and i + n < len(rseq)
                    and j + n < len(hseq)
                    and rseq[i + n][1] == hseq[j + n][1]
                ):
                    n += 1
                if n >= 2:
                    codes = sum(looks_like_code(grid.text(r, lc)) for r, _ in rseq[i : i + n])
                    if (n, codes) > (best[0], best[1]):
                        rows = [r for r, _ in rseq[i : i + n]]
                        cols = [c for c, _ in hseq[j : j + n]]  # type: ignore[operator]
                        best = (n, codes, hr, rows, cols)
                        best_lc = lc
                i += max(n, 1)
    if not numeric:
        # numeric-looking codes (01, 02 beside 05-09) are codes: a larger block that
        # takes them in, and every label the text pass found, wins
        alt = None
        if best[0] < 2 or _numbers_beside(grid, best[2], best_lc, best[3], best[4]):
            try:
                alt = find_block(grid, numeric=True)
            except TableFormatError:
                alt = None
        if alt is not None and len(alt[2]) > best[0] and set(best[3]) <= set(alt[2]):
            return alt
    if best[0] < 2:
        raise TableFormatError(Message("io.layout.no_block"), Location(grid.file, grid.sheet))
    return best[2], best_lc, best[3], best[4]


def _col_label(grid: Grid, c: int, top: int) -> tuple[str, str, int]:
    """(display name, joined header text, header row) of column ``c`` above row ``top``."""
    texts = [(r, normalize_text(grid.text(r, c))) for r in range(top)]
    texts = [(r, t) for r, t in texts if t and not _is_number(t)]
    if not texts:
        return "", "", max(top - 1, 0)
    return texts[-1][1], " ".join(t for _, t in texts), texts[-1][0]


def _row_label(grid: Grid, r: int, left: int) -> tuple[str, str, int]:
    """(display name, joined text, label column) of row ``r`` left of column ``left``."""
    texts = [(c, normalize_text(grid.text(r, c))) for c in range(left)]
    texts = [(c, t) for c, t in texts if t and not _is_number(t)]
    if not texts:
        return "", "", 0
    return texts[-1][1], " ".join(t for _, t in texts), texts[0][0]


def _numbers_in(grid: Grid, cells: list[tuple[int, int]]) -> bool:
    """Whether the cells hold numbers (at least one), blanks and dashes aside."""
    seen = False
    for r, c in cells:
        if grid.is_blank(r, c):
            continue
        try:
            parse_number(grid.get(r, c), decimal_comma=grid.decimal_comma, blank=0.0)
        except ValueError:
            return False
        seen = True
    return seen


def _check_nothing_beside(grid: Grid, hr: int, lc: int, R: list[int], C: list[int]) -> None:
    """Refuse a sector row or column left out of the block: between the header row and
    the block, a row holding numbers in the sector columns, or between the label column
    and the block, a column holding numbers in the sector rows (its sector label is
    blank, a formula without a cached value, or does not match). A blank or formula
    label is named before a mismatched one (it is the likelier cause)."""
    found: list[tuple[int, TableFormatError]] = []
    lines = [("column", hr, c, [(r, c) for r in R]) for c in range(lc + 1, C[0])]
    lines += [("row", r, lc, [(r, c) for c in C]) for r in range(hr + 1, R[0])]
    for axis, r, c, cells in lines:
        if not _numbers_in(grid, cells):
            continue
        label = grid.text(r, c).strip()
        rank = 1 if label and (r, c) not in grid.formulas else 0
        found.append((rank, grid.error(r, c, _label_missing(axis, label, (r, c) in grid.formulas))))
    if found:
        raise min(found, key=lambda f: f[0])[1]


def _label_missing(axis: str, label: str, formula: bool) -> Message:
    """Why the sector label of a ``row`` or ``column`` holding numbers is unreadable."""
    if axis == "column":
        if formula:
            return Message("io.layout.column_label_formula")
        if not label:
            return Message("io.layout.column_label_empty")
        return Message("io.layout.column_label_unmatched", label=label)
    if formula:
        return Message("io.layout.row_label_formula")
    if not label:
        return Message("io.layout.row_label_empty")
    return Message("io.layout.row_label_unmatched", label=label)


def _is_number(s: str) -> bool:
    try:
        parse_number(s)
    except ValueError:
        return False
    return True


def _role(name: str, joined: str, mapping: Mapping[str, str] | None, axis: str) -> Role | None:
    for key in (name, joined):
        if mapping and any(normalize_text(k) == key for k in mapping):
            return lookup(key, mapping, axis=axis)
    return lookup(joined, None, axis=axis) or lookup(name, mapping, axis=axis)


def _unit(role: Role, label: str) -> str:
    low = label.lower()
    if role.unit == "persons" and ("thousand" in low or "тыс" in low or "ming" in low):
        return "thousand persons"
    return role.unit


def _sector_labels(grid: Grid, lc: int, R: list[int], C: list[int]) -> tuple[list[str], list[str]]:
    """Codes and names of the sectors: the label column, and another text column beside
    it (the one that looks like codes gives the codes)."""
    others = [
        c
        for c in range(C[0])
        if c != lc and all(normalize_text(grid.text(r, c)) for r in R)
        and not all(_is_number(grid.text(r, c)) for r in R)
    ]  # fmt: skip
    code_col, name_col = lc, (others[0] if others else lc)
    if others and not all(looks_like_code(grid.text(r, lc)) for r in R):
        if all(looks_like_code(grid.text(r, others[0])) for r in R):
            code_col, name_col = others[0], lc
    return [grid.text(r, code_col) for r in R], [grid.text(r, name_col) for r in R]


@dataclass
class _Columns:
    """The columns right of the intermediate block, by role."""

    fd: list[tuple[str, str, np.ndarray]] = field(default_factory=list)
    m: np.ndarray | None = None
    x: np.ndarray | None = None
    totals: list[tuple[str, np.ndarray]] = field(default_factory=list)


def _read_columns(
    grid: Grid, R: list[int], C: list[int], mapping: Mapping[str, str] | None
) -> _Columns:
    """Place every non-sector column: final demand, imports, output or a total; a column
    that cannot be placed is an error naming its header cell."""
    out, cset = _Columns(), set(C)
    for c in range(grid.ncols):
        if c in cset or c < C[0] or all(grid.is_blank(r, c) for r in R):
            continue
        name, joined, hrow = _col_label(grid, c, R[0])
        role = _role(name, joined, mapping, "column")
        if role is None or role.kind in ("va", "gva", "sat"):
            found = f"'{name}'" if name else Message("io.layout.no_label")
            raise TableFormatError(
                Message(
                    "io.layout.cannot_place_column",
                    column=get_column_letter(c + 1),
                    found=found,
                    mapping=f"mapping={{'{name or '...'}': ROLE}}",
                ),
                grid.where(hrow, c),
            )
        if role.kind == "ignore":
            continue
        vals = grid.numbers(R, [c], blank=0.0)[:, 0]
        if role.kind == "fd":
            out.fd.append((name, fd_role(role), vals))
        elif role.kind == "imports":
            out.m = -vals if np.sum(vals) < 0 else vals
        elif role.kind == "output":
            out.x = vals
        else:
            out.totals.append((name, vals))
    return out


@dataclass
class _Rows:
    """The rows below the intermediate block, by role."""

    va: list[tuple[str, Role, np.ndarray]] = field(default_factory=list)
    gva: list[np.ndarray] = field(default_factory=list)
    sats: list[tuple[str, str, np.ndarray]] = field(default_factory=list)
    x: np.ndarray | None = None
    totals: list[tuple[str, np.ndarray]] = field(default_factory=list)


def _read_rows(grid: Grid, R: list[int], C: list[int], mapping: Mapping[str, str] | None) -> _Rows:
    """Place every non-sector row: primary inputs, gross value added, satellites, output
    or a total; a row that cannot be placed is an error naming its label cell, and values
    under non-sector columns are warned about."""
    out, rset = _Rows(), set(R)
    fd_cols = list(range(C[-1] + 1, grid.ncols))
    for r in range(R[0], grid.nrows):
        if r in rset or all(grid.is_blank(r, c) for c in C):
            continue
        name, joined, lcol = _row_label(grid, r, C[0])
        role = _role(name, joined, mapping, "row")
        if role is None or role.kind == "fd":
            found = f"'{name}'" if name else Message("io.layout.no_label")
            raise TableFormatError(
                Message(
                    "io.layout.cannot_place_row",
                    row=str(r + 1),
                    found=found,
                    mapping=f"mapping={{'{name or '...'}': ROLE}}",
                ),
                grid.where(r, lcol),
            )
        if role.kind == "ignore":
            continue
        vals = grid.numbers([r], C, blank=0.0)[0]
        if role.kind in ("va", "imports"):
            out.va.append((name, Role("va", role.role), vals))
        elif role.kind == "gva":
            out.gva.append(vals)
        elif role.kind == "sat":
            out.sats.append((name, _unit(role, joined), vals))
        elif role.kind == "output":
            out.x = vals
        else:
            out.totals.append((name, vals))
            continue
        extra = [c for c in fd_cols if not grid.is_blank(r, c) and grid.number(r, c, blank=0.0)]
        if extra and role.kind != "output":
            warnings.warn(
                TableCheckWarning(
                    Message(
                        "io.layout.values_beside", where=place(grid.where(r, extra[0])), name=name
                    )
                ),
                stacklevel=3,
            )
    return out


def _output(
    cols: _Columns, rows: _Rows, Z: np.ndarray, Y: np.ndarray, V: np.ndarray, codes: list[str]
) -> np.ndarray:
    """Output: the explicit row or column (the one that equals its parts when they
    differ), else a total row equal to total inputs, else total use less imports."""
    m = cols.m if cols.m is not None else 0.0
    use = Z.sum(1) + Y.sum(1)
    x = cols.x if cols.x is not None else rows.x
    if cols.x is not None and rows.x is not None and not bool(np.all(close(cols.x, rows.x))):
        uses_ok = bool(np.all(close(cols.x, use - m)))
        if not uses_ok and bool(np.all(close(rows.x, Z.sum(0) + V.sum(0)))):
            check_total(
                Message("io.part.output_column"),
                cols.x,
                {Message("io.part.output_row"): rows.x},
                codes,
            )
            x = rows.x
        else:
            check_total(
                Message("io.part.output_row"),
                rows.x,
                {Message("io.part.output_column"): cols.x},
                codes,
            )
    if x is None:
        x = next((t for _, t in rows.totals if bool(np.all(close(t, Z.sum(0) + V.sum(0))))), None)
    return use - m if x is None else x


def _check_totals(
    where: list[str | Text], cols: _Columns, rows: _Rows, Z: np.ndarray, Y: np.ndarray,
    V: np.ndarray, x: np.ndarray, codes: list[str],
) -> None:  # fmt: skip
    """Totals rows and columns are checked against the parts they may sum, not trusted."""
    use = Z.sum(1) + Y.sum(1)
    supply = x + (0.0 if cols.m is None else cols.m)
    col_parts = {
        Message("io.part.intermediate_use"): Z.sum(1),
        Message("io.part.final_demand"): Y.sum(1),
        Message("io.part.total_use"): use,
        Message("io.part.output"): x,
        Message("io.part.output_plus_imports"): supply,
    }
    for name, t in cols.totals:
        check_total(Message("io.total.column", where=where, name=name), t, col_parts, codes)
    row_parts = {
        Message("io.part.intermediate_inputs"): Z.sum(0),
        Message("io.part.primary_inputs"): V.sum(0),
        Message("io.part.total_inputs"): Z.sum(0) + V.sum(0),
        Message("io.part.output"): x,
    }
    for name, t in rows.totals:
        check_total(Message("io.total.row", where=where, name=name), t, row_parts, codes)


def read_published(
    path: str | Path, *, sheet: str | None = None, mapping: Mapping[str, str] | None = None
) -> IOTable:
    """Read a table in the published single-sheet layout (``.xlsx`` sheet or ``.csv``):
    find the intermediate block (:func:`find_block`), the sector labels, then place the
    other columns and rows by role, choose the output and check the totals."""
    p = Path(path)
    grid = load_csv(p) if p.suffix.lower() in (".csv", ".txt", ".tsv") else load_xlsx(p, sheet)
    grid.detect_number_style()
    hr, lc, R, C = find_block(grid)
    _check_nothing_beside(grid, hr, lc, R, C)
    n = len(R)
    raw, names = _sector_labels(grid, lc, R, C)
    codes = [normalize_label(c) for c in raw]
    Z = grid.numbers(R, C, blank=0.0)
    cols, rows = _read_columns(grid, R, C, mapping), _read_rows(grid, R, C, mapping)
    Y = np.array([v for _, _, v in cols.fd]).reshape(len(cols.fd), n).T
    va = with_gva(rows.va, rows.gva, "gross value added")
    V = np.array([v for _, _, v in va]).reshape(len(va), n)
    x = _output(cols, rows, Z, Y, V, codes)
    where = place(Location(p, grid.sheet))
    _check_totals(where, cols, rows, Z, Y, V, x, codes)
    sats = rows.sats
    return IOTable.from_arrays(
        Z=Z, Y=Y, V=V, codes=codes, names=names, labels=raw, x=x,
        fd_names=[f[0] or f"final demand {i + 1}" for i, f in enumerate(cols.fd)],
        fd_roles=[f[1] for f in cols.fd],
        va_names=[v[0] or f"primary input {i + 1}" for i, v in enumerate(va)],
        va_roles=[v[1].role for v in va],
        F=np.array([s[2] for s in sats]).reshape(len(sats), n),
        satellite_names=[s[0] for s in sats], satellite_units=[s[1] for s in sats],
        kind="total" if cols.m is not None else "domestic", m=cols.m,
    )  # fmt: skip
