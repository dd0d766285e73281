"""The Leontief price system of an applied scenario, as arrays (shared by the price
results, :mod:`.prices`, and the export response of tax shocks, :mod:`.apply`).

Costs per unit of output other than domestic inputs are ``c = va + m + other``; a
product whose price is set exogenously has its column of ``A'`` removed and
``c_s = p̄_s`` (Miller & Blair 2009, §2.6.3), which extends the low-rank update.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from iocluster.core.engine import Coefficients, FloatArray, LinearSystem, dense_block
from iocluster.core.woodbury import LowRank, solve_updated_transposed

__all__ = ["price_update", "solve_prices"]


def price_update(
    A: Coefficients, U: FloatArray, V: FloatArray, c: FloatArray, fixed: Mapping[int, float]
) -> tuple[LowRank | None, FloatArray]:
    """The update of ``(I − A)ᵀ`` and the cost vector for prices ``p'`` with
    ``ΔA = U Vᵀ`` and the exogenous prices ``fixed`` (sector → price)."""
    if fixed:
        S = np.array(sorted(fixed), dtype=np.intp)
        colS = dense_block(A, cols=S) + U @ V[S, :].T
        ES = np.zeros((A.shape[0], S.size))
        ES[S, np.arange(S.size)] = 1.0
        U = np.hstack([U, -colS])
        V = np.hstack([V, ES])
        c = c.copy()
        c[S] = [fixed[int(s)] for s in S]
    return (LowRank(U, V) if U.shape[1] else None), c


def solve_prices(
    system: LinearSystem,
    A: Coefficients,
    U: FloatArray,
    V: FloatArray,
    c: FloatArray,
    fixed: Mapping[int, float],
) -> FloatArray:
    """Prices ``p'`` solving ``(I − A − U Vᵀ)ᵀ p = c`` with the exogenous ``fixed``."""
    up, cc = price_update(A, U, V, c, fixed)
    (p,) = solve_updated_transposed(system, [up], [cc])
    return p
