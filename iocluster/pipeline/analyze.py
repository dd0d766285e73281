"""Everything ``iocluster analyze`` reports, computed once: the analysis of one table.

:func:`analyze` gathers, from the library's own functions and without new maths:
validation (:func:`iocluster.analysis.validate.validate_table`), multipliers
(:func:`iocluster.analysis.multipliers.multipliers`: output, value added, income and employment;
simple and Type I, and total and Type II when households can be closed), linkages and
key sectors (:func:`iocluster.analysis.linkages.linkages`), the output lost when each sector is
extracted (:func:`iocluster.analysis.extraction.extract_each`), cluster linkages, the value-added
content of every cluster's final demand (:func:`iocluster.chains.embodied`) and, given a
scenario file, the scenario's impacts (:mod:`iocluster.scenarios`). The reports
(:mod:`iocluster.reports.analysis.workbook`, :mod:`iocluster.reports.figures.charts`) and the
terminal summary only lay it out.

>>> from iocluster.datasets import miller_blair_2_3
>>> a = analyze(miller_blair_2_3())
>>> a.multipliers["output_simple"].round(4).tolist()
[1.5182, 1.4521]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning, InputError
from iocluster.model.closure import DEFAULT_CLOSURE, Closure, usable_closure
from iocluster.model.groups import tag_clusters
from iocluster.model.provenance import RunInfo, run_info
from iocluster.model.sectors import employment_satellite, service_sectors
from iocluster.regional.interregional.analysis import (
    is_interregional,
    regional_overview,
    spillover_shares,
    with_regional_split,
)
from iocluster.regional.multiregional.tiva import TradeInValueAdded, trade_in_value_added
from iocluster.scenarios.problems import what_of
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.spec import ScenarioFile
from iocluster.table import IOTable

__all__ = ["Analysis", "analyze"]

Progress = Callable[[str], None]


@dataclass(frozen=True, eq=False)
class Analysis:
    """The results one analysis report shows (see :func:`analyze`).

    Attributes
    ----------
    table : IOTable
    validation : DataFrame
        One row per check (``status``, ``detail``, ``value``).
    multipliers : DataFrame
        Index sector code; columns ``{measure}_{kind}`` as
        :func:`iocluster.analysis.multipliers.multipliers` returns them; on an
        interregional table also ``output_intra_regional``, ``output_feedback`` and
        ``output_spillover`` (:func:`~iocluster.regional.interregional.analysis.
        with_regional_split`).
    measures : tuple of str
        The multiplier measures, e.g. ``("output", "value_added", "income",
        "employment_total")``.
    linkages : DataFrame
        :func:`iocluster.analysis.linkages.linkages` (Ghosh forward linkages), with the
        ``flag`` and ``reason`` of every sector the validation lists.
    extraction : DataFrame
        :func:`iocluster.analysis.extraction.extract_each` (total extraction, linkages
        convention), ranked (flagged sectors set aside unless ``include_flagged``).
    clusters : mapping of str to list of int
        Named clusters (table tag ``cluster``, a clusters file, the scenario file).
    cluster_linkages : DataFrame or None
    chains : DataFrame or None
        One row per cluster: the value-added content of its final demand (summary of
        :func:`iocluster.chains.embodied`), and its value added split without overlap
        into the cluster's own sectors (``va_own``), services outside the cluster
        (``va_services_outside``) and the other sectors (``va_other``).
    services : list of int
        Positions of the service sectors (tag ``group`` = services, else NACE G–T).
    employment : str or None
        The satellite row used for jobs.
    info : RunInfo
        What produced the results: the closure as resolved (``None`` the open model) with
        its propensity to consume, the import rule, illustrative inputs, seed and draws,
        checksums (:class:`~iocluster.model.provenance.RunInfo`).
    impacts : ImpactResults or None
    scenario_file : ScenarioFile or None
    include_flagged : bool
        Whether rankings (the summary's sentences, the Key sectors sheet, the extraction
        ranking) rank the sectors the validation flags with the others; by default they
        are set aside (:mod:`iocluster.analysis.flags`).
    regions, region_spillovers : DataFrame or None
        An interregional table's regions and spillovers.
    tiva : TradeInValueAdded or None
        Trade in value added by sector and cluster (and region):
        :func:`~iocluster.regional.multiregional.tiva.trade_in_value_added`, when the
        table exports or has regions.
    kww : DataFrame or None
        A multiregional table's gross exports split by Koopman, Wang & Wei (2014).
    """

    table: IOTable
    validation: pd.DataFrame
    multipliers: pd.DataFrame
    measures: tuple[str, ...]
    linkages: pd.DataFrame
    extraction: pd.DataFrame
    clusters: Mapping[str, list[int]]
    cluster_linkages: pd.DataFrame | None
    chains: pd.DataFrame | None
    services: list[int]
    employment: str | None
    info: RunInfo
    impacts: ImpactResults | None = None
    scenario_file: ScenarioFile | None = None
    regions: pd.DataFrame | None = None
    region_spillovers: pd.DataFrame | None = None
    include_flagged: bool = False
    tiva: TradeInValueAdded | None = None
    kww: pd.DataFrame | None = None

    @property
    def closed(self) -> bool:
        """Whether Type II (closed-model) results were computed."""
        return self.info.closure is not None

    @property
    def unit(self) -> str:
        """The table's monetary unit."""
        return self.table.meta.unit

    @property
    def assumptions(self) -> tuple[Message | str, ...]:
        """Assumptions of the table and of the scenario run, without repeats."""
        out: list[Message | str] = list(self.table.domestic().meta.assumptions)
        if self.impacts is not None:
            out += [a for a in self.impacts.assumptions if a not in out]
        return tuple(out)


