"""The results of scenarios (:class:`ImpactResults`) and the measures they are made of:
coefficient rows times output for value added, compensation, every satellite row and
imports (:func:`measure_rows`, :func:`sector_values`), and the batched scenario solve
(:func:`scenario_outputs`). The impacts themselves are computed by
:func:`iocluster.scenarios.impacts.compute_impacts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.errors import NotProductiveError, ScenarioError
from iocluster.model.provenance import RunInfo
from iocluster.scenarios.apply import AppliedScenario, Base
from iocluster.scenarios.params import shock_where
from iocluster.scenarios.problems import at
from iocluster.scenarios.spec import ScenarioFile

__all__ = [
    "ImpactResults",
    "Measured",
    "Stacked",
    "coefficient_rows",
    "measure_matrix",
    "measure_rows",
    "run_outputs",
    "scenario_outputs",
    "sector_values",
    "stacked",
]


@dataclass(frozen=True, eq=False)
class ImpactResults:
    """Labelled result frames of a scenario run (see :func:`compute_impacts`), with what
    produced them: ``info`` (closure, import rule, unit, illustrative inputs, seed and
    draws, checksums; :class:`~iocluster.model.provenance.RunInfo`) and the scenario file
    as parsed."""

    totals: pd.DataFrame
    by_sector: pd.DataFrame
    clusters: pd.DataFrame
    effects: pd.DataFrame
    multipliers: pd.DataFrame
    services_content: pd.DataFrame
    decomposition: pd.DataFrame
    prices: pd.DataFrame
    info: RunInfo
    assumptions: tuple[Message | str, ...] = ()
    montecarlo: pd.DataFrame | None = None
    montecarlo_by_sector: pd.DataFrame | None = None
    by_shock: pd.DataFrame | None = None
    capacity: pd.DataFrame | None = None
    taxes: pd.DataFrame | None = None
    fiscal: pd.DataFrame | None = None
    investment: pd.DataFrame | None = None
    #: an interregional table's effects by region (:mod:`iocluster.scenarios.regions`)
    regions: pd.DataFrame | None = None
    by_region: pd.DataFrame | None = None
    spillovers: pd.DataFrame | None = None
    scenario_file: ScenarioFile | None = None
    #: the parameter sweeps' sensitivity table (:mod:`iocluster.scenarios.sweep_run`)
    sweep: pd.DataFrame | None = None

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame by name (what ``--format json`` writes)."""
        out = {
            "totals": self.totals,
            "by_sector": self.by_sector,
            "clusters": self.clusters,
            "effects": self.effects,
            "multipliers": self.multipliers,
            "services_content": self.services_content,
            "decomposition": self.decomposition,
            "prices": self.prices,
        }
        if self.by_shock is not None:
            out["by_shock"] = self.by_shock
        if self.montecarlo is not None:
            out["montecarlo"] = self.montecarlo
        if self.montecarlo_by_sector is not None:
            out["montecarlo_by_sector"] = self.montecarlo_by_sector
        for name in ("capacity", "taxes", "fiscal", "investment", "regions", "by_region",
                     "spillovers", "sweep"):  # fmt: skip
            frame = getattr(self, name)
            if frame is not None:
                out[name] = frame
        return out


class Measured(Protocol):
    """What the measures read of an applied scenario: one (:class:`AppliedScenario`), a
    batch of draws (:class:`AppliedDraws`) or several scenarios stacked (:class:`Stacked`)."""

    @property
    def va(self) -> FloatArray: ...
    @property
    def m(self) -> FloatArray: ...
    @property
    def f(self) -> FloatArray: ...
    @property
    def y(self) -> FloatArray: ...
    @property
    def ym(self) -> FloatArray: ...
    @property
    def am_cols(self) -> Mapping[int, FloatArray]: ...


@dataclass(frozen=True, eq=False)
class Stacked:
    """The arrays the measures read of several applied scenarios, with a leading axis
    over the scenarios (:func:`stacked`)."""

    va: FloatArray
    m: FloatArray
    f: FloatArray
    y: FloatArray
    ym: FloatArray
    am_cols: Mapping[int, FloatArray]


