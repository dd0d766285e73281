"""Every value-added chain indicator of a set of targets in one call (what
``iocluster chains`` reports): value added embodied in each target and its groups, the
production layers, the top structural paths, and the indicators of scenario tables next
to the baseline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from iocluster.chains.compare import compare_chains
from iocluster.chains.embodied import embodied
from iocluster.chains.layers import production_layers
from iocluster.chains.spa import structural_paths
from iocluster.chains.targets import resolve_target
from iocluster.table import IOTable

__all__ = ["chain_frames"]


def chain_frames(
    table: IOTable,
    targets: Sequence[str],
    *,
    services: Sequence[int],
    demand: str | None = None,
    groups: Mapping[str, list[int]] | None = None,
    intensity: str = "value_added",
    threshold: float = 1e-4,
    absolute: bool = False,
    max_depth: int = 12,
    top: int | None = 50,
    compare: Mapping[str, IOTable] | None = None,
) -> dict[str, pd.DataFrame]:
    """Frames ``embodied``, ``groups``, ``layers``, ``paths``, ``paths_summary`` and one
    ``compare TARGET NAME`` per target and scenario table in ``compare``.

    ``targets`` are as :func:`~iocluster.chains.targets.resolve_target` reads them (codes,
    prefixes, a cluster of ``groups`` or a final-demand category); the path options are
    those of :func:`~iocluster.chains.spa.structural_paths`.

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> frames = chain_frames(miller_blair_2_3(), ["S1"], services=[1], max_depth=2)
    >>> sorted(frames)
    ['embodied', 'groups', 'layers', 'paths', 'paths_summary']
    """
    groups = dict(groups or {})
    resolved = [resolve_target(table, s, demand=demand, clusters=groups) for s in targets]
    emb, grp, lay = {}, [], []
    for tg in resolved:
        e = embodied(table, tg, services=services, groups=groups)
        emb[tg.name] = e.summary["value"]
        grp.append(e.groups.assign(target=tg.name).set_index("target", append=True))
        lay.append(production_layers(table, tg, services=services).assign(target=tg.name))
    paths, summary = structural_paths(
        table,
        resolved,
        intensity_name=intensity,
        threshold=threshold,
        absolute=absolute,
        max_depth=max_depth,
        top=top,
    )
    frames: dict[str, pd.DataFrame] = {
        "embodied": pd.DataFrame(emb).rename_axis("indicator"),
        "groups": pd.concat(grp).reorder_levels(["target", "group"]),
        "layers": pd.concat(lay).set_index("target", append=True).reorder_levels([1, 0]),
        "paths": paths,
        "paths_summary": summary,
    }
    for name, scenario in (compare or {}).items():
        for s in targets:
            key = f"compare {s} {name}".rstrip()
            frames[key] = compare_chains(
                table, scenario, s, demand=demand, clusters=groups, services=services
            )
    for df in frames.values():
        df.attrs.setdefault("unit", table.meta.unit)
    return frames
