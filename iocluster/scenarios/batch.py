"""The outputs of a scenario for a whole batch of draws, solved at once.

The rows and columns a scenario changes depend on its sets only, not on the drawn values
(:class:`~iocluster.scenarios.apply.AppliedDraws`), so every draw shares the structure
of the Woodbury update (:mod:`iocluster.core.woodbury`)

.. math:: \\Delta A_d = E_R\\,\\Delta_R + \\Delta_{C,d}\\,E_C^\\top, \\qquad
    U_d = [E_R,\\ \\Delta_{C,d}], \\quad V_d = [\\Delta_R^\\top,\\ E_C],

and one base solve serves the whole batch: ``M⁻¹E_R`` and ``M⁻¹1`` once, ``M⁻¹Δ_{C,d}``
and ``M⁻¹y_d`` as ``D(|C| + 1)`` right-hand sides; the ``D`` capacitance systems
``(I − V_dᵀW_d) c_d = V_dᵀx⁰_d`` are solved as one stacked call. The numbers equal the
one-draw path's (:func:`iocluster.scenarios.results.scenario_outputs`) up to rounding
(tested to 1e-12).

Where a draw's system is singular or not productive, :func:`solve_draws` returns None
and the caller solves draw by draw, which raises the same message as a point run.
"""

from __future__ import annotations

import numpy as np

from iocluster.core.engine import FloatArray, dense_block
from iocluster.core.woodbury import singular
from iocluster.scenarios.apply import AppliedDraws
from iocluster.scenarios.base import Base

__all__ = ["solve_draws"]


class _Refused(Exception):
    """A draw of the batch leaves the batch solve (the one-draw solve says why)."""


def _unit_columns(n: int, rows: np.ndarray) -> FloatArray:
    """``E_rows``: the columns of the identity at ``rows`` (n × |rows|)."""
    E = np.zeros((n, rows.size))
    E[rows, np.arange(rows.size)] = 1.0
    return E


def _left(M: FloatArray, X: FloatArray) -> FloatArray:
    """``M X_d`` for every ``d`` of a stack ``X`` (D × r × q), as one matrix product."""
    D, r, q = X.shape
    flat = X.transpose(1, 0, 2).reshape(r, D * q)
    return (M @ flat).reshape(M.shape[0], D, q).transpose(1, 0, 2)


