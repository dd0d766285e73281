"""Rank-k updates of the factorised Leontief system (Woodbury identity).

A scenario changes the coefficients by ``ΔA = U Vᵀ`` (``U``, ``V`` n × k, k small).
With ``M = I − A`` factorised once,

.. math::

    (M - U V^\\top)^{-1} b = M^{-1} b + W\\,(I_k - V^\\top W)^{-1} V^\\top M^{-1} b,
    \\qquad W = M^{-1} U,

and for the transposed system (prices, row multipliers)

.. math::

    (M - U V^\\top)^{-\\top} c = M^{-\\top} c + Z\\,(I_k - U^\\top Z)^{-1} U^\\top M^{-\\top} c,
    \\qquad Z = M^{-\\top} V.

Each update costs one batched solve with ``k`` right-hand sides plus O(n k²); every
update and right-hand side of a run goes into one call of the base factorisation.
The updated system is singular exactly when the capacitance matrix ``I_k − VᵀW`` is.

References
----------
Woodbury, M. A. (1950). Inverting modified matrices. Memorandum Report 42, Statistical
Research Group, Princeton University. Sherman, J. and Morrison, W. J. (1950).
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., App. C.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg as sla

from iocluster.core.engine import FloatArray, LinearSystem
from iocluster.errors import NotProductiveError

__all__ = ["LowRank", "solve_updated", "solve_updated_transposed"]

#: capacitance matrices with a reciprocal condition number below this are singular.
RCOND_SINGULAR = 1e-13


@dataclass(frozen=True, eq=False)
class LowRank:
    """A coefficient change ``ΔA = U Vᵀ``."""

    U: FloatArray
    V: FloatArray

    @property
    def k(self) -> int:
        """Rank bound (number of columns)."""
        return int(self.U.shape[1])


def _check_capacitance(K: FloatArray, name: str, index: int) -> None:
    """Refuse a singular capacitance matrix ``K = I − Vᵀ(I − A)⁻¹U`` (its LU pivots).

    The small ``k × k`` system itself is then solved by NumPy: SciPy's OpenBLAS solve
    (``getrs``) wakes its thread pool on every call, which cost milliseconds per Monte
    Carlo draw on a busy machine.
    """
    getrf: Any = sla.get_lapack_funcs("getrf", (K,))
    lu, _, _ = getrf(K)
    d = np.abs(np.diag(lu))
    if d.size and (d.min() <= RCOND_SINGULAR * max(1.0, float(d.max()))):
        raise NotProductiveError(f"{name}: the changed system I − A is singular", update=index)


def _run(
    base: LinearSystem,
    updates: Sequence[LowRank | None],
    rhs: Sequence[FloatArray],
    *,
    transposed: bool,
    names: Sequence[str] | None = None,
) -> list[FloatArray]:
    n = base.n
    blocks: list[FloatArray] = []
    for u, b in zip(updates, rhs, strict=True):
        if u is not None and u.k:
            blocks.append(u.V if transposed else u.U)
        blocks.append(b.reshape(n, -1))
    if not blocks:
        return []
    big = np.hstack(blocks)
    sol = base.solve_transposed(big) if transposed else base.solve(big)
    out: list[FloatArray] = []
    pos = 0
    for i, (u, b) in enumerate(zip(updates, rhs, strict=True)):
        W = None
        if u is not None and u.k:
            W = sol[:, pos : pos + u.k]
            pos += u.k
        q = b.reshape(n, -1).shape[1]
        x0 = sol[:, pos : pos + q]
        pos += q
        if W is None or u is None:
            x = x0
        else:
            other = u.U if transposed else u.V
            K = np.eye(u.k) - other.T @ W
            label = names[i] if names else f"update {i + 1}"
            _check_capacitance(K, label, i)
            corr = np.linalg.solve(K, other.T @ x0)  # k × k: no threaded LAPACK call
            x = x0 + W @ corr
        out.append(x.reshape(b.shape) if b.ndim == 1 else x)
    return out


def solve_updated(
    base: LinearSystem,
    updates: Sequence[LowRank | None],
    rhs: Sequence[FloatArray],
    names: Sequence[str] | None = None,
) -> list[FloatArray]:
    """Solve ``(I − A − UᵢVᵢᵀ) xᵢ = bᵢ`` for every pair, in one batched base solve.

    Examples
    --------
    >>> import numpy as np
    >>> from iocluster.core.engine import factorise
    >>> A = np.array([[0.15, 0.25], [0.2, 0.05]])
    >>> dA = np.array([[0.0, 0.05], [0.0, 0.0]])        # a_12 up by 0.05
    >>> up = LowRank(U=dA[:, [1]], V=np.array([[0.0], [1.0]]))
    >>> x, = solve_updated(factorise(A), [up], [np.array([350.0, 1700.0])])
    >>> bool(np.allclose(x, np.linalg.solve(np.eye(2) - A - dA, [350, 1700])))
    True
    """
    return _run(base, updates, rhs, transposed=False, names=names)


def solve_updated_transposed(
    base: LinearSystem,
    updates: Sequence[LowRank | None],
    rhs: Sequence[FloatArray],
    names: Sequence[str] | None = None,
) -> list[FloatArray]:
    """Solve ``(I − A − UᵢVᵢᵀ)ᵀ pᵢ = cᵢ`` for every pair, in one batched base solve."""
    return _run(base, updates, rhs, transposed=True, names=names)
