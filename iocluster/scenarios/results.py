"""Impacts of scenarios: baseline, scenario, change and % change (DESIGN.md §4).

For each applied scenario, output solves ``(I − A') x₁ = y₁`` against the base
factorisation (:mod:`.woodbury`); the baseline is ``x₀ = L y₀`` (so a zero shock gives
the baseline exactly). Measures are coefficient rows times output: value added,
compensation, every satellite row and imports (imported inputs — by product where the
table has an import-use matrix — plus imported final demand).

Split of a change (open model): the first-round impulse is
``s = Δy + ΔA x₀`` and exactly ``Δx = L' s``; *direct* = ``c₁ s + (c₁ − c₀) x₀``,
*indirect* = ``c₁ (Δx − s)``; *induced* (Type II, households closed by
:mod:`iocluster.closure`) = ``c₁ (Δx̄ − Δx)``.

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

from iocluster.closure import Closure, close_households
from iocluster.engine import FloatArray
from iocluster.errors import NotProductiveError, ScenarioError
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.prices import baseline_prices, scenario_prices
from iocluster.scenarios.spec import CoefficientShock, ImportSubstitutionShock
from iocluster.scenarios.validate import ResolvedScenario
from iocluster.scenarios.woodbury import LowRank, solve_updated
from iocluster.sectors import describe_services, service_sectors
from iocluster.table import IOTable

__all__ = [
    "ImpactResults",
    "compute_impacts",
    "measure_rows",
    "scenario_outputs",
    "sector_values",
]


@dataclass(frozen=True, eq=False)
class ImpactResults:
    """Labelled result frames of a scenario run (see :func:`compute_impacts`)."""

    totals: pd.DataFrame
    by_sector: pd.DataFrame
    clusters: pd.DataFrame
    effects: pd.DataFrame
    multipliers: pd.DataFrame
    services_content: pd.DataFrame
    decomposition: pd.DataFrame
    prices: pd.DataFrame
    assumptions: tuple[str, ...] = ()
    montecarlo: pd.DataFrame | None = None
    montecarlo_by_sector: pd.DataFrame | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame by name (what ``--format json`` writes)."""
        out = {
            "totals": self.totals,
            "by_sector": self.by_sector,
            "clusters": self.clusters,
            "effects": self.effects,
            "multipliers": self.multipliers,
            "services_content": self.services_content,
            "decomposition": self.decomposition,
            "prices": self.prices,
        }
        if self.montecarlo is not None:
            out["montecarlo"] = self.montecarlo
        if self.montecarlo_by_sector is not None:
            out["montecarlo_by_sector"] = self.montecarlo_by_sector
        return out


def measure_rows(base: Base, va: FloatArray, m: FloatArray, f: FloatArray) -> dict[str, FloatArray]:
    """Coefficient rows of the measures (``output`` is ones; imports by using sector)."""
    t = base.table
    rows = {
        "output": np.ones(t.n),
        "value_added": va.sum(axis=0),
        "compensation": va[base.comp_rows].sum(axis=0),
    }
    for k, name in enumerate(t.satellite_names):
        rows[name] = f[k]
    rows["imports"] = m
    return rows


def sector_values(base: Base, a: AppliedScenario | None, x: FloatArray) -> dict[str, FloatArray]:
    """Every measure by sector at output ``x`` in the baseline (``a`` None) or a scenario:
    ``c ∘ x`` for a coefficient row ``c`` of :func:`measure_rows`; imports by product
    (``Aᵐx + yᵐ1``) where the table records imports by product, else by using sector;
    exports by product (final demand of the export categories, exogenous in the open
    model: they change only where a shock changes them)."""
    rows = (
        measure_rows(base, base.va, base.m, base.f)
        if a is None
        else measure_rows(base, a.va, a.m, a.f)
    )
    out = {k: c * x for k, c in rows.items()}
    if base.Am is not None:
        out["imports"] = _imports_by_product(base, a, x)
    y = base.y if a is None else a.y
    out["exports"] = y[:, base.export_cats].sum(axis=1)
    if base.interregional_cats.any():  # a regional table: net sales to other regions
        out["interregional"] = y[:, base.interregional_cats].sum(axis=1)
    return out