def _solve_columns(
    base: Base, fixed: FloatArray, varying: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """``M⁻¹ fixed`` (n × p) and ``M⁻¹ varying[d]`` (D × n × q) in one base solve. When
    the varying columns differ from ``varying[0]`` on fewer rows ``Q`` than there are
    columns, ``M⁻¹ varying[d] = M⁻¹ varying[0] + (M⁻¹ E_Q)(varying[d] − varying[0])_Q``
    (rows outside ``Q`` are zero): ``|Q| + q`` right-hand sides instead of ``D q``."""
    D, n, q = varying.shape
    diff = varying - varying[:1]
    Q = np.flatnonzero(np.any(diff, axis=(0, 2)))
    p = fixed.shape[1]
    if Q.size + q < D * q:
        sol = base.table.leontief.solve(np.hstack([fixed, varying[0], _unit_columns(n, Q)]))
        LQ = sol[:, p + q :]
        out = sol[None, :, p : p + q] + _left(LQ, diff[:, Q, :])
        return sol[:, :p], out
    flat = varying.transpose(1, 0, 2).reshape(n, D * q)
    sol = base.table.leontief.solve(np.hstack([fixed, flat]))
    return sol[:, :p], sol[:, p:].reshape(n, D, q).transpose(1, 0, 2)


def _solve_reduced(base: Base, a: AppliedDraws, ysum: FloatArray) -> FloatArray | None:
    """:func:`_solve` when the draws differ on a few rows ``S`` only (None otherwise).

    With ``Δ_{C,d} = Δ_{C,0} + E_S δ_d`` and ``y_d = y_0 + E_S η_d``, every solution lies
    in the span of the basis ``B = M⁻¹[E_R, Δ_{C,0}, y_0, 1, E_S]`` (one base solve):
    ``W_d = B G_d``, ``x⁰_d = B g_d``, so ``V_dᵀW_d = (VᵀB) G_d`` with ``VᵀB`` the same for
    every draw, the capacitance systems are ``k × k`` and the outputs
    ``x_d = B (g_d + G_d c_d)`` are one matrix product for the whole batch.
    """
    D, R, C = a.D, a.rows, a.cols
    n = base.table.n
    kR, kC = R.size, C.size
    k = kR + kC
    keep = np.ones(n, dtype=bool)
    keep[R] = False  # rows of extracted sectors: the row change ΔR covers them
    dC = a.col_delta  # D × n × |C|, zero on the rows R
    vary = np.any(dC != dC[:1], axis=(0, 2))
    S = np.flatnonzero((vary & keep) | np.any(ysum != ysum[:1], axis=0))
    if S.size > n // 2:
        return None
    dC0 = dC[0]
    dS = dC[:, S, :] - dC0[S][None, :, :]
    B = base.table.leontief.solve(
        np.hstack([_unit_columns(n, R), dC0, ysum[0][:, None], np.ones((n, 1)),
                   _unit_columns(n, S)])
    )  # fmt: skip
    b = B.shape[1]
    iy, i1 = k, k + 1  # columns of y_0 and of 1 in the basis; E_S follows
    G = np.zeros((D, b, k))
    G[:, np.arange(k), np.arange(k)] = 1.0
    G[:, i1 + 1 :, kR:] = dS
    g = np.zeros((D, b, 2))
    g[:, iy, 0] = 1.0
    g[:, i1, 1] = 1.0
    g[:, i1 + 1 :, 0] = ysum[:, S] - ysum[:1, S]
    VB = np.vstack([-dense_block(base.A, R) @ B, B[C, :]])  # Vᵀ B, k × b
    K = np.eye(k)[None, :, :] - VB @ G
    if k and singular(K).any():
        raise _Refused
    H = g + G @ np.linalg.solve(K, VB @ g) if k else g
    X = (B @ H.transpose(1, 0, 2).reshape(b, 2 * D)).reshape(n, D, 2)
    if not np.all(X[:, :, 1] > 0):
        raise _Refused
    return np.ascontiguousarray(X[:, :, 0].T)


def _solve(base: Base, a: AppliedDraws) -> FloatArray:
    """Output ``x_d`` of every draw (D × n): one base solve and ``D`` stacked
    capacitance solves (the module docstring's formula)."""
    D, R, C = a.D, a.rows, a.cols
    n = base.table.n
    A = base.A
    ysum = a.y.sum(axis=2)  # D × n
    X = _solve_reduced(base, a, ysum)
    if X is not None:
        return X
    dC = a.col_delta
    kR, kC = R.size, C.size
    fixed, var = _solve_columns(
        base,
        np.hstack([_unit_columns(n, R), np.ones((n, 1))]),
        np.concatenate([dC, ysum[:, :, None]], 2),
    )
    WR, x_one = fixed[:, :kR], fixed[:, kR]
    WC = var[:, :, :kC]
    x0 = np.stack([var[:, :, kC], np.broadcast_to(x_one, (D, n))], 2)
    k = kR + kC
    if k == 0:
        return np.asarray(x0[:, :, 0])
    W = np.concatenate([np.broadcast_to(WR, (D, n, kR)), WC], axis=2)  # D × n × k
    rowd = -dense_block(A, R)  # kR × n: ΔR

    def vt(X: FloatArray) -> FloatArray:
        """``V_dᵀ X_d`` for D × n × q."""
        return np.concatenate([_left(rowd, X), X[:, C, :]], axis=1)

    K = np.eye(k)[None, :, :] - vt(W)
    if singular(K).any():
        raise _Refused
    corr = np.linalg.solve(K, vt(x0))
    x = x0 + W @ corr
    if not np.all(x[:, :, 1] > 0):
        raise _Refused
    return np.asarray(x[:, :, 0])


def solve_draws(base: Base, a: AppliedDraws) -> FloatArray | None:
    """Output ``x_d`` of every draw of ``a`` (D × n), or None when a draw's system is
    singular or not productive (module docstring)."""
    try:
        return _solve(base, a)
    except _Refused:
        return None
