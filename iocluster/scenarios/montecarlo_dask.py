"""Monte Carlo batches and sweep runs on a Dask cluster (``iocluster shock --scheduler
ADDRESS``).

For a table or a number of draws that outgrows one machine: the table (without its
cached factorisation) and the resolved scenarios are sent to every worker once; each
worker process factorises ``I − A`` once, on its first unit of work, and keeps it for
the run; the units of work (a few batches of draws, :func:`~iocluster.scenarios.
draws.jobs_of`; a few batches of a sweep's runs, :mod:`iocluster.scenarios.sweep_run`)
are submitted with at most two per worker thread in flight and their results folded in
order. Each batch is seeded by ``(seed, scenario, batch)`` alone and a unit of work
holds the same batches as in one process, so the results equal the single-process ones
bit for bit, for any number of workers.

Needs the optional extra ``dask`` (``pip install 'iocluster[dask]'``).
"""

from __future__ import annotations

import copy
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.scenarios.apply import Base
from iocluster.scenarios.draws import Batch, Job, blas_threads, run_group
from iocluster.scenarios.validate import ResolvedScenario
from iocluster.table import IOTable

__all__ = ["dask_batches", "dask_units"]

#: Per worker process: the factorised base of each run, by run token.
_BASES: dict[str, Base] = {}


def _bare(table: IOTable) -> IOTable:
    """A shallow copy of ``table`` without its cached results (the factorisation is
    ``n²`` numbers a worker computes faster than it receives)."""
    out = copy.copy(table)
    for name, attr in vars(type(table)).items():
        if isinstance(attr, cached_property):
            out.__dict__.pop(name, None)
    return out


def _worker_base(token: str, table: IOTable) -> Base:
    """The worker's base for run ``token``: factorised once per worker process."""
    if token not in _BASES:
        _BASES.clear()  # one run at a time per worker: drop an earlier run's base
        _BASES[token] = Base.of(table)
    return _BASES[token]


def _task(
    token: str, table: IOTable, resolved: Sequence[ResolvedScenario], unit: Any, work: Any
) -> list[Any]:
    base = _worker_base(token, table)
    with blas_threads(table.n, 1):
        out: list[Any] = work(base, resolved, unit)
        return out


def dask_batches(
    address: Any,
    table: IOTable,
    resolved: Sequence[ResolvedScenario],
    jobs_list: Iterable[Job],
) -> Iterator[tuple[int, Batch]]:
    """Every Monte Carlo batch with its scenario index, in order (:func:`dask_units` of
    :func:`~iocluster.scenarios.draws.run_group`)."""
    return dask_units(address, table, resolved, jobs_list, run_group)


def dask_units(
    address: Any,
    table: IOTable,
    resolved: Sequence[ResolvedScenario],
    units: Iterable[Any],
    work: Any,
) -> Iterator[Any]:
    """Every result of every unit of work, in order, computed by ``work(base, resolved,
    unit)`` (a module-level function) on the Dask cluster whose scheduler listens at
    ``address`` (``tcp://host:8786``); a :class:`distributed.Client` may be given
    instead of an address (tests)."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            Message(
                "scenarios.dask_missing", package="dask.distributed",
                command="pip install 'iocluster[dask]'",
            )
        ) from None  # fmt: skip
    own = isinstance(address, str)
    try:
        client: Any = Client(address) if own else address
    except (OSError, TimeoutError, ValueError) as exc:
        said = Message(
            "scenarios.dask_unreachable", address=str(address), dask="Dask", error=str(exc)
        )
        raise InputError(said) from None
    except MemoryError:  # the reply's first bytes read as an enormous message length
        said = Message(
            "scenarios.dask_not_scheduler", address=str(address), dask="Dask",
            default="tcp://host:8786",
        )  # fmt: skip
        raise InputError(said) from None
    try:
        token = uuid.uuid4().hex
        [t_fut] = client.scatter([_bare(table)], broadcast=True)
        [r_fut] = client.scatter([list(resolved)], broadcast=True)
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        for unit in units:
            pending.append(client.submit(_task, token, t_fut, r_fut, unit, work, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            client.close()
