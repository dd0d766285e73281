"""The result of cluster identification, its summary and the clusters file it writes."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from iocluster.core.messages import Message
from iocluster.table import IOTable

__all__ = ["ClusterResult", "IntArray", "internal_flow_share", "label_partition"]

IntArray = NDArray[np.int64]


def internal_flow_share(Z: ArrayLike, labels: ArrayLike) -> float:
    """Share of inter-sector intermediate flows that stay inside clusters.

    .. math:: s = \\frac{\\sum_{i \\ne j,\\ c(i) = c(j) \\ge 0} z_{ij}}
                       {\\sum_{i \\ne j} z_{ij}}

    Own-sector flows (the diagonal) are left out of both sums; sectors with a negative
    label belong to no cluster.

    >>> internal_flow_share(np.array([[5.0, 1, 0], [1, 5, 2], [0, 2, 5]]), [0, 0, 1])
    0.3333333333333333
    """
    lab = np.asarray(labels)
    Zo = np.array(Z, dtype=np.float64)
    np.fill_diagonal(Zo, 0.0)
    same = (lab[:, None] == lab[None, :]) & (lab[:, None] >= 0)
    total = Zo.sum()
    return float(Zo[same].sum() / total) if total > 0 else float("nan")


def label_partition(labels: ArrayLike, x: ArrayLike, min_size: int = 2) -> IntArray:
    """Renumber labels 0, 1, … by total output of the cluster (largest first).

    Clusters smaller than ``min_size`` become ``-1`` (no cluster).

    >>> label_partition([5, 5, 7, 9, 9, 9], np.ones(6)).tolist()
    [1, 1, -1, 0, 0, 0]
    """
    lab = np.asarray(labels)
    groups = [g for g in np.unique(lab[lab >= 0]) if (lab == g).sum() >= min_size]
    groups.sort(key=lambda g: (-float(np.asarray(x)[lab == g].sum()), int(np.argmax(lab == g))))
    out = np.full(lab.shape, -1, dtype=np.int64)
    for k, g in enumerate(groups):
        out[lab == g] = k
    return out


@dataclass(frozen=True, eq=False)
class ClusterResult:
    """Clusters identified in a table.

    Attributes
    ----------
    method : str
        ``feser-bergman``, ``louvain`` or ``mst``.
    codes : tuple of str
    labels : (n,) int ndarray
        Cluster number of each sector (0 = the cluster with the largest output), -1 for
        none.
    membership : DataFrame
        One row per sector code: ``cluster`` (name or ""), ``role`` (primary, secondary
        or ""), ``score`` (loading, or the weight linking the sector to its cluster) and
        method-specific columns.
    clusters : DataFrame
        One row per cluster: ``size``, ``lead`` (the largest-output member), ``members``,
        ``output_share`` and ``internal_share`` (of the cluster's own flows).
    internal_share : float
        :func:`internal_flow_share` of the whole partition.
    statistics : mapping
        Method statistics (modularity, variance explained, cut-offs, seed, …).
    loadings : DataFrame or None
        Feser–Bergman: rotated loadings (sectors × factors).
    """

    method: str
    codes: tuple[str, ...]
    labels: IntArray
    membership: pd.DataFrame
    clusters: pd.DataFrame
    internal_share: float
    statistics: Mapping[str, float | int | str] = field(default_factory=dict)
    loadings: pd.DataFrame | None = None

    def members(self, *, secondary: bool = False) -> dict[str, list[str]]:
        """Cluster name → member codes (primary members; with ``secondary`` also those)."""
        out: dict[str, list[str]] = {str(c): [] for c in self.clusters.index}
        for code, row in self.membership.iterrows():
            if row["cluster"]:
                out[str(row["cluster"])].append(str(code))
        if secondary and "also_in" in self.membership.columns:
            for code, row in self.membership.iterrows():
                for c in str(row["also_in"]).split(";"):
                    c = c.strip()
                    if c and str(code) not in out[c]:
                        out[c].append(str(code))
        return out

    def to_toml(self, *, secondary: bool = False) -> str:
        """A clusters file scenarios read: ``[clusters]`` with ``name = ["code", ...]``."""
        lines = [
            f"# clusters identified by iocluster ({self.method}); share of inter-sector "
            f"flows inside clusters: {self.internal_share:.3f}",
            "[clusters]",
        ]
        for name, codes in self.members(secondary=secondary).items():
            lead = str(self.clusters.loc[name, "lead"])
            items = ", ".join(_toml_str(c) for c in codes)
            lines.append(_one_line(f"# {name}: led by {lead}"))
            lines.append(f"{_toml_str(name)} = [{items}]")
        return "\n".join(lines) + "\n"

    def frames(self) -> dict[str, pd.DataFrame]:
        """Membership, cluster summary (and loadings) as labelled frames."""
        out = {"membership": self.membership, "clusters": self.clusters}
        if self.loadings is not None:
            out["loadings"] = self.loadings
        return out


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _toml_str(s: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, control characters as
    ``\\uXXXX`` (a label can never end the string or start a new key).

    >>> _toml_str('C13 "x"')
    '"C13 \\\\"x\\\\""'
    """
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", s) + '"'


def _one_line(text: str) -> str:
    """A comment line: control characters (line breaks included) become spaces."""
    return _CONTROL.sub(" ", text)


def build_result(
    table: IOTable,
    method: str,
    labels: ArrayLike,
    *,
    scores: ArrayLike,
    statistics: Mapping[str, float | int | str],
    extra: Mapping[str, Sequence[str]] | None = None,
    roles: Sequence[str] | None = None,
    loadings: pd.DataFrame | None = None,
) -> ClusterResult:
    """Assemble a :class:`ClusterResult` from a partition of ``table``'s sectors.

    ``labels`` are as :func:`label_partition` returns them (0 = the largest cluster,
    -1 = none).
    """
    x = np.asarray(table.x)
    labels = np.asarray(labels, dtype=np.int64)
    k = int(labels.max()) + 1 if labels.size and labels.max() >= 0 else 0
    names = [f"cluster_{i + 1:02d}" for i in range(k)]
    Z = np.asarray(table.domestic().Z)
    idx = pd.Index(table.codes, name="code")
    membership = pd.DataFrame(
        {
            "cluster": [names[g] if g >= 0 else "" for g in labels],
            "role": list(roles)
            if roles is not None
            else ["primary" if g >= 0 else "" for g in labels],
            "score": np.asarray(scores, dtype=np.float64),
            "name": list(table.names),
        },
        index=idx,
    )
    for col, vals in (extra or {}).items():
        membership[col] = list(vals)
    Zo = Z.copy()
    np.fill_diagonal(Zo, 0.0)
    rows = []
    for g in range(k):
        mask = labels == g
        members = [c for c, m in zip(table.codes, mask, strict=True) if m]
        out_flows = Zo[mask].sum() + Zo[:, mask].sum() - Zo[np.ix_(mask, mask)].sum()
        inside = Zo[np.ix_(mask, mask)].sum()
        rows.append(
            {
                "size": int(mask.sum()),
                "lead": table.codes[int(np.flatnonzero(mask)[np.argmax(x[mask])])],
                "members": " ".join(members),
                "output_share": float(x[mask].sum() / x.sum()) if x.sum() > 0 else float("nan"),
                "internal_share": float(inside / out_flows) if out_flows > 0 else float("nan"),
            }
        )
    clusters = pd.DataFrame(rows, index=pd.Index(names, name="cluster"))
    if not rows:
        clusters = pd.DataFrame(
            columns=["size", "lead", "members", "output_share", "internal_share"],
            index=pd.Index([], name="cluster"),
        )
    share = internal_flow_share(Z, labels)
    membership.attrs["title"] = Message("title.clusters.membership", method=method, share=share)
    membership.attrs["unit"] = "cluster membership"
    clusters.attrs["title"] = Message("title.clusters.found", method=method, k=k)
    clusters.attrs["unit"] = "shares of output and of the cluster's inter-sector flows"
    return ClusterResult(
        method=method,
        codes=table.codes,
        labels=labels,
        membership=membership,
        clusters=clusters,
        internal_share=share,
        statistics=MappingProxyType({**dict(statistics), "clusters": k, "internal_share": share}),
        loadings=loadings,
    )
