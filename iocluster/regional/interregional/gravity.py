"""Doubly constrained gravity model of interregional trade, every product at once.

For product :math:`i`, the flows :math:`t^{rs}_i` from region :math:`r` to region
:math:`s \\ne r` follow

.. math:: t^{rs}_i = a^r_i\\, O^r_i\\, b^s_i\\, D^s_i\\, f(d_{rs}),
          \\qquad f(d) = d^{-\\beta},
          \\qquad \\sum_{s} t^{rs}_i = O^r_i, \\quad \\sum_{r} t^{rs}_i = D^s_i

(Wilson 1970; the interregional-trade form of Miller & Blair 2009, §3.5 on gravity
models of trade), with :math:`O` what each region ships to other regions and :math:`D`
what each region buys from them; the balancing factors :math:`a, b` are found by
alternating row and column scaling (Furness' method, the biproportional RAS iteration of
:func:`iocluster.operations.ras.ras`, here vectorised over the n products because the
seed :math:`f(d_{rs})` is shared). The diagonal (self-supply) is zero here: it is set by
location quotients in :mod:`.trade`.

Default :math:`\\beta = 1`: the distance elasticity of trade, whose mean over 1,467
estimates in 103 papers is about 0.9 (Disdier & Head 2008); gravity studies of
interregional trade within a country find values of the same order (Spain:
Llano et al. 2010, C-intereg). Larger β keeps trade between neighbours.

References
----------
Wilson, A. G. (1970). *Entropy in Urban and Regional Modelling*. Pion, London.
Disdier, A.-C. and Head, K. (2008). The puzzling persistence of the distance effect on
bilateral trade. *Review of Economics and Statistics* 90(1), 37–48.
Llano, C., Esteban, A., Pérez, J. and Pulido, A. (2010). Opening the interregional trade
"black box": the C-intereg database for the Spanish economy (1995–2005). *International
Regional Science Review* 33(3), 302–337.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import InputError, NumericalError

__all__ = ["DEFAULT_BETA", "distance_decay", "feasible_margins", "gravity_flows"]

#: Distance decay exponent β (Disdier & Head 2008: mean distance elasticity ≈ 0.9).
DEFAULT_BETA = 1.0
#: largest ln of the seed's range (nearest / farthest pair) balanced: the balancing
#: factors then stay within about 1e±150, far from float64's 1e±308
_MAX_LOG_SPREAD = 345.0


def distance_decay(distances: ArrayLike, beta: float) -> FloatArray:
    """The gravity seed :math:`f(d_{rs}) = (d_{rs}/d_{min})^{-\\beta}` off the diagonal.

    Scaled by the shortest distance so a large β does not underflow for the nearest
    pairs; the scale cancels in the balancing factors. The diagonal is zero.

    >>> distance_decay([[0, 100], [100, 0]], 2.0).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    d = np.asarray(distances, dtype=np.float64)
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        raise InputError(f"distances must be a square matrix, got shape {d.shape}")
    if not np.isfinite(beta) or beta < 0:
        raise InputError(Message("regional.beta_range", value=f"{beta}"))
    off = ~np.eye(d.shape[0], dtype=bool)
    if np.any(d[off] <= 0) or not np.all(np.isfinite(d[off])):
        r, s = np.argwhere(off & ~(d > 0))[0] if np.any(d[off] <= 0) else (0, 1)
        said = Message("regional.distance", a=int(r + 1), b=int(s + 1), km=float(d[r, s]))
        raise InputError(said)
    if d.shape[0] == 1:
        return frozen_array(np.zeros((1, 1)), copy=False)
    ratio = np.where(off, d / d[off].min(), 1.0)
    spread = float(np.log(ratio.max()))  # ln(longest / shortest distance)
    if beta * spread > _MAX_LOG_SPREAD:
        said = Message(
            "regional.beta_too_large", beta=float(beta), far=float(ratio.max()),
            most=_MAX_LOG_SPREAD / spread,
        )  # fmt: skip
        raise InputError(said)
    return frozen_array(np.where(off, ratio ** (-beta), 0.0), copy=False)


