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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.core.mixed import mixed_final_demand
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.errors import ScenarioError
from iocluster.model.closure import ClosedModel, Closure, close_households
from iocluster.model.provenance import run_info
from iocluster.model.sectors import describe_services, service_sectors
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.policy_results import policy_results
from iocluster.scenarios.prices import baseline_prices, scenario_prices
from iocluster.scenarios.results import (
    ImpactResults,
    measure_rows,
    scenario_outputs,
    sector_values,
)
from iocluster.scenarios.validate import ResolvedScenario
from iocluster.table import IOTable

__all__ = ["EFFECTS", "compute_impacts"]


def _where_unproductive(rs: ResolvedScenario) -> str:
    kinds = [f"shock {s.index} ({s.shock.kind})" for s in rs.shocks if s.shock.changes_inputs]
    return ", ".join(kinds) or "its shocks"


def _frame_row(baseline: float, scen: float, scale: float) -> list[float]:
    """``[baseline, scenario, change, % change]``, rounding noise (relative to ``scale``,
    the measure's baseline total) written as no change (:mod:`.noise`)."""
    ch = float(zero_noise(np.array(scen - baseline), scale))
    return [baseline, baseline + ch, ch, 100.0 * ch / baseline if baseline != 0 else np.nan]


@dataclass(frozen=True, eq=False)
class _Solves:
    """The batched solves every step shares: the scenarios against the base factorisation
    (per scenario the columns ``x₁ | L'1 | L'y₀ | L'E_J``) and the baseline ``L [y₀ y₁ E_J]``."""

    applied: list[AppliedScenario]
    J: list[int]  # sectors whose multipliers are reported (the clusters', else the shocked)
    y0: FloatArray
    x0: FloatArray
    sols: list[FloatArray]
    L0y1: list[FloatArray]
    L0J: FloatArray
    rows0: dict[str, FloatArray]  # the baseline's coefficient rows of every measure
    vals0: dict[str, FloatArray]  # the baseline's measures by sector


def _solve(
    base: Base, resolved: Sequence[ResolvedScenario], clusters: Mapping[str, Sequence[int]]
) -> _Solves:
    """Apply every scenario and solve it and the baseline, one batched solve each."""
    n = base.table.n
    applied = [apply_scenario(base, rs) for rs in resolved]
    J = sorted({int(i) for idx in clusters.values() for i in idx})
    if not J:
        J = sorted({int(j) for a in applied for j in a.cols})
    EJ = np.zeros((n, len(J)))
    EJ[J, np.arange(len(J))] = 1.0
    y0 = base.y.sum(axis=1)
    extra = np.column_stack([y0[:, None], EJ]) if J else y0[:, None]
    try:
        sols = scenario_outputs(base, applied, extra)
    except ScenarioError as exc:
        bad = next((rs for rs in resolved if rs.name == exc.scenario), resolved[0])
        raise ScenarioError(
            f"{exc.message} ({_where_unproductive(bad)})", scenario=bad.name
        ) from exc
    rhs = np.column_stack([y0] + [a.y.sum(axis=1) for a in applied] + ([EJ] if J else []))
    bsol = base.table.leontief.solve(rhs)
    L0y1 = [bsol[:, 1 + i] for i in range(len(applied))]
    x0 = bsol[:, 0]
    rows0 = measure_rows(base, base.va, base.m, base.f)
    vals0 = sector_values(base, None, x0)
    return _Solves(applied, J, y0, x0, sols, L0y1, bsol[:, 1 + len(applied) :], rows0, vals0)


@dataclass(frozen=True)
class _Induced:
    """The closed model of a run and, per scenario, the induced output ``Δx̄ − Δx`` (n)
    and the change of household income ``ΔĪ`` of the closed model."""

    closed: ClosedModel
    outputs: list[FloatArray]
    income: list[float]


def _induced_outputs(base: Base, s: _Solves, closure: Closure | None) -> _Induced | None:
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
    ups, rhs = [], []
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
    k = range(len(s.applied))
    return _Induced(
        closed,
        [(xb1[i] - xb0)[:n] - (s.sols[i][:, 0] - s.x0) for i in k],
        [float(xb1[i][n] - xb0[n]) for i in k],
    )


@dataclass
class _Rows:
    """Rows of the result frames, collected scenario by scenario."""

    totals: list[tuple[tuple[str, str], list[float]]] = field(default_factory=list)
    by_sector: list[pd.DataFrame] = field(default_factory=list)
    clusters: list[tuple[tuple[str, str, str], list[float]]] = field(default_factory=list)
    effects: list[tuple[tuple[str, str], list[float]]] = field(default_factory=list)
    multipliers: list[tuple[tuple[str, str, str], list[float]]] = field(default_factory=list)
    services: list[tuple[tuple[str, str], list[float]]] = field(default_factory=list)
    decomposition: list[pd.DataFrame] = field(default_factory=list)
    prices: list[pd.DataFrame] = field(default_factory=list)