def stacked(base: Base, applied: Sequence[AppliedScenario]) -> Stacked:
    """The measure inputs of ``applied`` stacked (S × …), so that every measure of every
    scenario is one array operation; a changed column of ``Aᵐ`` is the baseline's in the
    scenarios that leave it."""
    cols = dict.fromkeys(j for a in applied for j in a.am_cols)
    am = {
        j: np.stack([a.am_cols[j] if j in a.am_cols else base.am_column(j) for a in applied])
        for j in cols
    }
    n, S = base.table.n, len(applied)

    def stack(name: str, shape: tuple[int, ...]) -> FloatArray:
        if not applied:
            return np.zeros((0, *shape))
        return np.stack([getattr(a, name) for a in applied])

    return Stacked(
        va=stack("va", base.va.shape),
        m=stack("m", (n,)),
        f=stack("f", base.f.shape),
        y=stack("y", base.y.shape),
        ym=stack("ym", base.ym.shape),
        am_cols=am if S else {},
    )


def measure_rows(base: Base, va: FloatArray, m: FloatArray, f: FloatArray) -> dict[str, FloatArray]:
    """Coefficient rows of the measures (``output`` is ones; imports by using sector);
    ``va``, ``m``, ``f`` may carry a leading draw axis (then so does every row)."""
    t = base.table
    rows = {
        "output": np.ones(t.n),
        "value_added": va.sum(axis=-2),
        "compensation": va[..., base.comp_rows, :].sum(axis=-2),
    }
    for k, name in enumerate(t.satellite_names):
        rows[name] = f[..., k, :]
    rows["imports"] = m
    return rows


def sector_values(base: Base, a: Measured | None, x: FloatArray) -> dict[str, FloatArray]:
    """Every measure by sector at output ``x`` in the baseline (``a`` None) or a scenario,
    for one draw (``x``: n) or a batch (``a`` an :class:`AppliedDraws` or
    :class:`Stacked`, ``x``: D × n):
    ``c ∘ x`` for a coefficient row ``c`` of :func:`measure_rows`; imports by product
    (``Aᵐx + yᵐ1``) where the table records imports by product, else by using sector;
    exports by product (final demand of the export categories, exogenous in the open
    model: they change only where a shock changes them)."""
    rows = (
        measure_rows(base, base.va, base.m, base.f)
        if a is None
        else measure_rows(base, a.va, a.m, a.f)
    )
    out = {k: c * x for k, c in rows.items()}
    if base.Am is not None:
        out["imports"] = _imports_by_product(base, a, x)
    y = base.y if a is None else a.y
    out["exports"] = y[..., base.export_cats].sum(axis=-1)
    if base.interregional_cats.any():  # a regional table: net sales to other regions
        out["interregional"] = y[..., base.interregional_cats].sum(axis=-1)
    return out


def measure_matrix(
    base: Base, a: Measured | None, x: FloatArray
) -> tuple[list[str], FloatArray, FloatArray]:
    """The measures' names, their values by sector at output ``x`` in the baseline (``a``
    None, ``x``: n; values M × n) or in scenarios (``a`` stacked, ``x``: S × n; values
    S × M × n), and what their totals add (M, or S × M: imported final use for imports
    when the table records imports by using sector)."""
    vals = sector_values(base, a, x)
    names = list(vals)
    lead = x.shape[:-1]
    extra = np.zeros((*lead, len(names)))
    if base.Am is None:
        ym = base.ym if a is None else a.ym
        extra[..., names.index("imports")] = ym.sum(axis=(-2, -1))
    V = np.stack([np.broadcast_to(v, x.shape) for v in vals.values()], axis=-2)
    return names, V, extra


def coefficient_rows(base: Base, a: Measured | None) -> FloatArray:
    """The coefficient rows of the measures that have one (Mr × n, or S × Mr × n for
    stacked scenarios; :func:`~iocluster.scenarios.results.measure_rows`)."""
    rows = (
        measure_rows(base, base.va, base.m, base.f)
        if a is None
        else measure_rows(base, a.va, a.m, a.f)
    )
    lead = () if a is None else a.m.shape[:-1]
    n = base.table.n
    return np.stack([np.broadcast_to(r, (*lead, n)) for r in rows.values()], axis=-2)


