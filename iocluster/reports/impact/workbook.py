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
``Prices``, ``Monte Carlo`` (when drawn), ``Sweep`` (with a parameter sweep), ``Impacts detail``
    Cost-push price changes; P5 / P50 / P95 of the change; the totals at each value of
    the swept parameters with the figure (:mod:`.sweep_sheet`); every sector and measure.
``Assumptions``
    Table provenance and checks, the closure, the import assumption and the other
    assumptions, the scenarios as parsed, the program version and the command line.

Numbers are the library's results (:meth:`ImpactResults.frames`) unrounded; formats only
display. Rounding noise is already 0 in the results (:mod:`iocluster.scenarios.noise`);
the Assumptions sheet states the tolerance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.reports.about import about_rows, mark_illustrative, write_about_sheet
from iocluster.reports.analysis.layout import HEADER_ROW
from iocluster.reports.i18n import money_text, number, percent, tr
from iocluster.reports.impact.policy_sheets import (
    policy_sentences,
    policy_sheet_names,
    policy_sheets,
)
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
from iocluster.reports.impact.sweep_sheet import sweep_sheet
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
from iocluster.scenarios.sweep import describe_values
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
#: Label key of every sheet of :data:`SHEETS` (names in the report language).
SHEET_KEYS = (
    "summary", "impacts_by_sector", "imp_clusters_sheet", "multipliers", "imp_decomp_sheet",
    "imp_shock_sheet", "imp_prices_sheet", "mc_sheet", "mc_sector_sheet", "imp_detail_sheet",
    "assumptions",
)  # fmt: skip


def sheet_name(english: str, lang: str) -> str:
    """The name of sheet ``english`` (one of :data:`SHEETS`) in ``lang``."""
    return tr(SHEET_KEYS[SHEETS.index(english)], lang)[:31]


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
                    else (", ".join(map(_item, val)) if isinstance(val, tuple) else str(val))
                )
                rows.append((sc.name, str(i), s.kind, fname.rstrip("_"), text))
        if sc.fixed_output or sc.capacity:  # the mixed model's settings
            for fname in ("fixed_output", "capacity", "give_way"):
                val = getattr(sc, fname)
                text = ", ".join(map(_item, val)) if isinstance(val, tuple) else str(val)
                rows.append((sc.name, "", "", fname, text))
    return pd.DataFrame(rows, columns=["scenario", "shock", "kind", "field", "value"])


def _item(v: object) -> str:
    """A tuple item as text: ``(2025, 0.5)`` → ``2025: 0.5``; a swept field
    ``("change", (0, 5, 10))`` → ``change: 0, 5, 10``."""
    if isinstance(v, tuple) and len(v) == 2:
        values = describe_values(v[1]) if isinstance(v[1], tuple) else f"{v[1]:g}"
        return f"{v[0]}: {values}"
    return str(v)


def scenario_pairs(sf: ScenarioFile, lang: str = "en") -> list[tuple[str, str]]:
    """``(item, value)`` rows of the scenario section of an About/Assumptions sheet.

    Field names, kinds and values are those of the scenario file (codes a reader finds in
    the file); the words around them follow ``lang``."""
    pairs = [(tr("file", lang), str(sf.source))]
    for sc in sf.scenarios:
        if sc.description:
            pairs.append((sc.name, sc.description))
    flags = {"True": tr("yes", lang), "False": tr("no", lang)}
    for _, r in scenario_rows(sf).iterrows():
        scen = tr("clusters_paren", lang) if r["scenario"] == "(clusters)" else r["scenario"]
        where = scen if r["shock"] == "" else f"{scen} #{r['shock']} ({r['kind']})"
        value = str(r["value"])
        pairs.append((f"{where}: {r['field']}", flags.get(value, value)))
    return pairs


def _employment(table: IOTable) -> str | None:
    from iocluster.model.sectors import employment_satellite

    return employment_satellite(table)


