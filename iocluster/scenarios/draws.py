"""Drawing and solving the batches of a Monte Carlo run (used by
:mod:`iocluster.scenarios.montecarlo` in one or several processes and by
:mod:`iocluster.scenarios.montecarlo_dask` on a Dask cluster).

Draws come in batches of :data:`BATCH`, each seeded by ``(seed, scenario, batch)``
(:func:`batch_rng`); a unit of work (:data:`Job`) is a few consecutive batches of one
scenario, applied and solved in one call (:func:`run_group`), the same units for any
number of processes or workers, so the numbers are the same bit for bit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np

from iocluster.core import threads
from iocluster.core.engine import FloatArray
from iocluster.scenarios.apply import Base, apply_draws
from iocluster.scenarios.baseline import Baseline
from iocluster.scenarios.batch import solve_draws
from iocluster.scenarios.results import scenario_outputs, sector_values
from iocluster.scenarios.validate import ResolvedScenario

__all__ = [
    "BATCH",
    "Batch",
    "Job",
    "batch_rng",
    "blas_threads",
    "draw_arrays",
    "draw_measures",
    "draw_values",
    "group_batches",
    "jobs_of",
    "run_group",
]

BATCH = 250
#: values (draws × sectors) of the arrays of one call applying and solving draws
GROUP_VALUES = 50_000


def draw_arrays(
    rs: ResolvedScenario, draws: int, rng: np.random.Generator
) -> list[dict[str, FloatArray]]:
    """Parameter values of ``draws`` draws by shock (then response) and field:
    ``out[k][field][d]`` (:meth:`ResolvedScenario.param_sets`)."""
    return [{k: p.sample(rng, draws) for k, p in ps.items()} for ps in rs.param_sets()]


def draw_values(
    rs: ResolvedScenario, draws: int, rng: np.random.Generator
) -> list[list[dict[str, float]]]:
    """Parameter values for each draw: ``out[d][shock][field]``."""
    per_shock = draw_arrays(rs, draws, rng)
    return [[{k: float(v[d]) for k, v in sh.items()} for sh in per_shock] for d in range(draws)]


@dataclass(frozen=True)
class Batch:
    """One batch of draws of one scenario: its totals and sector changes by measure, and
    each draw's reservoir key (uniform on [0, 1), drawn after the parameters)."""

    totals: dict[str, np.ndarray]
    sectors: dict[str, np.ndarray]
    keys: np.ndarray


def batch_rng(seed: int, scenario: int, batch: int) -> np.random.Generator:
    """The generator of one batch: seeded by ``(seed, scenario, batch)`` alone, so the
    draws are the same however many processes share the batches."""
    return np.random.default_rng([seed, scenario, batch])


def draw_measures(
    base: Base, rs: ResolvedScenario, values: list[dict[str, FloatArray]], size: int
) -> dict[str, tuple[FloatArray, FloatArray]]:
    """Apply and solve ``size`` draws of ``rs`` at once; for every measure of
    :func:`~iocluster.scenarios.results.sector_values`, its values by sector (D × n) and
    the imported final use added to its total (D; non-zero for ``imports`` only when the
    table records imports by using sector). The batch is solved at once
    (:func:`~iocluster.scenarios.batch.solve_draws`), or draw by draw where a draw's
    system is singular or unproductive (which then raises the point run's message)."""
    a = apply_draws(base, rs, values, size)
    X = solve_draws(base, a)
    if X is None:
        sols = scenario_outputs(base, [a.draw(d) for d in range(size)])
        X = np.vstack([s[:, 0] for s in sols])
    zero = np.zeros(size)
    fd = zero if base.Am is not None else a.ym.sum(axis=(1, 2)) - float(base.ym.sum())
    return {
        k: (np.broadcast_to(v, (size, base.table.n)), fd if k == "imports" else zero)
        for k, v in sector_values(base, a, X).items()
    }


#: One unit of work: (scenario index, first batch, number of batches, draws, seed, keep
#: sectors).
Job = tuple[int, int, int, int, int, bool]


def group_batches(n: int) -> int:
    """Batches applied and solved together in one call (:func:`run_group`): as many as
    keep a call's arrays within :data:`GROUP_VALUES` values (draws × sectors), 1 to 8.
    It depends on the table alone, so the numbers are the same for any ``jobs``."""
    return max(1, min(8, GROUP_VALUES // (BATCH * max(n, 1))))


def jobs_of(random: Sequence[int], draws: int, seed: int, keep: bool, group: int) -> Iterator[Job]:
    """The units of work of a run, in order: ``group`` batches of one scenario each."""
    n_batches = -(-draws // BATCH)
    for si in random:
        for first in range(0, n_batches, group):
            yield si, first, min(group, n_batches - first), draws, seed, keep


def run_group(
    base: Base, resolved: Sequence[ResolvedScenario], job: Job
) -> list[tuple[int, Batch]]:
    """Draw the parameter sets of a few consecutive batches (each from its own
    :func:`batch_rng`), apply and solve them all at once (:func:`draw_measures`) and
    return each batch's changes against the baseline measures (those of the table's
    :class:`~iocluster.scenarios.baseline.Baseline`, made once per table)."""
    lv = Baseline.of(base.table).levels
    vals0 = dict(zip(lv.names, lv.V0, strict=True))
    si, first, count, draws, seed, keep_sectors = job
    rs = resolved[si]
    sizes, values, keys = [], [], []
    for bi in range(first, first + count):
        size = min(BATCH, draws - bi * BATCH)
        rng = batch_rng(seed, si, bi)
        values.append(draw_arrays(rs, size, rng))
        keys.append(rng.random(size))
        sizes.append(size)
    total = sum(sizes)
    vals = [
        {k: np.concatenate([v[i][k] for v in values]) for k in sh} for i, sh in enumerate(values[0])
    ]
    meas = draw_measures(base, rs, vals, total)
    out = []
    start = 0
    for size, key in zip(sizes, keys, strict=True):
        part = slice(start, start + size)
        start += size
        totals, sectors = {}, {}
        for k, v0 in vals0.items():
            v1, extra = meas[k]
            ch = v1[part] - v0
            totals[k] = ch.sum(axis=1) + extra[part]
            if keep_sectors:
                sectors[k] = ch
        out.append((si, Batch(totals, sectors, key)))
    return out


def blas_threads(n: int, jobs: int) -> AbstractContextManager[object]:
    """The BLAS threads of a Monte Carlo run: the one policy of
    :func:`iocluster.core.threads.blas_threads` for a batch of :data:`BATCH` draws (one
    thread for tables of up to 1000 sectors, whose batches are too small to share, and
    whenever ``jobs`` processes share the cores; forked workers inherit the limit)."""
    return threads.blas_threads(n, BATCH, jobs=jobs)
