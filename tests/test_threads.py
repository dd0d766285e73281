"""The BLAS-thread policy of every solve (issue 30, goal 1): one thread for small
systems, restored afterwards; the Monte Carlo runs use the same policy."""

from __future__ import annotations

import numpy as np
import pytest

from iocluster.core import threads


def _counts() -> list[int]:
    return [int(lib.num_threads) for lib in threads._blas()]


def test_policy_by_problem_size() -> None:
    """Small systems (n ≤ SMALL_N, work n²k below PARALLEL_WORK) and shared cores get one
    thread; large systems keep OpenBLAS's own count."""
    assert threads.solve_threads(136) == 1
    assert threads.solve_threads(threads.SMALL_N, 10) == 1
    assert threads.solve_threads(threads.SMALL_N + 1) is None
    assert threads.solve_threads(1000, 1000) is None  # forming L: n²k = PARALLEL_WORK
    assert threads.solve_threads(5000, jobs=4) == 1


def test_a_small_solve_runs_on_one_thread_and_restores_the_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Inside a 136-sector solve every BLAS library has one thread; afterwards the count
    it had (nested limits change nothing)."""
    from iocluster.core import engine

    before = _counts()
    seen: list[list[int]] = []
    real = engine.lu_solve

    def spy(factor: object, b: np.ndarray, trans: int = 0) -> np.ndarray:
        seen.append(_counts())
        return real(factor, b, trans)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "lu_solve", spy)
    A = np.full((136, 136), 0.5 / 136)
    system = engine.factorise(A)
    with threads.blas_threads(136):
        system.solve(np.ones((136, 3)))
        assert _counts() == [1] * len(before)
    assert seen and all(c == [1] * len(before) for c in seen)
    assert _counts() == before


def test_monte_carlo_threads_call_the_same_policy() -> None:
    """scenarios.draws.blas_threads keeps its signature and follows core.threads."""
    from iocluster.scenarios.draws import blas_threads

    before = _counts()
    with blas_threads(136, 1):
        assert _counts() == [1] * len(before)
    with blas_threads(5000, 1):
        assert _counts() == before
    assert _counts() == before
