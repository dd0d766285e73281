"""Sheets of the analysis report with a scenario: Impacts (totals, the direct /
indirect / induced split, Monte Carlo percentiles), Impacts by sector, Impacts by
cluster (see :mod:`iocluster.reports.analysis.workbook`)."""

from __future__ import annotations

from typing import Any

from iocluster.pipeline.analyze import Analysis
from iocluster.reports.analysis.layout import money, new_sheet
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import (
    bold,
    by_cluster_sheet,
    by_sector_sheet,
    change_columns,
    effects_table,
    labelled,
    measure_label,
    unit_formats,
)
from iocluster.reports.style import Column, data_bar, write_table

__all__ = ["impacts_sheets"]


def impacts_sheets(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    tot = labelled(res.totals, a.table, lang)
    cols = change_columns(lang, "", "money", "scenario_name", "measure")
    cols.insert(2, Column("unit", tr("unit", lang), width=16))
    ws, row = new_sheet(wb, "impacts", lang, tr("open_model_note", lang))
    rng = write_table(ws, tot, cols, row=row)
    unit_formats(ws, rng, list(tot["unit"]), range(3, 6), lang)
    data_bar(ws, rng.data_range(6))
    rng2 = effects_table(ws, a.table, res.effects, rng.last_row + 3, lang, money(a, lang))
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
    by_sector_sheet(wb, a.table, a.impacts, lang)
    by_cluster_sheet(wb, a.table, a.impacts, lang)
