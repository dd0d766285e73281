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
    Table provenance, checks, closure (and its implied marginal propensity to consume
    domestic products) and import assumptions, the scenario and its Monte Carlo draws,
    the program version and the command line (:func:`iocluster.reports.about.about_rows`).

Every table's header row is row :data:`HEADER_ROW` (title above it), units are in the
headers, and the numbers are the library's results unrounded (formats only display).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.pipeline.analyze import Analysis
from iocluster.reports.about import about_rows, write_about_sheet
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
from iocluster.reports.i18n import number, tr
from iocluster.reports.style import print_workbook
from iocluster.reports.tiva import tiva_sheets

__all__ = ["HEADER_ROW", "sheet_names", "summary_sentences", "write_analysis_workbook"]


def _scenario_pairs(a: Analysis, lang: str) -> list[tuple[str, str]]:
    if a.scenario_file is None:
        return []
    from iocluster.reports.impact.workbook import scenario_pairs

    sf: Any = a.scenario_file
    return scenario_pairs(sf, lang)


def write_analysis_workbook(
    path: str | Path, a: Analysis, *, lang: str = "en", command: str = "", force: bool = False
) -> Path:
    """Write the analysis report of ``a`` to ``path`` atomically (see the module docstring)."""
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
    extra = []
    if a.closed:
        extra.append(
            (tr("assumptions", lang), tr("propensity", lang), number(a.propensity, lang, 3))
        )
    mc: Any = getattr(a.impacts, "montecarlo", None)
    if mc is not None:
        sf: Any = a.scenario_file
        seed = sf.seed if a.seed is None else a.seed
        n = int(mc["draws"].iloc[0])
        draws = f"{tr('seed', lang)} {seed}; {tr('draws', lang).lower()}: {n}"
        extra.append((tr("scenario", lang), tr("mc_sheet", lang), draws))
    rows = about_rows(
        a.table, lang=lang, checks=a.validation, closure=a.closure, assumptions=a.assumptions,
        scenario=_scenario_pairs(a, lang), command=command, extra=extra,
    )  # fmt: skip
    write_about_sheet(wb, rows, lang)
    print_workbook(wb, HEADER_ROW, stacked={wb.worksheets[0].title})
    force_text_cells(wb)  # labels are text, never formulas
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