def _imports_by_product(base: Base, a: AppliedScenario | None, x: FloatArray) -> FloatArray:
    """Imports by product ``Aᵐ x + yᵐ1`` (table with an import-use matrix)."""
    Am = base.Am
    assert Am is not None
    out = Am @ x
    ym = base.ym if a is None else a.ym
    if a is not None:
        for j, col in a.am_cols.items():
            out += (col - Am[:, j]) * x[j]
    return out + ym.sum(axis=1)


def _unit_of(base: Base, measure: str) -> str:
    t = base.table
    if measure in t.satellite_names:
        return t.satellite_units[t.satellite_names.index(measure)] or "persons"
    return t.meta.unit


def _low_rank(a: AppliedScenario) -> LowRank | None:
    U, V = a.low_rank()
    return LowRank(U, V) if U.shape[1] else None


def scenario_outputs(
    base: Base, applied: Sequence[AppliedScenario], extra_rhs: FloatArray | None = None
) -> list[FloatArray]:
    """Output ``x₁`` (column 0) and ``L' [1, extra]`` of each scenario, one batched solve.

    Column 1 solves ``(I − A') z = 1``; a non-positive entry means ``A'`` is not
    productive (:func:`iocluster.engine.is_productive`), which raises a
    :class:`ScenarioError` naming the scenario and its coefficient shocks.
    """
    n = base.table.n
    rhs = []
    for a in applied:
        cols = [a.y.sum(axis=1), np.ones(n)]
        blk = np.column_stack(cols)
        rhs.append(blk if extra_rhs is None else np.hstack([blk, extra_rhs]))
    names = [a.name for a in applied]
    try:
        sols = solve_updated(base.table.leontief, [_low_rank(a) for a in applied], rhs, names)
    except NotProductiveError as exc:
        raise ScenarioError(f"{exc.message}; the scenario makes the economy unproductive") from None
    for a, s in zip(applied, sols, strict=True):
        if not np.all(s[:, 1] > 0):
            raise ScenarioError(
                f"scenario '{a.name}': the changed coefficients make the economy unproductive "
                "(spectral radius of A ≥ 1); reduce the coefficient changes"
            )
    return sols


def _where_unproductive(rs: ResolvedScenario) -> str:
    kinds = [
        f"shock {s.index} ({s.shock.kind})"
        for s in rs.shocks
        if isinstance(s.shock, CoefficientShock | ImportSubstitutionShock)
    ]
    return ", ".join(kinds) or "its shocks"


