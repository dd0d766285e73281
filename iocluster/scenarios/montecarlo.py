"""Seeded Monte Carlo over scenario parameters given as ranges or distributions.

Each draw samples every random parameter of a scenario (fixed values stay), applies
the shocks and solves with the base factorisation; draws are solved in batches (one
base solve per batch, :mod:`.woodbury`). Totals of every measure are summarised by
their mean and the 5th, 50th and 95th percentiles of the change. The same seed gives
the same draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from iocluster.scenarios.apply import Base, apply_scenario
from iocluster.scenarios.results import measure_rows, scenario_outputs
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["draw_values", "monte_carlo"]

BATCH = 250


def draw_values(
    rs: ResolvedScenario, draws: int, rng: np.random.Generator
) -> list[list[dict[str, float]]]:
    """Parameter values for each draw: ``out[d][shock][field]``."""
    per_shock = [{k: p.sample(rng, draws) for k, p in s.shock.params().items()} for s in rs.shocks]
    return [[{k: float(v[d]) for k, v in sh.items()} for sh in per_shock] for d in range(draws)]


def monte_carlo(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    draws: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Percentiles of the total change of every measure over ``draws`` draws.

    Only scenarios with a random parameter are drawn. ``progress(k)`` is called after
    each batch with the number of draws done.

    Returns
    -------
    DataFrame
        Index (scenario, measure); columns ``mean``, ``p5``, ``p50``, ``p95`` of the
        change from the baseline and ``draws`` (the change at the point estimate is in
        the totals frame).
    """
    rng = np.random.default_rng(seed)
    y0 = base.y.sum(axis=1)
    x0 = base.table.leontief.solve(y0)
    rows0 = measure_rows(base, base.va, base.m, base.f)
    tot0 = {k: float(v @ x0) for k, v in rows0.items()}
    tot0["imports"] += float(base.ym.sum())
    idx, out = [], []
    for rs in resolved:
        if not rs.scenario.is_random:
            continue
        vals = draw_values(rs, draws, rng)
        changes: dict[str, list[float]] = {k: [] for k in rows0}
        for start in range(0, draws, BATCH):
            batch = [apply_scenario(base, rs, v) for v in vals[start : start + BATCH]]
            sols = scenario_outputs(base, batch)
            for a, s in zip(batch, sols, strict=True):
                x1 = s[:, 0]
                for k, c in measure_rows(base, a.va, a.m, a.f).items():
                    tot = float(c @ x1) + (float(a.ym.sum()) if k == "imports" else 0.0)
                    changes[k].append(tot - tot0[k])
            if progress is not None:
                progress(len(batch))
        for k, ch in changes.items():
            arr = np.asarray(ch)
            idx.append((rs.name, k))
            p5, p50, p95 = np.percentile(arr, [5, 50, 95])
            out.append([float(arr.mean()), float(p5), float(p50), float(p95), arr.size])
    df = pd.DataFrame(
        out,
        index=pd.MultiIndex.from_tuples(idx, names=["scenario_name", "measure"]),
        columns=["mean", "p5", "p50", "p95", "draws"],
    )
    df.attrs["unit"] = base.table.meta.unit + " (change from baseline)"
    return df
