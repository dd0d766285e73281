"""The results of scenarios (:class:`ImpactResults`) and the measures they are made of:
coefficient rows times output for value added, compensation, every satellite row and
imports (:func:`measure_rows`, :func:`sector_values`), and the batched scenario solve
(:func:`scenario_outputs`). The impacts themselves are computed by
:func:`iocluster.scenarios.impacts.compute_impacts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.errors import NotProductiveError, ScenarioError
from iocluster.model.provenance import RunInfo
from iocluster.scenarios.apply import AppliedDraws, AppliedScenario, Base
from iocluster.scenarios.problems import at
from iocluster.scenarios.spec import ScenarioFile

__all__ = ["ImpactResults", "measure_rows", "scenario_outputs", "sector_values"]


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
                     "spillovers"):  # fmt: skip
            frame = getattr(self, name)
            if frame is not None:
                out[name] = frame
        return out


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


def sector_values(
    base: Base, a: AppliedScenario | AppliedDraws | None, x: FloatArray
) -> dict[str, FloatArray]:
    """Every measure by sector at output ``x`` in the baseline (``a`` None) or a scenario,
    for one draw (``x``: n) or a batch (``a`` an :class:`AppliedDraws`, ``x``: D × n):
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


def _imports_by_product(
    base: Base, a: AppliedScenario | AppliedDraws | None, x: FloatArray
) -> FloatArray:
    """Imports by product ``Aᵐ x + yᵐ1`` (table with an import-use matrix)."""
    Am = base.Am
    assert Am is not None
    out = x @ Am.T
    ym = base.ym if a is None else a.ym
    if a is not None:
        for j, col in a.am_cols.items():
            out = out + (col - Am[:, j]) * x[..., j : j + 1]
    return np.asarray(out + ym.sum(axis=-1))


def _unit_of(base: Base, measure: str) -> str:
    t = base.table
    if measure in t.satellite_names:
        return t.satellite_units[t.satellite_names.index(measure)] or "persons"
    return t.meta.unit


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
    n = base.table.n
    rhs = []
    for a in applied:
        cols = [a.y.sum(axis=1), np.ones(n)]
        blk = np.column_stack(cols)
        rhs.append(blk if extra_rhs is None else np.hstack([blk, extra_rhs]))
    names = [a.name for a in applied]
    try:
        sols = solve_updated(base.table.leontief, [_low_rank(a) for a in applied], rhs, names)
    except NotProductiveError as exc:
        name = names[exc.update] if exc.update is not None else None
        said = Message("scenarios.unproductive", reason=exc.message)
        raise ScenarioError(said, scenario=name) from exc
    for a, s in zip(applied, sols, strict=True):
        if not np.all(s[:, 1] > 0):
            said = Message("scenarios.unproductive_coefficients")
            raise ScenarioError(at(f"scenario '{a.name}'", said), scenario=a.name)
    return sols
