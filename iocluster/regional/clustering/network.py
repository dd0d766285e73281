"""Network cluster identification: Louvain communities and the maximum-spanning-tree cut.

Both methods work on one symmetric, dimensionless weight between every pair of sectors,
the mean of the buyer's and the seller's view of their flows in either direction:

.. math:: w_{ij} = \\tfrac12\\,(a_{ij} + b_{ij} + a_{ji} + b_{ji}),\\qquad w_{ii} = 0,

with domestic technical coefficients :math:`A = Z\\hat x^{-1}` (share of the buyer's
output) and allocation coefficients :math:`B = \\hat x^{-1} Z` (share of the seller's
output), so that a small sector's main link counts as much as a large sector's.

- **Louvain** (Blondel et al. 2008, via ``networkx``): communities maximising the
  modularity with resolution :math:`\\gamma`,
  :math:`Q = \\frac{1}{2m}\\sum_{ij}\\big[w_{ij} - \\gamma \\frac{k_i k_j}{2m}\\big]
  \\delta(c_i, c_j)`, :math:`k_i = \\sum_j w_{ij}`, :math:`2m = \\sum_{ij} w_{ij}`;
  deterministic for a given seed.
- **Maximum spanning tree cut**: the tree of the strongest links (Kruskal), cut at its
  ``k − 1`` weakest edges into ``k`` groups; by default ``k`` maximises the modularity
  (:math:`\\gamma = 1`) over ``k = 2 … n/2``. No randomness.

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). Fast unfolding
of communities in large networks. *J. Stat. Mech.* P10008.
Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS* 103(23),
8577–8582.
Kruskal, J. B. (1956). On the shortest spanning subtree of a graph. *Proc. AMS* 7, 48–50.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray, as_dense
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.regional.clustering.result import (
    ClusterResult,
    IntArray,
    build_result,
    label_partition,
)
from iocluster.table import IOTable

__all__ = [
    "linkage_weights",
    "louvain",
    "maximum_spanning_tree",
    "modularity",
    "mst_clusters",
    "spanning_tree_cut",
]


def linkage_weights(table: IOTable) -> FloatArray:
    """The symmetric weights :math:`w_{ij}` (see the module docstring).

    Miller & Blair (2009) Table 2.3: :math:`a_{12} = 500/2000`, :math:`b_{12} = 500/1000`,
    :math:`a_{21} = 200/1000`, :math:`b_{21} = 200/2000`, so
    :math:`w_{12} = (0.25 + 0.5 + 0.2 + 0.1)/2 = 0.525`:

    >>> from iocluster.datasets import miller_blair_2_3
    >>> linkage_weights(miller_blair_2_3()).round(3).tolist()
    [[0.0, 0.525], [0.525, 0.0]]
    """
    A = as_dense(table.A)
    B = np.asarray(table.B)
    W = (A + B + A.T + B.T) / 2.0
    np.fill_diagonal(W, 0.0)
    return W


def modularity(W: ArrayLike, labels: ArrayLike, resolution: float = 1.0) -> float:
    """Weighted modularity of a partition (Newman 2006); label < 0 = a singleton.

    .. math:: Q = \\frac{1}{2m}\\sum_{ij}\\Big[w_{ij} - \\gamma\\frac{k_i k_j}{2m}\\Big]
              \\delta(c_i, c_j)

    >>> W = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0.0]])
    >>> modularity(W, [0, 0, 1, 1])
    0.5
    """
    Wm = np.asarray(W, dtype=np.float64)
    lab = np.asarray(labels).copy()
    neg = lab < 0
    lab[neg] = lab.max(initial=0) + 1 + np.arange(int(neg.sum()))
    two_m = Wm.sum()
    if two_m <= 0:
        return 0.0
    k = Wm.sum(axis=1)
    q = 0.0
    for g in np.unique(lab):
        m = lab == g
        q += Wm[np.ix_(m, m)].sum() / two_m - resolution * (k[m].sum() / two_m) ** 2
    return float(q)


def _networkx() -> Any:
    try:
        import networkx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        said = Message("regional.networkx", package="networkx", command="pip install networkx")
        raise InputError(said) from exc
    return networkx


def _link_scores(W: FloatArray, labels: IntArray) -> FloatArray:
    """Share of each sector's link weight that goes to its own cluster."""
    same = (labels[:, None] == labels[None, :]) & (labels[:, None] >= 0)
    k = W.sum(axis=1)
    inside = (W * same).sum(axis=1)
    return np.where(k > 0, inside / np.where(k > 0, k, 1.0), 0.0)


