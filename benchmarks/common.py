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


def scale_table(n: int, seed: int = 0, density: float = 1.0) -> IOTable:
    """A synthetic table for the scale benchmarks: ``A`` with row and column sums at
    most 0.3 (``density`` of it non-zero), output in [1, 2], two final-demand categories
    (households, exports), compensation and surplus, and an employment row, so every
    Type I multiplier measure exists and final-demand scenarios have an ``exports``
    category to change."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 2.0, n)
    Z = np.empty((n, n))
    step = max(1, (1 << 22) // n)  # rows drawn a block at a time: no n × n temporaries
    for i in range(0, n, step):
        block = rng.random((min(step, n - i), n))
        if density < 1:
            block *= rng.random(block.shape) < density
        Z[i : i + step] = block
    Z *= 0.3 / max(Z.sum(axis=0).max(), Z.sum(axis=1).max())
    Z *= x  # columns scaled by output: Z = A x̂
    y, va = x - Z.sum(axis=1), x - Z.sum(axis=0)
    Z.setflags(write=False)  # the table keeps it without a copy
    return IOTable.from_arrays(
        Z, np.column_stack([0.5 * y, 0.5 * y]), np.vstack([0.5 * va, 0.5 * va]), x=x,
        codes=[f"S{i}" for i in range(n)], fd_names=["households", "exports"],
        fd_roles=["household", "exports"], va_names=["compensation", "surplus"],
        va_roles=["compensation", "operating_surplus"], F=np.round(10 * x)[None, :],
        satellite_names=["employment_total"], satellite_units=["persons"],
    )  # fmt: skip


def final_demand_scenarios(k: int = 10) -> dict[str, object]:
    """A scenario document of ``k`` final-demand scenarios (exports of two sectors each
    up by 10 %), on the codes of :func:`scale_table`."""
    return {
        "scenario": [
            {"name": f"exports_{j}", "shock": [
                {"kind": "final_demand", "sectors": [f"S{j}", f"S{j + k}"],
                 "category": "exports", "change": 10}]}
            for j in range(k)
        ]
    }  # fmt: skip
