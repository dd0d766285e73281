"""Resolve and check a scenario file against a table before anything runs.

Every sector reference becomes positions in the table; every problem is a
:class:`~iocluster.errors.ScenarioError` naming the scenario, the shock (position and
kind) and the field, with a close-match suggestion for unknown names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from iocluster.core.labels import normalize_label, sector_hint
from iocluster.errors import LabelError, ScenarioError, close_matches
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.scenarios.region_refs import qualify_clusters, restrict_to_region, select_national
from iocluster.scenarios.spec import (
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    Param,
    PriceShock,
    ProductivityShock,
    Scenario,
    ScenarioFile,
    Shock,
    shock_where,
)
from iocluster.table import IOTable

__all__ = ["ResolvedScenario", "ResolvedShock", "resolve_clusters", "validate_file"]

IntArray = np.ndarray


@dataclass(frozen=True, eq=False)
class ResolvedShock:
    """A shock with its sector references resolved to positions."""

    shock: Shock
    index: int
    scenario: str
    sets: Mapping[str, IntArray] = field(default_factory=dict)
    categories: tuple[int, ...] = ()
    satellites: tuple[int, ...] = ()

    def where(self, fld: str = "") -> str:
        """Location text for messages."""
        return shock_where(self.scenario, self.index, self.shock.kind, fld)


@dataclass(frozen=True, eq=False)
class ResolvedScenario:
    """A scenario whose shocks are resolved against one table."""

    scenario: Scenario
    shocks: tuple[ResolvedShock, ...]

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name


def resolve_clusters(
    table: IOTable,
    inline: Mapping[str, Sequence[str]] | None = None,
    extra: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, list[int]]:
    """Clusters by name: the table's ``cluster`` tag column, ``extra`` (e.g. from
    :func:`iocluster.io.clusters.read_clusters`) and the file's inline ``[clusters]``
    (later sources override earlier ones)."""
    out: dict[str, list[int]] = {}
    for tag in ("cluster", "clusters"):
        if tag in table.tags:
            for i, v in enumerate(table.tags[tag]):
                for name in (s.strip() for s in v.split(";")):
                    if name:
                        out.setdefault(name, []).append(i)
    for name, idx in (extra or {}).items():
        out[name] = sorted(int(i) for i in idx)
    for name, patterns in (inline or {}).items():
        try:
            out[name] = _select(table, list(patterns))
        except LabelError as exc:
            raise ScenarioError(f"cluster '{name}': {exc.message}") from None
    return qualify_clusters(table, out)


def _select(table: IOTable, patterns: list[str]) -> list[int]:
    """:meth:`IOTable.select`; on an interregional table national codes select the
    sector in every region (:func:`iocluster.scenarios.regions.select_national`)."""
    if is_interregional(table) and not any("/" in str(p) for p in patterns):
        try:  # national codes first: a miss on the R·n codes costs a close-match search
            return select_national(table, patterns)
        except LabelError:
            pass
    try:
        return table.select(patterns)
    except LabelError:
        if not is_interregional(table):
            raise
        return select_national(table, patterns)


def _refs(
    names: Sequence[str], table: IOTable, clusters: Mapping[str, list[int]], where: str
) -> IntArray:
    chosen: set[int] = set()
    lower = {k.lower(): k for k in clusters}
    for s in names:
        key = s if s in clusters else lower.get(s.strip().lower())
        if key is not None:
            chosen.update(clusters[key])
            continue
        try:
            chosen.update(_select(table, [s]))
        except LabelError:
            target = normalize_label(s).rstrip("*")
            hint = close_matches(target, list(clusters)) or sector_hint(s, table.codes, table.names)
            raise ScenarioError(
                f"{where}: '{s}' is neither a sector code, a sector name nor a cluster{hint}"
            ) from None
    return np.array(sorted(chosen), dtype=np.intp)


def _need(idx: IntArray, where: str) -> IntArray:
    if idx.size == 0:
        raise ScenarioError(f"{where}: selects no sector (an empty block)")
    return idx


def _check_range(p: Param, where: str, lo: float | None, hi: float | None, what: str) -> None:
    a, b = p.bounds()
    if (lo is not None and a < lo) or (hi is not None and b > hi):
        raise ScenarioError(f"{where}: {p.describe()} is outside {what}")


def _resolve_shock(
    s: Shock, i: int, scen: str, table: IOTable, clusters: Mapping[str, list[int]]
) -> ResolvedShock:
    def w(f: str) -> str:
        return shock_where(scen, i, s.kind, f)

    def ref(f: str, names: Sequence[str]) -> IntArray:
        return _need(_refs(names, table, clusters, w(f)), w(f))

    sets: dict[str, IntArray] = {}
    cats: tuple[int, ...] = ()
    sats: tuple[int, ...] = ()
    if isinstance(s, CoefficientShock):
        sets = {"rows": ref("rows", s.rows), "cols": ref("cols", s.cols)}
        if s.operation == "scale":
            _check_range(s.value, w("value"), -100.0, None, "a scale above -100 %")
        elif s.operation == "set":
            _check_range(s.value, w("value"), 0.0, 1.0, "[0, 1) for a coefficient")
        if (
            s.balance == "imports"
            and table.domestic().Zm is None
            and not np.any(np.asarray(table.va_rows("imports")))
        ):
            raise ScenarioError(f"{w('balance')}: the table has no imported inputs to give way")
    elif isinstance(s, ImportSubstitutionShock):
        _check_range(s.share, w("share"), 0.0, 1.0, "[0, 1] (a share θ)")
        sets = {"products": ref("products", s.products)}
        if not s.users and not s.categories:
            raise ScenarioError(f"{w('users')}: give 'users' (sectors) and/or 'categories'")
        if s.users:
            sets["users"] = ref("users", s.users)
        if s.categories:
            try:
                cats = tuple(table.fd_index(list(s.categories)))
            except LabelError as exc:
                raise ScenarioError(f"{w('categories')}: {exc.message}") from None
        d = table.domestic()
        if d.Zm is None:
            raise ScenarioError(
                f"{w('products')}: the table has no imports by product and using sector "
                "(an import-use matrix or a total-use table with imports by product)"
            )
    elif isinstance(s, FinalDemandShock):
        sets = {"sectors": ref("sectors", s.sectors)}
        try:
            cats = tuple(table.fd_index([s.category]))
        except LabelError as exc:
            raise ScenarioError(f"{w('category')}: {exc.message}") from None
        if not cats:
            raise ScenarioError(f"{w('category')}: the table has no '{s.category}' demand")
        if s.unit == "percent":
            _check_range(s.change, w("change"), -100.0, None, "a change above -100 %")
    elif isinstance(s, ProductivityShock):
        sets = {"sectors": ref("sectors", s.sectors)}
        _check_range(s.change, w("change"), -100.0 + 1e-9, None, "a change above -100 %")
        if s.target == "employment":
            if s.satellite:
                try:
                    sats = tuple(
                        j
                        for j, n in enumerate(table.satellite_names)
                        if normalize_label(n).lower() == normalize_label(s.satellite).lower()
                    ) or (table.satellite_names.index(s.satellite),)
                except ValueError:
                    raise ScenarioError(
                        f"{w('satellite')}: unknown satellite row '{s.satellite}'"
                        f"{close_matches(s.satellite, table.satellite_names)}"
                    ) from None
            else:
                sats = tuple(range(len(table.satellite_names)))
            if not sats:
                raise ScenarioError(f"{w('target')}: the table has no employment (satellite) rows")
    elif isinstance(s, ExtractionShock):
        if s.sectors and (s.from_ or s.to):
            raise ScenarioError(f"{w('sectors')}: give either 'sectors' or 'from' and 'to'")
        if s.sectors:
            sets = {"sectors": ref("sectors", s.sectors)}
        elif s.from_ and s.to:
            sets = {"from": ref("from", s.from_), "to": ref("to", s.to)}
        else:
            raise ScenarioError(f"{w('sectors')}: give 'sectors', or both 'from' and 'to'")
    elif isinstance(s, PriceShock):
        sets = {"sectors": ref("sectors", s.sectors)}
        _check_range(s.change, w("change"), -100.0, None, "a change above -100 %")
    if s.region:
        sets = restrict_to_region(table, sets, s.region, w("region"))
    return ResolvedShock(s, i, scen, sets, cats, sats)


def validate_file(
    sf: ScenarioFile,
    table: IOTable,
    clusters: Mapping[str, Sequence[int]] | None = None,
) -> tuple[list[ResolvedScenario], dict[str, list[int]]]:
    """Resolve every scenario of ``sf`` against ``table``.

    Returns the resolved scenarios and the clusters (table tags, ``clusters`` and the
    file's inline ones). Feasibility (non-negative coefficients, column sums below 1,
    productivity) is checked when shocks are applied (:mod:`.apply`).
    """
    cl = resolve_clusters(table, sf.cluster_map, clusters)
    codes = {normalize_label(c).lower(): c for c in table.codes}
    for name, idx in cl.items():
        if not idx:
            raise ScenarioError(f"cluster '{name}' selects no sector")
        code = codes.get(normalize_label(name).lower())
        if code is not None and sorted(idx) != [table.codes.index(code)]:
            raise ScenarioError(
                f"cluster '{name}' has the name of sector '{code}' but other members; a shock "
                "naming it would be ambiguous: rename the cluster"
            )
    out = []
    for sc in sf.scenarios:
        shocks = tuple(
            _resolve_shock(s, i, sc.name, table, cl) for i, s in enumerate(sc.shocks, start=1)
        )
        _refuse_conflicting_sets(shocks, table)
        out.append(ResolvedScenario(sc, shocks))
    return out, cl


def _refuse_conflicting_sets(shocks: Sequence[ResolvedShock], table: IOTable) -> None:
    """Two ``operation = "set"`` coefficient shocks of one scenario on the same cell would
    be resolved by file order without a word: refuse them, naming the cell and shocks."""
    seen: dict[tuple[int, int], ResolvedShock] = {}
    for rsh in shocks:
        s = rsh.shock
        if not (isinstance(s, CoefficientShock) and s.operation == "set"):
            continue
        for i in rsh.sets["rows"].tolist():
            for j in rsh.sets["cols"].tolist():
                first = seen.setdefault((i, j), rsh)
                if first is not rsh:
                    raise ScenarioError(
                        f"{rsh.where()}: sets the coefficient ({table.codes[i]}, "
                        f"{table.codes[j]}) that shock {first.index} already sets; keep one"
                    )
