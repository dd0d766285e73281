"""The mixed exogenous/endogenous Leontief model: sectors whose output is fixed.

For a set ``X`` of sectors with output fixed at ``x̄_X`` (a harvest, a capacity) and the
other sectors ``E`` with final demand given, the model (Miller & Blair 2009, §13.1)

.. math:: (I - A)\\,x = y + E_X z,\\qquad E_X^\\top x = \\bar x_X

has unknowns ``x`` (the output of every sector; that of ``X`` comes out as ``x̄_X``) and
``z``, the change in final demand for the products of ``X`` that the fixed output forces
(negative: final users must do with less of it). With ``M = I − A`` (possibly a
rank-k update of the factorised base, :mod:`iocluster.core.woodbury`) and ``L = M⁻¹``,

.. math::

    u = L y,\\quad W = L E_X,\\quad
    z = (E_X^\\top W)^{-1} (\\bar x_X - u_X),\\quad x = u + W z,

one batched solve with ``1 + |X|`` right-hand sides and a ``|X| × |X|`` system (the
block ``L_XX``, positive definite in the diagonal sense for a productive ``A``): no new
factorisation and no inverse. ``x = L (y + E_X z)``: the mixed model is the open model
with the fixed sectors' final demand adjusted, which is how scenarios use it.

A *cap* is an upper bound ``x_X ≤ x̄_X``: sectors whose unconstrained output would
exceed their cap are fixed at it and the model is solved again, until no other capped
sector exceeds its cap (an active set; at most ``|caps|`` rounds).

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., Cambridge
University Press, §13.1 ("Mixed endogenous/exogenous models").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from iocluster.core.engine import FloatArray, LinearSystem
from iocluster.core.messages import Message
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.errors import NotProductiveError

__all__ = ["capped_final_demand", "mixed_final_demand"]


def mixed_final_demand(
    system: LinearSystem,
    update: LowRank | None,
    y: FloatArray,
    fixed: Sequence[int],
    level: FloatArray,
) -> FloatArray:
    """The final-demand change ``z`` of the ``fixed`` sectors that holds their output at
    ``level`` (same order as ``fixed``), for final demand ``y`` and the system ``I − A``
    (``system`` updated by ``update``).

    Examples
    --------
    Miller & Blair (2009) Table 2.3 economy, ``A = [[.15, .25], [.2, .05]]``, final
    demand ``y = (450, 1700)``: 100 more for sector 1 than the base ``(350, 1700)``, with
    sector 2's output fixed at its base 2000. Sector 1's row,
    ``x₁ = .15 x₁ + .25·2000 + 450``, gives ``x₁ = 950/.85 = 1117.65``; sector 2's row,
    ``2000 = .2 x₁ + .05·2000 + 1700 + z``, gives ``z = 200 − .2 x₁ = −23.53``:

    >>> from iocluster.core.engine import factorise
    >>> sys = factorise([[0.15, 0.25], [0.2, 0.05]])
    >>> z = mixed_final_demand(sys, None, np.array([450.0, 1700.0]), [1], np.array([2000.0]))
    >>> round(float(z[0]), 2), round(200 - 0.2 * 950 / 0.85, 2)
    (-23.53, -23.53)
    """
    n = system.n
    X = np.asarray(list(fixed), dtype=np.intp)
    if X.size == 0:
        return np.zeros(0)
    E = np.zeros((n, X.size))
    E[X, np.arange(X.size)] = 1.0
    (sol,) = solve_updated(system, [update], [np.column_stack([y, E])])
    u, W = sol[:, 0], sol[:, 1:]
    K = W[X, :]
    try:
        z = np.linalg.solve(K, np.asarray(level, dtype=float) - u[X])
    except np.linalg.LinAlgError:
        z = np.full(X.size, np.nan)
    if not np.all(np.isfinite(z)):
        raise NotProductiveError(Message("engine.fixed_block_singular"))
    return np.asarray(z)


def capped_final_demand(
    system: LinearSystem,
    update: LowRank | None,
    y: FloatArray,
    fixed: Mapping[int, float],
    caps: Mapping[int, float],
    *,
    tol: float = 1e-9,
) -> tuple[list[int], FloatArray]:
    """Sectors held at a level and ``z`` for them: every sector of ``fixed`` at its level,
    and every sector of ``caps`` whose output would exceed its cap held at the cap.

    Returns ``(sectors, z)``; a capped sector below its cap is not among them.

    Examples
    --------
    The Table 2.3 economy with ``y = (450, 1900)``: unconstrained output is
    ``x₂ = 2240.3``; capped at 2100 the cap binds and ``z₂`` takes the excess away.

    >>> from iocluster.core.engine import factorise
    >>> sys = factorise([[0.15, 0.25], [0.2, 0.05]])
    >>> S, z = capped_final_demand(sys, None, np.array([450.0, 1900.0]), {}, {1: 2100.0})
    >>> S, bool(z[0] < 0)
    ([1], True)
    >>> capped_final_demand(sys, None, np.array([450.0, 1900.0]), {}, {1: 3000.0})[0]
    []
    """
    held: dict[int, float] = {int(k): float(v) for k, v in fixed.items()}
    for _ in range(len(caps) + 1):
        S = sorted(held)
        z = mixed_final_demand(system, update, y, S, np.array([held[i] for i in S]))
        if not caps:
            return S, z
        yy = y.copy()
        yy[S] += z
        (x,) = solve_updated(system, [update], [yy])
        over = [i for i, c in caps.items() if i not in held and x[i] > c + tol * max(1.0, abs(c))]
        if not over:
            return S, z
        for i in over:
            held[int(i)] = float(caps[i])
    raise NotProductiveError(Message("engine.capacity_unmet"))  # pragma: no cover