def _imports_by_product(base: Base, a: Measured | None, x: FloatArray) -> FloatArray:
    """Imports by product ``Aᵐ x + yᵐ1`` (table with an import-use matrix)."""
    Am = base.Am
    assert Am is not None
    out = x @ Am.T
    ym = base.ym if a is None else a.ym
    if a is not None:
        for j, col in a.am_cols.items():
            out = out + (col - Am[:, j]) * x[..., j : j + 1]
    return np.asarray(out + ym.sum(axis=-1))


def _low_rank(a: AppliedScenario) -> LowRank | None:
    U, V = a.low_rank()
    return LowRank(U, V) if U.shape[1] else None


def scenario_outputs(
    base: Base, applied: Sequence[AppliedScenario], extra_rhs: FloatArray | None = None
) -> list[FloatArray]:
    """Output ``x₁`` (column 0) and ``L' [1, extra]`` of each scenario, one batched solve.

    Column 1 solves ``(I − A') z = 1``; a non-positive entry means ``A'`` is not
    productive (:func:`iocluster.core.engine.is_productive`), which raises a
    :class:`ScenarioError` naming the scenario and its coefficient shocks.
    """
    sols, _ = run_outputs(base, applied, [extra_rhs] * len(applied))
    return sols


def run_outputs(
    base: Base,
    applied: Sequence[AppliedScenario],
    extras: Sequence[FloatArray | None],
    plain: FloatArray | None = None,
) -> tuple[list[FloatArray], FloatArray | None]:
    """:func:`scenario_outputs` with right-hand sides of each scenario's own
    (``L'ᵢ [yᵢ, 1, extrasᵢ]``) and ``L plain`` against the baseline, all in one batched
    solve of the base factorisation.

    A scenario that leaves ``A`` as it is (``L' = L``: final demand, prices, taxes)
    shares the columns ``L [1, extras]`` with every other such scenario of the same
    ``extras`` object: they are solved once (ten final-demand scenarios of a
    10,000-sector table: 62 columns instead of 260).
    """
    n = base.table.n
    rhs: list[FloatArray] = []
    ups: list[LowRank | None] = []
    names: list[str] = []
    blocks: list[tuple[int, int | None]] = []  # each scenario's block and shared block
    shared: dict[int, int] = {}
    for a, extra in zip(applied, extras, strict=True):
        up = _low_rank(a)
        if up is None and id(extra) not in shared:
            shared[id(extra)] = len(rhs)
            rhs.append(np.ones((n, 1)) if extra is None else np.column_stack([np.ones(n), extra]))
            ups.append(None)
            names.append(a.name)
        blk = np.empty((n, 1 if up is None else 2 + (0 if extra is None else extra.shape[1])))
        a.y.sum(axis=1, out=blk[:, 0])
        if up is not None:
            blk[:, 1] = 1.0
            if extra is not None:
                blk[:, 2:] = extra
        blocks.append((len(rhs), None if up is not None else shared[id(extra)]))
        rhs.append(blk)
        ups.append(up)
        names.append(a.name)
    if plain is not None:
        rhs.append(plain)
        ups.append(None)
    try:
        solved = solve_updated(base.table.leontief, ups, rhs, names)
    except NotProductiveError as exc:
        name = names[exc.update] if exc.update is not None else None
        said = Message("scenarios.unproductive", reason=Message("scenarios.singular_update"))
        raise ScenarioError(at(shock_where(name), said) if name else said, scenario=name) from exc
    sols = [solved[b] if c is None else np.hstack([solved[b], solved[c]]) for b, c in blocks]
    for a, s in zip(applied, sols, strict=False):
        if not (s[:, 1] > 0).all():
            said = Message("scenarios.unproductive_coefficients")
            raise ScenarioError(at(shock_where(a.name), said), scenario=a.name)
    return sols, (solved[-1] if plain is not None else None)
