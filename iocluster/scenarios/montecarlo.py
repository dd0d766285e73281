"""Seeded Monte Carlo over scenario parameters given as ranges or distributions.

Each draw samples every random parameter of a scenario (fixed values stay), applies
the shocks and solves with the base factorisation; draws are solved in batches (one
base solve per batch, :mod:`iocluster.core.woodbury`). The change of every measure, in total and by
sector, is summarised by its mean and the 5th, 50th and 95th percentiles over the
draws (percentiles of each sector's own distribution: the sector P5s do not add up to
the total's P5). The same seed gives the same draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.scenarios.apply import Base, apply_scenario
from iocluster.scenarios.results import scenario_outputs, sector_values
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["MonteCarlo", "draw_values", "monte_carlo"]

BATCH = 250
#: above this many stored values (draws × sectors × measures) the by-sector summary is
#: skipped (it would hold them all in memory); totals are always summarised
MAX_SECTOR_VALUES = 25_000_000
QUANTILES = (5, 50, 95)


@dataclass(frozen=True)
class MonteCarlo:
    """Monte Carlo summaries of the change from the baseline: ``totals`` indexed
    (scenario, measure) with columns ``mean``, ``p5``, ``p50``, ``p95``, ``draws``;
    ``by_sector`` (None when too large) indexed by sector code, with columns
    ``scenario_name``, ``measure``, ``mean``, ``p5``, ``p50``, ``p95`` (the layout of
    :attr:`ImpactResults.by_sector <iocluster.scenarios.results.ImpactResults>`)."""

    totals: pd.DataFrame
    by_sector: pd.DataFrame | None


def draw_values(
    rs: ResolvedScenario, draws: int, rng: np.random.Generator
) -> list[list[dict[str, float]]]:
    """Parameter values for each draw: ``out[d][shock][field]``."""
    per_shock = [{k: p.sample(rng, draws) for k, p in s.shock.params().items()} for s in rs.shocks]
    return [[{k: float(v[d]) for k, v in sh.items()} for sh in per_shock] for d in range(draws)]


def _summary(changes: np.ndarray) -> np.ndarray:
    """Mean, P5, P50, P95 over the first axis (draws)."""
    return np.vstack([changes.mean(axis=0), *np.percentile(changes, QUANTILES, axis=0)])


def monte_carlo(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    draws: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> MonteCarlo:
    """Percentiles of the change of every measure, in total and by sector, over ``draws``
    draws.

    Only scenarios with a random parameter are drawn. ``progress(k)`` is called after
    each batch with the number of draws done. Measures by sector are those of the
    point estimates (:func:`~iocluster.scenarios.results.sector_values`); the imports
    total also counts imported final use.
    """
    rng = np.random.default_rng(seed)
    t = base.table
    x0 = t.leontief.solve(base.y.sum(axis=1))
    vals0 = sector_values(base, None, x0)
    by_product = base.Am is not None
    fd_imports0 = 0.0 if by_product else float(base.ym.sum())
    keep_sectors = draws * t.n * len(vals0) <= MAX_SECTOR_VALUES
    idx, out, sec_frames = [], [], []
    for rs in resolved:
        if not rs.scenario.is_random:
            continue
        vals = draw_values(rs, draws, rng)
        totals = {k: np.empty(draws) for k in vals0}
        sectors = {k: np.empty((draws, t.n)) for k in vals0} if keep_sectors else {}
        for start in range(0, draws, BATCH):
            batch = [apply_scenario(base, rs, v) for v in vals[start : start + BATCH]]
            sols = scenario_outputs(base, batch)
            for d, (a, s) in enumerate(zip(batch, sols, strict=True), start):
                for k, v1 in sector_values(base, a, s[:, 0]).items():
                    ch = v1 - vals0[k]
                    totals[k][d] = ch.sum()
                    if k == "imports" and not by_product:
                        totals[k][d] += float(a.ym.sum()) - fd_imports0
                    if keep_sectors:
                        sectors[k][d] = ch
            if progress is not None:
                progress(len(batch))
        for k, arr in totals.items():
            idx.append((rs.name, k))
            out.append([*_summary(arr[:, None])[:, 0], arr.size])
            if keep_sectors:
                frame = pd.DataFrame(
                    _summary(sectors[k]).T,
                    columns=["mean", "p5", "p50", "p95"],
                    index=pd.Index(t.codes, name="code"),
                )
                sec_frames.append(frame.assign(scenario_name=rs.name, measure=k))
    unit = t.meta.unit + " (change from baseline)"
    totals_df = pd.DataFrame(
        out,
        index=pd.MultiIndex.from_tuples(idx, names=["scenario_name", "measure"]),
        columns=["mean", "p5", "p50", "p95", "draws"],
    )
    totals_df["draws"] = totals_df["draws"].astype(int)
    totals_df.attrs["unit"] = unit
    by_sector = None
    if keep_sectors and sec_frames:
        by_sector = pd.concat(sec_frames)[["scenario_name", "measure", "mean", "p5", "p50", "p95"]]
        by_sector.attrs["unit"] = unit
    return MonteCarlo(totals_df, by_sector)
