"""Units of work of a streamed run (the batches of Monte Carlo draws,
:mod:`iocluster.scenarios.draws`; the runs of a parameter sweep,
:mod:`iocluster.scenarios.sweep_run`), done in this process, in forked processes or on a
Dask cluster (:mod:`iocluster.scenarios.montecarlo_dask`), and yielded in order.

A unit of work is a small tuple; ``work(base, resolved, unit)`` (a module-level
function, so a Dask worker can run it) turns it into a list of results. The units are
the same however many processes or workers share them, so the numbers are the same bit
for bit; at most two units per worker are in flight, so memory does not grow with the
number of units.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, TypeVar

from iocluster.core.budget import usable_cores
from iocluster.scenarios.base import Base
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["Work", "run_units"]

U = TypeVar("U")
R = TypeVar("R")
#: ``work(base, resolved, unit)``: the results of one unit of work.
Work = Callable[[Base, Sequence[ResolvedScenario], U], list[R]]

#: What a forked worker process inherits (set just before the pool starts).
_WORKER: dict[str, Any] = {}


def _worker_unit(unit: Any) -> list[Any]:
    out: list[Any] = _WORKER["work"](_WORKER["base"], _WORKER["resolved"], unit)
    return out


def run_units(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    units: Iterable[U],
    work: Work[U, R],
    *,
    jobs: int = 1,
    scheduler: Any = None,
) -> Iterator[R]:
    """Every result of every unit, in order, as it is done: on the Dask cluster at
    ``scheduler`` (an address or a ``distributed.Client``), else in this process or in
    up to ``jobs`` forked processes that each inherit the factorised base (Linux;
    elsewhere in this process). The processes are started once the units are known to
    need them: never more than the cores (:func:`usable_cores`) or the units."""
    if scheduler is not None:
        from iocluster.scenarios.montecarlo_dask import dask_units

        yield from dask_units(scheduler, base.table, resolved, units, work)
        return
    it = iter(units)
    first = list(islice(it, min(jobs, usable_cores())))  # a unit per worker, at most
    workers = len(first)
    if workers > 1 and "fork" in mp.get_all_start_methods():
        _WORKER.update(base=base, resolved=list(resolved), work=work)
        try:
            ctx = mp.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                pending: deque[Future[list[R]]] = deque()
                for unit in chain(first, it):
                    pending.append(pool.submit(_worker_unit, unit))
                    if len(pending) >= 2 * workers:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
        finally:
            _WORKER.clear()
        return
    for unit in chain(first, it):
        yield from work(base, resolved, unit)
