"""Structural path analysis: the supply-chain paths along which a target's demand
creates value added (or jobs, or any satellite flow).

A path of depth ``k`` from a target sector ``j`` with final demand ``y_j`` back to a
supplier ``i_k`` through ``i_1, …, i_{k-1}`` carries

.. math:: v(j, i_1, \\dots, i_k) = f_{i_k}\\, a_{i_k i_{k-1}} \\cdots a_{i_1 j}\\, y_j ,

and all paths together sum to ``fᵀ L y = Σ_k fᵀ Aᵏ y`` (Defourny & Thorbecke 1984;
Lenzen & Crawford 2009 for the tree enumeration). The supply-chain tree below a node
of the path carries ``t_{i_k} a_{i_k i_{k-1}} ⋯ y_j`` with total intensities
``tᵀ = fᵀ L``.

The enumeration here is breadth-first and vectorised: every level expands all
surviving nodes at once with one ``A[:, s] * x`` product (in chunks to bound memory).
A node whose whole tree is below the threshold is pruned and its tree value goes to the
remainder; nodes at the maximum depth leave their upstream tree to the remainder. Every
kept node is a listed path (as in pyspa, whose selection rule this follows: a path is
listed when the tree behind it reaches the threshold, even if its own value is smaller);
with ``top``, the direct values of paths beyond the first ``top`` join the remainder.
Hence, with ``total = fᵀ L y`` from one solve,

.. math:: \\sum_{\\text{listed}} v + \\text{remainder} = \\text{total}

exactly (the remainder is reported as ``total − Σ listed``, and its three parts,
accumulated independently, agree with it to rounding; ``closure`` shows the gap).

References
----------
Defourny, J. and Thorbecke, E. (1984). Structural path analysis and multiplier
decomposition within a social accounting matrix framework. *Economic Journal* 94,
111–136.

Lenzen, M. and Crawford, R. (2009). The path exchange method for hybrid LCA.
*Environmental Science & Technology* 43, 8251–8256.

Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §12.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.chains.targets import Target, intensity
from iocluster.core.budget import PATHS, SPA_NODES
from iocluster.core.engine import Coefficients, FloatArray, dense_block
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.table import IOTable

__all__ = ["PathTree", "enumerate_paths", "structural_paths"]

#: Elements of one ``A[:, s] * x`` block (bounds memory per chunk).
_CHUNK_ELEMENTS = 4_000_000
#: Refuse runs that would keep more nodes than this (raise the threshold instead).
MAX_NODES = SPA_NODES.limit  # IOCLUSTER_MAX_SPA_NODES raises it

IntArray = np.ndarray


@dataclass(frozen=True, eq=False)
class PathTree:
    """The kept nodes of one target's supply-chain tree (arrays by node id).

    ``sector[k]`` is the node's sector, ``parent[k]`` the id of the node it supplies
    (−1 for a root), ``depth[k]`` its stage (0 = the target's own sector), ``x[k]`` the
    output along the path, ``direct = f[sector] x`` and ``tree = t[sector] x``.
    """

    sector: IntArray
    parent: IntArray
    depth: IntArray
    x: FloatArray
    direct: FloatArray
    tree: FloatArray
    pruned: float
    depth_cut: float

    def sequences(self, ids: IntArray) -> list[tuple[int, ...]]:
        """Sector sequences (target first, source last) of the nodes ``ids``."""
        ids = np.asarray(ids, dtype=np.int64)
        if ids.size == 0:
            return []
        dmax = int(self.depth[ids].max())
        seq = np.full((ids.size, dmax + 1), -1, dtype=np.int64)
        cur = ids.copy()
        d = self.depth[ids].copy()
        for _ in range(dmax + 1):
            live = cur >= 0
            seq[np.flatnonzero(live), d[live]] = self.sector[cur[live]]
            cur = np.where(live, self.parent[np.where(live, cur, 0)], -1)
            d = d - 1
        return [tuple(int(v) for v in row if v >= 0) for row in seq]


def _too_many(depth: int) -> Message:
    """The refusal of a path tree larger than its budget, at ``depth``."""
    return Message("chains.too_many_nodes", nodes=f"{MAX_NODES:,}", depth=str(depth),
                   env=SPA_NODES.env)  # fmt: skip


def enumerate_paths(
    A: Coefficients,
    f: FloatArray,
    t: FloatArray,
    y: FloatArray,
    threshold: float,
    max_depth: int,
) -> PathTree:
    """Enumerate the supply-chain tree of ``y`` with pruning (pure numpy).

    Parameters
    ----------
    A : (n, n) ndarray or scipy sparse array
        Domestic technical coefficients (only the columns of each stage are taken dense).
    f, t : (n,) ndarray
        Direct intensities and total intensities ``tᵀ = fᵀ L``.
    y : (n,) ndarray
        Final demand of the target.
    threshold : float
        Absolute threshold (> 0): a node is kept when ``|t_i x| ≥ threshold``.
    max_depth : int
        Deepest stage expanded (stage 0 is the target itself).

    Examples
    --------
    Miller & Blair (2009) Table 2.3 with ``f = (1, 1)`` (output) and ``y = (0, 1)``:

    >>> import numpy as np
    >>> A = np.array([[0.15, 0.25], [0.2, 0.05]])
    >>> t = np.linalg.solve((np.eye(2) - A).T, np.ones(2))
    >>> tree = enumerate_paths(A, np.ones(2), t, np.array([0.0, 1.0]), 1e-9, 1)
    >>> tree.direct.round(2).tolist()
    [1.0, 0.25, 0.05]
    """
    if not threshold > 0:
        raise InputError(Message("chains.threshold", value=f"{threshold}"))
    if max_depth < 0:
        raise InputError(Message("chains.depth", value=f"{max_depth}"))
    n = A.shape[0]
    abs_thr = float(threshold)
    roots = np.flatnonzero(y)
    x0 = y[roots]
    tree0 = t[roots] * x0
    keep = np.abs(tree0) >= abs_thr
    pruned = float(tree0[~keep].sum())
    sectors = [roots[keep]]
    parents = [np.full(int(keep.sum()), -1, dtype=np.int64)]
    xs = [x0[keep]]
    depths = [np.zeros(int(keep.sum()), dtype=np.int64)]
    offset = 0
    count = int(keep.sum())
    depth = 0
    fs_sec, fs_x = sectors[0], xs[0]
    while fs_sec.size and depth < max_depth:
        ids = np.arange(offset, offset + fs_sec.size, dtype=np.int64)
        offset += fs_sec.size
        chunk = max(1, _CHUNK_ELEMENTS // max(n, 1))
        new_s, new_p, new_x = [], [], []
        level = 0
        for lo in range(0, fs_sec.size, chunk):
            s, xp = fs_sec[lo : lo + chunk], fs_x[lo : lo + chunk]
            # (n, m): output of each supplier along each parent path
            C = dense_block(A, cols=s) * xp
            T = t[:, None] * C
            mask = np.abs(T) >= abs_thr
            pruned += float(T.sum() - T[mask].sum())
            k, i = np.nonzero(mask.T)  # parent-major order
            level += k.size
            if count + level > MAX_NODES:  # checked chunk by chunk: memory stays bounded
                raise InputError(_too_many(depth + 1))
            new_s.append(i.astype(np.int64))
            new_p.append(ids[lo : lo + chunk][k])
            new_x.append(C[i, k])
        fs_sec = np.concatenate(new_s)
        fs_x = np.concatenate(new_x)
        depth += 1
        count += fs_sec.size
        if count > MAX_NODES:
            raise InputError(_too_many(depth))
        sectors.append(fs_sec)
        parents.append(np.concatenate(new_p))
        xs.append(fs_x)
        depths.append(np.full(fs_sec.size, depth, dtype=np.int64))
    sector = np.concatenate(sectors)
    x = np.concatenate(xs)
    direct = f[sector] * x
    tree = t[sector] * x
    last = np.concatenate(depths) == depth
    depth_cut = float((tree[last] - direct[last]).sum()) if fs_sec.size else 0.0
    return PathTree(
        sector=sector,
        parent=np.concatenate(parents),
        depth=np.concatenate(depths),
        x=x,
        direct=direct,
        tree=tree,
        pruned=pruned,
        depth_cut=depth_cut,
    )


def structural_paths(
    table: IOTable,
    targets: Target | Sequence[Target],
    *,
    intensity_name: str = "value_added",
    threshold: float = 1e-4,
    absolute: bool = False,
    max_depth: int = 12,
    top: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Top structural paths of one or several targets.

    Parameters
    ----------
    table : IOTable
    targets : Target or sequence of Target
        Final-demand vectors (see :func:`~iocluster.chains.targets.resolve_target`).
    intensity_name : str
        Row whose creation is traced: ``value_added`` (default), ``compensation``,
        ``imports``, ``output`` or a satellite row such as ``employment_total``.
    threshold : float
        Pruning threshold: a share of each target's total (default ``1e-4`` = 0.01 %),
        or an absolute amount when ``absolute=True``.
    max_depth : int
        Deepest stage enumerated (0 = the target's own sectors).
    top : int, optional
        Keep only the largest ``top`` paths per target in the listing (the remainder
        then covers the rest).

    Returns
    -------
    paths : DataFrame
        One row per listed path, largest first within each target: ``target``,
        ``path`` (codes, target first, joined by " ← "), ``root``, ``source``,
        ``depth``, ``value``, ``share`` (of the target total) and ``tree`` (the value
        of the supply-chain tree behind the node).
    summary : DataFrame
        Per target: ``total = fᵀLy``, ``listed``, ``remainder = total − listed`` and
        its parts ``pruned``, ``depth_cut``, ``unlisted`` (beyond ``top``), ``closure`` (their
        rounding gap), ``paths``, ``nodes``, ``threshold``.

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.chains.targets import resolve_target
    >>> t = miller_blair_2_3()
    >>> paths, summary = structural_paths(t, resolve_target(t, "S1"), max_depth=2, top=2)
    >>> paths[["path", "value"]].values.tolist()  # v = (0.65, 0.7), y₁ = 350
    [['S1', 227.5], ['S1 ← S2', 49.0]]
    """
    tlist = [targets] if isinstance(targets, Target) else list(targets)
    if not tlist:
        raise InputError(Message("chains.no_target"))
    f = np.asarray(intensity(table, intensity_name), dtype=np.float64)
    t = table.leontief.solve_transposed(f)
    A = table.A
    frames, rows = [], []
    for tg in tlist:
        y = np.asarray(tg.y, dtype=np.float64)
        total = float(t @ y)
        thr = float(threshold) if absolute else float(threshold) * abs(total)
        if thr <= 0:
            said = Message("chains.zero_total", target=tg.name, intensity=intensity_name)
            raise InputError(said)
        tree = enumerate_paths(A, f, t, y, thr, max_depth)
        frame, row = _listing(tree, tg.name, total, thr, top, table.codes)
        frames.append(frame)
        rows.append(row)
    paths = pd.concat(frames, ignore_index=True)
    paths.index = pd.RangeIndex(1, len(paths) + 1, name="rank")
    summary = pd.DataFrame(rows).set_index("target")
    unit = _unit(table, intensity_name)
    paths.attrs["unit"] = summary.attrs["unit"] = unit
    paths.attrs["title"] = Message("title.structural_paths", row=intensity_name)
    return paths, summary


def _listing(
    tree: PathTree, name: str, total: float, thr: float, top: int | None, codes: Sequence[str]
) -> tuple[pd.DataFrame, dict[str, object]]:
    """The listed paths of one target (largest first, at most ``top``) and its summary
    row: the remainder ``total − listed`` split into pruned, depth-cut and unlisted parts."""
    if top is None:  # every kept path: within the listing budget
        PATHS.check(tree.sector.size, f"target '{name}': --top 0 would list", hint="give --top N")
    listed = np.argsort(-tree.direct, kind="stable")
    if top is not None:
        listed = listed[:top]
    is_listed = np.zeros(tree.sector.size, dtype=bool)
    is_listed[listed] = True
    listed_sum = float(tree.direct[listed].sum())
    unlisted = float(tree.direct[~is_listed].sum())
    remainder = total - listed_sum
    seqs = tree.sequences(listed)
    frame = pd.DataFrame(
        {
            "target": name,
            "path": [" ← ".join(codes[i] for i in s) for s in seqs],
            "root": [codes[s[0]] for s in seqs],
            "source": [codes[s[-1]] for s in seqs],
            "depth": tree.depth[listed],
            "value": tree.direct[listed],
            "share": tree.direct[listed] / total,
            "tree": tree.tree[listed],
        }
    )
    row: dict[str, object] = {
        "target": name,
        "total": total,
        "listed": listed_sum,
        "remainder": remainder,
        "pruned": tree.pruned,
        "depth_cut": tree.depth_cut,
        "unlisted": unlisted,
        "closure": remainder - (tree.pruned + tree.depth_cut + unlisted),
        "paths": int(listed.size),
        "nodes": int(tree.sector.size),
        "threshold": thr,
    }
    return frame, row


def _unit(table: IOTable, name: str) -> str:
    if name in table.satellite_names:
        return table.satellite_units[table.satellite_names.index(name)] or name
    return table.meta.unit
