"""Feser–Bergman cluster identification: linkage profiles, principal components, varimax.

Feser & Bergman (2000) group sectors whose buying and selling patterns are alike. With
``Z`` the domestic inter-sector flows (own-sector flows on the diagonal left out), the
purchase shares (columns) and sales shares (rows) are

.. math:: x_{ij} = z_{ij} / \\textstyle\\sum_k z_{kj}, \\qquad
          y_{ij} = z_{ij} / \\textstyle\\sum_k z_{ik}.

For every pair of sectors four Pearson correlations are taken: of their buying profiles
:math:`r(x_{\\cdot i}, x_{\\cdot j})`, of their selling profiles
:math:`r(y_{i \\cdot}, y_{j \\cdot})`, and of one's buying with the other's selling
profile, :math:`r(x_{\\cdot i}, y_{j \\cdot})` and :math:`r(x_{\\cdot j}, y_{i \\cdot})`.
Their maximum :math:`l_{ij}` (with :math:`l_{ii} = 1`) is factor-analysed by principal
components; the factors kept (eigenvalue ≥ 1, Kaiser's rule, unless a number is given)
are rotated by varimax, and each factor is a candidate cluster.

Membership (cut-offs as stated by Feser & Bergman 2000 and used here as defaults):
a sector belongs to the cluster of its highest loading when that loading is at least
0.35 — as a *primary* member from 0.60, a *secondary* member below that; it is also
listed as secondary in every other cluster where it loads at least 0.35. Sectors whose
loadings all stay below 0.35 join no cluster.

A property to know: the profiles are shares, so when the clusters cover every sector
and trade nothing with each other, the cluster indicator vectors sum to the constant
vector that centring removes, and ``k`` such clusters give only ``k − 1`` factors with
eigenvalue above 1 (one cluster then loads negatively on all of them). Real tables,
where services sell to everyone, do not hit this; pass ``n_factors`` to override.

References
----------
Feser, E. J. and Bergman, E. M. (2000). National industry cluster templates: a
framework for applied regional cluster analysis. *Regional Studies* 34(1), 1–19.
Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis.
*Psychometrika* 23(3), 187–200.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.regional.clustering.result import ClusterResult, build_result, label_partition
from iocluster.table import IOTable

__all__ = ["feser_bergman", "linkage_correlations", "principal_loadings", "varimax"]

PRIMARY_CUTOFF = 0.60
SECONDARY_CUTOFF = 0.35


def _standardise(M: FloatArray, axis: int) -> FloatArray:
    """Centre and scale along ``axis`` to unit population variance (constant → zeros)."""
    c = M - M.mean(axis=axis, keepdims=True)
    s = np.sqrt((c**2).mean(axis=axis, keepdims=True))
    return np.where(s > 0, c / np.where(s > 0, s, 1.0), 0.0)


def linkage_correlations(Z: ArrayLike) -> FloatArray:
    """Feser–Bergman linkage matrix :math:`l_{ij}`: the maximum of the four correlations.

    Sectors without intermediate purchases (sales) have an all-zero buying (selling)
    profile and correlate 0 on it.

    >>> Z = np.array([[0, 5, 1, 0], [4, 0, 0, 1], [1, 0, 0, 6], [0, 1, 5, 0.0]])
    >>> L = linkage_correlations(Z)
    >>> bool(np.allclose(L, L.T)), bool(np.allclose(np.diag(L), 1))
    (True, True)
    """
    Zo = np.array(Z, dtype=np.float64)
    if Zo.ndim != 2 or Zo.shape[0] != Zo.shape[1]:
        raise InputError(f"Z must be square, got shape {Zo.shape}")
    np.fill_diagonal(Zo, 0.0)
    n = Zo.shape[0]
    col = Zo.sum(axis=0)
    row = Zo.sum(axis=1)
    X = np.where(col > 0, Zo / np.where(col > 0, col, 1.0)[None, :], 0.0)
    Y = np.where(row[:, None] > 0, Zo / np.where(row > 0, row, 1.0)[:, None], 0.0)
    Xs = _standardise(X, axis=0)  # columns: buying profiles
    Ys = _standardise(Y, axis=1)  # rows: selling profiles
    r_buy = Xs.T @ Xs / n
    r_sell = Ys @ Ys.T / n
    r_cross = Xs.T @ Ys.T / n  # [i, j] = r(x_.i, y_j.)
    L = np.maximum.reduce([r_buy, r_sell, r_cross, r_cross.T])
    np.fill_diagonal(L, 1.0)
    return np.clip(L, -1.0, 1.0)


def principal_loadings(R: ArrayLike, n_factors: int | None = None) -> tuple[FloatArray, FloatArray]:
    """Principal-component loadings of a correlation-like matrix.

    .. math:: \\Lambda = V_k \\operatorname{diag}(\\sqrt{\\lambda_1}, …, \\sqrt{\\lambda_k})

    with the ``k`` largest eigenpairs (``k`` = number of eigenvalues ≥ 1 unless given).
    Returns the loadings and all eigenvalues (descending).
    """
    Rm = np.asarray(R, dtype=np.float64)
    vals, vecs = np.linalg.eigh((Rm + Rm.T) / 2)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    k = int((vals >= 1.0).sum()) if n_factors is None else int(n_factors)
    if not 1 <= k <= Rm.shape[0]:
        raise InputError(Message("regional.factors_range", most=int(Rm.shape[0]), got=k))
    return vecs[:, :k] * np.sqrt(np.maximum(vals[:k], 0.0))[None, :], vals


def varimax(loadings: ArrayLike, *, normalize: bool = True, tol: float = 1e-12) -> FloatArray:
    """Varimax rotation (Kaiser 1958) of a loading matrix.

    Finds the orthogonal rotation maximising the variance of the squared loadings in
    each column,

    .. math:: \\max \\sum_k \\Big[\\frac1p \\sum_i \\lambda_{ik}^4
              - \\Big(\\frac1p \\sum_i \\lambda_{ik}^2\\Big)^2\\Big].

    One sweep of Kaiser's pairwise plane rotations comes first: for factors ``a, b``
    with loadings ``x, y``, :math:`u = x^2 - y^2`, :math:`v = 2xy`, the optimal angle is

    .. math:: 4\\varphi = \\operatorname{atan2}\\big(D - 2AB/p,\\;
              C - (A^2 - B^2)/p\\big)

    with :math:`A = \\sum u`, :math:`B = \\sum v`, :math:`C = \\sum (u^2 - v^2)`,
    :math:`D = 2 \\sum uv`. It moves off symmetric starting points, where the usual
    SVD iteration stalls. The SVD iteration then converges,
    :math:`R \\leftarrow UV^T` with :math:`USV^T = \\Lambda^T(\\Lambda_*^3 - \\Lambda_*
    \\operatorname{diag}(\\Lambda_*^T\\Lambda_*)/p)`, each step kept only while the
    criterion rises (relative gain above ``tol``). With ``normalize`` (Kaiser
    normalisation) rows are scaled to unit communality before and back after. Factors
    are then signed so that their largest loading is positive and ordered by explained
    variance. Implemented in numpy (no extra dependency).

    Examples
    --------
    A simple structure rotated by 30° is recovered:

    >>> T = np.array([[0.8, 0], [0.7, 0], [0, 0.8], [0, 0.7]])
    >>> c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
    >>> np.round(varimax(T @ np.array([[c, -s], [s, c]])), 6).tolist()
    [[0.8, 0.0], [0.7, 0.0], [0.0, 0.8], [0.0, 0.7]]
    """
    Phi = np.array(loadings, dtype=np.float64)
    p, k = Phi.shape
    if k < 2:
        return Phi
    h = np.sqrt((Phi**2).sum(axis=1))
    if normalize:
        Phi = np.where(h[:, None] > 0, Phi / np.where(h > 0, h, 1.0)[:, None], 0.0)
    for a in range(k - 1):
        for b in range(a + 1, k):
            x, y = Phi[:, a], Phi[:, b]
            u, v = x * x - y * y, 2.0 * x * y
            A, B = u.sum(), v.sum()
            C, D = (u * u - v * v).sum(), 2.0 * (u * v).sum()
            phi = 0.25 * np.arctan2(D - 2.0 * A * B / p, C - (A * A - B * B) / p)
            cph, sph = np.cos(phi), np.sin(phi)
            Phi[:, a], Phi[:, b] = x * cph + y * sph, -x * sph + y * cph
    Phi = Phi @ _varimax_svd(Phi, tol=tol)
    out = Phi * h[:, None] if normalize else Phi
    sign = np.sign(out[np.argmax(np.abs(out), axis=0), np.arange(k)])
    out = out * np.where(sign == 0, 1.0, sign)[None, :]
    order = np.argsort(-(out**2).sum(axis=0), kind="stable")
    out = out[:, order]
    out[np.abs(out) < 1e-13] = 0.0
    return out


def _varimax_criterion(L: FloatArray) -> float:
    s = L**2
    return float(((s**2).mean(axis=0) - s.mean(axis=0) ** 2).sum())


def _varimax_svd(Phi: FloatArray, max_iter: int = 1000, tol: float = 1e-12) -> FloatArray:
    """The SVD fixed-point iteration, each step kept only while the criterion rises."""
    p, k = Phi.shape
    best_R, best = np.eye(k), _varimax_criterion(Phi)
    for _ in range(max_iter):
        Lam = Phi @ best_R
        u, _, vt = np.linalg.svd(Phi.T @ (Lam**3 - Lam * ((Lam**2).sum(axis=0) / p)[None, :]))
        R = u @ vt
        c = _varimax_criterion(Phi @ R)
        if c <= best * (1 + tol):
            break
        best_R, best = R, c
    return best_R


def feser_bergman(
    table: IOTable,
    *,
    n_factors: int | None = None,
    primary: float = PRIMARY_CUTOFF,
    secondary: float = SECONDARY_CUTOFF,
    min_size: int = 2,
) -> ClusterResult:
    """Identify clusters by the Feser & Bergman (2000) method (see the module docstring).

    Parameters
    ----------
    table : IOTable
        Domestic flows are used (a total-use table is split first).
    n_factors : int, optional
        Factors to keep; default Kaiser's rule (eigenvalues ≥ 1).
    primary, secondary : float
        Loading cut-offs for primary and secondary membership (0.60, 0.35).
    min_size : int
        Smallest cluster reported; factors with fewer members yield no cluster.
    """
    if not 0 < secondary <= primary <= 1:
        said = Message("regional.cutoffs", secondary=float(secondary), primary=float(primary))
        raise InputError(said)
    Z = np.asarray(table.domestic().Z)
    Lmat = linkage_correlations(Z)
    loadings0, eigvals = principal_loadings(Lmat, n_factors)
    rot = varimax(loadings0)
    k = rot.shape[1]
    best = np.argmax(rot, axis=1)
    top = rot[np.arange(table.n), best]
    raw = np.where(top >= secondary, best, -1)
    labels = label_partition(raw, np.asarray(table.x), min_size)
    # map factor -> cluster number (via the members' labels)
    factor_to_cluster: dict[int, int] = {
        int(best[i]): int(labels[i]) for i in range(table.n) if labels[i] >= 0
    }
    names = {g: f"cluster_{g + 1:02d}" for g in set(factor_to_cluster.values())}
    roles = [
        ("primary" if top[i] >= primary else "secondary") if labels[i] >= 0 else ""
        for i in range(table.n)
    ]
    also = []
    for i in range(table.n):
        other = [
            names[factor_to_cluster[f]]
            for f in map(int, np.flatnonzero(rot[i] >= secondary))
            if f != best[i] and f in factor_to_cluster
        ]
        also.append("; ".join(sorted(other)))
    cols = [
        names[factor_to_cluster[f]] if f in factor_to_cluster else f"factor_{f + 1:02d}"
        for f in range(k)
    ]
    ldf = pd.DataFrame(rot, index=pd.Index(table.codes, name="code"), columns=cols)
    ldf = ldf[sorted(cols)]
    ldf.attrs["unit"] = "varimax-rotated loading"
    ldf.attrs["title"] = Message("title.feser_bergman")
    # share of the trace (= n) carried by the kept factors; can exceed 1 because the
    # maximum of four correlations is not positive semi-definite (negative eigenvalues)
    explained = float(eigvals[:k].sum() / eigvals.sum())
    stats: dict[str, float | int | str] = {
        "factors": k,
        "kept_eigenvalues_over_trace": explained,
        "primary_cutoff": primary,
        "secondary_cutoff": secondary,
    }
    return build_result(
        table,
        "feser-bergman",
        labels,
        scores=top,
        statistics=stats,
        roles=roles,
        extra={"factor": [cols[int(f)] for f in best], "also_in": also},
        loadings=ldf,
    )
