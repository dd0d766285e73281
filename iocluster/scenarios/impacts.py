"""Impacts of scenarios: baseline, scenario, change and % change (DESIGN.md §4).

For each applied scenario, output solves ``(I − A') x₁ = y₁`` against the base
factorisation (:mod:`iocluster.core.woodbury`); the baseline is ``x₀ = L y₀`` (so a zero shock gives
the baseline exactly). Measures are coefficient rows times output: value added,
compensation, every satellite row and imports (imported inputs — by product where the
table has an import-use matrix — plus imported final demand).

Split of a change (open model): the first-round impulse is
``s = Δy + ΔA x₀`` and exactly ``Δx = L' s``; *direct* = ``c₁ s + (c₁ − c₀) x₀``,
*indirect* = ``c₁ (Δx − s)``; *induced* (Type II, households closed by
:mod:`iocluster.model.closure`) = ``c₁ (Δx̄ − Δx)``.

Structural decomposition (Dietzenbacher & Los 1998, polar average of the two polar
decompositions):

.. math:: \\Delta x = \\tfrac12 \\Delta L (y_0 + y_1) + \\tfrac12 (L_0 + L_1) \\Delta y.

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., §2.6, §6.2,
§13.1. Dietzenbacher, E. and Los, B. (1998). Structural decomposition techniques: sense
and sensitivity. *Economic Systems Research* 10(4), 307–324.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from iocluster.core.messages import Message
from iocluster.core.mixed import mixed_final_demand
from iocluster.core.threads import blas_threads
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.model.closure import ClosedModel, Closure, close_households
from iocluster.model.provenance import run_info
from iocluster.model.sectors import describe_services
from iocluster.scenarios.apply import Base
from iocluster.scenarios.contributions import by_shock_frame, shocks_alone
from iocluster.scenarios.frames import LEVEL_COLUMNS, indexed, labels, sector_frame
from iocluster.scenarios.magnitudes import Numbers, check_results
from iocluster.scenarios.measures import (
    PRICE_LEVEL,
    Induced,
    Measures,
    alone_changes,
    run_measures,
)
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.policy_results import policy_results
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.solves import RunSolves, solve_run
from iocluster.scenarios.validate import ResolvedScenario
from iocluster.table import IOTable

__all__ = ["EFFECTS", "compute_impacts"]

#: Columns of the effects frame (Miller & Blair 2009, §6.2).
EFFECTS = ["direct", "indirect", "induced", "total"]
#: Columns of the multipliers, structural decomposition and prices frames.
MULTIPLIER_COLUMNS = ("before", "after", "change")
DECOMPOSITION = ("change", "technology", "final_demand")
PRICE_COLUMNS = ("baseline", "scenario", "pct_change")


def _induced_outputs(
    base: Base, s: RunSolves, closure: Closure | None
) -> tuple[ClosedModel, Induced] | None:
    """Induced output of each scenario: the closed model's change less the open one's,
    ``Δx̄ − Δx``, the closed system updated by the scenario's coefficient changes and the
    change in household income (Miller & Blair 2009, §6.2); None for the open model."""
    t, n = base.table, base.table.n
    if closure is None:
        return None
    closed = close_households(t, closure)
    hh = [i for i, r in enumerate(t.fd_roles) if r == "household"]
    nonhh = [i for i in range(len(t.fd_roles)) if i not in hh]
    yb0 = np.append(base.y[:, nonhh].sum(axis=1), 0.0)
    ups: list[LowRank | None] = []
    rhs = []
    for a in s.applied:
        U, V = a.low_rank()
        U = np.vstack([U, np.zeros((1, U.shape[1]))])
        V = np.vstack([V, np.zeros((1, V.shape[1]))])
        inc1 = (a.va[base.comp_rows] if closure.income == "compensation" else a.va).sum(0)
        dh = np.asarray(inc1) - np.asarray(closed.household_row)
        if np.any(dh):
            e = np.zeros((n + 1, 1))
            e[n] = 1.0
            U = np.hstack([U, e])
            V = np.hstack([V, np.append(dh, 0.0)[:, None]])
        ups.append(LowRank(U, V) if U.shape[1] else None)
        yb1 = a.y[:, nonhh].sum(1) + (a.y[:, hh] - base.y[:, hh]).sum(1)
        rhs.append(np.append(yb1, 0.0))
    xb0 = closed.leontief.solve(yb0)
    for i, a in enumerate(s.applied):  # held sectors stay held in the closed model too
        if a.held:
            held = sorted(a.held)
            rhs[i][held] += mixed_final_demand(closed.leontief, ups[i], rhs[i], held, xb0[held])
    xb1 = solve_updated(closed.leontief, ups, rhs, [a.name for a in s.applied])
    S = len(s.applied)
    outputs = np.array([(xb1[i] - xb0)[:n] - (s.X1[i] - s.x0) for i in range(S)])
    income = np.array([float(xb1[i][n] - xb0[n]) for i in range(S)])
    return closed, Induced(outputs.reshape(S, n), income, closed.household_imports)


def _frames(
    base: Base, s: RunSolves, m: Measures, clusters: Mapping[str, Sequence[int]]
) -> tuple[dict[str, Any], dict[str, Numbers]]:
    """The result frames of :class:`ImpactResults`, each built once from the arrays, and
    the numbers of each (for :func:`~iocluster.scenarios.magnitudes.check_results`)."""
    t = base.table
    unit = t.meta.unit
    S, n, M, K = len(s.applied), t.n, len(m.names), len(clusters)
    Mr, nJ = m.multipliers.shape[1], len(s.J)
    scen, with_level, meas, rowed, clus, codes, jcodes = labels(
        ([a.name for a in s.applied], "scenario_name"),
        ([*m.names, PRICE_LEVEL], "measure"),
        (m.names, "measure"),
        (m.names[:Mr], "measure"),  # the measures with a coefficient row
        (list(clusters), "cluster"),
        (t.codes, "code"),
        ([t.codes[j] for j in s.J], "code"),
    )

    def grid(*sizes: int) -> list[np.ndarray]:
        """Positions of every axis of an array of ``sizes``, in C order."""
        return [g.ravel() for g in np.indices(sizes)]

    si, mi = grid(S, M + 1)
    totals = indexed([(scen, si), (with_level, mi)], m.totals, LEVEL_COLUMNS, unit)
    si, mi, ni = grid(S, M, n)
    sector_index = codes.index(ni)  # the first S n rows serve the frames by scenario
    by_sector = sector_frame(
        sector_index, {"scenario_name": scen.take(si), "measure": meas.take(mi)},
        m.by_sector, LEVEL_COLUMNS, unit,
    )  # fmt: skip
    si, mi, ki = grid(S, M, K)
    cl = indexed([(scen, si), (clus, ki), (meas, mi)], m.clusters, LEVEL_COLUMNS, unit)
    si, mi = grid(S, M)
    effects = indexed([(scen, si), (meas, mi)], m.effects, EFFECTS, unit)
    si, mi, ji = grid(S, Mr, nJ)
    mult = m.multipliers.reshape(-1, 2)
    change = zero_noise(mult[:, 1] - mult[:, 0], 1.0)
    mult = np.column_stack([mult, change])
    multipliers = indexed(
        [(scen, si), (jcodes, ji), (rowed, mi)], mult, MULTIPLIER_COLUMNS,
        "per unit of final demand (simple, open model)",
    )  # fmt: skip
    si, ki = grid(S, K)
    services = indexed(
        [(scen, si), (clus, ki)], m.services, LEVEL_COLUMNS,
        "services value added per unit of cluster final demand",
    )  # fmt: skip
    by_scenario = sector_index[: S * n]
    text = {"scenario_name": scen.take(np.repeat(np.arange(S), n))}
    decomposition = sector_frame(by_scenario, text, m.decomposition, DECOMPOSITION, unit)
    prices = sector_frame(
        by_scenario, text, m.prices, PRICE_COLUMNS, "price index (baseline = 1)",
    )  # fmt: skip
    frames: dict[str, Any] = {
        "totals": totals, "by_sector": by_sector, "clusters": cl, "effects": effects,
        "multipliers": multipliers, "services_content": services,
        "decomposition": decomposition, "prices": prices,
    }  # fmt: skip
    numbers: dict[str, Numbers] = {
        "totals": (m.totals, LEVEL_COLUMNS), "by_sector": (m.by_sector, LEVEL_COLUMNS),
        "clusters": (m.clusters, LEVEL_COLUMNS), "effects": (m.effects, EFFECTS),
        "multipliers": (mult, MULTIPLIER_COLUMNS), "services_content": (m.services, LEVEL_COLUMNS),
        "decomposition": (m.decomposition, DECOMPOSITION), "prices": (m.prices, PRICE_COLUMNS),
    }  # fmt: skip
    return frames, numbers


def _assumptions(
    base: Base, services: Sequence[int] | None, serv: Sequence[int], closed: ClosedModel | None
) -> tuple[Message | str, ...]:
    t = base.table
    by_product = base.Am is not None
    listed: Message | list[str] = [t.codes[i] for i in serv] if serv else Message("scenarios.none")
    return (
        *t.domestic().meta.assumptions,
        Message("scenarios.baseline"),
        Message("scenarios.imports_by_product")
        if by_product
        else Message("scenarios.imports_by_sector"),
        Message("scenarios.services", sectors=listed)
        if services is not None
        else Message("scenarios.services_how", sectors=listed, how=describe_services(t)),
        Message("scenarios.fd_split"),
        Message("scenarios.prices"),
    )


def compute_impacts(
    table: IOTable,
    resolved: Sequence[ResolvedScenario],
    clusters: Mapping[str, Sequence[int]],
    *,
    closure: Closure | None = None,
    services: Sequence[int] | None = None,
    base: Base | None = None,
    by_shock: bool = False,
) -> ImpactResults:
    """Point-estimate impacts of every resolved scenario (see the module docstring);
    ``base``: the table's :class:`~iocluster.scenarios.apply.Base`, if already built;
    ``by_shock``: also what each shock contributes (:mod:`.contributions`), each shock
    alone solved in the same batch as the scenarios.

    Steps: apply and solve every scenario (and shock alone) with the baseline in one
    batched call (:func:`~iocluster.scenarios.solves.solve_run`), the induced outputs of
    the closed model, every measure as arrays
    (:func:`~iocluster.scenarios.measures.run_measures`), then each frame once.
    """
    base = Base.of(table) if base is None else base
    alone = shocks_alone(resolved) if by_shock else []
    with blas_threads(table.n, 4 + len(resolved) + len(alone)):
        s = solve_run(base, resolved, clusters, [rs for _, _, rs in alone])
        ind = _induced_outputs(base, s, closure)
        closed, induced = ind if ind is not None else (None, None)
        serv = list(services) if services is not None else s.baseline.services
        m = run_measures(base, s, clusters, serv, induced)
        frames, numbers = _frames(base, s, m, clusters)
        contributions = None
        if by_shock:
            contributions = by_shock_frame(
                resolved, alone, m.totals, alone_changes(base, s, m.levels),
                [*m.names, PRICE_LEVEL], table.meta.unit,
            )  # fmt: skip
        policy = policy_results(
            base, resolved, s.applied, s.x0, list(s.X1),
            list(induced.outputs) if induced is not None else None, closed,
        )  # fmt: skip
    res = ImpactResults(
        **frames,
        by_shock=contributions,
        info=run_info(table, closure),
        assumptions=_assumptions(base, services, serv, closed) + policy.assumptions,
        capacity=policy.capacity,
        taxes=policy.taxes,
        fiscal=policy.fiscal,
        investment=policy.investment,
    )
    check_results(res, numbers=numbers)  # combined shocks within the tables' rule
    return res
