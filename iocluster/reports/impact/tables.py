"""Tables of scenario impacts shared by the analysis report and the impact workbook.

Units and labels of the impact measures (output, value added, compensation, every
satellite row, imports, the price level), the baseline / scenario / change columns, and
the wide "change by measure" layout. Functions of the table, not of an analysis, so
:mod:`iocluster.reports.analysis.impacts` and :mod:`iocluster.reports.impact.workbook` lay
impacts out alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.reports.analysis.layout import CHART_TOP, HEADER_ROW, new_sheet
from iocluster.reports.i18n import money_unit, pick_power, scale_factor, scaled_unit, tr
from iocluster.reports.style import FORMATS, Column, bar_chart, data_bar, write_table
from iocluster.table import IOTable

__all__ = [
    "bold",
    "by_cluster_sheet",
    "by_sector_sheet",
    "change_column",
    "change_columns",
    "effects_table",
    "labelled",
    "measure_format",
    "measure_label",
    "measure_unit",
    "table_money",
    "unit_formats",
    "wide_changes",
]  # fmt: skip


def table_money(table: IOTable, lang: str) -> str:
    """The table's monetary unit in the report language (``"billion UZS"``)."""
    return money_unit(table.meta.scale, table.meta.currency, lang)


def money_axis(table: IOTable, values: Any, lang: str) -> tuple[int, str]:
    """``(thousands, unit)`` for a chart axis of money values in the table's unit: read
    at the scale (thousand, million, billion, trillion) where the largest is 1 to 999,
    as :func:`.style.bar_chart`'s ``thousands`` and the axis title.

    >>> from iocluster.table import IOTable, TableMeta
    >>> t = IOTable.from_arrays(Z=[[1.0]], Y=[[1.0]], V=[[1.0]], codes=["S"],
    ...     meta=TableMeta(currency="UZS", scale="million"))
    >>> money_axis(t, [3.2e6, -1e5], "ru")
    (2, 'трлн сум')
    """
    base = scale_factor(table.meta.scale)
    power = pick_power(values, base)
    return max(0, (power - base) // 3), scaled_unit(max(power, base), table.meta.currency, lang)


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
        # not "Scenario" twice: the first column names the scenario
        Column("scenario", f"{tr('scenario', lang)}, {tr('value', lang).lower()}", unit, fmt),
        Column("change", tr("change", lang), unit, fmt),
        Column("pct_change", tr("pct_change", lang), fmt="0.00"),
    ]


def measure_unit(table: IOTable, measure: str, lang: str) -> str:
    """Unit of an impact measure: persons (or the satellite's unit), index, money."""
    if measure in table.satellite_names:
        u = table.satellite_units[table.satellite_names.index(measure)]
        return tr("persons", lang) if u in ("", "persons") else u
    if measure == "price_level":
        return tr("index_unit", lang)
    return table_money(table, lang)


def measure_format(table: IOTable, measure: str, lang: str) -> str:
    """Number format (a :data:`.style.FORMATS` key) of a measure's values."""
    unit = measure_unit(table, measure, lang)
    if unit == tr("persons", lang):
        return "persons"
    return "0.0000" if unit == tr("index_unit", lang) else "money"


def measure_label(measure: str, lang: str) -> str:
    """A measure's label (``employment_formal`` -> ``Employment (formal)``)."""
    if measure.startswith("employment"):
        rest = measure[len("employment") :].strip("_ ")
        sub = tr({"total": "total_sub"}.get(rest, rest), lang) if rest else ""
        return tr("employment", lang) + (f" ({sub})" if sub else "")
    return tr(measure, lang)


def shock_words(label: str, lang: str) -> str:
    """A row label of the contributions by shock or of a sweep, in ``lang``: a shock's
    label (:func:`~iocluster.scenarios.params.shock_label`, ``shock 2 (final_demand):
    note``) as "Shock 2: final demand: note", its kind said in the language and the note
    as the scenario file says it; the rows ``interaction`` and ``total`` as their words.

    >>> shock_words("shock 2 (final_demand): textiles", "ru")
    'Шок 2: конечный спрос: textiles'
    >>> shock_words("interaction", "ru")
    'взаимодействие'
    """
    from iocluster.scenarios.contributions import INTERACTION, TOTAL
    from iocluster.scenarios.params import read_shock_label

    read = read_shock_label(label)
    if read is None:
        return tr({INTERACTION: "imp_interaction", TOTAL: "total"}.get(label, label), lang)
    index, kind, note = read
    kind_text = tr(f"shock_kind_{kind}", lang).lower()
    return f"{tr('shock', lang)} {index}: {kind_text}" + (f": {note}" if note else "")


def labelled(df: pd.DataFrame, table: IOTable, lang: str) -> pd.DataFrame:
    """``df`` (indexed by measure) with ``unit`` and readable ``measure`` columns, index
    reset."""
    d = df.reset_index()
    d["unit"] = [measure_unit(table, m, lang) for m in d["measure"]]
    d["measure"] = [measure_label(m, lang) for m in d["measure"]]
    return d


def unit_formats(ws: Any, rng: Any, units: list[str], cols: Sequence[int], lang: str) -> None:
    """Whole persons for rows in persons, four decimals for a price index."""
    for i, unit in enumerate(units):
        fmt = {tr("persons", lang): "persons", tr("index_unit", lang): "0.0000"}.get(unit)
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


