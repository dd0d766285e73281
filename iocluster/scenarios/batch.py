"""A scenario applied and solved for a whole batch of Monte Carlo draws at once.

The per-draw path (:func:`iocluster.scenarios.apply.apply_scenario`, then
:func:`iocluster.scenarios.results.scenario_outputs`) is repeated here with an extra
leading axis ``d`` over the ``D`` draws of a batch. The rows and columns a scenario
changes depend on its sets only, not on the drawn values, so every draw shares the
structure of the Woodbury update (:mod:`iocluster.core.woodbury`)

.. math:: \\Delta A_d = E_R\\,\\Delta_R + \\Delta_{C,d}\\,E_C^\\top, \\qquad
    U_d = [E_R,\\ \\Delta_{C,d}], \\quad V_d = [\\Delta_R^\\top,\\ E_C],

and one base solve serves the whole batch: ``M⁻¹E_R`` and ``M⁻¹1`` once, ``M⁻¹Δ_{C,d}``
and ``M⁻¹y_d`` as ``D(|C| + 1)`` right-hand sides; the ``D`` capacitance systems
``(I − V_dᵀW_d) c_d = V_dᵀx⁰_d`` are solved as one stacked call. The numbers equal the
per-draw path's up to rounding (tested to 1e-12).

Where the batch cannot follow the per-draw path (a shock kind it does not know) or a
draw would be refused (a negative coefficient, an impossible balance, a column sum
reaching 1, a singular or unproductive system), :func:`batch_measures` returns None
and the caller runs the per-draw path, which raises the same message as a point run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from iocluster.core.engine import FloatArray, dense_block
from iocluster.core.woodbury import RCOND_SINGULAR
from iocluster.scenarios.apply import TOL, Base
from iocluster.scenarios.spec import (
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    PriceShock,
    ProductivityShock,
)
from iocluster.scenarios.validate import ResolvedScenario, ResolvedShock

__all__ = ["batch_measures"]


class _Refused(Exception):
    """A draw of the batch leaves the batch path (the per-draw path says why)."""


def _stacked(src: FloatArray, D: int) -> FloatArray:
    """``D`` copies of ``src`` along a new first axis (a writable array)."""
    out = np.empty((D, *src.shape))
    out[...] = src
    return out


class _BatchWork:
    """Working copies for ``D`` draws; arrays are copied from the base on first write."""

    def __init__(self, base: Base, D: int) -> None:
        self.b, self.D = base, D
        self.cols: dict[int, FloatArray] = {}
        self.amcols: dict[int, FloatArray] = {}
        self.rows: set[int] = set()
        self._arr: dict[str, FloatArray] = {}

    def arr(self, name: str) -> FloatArray:
        """``y``, ``ym`` (D × n × categories), ``va``, ``f`` (D × rows × n) or ``m`` (D × n)."""
        if name not in self._arr:
            src = np.asarray(getattr(self.b, name))
            self._arr[name] = _stacked(src, self.D)
        return self._arr[name]

    def get(self, name: str) -> FloatArray:
        """Read-only view: the copy if written, else the base broadcast over draws."""
        if name in self._arr:
            return self._arr[name]
        src = np.asarray(getattr(self.b, name))
        return np.broadcast_to(src, (self.D, *src.shape))

    def col(self, j: int) -> FloatArray:
        if j not in self.cols:
            self.cols[j] = _stacked(dense_block(self.b.A, cols=[j])[:, 0], self.D)
        return self.cols[j]

    def amcol(self, j: int) -> FloatArray:
        if j not in self.amcols:
            self.amcols[j] = _stacked(self.b.am_column(j), self.D)
        return self.amcols[j]


def _balance(w: _BatchWork, s: CoefficientShock, j: int, delta: FloatArray, rows: Any) -> None:
    """:func:`iocluster.scenarios.apply._balance` over draws (``delta`` of shape D)."""
    act = np.abs(delta) > TOL
    if s.balance == "none" or not act.any():
        return
    others = None
    if s.balance == "value_added":
        have = w.get("va")[:, :, j].sum(axis=1)
    elif s.balance == "imports":
        have = w.get("m")[:, j].copy()
    else:
        others = np.ones(w.b.table.n, dtype=bool)
        others[rows] = False
        have = w.col(j)[:, others].sum(axis=1)
    if np.any(act & (have <= 0)) or np.any(
        act & (have - delta < -1e-12 * np.maximum(1.0, np.abs(have)))
    ):
        raise _Refused
    safe = np.where(act, have, 1.0)
    factor = np.where(act, np.maximum(have - delta, 0.0) / safe, 1.0)
    if s.balance == "value_added":
        w.arr("va")[:, :, j] *= factor[:, None]
    elif s.balance == "imports":
        m = w.arr("m")
        m[:, j] = np.where(act, np.maximum(m[:, j] - delta, 0.0), m[:, j])
        w.amcol(j)[:] *= factor[:, None]
    else:
        w.col(j)[:, others] *= factor[:, None]


def _coefficients(w: _BatchWork, rs: ResolvedShock, v: FloatArray) -> None:
    s = rs.shock
    assert isinstance(s, CoefficientShock)
    R, C = rs.sets["rows"], rs.sets["cols"]
    if s.operation == "scale" and not np.any(dense_block(w.b.A, R, C)):
        raise _Refused
    vv = v[:, None]
    for j in C:
        col = w.col(int(j))
        old = col[:, R]
        tot = old.sum(axis=1)
        share = np.where(
            tot[:, None] > 0, old / np.where(tot > 0, tot, 1.0)[:, None], 1.0 / old.shape[1]
        )
        if s.operation == "scale":
            new = old * (1.0 + vv / 100.0)
        elif s.operation == "add":
            new = old + vv if s.mode == "per_cell" else old + vv * share
        else:
            new = old * 0.0 + vv if s.mode == "per_cell" else vv * share
        if np.any(new < -TOL):
            raise _Refused
        col[:, R] = np.maximum(new, 0.0)
        _balance(w, s, int(j), new.sum(axis=1) - tot, R)


def _import_substitution(w: _BatchWork, rs: ResolvedShock, theta: FloatArray) -> None:
    P = rs.sets["products"]
    th = theta[:, None]
    for j in rs.sets.get("users", np.array([], dtype=np.intp)):
        am = w.amcol(int(j))
        moved = th * am[:, P]
        am[:, P] -= moved
        w.col(int(j))[:, P] += moved
        m = w.arr("m")
        m[:, j] = np.maximum(m[:, j] - moved.sum(axis=1), 0.0)
    if rs.categories:
        c = np.asarray(rs.categories, dtype=np.intp)
        ym, y = w.arr("ym"), w.arr("y")
        moved2 = theta[:, None, None] * ym[:, P[:, None], c[None, :]]
        ym[:, P[:, None], c[None, :]] -= moved2
        y[:, P[:, None], c[None, :]] += moved2


def _final_demand(w: _BatchWork, rs: ResolvedShock, v: FloatArray) -> None:
    s = rs.shock
    assert isinstance(s, FinalDemandShock)
    S, c = rs.sets["sectors"], np.asarray(rs.categories, dtype=np.intp)
    ix = (slice(None), S[:, None], c[None, :])
    y, ym = w.arr("y"), w.arr("ym")
    v3 = v[:, None, None]
    if s.unit == "percent":
        y[ix] *= 1.0 + v3 / 100.0
        ym[ix] *= 1.0 + v3 / 100.0
        return
    tot = y[ix] + ym[ix]
    if s.mode == "distribute":
        grand = tot.sum(axis=(1, 2))[:, None, None]
        add = v3 * np.where(grand > 0, tot / np.where(grand > 0, grand, 1.0), 1.0 / tot[0].size)
    else:
        rowsum = tot.sum(axis=2, keepdims=True)
        add = v3 * np.where(rowsum > 0, tot / np.where(rowsum > 0, rowsum, 1.0), 1.0 / len(c))
    dom = np.where(w.b.export_cats[c][None, :], 1.0, 1.0 - w.b.mu[S][:, None])
    y[ix] += add * dom
    ym[ix] += add * (1.0 - dom)
    if np.any(y[ix] + ym[ix] < -1e-9 * np.maximum(1.0, np.abs(v3))):
        raise _Refused


def _productivity(w: _BatchWork, rs: ResolvedShock, v: FloatArray) -> None:
    s = rs.shock
    assert isinstance(s, ProductivityShock)
    S = rs.sets["sectors"]
    factor = 1.0 / (1.0 + v / 100.0) if s.productivity else 1.0 + v / 100.0
    if s.target == "employment":
        sats = np.asarray(rs.satellites, dtype=np.intp)
        w.arr("f")[:, sats[:, None], S[None, :]] *= factor[:, None, None]
    else:
        w.arr("va")[:, :, S] *= factor[:, None, None]


def _extraction(w: _BatchWork, rs: ResolvedShock) -> None:
    s = rs.shock
    assert isinstance(s, ExtractionShock)
    if "sectors" in rs.sets:
        S = rs.sets["sectors"]
        for j in S:
            w.col(int(j))[:] = 0.0
        w.rows.update(int(i) for i in S)
        if not s.keep_final_demand:
            w.arr("y")[:, S, :] = 0.0
        return
    G1, G2 = rs.sets["from"], rs.sets["to"]
    for j in G2:
        w.col(int(j))[:, G1] = 0.0
    if s.both_directions:
        for j in G1:
            w.col(int(j))[:, G2] = 0.0


def _apply(w: _BatchWork, rs: ResolvedScenario, values: list[dict[str, FloatArray]]) -> None:
    """Every shock in order; a kind without a batch rule leaves the batch path. Price
    shocks change prices and costs only, which no Monte Carlo measure reads."""
    for rsh, vals in zip(rs.shocks, values, strict=True):
        s = rsh.shock
        if type(s) is CoefficientShock:
            _coefficients(w, rsh, vals["value"])
        elif type(s) is ImportSubstitutionShock:
            _import_substitution(w, rsh, vals["share"])
        elif type(s) is FinalDemandShock:
            _final_demand(w, rsh, vals["change"])
        elif type(s) is ProductivityShock:
            _productivity(w, rsh, vals["change"])
        elif type(s) is ExtractionShock:
            _extraction(w, rsh)
        elif type(s) is not PriceShock:
            raise _Refused


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


def _pivots(K: FloatArray) -> FloatArray:
    """The pivots of the LU factorisation with partial pivoting of each ``K[d]`` (as
    LAPACK ``getrf``, which :func:`iocluster.core.woodbury._check_capacitance` reads),
    for a stack of small matrices at once."""
    U = K.copy()
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


def _solve_columns(
    w: _BatchWork, fixed: FloatArray, varying: FloatArray
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
        sol = w.b.table.leontief.solve(np.hstack([fixed, varying[0], _unit_columns(n, Q)]))
        LQ = sol[:, p + q :]
        out = sol[None, :, p : p + q] + _left(LQ, diff[:, Q, :])
        return sol[:, :p], out
    flat = varying.transpose(1, 0, 2).reshape(n, D * q)
    sol = w.b.table.leontief.solve(np.hstack([fixed, flat]))
    return sol[:, :p], sol[:, p:].reshape(n, D, q).transpose(1, 0, 2)


def _solve_reduced(
    w: _BatchWork, R: np.ndarray, C: np.ndarray, ysum: FloatArray
) -> FloatArray | None:
    """:func:`_solve` when the draws differ on a few rows ``S`` only (None otherwise).

    With ``Δ_{C,d} = Δ_{C,0} + E_S δ_d`` and ``y_d = y_0 + E_S η_d``, every solution lies
    in the span of the basis ``B = M⁻¹[E_R, Δ_{C,0}, y_0, 1, E_S]`` (one base solve):
    ``W_d = B G_d``, ``x⁰_d = B g_d``, so ``V_dᵀW_d = (VᵀB) G_d`` with ``VᵀB`` the same for
    every draw, the capacitance systems are ``k × k`` and the outputs
    ``x_d = B (g_d + G_d c_d)`` are one matrix product for the whole batch.
    """
    base, D = w.b, w.D
    n = base.table.n
    kR, kC = R.size, C.size
    k = kR + kC
    keep = np.ones(n, dtype=bool)
    keep[R] = False  # rows of extracted sectors: the row change ΔR covers them
    vary = np.zeros(n, dtype=bool)
    for j in C:
        vary |= np.any(w.cols[int(j)] != w.cols[int(j)][:1], axis=0)
    S = np.flatnonzero((vary & keep) | np.any(ysum != ysum[:1], axis=0))
    if S.size > n // 2:
        return None
    first = np.column_stack([w.cols[int(j)][0] for j in C]) if kC else np.zeros((n, 0))
    dC0 = first - dense_block(base.A, cols=C)
    dC0[R, :] = 0.0
    dS = (
        np.stack([w.cols[int(j)][:, S] for j in C], axis=2) - first[S][None, :, :]
        if kC
        else np.zeros((D, S.size, 0))
    )
    dS[:, ~keep[S], :] = 0.0
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
    d = np.abs(_pivots(K))
    if k and np.any(d.min(axis=1) <= RCOND_SINGULAR * np.maximum(1.0, d.max(axis=1))):
        raise _Refused
    H = g + G @ np.linalg.solve(K, VB @ g) if k else g
    X = (B @ H.transpose(1, 0, 2).reshape(b, 2 * D)).reshape(n, D, 2)
    if not np.all(X[:, :, 1] > 0):
        raise _Refused
    return np.ascontiguousarray(X[:, :, 0].T)


def _solve(w: _BatchWork) -> FloatArray:
    """Output ``x_d`` of every draw (D × n): one base solve and ``D`` stacked
    capacitance solves (the module docstring's formula)."""
    base, D = w.b, w.D
    n = base.table.n
    A = base.A
    C = np.array(sorted(w.cols), dtype=np.intp)
    R = np.array(sorted(w.rows), dtype=np.intp)
    if any(np.any(w.cols[int(j)].sum(axis=1) >= 1.0) for j in C):
        raise _Refused
    ysum = w.get("y").sum(axis=2)  # D × n
    X = _solve_reduced(w, R, C, ysum)
    if X is not None:
        return X
    newC = np.stack([w.cols[int(j)] for j in C], axis=2) if C.size else np.zeros((D, n, 0))
    dC = newC - dense_block(A, cols=C)[None, :, :]
    dC[:, R, :] = 0.0
    kR, kC = R.size, C.size
    fixed, var = _solve_columns(
        w,
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
    d = np.abs(_pivots(K))
    if np.any(d.min(axis=1) <= RCOND_SINGULAR * np.maximum(1.0, d.max(axis=1))):
        raise _Refused
    corr = np.linalg.solve(K, vt(x0))
    x = x0 + W @ corr
    if not np.all(x[:, :, 1] > 0):
        raise _Refused
    return np.asarray(x[:, :, 0])


def batch_measures(
    base: Base, rs: ResolvedScenario, values: list[dict[str, FloatArray]], size: int
) -> Mapping[str, tuple[FloatArray, FloatArray]] | None:
    """Apply and solve ``size`` draws of ``rs`` at once; for every measure of
    :func:`~iocluster.scenarios.results.sector_values`, its values by sector (D × n) and
    the imported final use added to its total (D; non-zero for ``imports`` only when the
    table records imports by using sector).

    ``values[shock][field]`` holds the ``size`` drawn values of each parameter. Returns
    None when a draw leaves the batch path (module docstring).
    """
    w = _BatchWork(base, size)
    try:
        _apply(w, rs, values)
        X = _solve(w)
    except _Refused:
        return None
    t = base.table
    va, f, m, y = w.get("va"), w.get("f"), w.get("m"), w.get("y")
    rows = {
        "output": np.ones(t.n)[None, :],
        "value_added": va.sum(axis=1),
        "compensation": va[:, base.comp_rows, :].sum(axis=1),
    }
    for k, name in enumerate(t.satellite_names):
        rows[name] = f[:, k, :]
    rows["imports"] = m
    zero = np.zeros(size)
    out = {k: (c * X, zero) for k, c in rows.items()}
    ym = w.get("ym")
    if base.Am is not None:
        Am = base.Am
        imp = X @ Am.T
        for j, col in w.amcols.items():
            imp += (col - Am[:, j]) * X[:, j : j + 1]
        out["imports"] = (imp + ym.sum(axis=2), zero)
    else:
        out["imports"] = (out["imports"][0], ym.sum(axis=(1, 2)) - float(base.ym.sum()))
    out["exports"] = (y[:, :, base.export_cats].sum(axis=2), zero)
    if base.interregional_cats.any():
        out["interregional"] = (y[:, :, base.interregional_cats].sum(axis=2), zero)
    return out
