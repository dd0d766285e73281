"""Run scenario files against a table: load, validate, apply, solve, summarise.

>>> from iocluster.datasets import miller_blair_2_3
>>> doc = {"scenario": [{"name": "exports", "shock": [
...     {"kind": "final_demand", "sectors": ["S1"], "category": "final_demand",
...      "change": 100, "unit": "absolute"}]}]}
>>> res = run_document(miller_blair_2_3(), doc)
>>> round(float(res.totals.loc[("exports", "output"), "change"]), 4)  # 100 × (1.2541 + 0.2640)
151.8152
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from iocluster.core.budget import DRAWS, DRAWS_HINT, SCENARIOS, SHOCKS
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.model.closure import Closure
from iocluster.model.provenance import run_info
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.scenarios.apply import Base
from iocluster.scenarios.impacts import compute_impacts
from iocluster.scenarios.magnitudes import check_results
from iocluster.scenarios.montecarlo import describe as describe_mc
from iocluster.scenarios.montecarlo import monte_carlo
from iocluster.scenarios.parse_toml import (
    read_scenario_toml,
    scenario_file_from_dict,
    with_source_file,
)
from iocluster.scenarios.problems import at
from iocluster.scenarios.regions import regional_impacts
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.spec import ScenarioFile
from iocluster.scenarios.sweep import sweep_size
from iocluster.scenarios.sweep_run import run_sweeps
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable

__all__ = [
    "check_counts",
    "read_scenarios",
    "referenced_paths",
    "run_document",
    "run_scenarios",
]


def referenced_paths(sf: ScenarioFile) -> tuple[tuple[str, Path], ...]:
    """The files a scenario file names (its tax file and its investment bridge file),
    each with how to name it in a message: inputs of a run like the table.

    >>> sf = ScenarioFile(scenarios=(), source="s.toml", bridge="b.csv")
    >>> referenced_paths(sf)
    (('the bridge file of s.toml', PosixPath('b.csv')),)
    """
    of = f" of {Path(sf.source).name}" if sf.source else ""
    named = (("the tax file", sf.tax_file), ("the bridge file", sf.bridge))
    return tuple((f"{what}{of}", Path(path)) for what, path in named if path)


def read_scenarios(
    path: str | Path, table: IOTable | None = None, *, max_draws: int | None = None
) -> ScenarioFile:
    """Read a scenario file: ``.toml``, an Excel workbook (``.xlsx``, iocluster's template)
    or a MARIO shock workbook (converted against ``table``, which it then needs:
    :mod:`iocluster.scenarios.parse_mario`). Its ``draws`` must be within the draws
    budget (``max_draws`` when given, as ``--max-draws``)."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such file", str(p))
    from iocluster.scenarios.parse_mario import is_mario_workbook, mario_document

    if is_mario_workbook(p):
        if table is None:
            said = Message(
                "scenarios.mario_needs_table", file=p.name, call="read_scenarios(path, table)"
            )
            raise ScenarioError(said)
        return with_source_file(scenario_file_from_dict(mario_document(p, table), source=p.name), p)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        from iocluster.scenarios.parse_excel import read_scenario_excel

        sf = read_scenario_excel(p)
    elif p.suffix.lower() != ".toml":
        raise ScenarioError(at(p.name, Message("scenarios.file_type", a=".toml", b=".xlsx")))
    else:
        sf = read_scenario_toml(p)
    check_counts(sf, p.name, max_draws=max_draws)
    return sf


def check_counts(sf: ScenarioFile, name: str, *, max_draws: int | None = None) -> None:
    """The budgets of a scenario file as read: scenarios, shocks and ``draws``
    (``max_draws`` when given, as ``--max-draws``)."""
    SCENARIOS.check(len(sf.scenarios), f"{name}: the number of scenarios")
    SHOCKS.check(sum(len(s.shocks) for s in sf.scenarios), f"{name}: the number of shocks")
    DRAWS.check(sf.draws, f"{name}: 'draws'", hint=DRAWS_HINT, limit=max_draws)
    for sc in sf.scenarios:
        for sh in sc.shocks:
            if sh.sweep:
                DRAWS.check(sweep_size(sh.sweep), f"{name}: the runs of scenario '{sc.name}''s "
                            "sweep", hint=DRAWS_HINT, limit=max_draws)  # fmt: skip


def run_scenarios(
    table: IOTable,
    sf: ScenarioFile,
    *,
    clusters: Mapping[str, Sequence[int]] | None = None,
    closure: Closure | None = None,
    draws: int | None = None,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    by_shock: bool = True,
) -> ImpactResults:
    """Validate every scenario of ``sf`` against ``table``, then compute impacts.

    Scenarios with ranges or distributions also run ``draws`` Monte Carlo draws
    (default: the file's ``draws``; none when 0) with ``seed`` (default: the file's),
    and scenarios with a sweep run at every value of it
    (:mod:`iocluster.scenarios.sweep`), shared by ``jobs`` processes, or run on the Dask
    cluster at ``scheduler`` (the same results for any number).

    ``by_shock`` (default True): also what each shock contributes alone and their
    interaction (``ImpactResults.by_shock``, the By shock sheet), one more solve column
    per shock; False leaves it out (``by_shock`` None) when a script needs only the
    scenarios' results — every other result is the same.
    """
    resolved, cl = validate_file(sf, table, clusters)
    base = Base.of(table)
    res = compute_impacts(table, resolved, cl, closure=closure, base=base, by_shock=by_shock)
    n_draws = sf.draws if draws is None else draws
    drawn = bool(n_draws and any(r.scenario.is_random for r in resolved))
    used_seed = sf.seed if seed is None else seed
    info = run_info(
        table, closure, inputs=sf.inputs, seed=used_seed if drawn else None,
        draws=n_draws if drawn else 0,
    )  # fmt: skip
    res = replace(res, info=info, scenario_file=sf)
    if drawn:
        mc = monte_carlo(
            base, resolved, n_draws, used_seed, progress, jobs=jobs, scheduler=scheduler
        )
        measures = mc.totals.index.get_level_values("measure").nunique()
        note = describe_mc(n_draws, table.n, measures)
        res = replace(
            res,
            montecarlo=mc.totals,
            montecarlo_by_sector=mc.by_sector,
            assumptions=(*res.assumptions, note),
        )
    if any(rs.swept is not None for rs in resolved):  # parameter sweeps, streamed like draws
        res = replace(
            res, sweep=run_sweeps(base, resolved, jobs=jobs, scheduler=scheduler, progress=progress)
        )
    if is_interregional(table):  # issue 16: effects by region and spillovers
        ri = regional_impacts(base, resolved)
        res = replace(
            res, regions=ri["regions"], by_region=ri["by_region"], spillovers=ri["spillovers"]
        )
    # the point estimates are checked where they are made (compute_impacts); the rest here
    check_results(res, frames=_LATER)  # combined shocks within the tables' rule
    return res


#: The frames a run adds to the point estimates (the Monte Carlo, an interregional
#: table's effects by region, the sweeps), checked by :func:`run_scenarios`.
_LATER = ("montecarlo", "montecarlo_by_sector", "regions", "by_region", "spillovers", "sweep")


def run_document(table: IOTable, doc: Mapping[str, Any], **kw: Any) -> ImpactResults:
    """:func:`run_scenarios` on a scenario document given as a dict (TOML layout)."""
    return run_scenarios(table, scenario_file_from_dict(doc), **kw)


def interactive() -> bool:
    """Whether stderr is a terminal (progress bars only then)."""
    return sys.stderr.isatty()