def _frame_row(baseline: float, scen: float) -> list[float]:
    ch = scen - baseline
    return [baseline, scen, ch, 100.0 * ch / baseline if baseline != 0 else np.nan]


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
    ``base``: the table's :class:`~iocluster.scenarios.apply.Base`, if already built."""
    base = Base(table) if base is None else base
    t, n = table, table.n
    codes = list(t.codes)
    applied = [apply_scenario(base, rs) for rs in resolved]
    J = sorted({int(i) for idx in clusters.values() for i in idx})
    if not J:
        J = sorted({int(j) for a in applied for j in a.cols})
    EJ = np.zeros((n, len(J)))
    EJ[J, np.arange(len(J))] = 1.0
    y0 = base.y.sum(axis=1)
    # ---- one batched solve for the scenarios, one for the baseline
    extra = np.column_stack([y0[:, None], EJ]) if J else y0[:, None]
    try:
        sols = scenario_outputs(base, applied, extra)
    except ScenarioError as exc:
        bad = next((rs for rs in resolved if f"'{rs.name}'" in exc.message), resolved[0])
        raise ScenarioError(f"{exc.message} ({_where_unproductive(bad)})") from None
    base_rhs = np.column_stack([y0] + [a.y.sum(axis=1) for a in applied] + ([EJ] if J else []))
    bsol = t.leontief.solve(base_rhs)
    x0 = bsol[:, 0]
    L0y1 = [bsol[:, 1 + i] for i in range(len(applied))]
    L0J = bsol[:, 1 + len(applied) :]
    imports_by_product = base.Am is not None
    rows0 = measure_rows(base, base.va, base.m, base.f)
    vals0 = sector_values(base, None, x0)
    hh = [i for i, r in enumerate(t.fd_roles) if r == "household"]

    # ---- Type II closure
    closed = close_households(t, closure) if closure is not None else None
    induced: list[FloatArray] = [np.zeros(n) for _ in applied]
    if closed is not None and closure is not None:
        nonhh = [i for i in range(len(t.fd_roles)) if i not in hh]
        yb0 = np.append(base.y[:, nonhh].sum(axis=1), 0.0)
        ups, rhs = [], []
        inc0 = closed.household_row
        for a in applied:
            U, V = a.low_rank()
            U = np.vstack([U, np.zeros((1, U.shape[1]))])
            V = np.vstack([V, np.zeros((1, V.shape[1]))])
            inc1 = (a.va[base.comp_rows] if closure.income == "compensation" else a.va).sum(0)
            dh = np.asarray(inc1) - np.asarray(inc0)
            if np.any(dh):
                e = np.zeros((n + 1, 1))
                e[n] = 1.0
                U = np.hstack([U, e])
                V = np.hstack([V, np.append(dh, 0.0)[:, None]])
            ups.append(LowRank(U, V) if U.shape[1] else None)
            yb1 = np.append(a.y[:, nonhh].sum(1) + (a.y[:, hh] - base.y[:, hh]).sum(1), 0.0)
            rhs.append(yb1)
        xb0 = closed.leontief.solve(yb0)
        xb1 = solve_updated(closed.leontief, ups, rhs, [a.name for a in applied])
        for i in range(len(applied)):
            dx_open = sols[i][:, 0] - x0
            induced[i] = (xb1[i] - xb0)[:n] - dx_open

    # ---- frames
    tot_rows, tot_idx, sec_frames, cl_rows, cl_idx, eff_rows, eff_idx = [], [], [], [], [], [], []
    sc_rows, sc_idx, dec_frames = [], [], []
    mult_rows: list[list[float]] = []
    mult_idx: list[tuple[str, str, str]] = []
    serv = list(services) if services is not None else service_sectors(t)
    p0 = baseline_prices(base, t.leontief)
    p1s = scenario_prices(base, applied, t.leontief)
    wts = y0 / y0.sum() if y0.sum() else np.full(n, 1.0 / n)
    price_frames = []
    for i, a in enumerate(applied):
        x1 = sols[i][:, 0]
        L1y0 = sols[i][:, 2]
        L1J = sols[i][:, 3:]
        dy = a.y.sum(1) - y0
        U, V = a.low_rank()
        s_imp = dy + (U @ (V.T @ x0) if U.shape[1] else 0.0)
        dx = x1 - x0
        rows1 = measure_rows(base, a.va, a.m, a.f)
        for meas, v1 in sector_values(base, a, x1).items():
            v0 = vals0[meas]
            b_tot, s_tot = float(v0.sum()), float(v1.sum())
            if meas == "imports" and not imports_by_product:
                b_tot += float(base.ym.sum())
                s_tot += float(a.ym.sum())
            tot_idx.append((a.name, meas))
            tot_rows.append(_frame_row(b_tot, s_tot))
            ch = v1 - v0
            with np.errstate(divide="ignore", invalid="ignore"):
                pct = np.where(v0 != 0, 100.0 * ch / np.where(v0 != 0, v0, 1.0), np.nan)
            sec_frames.append(
                pd.DataFrame(
                    {
                        "scenario_name": a.name,
                        "measure": meas,
                        "baseline": v0,
                        "scenario": v1,
                        "change": ch,
                        "pct_change": pct,
                    },
                    index=pd.Index(codes, name="code"),
                )
            )
            for cname, idx in clusters.items():
                ix = list(idx)
                cl_idx.append((a.name, cname, meas))
                cl_rows.append(_frame_row(float(v0[ix].sum()), float(v1[ix].sum())))
            if meas not in rows1:  # exports: a final-demand quantity, no effects or multipliers
                continue
            c0, c1 = rows0[meas], rows1[meas]
            direct = float(c1 @ s_imp + (c1 - c0) @ x0)
            indirect = float(c1 @ (dx - s_imp))
            ind = float(c1 @ induced[i]) if closed is not None else np.nan
            eff_idx.append((a.name, meas))
            eff_rows.append(
                [direct, indirect, ind, direct + indirect + (0 if np.isnan(ind) else ind)]
            )
            if J:
                mult_idx.extend((a.name, codes[j], meas) for j in J)
                mult_rows.extend(np.column_stack([c0 @ L0J, c1 @ L1J]).tolist())
        # services content of each cluster's final demand, before and after
        va0, va1 = base.va.sum(0), a.va.sum(0)
        for cname, idx in clusters.items():
            ix = [J.index(int(j)) for j in idx]
            wy = y0[list(idx)]
            w = wy / wy.sum() if wy.sum() > 0 else np.full(len(ix), 1.0 / len(ix))
            before = float(va0[serv] @ (L0J[:, ix] @ w)[serv])
            after = float(va1[serv] @ (L1J[:, ix] @ w)[serv])
            sc_idx.append((a.name, cname))
            sc_rows.append(_frame_row(before, after))
        # structural decomposition (polar average)
        tech = 0.5 * ((L1y0 - x0) + (x1 - L0y1[i]))
        fd = 0.5 * ((L0y1[i] - x0) + (x1 - L1y0))
        dec = pd.DataFrame(
            {"scenario_name": a.name, "change": dx, "technology": tech, "final_demand": fd},
            index=pd.Index(codes, name="code"),
        )
        dec_frames.append(dec)
        p1 = p1s[i]
        price_frames.append(
            pd.DataFrame(
                {
                    "scenario_name": a.name,
                    "baseline": p0,
                    "scenario": p1,
                    "pct_change": 100.0 * (p1 - p0) / p0,
                },
                index=pd.Index(codes, name="code"),
            )
        )
        tot_idx.append((a.name, "price_level"))
        tot_rows.append(_frame_row(float(wts @ p0), float(wts @ p1)))

    cols = ["baseline", "scenario", "change", "pct_change"]
    totals = pd.DataFrame(
        tot_rows,
        index=pd.MultiIndex.from_tuples(tot_idx, names=["scenario_name", "measure"]),
        columns=cols,
    )
    totals.attrs["unit"] = t.meta.unit
    by_sector = pd.concat(sec_frames)
    by_sector.attrs["unit"] = t.meta.unit
    clusters_df = pd.DataFrame(
        cl_rows,
        index=pd.MultiIndex.from_tuples(cl_idx, names=["scenario_name", "cluster", "measure"]),
        columns=cols,
    )
    effects = pd.DataFrame(
        eff_rows,
        index=pd.MultiIndex.from_tuples(eff_idx, names=["scenario_name", "measure"]),
        columns=["direct", "indirect", "induced", "total"],
    )
    multipliers = pd.DataFrame(
        mult_rows,
        index=pd.MultiIndex.from_tuples(mult_idx, names=["scenario_name", "code", "measure"]),
        columns=["before", "after"],
    )
    multipliers["change"] = multipliers["after"] - multipliers["before"]
    multipliers.attrs["unit"] = "per unit of final demand (simple, open model)"
    services_content = pd.DataFrame(
        sc_rows,
        index=pd.MultiIndex.from_tuples(sc_idx, names=["scenario_name", "cluster"]),
        columns=cols,
    )
    services_content.attrs["unit"] = "services value added per unit of cluster final demand"
    decomposition = pd.concat(dec_frames)
    decomposition.attrs["unit"] = t.meta.unit
    prices = pd.concat(price_frames)
    prices.attrs["unit"] = "price index (baseline = 1)"
    for df in (clusters_df, effects):
        df.attrs["unit"] = t.meta.unit
    notes = list(t.domestic().meta.assumptions)
    notes.append(
        "Baseline output is the model solution x₀ = L y₀ with the table's domestic final "
        "demand; scenario output solves (I − A')x₁ = y₁ by rank-k (Woodbury) updates of "
        "the base factorisation."
    )
    notes.append(
        "Imports: "
        + (
            "by product, imported inputs Aᵐx plus imported final demand."
            if imports_by_product
            else "imported inputs by using sector; totals add imported final demand."
        )
    )
    notes.append(
        "Services (for the services content): "
        + (", ".join(codes[i] for i in serv) if serv else "none")
        + (f" ({describe_services(t)})" if services is None else "")
    )
    notes.append(
        "Absolute final-demand changes in categories other than exports are split into "
        "domestic and imported parts by the product's import share; exports are domestic."
    )
    notes.append(
        "Prices: Leontief price model, imported inputs at unchanged prices; the price "
        "level weights sectors by baseline domestic final demand."
    )
    notes.append(
        closed.describe()
        if closed is not None
        else "Open model: no Type II closure; induced effects not computed."
    )
    return ImpactResults(
        totals=totals,
        by_sector=by_sector,
        clusters=clusters_df,
        effects=effects,
        multipliers=multipliers,
        services_content=services_content,
        decomposition=decomposition,
        prices=prices,
        assumptions=tuple(notes),
    )