def feasible_margins(out: ArrayLike, into: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Make shipments ``out`` (n × R) and purchases ``into`` (n × R) reachable without
    self-trade.

    A region cannot ship more to the others than they buy together:
    :math:`O^r \\le \\sum_{s \\ne r} D^s`. Where it would (at most one region per product
    can), the excess :math:`O^r + D^r - \\sum_s D^s` is supplied within the region
    instead. Returns the new ``out``, ``into`` and the excess moved (n × R).

    >>> o, d, e = feasible_margins([[5.0, 1.0]], [[3.0, 3.0]])
    >>> o.tolist(), d.tolist(), e.tolist()
    ([[3.0, 1.0]], [[1.0, 3.0]], [[2.0, 0.0]])
    """
    O = np.array(out, dtype=np.float64)
    D = np.array(into, dtype=np.float64)
    total = D.sum(axis=1, keepdims=True)
    excess = np.maximum(O + D - total, 0.0)
    # O - excess = total - D >= 0 exactly; clip the rounding
    return (
        frozen_array(np.maximum(O - excess, 0.0)),
        frozen_array(np.maximum(D - excess, 0.0)),
        frozen_array(excess),
    )


def gravity_flows(
    out: ArrayLike,
    into: ArrayLike,
    seed: ArrayLike,
    *,
    tol: float = 1e-12,
    max_iter: int = 20_000,
    products: tuple[str, ...] | None = None,
) -> FloatArray:
    """Flows ``t[i, r, s]`` with row sums ``out[i]`` and column sums ``into[i]``.

    Parameters
    ----------
    out, into : (n, R) array
        Shipments to and purchases from other regions per product; equal totals per
        product (to rounding) and reachable (:func:`feasible_margins`).
    seed : (R, R) array
        :func:`distance_decay` (zero diagonal).

    Returns
    -------
    (n, R, R) ndarray
        :math:`t^{rs}_i = a^r_i f_{rs} b^s_i`.

    Raises
    ------
    NumericalError
        No convergence (naming the product), e.g. margins the zero pattern cannot reach.

    Examples
    --------
    Three regions, one product:

    >>> t = gravity_flows([[2.0, 1.0, 1.0]], [[1.0, 1.0, 2.0]], distance_decay(
    ...     [[0, 1, 2], [1, 0, 1], [2, 1, 0]], 1.0))
    >>> t.sum(axis=2).round(9).tolist(), t.sum(axis=1).round(9).tolist()
    ([[2.0, 1.0, 1.0]], [[1.0, 1.0, 2.0]])
    """
    O = np.asarray(out, dtype=np.float64)
    D = np.asarray(into, dtype=np.float64)
    G = np.asarray(seed, dtype=np.float64)
    if O.shape != D.shape or O.ndim != 2 or G.shape != (O.shape[1], O.shape[1]):
        raise InputError(f"margins {O.shape}, {D.shape} and seed {G.shape} do not match")
    if np.any(O < 0) or np.any(D < 0):
        raise InputError(Message("regional.margins_negative"))
    scale = np.maximum(np.maximum(O.max(axis=1), D.max(axis=1)), 1e-300)
    # a region at the bound O^r = Σ_{s≠r} D^s (where feasible_margins leaves a region
    # that would ship more) forces every flow: it supplies all other regions' purchases
    # and buys all their shipments; RAS would only approach that slowly
    total = D.sum(axis=1)
    edge = O + D >= (total * (1.0 - 1e-9))[:, None]
    forced = edge.any(axis=1) & (total > 0) & (O.shape[1] > 1)
    out_flows = np.zeros((O.shape[0], O.shape[1], O.shape[1]))
    for i in np.flatnonzero(forced):
        r = int(np.argmax(O[i] + D[i]))
        out_flows[i, r, :] = D[i]
        out_flows[i, :, r] = O[i]
        out_flows[i, r, r] = 0.0
    free = ~forced
    if not free.any():
        return frozen_array(out_flows, copy=False)
    O, D, scale = O[free], D[free], scale[free]
    a = np.ones_like(O)
    b = np.ones_like(D)
    err = np.full(O.shape[0], np.inf)
    with np.errstate(all="ignore"):  # factors out of range end as an error below
        for _ in range(max_iter):
            rs = b @ G.T  # Σ_s f_rs b_s
            a = np.divide(O, rs, out=np.zeros_like(O), where=rs > 0)
            cs = a @ G  # Σ_r a_r f_rs
            b = np.divide(D, cs, out=np.zeros_like(D), where=cs > 0)
            row = a * (b @ G.T)
            col = b * (a @ G)
            err = np.maximum(np.abs(row - O).max(axis=1), np.abs(col - D).max(axis=1)) / scale
            if np.all(err <= tol):
                break
    if not np.all(err <= tol):
        worst = int(np.flatnonzero(free)[int(np.argmax(np.nan_to_num(err, nan=np.inf)))])
        name = products[worst] if products else str(worst + 1)
        said = Message("regional.not_balanced", product=name, iterations=str(max_iter),
                       error=f"{float(np.nanmax(err)):.3g}")  # fmt: skip
        raise NumericalError(said)
    out_flows[free] = a[:, :, None] * G[None, :, :] * b[:, None, :]
    return frozen_array(out_flows, copy=False)
