"""Names resolved against a table: what a shock kind's ``resolve`` asks for.

A :class:`FileContext` holds what every shock of one scenario file shares (the table,
the clusters, the tax schedule and the investment bridge, built on first use); a
:class:`Resolver` is that context seen from one shock, so every message it raises names
the scenario, the shock (position and kind) and the field, with a close-match suggestion
for unknown names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from iocluster.core.labels import normalize_label, sector_hint
from iocluster.core.messages import Message
from iocluster.errors import InputError, LabelError, ScenarioError, Text
from iocluster.io.taxes import TaxRecord
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.scenarios.investment import bridge_matrix
from iocluster.scenarios.params import Param, shock_where
from iocluster.scenarios.problems import at, suggest, what_of
from iocluster.scenarios.region_refs import qualify_clusters, restrict_to_region, select_national
from iocluster.scenarios.taxes import TaxSchedule, tax_schedule
from iocluster.table import IOTable

__all__ = ["FileContext", "IntArray", "Resolution", "Resolver", "resolve_clusters", "select"]

IntArray = np.ndarray


@dataclass(frozen=True)
class Resolution:
    """What a shock's names resolve to: sector positions by field (``sets``), positions
    of final-demand categories and satellite rows, and arrays a rule needs (``data``,
    e.g. an investment's bridge column)."""

    sets: Mapping[str, IntArray] = field(default_factory=dict)
    categories: tuple[int, ...] = ()
    satellites: tuple[int, ...] = ()
    data: Mapping[str, np.ndarray] = field(default_factory=dict)


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
            out[name] = select(table, list(patterns))
        except LabelError as exc:
            raise ScenarioError(at(f"cluster '{name}'", exc.message)) from None
    return qualify_clusters(table, out)


def select(table: IOTable, patterns: list[str]) -> list[int]:
    """:meth:`IOTable.select`; on an interregional table national codes select the
    sector in every region (:func:`iocluster.scenarios.region_refs.select_national`)."""
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


def refs(
    names: Sequence[str],
    table: IOTable,
    clusters: Mapping[str, list[int]],
    where: str | Text,
    clusters_given: bool = True,
) -> IntArray:
    """Positions of sector codes, prefixes, names and cluster names; a non-empty set.
    An unknown name gets the closest cluster, code or sector name (in the table's names
    and labels) as a suggestion, and, when no clusters file was given, a reminder that a
    cluster of such a file needs it."""
    chosen: set[int] = set()
    lower = {k.lower(): k for k in clusters}
    for s in names:
        key = s if s in clusters else lower.get(s.strip().lower())
        if key is not None:
            chosen.update(clusters[key])
            continue
        try:
            chosen.update(select(table, [s]))
        except LabelError:
            target = normalize_label(s).rstrip("*")
            hint = suggest(target, list(clusters)) or sector_hint(
                s, table.codes, table.names, table.labels
            )
            more = "" if clusters_given else Message("scenarios.clusters_hint", key="clusters")
            said = Message("scenarios.unknown_name", name=s, hint=hint, more=more)
            raise ScenarioError(at(where, said)) from None
    if not chosen:
        raise ScenarioError(at(where, Message("scenarios.selects_none")))
    return np.array(sorted(chosen), dtype=np.intp)


class FileContext:
    """What the shocks of one scenario file share, resolved against ``table`` on first
    use: the clusters, the tax schedule (the tax file and the table's own net taxes on
    production; shocks in points may add an instrument at rate 0) and the investment
    bridge (``bridge``: a file path, "" for the table's default)."""

    def __init__(
        self,
        table: IOTable,
        clusters: Mapping[str, list[int]],
        taxes: Sequence[TaxRecord] = (),
        tax_source: str = "",
        bridge: str = "",
        clusters_given: bool = True,
    ) -> None:
        self.table, self.clusters = table, clusters
        #: whether a clusters file was given (else an unknown name may be one of its)
        self.clusters_given = clusters_given
        self._taxes, self._tax_source, self._bridge_path = taxes, tax_source, bridge
        self._schedule: TaxSchedule | None = None
        self._bridges: dict[int | None, pd.DataFrame] = {}

    @property
    def schedule(self) -> TaxSchedule:
        """The tax schedule (built on first use)."""
        if self._schedule is None:

            def pick(name: str, where: str | Text) -> list[int]:
                return refs([name], self.table, self.clusters, where).tolist()

            self._schedule = tax_schedule(self.table, self._taxes, pick, self._tax_source)
        return self._schedule

    @schedule.setter
    def schedule(self, value: TaxSchedule) -> None:
        self._schedule = value

    @property
    def has_schedule(self) -> bool:
        """Whether the tax schedule has been built (a tax shock or a tax file)."""
        return self._schedule is not None

    def bridge(self, category: int | None = None) -> pd.DataFrame:
        """The investment bridge, product × asset, of GFCF column ``category`` (read once
        per file and column)."""
        if category not in self._bridges:
            try:
                self._bridges[category] = bridge_matrix(self.table, self._bridge_path, category)
            except (InputError, ScenarioError) as exc:
                raise ScenarioError(at("'bridge'", what_of(exc))) from None
        return self._bridges[category]


@dataclass(frozen=True, eq=False)
class Resolver:
    """The :class:`FileContext` seen from shock ``index`` (of ``kind``) of scenario
    ``scenario``: every message names that place."""

    file: FileContext
    scenario: str
    index: int
    kind: str
    #: the shock's ``region`` ("" for every region)
    region: str = ""

    @property
    def table(self) -> IOTable:
        """The table names are resolved against."""
        return self.file.table

    def where(self, fld: str = "") -> Message:
        """``"scenario 'x', shock 2 (coefficients), field 'rows'"``, in every language."""
        return shock_where(self.scenario, self.index, self.kind, fld)

    def error(self, fld: str, message: Text | str) -> ScenarioError:
        """A :class:`ScenarioError` located at field ``fld``."""
        return ScenarioError(at(self.where(fld), message))

    def sectors(self, fld: str, names: Sequence[str]) -> IntArray:
        """Positions of the sectors field ``fld`` names (at least one), within the shock's
        region when it has one."""
        idx = refs(names, self.table, self.file.clusters, self.where(fld), self.file.clusters_given)
        if not self.region:
            return idx
        return restrict_to_region(self.table, {fld: idx}, self.region, self.where("region"))[fld]

    def categories(self, fld: str, names: Sequence[str]) -> tuple[int, ...]:
        """Positions of final-demand categories given by role or name (at least one)."""
        try:
            cats = tuple(self.table.fd_index(list(names)))
        except LabelError as exc:
            raise self.error(fld, exc.message) from None
        if not cats:
            raise self.error(fld, Message("scenarios.no_demand", names=list(names)))
        return cats

    def check(
        self, p: Param, fld: str, lo: float | None, hi: float | None, what: Message | str
    ) -> None:
        """Every value ``p`` can take lies in ``[lo, hi]`` (``what`` says so in words)."""
        a, b = p.bounds()
        if (lo is not None and a < lo) or (hi is not None and b > hi):
            raise self.error(fld, Message("scenarios.outside", value=p.said(), range=what))

    def require(self, ok: bool, fld: str, message: Text | str | Callable[[], Text | str]) -> None:
        """Raise ``message`` at field ``fld`` unless ``ok``."""
        if not ok:
            raise self.error(fld, message() if callable(message) else message)
