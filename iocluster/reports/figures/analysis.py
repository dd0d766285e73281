"""The figures of ``iocluster analyze``, drawn from one :class:`~iocluster.pipeline.analyze.
Analysis` in the report language: the key-sector quadrant, the multipliers, the
value-added chain, on an interregional table the region × region spillovers and, with a
scenario, the impacts by sector and by cluster of every scenario (and the figure of every
parameter sweep). :func:`analysis_figures` returns them (name, figure) so that the command
writes them and the tests inspect them (text overlaps, labels on points, offset text,
ticks, language) alike. Flags (:mod:`iocluster.analysis.flags`) are marked in every figure that
names sectors; sectors with zero output are never drawn; a table marked illustrative
stamps every figure "ILLUSTRATIVE DATA".
"""

from __future__ import annotations

from typing import Any

from iocluster.pipeline.analyze import Analysis
from iocluster.reports.figures.charts import (
    impacts_by_cluster,
    impacts_by_sector,
    multipliers_by_sector,
    value_added_chain,
)
from iocluster.reports.figures.common import stamp_illustrative
from iocluster.reports.figures.quadrant import key_sector_quadrant

__all__ = ["analysis_figures"]


def _tiva_figure(a: Analysis, lang: str) -> Any:
    """Value added in the exports of each cluster (or region, or the largest exporting
    sectors when the table has no clusters)."""
    from iocluster.regional.interregional.analysis import region_names
    from iocluster.reports.figures.tiva import value_added_in_exports

    r: Any = a.tiva
    t = a.table
    multi = r.by_region is not None
    if r.by_cluster is not None and len(r.by_cluster):
        frame = r.by_cluster
    else:
        frame = r.by_region if multi else r.by_sector
    names = region_names(t, lang) if multi else dict(zip(t.codes, t.names, strict=True))
    return value_added_in_exports(frame, lang=lang, money=(t.meta.scale, t.meta.currency),
                                  national=not multi, labels=names)  # fmt: skip


def analysis_figures(a: Analysis, lang: str = "en") -> list[tuple[str, Any]]:
    """``(stem, figure)`` of every figure analysis ``a`` supports, in ``lang``; each
    stamped "ILLUSTRATIVE" when the results are (an illustrative table or input)."""
    out = _figures(a, lang)
    if a.info.is_illustrative:
        out = [(stem, stamp_illustrative(fig, lang)) for stem, fig in out]
    return out


def _figures(a: Analysis, lang: str) -> list[tuple[str, Any]]:
    from iocluster.reports.impact.tables import measure_unit

    t = a.table
    names = dict(zip(t.codes, t.names, strict=True))
    output = dict(zip(t.codes, (float(v) for v in t.x), strict=True))
    flags = {str(c): str(f) for c, f in a.linkages["flag"].items() if f}
    meta = t.meta
    out: list[tuple[str, Any]] = [
        (
            "key_sectors",
            key_sector_quadrant(
                a.linkages, output=t.x, lang=lang, output_unit=(meta.scale, meta.currency)
            ),
        ),
        (
            "multipliers",
            multipliers_by_sector(
                a.multipliers, names=names, lang=lang, flags=flags, output=output
            ),
        ),
    ]
    if a.region_spillovers is not None:  # an interregional table
        from iocluster.regional.interregional.analysis import region_names
        from iocluster.reports.figures.regions import spillover_heatmap

        fig = spillover_heatmap(a.region_spillovers, names=region_names(t, lang), lang=lang)
        out.append(("region_spillovers", fig))
    if a.chains is not None:
        out.append(("value_added_chain", value_added_chain(a.chains, lang=lang)))
    if a.tiva is not None:
        out.append(("value_added_in_exports", _tiva_figure(a, lang)))
    res: Any = a.impacts
    if res is None:
        return out
    measures = ["output", "value_added"] + ([a.employment] if a.employment else [])
    units = {m: measure_unit(t, m, lang) for m in measures}
    money = {m: (meta.scale, meta.currency) for m in measures if m != a.employment}
    for k, scen in enumerate(dict.fromkeys(res.by_sector["scenario_name"])):
        suffix = "" if k == 0 else f"_{k + 1}"
        fig = impacts_by_sector(res.by_sector, scenario=scen, measures=measures, units=units,
                                names=names, lang=lang, ranges=res.montecarlo_by_sector,
                                money=money, flags=flags, output=output)  # fmt: skip
        out.append((f"impacts_by_sector{suffix}", fig))
        if len(res.clusters):
            fig = impacts_by_cluster(res.clusters, scenario=scen, measures=measures,
                                     units=units, lang=lang, money=money, totals=res.totals,
                                     ranges=res.montecarlo)  # fmt: skip
            out.append((f"impacts_by_cluster{suffix}", fig))
    if res.sweep is not None:  # parameter sweeps (issue 30)
        out += _sweep_figures(res.sweep, t, lang)
    return out


def _sweep_figures(sweep: Any, table: Any, lang: str) -> list[tuple[str, Any]]:
    """The figure of every scenario's sweep (a line chart; heat maps for two fields)."""
    from iocluster.reports.figures.sweep import sweep_figure
    from iocluster.reports.impact.sweep_sheet import headline_measures
    from iocluster.reports.impact.tables import measure_label

    labels = {m: measure_label(m, lang) for m in dict.fromkeys(sweep.index.get_level_values(2))}
    headline = headline_measures(table)
    scenarios = dict.fromkeys(sweep.index.get_level_values(0))
    return [
        (f"sweep{'' if k == 0 else f'_{k + 1}'}",
         sweep_figure(sweep, s, labels=labels, headline=headline, lang=lang))
        for k, s in enumerate(scenarios)
    ]  # fmt: skip
