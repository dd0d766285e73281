"""Tables of scenario impacts shared by the analysis report and the impact workbook.

Units and labels of the impact measures (output, value added, compensation, every
satellite row, imports, the price level), the baseline / scenario / change columns, and
the wide "change by measure" layout. Functions of the table, not of an analysis, so
:mod:`.analysis_impacts` and :mod:`.impact_workbook` lay impacts out alike.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from iocluster.reports.i18n import money_unit, tr
from iocluster.reports.style import FORMATS, Column
from iocluster.table import IOTable

__all__ = [
    "bold", "change_columns", "measure_format", "measure_label", "measure_unit",
    "unit_formats", "wide_changes",
]  # fmt: skip


def bold() -> Any:
    """Bold 12-point font for the titles of tables below the first."""
    from openpyxl.styles import Font

    return Font(bold=True, size=12)


def change_columns(lang: str, unit: str, fmt: str, *labels: str) -> list[Column]:
    """Label columns, then baseline, scenario, change (in ``unit``) and % change."""
    keys = {"scenario_name": "scenario", "measure": "measure", "cluster": "cluster"}
    cols = [Column(k, tr(keys.get(k, k), lang), width=30 if k == "measure" else 18) for k in labels]
    return [
        *cols,
        Column("baseline", tr("baseline", lang), unit, fmt),
        Column("scenario", tr("scenario", lang), unit, fmt),
        Column("change", tr("change", lang), unit, fmt),
        Column("pct_change", tr("pct_change", lang), fmt="0.00"),
    ]


def measure_unit(table: IOTable, measure: str, lang: str) -> str:
    """Unit of an impact measure: persons (or the satellite's unit), index, money."""
    if measure in table.satellite_names:
        u = table.satellite_units[table.satellite_names.index(measure)]
        return tr("persons", lang) if u in ("", "persons") else u
    if measure == "price_level":
        return "index"
    return money_unit(table.meta.scale, table.meta.currency, lang)


def measure_format(table: IOTable, measure: str, lang: str) -> str:
    """Number format (a :data:`.style.FORMATS` key) of a measure's values."""
    unit = measure_unit(table, measure, lang)
    if unit == tr("persons", lang):
        return "persons"
    return "0.0000" if unit == "index" else "money"


def measure_label(measure: str, lang: str) -> str:
    """A measure's label (``employment_formal`` -> ``Employment (formal)``)."""
    if measure.startswith("employment"):
        rest = measure[len("employment") :].strip("_ ")
        return tr("employment", lang) + (f" ({rest})" if rest else "")
    return tr(measure, lang)


def unit_formats(ws: Any, rng: Any, units: list[str], cols: range, lang: str) -> None:
    """Whole persons for rows in persons, four decimals for a price index."""
    for i, unit in enumerate(units):
        fmt = {tr("persons", lang): "persons", "index": "0.0000"}.get(unit)
        if fmt is None:
            continue
        for k in cols:
            ws.cell(row=rng.first_row + i, column=rng.col_of(k)).number_format = FORMATS.get(
                fmt, fmt
            )


def wide_changes(df: pd.DataFrame, index: list[str]) -> pd.DataFrame:
    """The change of every measure as columns, ``index`` as label columns."""
    w = df.pivot_table(index=index, columns="measure", values="change", sort=False)
    return w.reset_index()
