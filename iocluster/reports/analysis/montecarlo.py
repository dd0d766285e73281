"""Monte Carlo sheets of the analysis report (:mod:`.analysis_workbook`): the P5 / P50 /
P95 (and mean) of the change of every measure, in total and by sector, whenever the
scenario ran draws (the scenario file's ``draws`` or ``iocluster analyze --draws``).

Employment rows are whole persons; money rows carry the table's unit (never the other
way round).
"""

from __future__ import annotations

from typing import Any

from iocluster.pipeline.analyze import Analysis
from iocluster.reports.analysis.layout import new_sheet, sector_names
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import measure_label, measure_unit, unit_formats
from iocluster.reports.style import Column, write_table

__all__ = ["montecarlo_sheets"]


def _values(lang: str) -> list[Column]:
    cols = [Column("mean", tr("mean", lang), fmt="money")]
    return cols + [Column(q, q.upper(), fmt="money") for q in ("p5", "p50", "p95")]


def montecarlo_sheets(wb: Any, a: Analysis, lang: str) -> None:
    """Append the "Monte Carlo" and "Monte Carlo by sector" sheets when draws were run."""
    res: Any = a.impacts
    if res is None or res.montecarlo is None:
        return
    t = a.table
    mc = res.montecarlo.reset_index()
    mc["unit"] = [measure_unit(t, k, lang) for k in mc["measure"]]
    mc["measure"] = [measure_label(k, lang) for k in mc["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=18),
        Column("measure", tr("measure", lang), width=20),
        Column("unit", tr("unit", lang), width=18),
        *_values(lang),
        Column("draws", tr("draws", lang), fmt="int"),
    ]
    ws, row = new_sheet(wb, "mc_sheet", lang, tr("montecarlo", lang))
    rng = write_table(ws, mc, cols, row=row)
    unit_formats(ws, rng, list(mc["unit"]), range(3, 7), lang)
    if res.montecarlo_by_sector is None:
        return
    bs = res.montecarlo_by_sector.reset_index()
    names = sector_names(a)
    bs.insert(2, "name", [names.get(c, c) for c in bs["code"]])
    bs["unit"] = [measure_unit(t, k, lang) for k in bs["measure"]]
    bs["measure"] = [measure_label(k, lang) for k in bs["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=18),
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=36),
        Column("measure", tr("measure", lang), width=20),
        Column("unit", tr("unit", lang), width=18),
        *_values(lang),
    ]
    ws, row = new_sheet(wb, "mc_sector_sheet", lang, tr("montecarlo_by_sector_note", lang))
    rng = write_table(ws, bs, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    last = ws.cell(row=1, column=len(cols)).column_letter
    ws.auto_filter.ref = f"A{row}:{last}{rng.last_row}"
    unit_formats(ws, rng, list(bs["unit"]), range(5, 9), lang)
