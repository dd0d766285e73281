"""The Excel report of ``iocluster analyze`` (written atomically, styled by
:mod:`iocluster.reports.style`).

The sheets are laid out by :mod:`.summary`, :mod:`.sheets` and
:mod:`iocluster.reports.analysis.impacts` (shared layout in :mod:`.layout`, impact tables in
:mod:`iocluster.reports.impact.tables`); this module assembles them.

Sheets, in order (names in the report language, :mod:`.i18n`; English shown):

``Summary``
    Headline numbers (indicator, value, unit) and the same in words; the sheet list.
``Validation``
    One row per table check: status (coloured), detail, value.
``Multipliers``
    By sector, ranked by the simple output multiplier: output (simple, Type I, total,
    Type II), value added, labour income and employment (simple and total); a native
    bar chart of the top sectors.
``Key sectors``
    Total backward and forward linkages, the Rasmussen–Hirschman indices, the class
    (key sectors highlighted) and the output lost if the sector were extracted.
``Cluster linkages`` and ``Value-added chain`` (when the table has clusters)
    Linkages of each cluster; the value-added content of its final demand (and, with a
    scenario, the services value added per unit of its final demand before and after).
``Value added in exports``, ``Value added by exporter`` (and ``Exports decomposed``)
    Trade in value added when the table exports or has regions
    (:mod:`iocluster.reports.tiva`).
``Impacts``, ``Impacts by sector``, ``Impacts by cluster`` (with a scenario)
    Totals (baseline, scenario, change, % change), the direct / indirect / induced split,
    Monte Carlo percentiles when drawn; changes by sector and by cluster with charts.
``Monte Carlo``, ``Monte Carlo by sector`` (when the scenario ran draws)
    P5 / P50 / P95 and mean of every measure's change, in total and by sector
    (:mod:`.montecarlo`).
``About``
    Table provenance, checks, the rule for the sectors the validation flags (and which
    they are), closure (and its implied marginal propensity to consume
    domestic products) and import assumptions, the scenario and its Monte Carlo draws,
    the program version and the command line (:func:`iocluster.reports.about.about_rows`).

Every table's header row is row :data:`HEADER_ROW` (title above it), units are in the
headers, and the numbers are the library's results unrounded (formats only display).
"""

from __future__ import annotations

from pathlib import Path

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.pipeline.analyze import Analysis
from iocluster.reports.about import about_rows, mark_illustrative, write_about_sheet
from iocluster.reports.analysis.impacts import impacts_sheets
from iocluster.reports.analysis.layout import HEADER_ROW, sheet_names
from iocluster.reports.analysis.montecarlo import montecarlo_sheets
from iocluster.reports.analysis.sheets import (
    cluster_sheets,
    key_sectors_sheet,
    multipliers_sheet,
    regions_sheet,
    validation_sheet,
)
from iocluster.reports.analysis.summary import summary_sentences, summary_sheet
from iocluster.reports.i18n import tr
from iocluster.reports.style import print_workbook
from iocluster.reports.tiva import tiva_sheets

__all__ = ["HEADER_ROW", "sheet_names", "summary_sentences", "write_analysis_workbook"]


def _scenario_pairs(a: Analysis, lang: str) -> list[tuple[str, str]]:
    if a.scenario_file is None:
        return []
    from iocluster.reports.impact.workbook import scenario_pairs

    return scenario_pairs(a.scenario_file, lang)


def _flag_rule(a: Analysis, lang: str) -> tuple[str, str, str]:
    """The About sheet's row stating how flagged sectors are treated, and which they are."""
    from iocluster.analysis.flags import FLAG_RULE, flagged
    from iocluster.core.messages import render

    marked = flagged(a.linkages)
    codes = [str(c) for c in a.linkages.index[marked]]
    listed = ", ".join(codes[:20]) + (f" (+{len(codes) - 20})" if len(codes) > 20 else "")
    text = render(FLAG_RULE, lang)
    if codes:
        text += " " + tr("flagged_count", lang).format(k=len(codes), n=len(marked), codes=listed)
    return tr("checks", lang), tr("flagged_sectors", lang), text


def write_analysis_workbook(
    path: str | Path, a: Analysis, *, lang: str = "en", force: bool = False
) -> Path:
    """Write the analysis report of ``a`` to ``path`` atomically (see the module docstring);
    what produced it (closure, inputs, seed, command) is ``a.info``."""
    from openpyxl import Workbook

    wb = Workbook()
    summary_sheet(wb, a, lang)
    validation_sheet(wb, a, lang)
    multipliers_sheet(wb, a, lang)
    key_sectors_sheet(wb, a, lang)
    regions_sheet(wb, a, lang)  # only for an interregional table
    cluster_sheets(wb, a, lang)
    if a.tiva is not None:  # trade in value added (issue 31)
        tiva_sheets(wb, a.tiva, a.table, lang, kww=a.kww)
    if a.impacts is not None:
        impacts_sheets(wb, a, lang)
        montecarlo_sheets(wb, a, lang)
    extra = [_flag_rule(a, lang)]
    if a.impacts is not None:
        extra.append((tr("assumptions", lang), tr("assumption", lang), tr("imp_roundoff", lang)))
    rows = about_rows(
        a.table, lang=lang, checks=a.validation, info=a.info, assumptions=a.assumptions,
        scenario=_scenario_pairs(a, lang), extra=extra,
    )  # fmt: skip
    write_about_sheet(wb, rows, lang)
    mark_illustrative(wb, a.info, lang)
    print_workbook(wb, HEADER_ROW, stacked={wb.worksheets[0].title})
    force_text_cells(wb)  # labels are text, never formulas
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