#: Columns of the effects frame (Miller & Blair 2009, §6.2).
EFFECTS = ["direct", "indirect", "induced", "total"]


def _sector_frame(name: str, codes: list[str], columns: Mapping[str, object]) -> pd.DataFrame:
    return pd.DataFrame({"scenario_name": name, **columns}, index=pd.Index(codes, name="code"))


def _add_measures(
    out: _Rows,
    base: Base,
    s: _Solves,
    i: int,
    induced: _Induced | None,
    clusters: Mapping[str, Sequence[int]],
) -> None:
    """Totals, sectors and clusters of every measure of scenario ``i``, its direct /
    indirect / induced split and the multipliers of the sectors ``J`` before and after.

    The split adds up to the scenario's change of every measure, ``direct + indirect =
    change`` (open model) and ``total = change + induced``: imports count the change of
    imported final use in *direct* (final-demand imports, investment leakage, imports
    replacing a held sector's output) and the closed model's imported household
    consumption in *induced*; exports (a final-demand quantity) are all direct."""
    t, a = base.table, s.applied[i]
    codes = list(t.codes)
    x1, L1J = s.sols[i][:, 0], s.sols[i][:, 3:]
    U, V = a.low_rank()
    impulse = a.y.sum(1) - s.y0 + (U @ (V.T @ s.x0) if U.shape[1] else 0.0)
    rows0, rows1 = s.rows0, measure_rows(base, a.va, a.m, a.f)
    for meas, v1 in sector_values(base, a, x1).items():
        v0 = s.vals0[meas]
        b_tot, s_tot = float(v0.sum()), float(v1.sum())
        if meas == "imports" and base.Am is None:
            b_tot += float(base.ym.sum())
            s_tot += float(a.ym.sum())
        scale = float(np.abs(v0).sum())
        out.totals.append(((a.name, meas), _frame_row(b_tot, s_tot, scale)))
        ch = zero_noise(v1 - v0, scale)
        v1 = v0 + ch
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(v0 != 0, 100.0 * ch / np.where(v0 != 0, v0, 1.0), np.nan)
        cols = {"measure": meas, "baseline": v0, "scenario": v1, "change": ch, "pct_change": pct}
        out.by_sector.append(_sector_frame(a.name, codes, cols))
        for cname, idx in clusters.items():
            ix = list(idx)
            out.clusters.append(
                (
                    (a.name, cname, meas),
                    _frame_row(float(v0[ix].sum()), float(v1[ix].sum()), scale),
                )
            )
        if meas not in rows1:  # exports: a final-demand quantity, all direct
            ind = 0.0 if induced is not None else np.nan
            d = float(zero_noise(np.array(s_tot - b_tot), scale))
            out.effects.append(((a.name, meas), [d, 0.0, ind, d]))
            continue
        c0, c1 = rows0[meas], rows1[meas]
        direct = float(c1 @ impulse + (c1 - c0) @ s.x0)
        indirect = float(c1 @ (x1 - s.x0 - impulse))
        ind = float(c1 @ induced.outputs[i]) if induced is not None else np.nan
        if meas == "imports":
            direct += float(a.ym.sum() - base.ym.sum())
            if induced is not None:
                ind += induced.closed.household_imports * induced.income[i]
        total = direct + indirect + (0.0 if np.isnan(ind) else ind)
        row = zero_noise(np.array([direct, indirect, ind, total]), scale)
        out.effects.append(((a.name, meas), row.tolist()))
        if s.J:
            pairs = np.column_stack([c0 @ s.L0J, c1 @ L1J]).tolist()
            out.multipliers.extend(
                ((a.name, codes[j], meas), r) for j, r in zip(s.J, pairs, strict=True)
            )


def _add_services_content(
    out: _Rows, base: Base, s: _Solves, i: int, clusters: Mapping[str, Sequence[int]],
    serv: Sequence[int],
) -> None:  # fmt: skip
    """Services value added per unit of each cluster's final demand, before and after."""
    a, L1J = s.applied[i], s.sols[i][:, 3:]
    va0, va1 = base.va.sum(0), a.va.sum(0)
    for cname, idx in clusters.items():
        ix = [s.J.index(int(j)) for j in idx]
        wy = s.y0[list(idx)]
        w = wy / wy.sum() if wy.sum() > 0 else np.full(len(ix), 1.0 / len(ix))
        before = float(va0[serv] @ (s.L0J[:, ix] @ w)[serv])
        after = float(va1[serv] @ (L1J[:, ix] @ w)[serv])
        out.services.append(((a.name, cname), _frame_row(before, after, before)))