def louvain(
    table: IOTable, *, resolution: float = 1.0, seed: int = 0, min_size: int = 2
) -> ClusterResult:
    """Louvain communities of the linkage network (needs ``networkx``).

    Parameters
    ----------
    resolution : float
        :math:`\\gamma`: above 1 favours smaller communities.
    seed : int
        Seed of the node order; the same seed gives the same clusters.
    min_size : int
        Communities smaller than this are reported as no cluster.
    """
    if not resolution > 0:
        raise InputError(Message("regional.resolution", got=float(resolution)))
    nx = _networkx()
    W = linkage_weights(table)
    G = nx.Graph()
    G.add_nodes_from(range(table.n))
    iu, ju = np.nonzero(np.triu(W, 1))
    G.add_weighted_edges_from((int(i), int(j), float(W[i, j])) for i, j in zip(iu, ju, strict=True))
    comms = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    raw = np.full(table.n, -1, dtype=np.int64)
    for g, members in enumerate(sorted(comms, key=min)):
        raw[list(members)] = g
    q = modularity(W, raw, resolution)
    labels = label_partition(raw, np.asarray(table.x), min_size)
    return build_result(
        table,
        "louvain",
        labels,
        scores=_link_scores(W, labels),
        statistics={"modularity": q, "resolution": resolution, "seed": seed},
    )


def maximum_spanning_tree(W: ArrayLike) -> list[tuple[int, int, float]]:
    """Edges ``(i, j, w)`` of a maximum spanning forest (Kruskal), strongest first.

    Ties are broken by ``(i, j)`` so the tree is deterministic.

    >>> maximum_spanning_tree(np.array([[0, 3, 1], [3, 0, 2], [1, 2, 0.0]]))
    [(0, 1, 3.0), (1, 2, 2.0)]
    """
    Wm = np.asarray(W, dtype=np.float64)
    n = Wm.shape[0]
    iu, ju = np.nonzero(np.triu(Wm, 1) > 0)
    w = Wm[iu, ju]
    order = np.lexsort((ju, iu, -w))
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    edges: list[tuple[int, int, float]] = []
    for e in order:
        a, b = int(iu[e]), int(ju[e])
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            edges.append((a, b, float(w[e])))
            if len(edges) == n - 1:
                break
    return edges


def spanning_tree_cut(n: int, edges: list[tuple[int, int, float]], k: int) -> IntArray:
    """Component labels after removing the weakest edges until ``k`` groups remain.

    >>> spanning_tree_cut(3, [(0, 1, 3.0), (1, 2, 2.0)], 2).tolist()
    [0, 0, 1]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    components_now = n - len(edges)
    drop = max(0, k - components_now)
    kept = edges[: len(edges) - drop] if drop else edges
    if kept:
        ii = np.array([e[0] for e in kept], dtype=np.int64)
        jj = np.array([e[1] for e in kept], dtype=np.int64)
        M = coo_matrix((np.ones(len(kept)), (ii, jj)), shape=(n, n))
    else:
        M = coo_matrix((n, n))
    _, labels = connected_components(M, directed=False)
    return np.asarray(labels, dtype=np.int64)


def mst_clusters(
    table: IOTable, *, n_clusters: int | None = None, min_size: int = 2
) -> ClusterResult:
    """Clusters from cutting the maximum spanning tree of the linkage network.

    Parameters
    ----------
    n_clusters : int, optional
        Groups to cut the tree into (singletons then count as no cluster); default: the
        ``k`` in ``2 … n/2`` with the highest modularity.
    """
    W = linkage_weights(table)
    n = table.n
    edges = maximum_spanning_tree(W)
    if n_clusters is not None:
        if not 1 <= n_clusters <= n:
            raise InputError(Message("regional.clusters_range", most=n, got=n_clusters))
        ks = [n_clusters]
    else:
        ks = list(range(2, max(2, n // 2) + 1))
    best: tuple[float, int, IntArray] | None = None
    for k in ks:
        lab = spanning_tree_cut(n, edges, k)
        q = modularity(W, lab)
        if best is None or q > best[0] + 1e-12:
            best = (q, k, lab)
    assert best is not None
    q, k, lab = best
    stats: dict[str, float | int | str] = {"modularity": q, "groups": k}
    drop = k - (n - len(edges))  # tree edges removed to leave k groups
    if drop > 0:
        stats["cut_weight"] = edges[len(edges) - drop][2]  # the strongest edge removed
    labels = label_partition(lab, np.asarray(table.x), min_size)
    return build_result(table, "mst", labels, scores=_link_scores(W, labels), statistics=stats)
