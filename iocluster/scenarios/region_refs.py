"""Sector references on an interregional table (issue 16): national codes in every
region, region-qualified clusters (``fergana_textiles``) and the ``region`` field of
shocks (see :mod:`iocluster.scenarios.regions`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from iocluster.core.labels import resolve_sectors, said_what
from iocluster.core.messages import Message
from iocluster.errors import LabelError, ScenarioError, Text
from iocluster.regional.interregional.analysis import is_interregional, region_layout
from iocluster.regional.interregional.build import SECTOR_TAG
from iocluster.scenarios.problems import at, suggest
from iocluster.table import IOTable

__all__ = ["qualify_clusters", "region_position", "restrict_to_region", "select_national"]


def select_national(table: IOTable, patterns: Sequence[str]) -> list[int]:
    """Positions of national codes, prefixes or names in every region of an interregional
    table (``C13*`` → ``<region>:C13.1`` … for every region).

    Raises
    ------
    LabelError
        The table is not interregional, or a pattern matches no national sector.
    """
    if not is_interregional(table):
        wanted = str(patterns[0]) if patterns else ""
        raise LabelError(
            Message("table.unknown_label", what=said_what("sector"), label=wanted, hint="")
        )
    sectors = table.tags[SECTOR_TAG]
    _, where = region_layout(table)
    first = np.flatnonzero(where == 0)
    codes = [sectors[i] for i in first]
    names = [table.names[i].rsplit(" (", 1)[0] for i in first]
    chosen = {codes[i] for i in resolve_sectors(patterns, codes, names)}
    return [i for i, c in enumerate(sectors) if c in chosen]


def qualify_clusters(table: IOTable, clusters: Mapping[str, list[int]]) -> dict[str, list[int]]:
    """Every cluster also per region: ``<region>_<cluster>`` (its members in that region).

    A name the table's tags already define is kept as it is.
    """
    if not is_interregional(table):
        return dict(clusters)
    keys, where = region_layout(table)
    out = dict(clusters)
    for name, idx in clusters.items():
        if any(name.lower().startswith(f"{k.lower()}_") for k in keys):
            continue
        for k, key in enumerate(keys):
            q = f"{key}_{name}"
            members = [i for i in idx if where[i] == k]
            if members and q not in out:
                out[q] = members
    return out


def region_position(table: IOTable, region: str, where: str | Text) -> int:
    """Position of ``region`` among the table's regions (case-insensitive).

    Raises
    ------
    ScenarioError
        The table is not interregional or the region is unknown.
    """
    if not is_interregional(table):
        raise ScenarioError(
            at(
                where,
                Message(
                    "scenarios.region_needs_interregional",
                    key="region",
                    command="iocluster interregional",
                ),
            )
        )
    keys, _ = region_layout(table)
    lower = {k.lower(): i for i, k in enumerate(keys)}
    k = lower.get(region.strip().lower())
    if k is None:
        said = Message(
            "scenarios.unknown_region", region=region, hint=suggest(region, keys), keys=keys
        )
        raise ScenarioError(at(where, said))
    return k


def restrict_to_region(
    table: IOTable, sets: Mapping[str, np.ndarray], region: str, where: str | Text
) -> dict[str, np.ndarray]:
    """The shock's sector sets restricted to one region (the ``region`` field).

    Raises
    ------
    ScenarioError
        The table is not interregional, the region is unknown, or a set has no sector in
        the region.
    """
    k = region_position(table, region, where)
    keys, pos = region_layout(table)
    out = {}
    for name, idx in sets.items():
        kept = idx[pos[idx] == k]
        if kept.size == 0:
            said = Message("scenarios.none_in_region", field=name, region=keys[k])
            raise ScenarioError(at(where, said))
        out[name] = kept
    return out
