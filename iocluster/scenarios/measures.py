"""The impacts of a run as arrays, scenario × measure × sector (the frames are built from
them once per run, :mod:`iocluster.scenarios.frames`).

Every measure of :func:`~iocluster.scenarios.results.sector_values` by sector, in the
baseline and in each scenario; totals add imported final use to imports where the table
records imports by using sector. Rounding noise is written as 0 (:mod:`.noise`: relative
to the measure's baseline total; prices and multipliers to their baseline, about 1).
The formulas of the split, the multipliers, the services content, the structural
decomposition and the prices are those of :mod:`iocluster.scenarios.impacts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray
from iocluster.scenarios.apply import Base
from iocluster.scenarios.baseline import Levels
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.results import Stacked, coefficient_rows, measure_matrix, stacked
from iocluster.scenarios.solves import RunSolves

__all__ = [
    "PRICE_LEVEL",
    "Induced",
    "Measures",
    "alone_changes",
    "frame_rows",
    "run_measures",
]

#: The measure name of the price level in the totals.
PRICE_LEVEL = "price_level"


def frame_rows(
    b: FloatArray | float, s: FloatArray | float, scale: FloatArray | float
) -> FloatArray:
    """``[baseline, scenario, change, % change]`` along a new last axis, rounding noise
    (relative to ``scale``) written as no change; the % change is NaN at a zero baseline.

    >>> frame_rows(np.array([200.0, 0.0]), np.array([210.0, 1.0]), 1.0).tolist()
    [[200.0, 210.0, 10.0, 5.0], [0.0, 1.0, 1.0, nan]]
    """
    b = np.asarray(b, dtype=float)
    ch = zero_noise(np.asarray(s, dtype=float) - b, scale)
    b = np.broadcast_to(b, ch.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(b != 0, 100.0 * ch / np.where(b != 0, b, 1.0), np.nan)
    return np.stack([b, b + ch, ch, pct], axis=-1)


@dataclass(frozen=True)
class Induced:
    """Per scenario the induced output ``Δx̄ − Δx`` of the closed model (S × n), the
    change of household income (S) and the import propensity of household consumption."""

    outputs: FloatArray
    income: FloatArray
    household_imports: float


@dataclass(frozen=True, eq=False)
class Measures:
    """Every impact of ``S`` scenarios as arrays (the frames' numbers, in their order).

    ``totals`` S × (M + 1) × 4 (the price level last), ``by_sector`` S × M × n × 4,
    ``clusters`` S × M × K × 4 (``[baseline, scenario, change, % change]``); ``effects``
    S × M × 4 (direct, indirect, induced, total); ``multipliers`` S × Mr × |J| × 2 (before,
    after) of the first ``Mr`` measures (those with a coefficient row); ``services``
    S × K × 4; ``decomposition`` S × n × 3 (change, technology, final demand);
    ``prices`` S × n × 3 (baseline, scenario, % change)."""

    levels: Levels
    totals: FloatArray
    by_sector: FloatArray
    clusters: FloatArray
    effects: FloatArray
    multipliers: FloatArray
    services: FloatArray
    decomposition: FloatArray
    prices: FloatArray

    @property
    def names(self) -> list[str]:
        """The measures (the totals add :data:`PRICE_LEVEL`)."""
        return self.levels.names


def _price_rows(s: RunSolves, P1: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Prices of every row of ``P1`` (noise as 0) as ``[baseline, scenario, % change]``
    and the price level as ``[baseline, scenario, change, % change]`` (weights:
    baseline domestic final demand)."""
    p0, wts = s.p0, s.baseline.weights
    p1 = p0 + zero_noise(P1 - p0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(p0 != 0, 100.0 * (p1 - p0) / np.where(p0 != 0, p0, 1.0), np.nan)
    level = frame_rows(float(wts @ p0), p1 @ wts, 1.0)
    return np.stack([np.broadcast_to(p0, p1.shape), p1, pct], axis=-1), level


def _effects(
    base: Base, s: RunSolves, lv: Levels, st: Stacked, R0: FloatArray, R1: FloatArray,
    change: FloatArray, induced: Induced | None,
) -> FloatArray:  # fmt: skip
    """Direct, indirect, induced and total effect of every measure and scenario
    (S × M × 4): ``direct = c₁ s + (c₁ − c₀) x₀`` with the impulse ``s = Δy + ΔA x₀``,
    ``indirect = c₁ (Δx − s)``, ``induced = c₁ (Δx̄ − Δx)``; imports add the change of
    imported final use to direct and the closed model's imported household consumption
    to induced; measures without a coefficient row (exports) are all direct."""
    x0, X1 = s.x0, s.X1
    S, Mr = R1.shape[0], R1.shape[1]
    impulse = st.y.sum(axis=2) - s.y0
    for i, a in enumerate(s.applied):
        U, V = a.low_rank()
        if U.shape[1]:
            impulse[i] += U @ (V.T @ x0)
    direct = np.einsum("smn,sn->sm", R1, impulse) + (R1 - R0) @ x0
    indirect = np.einsum("smn,sn->sm", R1, X1 - x0 - impulse)
    if induced is not None:
        ind = np.einsum("smn,sn->sm", R1, induced.outputs)
    else:
        ind = np.full((S, Mr), np.nan)
    imp = lv.names.index("imports")
    direct[:, imp] += st.ym.sum(axis=(1, 2)) - float(base.ym.sum())
    if induced is not None:
        ind[:, imp] += induced.household_imports * induced.income
    total = direct + indirect + np.where(np.isnan(ind), 0.0, ind)
    out = np.empty((S, len(lv.names), 4))
    out[:, :Mr] = zero_noise(np.stack([direct, indirect, ind, total], axis=-1), lv.scale[:Mr, None])
    rest = change[:, Mr:]  # the totals' change (noise as 0)
    out[:, Mr:, 0] = rest
    out[:, Mr:, 1] = 0.0
    out[:, Mr:, 2] = 0.0 if induced is not None else np.nan
    out[:, Mr:, 3] = rest
    return out


def _services(
    s: RunSolves, st: Stacked, va0: FloatArray, clusters: Mapping[str, Sequence[int]],
    serv: Sequence[int],
) -> FloatArray:  # fmt: skip
    """Services value added per unit of each cluster's final demand, before and after
    (S × K × 4): ``va_S · (L E_K w)_S`` with ``w`` the cluster's final-demand weights."""
    out = np.empty((len(s.applied), len(clusters), 4))
    sv = list(serv)
    va1 = st.va.sum(axis=1)[:, sv]  # S × |serv|
    for k, idx in enumerate(clusters.values()):
        ix = [s.J.index(int(j)) for j in idx]
        wy = s.y0[list(idx)]
        w = wy / wy.sum() if wy.sum() > 0 else np.full(len(ix), 1.0 / len(ix))
        before = float(va0[sv] @ (s.L0J[:, ix] @ w)[sv])
        after = np.einsum("sn,sn->s", va1, (s.L1J[:, :, ix] @ w)[:, sv])
        out[:, k] = frame_rows(before, after, before)
    return out


def _decomposition(s: RunSolves) -> FloatArray:
    """Structural decomposition of ``Δx`` by scenario (S × n × 3: change, technology,
    final demand), the polar average (Dietzenbacher & Los 1998)."""
    x0, X1, L1y0, L0y1 = s.x0, s.X1, s.L1y0, s.L0y1
    tech = 0.5 * ((L1y0 - x0) + (X1 - L0y1))
    fd = 0.5 * ((L0y1 - x0) + (X1 - L1y0))
    scale = float(np.abs(x0).sum())
    return zero_noise(np.stack([X1 - x0, tech, fd], axis=-1), scale)


def run_measures(
    base: Base,
    s: RunSolves,
    clusters: Mapping[str, Sequence[int]],
    serv: Sequence[int],
    induced: Induced | None,
) -> Measures:
    """Every impact of the scenarios of ``s`` as arrays (see :class:`Measures`), each
    measure an array operation over the scenarios stacked."""
    lv = s.baseline.levels
    M, S = len(lv.names), len(s.applied)
    st = stacked(base, s.applied)
    _, V1, extra = measure_matrix(base, st, s.X1)
    totals = np.empty((S, M + 1, 4))
    totals[:, :M] = frame_rows(lv.tot0, V1.sum(axis=-1) + extra, lv.scale)
    ch = zero_noise(V1 - lv.V0, lv.scale[:, None])
    v1 = lv.V0 + ch
    nonzero = lv.V0 != 0
    pct = np.where(nonzero, 100.0 * ch / np.where(nonzero, lv.V0, 1.0), np.nan)
    by_sector = np.stack([np.broadcast_to(lv.V0, v1.shape), v1, ch, pct], axis=-1)
    cl = np.empty((S, M, len(clusters), 4))
    for k, idx in enumerate(clusters.values()):
        ix = list(idx)
        cl[:, :, k] = frame_rows(lv.V0[:, ix].sum(axis=-1), v1[..., ix].sum(axis=-1), lv.scale)
    R0, R1 = s.baseline.R0, coefficient_rows(base, st)
    mult = np.empty((S, R0.shape[0], len(s.J), 2))
    mult[..., 0] = R0 @ s.L0J
    mult[..., 1] = R1 @ s.L1J
    prices, level = _price_rows(s, s.P1)
    totals[:, M] = level
    return Measures(
        levels=lv,
        totals=totals,
        by_sector=by_sector,
        clusters=cl,
        effects=_effects(base, s, lv, st, R0, R1, totals[:, :M, 2], induced),
        multipliers=mult,
        services=_services(s, st, base.va.sum(0), clusters, serv),
        decomposition=_decomposition(s),
        prices=prices,
    )


def alone_changes(base: Base, s: RunSolves, lv: Levels) -> FloatArray:
    """The change of every total (M + 1, the price level last) of each shock run alone
    (A × (M + 1)), as the totals of a scenario of that one shock."""
    M = len(lv.names)
    out = np.empty((len(s.alone), M + 1))
    _, V1, extra = measure_matrix(base, stacked(base, s.alone), s.X1_alone)
    out[:, :M] = zero_noise(V1.sum(axis=-1) + extra - lv.tot0, lv.scale)
    out[:, M] = zero_noise(s.level_alone - float(s.baseline.weights @ s.p0), 1.0)
    return out
