"""Resolve and check a scenario file against a table before anything runs.

Every sector reference becomes positions in the table (each kind's ``resolve``,
:mod:`iocluster.scenarios.kinds`); parameters are checked against the bounds their
field declares; behaviours stated by several shocks (export price elasticities) are
gathered once per sector. Every problem is a :class:`~iocluster.errors.ScenarioError`
naming the scenario, the shock (position and kind) and the field, with a close-match
suggestion for unknown names.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from iocluster.core.labels import normalize_label
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.scenarios.kinds import ResolvedShock, Shock, TaxShock
from iocluster.scenarios.params import (
    Param,
    SweepRange,
    alone_name,
    place_setting,
    shock_where,
)
from iocluster.scenarios.problems import Problems, at, located
from iocluster.scenarios.resolver import (
    FileContext,
    IntArray,
    Resolver,
    refs,
    resolve_clusters,
)
from iocluster.scenarios.spec import Scenario, ScenarioFile
from iocluster.scenarios.sweep import Sweep
from iocluster.scenarios.taxes import TaxSchedule
from iocluster.table import IOTable

__all__ = [
    "ResolvedScenario",
    "ResolvedShock",
    "Response",
    "resolve_clusters",
    "validate_file",
]


@dataclass(frozen=True, eq=False)
class Response:
    """A behaviour of sectors stated by shocks (``field``, e.g. ``export_elasticity``):
    one parameter for all of ``sectors``, applied once per sector; ``shocks`` are the
    positions of the shocks that state it."""

    field: str
    param: Param
    sectors: IntArray
    shocks: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class ResolvedScenario:
    """A scenario whose shocks are resolved against one table."""

    scenario: Scenario
    shocks: tuple[ResolvedShock, ...]
    #: sectors whose output is fixed at baseline, and sector -> maximum % output growth
    fixed: tuple[int, ...] = ()
    caps: Mapping[int, float] = field(default_factory=dict)
    #: the tax schedule (table and tax file) when the file has taxes or tax shocks
    taxes: TaxSchedule | None = None
    #: behaviours of sectors (export price responses), once per sector
    responses: tuple[Response, ...] = ()

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    def param_sets(self) -> list[dict[str, Param]]:
        """The parameters to draw: each shock's, then each response's (the layout of the
        values :func:`iocluster.scenarios.apply.apply_draws` takes)."""
        return [s.shock.params() for s in self.shocks] + [
            {r.field: r.param} for r in self.responses
        ]

    @property
    def swept(self) -> tuple[int, Sweep] | None:
        """The position of the shock with a sweep and its sweep, or None."""
        return next(((k, s.shock.sweep) for k, s in enumerate(self.shocks) if s.shock.sweep), None)

    def alone(self, k: int) -> ResolvedScenario:
        """The scenario with its shock ``k`` (0-based) only, in the same economy: its
        capacity limits, tax schedule and the behaviours of its sectors (an export price
        elasticity belongs to the sector, whichever shock moved its price)."""
        rsh = self.shocks[k]
        scenario = replace(self.scenario, name=alone_name(self.name, k), shocks=(rsh.shock,))
        return replace(self, scenario=scenario, shocks=(rsh,))


def _check_params(s: Shock, r: Resolver) -> None:
    """Every parameter within the bounds its field declares."""
    for spec in s.specs():
        p = getattr(s, spec.name)
        if spec.value == "param" and p is not None and (spec.lo is not None or spec.hi is not None):
            r.check(p, spec.key, spec.lo, spec.hi, spec.range_text)


def _check_sweep(s: Shock, r: Resolver) -> None:
    """Every value of a sweep within its field's bounds and the kind's own checks: the
    shock checked (and resolved) with each swept field ranging over its values."""
    if not s.sweep:
        return
    by_key = {spec.key: spec.name for spec in s.specs()}
    ranges = {
        by_key[key]: SweepRange("uniform", low=min(values), high=max(values))
        for key, values in s.sweep
    }
    changes: dict[str, Any] = {"sweep": (), **ranges}
    ranged = replace(s, **changes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said once, by the shock itself
        _check_params(ranged, r)
        ranged.resolve(r)


def _responses(shocks: Sequence[ResolvedShock], codes: Sequence[str] = ()) -> tuple[Response, ...]:
    """Behaviours once per sector: shocks stating the same value (or distribution) for
    a behaviour share one parameter; two different values for one sector are an error
    naming both shocks."""
    groups: dict[tuple[str, Param], tuple[set[int], list[int]]] = {}
    owner: dict[tuple[str, int], tuple[Param, ResolvedShock]] = {}
    for rsh in shocks:
        for key, p in rsh.shock.responses().items():
            sectors = rsh.sets["sectors"].tolist()
            for i in sectors:
                seen = owner.setdefault((key, i), (p, rsh))
                if seen[0] != p:
                    said = Message(
                        "scenarios.response_differs", value=p.describe(),
                        sector=str(codes[i] if codes else i), other=seen[0].describe(),
                        shock=seen[1].index, field=key,
                    )  # fmt: skip
                    raise ScenarioError(at(rsh.where(key), said))
            members, by = groups.setdefault((key, p), (set(), []))
            members.update(sectors)
            by.append(rsh.index)
    return tuple(
        Response(key, p, np.array(sorted(m), dtype=np.intp), tuple(by))
        for (key, p), (m, by) in groups.items()
    )


def validate_file(
    sf: ScenarioFile,
    table: IOTable,
    clusters: Mapping[str, Sequence[int]] | None = None,
) -> tuple[list[ResolvedScenario], dict[str, list[int]]]:
    """Resolve every scenario of ``sf`` against ``table``.

    Returns the resolved scenarios and the clusters (table tags, ``clusters`` and the
    file's inline ones). Feasibility that depends on parameter values (non-negative
    coefficients, column sums below 1, productivity) is checked when the shocks are
    applied (:mod:`.apply`).
    """
    try:
        return _validate(sf, table, clusters)
    except ScenarioError as exc:
        if sf.source:  # the file every message is about
            raise located(exc, Path(sf.source).name) from None
        raise


def _validate(
    sf: ScenarioFile, table: IOTable, clusters: Mapping[str, Sequence[int]] | None
) -> tuple[list[ResolvedScenario], dict[str, list[int]]]:
    cl = resolve_clusters(table, sf.cluster_map, clusters)
    _check_cluster_names(cl, table)
    ctx = FileContext(table, cl, sf.taxes, sf.tax_source, sf.bridge, clusters is not None)
    out = []
    problems = Problems()  # every shock that does not resolve, in one run
    for sc in sf.scenarios:
        shocks = []
        for i, s in enumerate(sc.shocks, start=1):
            r = Resolver(ctx, sc.name, i, s.kind, s.region)
            with problems.collect():
                _check_params(s, r)
                res = s.resolve(r)
                _check_sweep(s, r)
                shocks.append(
                    ResolvedShock(s, i, sc.name, res.sets, res.categories, res.satellites, res.data)
                )
        if len(shocks) < len(sc.shocks):
            continue  # named above; the scenario-wide checks need every shock
        with problems.collect():
            for kind in dict.fromkeys(type(s.shock) for s in shocks):
                kind.check_together([s for s in shocks if type(s.shock) is kind], table)
            fixed, caps = _resolve_capacity(sc, table, cl)
            responses = _responses(shocks, table.codes)
            out.append(ResolvedScenario(sc, tuple(shocks), fixed, caps, responses=responses))
    problems.check()
    if sf.taxes or any(isinstance(s, TaxShock) for sc in sf.scenarios for s in sc.shocks):
        schedule = ctx.schedule
        out = [replace(r, taxes=schedule) for r in out]
    return out, cl


def _check_cluster_names(cl: Mapping[str, list[int]], table: IOTable) -> None:
    """No empty cluster, and none named as a sector it is not."""
    codes = {normalize_label(c).lower(): c for c in table.codes}
    for name, idx in cl.items():
        if not idx:
            raise ScenarioError(Message("scenarios.cluster_empty", name=name))
        code = codes.get(normalize_label(name).lower())
        if code is not None and sorted(idx) != [table.codes.index(code)]:
            raise ScenarioError(Message("scenarios.cluster_is_sector", name=name, sector=code))


def _resolve_capacity(
    sc: Scenario, table: IOTable, clusters: Mapping[str, list[int]]
) -> tuple[tuple[int, ...], dict[int, float]]:
    """Positions of the scenario's fixed-output sectors and capped sectors (the mixed
    model, :mod:`iocluster.core.mixed`); a sector both fixed and capped is refused."""
    where = shock_where(sc.name)
    fixed: tuple[int, ...] = ()
    if sc.fixed_output:
        held = refs(sc.fixed_output, table, clusters, place_setting(sc.name, "fixed_output"))
        fixed = tuple(held.tolist())
    caps: dict[int, float] = {}
    for name, pct in sc.capacity:
        w = place_setting(sc.name, "capacity")
        for i in refs([name], table, clusters, w).tolist():
            if i in fixed:
                said = Message("scenarios.fixed_and_capped", sector=table.codes[i])
                raise ScenarioError(at(w, said))
            caps[int(i)] = pct
    if len(fixed) + len(caps) >= table.n:
        raise ScenarioError(at(where, Message("scenarios.all_held")))
    return fixed, caps