def _multipliers(
    table: IOTable, emp: str | None, closure: Closure | None
) -> tuple[pd.DataFrame, tuple[str, ...], bool]:
    from iocluster.analysis.multipliers import available_measures, measure_name, multipliers

    avail = available_measures(table)
    measures: list[str] = [m for m in ("output", "value_added", "income") if m in avail]
    if emp is not None and measure_name(emp) in avail:
        measures.append(measure_name(emp))
    if closure is not None:
        kinds = ("direct", "indirect", "simple", "induced", "total", "type_I", "type_II")
        try:
            return multipliers(table, measures, kinds=kinds, closure=closure), tuple(measures), True
        except InputError as exc:
            said = Message("analyze.type_ii_left_out", reason=what_of(exc))
            warnings.warn(AssumptionWarning(said), stacklevel=3)
    open_kinds = ("direct", "indirect", "simple", "type_I")
    return multipliers(table, measures, kinds=open_kinds), tuple(measures), False


def _chains(
    table: IOTable, clusters: Mapping[str, list[int]], services: list[int], emp: str | None
) -> pd.DataFrame | None:
    from iocluster.chains import embodied, resolve_target

    rows = {}
    serv = set(services)
    for name, members in clusters.items():
        tg = resolve_target(table, name, clusters=clusters)
        if tg.total <= 0:
            continue
        e = embodied(table, tg, services=services)
        s = e.summary["value"]
        va = e.sectors["value_added"].to_numpy()
        own = np.zeros(table.n, dtype=bool)
        own[list(members)] = True
        in_serv = np.zeros(table.n, dtype=bool)
        in_serv[list(serv)] = True
        dva = float(s["domestic value added"])
        rows[name] = {
            "final_demand": s["final demand"],
            "dva": dva,
            "dva_share": s["domestic value added share"],
            "cluster_va_share": float(va[own].sum()) / dva if dva else np.nan,
            "services_va": s["services value added"],
            "services_share": s["services share of value added"],
            "imported_inputs": s["imported inputs"],
            "import_content": s["import content"],
            "jobs": s[emp] if emp is not None and emp in s.index else np.nan,
            "va_own": float(va[own].sum()),
            "va_services_outside": float(va[in_serv & ~own].sum()),
            "va_other": float(va[~in_serv & ~own].sum()),
        }
    if not rows:
        return None
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "cluster"
    df.attrs["unit"] = table.meta.unit
    return df


#: Regions up to which the value added of every service sector is listed by region.
TIVA_DETAIL_REGIONS = 20


def _trade(
    table: IOTable, clusters: Mapping[str, list[int]], services: list[int]
) -> tuple[TradeInValueAdded | None, pd.DataFrame | None]:
    """Trade in value added (and the KWW decomposition on a table with regions) when
    there are exports to trace."""
    if not is_interregional(table):
        if not (table.exports > 0).any():
            return None, None
        return trade_in_value_added(table, clusters=clusters, services=services), None
    from iocluster.regional.interregional.analysis import region_layout
    from iocluster.regional.multiregional.decompose import kww_decomposition

    keys = region_layout(table)[0]
    national = {k: v for k, v in clusters.items()  # not the per-region copies (fergana_…)
                if not any(k.lower().startswith(f"{r.lower()}_") for r in keys)}  # fmt: skip
    detail: list[str] | None = None if len(keys) <= TIVA_DETAIL_REGIONS else []
    r = trade_in_value_added(table, clusters=national, services=services, detail=detail)
    return r, kww_decomposition(table)


