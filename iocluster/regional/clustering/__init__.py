"""Cluster identification from inter-sector linkages.

- :func:`feser_bergman`: linkage-profile correlations, principal components and varimax
  (Feser & Bergman 2000);
- :func:`louvain`: Louvain communities of the symmetric linkage network (``networkx``);
- :func:`mst_clusters`: the maximum-spanning-tree cut.

Each returns a :class:`ClusterResult` (membership by sector code, cluster summary, the
share of inter-sector flows kept inside clusters) that can be written as a clusters file
scenarios read (:meth:`ClusterResult.to_toml`).
"""

from __future__ import annotations

from typing import get_args

from iocluster.core.choices import ClusterMethod
from iocluster.core.labels import close_hint
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.regional.clustering.feser_bergman import (
    feser_bergman,
    linkage_correlations,
    principal_loadings,
    varimax,
)
from iocluster.regional.clustering.network import (
    linkage_weights,
    louvain,
    maximum_spanning_tree,
    modularity,
    mst_clusters,
    spanning_tree_cut,
)
from iocluster.regional.clustering.result import ClusterResult, internal_flow_share, label_partition
from iocluster.table import IOTable

__all__ = [
    "CLUSTER_METHODS",
    "ClusterMethod",
    "ClusterResult",
    "feser_bergman",
    "identify_clusters",
    "internal_flow_share",
    "label_partition",
    "linkage_correlations",
    "linkage_weights",
    "louvain",
    "maximum_spanning_tree",
    "modularity",
    "mst_clusters",
    "principal_loadings",
    "spanning_tree_cut",
    "varimax",
]

CLUSTER_METHODS: tuple[ClusterMethod, ...] = get_args(ClusterMethod)


def identify_clusters(
    table: IOTable,
    method: str = "feser-bergman",
    *,
    seed: int = 0,
    resolution: float = 1.0,
    n_clusters: int | None = None,
    n_factors: int | None = None,
    min_size: int = 2,
) -> ClusterResult:
    """Run one identification method by name (the options that apply to it are used)."""
    m = method.lower().replace("_", "-")
    if m == "feser-bergman":
        return feser_bergman(table, n_factors=n_factors, min_size=min_size)
    if m == "louvain":
        return louvain(table, resolution=resolution, seed=seed, min_size=min_size)
    if m == "mst":
        return mst_clusters(table, n_clusters=n_clusters, min_size=min_size)
    hint, expected = close_hint(m, CLUSTER_METHODS), "|".join(CLUSTER_METHODS)
    said = Message(
        "regional.unknown_cluster_method", method=str(method), hint=hint, expected=expected
    )
    raise InputError(said)
