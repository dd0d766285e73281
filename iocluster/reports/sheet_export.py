"""``--format xlsx``: result frames as formatted sheets in the report style.

Each frame becomes one named sheet (its name, or its title for a single frame) with a
title row, the unit stated under it, the index written as leading text columns, units in
the headers, number formats by kind of value and a frozen header
(:func:`iocluster.reports.style.write_table`, the same style as the reports).

The unit of each column is read from the frame's caption (``attrs["unit"]``, as
:func:`iocluster.reports.units.display_units` writes it: ``"million UZS; persons
(whole): employment_total; shares and indices (unitless): import content"``):

* a column named in the persons list is in persons (``#,##0``);
* a percent change (``pct`` in its name) is in % (``0.00##"%"``);
* a share, index, multiplier, ratio, rank or count has no unit (``0.000##``, integers
  ``0``);
* any other number is in the frame's unit (``#,##0.0``).

When the *rows* are measures of different units (a ``measure`` index level or column
holding persons or unitless rows), no money unit is put in the headers; a ``unit``
column beside the measure says the unit of each row instead.

>>> unit_parts("million UZS; persons (whole): jobs; shares and indices (unitless): x, y")
('million UZS', {'jobs'}, {'x', 'y'})
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from iocluster.reports.style import Column, write_table, write_title

__all__ = ["sheet_name", "unit_parts", "write_sheets"]

_BAD = re.compile(r"[\[\]:*?/\\]")
#: Words of a column name that make it unitless (shares, indices, multipliers, counts).
_UNITLESS = re.compile(
    r"(share|content|index|ratio|dispersion|cv|price|multiplier|type_i|simple|total_mult|"
    r"rank|depth|size|draws|score|count|paths|nodes|lq|quotient|propensity)",
    re.IGNORECASE,
)
_PERSONS = re.compile(r"^(persons|jobs)", re.IGNORECASE)


def unit_parts(caption: str) -> tuple[str, set[str], set[str]]:
    """The money unit, the names in persons and the unitless names of a caption."""
    parts = [p.strip() for p in str(caption or "").split(";")]
    persons: set[str] = set()
    unitless: set[str] = set()
    for p in parts[1:]:
        head, _, names = p.partition(":")
        found = {n.strip() for n in names.split(",") if n.strip()}
        if _PERSONS.match(head.strip()):
            persons |= found
        elif "unitless" in head:
            unitless |= found
    return parts[0] if parts else "", persons, unitless


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _BAD.sub(" ", name).strip(" '") or "result"
    base = base[:31]
    out, k = base, 2
    while out.lower() in used:
        out = f"{base[: 31 - len(str(k)) - 1]} {k}"
        k += 1
    used.add(out.lower())
    return out


def _kind(name: str, s: pd.Series, money: str, persons: set[str], unitless: set[str]) -> Column:
    """The header unit and number format of one value column."""
    label = str(name)
    if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return Column(label, label)
    if label in persons or label.startswith("employment") or label.startswith("jobs"):
        return Column(label, label, "persons", "persons")
    if "pct" in label.lower():
        return Column(label, label, "%", '0.00##"%"')
    if pd.api.types.is_integer_dtype(s):
        return Column(label, label, "", "#,##0")
    if label in unitless or _UNITLESS.search(label):
        return Column(label, label, "", "0.000##")
    return Column(label, label, money, "money")


def _row_unit(label: object, money: str, persons: set[str], unitless: set[str]) -> str:
    text = str(label)
    if text in persons or text.startswith("employment"):
        return "persons"
    if text in unitless or text == "price_level":
        return ""
    return money


def write_frame(ws: Any, name: str, df: pd.DataFrame) -> None:
    """One frame on ``ws``: title, unit line, then the table (see the module docstring)."""
    caption = str(df.attrs.get("unit", ""))
    money, persons, unitless = unit_parts(caption)
    flat = df.reset_index() if any(n is not None for n in df.index.names) else df.copy()
    flat.columns = [str(c) for c in flat.columns]
    measure = next((c for c in ("measure", "indicator") if c in flat.columns), None)
    mixed = measure is not None and any(
        _row_unit(v, money, persons, unitless) != money for v in flat[measure]
    )
    if mixed and measure is not None:
        at = list(flat.columns).index(measure) + 1
        units = [_row_unit(v, money, persons, unitless) for v in flat[measure]]
        flat.insert(at, "unit", units)
    index_cols = {str(n) for n in df.index.names if n is not None}
    columns = []
    for c in flat.columns:
        col = _kind(c, flat[c], money, persons, unitless)
        if c in index_cols:
            col = Column(c, c)
        elif mixed and col.unit == money:
            col = Column(c, c, "", "#,##0.0##")  # the unit column says each row's unit
        columns.append(col)
    title = str(df.attrs.get("title") or name)
    subtitle = f"unit: {caption}" if caption else ""
    row = write_title(ws, title, subtitle)
    write_table(ws, flat, columns, row=row)


def write_sheets(path: Any, frames: Mapping[str, pd.DataFrame], *, single: bool) -> None:
    """Write ``frames`` to the workbook ``path``, one formatted sheet each."""
    from openpyxl import Workbook

    from iocluster.io.textsafe import force_text_cells

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for name, df in frames.items():
        # a single frame's sheet is named by its title without the table's name in brackets
        label = str(df.attrs.get("title") or "result").split(" (")[0] if single else name
        ws = wb.create_sheet(sheet_name(label, used))
        write_frame(ws, name, df)
    force_text_cells(wb)  # labels are text, never formulas
    wb.save(path)