def change_column(table: IOTable, measure: str, lang: str) -> Column:
    """The column of a measure's change in the wide layout (persons, index or money)."""
    unit = measure_unit(table, measure, lang)
    fmt = "persons" if unit == tr("persons", lang) else "money"
    label = f"{measure_label(measure, lang)}: {tr('change', lang).lower()}"
    return Column(measure, label, unit, fmt)


def by_sector_sheet(wb: Any, table: IOTable, res: Any, lang: str) -> Any:
    """The "Impacts by sector" sheet: the change of every measure by sector (ranked by
    the output change), the output % change, and a bar chart of the top sectors."""
    bs = res.by_sector.reset_index()
    w = wide_changes(bs, ["scenario_name", "code"])
    out0 = bs[bs["measure"] == "output"].set_index(["scenario_name", "code"])["pct_change"]
    w["output_pct"] = [
        out0.get((s, c), np.nan) for s, c in zip(w["scenario_name"], w["code"], strict=True)
    ]
    names = dict(zip(table.codes, table.names, strict=True))
    w.insert(2, "name", [names[c] for c in w["code"]])
    w["_o"] = [-abs(v) for v in w["output"]]
    order = {n: i for i, n in enumerate(dict.fromkeys(w["scenario_name"]))}
    w["_s"] = [order[s] for s in w["scenario_name"]]
    w = w.sort_values(["_s", "_o"], kind="stable")
    measures = [m for m in dict.fromkeys(bs["measure"]) if m != "price_level"]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=16),
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=min(45, max(len(s) for s in w["name"]) + 2)),
    ]
    cols += [change_column(table, m, lang) for m in measures]
    cols.append(Column("output_pct", f"{tr('output', lang)}: {tr('pct_change', lang).lower()}",
                       fmt="0.00"))  # fmt: skip
    ws, row = new_sheet(wb, "impacts_by_sector", lang, tr("open_model_note", lang))
    rng = write_table(ws, w, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    data_bar(ws, rng.data_range(3))
    n_first = int((w["_s"] == 0).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [3] + [k for k, c in enumerate(cols) if c.key == "value_added"]
    k, unit = money_axis(table, w[[cols[v].key for v in vals]].to_numpy(dtype=float), lang)
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_sector", lang),
        axis_title=unit, max_rows=min(CHART_TOP, n_first), thousands=k,
    )  # fmt: skip
    return ws


def by_cluster_sheet(wb: Any, table: IOTable, res: Any, lang: str, name: str = "") -> Any:
    """The change of every measure by cluster, with a bar chart (output, value added), on
    a sheet named ``name`` (default: "Impacts by cluster" in the report language)."""
    cl = res.clusters.reset_index()
    w = wide_changes(cl, ["scenario_name", "cluster"])
    measures = [m for m in dict.fromkeys(cl["measure"])]
    cols = [Column("scenario_name", tr("scenario", lang), width=16),
            Column("cluster", tr("cluster", lang))]  # fmt: skip
    cols += [change_column(table, m, lang) for m in measures]
    ws, row = new_sheet(wb, "impacts_by_cluster", lang, tr("open_model_note", lang))
    if name:  # before the chart: its references name the sheet
        ws.title = name
    rng = write_table(ws, w, cols, row=row)
    if not len(w):  # no clusters (none in the scenario file, no cluster tags): no chart
        return ws
    n_first = int((w["scenario_name"] == w["scenario_name"].iloc[0]).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [k for k, c in enumerate(cols) if c.key in ("output", "value_added")]
    k, unit = money_axis(table, w[[cols[v].key for v in vals]].to_numpy(dtype=float), lang)
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_cluster", lang),
        axis_title=unit, max_rows=n_first, thousands=k,
    )  # fmt: skip
    return ws


def effects_table(
    ws: Any, table: IOTable, effects: pd.DataFrame, row: int, lang: str, axis_title: str = ""
) -> Any:
    """The direct, indirect, induced and total effects of every measure, headed above
    ``row``, with a stacked bar chart beside the sheet's first table; the table's range."""
    eff = labelled(effects, table, lang)
    ws.cell(row=row - 1, column=1, value=tr("effects_title", lang)).font = bold()
    cols = [
        Column("scenario_name", tr("scenario", lang), width=18),
        Column("measure", tr("measure", lang), width=30),
        Column("unit", tr("unit", lang), width=18),
    ] + [Column(k, tr(k, lang), fmt="money") for k in ("direct", "indirect", "induced", "total")]
    rng = write_table(ws, eff, cols, row=row, freeze=False)
    unit_formats(ws, rng, list(eff["unit"]), range(3, 7), lang)
    k, unit = 0, axis_title
    if axis_title:  # money rows (output, value added first): read at a scale
        first = eff.iloc[:2][["direct", "indirect", "induced"]].fillna(0).sum(axis=1)
        k, unit = money_axis(table, first.to_numpy(dtype=float), lang)
    bar_chart(
        ws, rng, [3, 4, 5], 1, f"J{HEADER_ROW}", title=tr("effects_title", lang),
        axis_title=unit, stacked=True, max_rows=2, height=7.5, thousands=k,
    )  # fmt: skip
    return rng
