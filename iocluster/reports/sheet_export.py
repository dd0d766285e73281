"""``--format xlsx``: result frames as formatted sheets in the report style.

Each frame becomes one named sheet (its name, or its title for a single frame) with a
title row, the unit stated under it, the index written as leading text columns, units in
the headers, number formats by kind of value and a frozen header
(:func:`iocluster.reports.style.write_table`, the same style as the reports).

The unit of each column is read from the frame's caption (``attrs["unit"]``, as
:func:`iocluster.reports.units.display_units` writes it: ``"million UZS; persons
(whole): employment_total; shares and indices (unitless): import content"``):

* a column the caption names (``output: billion UZS per billion UZS``), or whose name
  starts with such a name and ``_`` (``output_simple``), is in that unit;
* a column named in the persons list is in persons (``#,##0``);
* a percent change (``pct`` in its name) is in % (``0.00##"%"``);
* a share, index, multiplier, ratio, rank or count has no unit (``0.000##``, integers
  ``0``);
* any other number is in the frame's unit (``#,##0.0``; ``#,##0.0####`` when the frame
  states none, e.g. the coefficients of ``leontief``).

When the *rows* are measures of different units (a ``measure`` index level or column
holding persons or unitless rows), no money unit is put in the headers; a ``unit``
column beside the measure says the unit of each row instead.

"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from iocluster.model.provenance import RunInfo
from iocluster.reports.style import Column, write_table, write_title

__all__ = [
    "Units",
    "info_rows",
    "labelled",
    "sheet_name",
    "unit_parts",
    "value_column",
    "write_sheets",
]

_BAD = re.compile(r"[\[\]:*?/\\]")
#: Words of a column name that make it unitless (shares, indices, multipliers, counts).
_UNITLESS = re.compile(
    r"(share|content|index|ratio|dispersion|cv|price|multiplier|type_i|simple|total_mult|"
    r"rank|depth|size|draws|score|count|paths|nodes|lq|quotient|propensity)",
    re.IGNORECASE,
)
_PERSONS = re.compile(r"^(persons|jobs)", re.IGNORECASE)


@dataclass(frozen=True)
class Units:
    """What a caption says about units: the frame's unit, names in persons, unitless
    names, and units given by name (``"output: billion UZS; employment: persons"``)."""

    money: str = ""
    persons: frozenset[str] = frozenset()
    unitless: frozenset[str] = frozenset()
    named: tuple[tuple[str, str], ...] = ()

    def of_name(self, label: str) -> str | None:
        """The unit a caption gives ``label`` by name or prefix (longest first)."""
        for name, unit in sorted(self.named, key=lambda p: -len(p[0])):
            if label == name or label.startswith(name + "_"):
                return unit
        return None


def unit_parts(caption: str) -> Units:
    """Read a caption (see the module docstring).

    >>> u = unit_parts("million UZS; persons (whole): jobs; shares and indices (unitless): x")
    >>> u.money, sorted(u.persons), sorted(u.unitless)
    ('million UZS', ['jobs'], ['x'])
    >>> unit_parts("output: UZS per UZS; employment: persons per UZS").of_name("employment_total")
    'persons per UZS'
    """
    money = ""
    persons: set[str] = set()
    unitless: set[str] = set()
    named: list[tuple[str, str]] = []
    for k, p in enumerate(str(caption or "").split(";")):
        head, colon, rest = (x.strip() for x in p.partition(":"))
        found = {n.strip() for n in rest.split(",") if n.strip()}
        if colon and _PERSONS.match(head):
            persons |= found
        elif colon and "unitless" in head:
            unitless |= found
        elif colon and head and " " not in head:
            named.append((head, rest))
        elif k == 0:
            money = p.strip()
    return Units(money, frozenset(persons), frozenset(unitless), tuple(named))


def labelled(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its row labels as leading columns (named ``label`` when unnamed); a
    plain 0, 1, 2, … index is dropped.

    >>> labelled(pd.DataFrame({"v": [1.0]}, index=["TEX"])).columns.tolist()
    ['label', 'v']
    """
    if isinstance(df.index, pd.RangeIndex) and df.index.name is None:
        return df.copy()
    names = [n if n is not None else ("label" if k == 0 else f"label_{k}")
             for k, n in enumerate(df.index.names)]  # fmt: skip
    return df.rename_axis(names).reset_index()


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


def value_column(label: str, s: pd.Series, u: Units) -> Column:
    """The header unit and number format of one value column."""
    if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return Column(label, label)
    if "pct" in label.lower():
        return Column(label, label, "%", '0.00##"%"')
    if pd.api.types.is_integer_dtype(s):
        return Column(label, label, "", "#,##0")
    if label in u.unitless or re.search(r"type_i|ratio|share|index|dispersion", label, re.I):
        return Column(label, label, "", "0.000##")
    unit = u.of_name(label)
    persons = label in u.persons or label.startswith(("employment", "jobs"))
    if unit is not None:
        return Column(label, label, unit, "#,##0.000##" if "per" in unit else "money")
    if persons:
        return Column(label, label, "persons", "persons")
    if _UNITLESS.search(label):
        return Column(label, label, "", "0.000##")
    # no unit stated (a matrix of coefficients): as many decimals as the value needs
    return Column(label, label, u.money, "money" if u.money else "#,##0.0####")


