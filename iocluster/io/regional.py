"""Regional employment (or output) by sector: reading and validation against a table.

One sheet or CSV file holds one or many regions, in either layout:

- wide: a code column (``code``, or the first column), optionally a ``name`` column,
  then one numeric column per region;
- long: columns ``region``, ``code`` and a value column (``employment``, ``output``,
  ``value`` or ``persons``).

Sector codes are matched to the table's codes after label normalisation
(:func:`iocluster.core.labels.normalize_label`); a code also matches a table code that
starts with it and a note (``C10.8`` matches ``C10.8 (без 10.81)``) when that is
unambiguous. Sectors absent from the file count as zero. Total rows and columns
(``total``, ``итого``, ``всего``, ``jami``) are dropped.

Every problem raises :class:`~iocluster.errors.RegionalDataError` naming the file, the
region and the sector: an unknown sector (with a close match), a negative or missing
value, a region whose total is not positive, a region with more of a sector than the
nation.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.core.engine import frozen_array
from iocluster.core.labels import normalize_label, normalize_text
from iocluster.errors import RegionalDataError, TableFormatError, close_matches
from iocluster.io.cells import parse_number
from iocluster.io.frames import WORKBOOK_SUFFIXES, read_frame
from iocluster.regional.data import TOLERANCE, Measure, RegionalData, national_reference
from iocluster.table import IOTable

__all__ = ["read_regional_data", "regional_data_from_frame"]

_TOTALS = {"total", "totals", "итого", "всего", "jami", "national", "all regions"}
_VALUE_COLS = ("employment", "output", "value", "persons", "занятость", "bandlik")


def _code_index(codes: tuple[str, ...]) -> dict[str, int]:
    index = {c.lower(): i for i, c in enumerate(codes)}
    heads: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        m = re.match(r"^[^\s(]+", c)
        if m and m.group(0) != c:
            heads.setdefault(m.group(0).lower(), []).append(i)
    for h, pos in heads.items():
        if len(pos) == 1 and h not in index:
            index[h] = pos[0]
    return index


def _to_number(value: object, where: str) -> float:
    if isinstance(value, float) and np.isnan(value):
        return 0.0
    try:
        return parse_number(value, blank=0.0)
    except ValueError:
        raise RegionalDataError(f"{where}: '{value}' is not a number") from None


def _long_to_wide(df: pd.DataFrame, source: str) -> pd.DataFrame:
    cols = {normalize_text(c).lower(): c for c in df.columns}
    value_col = next((cols[c] for c in _VALUE_COLS if c in cols), None)
    if value_col is None:
        raise RegionalDataError(
            f"{source}: long layout needs a value column ({', '.join(_VALUE_COLS[:4])})"
        )
    seen: set[tuple[str, str]] = set()
    for pos, (reg, code) in enumerate(zip(df[cols["region"]], df[cols["code"]], strict=True)):
        key = (normalize_text(reg), normalize_label(code))
        if key in seen:
            raise RegionalDataError(
                f"{source}: row {pos + 2}: region '{key[0]}', sector '{key[1]}' appears twice"
            )
        seen.add(key)
    wide = df.pivot(index=cols["code"], columns=cols["region"], values=value_col)
    return wide.reset_index()


def regional_data_from_frame(
    df: pd.DataFrame,
    table: IOTable,
    *,
    measure: Measure = "employment",
    satellite: str | None = None,
    source: str = "regional data",
) -> RegionalData:
    """Validate a frame in either layout (see the module docstring) against ``table``."""
    df = df.copy()
    lower = {normalize_text(c).lower(): c for c in df.columns}
    # the row as numbered in the file: read_frame's index, else a 0-based data index
    first = 0 if df.index.name == "row" else 2
    rows = [f"row {int(r) + first}: " if isinstance(r, int | np.integer) else "" for r in df.index]
    if "region" in lower and "code" in lower:
        df = _long_to_wide(df, source)
        lower = {normalize_text(c).lower(): c for c in df.columns}
        rows = [""] * len(df)
    code_col = lower.get("code", df.columns[0])
    drop = {code_col} | {lower[k] for k in ("name", "names", "наименование") if k in lower}
    region_cols = [
        c for c in df.columns if c not in drop and normalize_text(c).lower() not in _TOTALS
    ]
    if not region_cols:
        raise RegionalDataError(f"{source}: no region columns (expected code, then one per region)")
    regions = tuple(normalize_text(c) for c in region_cols)
    if len(set(regions)) != len(regions):
        raise RegionalDataError(f"{source}: a region appears twice in the header")
    nat = national_reference(table, measure, satellite)
    index = _code_index(table.codes)
    values = np.zeros((table.n, len(regions)))
    filled: dict[int, int] = {}
    for pos, raw in enumerate(df[code_col].tolist()):
        if raw is None or (isinstance(raw, float) and np.isnan(raw)) or str(raw).strip() == "":
            continue
        code = normalize_label(raw)
        if code.lower() in _TOTALS:
            continue
        i = index.get(code.lower())
        if i is None:
            raise RegionalDataError(
                f"{source}: {rows[pos]}unknown sector '{code}'"
                f"{close_matches(code, table.codes)}; expected a code of the table"
            )
        if i in filled:
            raise RegionalDataError(
                f"{source}: {rows[pos]}sector '{table.codes[i]}' appears twice "
                f"(as '{df[code_col].iloc[filled[i]]}' and '{raw}')"
            )
        filled[i] = pos
        for k, col in enumerate(region_cols):
            where = f"{source}: region '{regions[k]}', sector '{table.codes[i]}'"
            v = _to_number(df[col].iloc[pos], where)
            if not np.isfinite(v) or v < 0:
                what = "is negative" if v < 0 else "is not finite"
                raise RegionalDataError(f"{where}: {v:g} {what}; expected a value >= 0")
            values[i, k] = v
    if nat.sum() <= 0:
        raise RegionalDataError(f"the table's national {measure} total is not positive")
    for k, r in enumerate(regions):
        if values[:, k].sum() <= 0:
            raise RegionalDataError(
                f"{source}: region '{r}' has a total {measure} of {values[:, k].sum():g}; "
                "expected a positive total"
            )
        over = values[:, k] > nat * (1 + TOLERANCE) + TOLERANCE
        if over.any():
            i = int(np.argmax(over))
            raise RegionalDataError(
                f"{source}: region '{r}', sector '{table.codes[i]}': regional {measure} "
                f"{values[i, k]:,.6g} exceeds the national {nat[i]:,.6g}"
            )
    return RegionalData(
        codes=table.codes,
        regions=regions,
        values=frozen_array(values),
        national=nat,
        measure=measure,
        source=source,
    )


def read_regional_data(
    path: str | Path,
    table: IOTable,
    *,
    measure: Measure = "employment",
    satellite: str | None = None,
    sheet: str | int = 0,
) -> RegionalData:
    """Read regional employment (or output) from a CSV file or one workbook sheet.

    Raises
    ------
    RegionalDataError
        Naming the file, region and sector of the first problem.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such file", str(p))
    if p.suffix.lower() not in (*WORKBOOK_SUFFIXES, ".csv", ".txt"):
        raise TableFormatError(f"{p.name}: expected a .csv or .xlsx file of regional data")
    df = read_frame(p, sheet)
    if df.shape[1] < 2:
        raise RegionalDataError(f"{p.name}: expected a code column and at least one region")
    return regional_data_from_frame(df, table, measure=measure, satellite=satellite, source=p.name)