def summary_lines(results: ImpactResults, table: IOTable, lang: str = "en") -> list[str]:
    """The headline of every scenario in words (open model; induced effects apart):
    money at a readable scale (trillion, billion, ... with their unit), percentages with
    the decimals they need, in the number format of ``lang``."""
    out, emp = [], _employment(table)
    m = table.meta

    def cash(v: float) -> str:
        return money_text(float(v), m.scale, m.currency, lang, sign=True)

    def sentence(key: str, **kw: str) -> str:
        return tr(key, lang).replace(" {unit}", "").format(**kw)

    for name in dict.fromkeys(results.totals.index.get_level_values(0)):
        tot = results.totals.loc[name]
        jobs = ""
        if emp is not None and emp in tot.index:
            e = tot.loc[emp]
            jobs = tr("sent_scenario_jobs", lang).format(
                d_jobs=number(e["change"], lang, 0, True),
                p_jobs=percent(e["pct_change"], lang, True),
            )
        o, v = tot.loc["output"], tot.loc["value_added"]
        d = {
            "d_out": cash(o["change"]),
            "p_out": percent(o["pct_change"], lang, True),
            "d_va": cash(v["change"]),
            "p_va": percent(v["pct_change"], lang, True),
        }
        out.append(sentence("sent_scenario", name=name, jobs=jobs, **d))
        if {"exports", "imports"} <= set(tot.index):
            d_exp, d_imp = float(tot.loc["exports", "change"]), float(tot.loc["imports", "change"])
            out.append(sentence("sent_trade", d_exp=cash(d_exp), d_imp=cash(d_imp),
                                d_bal=cash(d_exp - d_imp)))  # fmt: skip
        eff = results.effects.loc[name]
        if np.isfinite(eff.loc["output", "induced"]):
            out.append(sentence("sent_induced", tot_out=cash(eff.loc["output", "total"])))
        out.extend(policy_sentences(results, name, table, lang))
    return out


