"""Gross-exports decompositions of a multiregional table: Koopman, Wang & Wei (2014) by
exporting region, and Wang, Wei & Zhu (2013) by exporting sector and partner.

Notation (region :math:`s` exports to :math:`r`): :math:`A^{sr}` blocks of the
coefficients, :math:`B = (I - A)^{-1}` the global inverse with blocks :math:`B^{sr}`,
:math:`L^{ss} = (I - A^{ss})^{-1}` the local inverse, :math:`V^s` the primary inputs of
region :math:`s` per unit of output, :math:`Y^{sr}` final goods made in :math:`s` and
bought in :math:`r`, :math:`Y^{s*} = \\sum_{r \\ne s} Y^{sr}`, :math:`X = B Y \\mathbf 1`
output and :math:`E^{s*} = \\sum_{r \\ne s} (A^{sr} X^r + Y^{sr})` gross exports. Final
demand of role ``exports`` is bought :data:`~.layout.OUTSIDE` the table's regions (a
destination that produces nothing), and imports from outside are the outside world's
value added. Value added here is every primary input but those imports,
:math:`V = \\mathbf 1^\\top - \\mathbf 1^\\top A - V^{outside}` (value added, net taxes on
products and whatever else the columns pay outside the intermediate block), so that
:math:`\\sum_t V^t B^{ts} = \\mathbf 1^\\top` and the terms add up to gross exports
exactly.

KWW (2014, eq. 36), nine terms of :math:`\\mathbf 1^\\top E^{s*}`:

====  ==============  =================================================================
 1    ``dva_fin``     :math:`V^s B^{ss} Y^{s*}`: DVA in final goods exports
 2    ``dva_int``     :math:`V^s \\sum_{r \\ne s} B^{sr} Y^{rr}`: DVA in intermediates
                      absorbed by the direct importer
 3    ``dva_intrex``  :math:`V^s \\sum_{r \\ne s} B^{sr} \\sum_{t \\ne s,r} Y^{rt}`: DVA in
                      intermediates re-exported to third countries
 4    ``rdv_fin``     :math:`V^s \\sum_{r \\ne s} B^{sr} Y^{rs}`: DVA that returns home
                      in final imports
 5    ``rdv_int``     :math:`V^s \\sum_{r \\ne s} B^{sr} A^{rs} L^{ss} Y^{ss}`: DVA that
                      returns in intermediate imports for home final use
 6    ``ddc``         :math:`V^s \\sum_{r \\ne s} B^{sr} A^{rs} L^{ss} E^{s*}`: domestic
                      double counting
 7    ``fva_fin``     :math:`\\sum_{t \\ne s} V^t B^{ts} Y^{s*}`: FVA in final exports
 8    ``fva_int``     :math:`\\sum_{t \\ne s} V^t B^{ts} \\sum_{r \\ne s} A^{sr} L^{rr}
                      Y^{rr}`: FVA in intermediate exports
 9    ``fdc``         :math:`\\sum_{t \\ne s} V^t B^{ts} \\sum_{r \\ne s} A^{sr} L^{rr}
                      E^{r*}`: foreign double counting
====  ==============  =================================================================

Groups: ``vax`` (1–3, value added absorbed abroad), ``rdv`` (4–5), ``dva`` (1–5, domestic
value added), ``fva`` (7–8), ``pdc`` (6 + 9, pure double counting). Cost: R transposed
solves against the one factorisation, R local factorisations of n × n blocks and a few
products with ``A``.

WWZ (2013, eq. 37 and Table E1) splits the exports of every exporting sector to every
partner, :math:`E^{sr} = Y^{sr} + A^{sr} X^r`, into 16 terms (``#`` is the element-wise
product, so each term stays by exporting sector; :math:`K^{sr} = \\sum_{t \\ne s,r} V^t
B^{ts}`):

====  =================  ===========================================================
 1    ``dva_fin``        :math:`(V^s B^{ss})^\\top \\# Y^{sr}`
 2    ``dva_int``        :math:`(V^s L^{ss})^\\top \\# (A^{sr} B^{rr} Y^{rr})`
 3    ``dva_intrex_i1``  :math:`(V^s L^{ss})^\\top \\# (A^{sr} \\sum_{t \\ne s,r} B^{rt} Y^{tt})`
 4    ``dva_intrex_f``   :math:`(V^s L^{ss})^\\top \\# (A^{sr} B^{rr} \\sum_{t \\ne s,r} Y^{rt})`
 5    ``dva_intrex_i2``  :math:`(V^s L^{ss})^\\top \\# (A^{sr} \\sum_{t \\ne s,r} B^{rt}
                         \\sum_{u \\ne s,t} Y^{tu})`
 6    ``rdv_fin``        :math:`(V^s L^{ss})^\\top \\# (A^{sr} B^{rr} Y^{rs})`
 7    ``rdv_fin2``       :math:`(V^s L^{ss})^\\top \\# (A^{sr} \\sum_{t \\ne s,r} B^{rt} Y^{ts})`
 8    ``rdv_int``        :math:`(V^s L^{ss})^\\top \\# (A^{sr} B^{rs} Y^{ss})`
 9    ``ddc_fin``        :math:`(V^s L^{ss})^\\top \\# (A^{sr} B^{rs} Y^{s*})`
 10   ``ddc_int``        :math:`(V^s B^{ss} - V^s L^{ss})^\\top \\# (A^{sr} X^r)`
 11   ``mva_fin``        :math:`(V^r B^{rs})^\\top \\# Y^{sr}`
 12   ``mva_int``        :math:`(V^r B^{rs})^\\top \\# (A^{sr} L^{rr} Y^{rr})`
 13   ``mdc``            :math:`(V^r B^{rs})^\\top \\# (A^{sr} L^{rr} E^{r*})`
 14   ``ova_fin``        :math:`{K^{sr}}^\\top \\# Y^{sr}`
 15   ``ova_int``        :math:`{K^{sr}}^\\top \\# (A^{sr} L^{rr} Y^{rr})`
 16   ``odc``            :math:`{K^{sr}}^\\top \\# (A^{sr} L^{rr} E^{r*})`
====  =================  ===========================================================

Summed over partners, WWZ's terms give KWW's: 1 → 1, 2 + 3 → 2, 4 + 5 → 3, 6 + 7 → 4,
8 → 5, 9 + 10 → 6, 11 + 14 → 7, 12 + 15 → 8, 13 + 16 → 9 (tested). The part
:math:`B^{rr} Y^{rs}` of terms 4–7 needs one solve per partner and exporter, so the
bilateral decomposition costs about R solves per exporting region: choose the exporters
of a large table (``exporters``).

References
----------
Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double counting in
gross exports. *American Economic Review* 104(2), 459–494.

Wang, Z., Wei, S.-J. and Zhu, K. (2013). Quantifying international production sharing at
the bilateral and sector levels. NBER Working Paper 19677 (revised 2018).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.regional.multiregional.layout import RegionBlocks, primary_inputs, region_blocks
from iocluster.table import IOTable

__all__ = [
    "KWW_GROUPS",
    "KWW_TERMS",
    "WWZ_TERMS",
    "WWZ_TO_KWW",
    "kww_decomposition",
    "wwz_decomposition",
]

KWW_TERMS = (
    "dva_fin", "dva_int", "dva_intrex", "rdv_fin", "rdv_int", "ddc", "fva_fin", "fva_int",
    "fdc",
)  # fmt: skip
#: Groups of KWW terms (positions in :data:`KWW_TERMS`).
KWW_GROUPS = {"vax": (0, 1, 2), "rdv": (3, 4), "dva": (0, 1, 2, 3, 4), "fva": (6, 7), "pdc": (5, 8)}
WWZ_TERMS = (
    "dva_fin", "dva_int", "dva_intrex_i1", "dva_intrex_f", "dva_intrex_i2", "rdv_fin",
    "rdv_fin2", "rdv_int", "ddc_fin", "ddc_int", "mva_fin", "mva_int", "mdc", "ova_fin",
    "ova_int", "odc",
)  # fmt: skip
#: KWW term of each WWZ term (positions), for the aggregation WWZ → KWW.
WWZ_TO_KWW = (0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 6, 7, 8)


@dataclass(frozen=True, eq=False)
class _Parts:
    """What both decompositions solve once: output, exports, the value added of every
    origin region traced through ``B`` and the local solves."""

    b: RegionBlocks
    v: FloatArray  # value added of every region (N,): every primary input but imports
    P: FloatArray  # (N, R): column t = Bᵀ (v on region t), so P[j, t] = (V^t B)_j
    out: FloatArray  # (N,): (V^outside B)_j, imports from outside traced through B
    X: FloatArray  # model output B Y 1 (N,)
    E: FloatArray  # gross exports (N,)
    w: FloatArray  # L^{rr} Y^{rr} for every region (N,)
    u: FloatArray  # L^{rr} E^{r*} for every region (N,)


def _parts(table: IOTable) -> _Parts:
    b = region_blocks(table)
    d = b.table
    p = primary_inputs(d)
    v = p.va + p.other
    region = np.repeat(np.arange(b.R), b.n)
    rhs = np.zeros((d.n, b.R + 1))
    rhs[np.arange(d.n), region] = v
    rhs[:, b.R] = p.imp
    P = np.asarray(d.leontief.solve_transposed(rhs)).reshape(d.n, b.R + 1)
    X = np.asarray(d.leontief.solve(b.Y.sum(axis=1)))
    E = b.intermediate_exports(X) + b.final_exports
    w = b.local_solve(b.own_final)
    u = b.local_solve(E)
    return _Parts(b=b, v=v, P=P[:, : b.R], out=P[:, b.R], X=X, E=E, w=w, u=u)


def _offdiag(b: RegionBlocks, vec: FloatArray) -> FloatArray:
    """:math:`\\sum_{r \\ne s} A^{sr} z^r` for every region ``s`` (N,)."""
    return b.intermediate_exports(vec)


def kww_decomposition(table: IOTable) -> pd.DataFrame:
    """Koopman, Wang & Wei (2014) decomposition of each region's gross exports.

    Returns
    -------
    DataFrame
        Index exporting region; ``exports`` and the nine terms of :data:`KWW_TERMS`
        (they add up to ``exports``), then the groups ``vax``, ``rdv``, ``dva``, ``fva``
        and ``pdc`` (:data:`KWW_GROUPS`), in the table's unit.

    Raises
    ------
    InputError
        The table is not multiregional (:func:`~.layout.region_blocks`).
    """
    q = _parts(table)
    b = q.b
    R = b.R
    P = b.blocks(q.P)  # (R, n, R): P[r, :, t] = (V^t B^{tr})
    foreign = b.blocks(q.P.sum(axis=1) + q.out) - np.stack([P[s, :, s] for s in range(R)])
    Yfx = b.blocks(b.final_exports)
    Yss = b.blocks(b.own_final)
    ydom, yfx = b.own_final, b.final_exports
    q8 = b.blocks(_offdiag(b, q.w))
    q9 = b.blocks(_offdiag(b, q.u))
    rows = np.zeros((R, len(KWW_TERMS)))
    for s in range(R):
        Ps = q.P[:, s]  # V^s B^{s·}: P[j, s] for every column j
        own = P[s, :, s]  # V^s B^{ss}
        t4 = Ps @ b.Y[:, s] - own @ Yss[s]
        Aws = np.einsum("rjk,k->rj", b.A[:, :, s, :], b.blocks(q.w)[s])  # A^{rs} L^{ss} Y^{ss}
        Aus = np.einsum("rjk,k->rj", b.A[:, :, s, :], b.blocks(q.u)[s])  # A^{rs} L^{ss} E^{s*}
        Pb = b.blocks(Ps)
        rows[s] = (
            own @ Yfx[s],
            Ps @ ydom - own @ Yss[s],
            (Ps @ yfx - own @ Yfx[s]) - t4,
            t4,
            float((Pb * Aws).sum() - Pb[s] @ Aws[s]),
            float((Pb * Aus).sum() - Pb[s] @ Aus[s]),
            foreign[s] @ Yfx[s],
            foreign[s] @ q8[s],
            foreign[s] @ q9[s],
        )
    df = pd.DataFrame(rows, index=pd.Index(b.regions, name="exporter"), columns=list(KWW_TERMS))
    df.insert(0, "exports", b.blocks(q.E).sum(axis=1))
    for name, terms in KWW_GROUPS.items():
        df[name] = df[[KWW_TERMS[i] for i in terms]].sum(axis=1)
    df.attrs["unit"] = table.meta.unit
    df.attrs["title"] = Message("title.kww")
    return df


def wwz_decomposition(table: IOTable, exporters: Sequence[str] | None = None) -> pd.DataFrame:
    """Wang, Wei & Zhu (2013) decomposition of bilateral gross exports by exporting sector.

    Parameters
    ----------
    table : IOTable
        A multiregional table (:func:`~.layout.region_blocks`).
    exporters : sequence of str, optional
        The exporting regions decomposed (default every region). Each costs about one
        solve per partner region.

    Returns
    -------
    DataFrame
        Index (``exporter``, ``sector``, ``importer``), importers being the other regions
        and ``outside`` when the table sells outside its regions; ``exports`` and the 16
        terms of :data:`WWZ_TERMS`, which add up to ``exports``.
    """
    q = _parts(table)
    b = q.b
    d = b.table
    R, n = b.R, b.n
    chosen = list(range(R)) if exporters is None else sorted({b.region_index(e) for e in exporters})
    Yb = b.blocks(b.Y)  # (R, n, D)
    vl = b.blocks(b.local_solve(q.v, transposed=True))  # V^s L^{ss}
    P = b.blocks(q.P)  # P[s, :, t] = V^t B^{ts}
    pout = b.blocks(q.out)
    # B applied to home final demand Y^{tt} (column t), to final exports Y^{t*} (column
    # t) and to each destination's final demand (column u), in one solve
    diag = np.zeros((d.n, R))
    fx = np.zeros((d.n, R))
    for t in range(R):
        diag[b.block(t), t] = Yb[t, :, t]
        fx[b.block(t), t] = b.blocks(b.final_exports)[t]
    G = np.asarray(d.leontief.solve(np.column_stack([diag, fx, b.Y[:, :R]])))
    own = b.blocks(G[:, :R])  # own[r, :, s] = B^{rs} Y^{ss}
    gfx = b.blocks(G[:, R : 2 * R])  # gfx[r, :, s] = B^{rs} Y^{s*}
    dest = b.blocks(G[:, 2 * R :])  # dest[r, :, s] = Σ_t B^{rt} Y^{ts}
    Bydom = own.sum(axis=2)  # Σ_t B^{rt} Y^{tt}
    Byfx = gfx.sum(axis=2)  # Σ_t B^{rt} Y^{t*}
    Xb, wb, ub = b.blocks(q.X), b.blocks(q.w), b.blocks(q.u)
    parts = []
    for s in chosen:
        H = _home_blocks(b, s)  # H[r] = B^{rr} Y^{rs}
        pva = P[s, :, s]
        foreign = q.P[b.block(s)].sum(axis=1) + pout[s] - pva
        terms = np.zeros((n, b.D, len(WWZ_TERMS)))
        for r in range(R):
            if r == s:
                continue
            K = dest[r, :, s] - H[r] - own[r, :, s]  # Σ_{t≠s,r} B^{rt} Y^{ts}
            stack = np.column_stack([
                own[r, :, r],  # B^{rr} Y^{rr}
                Bydom[r] - own[r, :, s] - own[r, :, r],
                gfx[r, :, r] - H[r],
                (Byfx[r] - gfx[r, :, s] - gfx[r, :, r]) - K,
                H[r],
                K,
                own[r, :, s],
                gfx[r, :, s],
                Xb[r],
                wb[r],
                ub[r],
            ])  # fmt: skip
            Asr = b.A[s, :, r, :] @ stack  # (n, 11)
            mva = P[s, :, r]  # V^r B^{rs}
            other = foreign - mva
            y = Yb[s, :, r]
            terms[:, r] = np.column_stack([
                pva * y, *(vl[s][:, None] * Asr[:, :8]).T, (pva - vl[s]) * Asr[:, 8],
                mva * y, mva * Asr[:, 9], mva * Asr[:, 10],
                other * y, other * Asr[:, 9], other * Asr[:, 10],
            ])  # fmt: skip
        if b.D > R:  # final goods sold outside the table's regions
            y = Yb[s, :, R]
            terms[:, R, 0] = pva * y
            terms[:, R, 10] = pout[s] * y
            terms[:, R, 13] = (foreign - pout[s]) * y
        exports = np.zeros((n, b.D))
        for r in range(b.D):
            if r != s:
                exports[:, r] = Yb[s, :, r] + (b.A[s, :, r, :] @ Xb[r] if r < R else 0.0)
        keep = [r for r in range(b.D) if r != s]
        idx = pd.MultiIndex.from_product(
            [[b.regions[s]], list(b.sectors), [b.destinations[r] for r in keep]],
            names=["exporter", "sector", "importer"],
        )
        frame = pd.DataFrame(terms[:, keep].reshape(-1, len(WWZ_TERMS)), index=idx,
                             columns=list(WWZ_TERMS))  # fmt: skip
        frame.insert(0, "exports", exports[:, keep].reshape(-1))
        parts.append(frame)
    df = pd.concat(parts)
    df.attrs["unit"] = table.meta.unit
    df.attrs["title"] = Message("title.wwz")
    return df


def _home_blocks(b: RegionBlocks, s: int) -> FloatArray:
    """:math:`B^{rr} Y^{rs}` for every region ``r`` (R, n): one solve with one right-hand
    side per region (``Y^{rs}`` in block ``r``), of which block ``r`` is kept."""
    rhs = np.zeros((b.R * b.n, b.R))
    for r in range(b.R):
        rhs[b.block(r), r] = b.Y[b.block(r), s]
    sol = b.blocks(np.asarray(b.table.leontief.solve(rhs)).reshape(b.R * b.n, b.R))
    return np.stack([sol[r, :, r] for r in range(b.R)])
