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
from functools import cache
from typing import Any

import numpy as np
import scipy.linalg as sla

from iocluster.core.engine import FloatArray, LinearSystem
from iocluster.core.messages import Message
from iocluster.errors import NotProductiveError

__all__ = ["LowRank", "lu_pivots", "singular", "solve_updated", "solve_updated_transposed"]

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


def lu_pivots(K: FloatArray) -> FloatArray:
    """The pivots of the LU factorisation with partial pivoting (as LAPACK ``getrf``) of
    each ``K[d]`` of a stack of small matrices (D × k × k), at once."""
    if K.shape[-1] == 1:  # one pivot: the matrix itself
        return np.array(K[:, :, 0], dtype=np.float64)
    U = np.array(K, dtype=np.float64)
    D, k, _ = U.shape
    rows = np.arange(D)
    piv = np.empty((D, k))
    for c in range(k):
        p = c + np.argmax(np.abs(U[:, c:, c]), axis=1)
        top = U[rows, c, :].copy()
        U[rows, c, :] = U[rows, p, :]
        U[rows, p, :] = top
        piv[:, c] = U[:, c, c]
        if c + 1 < k:
            safe = np.where(piv[:, c] != 0, piv[:, c], 1.0)
            f = U[:, c + 1 :, c] / safe[:, None]
            U[:, c + 1 :, c:] -= f[:, :, None] * U[:, None, c, c:]
    return piv


@cache
def _getrf_of(dtype: str) -> Any:
    return sla.get_lapack_funcs("getrf", dtype=np.dtype(dtype))


def _getrf(K: FloatArray) -> Any:
    """LAPACK ``getrf`` of one small matrix (its function looked up once)."""
    return _getrf_of(K.dtype.str)(K)


def singular(K: FloatArray) -> np.ndarray:
    """Which capacitance matrices ``K = I − Vᵀ(I − A)⁻¹U`` of a stack (D × k × k) are
    singular: an LU pivot at most :data:`RCOND_SINGULAR` times the largest (or 1)."""
    if not K.shape[-1]:
        return np.zeros(K.shape[0], dtype=bool)
    if K.shape[0] <= 4 and K.shape[-1] > 1:  # a few matrices: LAPACK's getrf each
        d = np.abs(np.array([np.diagonal(_getrf(k)[0]) for k in K]))
    else:
        d = np.abs(lu_pivots(K))
    return np.asarray(d.min(axis=1) <= RCOND_SINGULAR * np.maximum(1.0, d.max(axis=1)))


def _run(
    base: LinearSystem,
    updates: Sequence[LowRank | None],
    rhs: Sequence[FloatArray],
    *,
    transposed: bool,
    names: Sequence[str] | None = None,
) -> list[FloatArray]:
    """One base solve of every update's ``W`` and right-hand sides, then the
    capacitance corrections, stacked for the updates of the same shape (the small
    ``k × k`` systems by NumPy: SciPy's OpenBLAS solve wakes its thread pool on every
    call, which cost milliseconds per Monte Carlo draw on a busy machine)."""
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
    groups: dict[tuple[int, int], list[int]] = {}
    parts: list[tuple[FloatArray, FloatArray, FloatArray]] = []
    pos = 0
    for i, (u, b) in enumerate(zip(updates, rhs, strict=True)):
        k = u.k if u is not None else 0
        W = sol[:, pos : pos + k]
        pos += k
        q = b.reshape(n, -1).shape[1]
        out.append(sol[:, pos : pos + q])
        pos += q
        parts.append((W, out[i], (u.U if transposed else u.V) if u is not None else W))
        if k:
            groups.setdefault((k, q), []).append(i)
    for (k, _), idx in groups.items():
        otherT = np.stack([parts[i][2] for i in idx]).transpose(0, 2, 1)
        W = np.stack([parts[i][0] for i in idx])
        X0 = np.stack([parts[i][1] for i in idx])
        K = np.eye(k) - otherT @ W
        bad = singular(K)
        if bad.any():
            i = idx[int(np.flatnonzero(bad)[0])]
            label = names[i] if names else Message("engine.update", number=str(i + 1))
            said = Message("engine.singular_update", label=label)
            raise NotProductiveError(said, update=i)
        X = X0 + W @ np.linalg.solve(K, otherT @ X0)
        for g, i in enumerate(idx):
            out[i] = X[g]
    return [x.reshape(b.shape) if b.ndim == 1 else x for x, b in zip(out, rhs, strict=True)]


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