def _add_decomposition(out: _Rows, s: _Solves, i: int, codes: list[str]) -> None:
    """Structural decomposition of ``Δx`` (polar average; Dietzenbacher & Los 1998)."""
    x1, L1y0, L0y1 = s.sols[i][:, 0], s.sols[i][:, 2], s.L0y1[i]
    tech = 0.5 * ((L1y0 - s.x0) + (x1 - L0y1))
    fd = 0.5 * ((L0y1 - s.x0) + (x1 - L1y0))
    scale = float(np.abs(s.x0).sum())
    cols = {
        "change": zero_noise(x1 - s.x0, scale),
        "technology": zero_noise(tech, scale),
        "final_demand": zero_noise(fd, scale),
    }
    out.decomposition.append(_sector_frame(s.applied[i].name, codes, cols))


def _add_prices(out: _Rows, base: Base, s: _Solves) -> None:
    """Leontief prices of every scenario and the price level (weights: baseline domestic
    final demand)."""
    t = base.table
    p0 = baseline_prices(base, t.leontief)
    y0 = s.y0
    wts = y0 / y0.sum() if y0.sum() else np.full(t.n, 1.0 / t.n)
    for a, p in zip(s.applied, scenario_prices(base, s.applied, t.leontief), strict=True):
        p1 = p0 + zero_noise(p - p0, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(p0 != 0, 100.0 * (p1 - p0) / np.where(p0 != 0, p0, 1.0), np.nan)
        cols = {"baseline": p0, "scenario": p1, "pct_change": pct}
        out.prices.append(_sector_frame(a.name, list(t.codes), cols))
        level = (float(wts @ p0), float(wts @ p1), 1.0)
        out.totals.append(((a.name, "price_level"), _frame_row(*level)))


def _indexed(rows: Sequence[tuple[tuple[str, ...], list[float]]], names: list[str],
             columns: list[str], unit: str) -> pd.DataFrame:  # fmt: skip
    df = pd.DataFrame(
        [r for _, r in rows],
        index=pd.MultiIndex.from_tuples([k for k, _ in rows], names=names),
        columns=columns,
    )
    df.attrs["unit"] = unit
    return df


def _concat(frames: list[pd.DataFrame], unit: str) -> pd.DataFrame:
    df = pd.concat(frames)
    df.attrs["unit"] = unit
    return df


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
) -> ImpactResults:
    """Point-estimate impacts of every resolved scenario (see the module docstring);
    ``base``: the table's :class:`~iocluster.scenarios.apply.Base`, if already built.

    Steps: solve the scenarios and the baseline (:func:`_solve`), the induced outputs of
    the closed model (:func:`_induced_outputs`), then per scenario the measures and their
    direct / indirect / induced split with the multipliers before and after, the services
    content of the clusters and the structural decomposition, and the prices.
    """
    base = Base(table) if base is None else base
    codes = list(table.codes)
    s = _solve(base, resolved, clusters)
    induced = _induced_outputs(base, s, closure)
    closed = induced.closed if induced is not None else None
    serv = list(services) if services is not None else service_sectors(table)
    out = _Rows()
    for i in range(len(s.applied)):
        _add_measures(out, base, s, i, induced, clusters)
        _add_services_content(out, base, s, i, clusters, serv)
        _add_decomposition(out, s, i, codes)
    _add_prices(out, base, s)
    unit = table.meta.unit
    policy = policy_results(
        base,
        resolved,
        s.applied,
        s.x0,
        [x[:, 0] for x in s.sols],
        induced.outputs if induced is not None else None,
        closed,
    )
    cols = ["baseline", "scenario", "change", "pct_change"]
    multipliers = _indexed(
        out.multipliers,
        ["scenario_name", "code", "measure"],
        ["before", "after"],
        "per unit of final demand (simple, open model)",
    )
    multipliers["change"] = zero_noise(
        (multipliers["after"] - multipliers["before"]).to_numpy(), 1.0
    )
    return ImpactResults(
        totals=_indexed(_ordered_totals(out.totals), ["scenario_name", "measure"], cols, unit),
        by_sector=_concat(out.by_sector, unit),
        clusters=_indexed(out.clusters, ["scenario_name", "cluster", "measure"], cols, unit),
        effects=_indexed(out.effects, ["scenario_name", "measure"], EFFECTS, unit),
        multipliers=multipliers,
        services_content=_indexed(
            out.services,
            ["scenario_name", "cluster"],
            cols,
            "services value added per unit of cluster final demand",
        ),
        decomposition=_concat(out.decomposition, unit),
        prices=_concat(out.prices, "price index (baseline = 1)"),
        info=run_info(table, closure),
        assumptions=_assumptions(base, services, serv, closed) + policy.assumptions,
        capacity=policy.capacity,
        taxes=policy.taxes,
        fiscal=policy.fiscal,
        investment=policy.investment,
    )


def _ordered_totals(
    rows: list[tuple[tuple[str, str], list[float]]],
) -> list[tuple[tuple[str, str], list[float]]]:
    """Totals scenario by scenario (the price level after each scenario's measures)."""
    order = {name: k for k, ((name, _), _) in reversed(list(enumerate(rows)))}
    return sorted(rows, key=lambda r: order[r[0][0]])
