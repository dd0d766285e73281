"""Backward and forward linkages, Rasmussen–Hirschman indices and key sectors.

Direct linkages are column sums of ``A`` (backward) and row sums of the Ghosh
allocation matrix ``B = x̂⁻¹Z`` (forward). Total linkages are column sums of
``L = (I − A)⁻¹`` (backward) and row sums of the Ghosh inverse ``G = x̂⁻¹ L x̂``
(forward; default, as Eurostat 2008 ch. 15 and Miller & Blair 2009 §12.2), or, with
``forward="leontief"``, row sums of ``A`` and ``L`` (Rasmussen 1956, Hirschman 1958;
criticised in M&B §12.2.2 because a row sum of ``L`` adds up a unit increase of every
sector's final demand).

Rasmussen–Hirschman normalised indices (power and sensitivity of dispersion) and
coefficients of variation:

.. math::

    U_j = \\frac{n\\,b_j}{\\sum_k b_k},\\qquad S_i = \\frac{n\\,f_i}{\\sum_k f_k},\\qquad
    V_j = \\frac{\\sqrt{\\tfrac{1}{n-1}\\sum_i (l_{ij} - b_j/n)^2}}{b_j/n}

with ``b`` the total backward and ``f`` the total forward linkages; ``V`` for rows
analogously (over rows of ``G`` or ``L``). A sector is *key* when ``U > 1`` and
``S > 1``, *backward-oriented* when only ``U > 1``, *forward-oriented* when only
``S > 1``, and *weak* otherwise.

Only the coefficients of variation need the entries of ``L``; they are accumulated from
blocks of columns of ``L`` (solves against blocks of ``I``), never stored whole.

Every sector the validation lists carries its ``flag`` and ``reason``
(:func:`iocluster.analysis.flags.sector_flags`); :func:`key_sectors` ranks the unflagged
key sectors and lists the flagged ones after them unless ``include_flagged``.

References
----------
Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
Hirschman, A. O. (1958). *The Strategy of Economic Development*. Yale University Press.
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §12.2.
Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 15.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from iocluster.analysis.flags import rank_unflagged, sector_flags
from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.model.groups import cluster_members
from iocluster.model.leontief import (
    ghosh_row_sums,
    leontief_column_blocks,
    leontief_column_sums,
    leontief_row_sums,
)
from iocluster.table import IOTable

__all__ = ["KEY_CLASSES", "cluster_linkages", "key_sector_class", "key_sectors", "linkages"]

ForwardBasis = Literal["ghosh", "leontief"]
#: Key-sector classes.
KEY_CLASSES = ("key", "backward-oriented", "forward-oriented", "weak")
#: columns of L per solve (see :func:`~iocluster.model.leontief.leontief_column_blocks`)
_BLOCK = 512


def key_sector_class(power: FloatArray, sensitivity: FloatArray) -> list[str]:
    """Class of each sector from its power (U) and sensitivity (S) of dispersion.

    >>> key_sector_class(np.array([1.2, 1.2, 0.9, 0.9]), np.array([1.1, 0.8, 1.3, 0.7]))
    ['key', 'backward-oriented', 'forward-oriented', 'weak']
    """
    out = []
    for u, s in zip(np.asarray(power), np.asarray(sensitivity), strict=True):
        if u > 1 and s > 1:
            out.append("key")
        elif u > 1:
            out.append("backward-oriented")
        elif s > 1:
            out.append("forward-oriented")
        else:
            out.append("weak")
    return out


def _check_forward(forward: str) -> None:
    if forward not in ("ghosh", "leontief"):
        said = Message("analysis.forward_basis", basis=forward, a="'ghosh'", b="'leontief'")
        raise InputError(said)


def _totals(table: IOTable, forward: ForwardBasis) -> tuple[FloatArray, FloatArray]:
    b = leontief_column_sums(table)
    f = ghosh_row_sums(table) if forward == "ghosh" else leontief_row_sums(table)
    return b, f


def _variation(
    table: IOTable, b: FloatArray, f: FloatArray, forward: ForwardBasis
) -> tuple[FloatArray, FloatArray]:
    n = table.n
    x = np.asarray(table.x)
    w = x if forward == "ghosh" else np.ones(n)
    col_sq = np.empty(n)
    row_sq = np.zeros(n)
    for start, stop, Lb in leontief_column_blocks(table, _BLOCK):
        sq = Lb * Lb
        col_sq[start:stop] = sq.sum(axis=0)
        row_sq += sq @ (w[start:stop] ** 2)
    if forward == "ghosh":
        with np.errstate(divide="ignore", invalid="ignore"):
            row_sq = np.where(x > 0, row_sq / np.where(x > 0, x, 1.0) ** 2, 1.0)
    denom = max(n - 1, 1)

    def cv(sumsq: FloatArray, total: FloatArray) -> FloatArray:
        mean = total / n
        var = np.maximum(sumsq - n * mean**2, 0.0) / denom
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(mean != 0, np.sqrt(var) / mean, np.nan)

    return cv(col_sq, b), cv(row_sq, f)


def linkages(
    table: IOTable, *, forward: ForwardBasis = "ghosh", variation: bool = True
) -> pd.DataFrame:
    """Direct and total linkages, dispersion indices, variation and key-sector class.

    Parameters
    ----------
    forward : {"ghosh", "leontief"}
        Forward linkages from ``B``/``G`` (default) or from ``A``/``L``.
    variation : bool
        Compute the coefficients of variation (forms ``L`` block by block, O(n³)).

    Returns
    -------
    DataFrame
        Index: sector codes; columns ``backward_direct``, ``forward_direct``,
        ``backward_total``, ``forward_total``, ``power_of_dispersion``,
        ``sensitivity_of_dispersion``, ``backward_cv``, ``forward_cv``, ``key_sector``,
        and ``flag``, ``reason`` of the sectors the validation lists (""
        elsewhere; :func:`iocluster.analysis.flags.sector_flags`).

    Examples
    --------
    Miller & Blair (2009) Table 2.3 economy: total backward linkages are the output
    multipliers 1.5182, 1.4521; Ghosh forward linkages 1.9142, 1.2541.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> lk = linkages(miller_blair_2_3())
    >>> lk[["backward_total", "forward_total"]].round(4).to_numpy().tolist()
    [[1.5182, 1.9142], [1.4521, 1.2541]]
    >>> lk["key_sector"].tolist()
    ['key', 'weak']
    """
    _check_forward(forward)
    n = table.n
    b, f = _totals(table, forward)
    A = table.A
    back_d = A.sum(axis=0)
    fwd_d = np.asarray(table.B).sum(axis=1) if forward == "ghosh" else A.sum(axis=1)
    U = n * b / b.sum()
    S = n * f / f.sum()
    data: dict[str, object] = {
        "backward_direct": back_d,
        "forward_direct": fwd_d,
        "backward_total": b,
        "forward_total": f,
        "power_of_dispersion": U,
        "sensitivity_of_dispersion": S,
    }
    if variation:
        data["backward_cv"], data["forward_cv"] = _variation(table, b, f, forward)
    data["key_sector"] = key_sector_class(U, S)
    df = pd.DataFrame(data, index=pd.Index(table.codes, name="code"))
    df.insert(0, "name", list(table.names))
    flags = sector_flags(table)
    df["flag"], df["reason"] = flags["flag"].to_numpy(), flags["reason"].to_numpy()
    df.attrs["unit"] = f"{table.meta.unit} per {table.meta.unit} (indices: 1 = average)"
    df.attrs["title"] = Message("title.linkages")
    df.attrs["forward_basis"] = (
        "Ghosh (rows of B and G = x̂⁻¹Lx̂)" if forward == "ghosh" else "Leontief (rows of A, L)"
    )
    df.attrs["assumptions"] = list(table.domestic().meta.assumptions)
    return df


def key_sectors(
    table: IOTable,
    *,
    forward: ForwardBasis = "ghosh",
    top: int | None = None,
    include_flagged: bool = False,
) -> pd.DataFrame:
    """Key sectors (U > 1 and S > 1) ranked by ``U + S``, descending: the unflagged ones
    first (``rank`` 1, 2, …), then those the validation flags, set aside with their
    ``flag`` and ``reason`` (``rank`` <NA>); ``include_flagged`` ranks them all.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> key_sectors(miller_blair_2_3())[["rank_score", "rank"]].round(4).values.tolist()
    [[2.2306, 1]]
    """
    lk = linkages(table, forward=forward, variation=False)
    key = lk[lk["key_sector"] == "key"].copy()
    key["rank_score"] = key["power_of_dispersion"] + key["sensitivity_of_dispersion"]
    key = rank_unflagged(key, key["rank_score"], include_flagged=include_flagged, rank="rank")
    return key if top is None else key.head(top)


def cluster_linkages(
    table: IOTable,
    clusters: Mapping[str, Sequence[object]],
    *,
    forward: ForwardBasis = "ghosh",
) -> pd.DataFrame:
    """Linkages of named groups of sectors, output-weighted.

    For a cluster ``K`` with output weights ``wⱼ = xⱼ / Σ_K x``:

    .. math:: b_K = \\sum_{j\\in K} w_j b_j,\\qquad f_K = \\sum_{i \\in K} w_i f_i,\\qquad
              U_K = b_K / \\bar b,\\qquad S_K = f_K / \\bar f

    with ``b̄``, ``f̄`` the unweighted means over all sectors (so ``U_K`` is on the scale
    of the sector indices). ``b_K`` is the output of the economy per unit of final
    demand spread over ``K`` in proportion to its members' output; with Ghosh forward
    linkages ``f_K = Σ_K (Lx)ᵢ / Σ_K xᵢ``.

    Parameters
    ----------
    clusters : mapping of name to codes / prefixes (``C13*``) or sector positions
    """
    _check_forward(forward)
    if not clusters:
        raise InputError(Message("analysis.no_clusters"))
    b, f = _totals(table, forward)
    A = table.A
    back_d = A.sum(axis=0)
    fwd_d = np.asarray(table.B).sum(axis=1) if forward == "ghosh" else A.sum(axis=1)
    x = np.asarray(table.x)
    rows = []
    for name, members in clusters.items():
        idx = cluster_members(table, members)
        xk = x[idx]
        if not xk.sum() > 0:
            raise InputError(Message("analysis.cluster_no_output", cluster=name))
        w = xk / xk.sum()
        rows.append(
            {
                "cluster": name,
                "sectors": len(idx),
                "output_share": xk.sum() / x.sum(),
                "backward_direct": float(w @ back_d[idx]),
                "forward_direct": float(w @ fwd_d[idx]),
                "backward_total": float(w @ b[idx]),
                "forward_total": float(w @ f[idx]),
            }
        )
    df = pd.DataFrame(rows).set_index("cluster")
    df["power_of_dispersion"] = df["backward_total"] / b.mean()
    df["sensitivity_of_dispersion"] = df["forward_total"] / f.mean()
    df["key_sector"] = key_sector_class(
        df["power_of_dispersion"].to_numpy(), df["sensitivity_of_dispersion"].to_numpy()
    )
    df.attrs["unit"] = f"{table.meta.unit} per {table.meta.unit} (indices: 1 = sector average)"
    df.attrs["title"] = Message("title.cluster_linkages")
    return df
