"""The IMPLAN-style impact workbook of ``iocluster shock`` (written atomically, styled by
:mod:`iocluster.reports.style`).

Sheets, in order (every table's header in row :data:`HEADER_ROW`, units in the headers):

``Summary``
    Totals of every scenario and measure (baseline, scenario, change, % change), the
    direct / indirect / induced split with a chart, the headline in words, the sheet list.
``Impacts by sector``
    The change of every measure by sector, ranked by the output change, with a chart.
``Clusters``
    The change by cluster (chart), the services content of cluster final demand before
    and after, and baseline / scenario / change of every measure by cluster.
``Multipliers``
    Multipliers of the cluster sectors before and after the scenario (chart of output).
``Decomposition``
    Output change = technology (coefficient) effect + final-demand effect (polar average,
    Dietzenbacher & Los 1998), with a stacked chart.
``Prices``, ``Monte Carlo`` (when drawn), ``Impacts detail``
    Cost-push price changes; P5 / P50 / P95 of the change; every sector and measure.
``Assumptions``
    Table provenance and checks, the closure, the import assumption and the other
    assumptions, the scenarios as parsed, the program version and the command line.

Numbers are the library's results (:meth:`ImpactResults.frames`) unrounded; formats only
display. The one exception is floating-point round-off in changes of multipliers and
prices (below 1e-12 of the value changed), written as 0 so that "-0.000" never shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.reports.about import about_rows, write_about_sheet
from iocluster.reports.analysis.layout import HEADER_ROW
from iocluster.reports.i18n import number, tr
from iocluster.reports.impact.sheets import (
    by_region_sheet,
    by_shock_sheet,
    clusters_extra,
    decomposition_sheet,
    detail_sheet,
    montecarlo_sector_sheet,
    montecarlo_sheet,
    multipliers_sheet,
    prices_sheet,
)
from iocluster.reports.impact.tables import (
    bold,
    by_cluster_sheet,
    by_sector_sheet,
    change_columns,
    effects_table,
    labelled,
    table_money,
    unit_formats,
)
from iocluster.reports.style import (
    Column,
    color_scale,
    print_workbook,
    write_table,
    write_title,
)
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.spec import ScenarioFile
from iocluster.table import IOTable

__all__ = [
    "SHEETS",
    "scenario_pairs",
    "scenario_rows",
    "summary_lines",
    "write_impact_workbook",
]

#: The sheets of the workbook, in order (the two "Monte Carlo" sheets only when drawn).
SHEETS = (
    "Summary",
    "Impacts by sector",
    "Clusters",
    "Multipliers",
    "Decomposition",
    "By shock",
    "Prices",
    "Monte Carlo",
    "Monte Carlo by sector",
    "Impacts detail",
    "Assumptions",
)
LANG = "en"


def scenario_rows(sf: ScenarioFile) -> pd.DataFrame:
    """The scenarios as parsed: one row per shock and field."""
    rows = []
    for name, members in sf.clusters:
        rows.append(("(clusters)", "", "", name, ", ".join(members)))
    for sc in sf.scenarios:
        for i, s in enumerate(sc.shocks, start=1):
            for fname, val in vars(s).items():
                if val in ((), "", None):
                    continue
                text = (
                    val.describe()
                    if hasattr(val, "describe")
                    else (", ".join(val) if isinstance(val, tuple) else str(val))
                )
                rows.append((sc.name, str(i), s.kind, fname.rstrip("_"), text))
    return pd.DataFrame(rows, columns=["scenario", "shock", "kind", "field", "value"])


def scenario_pairs(sf: ScenarioFile) -> list[tuple[str, str]]:
    """``(item, value)`` rows of the scenario section of an About/Assumptions sheet."""
    pairs = [("file", str(sf.source))]
    for sc in sf.scenarios:
        if sc.description:
            pairs.append((sc.name, sc.description))
    for _, r in scenario_rows(sf).iterrows():
        where = (
            r["scenario"] if r["shock"] == "" else f"{r['scenario']} #{r['shock']} ({r['kind']})"
        )
        pairs.append((f"{where}: {r['field']}", str(r["value"])))
    return pairs


def _employment(table: IOTable) -> str | None:
    from iocluster.model.sectors import employment_satellite

    return employment_satellite(table)


def summary_lines(results: ImpactResults, table: IOTable) -> list[str]:
    """The headline of every scenario in words (open model; induced effects apart)."""
    u, out, emp = table_money(table, LANG), [], _employment(table)
    for name in dict.fromkeys(results.totals.index.get_level_values(0)):
        tot = results.totals.loc[name]
        jobs = ""
        if emp is not None and emp in tot.index:
            e = tot.loc[emp]
            jobs = tr("sent_scenario_jobs", LANG).format(
                d_jobs=number(e["change"], LANG, 0, True),
                p_jobs=number(e["pct_change"], LANG, 2, True),
            )
        o, v = tot.loc["output"], tot.loc["value_added"]
        d = {
            "d_out": number(o["change"], LANG, 1, True),
            "p_out": number(o["pct_change"], LANG, 2, True),
            "d_va": number(v["change"], LANG, 1, True),
            "p_va": number(v["pct_change"], LANG, 2, True),
        }
        out.append(tr("sent_scenario", LANG).format(name=name, unit=u, jobs=jobs, **d))
        if {"exports", "imports"} <= set(tot.index):
            d_exp, d_imp = float(tot.loc["exports", "change"]), float(tot.loc["imports", "change"])
            out.append(
                tr("sent_trade", LANG).format(
                    d_exp=number(d_exp, LANG, 1, True),
                    d_imp=number(d_imp, LANG, 1, True),
                    d_bal=number(d_exp - d_imp, LANG, 1, True),
                    unit=u,
                )
            )
        eff = results.effects.loc[name]
        if np.isfinite(eff.loc["output", "induced"]):
            tot_out = number(float(eff.loc["output", "total"]), LANG, 1, True)
            out.append(tr("sent_induced", LANG).format(tot_out=tot_out, unit=u))
    return out


def _summary_sheet(wb: Any, results: ImpactResults, table: IOTable, has_mc: bool) -> None:
    ws = wb.active
    ws.title = "Summary"
    m = table.meta
    sub = " · ".join(
        s for s in (m.title, m.region, str(m.year or ""), table_money(table, LANG)) if s
    )
    write_title(ws, "Scenario impact report", sub)
    ws.cell(row=HEADER_ROW - 1, column=1, value=tr("headline", LANG)).font = bold()
    tot = labelled(results.totals, table, LANG)
    cols = change_columns(LANG, "", "money", "scenario_name", "measure")
    cols.insert(2, Column("unit", tr("unit", LANG), width=18))
    rng = write_table(ws, tot, cols, row=HEADER_ROW)
    unit_formats(ws, rng, list(tot["unit"]), range(3, 6), LANG)
    color_scale(ws, rng.data_range(6), diverging=True)
    note = ws.cell(row=rng.last_row + 2, column=1, value=tr("open_model_note", LANG))
    note.font = _grey()
    rng2 = effects_table(
        ws, table, results.effects, rng.last_row + 5, LANG, table_money(table, LANG)
    )
    r = rng2.last_row + 2
    ws.cell(row=r, column=1, value=tr("in_words", LANG)).font = bold()
    from openpyxl.styles import Alignment

    lines = summary_lines(results, table)
    for k, s in enumerate(lines, start=1):
        ws.merge_cells(start_row=r + k, start_column=1, end_row=r + k, end_column=7)
        c = ws.cell(row=r + k, column=1, value=s)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r + k].height = 15 * max(1, -(-len(s) // 110))
    r += len(lines) + 2
    ws.cell(row=r, column=1, value=tr("sheets_in_report", LANG)).font = bold()
    drawn = {
        "Monte Carlo": has_mc,
        "Monte Carlo by sector": results.montecarlo_by_sector is not None,
    }
    shown = [s for s in SHEETS[1:] if drawn.get(s, True)]
    if "regions" in results.extra:  # the interregional sheet, after "By shock"
        shown.insert(shown.index("Prices"), tr("by_region", LANG))
    for k, name in enumerate(shown, start=1):
        c = ws.cell(row=r + k, column=1, value=name)
        c.hyperlink = f"#'{name}'!A1"
        c.style = "Hyperlink"
    if m.illustrative:
        ws.cell(row=r + len(shown) + 2, column=1, value=tr("illustrative", LANG)).font = bold()


def _grey() -> Any:
    from openpyxl.styles import Font

    return Font(italic=True, color="595959")


def _checks(table: IOTable) -> pd.DataFrame:
    from iocluster.analysis.validate import validate_table

    return validate_table(table).to_frame()


def _about(results: ImpactResults, table: IOTable, sf: ScenarioFile, command: str) -> list:
    asm = list(results.assumptions)
    closure = next((a for a in asm if a.startswith(("Type II closure", "Open model"))), "")
    imp = [a for a in asm if a.startswith("Imports") or "proportional-import" in a]
    imports = " ".join(imp)
    others = [a for a in asm if a != closure and a not in imp]
    others.append(
        "Round-off: changes of multipliers and prices smaller than 1e-12 of the value "
        "changed (floating-point noise) are written as 0."
    )
    draws = (
        str(int(results.montecarlo["draws"].iloc[0]))
        if results.montecarlo is not None
        else "none (point estimates)"
    )
    extra = [(tr("scenario", LANG), "Monte Carlo", f"seed {sf.seed}; draws: {draws}")]
    return about_rows(
        table, lang=LANG, checks=_checks(table), closure=closure, imports=imports,
        assumptions=others, scenario=scenario_pairs(sf), command=command, extra=extra,
    )  # fmt: skip


def write_impact_workbook(
    path: Path,
    results: ImpactResults,
    table: IOTable,
    sf: ScenarioFile,
    *,
    command: str = "",
    force: bool = False,
) -> Path:
    """Write the workbook to ``path`` (refuses to overwrite unless ``force``)."""
    from openpyxl import Workbook

    wb = Workbook()
    _summary_sheet(wb, results, table, results.montecarlo is not None)
    by_sector_sheet(wb, table, results, LANG)
    ws = by_cluster_sheet(wb, table, results, LANG, name="Clusters")
    clusters_extra(ws, table, results)
    multipliers_sheet(wb, table, results)
    decomposition_sheet(wb, table, results)
    if results.by_shock is not None:
        by_shock_sheet(wb, table, results)
    if "regions" in results.extra:  # an interregional table (issue 16)
        by_region_sheet(wb, table, results)
    prices_sheet(wb, table, results)
    if results.montecarlo is not None:
        montecarlo_sheet(wb, table, results)
    if results.montecarlo_by_sector is not None:
        montecarlo_sector_sheet(wb, table, results)
    detail_sheet(wb, table, results)
    write_about_sheet(wb, _about(results, table, sf, command), LANG, title="Assumptions")
    print_workbook(wb, HEADER_ROW, stacked=("Summary", "Clusters"))
    force_text_cells(wb)  # labels are text, never formulas
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
