"""Named groups of sectors (clusters) resolved to sector positions (DESIGN.md §4).

A cluster is given as codes or code prefixes (``C13*``) or positions
(:func:`cluster_members`), by name from a mapping (:func:`resolve_cluster`), or by the
table's own ``cluster`` tag (:func:`tag_clusters`). Clusters files are read by
:func:`iocluster.io.clusters.read_clusters`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iocluster.core.labels import close_hint
from iocluster.core.messages import Message
from iocluster.errors import InputError, LabelError
from iocluster.table import IOTable

__all__ = ["cluster_members", "resolve_cluster", "tag_clusters"]


def cluster_members(table: IOTable, members: Sequence[object]) -> list[int]:
    """Sector positions of a cluster given as codes / prefixes (``C13*``) or positions."""
    if members and all(isinstance(m, int) and not isinstance(m, bool) for m in members):
        idx = sorted({int(m) for m in members})  # type: ignore[call-overload]
        if idx[0] < 0 or idx[-1] >= table.n:
            raise InputError(f"sector position out of range 0..{table.n - 1}")
        return idx
    return table.select(list(members))


def resolve_cluster(clusters: Mapping[str, list[int]], name: str) -> list[int]:
    """The members of cluster ``name`` (case-insensitive), or a ``LabelError`` with a
    close match."""
    if name in clusters:
        return clusters[name]
    lower = {k.lower(): k for k in clusters}
    if name.strip().lower() in lower:
        return clusters[lower[name.strip().lower()]]
    known = tuple(clusters) or Message("model.none")
    hint = close_hint(name, list(clusters))
    raise LabelError(Message("model.unknown_cluster", cluster=name, hint=hint, clusters=known))


def tag_clusters(table: IOTable) -> dict[str, list[int]]:
    """Clusters named by the table's ``cluster`` (or ``clusters``) tag: name -> sector
    positions; a sector may name several clusters separated by ``;``.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> tag_clusters(miller_blair_2_3().with_tags("cluster", ["a; b", "b"]))
    {'a': [0], 'b': [0, 1]}
    """
    out: dict[str, list[int]] = {}
    for tag in ("cluster", "clusters"):
        for i, v in enumerate(table.tags.get(tag, ())):
            for name in (s.strip() for s in str(v).split(";")):
                if name:
                    out.setdefault(name, []).append(i)
    return out
