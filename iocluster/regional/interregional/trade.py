"""Self-supply by location quotients and interregional trade of every product.

For region :math:`s` (output :math:`x^s_j`, final demand :math:`f^s_i` of residents),
with national coefficients :math:`a_{ij}` and the FLQ regional purchase coefficients
:math:`r^s_{ij} = a_{ij}\\min(1, LQ^s_{ij})` of :mod:`iocluster.regional.regionalize`:

- demand for product :math:`i`: :math:`D^s_i = \\sum_j a_{ij} x^s_j + f^s_i`;
- supply for the home market: :math:`S^s_i = x^s_i - e^s_i` (output less foreign exports
  and less the negative final demand, inventory drawdowns, sold from the region;
  :math:`f^s_i` is the positive final demand);
- self-supply: :math:`\\kappa^s_i (\\sum_j r^s_{ij} x^s_j + c^s_i f^s_i)`, with
  :math:`c^s_i = \\min(1, LQ^s_{ii})` for final demand (the quotient's own-sector value,
  :math:`\\lambda^* SLQ_i` for FLQ) and :math:`\\kappa^s_i = \\min(1, S^s_i / \\cdot)` so a
  region never supplies itself more than it makes for the home market;
- the rest, shipments :math:`O^s_i = S^s_i - \\text{self}` and purchases
  :math:`P^s_i = D^s_i - \\text{self}`, are traded between regions by the doubly
  constrained gravity model (:mod:`.gravity`).

Every user of product :math:`i` in region :math:`s` buys its non-local part from the
other regions in the same proportions :math:`t^{rs}_i / P^s_i`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.regional.interregional.gravity import feasible_margins, gravity_flows

__all__ = ["TradePattern", "trade_pattern"]


@dataclass(frozen=True, eq=False)
class TradePattern:
    """Self-supply and origin shares of every product in every region.

    Attributes
    ----------
    local_intermediate : (R, n, n) ndarray
        :math:`\\kappa^s_i r^s_{ij}`: coefficients bought within region ``s``.
    local_final : (n, R) ndarray
        :math:`\\kappa^s_i c^s_i`: share of residents' final demand bought within the region.
    origin : (n, R, R) ndarray
        :math:`t^{rs}_i / P^s_i`: the share of region ``s``'s non-local purchases of
        product ``i`` that comes from region ``r`` (columns sum to 1 where ``P > 0``).
    flows : (n, R, R) ndarray
        The interregional flows :math:`t^{rs}_i` (zero diagonal).
    capped : (n, R) ndarray of bool
        Where self-supply was capped at the region's supply (:math:`\\kappa < 1`).
    moved : (n, R) ndarray
        Self-supply added where a region would otherwise ship more than the others buy.
    """

    local_intermediate: FloatArray
    local_final: FloatArray
    origin: FloatArray
    flows: FloatArray
    capped: np.ndarray
    moved: FloatArray


def trade_pattern(
    A: FloatArray,
    R: FloatArray,
    own: FloatArray,
    x: FloatArray,
    fixed: FloatArray,
    final: FloatArray,
    seed: FloatArray,
    products: tuple[str, ...] | None = None,
) -> TradePattern:
    """The trade pattern (see the module docstring).

    Parameters
    ----------
    A : (n, n) national domestic coefficients.
    R : (R, n, n) regional purchase coefficients :math:`r^s_{ij}` of each region.
    own : (n, R) location quotients' own-sector values :math:`LQ^s_{ii}`.
    x, fixed, final : (n, R) regional output, sales kept in the producing region (foreign
        exports plus negative final demand such as inventory drawdowns) and residents'
        positive final demand.
    seed : (R, R) gravity seed (:func:`.gravity.distance_decay`).
    """
    nreg = x.shape[1]
    inter = np.einsum("ij,js->is", A, x)  # Σ_j a_ij x^s_j
    local_z = np.einsum("sij,js->is", R, x)  # Σ_j r^s_ij x^s_j
    c = np.minimum(1.0, own)
    demand = inter + final
    supply = np.maximum(x - fixed, 0.0)
    local = local_z + c * final
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(local > supply, supply / np.where(local > 0, local, 1.0), 1.0)
    local = local * kappa
    ship = np.maximum(supply - local, 0.0)
    buy = np.maximum(demand - local, 0.0)
    buy_before = buy
    # the national row identity makes the totals equal; rounding is absorbed here
    tot_s, tot_b = ship.sum(axis=1, keepdims=True), buy.sum(axis=1, keepdims=True)
    ratio = np.divide(tot_b, tot_s, out=np.ones_like(tot_s), where=tot_s > 0)
    ship = ship * ratio
    ship, buy, moved = feasible_margins(ship, buy)
    # nothing to ship at all (a national row residual): the purchases stay local
    none = (tot_s[:, 0] <= 0) & (tot_b[:, 0] > 0)
    if none.any():
        moved, buy = np.array(moved), np.array(buy)
        moved[none] += buy[none]
        buy[none] = 0.0
    if nreg > 1:
        flows = gravity_flows(ship, buy, seed, products=products)
    else:
        flows = frozen_array(np.zeros((x.shape[0], 1, 1)), copy=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        col = flows.sum(axis=1, keepdims=True)
        origin = np.where(col > 0, flows / np.where(col > 0, col, 1.0), 0.0)
    # what feasible_margins keeps local is taken from every user's non-local part alike
    phi = np.divide(moved, buy_before, out=np.zeros_like(moved), where=buy_before > 0)
    loc_int = R * kappa.T[:, :, None]
    loc_int = loc_int + phi.T[:, :, None] * (A[None, :, :] - loc_int)
    loc_fin = c * kappa
    loc_fin = loc_fin + phi * (1.0 - loc_fin)
    return TradePattern(
        local_intermediate=frozen_array(loc_int, copy=False),
        local_final=frozen_array(loc_fin, copy=False),
        origin=frozen_array(origin, copy=False),
        flows=frozen_array(flows, copy=False),
        capped=kappa < 1.0,
        moved=frozen_array(moved, copy=False),
    )
