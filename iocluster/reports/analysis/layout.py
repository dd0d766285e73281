"""Layout shared by the sheets of the analysis report (:mod:`iocluster.reports.analysis.workbook`).

Every table's header row is :data:`HEADER_ROW` (title in row 1, subtitle in row 2);
charts show the first :data:`CHART_TOP` rows of a ranked table.
"""

from __future__ import annotations

from typing import Any

from iocluster.pipeline.analyze import Analysis
from iocluster.reports.i18n import money_unit, per_money, tr
from iocluster.reports.style import write_title

__all__ = [
    "CHART_TOP", "HEADER_ROW", "jobs_per", "jobs_unit", "money", "new_sheet", "sector_names",
    "sheet_names",
]  # fmt: skip

#: Row of every table's header (title in row 1, subtitle in row 2).
HEADER_ROW = 4
CHART_TOP = 20


def sheet_names(a: Analysis, lang: str = "en") -> list[str]:
    """The report's sheet names, in order, for analysis ``a``."""
    keys = ["summary", "validation", "multipliers", "key_sectors"]
    if a.cluster_linkages is not None:
        keys.append("cluster_linkages")
    if a.chains is not None:
        keys.append("va_chain")
    if a.tiva is not None:
        keys += ["tiva_sheet_name", "tiva_sector_sheet"]
        if a.kww is not None:
            keys.append("kww_sheet")
    if a.impacts is not None:
        keys += ["impacts", "impacts_by_sector", "impacts_by_cluster"]
        res: Any = a.impacts
        if res.montecarlo is not None:
            keys.append("mc_sheet")
        if res.montecarlo_by_sector is not None:
            keys.append("mc_sector_sheet")
    keys.append("about")
    return [tr(k, lang)[:31] for k in keys]


def new_sheet(wb: Any, key: str, lang: str, subtitle: str = "") -> tuple[Any, int]:
    """A new sheet titled in the report language; returns it and its header row."""
    ws = wb.create_sheet(tr(key, lang)[:31])
    write_title(ws, tr(key, lang), subtitle)
    return ws, HEADER_ROW


def money(a: Analysis, lang: str) -> str:
    """The monetary unit in the report language."""
    return money_unit(a.table.meta.scale, a.table.meta.currency, lang)


def _jobs_scale(a: Analysis, lang: str) -> tuple[float, str]:
    m = a.multipliers
    cols = [c for c in m.columns if c.endswith("_simple") and not c.startswith(
        ("output", "value_added", "income"))]  # fmt: skip
    meta = a.table.meta
    return per_money(m[cols].to_numpy(dtype=float), meta.scale, meta.currency, lang)


def jobs_per(a: Analysis) -> float:
    """Factor (1, 1000 or 10⁶) by which employment multipliers (persons per table unit)
    are shown (:func:`iocluster.reports.i18n.per_money`): a table in million UZS shows
    persons per billion UZS (×1000), never 0.0."""
    return _jobs_scale(a, "en")[0]


def jobs_unit(a: Analysis, lang: str) -> str:
    """Unit of employment multipliers as shown (:func:`jobs_per`): ``"persons per
    billion UZS"`` for a table in million UZS."""
    return tr("jobs_mult_unit", lang).format(unit=_jobs_scale(a, lang)[1])


def sector_names(a: Analysis) -> dict[str, str]:
    """Sector name by code."""
    return dict(zip(a.table.codes, a.table.names, strict=True))
