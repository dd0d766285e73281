"""The solves of a scenario run, batched (DESIGN.md §6).

Every scenario, each shock of a scenario alone (the one-at-a-time runs of the
contributions by shock, :mod:`iocluster.scenarios.contributions`) and the baseline go
into **one** call of the base factorisation (Woodbury updates,
:func:`iocluster.scenarios.results.run_outputs`): per scenario the columns
``L' [y₁, 1, y₀, E_J]``, per shock alone ``L' [y₁, 1]`` and for the baseline
``L [y₁ …, E_J]``; the scenarios' prices go into one transposed call
(:func:`iocluster.scenarios.prices.scenario_prices`), and a shock alone needs only its
price level ``wᵀp' = c'ᵀ (I − A')⁻¹ w`` (weights ``w``), one more column of the output
solve. The baseline itself is the
table's (:class:`~iocluster.scenarios.baseline.Baseline`, made once per table). A shock
alone of a scenario of one shock is that scenario: it is not solved twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.baseline import Baseline
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.params import split_alone
from iocluster.scenarios.prices import scenario_prices, unit_costs
from iocluster.scenarios.results import run_outputs
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["RunSolves", "solve_run"]


@dataclass(frozen=True, eq=False)
class RunSolves:
    """The solutions of a run: ``S`` scenarios and ``A`` shocks run alone, by rows.

    ``J`` are the sectors whose multipliers are reported (the clusters', else the shocked
    ones); ``X1`` output (S × n), ``L1y0 = L'y₀`` and ``L0y1 = L y₁`` (S × n, for the
    structural decomposition), ``L1J = L'E_J`` (S × n × |J|) and ``L0J = L E_J``;
    ``P1`` the prices (S × n); ``X1_alone`` the output of each shock alone and
    ``level_alone`` its price level; ``x0``, ``y0`` and ``p0`` those of the
    :class:`~iocluster.scenarios.baseline.Baseline`."""

    baseline: Baseline
    applied: list[AppliedScenario]
    alone: list[AppliedScenario]
    J: list[int]
    X1: FloatArray
    L1y0: FloatArray
    L1J: FloatArray
    L0y1: FloatArray
    L0J: FloatArray
    P1: FloatArray
    X1_alone: FloatArray
    level_alone: FloatArray

    @property
    def y0(self) -> FloatArray:
        """Baseline domestic final demand by product."""
        return self.baseline.y0

    @property
    def x0(self) -> FloatArray:
        """Baseline output ``x₀ = L y₀``."""
        return self.baseline.x0

    @property
    def p0(self) -> FloatArray:
        """Baseline prices."""
        return self.baseline.p0


def _where_unproductive(rs: ResolvedScenario) -> list[Message] | Message:
    shocks = [
        Message("scenarios.shock_ref", index=s.index, kind=s.shock.kind)
        for s in rs.shocks
        if s.shock.changes_inputs
    ]
    return shocks or Message("scenarios.its_shocks")


def _located(exc: ScenarioError, everyone: Sequence[ResolvedScenario]) -> ScenarioError:
    """The error of an unproductive scenario, naming its coefficient shocks (a shock run
    alone is named as such by its place, :func:`~iocluster.scenarios.params.shock_where`)."""
    bad = next((rs for rs in everyone if rs.name == exc.scenario), everyone[0])
    said = Message("scenarios.unproductive_shocks", message=exc.message,
                   shocks=_where_unproductive(bad))  # fmt: skip
    return ScenarioError(said, scenario=split_alone(bad.name)[0])


def solve_run(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    clusters: Mapping[str, Sequence[int]],
    alone: Sequence[ResolvedScenario] = (),
) -> RunSolves:
    """Apply every scenario and every shock alone, and solve them with the baseline in
    one batched call (prices in one more; module docstring)."""
    n = base.table.n
    applied = [apply_scenario(base, rs) for rs in resolved]
    singles = [apply_scenario(base, rs) for rs in alone]
    J = sorted({int(i) for idx in clusters.values() for i in idx})
    if not J:
        J = sorted({int(j) for a in applied for j in a.cols})
    EJ = np.zeros((n, len(J)))
    EJ[J, np.arange(len(J))] = 1.0
    bl = Baseline.of(base.table)
    extra = np.column_stack([bl.y0, EJ])
    S = len(applied)
    plain = np.column_stack([a.y.sum(axis=1) for a in applied] + [EJ])
    everyone = [*applied, *singles]
    w = bl.weights[:, None]
    extras = [extra] * S + [None if a.price_fixed else w for a in singles]
    try:
        sols, bsol = run_outputs(base, everyone, extras, plain)
    except ScenarioError as exc:
        raise _located(exc, [*resolved, *alone]) from exc
    fixed = [a for a in singles if a.price_fixed]
    prices = scenario_prices(base, [*applied, *fixed], base.table.leontief, bl.p0)
    assert bsol is not None
    scen = np.stack(sols[:S]) if S else np.zeros((0, n, 3 + len(J)))
    return RunSolves(
        baseline=bl,
        applied=applied,
        alone=singles,
        J=J,
        X1=scen[:, :, 0],
        L1y0=scen[:, :, 2],
        L1J=scen[:, :, 3:],
        L0y1=bsol[:, :S].T,
        L0J=bsol[:, S:],
        P1=np.array(prices[:S]).reshape(S, n),
        X1_alone=np.array([s[:, 0] for s in sols[S:]]).reshape(len(singles), n),
        level_alone=_levels(bl, singles, sols[S:], iter(prices[S:])),
    )


def _levels(
    bl: Baseline, singles: Sequence[AppliedScenario], sols: Sequence[FloatArray],
    fixed_prices: Iterator[FloatArray],
) -> FloatArray:  # fmt: skip
    """The price level ``wᵀp'`` of each shock alone. Without exogenous prices it is
    ``c'ᵀ (I − A')⁻¹ w`` (``p' = (I − A')⁻ᵀ c'``), read from the output solve's column
    ``(I − A')⁻¹ w``; with them, from the prices (noise as 0, as the totals')."""
    out = np.empty(len(singles))
    for i, (a, sol) in enumerate(zip(singles, sols, strict=True)):
        if a.price_fixed:
            p = next(fixed_prices)
            out[i] = (bl.p0 + zero_noise(p - bl.p0, 1.0)) @ bl.weights
        else:
            out[i] = unit_costs(a) @ sol[:, 2]
    return out
