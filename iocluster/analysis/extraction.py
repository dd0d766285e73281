"""Hypothetical extraction of sectors, clusters and inter-group linkages.

A sector's importance is measured by the output the economy loses when its linkages are
removed (Miller & Lahr 2001; Dietzenbacher & Lahr 2013). With ``θ`` the share of the
flows removed (1 for a complete extraction):

``total`` / ``partial``
    rows and columns ``S`` of ``A`` scaled by ``1 − θ``; demand-driven
    ``x̄ = (I − Ā)⁻¹ f``. ``partial`` is ``total`` with a required ``θ < 1``.
``backward``
    columns ``S`` of ``A`` scaled (the sectors stop buying intermediate inputs from the
    domestic economy); ``x̄ = (I − Ā)⁻¹ f``.
``forward``
    rows ``S`` of the Ghosh matrix ``B`` scaled (the sectors stop selling to other
    sectors); supply-driven ``x̄ᵀ = vᵀ(I − B̄)⁻¹``.
``between``
    only the flows from supplier group ``R`` to user group ``C`` (e.g. services →
    a textile cluster) scaled; demand-driven.

``f = (I − A)x`` and ``v = (I − B)ᵀx`` are the final demand and primary inputs that
reproduce observed output. Two conventions are published for what the extracted
sectors' final demand does (``convention``; every result says which):

``linkages`` (default)
    The sectors keep their final demand: only their linkages are removed, so the loss
    measures what the economy loses through them (Dietzenbacher & Lahr 2013; Miller &
    Lahr 2001). Miller & Blair's Table 2.3, sector 1: 3000 − 2139.47 = 860.53.
``deletion``
    The sectors are deleted with their final demand, ``f̄_S = (1 − θ) f_S``: the
    classic extraction (Strassert 1968; Miller & Blair 2009 §12.2.5), whose loss adds
    the sectors' own final-demand-driven output. Sector 1: 3000 − 1789.47 = 1210.53.
    Defined for ``total`` and ``partial`` extractions (backward, forward and between-group
    extractions remove linkages only).

The losses in value added and employment apply the fixed coefficients per unit of
output to the output loss, in every mode.

The removed coefficients form a low-rank change ``D = P Qᵀ`` of ``I − A``, solved with
the Woodbury identity against the one factorisation of the table:

.. math:: \\bar x = x - L P\\,(I + Q^{\\top} L P)^{-1} Q^{\\top} x .

:func:`extract_each` ranks every sector. For one sector ``j`` every term reduces to
``l_jj``, the row multipliers ``cᵀL`` and (forward) ``L(c∘x)``, so the whole ranking
costs one factorisation, the diagonal of ``L`` (solves against blocks of ``I``) and
O(1) per sector; e.g. the complete extraction of ``j`` loses

.. math:: c^{\\top}x - c^{\\top}\\bar x = (c^{\\top}LP)(I_2 + Q^{\\top}LP)^{-1}Q^{\\top}x,\\quad
          LP = [L e_j,\\ (1 - a_{jj})L e_j - e_j],

with ``AL = L − I`` giving ``Qᵀ L P`` from ``l_jj`` and ``a_jj`` alone.

References
----------
Miller, R. E. and Lahr, M. L. (2001). A taxonomy of extractions. In M. L. Lahr and
R. E. Miller (eds), *Regional Science Perspectives in Economic Analysis*, Elsevier,
407–441.
Dietzenbacher, E. and Lahr, M. L. (2013). Expanding extractions. *Economic Systems
Research* 25(3), 341–360.
Strassert, G. (1968). Zur Bestimmung strategischer Sektoren mit Hilfe von
Input-Output-Modellen. *Jahrbücher für Nationalökonomie und Statistik* 182, 211–215.
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §12.2.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from iocluster.analysis.flags import rank_unflagged, sector_flags
from iocluster.core.engine import Coefficients, FloatArray, as_dense, dense_block
from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.model.groups import cluster_members
from iocluster.model.leontief import leontief_column_blocks
from iocluster.model.sectors import employment_satellite
from iocluster.table import IOTable

__all__ = [
    "CONVENTIONS",
    "MODES",
    "ExtractionResult",
    "convention_text",
    "employment_row",
    "extract",
    "extract_each",
]

Mode = Literal["total", "backward", "forward", "partial"]
Method = Literal["woodbury", "direct"]
Convention = Literal["linkages", "deletion"]
#: Extraction modes.
MODES = ("total", "backward", "forward", "partial")
#: What the extracted sectors' final demand does (the first is the default).
CONVENTIONS: tuple[Convention, ...] = ("linkages", "deletion")
_CONVENTION_TEXT = {c: f"extract.note.{c}" for c in CONVENTIONS}
#: columns of L per solve (see :func:`~iocluster.model.leontief.leontief_column_blocks`)
_BLOCK = 512


@dataclass(frozen=True, eq=False)
class ExtractionResult:
    """Outcome of one extraction: output by sector and the losses by measure."""

    by_sector: pd.DataFrame
    summary: pd.DataFrame
    description: str

    def frames(self) -> dict[str, pd.DataFrame]:
        """Both frames keyed by name (for ``emit``)."""
        return {"summary": self.summary, "by_sector": self.by_sector}


def employment_row(table: IOTable, name: str | None = None) -> tuple[str, FloatArray] | None:
    """The satellite row used for employment losses: ``name``, else
    :func:`iocluster.model.sectors.employment_satellite`."""
    if name is not None:
        return normalize_text(name), np.asarray(table.satellite(name))
    pick = employment_satellite(table)
    return None if pick is None else (pick, np.asarray(table.satellite(pick)))


def convention_text(convention: str) -> Message:
    """What ``convention`` means, as every extraction result states it (a keyed message,
    written in the report's language).

    >>> str(convention_text("deletion")).split(":")[0]
    'deletion convention'
    """
    if convention not in _CONVENTION_TEXT:
        said = Message("analysis.unknown_convention", convention=convention, allowed=CONVENTIONS)
        raise InputError(said)
    return Message(_CONVENTION_TEXT[convention])


def _title_words(mode: str, theta: float, convention: str) -> dict[str, Any]:
    """The parameters of an extraction's title: the mode and convention said in words
    (keyed messages), the share θ as a number."""
    return {
        "mode": Message(f"extract.mode.{mode}"),
        "theta": theta,
        "convention": Message(f"extract.convention.{convention}"),
    }


def _deleted_share(convention: str, mode: str, theta: float, between: bool) -> float:
    """The share of the extracted sectors' final demand removed: θ under the deletion
    convention (total and partial extractions only), 0 under the linkages convention."""
    convention_text(convention)
    if convention == "linkages":
        return 0.0
    if between or mode not in ("total", "partial"):
        what = Message("analysis.between_group") if between else mode
        raise InputError(
            Message("analysis.deletion_mode", mode=what, option="--convention linkages")
        )
    return theta


def _share(mode: str, share: float | None) -> float:
    if mode not in MODES:
        raise InputError(Message("analysis.unknown_mode", mode=mode, allowed=MODES))
    if mode == "partial" and share is None:
        raise InputError(Message("analysis.partial_share"))
    theta = 1.0 if share is None else float(share)
    if not (np.isfinite(theta) and 0.0 <= theta <= 1.0):
        raise InputError(Message("analysis.share_range", value=f"{share}"))
    return theta


def _measures(table: IOTable, emp: tuple[str, FloatArray] | None) -> dict[str, FloatArray]:
    """Coefficient rows of the loss measures: output, value added, employment (``emp``)."""
    out = {"output": np.ones(table.n), "value_added": table.coefficients(table.value_added)}
    if emp is not None:
        out["employment"] = table.coefficients(emp[1])
    return out


def _ghosh_ok(table: IOTable) -> bool:
    return bool(np.all(table.x > 0))


# ----------------------------------------------------------------- one extraction
def _low_rank(
    A: Coefficients, S: list[int], mode: str, theta: float, users: list[int] | None
) -> tuple[FloatArray, FloatArray]:
    """``P``, ``Qᵀ`` with ``A − Ā = P Qᵀ`` (demand-driven modes)."""
    n = A.shape[0]
    if users is not None:  # between S (suppliers) and users
        P = np.zeros((n, len(users)))
        P[S, :] = theta * dense_block(A, S, users)
        Qt = np.zeros((len(users), n))
        Qt[np.arange(len(users)), users] = 1.0
        return P, Qt
    k = len(S)
    E = np.zeros((n, k))
    E[S, np.arange(k)] = 1.0
    if mode == "backward":
        return theta * dense_block(A, cols=S), E.T.copy()
    As = dense_block(A, cols=S)
    As[S, :] = 0.0
    return np.hstack([E, theta * As]), np.vstack([theta * dense_block(A, S), E.T])


def _extracted_output(
    table: IOTable,
    S: list[int],
    mode: str,
    theta: float,
    users: list[int] | None,
    method: Method,
    deleted: float = 0.0,
) -> FloatArray:
    """Output after the extraction; ``deleted``: the share of the sectors' final demand
    removed with them (the deletion convention; demand-driven modes only)."""
    A = table.A
    x = np.asarray(table.x)
    n = table.n
    if mode == "forward":
        B = np.asarray(table.B)
        v = x - B.T @ x
        if method == "direct" or not _ghosh_ok(table):
            Bb = B.copy()
            Bb[S, :] *= 1.0 - theta
            return np.asarray(np.linalg.solve((np.eye(n) - Bb).T, v))
        # (I − B̄)ᵀ = (I − B)ᵀ + θ B[S,:]ᵀ E_Sᵀ and (I − B)^{-T} r = x̂ L^T x̂⁻¹ r.
        P = theta * B[S, :].T
        Qt = np.zeros((len(S), n))
        Qt[np.arange(len(S)), S] = 1.0
        GP = table.leontief.solve_transposed(P / x[:, None]) * x[:, None]
        x0 = x
    else:
        f = x - A @ x
        if deleted:
            f[S] *= 1.0 - deleted
        if method == "direct":
            Ab = as_dense(A).copy()
            if users is not None:
                Ab[np.ix_(S, users)] *= 1.0 - theta
            elif mode == "backward":
                Ab[:, S] *= 1.0 - theta
            else:
                Ab[S, :] *= 1.0 - theta
                Ab[:, S] *= 1.0 - theta
                Ab[np.ix_(S, S)] = dense_block(A, S, S) * (1.0 - theta)
            return np.asarray(np.linalg.solve(np.eye(n) - Ab, f))
        P, Qt = _low_rank(A, S, mode, theta, users)
        GP = table.leontief.solve(P)
        x0 = table.leontief.solve(f)
    small = np.eye(Qt.shape[0]) + Qt @ GP
    return np.asarray(x0 - GP @ np.linalg.solve(small, Qt @ x0))


def extract(
    table: IOTable,
    sectors: Sequence[object] | None = None,
    *,
    mode: Mode = "total",
    share: float | None = None,
    users: Sequence[object] | None = None,
    employment: str | None = None,
    method: Method = "woodbury",
    convention: Convention = "linkages",
) -> ExtractionResult:
    """Extract sectors (codes, prefixes such as ``C13*``, or positions), or with
    ``users`` the linkages from ``sectors`` (suppliers) to ``users``.

    Parameters
    ----------
    mode : {"total", "backward", "forward", "partial"}
    share : float, optional
        Share θ of the flows removed (default 1; required for ``partial``).
    users : codes or positions, optional
        Extract only the flows from ``sectors`` to ``users`` (demand-driven).
    employment : str, optional
        Satellite row for the employment loss (default: see :func:`employment_row`).
    method : {"woodbury", "direct"}
        Low-rank update of the table's factorisation (default) or a new solve.
    convention : {"linkages", "deletion"}
        The extracted sectors keep their final demand (default), or are deleted with it
        (``total`` and ``partial`` only); see the module docstring.

    Examples
    --------
    Miller & Blair (2009) Table 2.3 economy, complete extraction of sector 1: output
    falls from 3000 to 2139.47 when sector 1 keeps its final demand of 350, to 1789.47
    (sector 2 alone) when it is deleted with it.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> r = extract(miller_blair_2_3(), ["S1"])
    >>> r.summary.loc["output", ["base", "extracted", "loss"]].round(2).tolist()
    [3000.0, 2139.47, 860.53]
    >>> d = extract(miller_blair_2_3(), ["S1"], convention="deletion")
    >>> d.summary.loc["output", ["base", "extracted", "loss"]].round(2).tolist()
    [3000.0, 1789.47, 1210.53]
    """
    theta = _share(mode, share)
    if sectors is None or len(sectors) == 0:
        raise InputError(Message("analysis.nothing_to_extract"))
    S = cluster_members(table, list(sectors))
    U = None if users is None else cluster_members(table, list(users))
    if U is not None and mode == "forward":
        raise InputError(Message("analysis.between_forward"))
    deleted = _deleted_share(convention, mode, theta, U is not None)
    x = np.asarray(table.x)
    xb = _extracted_output(table, S, mode, theta, U, method, deleted)
    codes = pd.Index(table.codes, name="code")
    by = pd.DataFrame({"name": list(table.names), "base": x, "extracted": xb}, index=codes)
    by["loss"] = by["base"] - by["extracted"]
    rows = {}
    units = {}
    emp = employment_row(table, employment)
    for m, c in _measures(table, emp).items():
        base, ext = float(c @ x), float(c @ xb)
        rows[m] = {"base": base, "extracted": ext, "loss": base - ext}
        units[m] = f"persons ({emp[0]})" if (m == "employment" and emp) else table.meta.unit
    summary = pd.DataFrame.from_dict(rows, orient="index")
    summary["loss_share"] = summary["loss"] / summary["base"]
    summary["convention"] = convention  # stated in every format (CSV and JSON keep no title)
    summary.index.name = "measure"
    listed = ", ".join(table.codes[i] for i in S[:10]) + (" …" if len(S) > 10 else "")
    what = (
        Message("title.extract.links", s=len(S), u=len(U))
        if U is not None
        else Message("title.extract.sectors", n=len(S), codes=listed)
    )
    desc = Message("title.extract", what=what, **_title_words(mode, theta, convention))
    for df in (by, summary):
        df.attrs["title"] = desc
        df.attrs["unit"] = table.meta.unit
        df.attrs["convention"] = convention
        df.attrs["note"] = convention_text(convention)
    summary.attrs["unit"] = "; ".join(f"{k}: {v}" for k, v in units.items())
    return ExtractionResult(by_sector=by, summary=summary, description=str(desc))


# ----------------------------------------------------------------- each sector in turn
def _diag_L(table: IOTable) -> FloatArray:
    d = np.empty(table.n)
    for start, stop, Lb in leontief_column_blocks(table, _BLOCK):
        d[start:stop] = Lb[np.arange(start, stop), np.arange(stop - start)]
    return d


def _each_losses_fast(
    table: IOTable, mode: str, theta: float, C: FloatArray, deleted: float = 0.0
) -> FloatArray:
    """Losses ``cᵀx − cᵀx̄⁽ʲ⁾`` for every sector ``j`` and every column of ``C``;
    ``deleted``: the share of ``j``'s final demand removed with it (total and partial)."""
    A = table.A
    x = np.asarray(table.x)
    a = A.diagonal()
    ell = _diag_L(table)
    if mode == "forward":
        # c·GᵀP = θ/x_j ((L(c∘x))_j − c_j x_j); QᵀGᵀP = θ(l_jj − 1); Qᵀx = x_j.
        Lcx = table.leontief.solve(C * x[:, None])
        cGP = theta * (Lcx - C * x[:, None]) / x[:, None]
        s = 1.0 + theta * (ell - 1.0)
        return cGP * (x / s)[:, None]
    M = table.leontief.solve_transposed(C)  # cᵀL by column: (n, m)
    if mode == "backward":
        # c·LP = θ(m_j − c_j); QᵀLP = θ(l_jj − 1); Qᵀx = x_j.
        s = 1.0 + theta * (ell - 1.0)
        return theta * (M - C) * (x / s)[:, None]
    # total / partial: LP = [L e_j, θ((1 − a_jj) L e_j − e_j)],
    # Qᵀ = [θ A[j,:]; e_jᵀ], Qᵀx = [θ (x_j − f_j), x_j] with f = (I − A)x.
    # Deleting δ f_j e_j of final demand as well (δ = ``deleted``): L f̄ = x − δ f_j L e_j,
    # so the loss gains δ f_j (cᵀL)_j and Qᵀ L f̄ = Qᵀx − δ f_j [θ(l_jj − 1), l_jj].
    f = x - A @ x
    K11 = 1.0 + theta * (ell - 1.0)
    K12 = theta * theta * ((1.0 - a) * (ell - 1.0) - a)
    K21 = ell
    K22 = 1.0 + theta * ((1.0 - a) * ell - 1.0)
    d = deleted * f
    r1 = theta * (x - f) - d * theta * (ell - 1.0)
    r2 = x - d * ell
    det = K11 * K22 - K12 * K21
    z1 = (K22 * r1 - K12 * r2) / det
    z2 = (K11 * r2 - K21 * r1) / det
    cLP1 = M
    cLP2 = theta * ((1.0 - a)[:, None] * M - C)
    return d[:, None] * M + cLP1 * z1[:, None] + cLP2 * z2[:, None]


def extract_each(
    table: IOTable,
    *,
    mode: Mode = "total",
    share: float | None = None,
    employment: str | None = None,
    method: Method = "woodbury",
    convention: Convention = "linkages",
    include_flagged: bool = False,
) -> pd.DataFrame:
    """Extract each sector in turn and rank the sectors by the output lost.

    ``method="woodbury"`` costs one factorisation, the diagonal of ``L`` and O(1) per
    sector; ``"direct"`` re-solves the modified system for every sector (a baseline).
    ``convention`` as in :func:`extract`. Sectors the validation flags are listed after
    the ranked ones with their ``flag`` and ``reason``, unranked, unless
    ``include_flagged`` (:func:`iocluster.analysis.flags.rank_unflagged`).

    Returns
    -------
    DataFrame
        Index: sector codes, the unflagged sorted by ``output_loss`` (descending), then
        the flagged; columns ``name``, ``{measure}_loss`` and ``{measure}_loss_share``
        for output, value added and employment (when the table has it), ``rank``,
        ``convention``, ``flag`` and ``reason``.

    Examples
    --------
    Miller & Blair (2009) Table 2.3 economy (reference values derived with M&B's
    definitions): backward extraction losses 413.16 and 805.88; total extraction under
    the deletion convention 1210.53 and 2588.24 (each sector with its final demand:
    3000 − 1700 / 0.95 and 3000 − 350 / 0.85).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> each = extract_each(miller_blair_2_3(), mode="backward")
    >>> each["output_loss"].round(2).to_dict()
    {'S2': 805.88, 'S1': 413.16}
    >>> extract_each(miller_blair_2_3(), convention="deletion")["output_loss"].round(2).to_dict()
    {'S2': 2588.24, 'S1': 1210.53}
    """
    theta = _share(mode, share)
    deleted = _deleted_share(convention, mode, theta, False)
    emp = employment_row(table, employment)
    measures = _measures(table, emp)
    C = np.column_stack(list(measures.values()))
    x = np.asarray(table.x)
    if method == "woodbury" and not (mode == "forward" and not _ghosh_ok(table)):
        loss = _each_losses_fast(table, mode, theta, C, deleted)
    else:
        loss = np.empty((table.n, C.shape[1]))
        for j in range(table.n):
            xb = _extracted_output(table, [j], mode, theta, None, "direct", deleted)
            loss[j] = C.T @ (x - xb)
    base = C.T @ x
    data: dict[str, object] = {"name": list(table.names)}
    for k, m in enumerate(measures):
        data[f"{m}_loss"] = loss[:, k]
        data[f"{m}_loss_share"] = loss[:, k] / base[k] if base[k] != 0 else np.nan
    df = pd.DataFrame(data, index=pd.Index(table.codes, name="code"))
    flags = sector_flags(table)
    df["flag"], df["reason"] = flags["flag"].to_numpy(), flags["reason"].to_numpy()
    df = rank_unflagged(df, df["output_loss"], include_flagged=include_flagged, rank="rank")
    df["convention"] = convention  # stated in every format (CSV and JSON keep no title)
    df = df[[c for c in df.columns if c not in ("flag", "reason")] + ["flag", "reason"]]
    df.attrs["title"] = Message("title.extract_each", **_title_words(mode, theta, convention))
    df.attrs["unit"] = table.meta.unit + (f"; employment: persons ({emp[0]})" if emp else "")
    df.attrs["convention"] = convention
    aside = df.attrs.get("note")  # the flagged sectors set aside (a keyed message)
    df.attrs["note"] = (
        Message("flag.then", first=convention_text(convention), then=aside)
        if aside
        else convention_text(convention)
    )
    return df
