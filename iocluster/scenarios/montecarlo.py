"""Seeded Monte Carlo over scenario parameters given as ranges or distributions.

Each draw samples every random parameter of a scenario (fixed values stay), applies
the shocks and solves with the base factorisation; draws are solved in batches (one
base solve per batch, :mod:`iocluster.core.woodbury`). The change of every measure, in total and by
sector, is summarised by its mean and the 5th, 50th and 95th percentiles over the
draws (percentiles of each sector's own distribution: the sector P5s do not add up to
the total's P5). The same seed gives the same draws.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.scenarios.apply import Base, apply_scenario
from iocluster.scenarios.results import scenario_outputs, sector_values
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["MonteCarlo", "batch_rng", "draw_values", "monte_carlo"]

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


@dataclass(frozen=True)
class _Batch:
    """One batch of draws of one scenario: its totals and sector changes by measure."""

    totals: dict[str, np.ndarray]
    sectors: dict[str, np.ndarray]


def batch_rng(seed: int, scenario: int, batch: int) -> np.random.Generator:
    """The generator of one batch: seeded by ``(seed, scenario, batch)`` alone, so the
    draws are the same however many processes share the batches."""
    return np.random.default_rng([seed, scenario, batch])


def _run_batch(
    base: Base,
    vals0: dict[str, FloatArray],
    rs: ResolvedScenario,
    size: int,
    rng: np.random.Generator,
    keep_sectors: bool,
) -> _Batch:
    """Draw ``size`` parameter sets, apply them and solve them in one batched solve;
    changes are against the baseline measures ``vals0`` (computed once per run)."""
    by_product = base.Am is not None
    fd_imports0 = 0.0 if by_product else float(base.ym.sum())
    batch = [apply_scenario(base, rs, v) for v in draw_values(rs, size, rng)]
    sols = scenario_outputs(base, batch)
    totals = {k: np.empty(size) for k in vals0}
    sectors = {k: np.empty((size, base.table.n)) for k in vals0} if keep_sectors else {}
    for d, (a, sol) in enumerate(zip(batch, sols, strict=True)):
        for k, v1 in sector_values(base, a, sol[:, 0]).items():
            ch = v1 - vals0[k]
            totals[k][d] = ch.sum()
            if k == "imports" and not by_product:
                totals[k][d] += float(a.ym.sum()) - fd_imports0
            if keep_sectors:
                sectors[k][d] = ch
    return _Batch(totals, sectors)


#: The scenario base a forked worker process inherits (set just before the pool starts).
_WORKER: dict[str, Any] = {}


def _worker_batch(args: tuple[int, int, int, int, bool]) -> _Batch:
    si, bi, size, seed, keep = args
    base, vals0, resolved = _WORKER["base"], _WORKER["vals0"], _WORKER["resolved"]
    return _run_batch(base, vals0, resolved[si], size, batch_rng(seed, si, bi), keep)


def _batches(
    base: Base,
    vals0: dict[str, FloatArray],
    resolved: Sequence[ResolvedScenario],
    jobs_list: list[tuple[int, int, int, int, bool]],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[_Batch]:
    """Every batch, in order: in this process, or in ``jobs`` forked processes that each
    inherit the factorised base (Linux; elsewhere in this process)."""
    if jobs > 1 and len(jobs_list) > 1 and "fork" in mp.get_all_start_methods():
        _WORKER.update(base=base, vals0=vals0, resolved=list(resolved))
        try:
            ctx = mp.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                out = []
                for b, args in zip(pool.map(_worker_batch, jobs_list), jobs_list, strict=True):
                    out.append(b)
                    if progress is not None:
                        progress(args[2])
                return out
        finally:
            _WORKER.clear()
    out = []
    for si, bi, size, seed, keep in jobs_list:
        out.append(_run_batch(base, vals0, resolved[si], size, batch_rng(seed, si, bi), keep))
        if progress is not None:
            progress(size)
    return out


def monte_carlo(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    draws: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    *,
    jobs: int = 1,
) -> MonteCarlo:
    """Percentiles of the change of every measure, in total and by sector, over ``draws``
    draws.

    Only scenarios with a random parameter are drawn. Draws come in batches of
    :data:`BATCH`, each seeded by ``(seed, scenario, batch)`` (:func:`batch_rng`) and
    solved in one batched solve; with ``jobs > 1`` the batches are shared by that many
    processes and the results are the same, bit for bit. ``progress(k)`` is called after
    each batch with the number of draws done. Measures by sector are those of the point
    estimates (:func:`~iocluster.scenarios.results.sector_values`); the imports total
    also counts imported final use.
    """
    t = base.table
    vals0 = sector_values(base, None, t.leontief.solve(base.y.sum(axis=1)))
    keep = draws * t.n * len(vals0) <= MAX_SECTOR_VALUES
    random = [(si, rs) for si, rs in enumerate(resolved) if rs.scenario.is_random]
    jobs_list = [
        (si, bi, min(BATCH, draws - start), seed, keep)
        for si, _ in random
        for bi, start in enumerate(range(0, draws, BATCH))
    ]
    batches = iter(_batches(base, vals0, resolved, jobs_list, jobs, progress))
    n_batches = len(range(0, draws, BATCH))
    idx, out, sec_frames = [], [], []
    for _si, rs in random:
        parts = [next(batches) for _ in range(n_batches)]
        for k in vals0:
            arr = np.concatenate([b.totals[k] for b in parts])
            idx.append((rs.name, k))
            out.append([*_summary(arr[:, None])[:, 0], arr.size])
            if keep:
                frame = pd.DataFrame(
                    _summary(np.vstack([b.sectors[k] for b in parts])).T,
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
    if keep and sec_frames:
        by_sector = pd.concat(sec_frames)[["scenario_name", "measure", "mean", "p5", "p50", "p95"]]
        by_sector.attrs["unit"] = unit
    return MonteCarlo(totals_df, by_sector)
