"""How many BLAS threads a solve uses: one policy for every solve (issue 30).

OpenBLAS shares a triangular solve or a product between its threads whatever its size.
For a small system the threads cost more than they give: waking them takes about a
millisecond on a busy two-core machine, against tens of microseconds for the solve of a
136-sector table (measured on the two-core machine of issue 30: a 136 × 10 solve took
0.18 ms on one thread and 1–1.8 ms on two). The rule, by the size of the problem:

- a system of at most :data:`SMALL_N` unknowns is solved on **one thread**, unless the
  solve's work ``n² k`` (``k`` right-hand sides) reaches :data:`PARALLEL_WORK` (forming
  the Leontief inverse of a 1000-sector table);
- when ``jobs`` processes already share the cores, each uses one thread;
- otherwise OpenBLAS keeps its own thread count.

The limit applies for the duration of one solve (or one Monte Carlo run,
:func:`iocluster.scenarios.draws.blas_threads`) and is then restored; nested limits
cost nothing. Setting the thread count of the loaded OpenBLAS libraries takes a few
microseconds (``threadpoolctl``'s controller is built once per process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")

__all__ = ["PARALLEL_WORK", "SMALL_N", "blas_threads", "map_on_cores", "solve_threads"]

#: systems of at most this many unknowns are solved on one BLAS thread
SMALL_N = 1_000
#: ... unless the solve's work ``n² k`` reaches this (``n = 1000`` with 1000 right-hand sides)
PARALLEL_WORK = 10**9


def solve_threads(n: int, k: int = 1, *, jobs: int = 1) -> int | None:
    """BLAS threads for a solve of ``n`` unknowns with ``k`` right-hand sides while
    ``jobs`` processes share the machine: ``1``, or ``None`` for OpenBLAS's own count.

    >>> solve_threads(136, 10), solve_threads(5000, 10), solve_threads(5000, 10, jobs=2)
    (1, None, 1)
    >>> solve_threads(1000, 1000)  # forming L of a 1000-sector table: worth sharing
    """
    if jobs > 1:
        return 1
    if n <= SMALL_N and n * n * max(k, 1) < PARALLEL_WORK:
        return 1
    return None


@cache
def _blas() -> tuple[Any, ...]:
    """The BLAS libraries loaded in this process (NumPy's and SciPy's OpenBLAS)."""
    import scipy.linalg  # noqa: F401  (loads SciPy's BLAS before the libraries are listed)
    from threadpoolctl import ThreadpoolController

    return tuple(c for c in ThreadpoolController().lib_controllers if c.user_api == "blas")


@contextmanager
def blas_threads(n: int, k: int = 1, *, jobs: int = 1) -> Iterator[None]:
    """Run the block with the BLAS threads of :func:`solve_threads`, then restore them.

    >>> import numpy as np
    >>> with blas_threads(136):
    ...     x = np.linalg.solve(np.eye(3), np.ones(3))
    """
    limit = solve_threads(n, k, jobs=jobs)
    changed: list[tuple[Any, int]] = []
    if limit is not None:
        for lib in _blas():
            before = int(lib.num_threads)
            if before != limit:
                lib.set_num_threads(limit)
                changed.append((lib, before))
    try:
        yield
    finally:
        for lib, before in changed:
            lib.set_num_threads(before)


def map_on_cores(fn: Callable[[_T], _R], items: Sequence[_T], workers: int) -> list[_R]:
    """``[fn(i) for i in items]`` in order, on at most ``workers`` threads and the usable
    cores (for work that releases the GIL: NumPy ufuncs on large blocks, ``hashlib``,
    ``zlib``); in this thread when one would do.

    >>> map_on_cores(abs, [-1, 2, -3], workers=2)
    [1, 2, 3]
    """
    from iocluster.core.budget import usable_cores

    n = min(workers, usable_cores(), len(items))
    if n <= 1:
        return [fn(i) for i in items]
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(fn, items))
