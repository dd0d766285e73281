"""Resolve and check a scenario file against a table before anything runs.

Every sector reference becomes positions in the table; every problem is a
:class:`~iocluster.errors.ScenarioError` naming the scenario, the shock (position and
kind) and the field, with a close-match suggestion for unknown names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from iocluster.core.labels import normalize_label, sector_hint
from iocluster.errors import InputError, LabelError, ScenarioError, close_matches
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.scenarios.investment import bridge_matrix, investment_category
from iocluster.scenarios.region_refs import qualify_clusters, restrict_to_region, select_national
from iocluster.scenarios.spec import (
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    InvestmentShock,
    Param,
    PriceShock,
    ProductivityShock,
    Scenario,
    ScenarioFile,
    Shock,
    TaxShock,
    shock_where,
)
from iocluster.scenarios.taxes import TABLE_INSTRUMENT, Instrument, TaxSchedule, tax_schedule
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
    #: sectors whose output is fixed at baseline, and sector -> maximum % output growth
    fixed: tuple[int, ...] = ()
    caps: Mapping[int, float] = field(default_factory=dict)
    #: the tax schedule (table and tax file) when the file has taxes or tax shocks
    taxes: TaxSchedule | None = None

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
    elif isinstance(s, TaxShock):
        sets = {"sectors": ref("sectors", s.sectors)}
        if s.unit == "percent":
            _check_range(s.change, w("change"), -100.0, None, "a change above -100 % of the rate")
        _check_range(s.pass_through, w("pass_through"), 0.0, 1.0, "[0, 1] (a share)")
        _check_range(s.export_elasticity, w("export_elasticity"), -50.0, 50.0, "[-50, 50]")
    elif isinstance(s, InvestmentShock):
        _check_range(s.amount, w("amount"), 0.0, None, "amounts of at least 0")
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
    schedule = _schedule(sf, table, cl)
    for sc in sf.scenarios:
        shocks = tuple(
            _resolve_shock(s, i, sc.name, table, cl) for i, s in enumerate(sc.shocks, start=1)
        )
        _refuse_conflicting_sets(shocks, table)
        shocks = _with_bridge(shocks, sf, table)
        fixed, caps = _resolve_capacity(sc, table, cl)
        if schedule is not None:
            schedule = _check_instruments(shocks, schedule, table)
        out.append(ResolvedScenario(sc, shocks, fixed, caps))
    if schedule is not None:
        out = [replace(r, taxes=schedule) for r in out]
    return out, cl


def _schedule(sf: ScenarioFile, table: IOTable, cl: Mapping[str, list[int]]) -> TaxSchedule | None:
    """The tax schedule, when the file has taxes or a tax or subsidy shock."""
    if not sf.taxes and not any(isinstance(s, TaxShock) for sc in sf.scenarios for s in sc.shocks):
        return None

    def select(name: str, where: str) -> list[int]:
        return _need(_refs([name], table, cl, where), where).tolist()

    return tax_schedule(table, sf.taxes, select, sf.tax_source)


def _check_instruments(
    shocks: Sequence[ResolvedShock], schedule: TaxSchedule, table: IOTable
) -> TaxSchedule:
    """Every tax or subsidy shock names an instrument of its kind; a change in points of
    an instrument the schedule lacks starts it at rate 0 (on output)."""
    for rsh in shocks:
        s = rsh.shock
        if not isinstance(s, TaxShock):
            continue
        inst = schedule.get(s.instrument)
        if inst is None:
            if s.unit == "points":
                schedule = schedule.with_instrument(
                    Instrument(s.instrument, "output", s.kind, np.zeros(table.n), "new (rate 0)")
                )
                continue
            raise ScenarioError(
                f"{rsh.where('instrument')}: no instrument '{s.instrument}' in the tax "
                f"schedule ({', '.join(schedule.names) or 'empty'})"
                f"{close_matches(s.instrument, schedule.names)}; give a tax file "
                '(taxes = "file.csv") or a change in points'
            )
        if inst.kind != s.kind and inst.name != TABLE_INSTRUMENT:
            raise ScenarioError(
                f"{rsh.where('instrument')}: '{inst.name}' is a {inst.kind} in the tax "
                f"schedule; change it with a {inst.kind} shock"
            )
        if s.kind == "subsidy" and inst.name == TABLE_INSTRUMENT:
            raise ScenarioError(
                f"{rsh.where('instrument')}: '{inst.name}' is the table's net tax; change "
                "it with a tax shock"
            )
        if s.unit == "percent" and not np.any(inst.rates[rsh.sets["sectors"]]):
            raise ScenarioError(
                f"{rsh.where('change')}: '{inst.name}' has a rate of 0 in every sector "
                'selected; a percent change does nothing (use unit = "points")'
            )
    return schedule


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


def _resolve_capacity(
    sc: Scenario, table: IOTable, clusters: Mapping[str, list[int]]
) -> tuple[tuple[int, ...], dict[int, float]]:
    """Positions of the scenario's fixed-output sectors and capped sectors (the mixed
    model, :mod:`iocluster.core.mixed`); a sector both fixed and capped is refused."""
    where = f"scenario '{sc.name}'"
    fixed: tuple[int, ...] = ()
    if sc.fixed_output:
        w = f"{where}, 'fixed_output'"
        fixed = tuple(int(i) for i in _need(_refs(sc.fixed_output, table, clusters, w), w))
    caps: dict[int, float] = {}
    for name, pct in sc.capacity:
        w = f"{where}, 'capacity'"
        for i in _need(_refs([name], table, clusters, w), w).tolist():
            if i in fixed:
                raise ScenarioError(
                    f"{w}: sector '{table.codes[i]}' is also in 'fixed_output'; keep one"
                )
            caps[int(i)] = pct
    if len(fixed) + len(caps) >= table.n:
        raise ScenarioError(f"{where}: every sector's output is fixed or capped; free one")
    return fixed, caps


def _with_bridge(
    shocks: tuple[ResolvedShock, ...], sf: ScenarioFile, table: IOTable
) -> tuple[ResolvedShock, ...]:
    """Investment shocks get their bridge column (``sets["bridge"]``, shares by product)
    and the investment category (:mod:`iocluster.scenarios.investment`)."""
    if not any(isinstance(r.shock, InvestmentShock) for r in shocks):
        return shocks
    try:
        bridge = bridge_matrix(table, sf.bridge)
        cat = investment_category(table)
    except (InputError, ScenarioError) as exc:
        raise ScenarioError(f"'bridge': {exc}") from None
    out = []
    for r in shocks:
        s = r.shock
        if isinstance(s, InvestmentShock):
            col = bridge[s.asset].to_numpy()
            if not np.all(np.isfinite(col)):
                raise ScenarioError(
                    f"{r.where('asset')}: no product of the table's investment column is "
                    f"a '{s.asset}' asset; give a bridge file (bridge = \"file.csv\")"
                )
            r = replace(r, sets={"bridge": col}, categories=(cat,))
        out.append(r)
    return tuple(out)
