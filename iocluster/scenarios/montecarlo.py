"""Seeded Monte Carlo over scenario parameters given as ranges or distributions.

Each draw samples every random parameter of a scenario (fixed values stay), applies
the shocks and solves with the base factorisation. Draws stream in batches of
:data:`BATCH`: a batch is applied and solved at once (:mod:`iocluster.scenarios.batch`,
stacked Woodbury blocks, one base solve), folded into the summaries and dropped, so
memory does not grow with the number of draws. The change of every measure, in total
and by sector, is summarised by its mean (exact running sums) and the 5th, 50th and
95th percentiles (of a bounded reservoir of draws: exact up to :data:`RESERVOIR` draws,
beyond it those of a uniform sample of that many draws, chosen by seeded keys). The
percentiles are of each sector's own distribution: the sector P5s do not add up to the
total's P5. The same seed gives the same results for any number of processes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.budget import usable_cores
from iocluster.core.messages import Message
from iocluster.scenarios.apply import Base
from iocluster.scenarios.baseline import Baseline
from iocluster.scenarios.draws import (
    BATCH,
    Batch,
    batch_rng,
    blas_threads,
    draw_arrays,
    draw_values,
    group_batches,
    jobs_of,
    run_group,
)
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.units import run_units
from iocluster.scenarios.validate import ResolvedScenario

__all__ = [
    "BATCH",
    "MonteCarlo",
    "batch_rng",
    "describe",
    "draw_arrays",
    "draw_values",
    "group_batches",
    "monte_carlo",
    "sector_reservoir",
]

#: draws kept for the percentiles of the totals (a bounded reservoir; every draw when
#: there are no more)
RESERVOIR = 100_000
#: values (draws × sectors × measures) kept for the by-sector percentiles
MAX_SECTOR_VALUES = 25_000_000
#: fewer draws than this kept by sector (a very large table) and the by-sector summary is
#: skipped; totals are always summarised
MIN_SECTOR_DRAWS = 1_000
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


def _percentiles(rows: np.ndarray) -> np.ndarray:
    """:data:`QUANTILES` of each row (len(QUANTILES) × rows), as ``np.percentile``'s
    default (linear) method, from one sort: ``v = a_⌊h⌋ + (h − ⌊h⌋)(a_⌈h⌉ − a_⌊h⌋)``,
    ``h = q/100 (N − 1)`` (Hyndman & Fan 1996, definition 7)."""
    a = np.sort(rows, axis=1)
    N = a.shape[1]
    out = np.empty((len(QUANTILES), a.shape[0]))
    for i, q in enumerate(QUANTILES):
        h = q / 100 * (N - 1)
        lo = int(np.floor(h))
        hi = min(lo + 1, N - 1)
        t = h - lo
        lo_v, hi_v = a[:, lo], a[:, hi]
        diff = hi_v - lo_v
        out[i] = lo_v + diff * t if t < 0.5 else hi_v - diff * (1 - t)
    return out


class _Reservoir:
    """The draws with the ``size`` smallest keys seen so far (bottom-k sampling), in
    preallocated arrays: slots not yet filled hold the key ``inf``. Each batch moves at
    most as many rows as it brings draws under the largest key held."""

    def __init__(self, size: int, shapes: dict[str, tuple[int, ...]]) -> None:
        self.keys = np.full(size, np.inf)
        self.data = {k: np.zeros((size, *shape)) for k, shape in shapes.items()}
        self.filled = 0  # slots [0, filled) hold draws until the reservoir is full

    @property
    def stored(self) -> int:
        """Draws held (slots filled)."""
        return int(np.isfinite(self.keys).sum())

    def add(self, keys: np.ndarray, data: dict[str, np.ndarray]) -> None:
        size, f, m = self.keys.size, self.filled, keys.size
        if not size:
            return
        if f + m <= size:  # room for every newcomer: the set is the same, copied in order
            self.keys[f : f + m] = keys
            for k, arr in self.data.items():
                arr[f : f + m] = data[k]
            self.filled = f + m
            return
        self.filled = size
        new = np.flatnonzero(keys < self.keys.max())
        m = new.size
        if not m:
            return
        # the final set: the held draws but the m largest, and the m smallest of those
        # m and the newcomers (none of the rest can be pushed out by m newcomers)
        slots = (
            np.arange(size)
            if m >= size
            else np.sort(np.argpartition(self.keys, size - m)[size - m :])
        )
        pool = np.concatenate([self.keys[slots], keys[new]])
        pick = np.argsort(pool, kind="stable")[: slots.size]
        self.keys[slots] = pool[pick]
        for k, arr in self.data.items():
            arr[slots] = np.concatenate([arr[slots], data[k][new]])[pick]

    def values(self, k: str) -> np.ndarray:
        """The draws held of ``k``."""
        return self.data[k][np.isfinite(self.keys)]


class _Summary:
    """Streaming summary of one scenario's draws: exact running sums for the means and a
    bounded reservoir for the percentiles.

    The reservoir keeps the draws with the ``size`` smallest keys (bottom-k sampling; a
    key is uniform on [0, 1) and drawn with the draw's parameters), a uniform sample
    without replacement of every draw so far; the by-sector reservoir keeps the
    ``sector_size`` smallest of the same keys. Which draws are kept depends on the keys
    alone, so it is the same for any number of processes; with no more draws than
    ``size`` every draw is kept and the percentiles are exact.
    """

    def __init__(self, measures: Sequence[str], n: int, size: int, sector_size: int) -> None:
        self.count = 0
        self.sum_tot = dict.fromkeys(measures, 0.0)
        self.sum_sec = {k: np.zeros(n) for k in measures} if sector_size else {}
        self.tot = _Reservoir(size, dict.fromkeys(measures, ()))
        self.sec = _Reservoir(sector_size, dict.fromkeys(measures, (n,)))

    def add(self, b: Batch) -> None:
        """Fold one batch in (batches are folded in the same order for any ``jobs``)."""
        self.count += b.keys.size
        for k, v in b.totals.items():
            self.sum_tot[k] += float(v.sum())
        self.tot.add(b.keys, b.totals)
        if self.sum_sec:
            for k, v in b.sectors.items():
                self.sum_sec[k] += v.sum(axis=0)
            self.sec.add(b.keys, b.sectors)

    def total(self, k: str) -> list[float]:
        """Mean, P5, P50, P95 of the total change of measure ``k``."""
        return [self.sum_tot[k] / self.count, *_percentiles(self.tot.values(k)[None, :])[:, 0]]

    def sectors(self, k: str) -> np.ndarray:
        """Mean, P5, P50, P95 (4 × n) of the change of ``k`` by sector."""
        q = _percentiles(np.ascontiguousarray(self.sec.values(k).T))
        return np.vstack([self.sum_sec[k] / self.count, q])


def describe(draws: int, n: int, measures: int) -> Message:
    """The summary method, for the report's assumptions."""
    sec = sector_reservoir(draws, n, measures)
    by_sector = (
        Message("scenarios.mc_no_sector")
        if not sec
        else Message("scenarios.mc_by_sector", sec=sec, sample=_sample(sec >= draws))
    )
    total = min(draws, RESERVOIR)
    return Message(
        "scenarios.mc", draws=draws, batch=BATCH, total=total,
        sample=_sample(total >= draws), by_sector=by_sector,
    )  # fmt: skip


def _sample(every: bool) -> Message:
    """Which draws a summary keeps: "(all)" or "(a seeded uniform sample)"."""
    return Message("scenarios.mc_all") if every else Message("scenarios.mc_sample")


def sector_reservoir(draws: int, n: int, measures: int) -> int:
    """Draws kept by sector: at most :data:`MAX_SECTOR_VALUES` values (draws × sectors ×
    measures); 0 (no by-sector summary) when that is fewer than ``min(draws,``
    :data:`MIN_SECTOR_DRAWS` ``)``."""
    size = min(draws, MAX_SECTOR_VALUES // max(n * measures, 1))
    return size if size >= min(draws, MIN_SECTOR_DRAWS) else 0


def monte_carlo(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    draws: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    *,
    jobs: int = 1,
    scheduler: Any = None,
) -> MonteCarlo:
    """Percentiles of the change of every measure, in total and by sector, over ``draws``
    draws, streamed in batches with bounded memory.

    Only scenarios with a random parameter are drawn. Draws come in batches of
    :data:`BATCH`, each seeded by ``(seed, scenario, batch)`` (:func:`batch_rng`) and
    applied and solved at once (:mod:`iocluster.scenarios.batch`); with ``jobs > 1`` the
    batches are shared by that many processes and the results are the same, bit for bit.
    Means are exact (running sums, folded in batch order); P5, P50 and P95 are those of
    a bounded reservoir (:class:`_Summary`: :data:`RESERVOIR` draws for totals, up to
    :data:`MAX_SECTOR_VALUES` values by sector), exact when every draw fits. Memory is
    bounded by the reservoirs and ``2 × jobs`` batches, whatever ``draws`` is. With
    ``scheduler`` (a Dask scheduler address, or a ``distributed.Client``) the batches run
    on that cluster instead (:mod:`iocluster.scenarios.montecarlo_dask`), with the same
    results bit for bit.
    ``progress(k)`` is called after each batch with the number of draws done. Measures
    by sector are those of the point estimates
    (:func:`~iocluster.scenarios.results.sector_values`); the imports total also counts
    imported final use.
    """
    t = base.table
    lv = Baseline.of(t).levels
    measures = list(lv.names)
    sec_size = sector_reservoir(draws, t.n, len(measures))
    keep = sec_size > 0
    random = [(si, rs) for si, rs in enumerate(resolved) if rs.scenario.is_random]
    jobs_list = jobs_of([si for si, _ in random], draws, seed, keep, group_batches(t.n))
    summaries = {si: _Summary(measures, t.n, min(RESERVOIR, draws), sec_size) for si, _ in random}
    source = run_units(base, resolved, jobs_list, run_group, jobs=jobs, scheduler=scheduler)
    with blas_threads(t.n, min(jobs, usable_cores())):
        for si, b in source:
            summaries[si].add(b)
            if progress is not None:
                progress(b.keys.size)
    idx, out, sec_frames = [], [], []
    for si, rs in random:
        sm = summaries[si]
        for k, scale in zip(measures, lv.scale, strict=True):
            idx.append((rs.name, k))
            out.append([*zero_noise(np.array(sm.total(k)), scale), sm.count])
            if keep:
                frame = pd.DataFrame(
                    zero_noise(sm.sectors(k).T, scale),
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