def analyze(
    table: IOTable,
    *,
    scenario_file: ScenarioFile | None = None,
    clusters: Mapping[str, Sequence[int]] | None = None,
    progress: Progress | None = None,
    mc_progress: Callable[[int], None] | None = None,
    closure: Closure | None = DEFAULT_CLOSURE,
    draws: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    include_flagged: bool = False,
    scheduler: str | None = None,
) -> Analysis:
    """Compute everything the analysis report shows (see the module docstring).

    Parameters
    ----------
    table : IOTable
    scenario_file : ScenarioFile, optional
        From :func:`iocluster.scenarios.run.read_scenarios`; its scenarios run with
        ``closure`` when the table allows one.
    clusters : mapping, optional
        Named clusters (positions), added to the table's ``cluster`` tag.
    progress : callable, optional
        Called with the name of each stage as it starts.
    mc_progress : callable, optional
        Called with the number of Monte Carlo draws done.
    closure : Closure or None
        The Type II closure (default: the consumption-share closure of README
        Conventions); ``None`` for the open model. A table that cannot be closed gets the
        Type I results and one warning (:func:`iocluster.model.closure.usable_closure`).
    draws, seed : int, optional
        Monte Carlo draws and seed for the scenarios, overriding the scenario file's.
    jobs : int
        Processes sharing the Monte Carlo draws (the same results for any number).
    include_flagged : bool
        Rank the sectors the validation flags with the others (``--include-flagged``).
    scheduler : str, optional
        Address of a Dask scheduler that runs the Monte Carlo draws instead (as
        :func:`iocluster.scenarios.run.run_scenarios`; the same results).
    """
    from iocluster.analysis.extraction import extract_each
    from iocluster.analysis.linkages import cluster_linkages, linkages
    from iocluster.analysis.validate import validate_table

    step = progress or (lambda _s: None)
    step("validation")
    checks = validate_table(table).to_frame()
    emp = employment_satellite(table)
    step("multipliers")
    closure = usable_closure(table, closure) if closure is not None else None
    mult, measures, closed = _multipliers(table, emp, closure)
    mult = with_regional_split(table, mult)  # intra-regional, feedback, spillover parts
    closure = closure if closed else None
    step("linkages")
    lk = linkages(table)
    step("extraction")
    ext = extract_each(table, employment=emp, include_flagged=include_flagged)
    cl = tag_clusters(table)
    cl.update({k: sorted(int(i) for i in v) for k, v in (clusters or {}).items()})
    if scenario_file is not None:
        from iocluster.scenarios.validate import resolve_clusters

        # resolved as the scenario resolves them (national codes on an interregional table)
        inline = resolve_clusters(table, scenario_file.cluster_map)
        for name in scenario_file.cluster_map:
            cl.setdefault(name, inline[name])
    services = service_sectors(table)
    step("clusters")
    cll = cluster_linkages(table, cl) if cl else None
    chains = _chains(table, {k: v for k, v in cl.items() if k != "services"}, services, emp)
    step("trade in value added")
    tiva, kww = _trade(table, {k: v for k, v in cl.items() if k != "services"}, services)
    impacts = None
    info = run_info(table, closure)
    if scenario_file is not None:
        step("scenario")
        from iocluster.scenarios.run import run_scenarios

        impacts = run_scenarios(
            table,
            scenario_file,
            clusters=cl,
            closure=closure,
            draws=draws,
            seed=seed,
            progress=mc_progress,
            jobs=jobs,
            scheduler=scheduler,
        )
        info = impacts.info
    return Analysis(
        table=table,
        validation=checks,
        multipliers=mult,
        measures=measures,
        linkages=lk,
        extraction=ext,
        clusters=cl,
        cluster_linkages=cll,
        chains=chains,
        services=services,
        employment=emp,
        info=info,
        impacts=impacts,
        scenario_file=scenario_file,
        regions=regional_overview(table, emp) if is_interregional(table) else None,
        region_spillovers=spillover_shares(table) if is_interregional(table) else None,
        include_flagged=include_flagged,
        tiva=tiva,
        kww=kww,
    )