def _summary_sheet(
    wb: Any, results: ImpactResults, table: IOTable, has_mc: bool, lang: str = "en"
) -> None:
    ws = wb.active
    ws.title = sheet_name("Summary", lang)
    m = table.meta
    sub = " · ".join(
        s for s in (m.title, m.region, str(m.year or ""), table_money(table, lang)) if s
    )
    write_title(ws, tr("imp_report_title", lang), sub)
    ws.cell(row=HEADER_ROW - 1, column=1, value=tr("headline", lang)).font = bold()
    tot = labelled(results.totals, table, lang)
    cols = change_columns(lang, "", "money", "scenario_name", "measure")
    cols.insert(2, Column("unit", tr("unit", lang), width=18))
    rng = write_table(ws, tot, cols, row=HEADER_ROW)
    unit_formats(ws, rng, list(tot["unit"]), range(3, 6), lang)
    color_scale(ws, rng.data_range(6), diverging=True)
    note = ws.cell(row=rng.last_row + 2, column=1, value=tr("open_model_note", lang))
    note.font = _grey()
    rng2 = effects_table(
        ws, table, results.effects, rng.last_row + 5, lang, table_money(table, lang)
    )
    r = rng2.last_row + 2
    ws.cell(row=r, column=1, value=tr("in_words", lang)).font = bold()
    from openpyxl.styles import Alignment

    lines = summary_lines(results, table, lang)
    for k, s in enumerate(lines, start=1):
        ws.merge_cells(start_row=r + k, start_column=1, end_row=r + k, end_column=7)
        c = ws.cell(row=r + k, column=1, value=s)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r + k].height = 15 * max(1, -(-len(s) // 110))
    r += len(lines) + 2
    ws.cell(row=r, column=1, value=tr("sheets_in_report", lang)).font = bold()
    drawn = {
        "Monte Carlo": has_mc,
        "Monte Carlo by sector": results.montecarlo_by_sector is not None,
    }
    shown = [s for s in SHEETS[1:] if drawn.get(s, True)]
    names = [sheet_name(english, lang) for english in shown]
    policy = policy_sheet_names(results, lang)
    if results.regions is not None:  # the interregional sheet (issue 16)
        policy = [tr("by_region", lang)[:31], *policy]
    if policy:
        at = names.index(sheet_name("Prices", lang))
        names[at:at] = policy
    if results.sweep is not None:
        at = names.index(sheet_name("Impacts detail", lang))
        names[at:at] = [tr("sweep_sheet", lang)[:31]]
    for k, name in enumerate(names, start=1):
        c = ws.cell(row=r + k, column=1, value=name)
        c.hyperlink = f"#'{name}'!A1"
        c.style = "Hyperlink"
    if results.info.illustrative:
        ws.cell(row=r + len(names) + 2, column=1, value=tr("illustrative", lang)).font = bold()


def _grey() -> Any:
    from openpyxl.styles import Font

    return Font(italic=True, color="595959")


def _checks(table: IOTable) -> pd.DataFrame:
    from iocluster.analysis.validate import validate_table

    return validate_table(table).to_frame()


def _about(results: ImpactResults, table: IOTable, lang: str = "en") -> list[tuple[str, str, str]]:
    asm = list(results.assumptions)
    imp = [a for a in asm if _about_imports(a)]
    others = [a for a in asm if a not in imp]
    extra = [(tr("assumptions", lang), tr("assumption", lang), tr("imp_roundoff", lang))]
    sf = results.scenario_file
    return about_rows(
        table, lang=lang, checks=_checks(table), info=results.info, imports=imp,
        assumptions=others, scenario=scenario_pairs(sf, lang) if sf else (), extra=extra,
    )  # fmt: skip


def _about_imports(a: Message | str) -> bool:
    """Whether an assumption says how imports are treated (the About sheet's import row)."""
    if isinstance(a, Message):
        return a.code in (
            "scenarios.imports_by_product",
            "scenarios.imports_by_sector",
            "model.import_rule.proportional",
            "model.import_rule.all_uses",
        )
    return "proportional-import" in a


def write_impact_workbook(
    path: Path,
    results: ImpactResults,
    table: IOTable,
    *,
    force: bool = False,
    lang: str = "en",
) -> Path:
    """Write the workbook to ``path`` in ``lang`` (refuses to overwrite unless ``force``);
    what produced the results (closure, inputs, seed, command) is ``results.info``."""
    from openpyxl import Workbook

    wb = Workbook()
    _summary_sheet(wb, results, table, results.montecarlo is not None, lang)
    by_sector_sheet(wb, table, results, lang)
    ws = by_cluster_sheet(wb, table, results, lang, name=sheet_name("Clusters", lang))
    clusters_extra(ws, table, results, lang)
    multipliers_sheet(wb, table, results, lang)
    decomposition_sheet(wb, table, results, lang)
    if results.by_shock is not None:
        by_shock_sheet(wb, table, results, lang)
    if results.regions is not None:  # an interregional table (issue 16)
        by_region_sheet(wb, table, results, lang)
    prices_sheet(wb, table, results, lang)
    policy_sheets(wb, table, results, lang)
    if results.montecarlo is not None:
        montecarlo_sheet(wb, table, results, lang)
    if results.montecarlo_by_sector is not None:
        montecarlo_sector_sheet(wb, table, results, lang)
    if results.sweep is not None:  # parameter sweeps (issue 30)
        sweep_sheet(wb, table, results, lang)
    detail_sheet(wb, table, results, lang)
    about = _about(results, table, lang)
    write_about_sheet(wb, about, lang, title=sheet_name("Assumptions", lang))
    mark_illustrative(wb, results.info, lang)
    stacked = (sheet_name("Summary", lang), sheet_name("Clusters", lang))
    print_workbook(wb, HEADER_ROW, stacked=stacked)
    force_text_cells(wb)  # labels are text, never formulas
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
