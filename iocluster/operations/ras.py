"""Updating a matrix to new margins: RAS and GRAS.

RAS (biproportional scaling) finds ``X = r̂ Z₀ ŝ`` with given row sums ``u`` and
column sums ``v`` (Miller & Blair 2009, §7.4). GRAS generalises it to matrices with
negative entries (subsidies, inventory changes): with ``Z₀ = P − N`` split into its
positive and negative parts,

.. math:: X = \\hat r P \\hat s - \\hat r^{-1} N \\hat s^{-1},

where alternately, for fixed ``r``, each ``s_j`` solves
``s_j p_j(r) − n_j(r)/s_j = v_j``, i.e.

.. math:: s_j = \\frac{v_j + \\sqrt{v_j^2 + 4 p_j(r) n_j(r)}}{2 p_j(r)}
          \\quad (s_j = -n_j(r)/v_j \\text{ if } p_j(r) = 0),

with ``p_j(r) = Σᵢ rᵢ pᵢⱼ`` and ``n_j(r) = Σᵢ nᵢⱼ / rᵢ``, and likewise for ``r``
(Junius & Oosterhaven 2003, with the correction of Lenzen, Wood & Gallego 2007, as
written by Temurshoev, Miller & Bouwmeester 2013). For a non-negative matrix GRAS is
RAS.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §7.4.
Junius, T. and Oosterhaven, J. (2003). The solution of updating or regionalizing a
matrix with both positive and negative entries. *Economic Systems Research* 15, 87–96.
Lenzen, M., Wood, R. and Gallego, B. (2007). Some comments on the GRAS method.
*Economic Systems Research* 19, 461–465.
Temurshoev, U., Miller, R. E. and Bouwmeester, M. C. (2013). A note on the GRAS
method. *Economic Systems Research* 25, 361–367.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import InputError, NumericalError
from iocluster.table import IOTable

__all__ = ["BalanceResult", "gras", "ras", "update_table"]


@dataclass(frozen=True)
class BalanceResult:
    """A balanced matrix ``X`` with its multipliers and convergence record."""

    X: FloatArray
    r: FloatArray
    s: FloatArray
    iterations: int
    max_error: float
    method: Literal["ras", "gras"]


def _check(
    Z0: ArrayLike, u: ArrayLike, v: ArrayLike, tol: float, labels: tuple[list[str], list[str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    Z = np.array(Z0, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64).ravel()
    v = np.asarray(v, dtype=np.float64).ravel()
    if Z.ndim != 2 or Z.shape != (u.size, v.size):
        raise InputError(
            f"matrix has shape {Z.shape}; row targets {u.size} and column targets {v.size}"
        )
    for name, a in (("matrix", Z), ("row targets", u), ("column targets", v)):
        if not np.all(np.isfinite(a)):
            raise InputError(f"{name} contain a NaN or infinite value")
    scale = max(1.0, float(np.abs(u).max(initial=0)), float(np.abs(v).max(initial=0)))
    if abs(u.sum() - v.sum()) > max(tol, 1e-12) * scale * max(u.size, v.size):
        said = Message("ops.ras.sums", rows=f"{u.sum():.12g}", columns=f"{v.sum():.12g}")
        raise InputError(said)
    rows, cols = labels
    for axis, t, what, names in ((1, u, "row", rows), (0, v, "column", cols)):
        empty = ~np.any(Z != 0, axis=axis) & (t != 0)
        if empty.any():
            i = int(np.argmax(empty))
            said = Message(f"ops.ras.zero_{what}", name=names[i], target=f"{t[i]:.6g}")
            raise InputError(said)
    return Z, u, v, scale


def _margin_error(X: np.ndarray, u: np.ndarray, v: np.ndarray) -> float:
    """Largest absolute deviation of the row and column sums of ``X`` from ``u`` and ``v``."""
    return max(np.abs(X.sum(axis=1) - u).max(initial=0), np.abs(X.sum(axis=0) - v).max(initial=0))


def _labels(
    n: int, m: int, rows: list[str] | None, cols: list[str] | None
) -> tuple[list[str], list[str]]:
    return (rows or [str(i + 1) for i in range(n)], cols or [str(j + 1) for j in range(m)])


def ras(
    Z0: ArrayLike,
    u: ArrayLike,
    v: ArrayLike,
    *,
    tol: float = 1e-12,
    max_iter: int = 10_000,
    row_labels: list[str] | None = None,
    col_labels: list[str] | None = None,
) -> BalanceResult:
    """Biproportional (RAS) update of a non-negative matrix to row sums ``u``, column sums ``v``.

    .. math:: X = \\hat r Z_0 \\hat s,\\quad X\\mathbf 1 = u,\\quad \\mathbf 1^\\top X = v^\\top

    Iterates row then column scaling until the largest margin error is at most
    ``tol × max(1, max|u|, max|v|)``.

    Raises
    ------
    InputError
        Negative entries (use :func:`gras`) or targets, margins whose totals differ,
        or a zero row/column with a non-zero target.
    NumericalError
        No convergence within ``max_iter`` (e.g. the zero pattern makes the margins
        unreachable).

    Examples
    --------
    >>> res = ras([[5.0, 0.5], [4.0, 3.0]], [10.0, 2.0], [7.0, 5.0])
    >>> res.X.round(4)
    array([[6.5902, 3.4098],
           [0.4098, 1.5902]])
    """
    shape = np.shape(Z0)
    labels = _labels(shape[0], shape[-1], row_labels, col_labels)
    Z, u, v, scale = _check(Z0, u, v, tol, labels)
    if np.any(Z < 0):
        i, j = np.argwhere(Z < 0)[0]
        said = Message("ops.ras.negative_entry", row=labels[0][i], column=labels[1][j],
                       value=f"{Z[i, j]:.6g}", ras="RAS", gras="GRAS")  # fmt: skip
        raise InputError(said)
    if np.any(u < 0) or np.any(v < 0):
        raise InputError(Message("ops.ras.negative_targets", ras="RAS", gras="GRAS"))
    r = np.ones(Z.shape[0])
    s = np.ones(Z.shape[1])
    err = np.inf
    for it in range(1, max_iter + 1):
        rs = (Z * s).sum(axis=1) * r
        r = r * np.divide(u, rs, out=np.ones_like(u), where=rs > 0)
        cs = r @ (Z * s)
        s = s * np.divide(v, cs, out=np.ones_like(v), where=cs > 0)
        X = r[:, None] * Z * s
        err = _margin_error(X, u, v)
        if err <= tol * scale:
            return BalanceResult(frozen_array(X), frozen_array(r), frozen_array(s), it, err, "ras")
    said = Message("ops.ras.no_convergence", method="RAS", iterations=str(max_iter),
                   error=f"{err:.3g}")  # fmt: skip
    raise NumericalError(said)


def _gras_factor(t: np.ndarray, p: np.ndarray, n: np.ndarray) -> np.ndarray:
    out = np.ones_like(t)
    pos = p > 0
    out[pos] = (t[pos] + np.sqrt(t[pos] ** 2 + 4.0 * p[pos] * n[pos])) / (2.0 * p[pos])
    neg_only = ~pos & (n > 0)
    with np.errstate(divide="ignore"):
        out[neg_only] = -n[neg_only] / t[neg_only]
    return out


def gras(
    Z0: ArrayLike,
    u: ArrayLike,
    v: ArrayLike,
    *,
    tol: float = 1e-12,
    max_iter: int = 10_000,
    row_labels: list[str] | None = None,
    col_labels: list[str] | None = None,
) -> BalanceResult:
    """Generalised RAS for matrices with positive and negative entries.

    .. math:: X = \\hat r P \\hat s - \\hat r^{-1} N \\hat s^{-1},\\quad Z_0 = P - N

    Signs of the entries are preserved. See the module docstring for the update
    formulas (Junius & Oosterhaven 2003; Lenzen et al. 2007; Temurshoev et al. 2013).

    Raises
    ------
    InputError
        Margins whose totals differ; a zero row/column with a non-zero target; a row
        or column with only negative entries and a non-negative target (or only
        positive entries and a negative target).
    NumericalError
        No convergence within ``max_iter``.

    Examples
    --------
    >>> res = gras([[4.0, -1.0], [2.0, 3.0]], [4.0, 6.0], [7.0, 3.0])
    >>> bool(abs(res.X.sum(axis=1) - [4, 6]).max() < 1e-9), bool(res.X[0, 1] < 0)
    (True, True)
    """
    shape = np.shape(Z0)
    labels = _labels(shape[0], shape[-1], row_labels, col_labels)
    Z, u, v, scale = _check(Z0, u, v, tol, labels)
    P = np.where(Z > 0, Z, 0.0)
    N = np.where(Z < 0, -Z, 0.0)
    for axis, t, what, names in ((1, u, "row", labels[0]), (0, v, "column", labels[1])):
        has_p = np.asarray(P.any(axis=axis))
        has_n = np.asarray(N.any(axis=axis))
        bad = (~has_p & has_n & (t >= 0)) | (has_p & ~has_n & (t < 0))
        if bad.any():
            i = int(np.argmax(bad))
            sign = "negative" if has_n[i] else "positive"
            said = Message(f"ops.ras.only_{sign}_{what}", name=names[i], target=f"{t[i]:.6g}")
            raise InputError(said)
    r = np.ones(Z.shape[0])
    s = np.ones(Z.shape[1])
    err = np.inf
    for it in range(1, max_iter + 1):
        s = _gras_factor(v, r @ P, (1.0 / r) @ N)
        r = _gras_factor(u, P @ s, N @ (1.0 / s))
        X = r[:, None] * P * s - N / r[:, None] / s
        err = _margin_error(X, u, v)
        if err <= tol * scale:
            return BalanceResult(frozen_array(X), frozen_array(r), frozen_array(s), it, err, "gras")
    said = Message("ops.ras.no_convergence_gras", method="GRAS", iterations=str(max_iter),
                   error=f"{err:.3g}")  # fmt: skip
    raise NumericalError(said)


def _scale_lines(
    block: np.ndarray, targets: np.ndarray, axis: int, what: str, codes: tuple[str, ...]
) -> np.ndarray:
    """Scale the rows (axis=1) or columns (axis=0) of ``block`` to sum to ``targets``."""
    cur = block.sum(axis=axis)
    change = np.abs(targets - cur) > 1e-12 * np.maximum(1.0, np.abs(targets))
    empty = change & (cur == 0)
    if empty.any():
        i = int(np.argmax(empty))
        key = "ops.ras.no_final_demand" if what == "final demand" else "ops.ras.no_primary"
        raise InputError(Message(key, sector=codes[i], target=f"{targets[i]:.6g}"))
    factor = np.where(change, targets / np.where(cur == 0, 1.0, cur), 1.0)
    return block * (factor[:, None] if axis == 1 else factor)


def update_table(
    table: IOTable,
    rows: ArrayLike,
    columns: ArrayLike,
    *,
    output: ArrayLike | None = None,
    method: Literal["ras", "gras", "auto"] = "auto",
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> tuple[IOTable, BalanceResult]:
    """Update a table to new intermediate totals (Miller & Blair 2009, §7.4).

    ``rows`` are the new intermediate sales ``u = Z1`` and ``columns`` the new
    intermediate purchases ``v = 1ᵀZ`` by sector; ``output`` the new output ``x``
    (default: unchanged). ``Z`` is balanced with RAS (GRAS when it has negative
    entries, or when asked). Final demand rows and primary-input columns are then
    scaled proportionally to what the identities leave them,

    .. math:: Y\\mathbf 1 = x + m - u,\\qquad \\mathbf 1^\\top V = x^\\top - v^\\top
              - \\mathbf 1^\\top Z_m,

    so the updated table satisfies both identities exactly.

    Raises
    ------
    InputError
        Inconsistent margins (see :func:`ras`), or a sector whose final demand or
        primary inputs are all zero but must become non-zero.
    """
    u = np.asarray(rows, dtype=np.float64).ravel()
    v = np.asarray(columns, dtype=np.float64).ravel()
    if u.size != table.n or v.size != table.n:
        said = Message("ops.ras.totals_count", n_sectors=str(table.n), rows=str(u.size),
                       columns=str(v.size))  # fmt: skip
        raise InputError(said)
    x = table.x if output is None else np.asarray(output, dtype=np.float64).ravel()
    if x.size != table.n:
        said = Message("ops.ras.output_count", n_sectors=str(table.n), found=str(x.size))
        raise InputError(said)
    use_gras = method == "gras" or (method == "auto" and bool(np.any(table.Z < 0)))
    fn = gras if use_gras else ras
    labels = list(table.codes)
    res = fn(table.Z, u, v, tol=tol, max_iter=max_iter, row_labels=labels, col_labels=labels)
    m = table.m if (table.kind == "total" and table.m is not None) else np.zeros(table.n)
    Y = _scale_lines(np.array(table.Y), x + m - u, 1, "final demand", table.codes)
    zm = np.zeros(table.n) if table.Zm is None else table.Zm.sum(axis=0)
    V = _scale_lines(np.array(table.V), x - v - zm, 0, "primary inputs", table.codes)
    F = np.array(table.F) * np.divide(x, table.x, out=np.ones(table.n), where=table.x != 0)
    meta = table.meta.with_assumption(
        Message("ops.ras", method=res.method.upper(), n=int(res.iterations))
    )
    new = table.replace(
        Z=frozen_array(res.X),
        Y=frozen_array(Y),
        V=frozen_array(V),
        F=frozen_array(F),
        x=frozen_array(x),
        meta=meta,
    )
    return new, res
