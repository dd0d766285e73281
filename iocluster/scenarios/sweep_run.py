"""Running the parameter sweeps of a file (:mod:`iocluster.scenarios.sweep`): the
deterministic counterpart of the Monte Carlo, streamed like it.

Each scenario with a sweep is applied and solved at every run: the runs are the draws
of a batch (:func:`~iocluster.scenarios.apply.apply_draws` with the swept parameters
taking the grid's values and every other parameter its point estimate, solved at once
by :func:`~iocluster.scenarios.batch.solve_draws`), a few batches per unit of work
(:func:`sweep_units`), in this process, in forked processes or on a Dask cluster
(:func:`~iocluster.scenarios.units.run_units`). Only each run's totals are kept (runs ×
measures), so memory does not grow with the table beyond one unit's arrays.

Totals are those of :attr:`ImpactResults.totals
<iocluster.scenarios.results.ImpactResults>` without the price level (as the Monte
Carlo's): a run at the point estimate gives the point estimate's totals (to rounding).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.threads import blas_threads
from iocluster.scenarios.apply import Base, point_values
from iocluster.scenarios.baseline import Baseline
from iocluster.scenarios.draws import BATCH, draw_measures, group_batches
from iocluster.scenarios.frames import Labels, labels, multi_index
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.sweep import sweep_grid, sweep_size
from iocluster.scenarios.units import run_units
from iocluster.scenarios.validate import ResolvedScenario

__all__ = [
    "SWEEP_COLUMNS",
    "SweepUnit",
    "run_sweep_unit",
    "run_sweeps",
    "sweep_units",
    "sweep_values",
]

#: One unit of work: (scenario position, first run, number of runs).
SweepUnit = tuple[int, int, int]
#: The columns of the sweep frame.
SWEEP_COLUMNS = ("shock", "field", "value", "field_2", "value_2", "baseline", "scenario",
                 "change", "pct_change")  # fmt: skip


def sweep_values(rs: ResolvedScenario, grid: FloatArray) -> list[dict[str, FloatArray]]:
    """The parameter values of the runs ``grid`` (runs × swept fields) by shock, then
    by response (:meth:`ResolvedScenario.param_sets`): the swept fields take the grid's
    values, every other parameter its point estimate. A swept behaviour (an export price
    elasticity) is the response of the sectors the shock names."""
    assert rs.swept is not None
    k, sweep = rs.swept
    D = grid.shape[0]
    vals = [{f: np.repeat(v, D) for f, v in p.items()} for p in point_values(rs)]
    index = rs.shocks[k].index
    for col, (key, _) in enumerate(sweep):
        if key in vals[k]:
            vals[k][key] = grid[:, col]
            continue
        r = next(
            i for i, resp in enumerate(rs.responses) if resp.field == key and index in resp.shocks
        )
        vals[len(rs.shocks) + r][key] = grid[:, col]
    return vals


def _runs(rs: ResolvedScenario) -> int:
    return sweep_size(rs.swept[1]) if rs.swept is not None else 0


def sweep_units(resolved: Sequence[ResolvedScenario], n: int) -> Iterator[SweepUnit]:
    """The units of work of a file's sweeps, in order: a few batches of runs each (as
    many as the Monte Carlo's units hold draws, :func:`~iocluster.scenarios.draws.
    group_batches`)."""
    size = BATCH * group_batches(n)
    for si, rs in enumerate(resolved):
        runs = _runs(rs)
        for first in range(0, runs, size):
            yield si, first, min(size, runs - first)


def run_sweep_unit(
    base: Base, resolved: Sequence[ResolvedScenario], unit: SweepUnit
) -> list[tuple[int, int, FloatArray]]:
    """Apply and solve the runs of one unit at once; their change of every total
    (runs × measures) against the table's baseline."""
    si, first, count = unit
    rs = resolved[si]
    assert rs.swept is not None
    grid = sweep_grid(rs.swept[1])[first : first + count]
    lv = Baseline.of(base.table).levels
    meas = draw_measures(base, rs, sweep_values(rs, grid), count)
    change = np.column_stack(
        [(meas[k][0] - v0).sum(axis=1) + meas[k][1] for k, v0 in zip(lv.names, lv.V0, strict=True)]
    )
    return [(si, first, change)]


def run_sweeps(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    *,
    jobs: int = 1,
    scheduler: Any = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame | None:
    """The sensitivity table of every scenario with a sweep (None when none has one):
    rows ``(scenario_name, run, measure)``, columns :data:`SWEEP_COLUMNS` — the shock and
    its swept fields with their values (``field_2`` empty and ``value_2`` NaN for a
    sweep of one field), then the total's baseline, its level at the run, the change
    and the % change (rounding noise as 0, :mod:`.noise`). ``progress(k)`` is called
    with the number of runs done after each unit."""
    t = base.table
    swept = [(si, rs) for si, rs in enumerate(resolved) if rs.swept is not None]
    if not swept:
        return None
    lv = Baseline.of(t).levels
    changes = {si: np.empty((_runs(rs), len(lv.names))) for si, rs in swept}
    units = sweep_units(resolved, t.n)
    with blas_threads(t.n, BATCH, jobs=jobs):
        for si, first, change in run_units(
            base, resolved, units, run_sweep_unit, jobs=jobs, scheduler=scheduler
        ):
            changes[si][first : first + len(change)] = change
            if progress is not None:
                progress(len(change))
    return _frame(t.meta.unit, lv.names, lv.tot0, lv.scale, swept, changes)


def _frame(
    unit: str,
    names: Sequence[str],
    tot0: FloatArray,
    scale: FloatArray,
    swept: Sequence[tuple[int, ResolvedScenario]],
    changes: dict[int, FloatArray],
) -> pd.DataFrame:
    """The sweep frame of :func:`run_sweeps`, built once from the arrays."""
    M = len(names)
    values, grids, spos, runs, words = [], [], [], [], []
    for s, (si, rs) in enumerate(swept):
        assert rs.swept is not None
        k, sweep = rs.swept
        ch = zero_noise(changes[si], scale)
        P = ch.shape[0]
        b = np.broadcast_to(tot0, ch.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(b != 0, 100.0 * ch / np.where(b != 0, b, 1.0), np.nan)
        values.append(np.stack([b, b + ch, ch, pct], axis=-1).reshape(-1, 4))
        grid = sweep_grid(sweep)
        second = grid[:, 1:] if grid.shape[1] > 1 else np.full((P, 1), np.nan)
        grids.append(np.repeat(np.column_stack([grid[:, :1], second]), M, axis=0))
        spos.append(np.full(P * M, s))
        runs.append(np.repeat(np.arange(P), M))
        fields = [key for key, _ in sweep] + [""]
        words.append((rs.shocks[k].label(), fields[0], fields[1]))
    vocabulary = list(dict.fromkeys(w for ws in words for w in ws))
    scen, meas, text = labels(
        ([rs.name for _, rs in swept], "scenario_name"), (list(names), "measure"),
        (vocabulary, None),
    )  # fmt: skip
    pos = np.concatenate(spos)
    rows = len(pos)
    run = np.concatenate(runs)
    mpos = np.tile(np.arange(M), rows // M)
    runs_of = Labels(pd.Index(np.arange(1, run.max() + 2), name="run"), np.arange(run.max() + 1))
    index = multi_index([(scen, pos), (runs_of, run), (meas, mpos)])
    where = np.array([[vocabulary.index(w) for w in ws] for ws in words])
    grid = np.concatenate(grids)
    num = np.concatenate(values)
    df = pd.DataFrame(
        {
            "shock": text.take(where[pos, 0]), "field": text.take(where[pos, 1]),
            "value": grid[:, 0], "field_2": text.take(where[pos, 2]), "value_2": grid[:, 1],
            "baseline": num[:, 0], "scenario": num[:, 1], "change": num[:, 2],
            "pct_change": num[:, 3],
        },
        index=index,
        copy=False,
    )  # fmt: skip
    df.attrs["unit"] = unit
    return df