def _row_unit(label: object, u: Units) -> str:
    text = str(label)
    named = u.of_name(text)
    if named is not None:
        return named
    if text in u.persons or text.startswith("employment"):
        return "persons"
    if text in u.unitless or text == "price_level":
        return ""
    return u.money


def write_frame(
    ws: Any, name: str, df: pd.DataFrame, info: RunInfo | None = None, lang: str = "en"
) -> None:
    """One frame on ``ws``: title, unit line (with the run's closure, import rule and
    illustrative mark from ``info``), then the table (see the module docstring), its
    headers in ``lang`` (:func:`~iocluster.reports.headers.column_header`)."""
    from dataclasses import replace

    from iocluster.reports.headers import column_header

    caption = str(df.attrs.get("unit", ""))
    u = unit_parts(caption)
    flat = labelled(df)
    flat.columns = [str(c) for c in flat.columns]
    index_cols = set(flat.columns[: len(flat.columns) - len(df.columns)])  # the row labels
    measure = next((c for c in ("measure", "indicator") if c in flat.columns), None)
    units = [_row_unit(v, u) for v in flat[measure]] if measure is not None else []
    mixed = measure is not None and any(x != u.money for x in units)
    if mixed and measure is not None:
        flat.insert(list(flat.columns).index(measure) + 1, "unit", units)
    columns = []
    for c in flat.columns:
        col = value_column(c, flat[c], u)
        if c in index_cols or c == "unit":
            col = Column(c, c)
        elif mixed and col.unit == u.money:
            col = Column(c, c, "", "#,##0.0##")  # the unit column says each row's unit
        columns.append(replace(col, label=column_header(c, lang)) if lang != "en" else col)
    title = str(df.attrs.get("title") or (name if lang == "en" else column_header(name, lang)))
    if info is not None and info.illustrative:
        title = f"{title} — ILLUSTRATIVE"
    subtitle = " · ".join(
        s for s in (f"unit: {caption}" if caption else "", info.summary() if info else "") if s
    )
    row = write_title(ws, title, subtitle)
    write_table(ws, _in_words(flat, df, lang), columns, row=row)


def _in_words(flat: pd.DataFrame, df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``flat`` (the labelled ``df``, with its units read from the codes) with the
    categorical values of ``df`` in words of ``lang``
    (:func:`~iocluster.reports.headers.readable_values`)."""
    from iocluster.reports.headers import readable_values

    shown = labelled(readable_values(df, lang))
    shown.columns = [str(c) for c in shown.columns]
    out = flat.copy()
    for c in shown.columns:
        out[c] = shown[c].to_numpy()
    return out


def info_rows(info: RunInfo) -> list[tuple[str, str]]:
    """``(item, value)`` rows saying what produced a result (an About sheet in English)."""
    rows = [(k, v) for k, v in info.to_dict().items() if k not in ("closure", "inputs")]
    c = info.closure
    rows.insert(0, ("closure", "open model (no induced effects)" if c is None else c.text))
    if c is not None:
        rows.insert(1, ("propensity to consume domestic products", f"{c.propensity:.6g}"))
    rows += [(f"input: {f.role}", f"{f.name} (SHA-256 {f.sha256})") for f in info.inputs]
    return [(k, "; ".join(map(str, v)) if isinstance(v, list) else str(v)) for k, v in rows]


def write_sheets(
    path: Any,
    frames: Mapping[str, pd.DataFrame],
    *,
    single: bool,
    info: RunInfo | None = None,
    lang: str = "en",
) -> None:
    """Write ``frames`` to the workbook ``path``, one formatted sheet each (headers in
    ``lang``), and an About sheet saying what produced them (``info``)."""
    from openpyxl import Workbook

    from iocluster.io.textsafe import force_text_cells

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for name, df in frames.items():
        # a single frame's sheet is named by its title without the table's name in brackets
        label = str(df.attrs.get("title") or "result").split(" (")[0] if single else name
        ws = wb.create_sheet(sheet_name(label, used))
        write_frame(ws, name, df, info, lang)
    if info is not None:
        about = pd.DataFrame(info_rows(info), columns=["item", "value"])
        ws = wb.create_sheet(sheet_name("About", used))
        row = write_title(ws, "About", "what produced these results")
        cols = [Column("item", "item", width=40), Column("value", "value", width=110)]
        write_table(ws, about, cols, row=row)
    force_text_cells(wb)  # labels are text, never formulas
    wb.save(path)
