"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from iocluster.table import IOTable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall-clock time of ``repeat`` calls (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def best_of_each(fns: dict[str, Callable[[], object]], repeat: int = 7) -> dict[str, float]:
    """Best wall-clock time of each function over ``repeat`` rounds, the functions taking
    turns within each round, so a noisy spell on a shared machine hits them alike."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def synthetic_flows(n: int, seed: int = 0, density: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """A productive synthetic table: flows Z (n×n) and final demand y (n,)."""
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n))
    if density < 1:
        A *= rng.uniform(0, 1, (n, n)) < density
    A *= 0.6 / A.sum(axis=0).max()
    y = rng.uniform(10, 100, n)
    x = np.linalg.solve(np.eye(n) - A, y)
    return A * x, y


def synthetic_table(n: int, seed: int = 0, density: float = 1.0) -> IOTable:
    """A synthetic table of ``n`` sectors (codes ``S0``…) from :func:`synthetic_flows`
    (dense unless ``density < 1``), with one final-demand column and value added closing
    it."""
    Z, y = synthetic_flows(n, seed, density)
    x = Z.sum(axis=1) + y
    return IOTable.from_arrays(Z, y, x - Z.sum(axis=0), x=x, codes=[f"S{i}" for i in range(n)])
