"""Sheets of the analysis report with a scenario: Impacts (totals, the direct /
indirect / induced split, Monte Carlo percentiles), Impacts by sector, Impacts by
cluster (see :mod:`.analysis_workbook`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from iocluster.reports.analysis import Analysis
from iocluster.reports.analysis_layout import (
    CHART_TOP,
    HEADER_ROW,
    money,
    new_sheet,
    sector_names,
)
from iocluster.reports.i18n import tr
from iocluster.reports.impact_tables import (
    bold,
    change_columns,
    measure_label,
    measure_unit,
    unit_formats,
    wide_changes,
)
from iocluster.reports.style import Column, bar_chart, data_bar, write_table

__all__ = ["impacts_sheets"]


def impacts_sheets(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    tot = res.totals.reset_index()
    tot["unit"] = [measure_unit(a.table, m, lang) for m in tot["measure"]]
    tot["measure"] = [measure_label(m, lang) for m in tot["measure"]]
    cols = change_columns(lang, "", "money", "scenario_name", "measure")
    cols.insert(2, Column("unit", tr("unit", lang), width=16))
    ws, row = new_sheet(wb, "impacts", lang, tr("open_model_note", lang))
    rng = write_table(ws, tot, cols, row=row)
    unit_formats(ws, rng, list(tot["unit"]), range(3, 6), lang)
    data_bar(ws, rng.data_range(6))
    eff = res.effects.reset_index()
    eff["unit"] = [measure_unit(a.table, m, lang) for m in eff["measure"]]
    eff["measure"] = [measure_label(m, lang) for m in eff["measure"]]
    r2 = rng.last_row + 3
    ws.cell(row=r2 - 1, column=1, value=tr("effects_title", lang)).font = bold()
    ecols = [
        Column("scenario_name", tr("scenario", lang), width=18),
        Column("measure", tr("measure", lang), width=30),
        Column("unit", tr("unit", lang), width=16),
    ] + [Column(k, tr(k, lang), fmt="money") for k in ("direct", "indirect", "induced", "total")]
    rng2 = write_table(ws, eff, ecols, row=r2, freeze=False)
    unit_formats(ws, rng2, list(eff["unit"]), range(3, 7), lang)
    bar_chart(
        ws, rng2, [3, 4, 5], 1, f"J{HEADER_ROW}", title=tr("effects_title", lang),
        stacked=True, max_rows=2, height=7.5,
    )  # fmt: skip
    if res.montecarlo is not None:
        mc = res.montecarlo.reset_index()
        mc["measure"] = [measure_label(m, lang) for m in mc["measure"]]
        r3 = rng2.last_row + 3
        ws.cell(row=r3 - 1, column=1, value=tr("montecarlo", lang)).font = bold()
        mcols = [
            Column("scenario_name", tr("scenario", lang), width=18),
            Column("measure", tr("measure", lang), width=18),
            Column("mean", tr("mean", lang), fmt="money"),
        ] + [Column(p, p.upper(), fmt="money") for p in ("p5", "p50", "p95")]
        mcols.append(Column("draws", tr("draws", lang), fmt="int"))
        write_table(ws, mc, mcols, row=r3, freeze=False)
    _by_sector_sheet(wb, a, lang)
    _by_cluster_sheet(wb, a, lang)


def _by_sector_sheet(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    bs = res.by_sector.reset_index()
    w = wide_changes(bs, ["scenario_name", "code"])
    out0 = bs[bs["measure"] == "output"].set_index(["scenario_name", "code"])["pct_change"]
    w["output_pct"] = [
        out0.get((s, c), np.nan) for s, c in zip(w["scenario_name"], w["code"], strict=True)
    ]
    w.insert(2, "name", [sector_names(a)[c] for c in w["code"]])
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
    for m in measures:
        unit = measure_unit(a.table, m, lang)
        fmt = "persons" if unit == tr("persons", lang) else "money"
        cols.append(Column(m, f"{measure_label(m, lang)}: {tr('change', lang).lower()}", unit, fmt))
    cols.append(Column("output_pct", f"{tr('output', lang)}: {tr('pct_change', lang).lower()}",
                       fmt="0.00"))  # fmt: skip
    ws, row = new_sheet(wb, "impacts_by_sector", lang, tr("open_model_note", lang))
    rng = write_table(ws, w, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    data_bar(ws, rng.data_range(3))
    n_first = int((w["_s"] == 0).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [3] + [k for k, c in enumerate(cols) if c.key == "value_added"]
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_sector", lang), axis_title=money(a, lang),
        max_rows=min(CHART_TOP, n_first),
    )  # fmt: skip


def _by_cluster_sheet(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    cl = res.clusters.reset_index()
    w = wide_changes(cl, ["scenario_name", "cluster"])
    measures = [m for m in dict.fromkeys(cl["measure"])]
    cols = [Column("scenario_name", tr("scenario", lang), width=16),
            Column("cluster", tr("cluster", lang))]  # fmt: skip
    for m in measures:
        unit = measure_unit(a.table, m, lang)
        fmt = "persons" if unit == tr("persons", lang) else "money"
        cols.append(Column(m, f"{measure_label(m, lang)}: {tr('change', lang).lower()}", unit, fmt))
    ws, row = new_sheet(wb, "impacts_by_cluster", lang, tr("open_model_note", lang))
    rng = write_table(ws, w, cols, row=row)
    n_first = int((w["scenario_name"] == w["scenario_name"].iloc[0]).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [k for k, c in enumerate(cols) if c.key in ("output", "value_added")]
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_cluster", lang), axis_title=money(a, lang),
        max_rows=n_first,
    )  # fmt: skip
