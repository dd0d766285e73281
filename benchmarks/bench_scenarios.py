"""Benchmark: scenario solves by Woodbury updates vs re-factorising per scenario.

200 coefficient-block scenarios (k ≤ 10 changed supplier rows × k user columns each) on
random dense tables of n = 2000 and n = 4000: all scenarios solved against one base
factorisation in one batched call, against ``factorise(A')`` + solve per scenario (the
baseline, measured in the same run on a sample of scenarios and scaled per scenario).
Also a 1000-draw Monte Carlo of the bundled example scenario on the Uzbekistan 2022
table (when ../shared/data is present).

Run: ``python -m benchmarks.bench_scenarios`` (or via ``python -m benchmarks``).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from benchmarks.common import best_of_each
from iocluster.core.engine import factorise
from iocluster.core.woodbury import LowRank, solve_updated

ROOT = Path(__file__).resolve().parents[1]


def _scenarios(n: int, count: int, rng: np.random.Generator) -> list[LowRank]:
    out = []
    for _ in range(count):
        k = int(rng.integers(1, 11))
        rows = rng.choice(n, k, replace=False)
        cols = rng.choice(n, k, replace=False)
        D = rng.uniform(0, 0.1 / n, (k, k))
        U = np.zeros((n, k))
        U[rows, :] = D  # ΔA = E_R D E_Cᵀ = U Vᵀ with U = E_R D, V = E_C
        V = np.zeros((n, k))
        V[cols, np.arange(k)] = 1.0
        out.append(LowRank(U, V))
    return out


def bench_blocks(n: int, count: int = 200, baseline_sample: int = 20, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n))
    A *= 0.6 / A.sum(axis=0).max()
    y = rng.uniform(1, 2, n)
    ups = _scenarios(n, count, rng)
    t0 = time.perf_counter()
    base = factorise(A)
    xs = solve_updated(base, ups, [y] * count)
    t_wood = time.perf_counter() - t0
    sample = list(range(min(baseline_sample, count)))
    t0 = time.perf_counter()
    brute = [factorise(A + ups[i].U @ ups[i].V.T).solve(y) for i in sample]
    t_brute = (time.perf_counter() - t0) / len(sample) * count
    err = max(
        float(np.max(np.abs(xs[i] - b) / np.abs(b))) for i, b in zip(sample, brute, strict=True)
    )
    print(
        f"n={n}: {count} scenarios, Woodbury {t_wood:.2f} s (incl. one factorisation); "
        f"re-factorising {t_brute:.1f} s (measured on {len(sample)}, scaled); "
        f"speed-up {t_brute / t_wood:.0f}x; max relative difference {err:.1e}"
    )


def bench_monte_carlo(draws: int = 1000) -> None:
    """Monte Carlo draws of the bundled Uzbekistan scenario against ``draws`` plain solves
    (``scipy.linalg.lu_solve``, one right-hand side each) with one factorisation of the
    same matrix, interleaved (issue 17 target: ratio <= 5)."""
    import os

    shared = Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared"))
    folder = shared / "data" / "uzbekistan-2022"
    if not folder.exists():
        print("Uzbekistan table not found: Monte Carlo benchmark skipped")
        return
    import warnings

    import scipy.linalg as sla

    from iocluster.io import read_table
    from iocluster.scenarios.apply import Base
    from iocluster.scenarios.montecarlo import monte_carlo
    from iocluster.scenarios.run import read_scenarios
    from iocluster.scenarios.validate import validate_file

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = read_table(folder)
        sf = read_scenarios(ROOT / "data" / "scenarios" / "textile_integration_uzbekistan.toml")
        resolved, _ = validate_file(sf, t)
        base = Base(t)
        _ = t.leontief  # factorised before timing
    factor = sla.lu_factor(np.eye(t.n) - t.A)
    rhs = np.random.default_rng(0).random((t.n, draws))
    times = best_of_each(
        {
            "mc": lambda: monte_carlo(base, resolved, draws, sf.seed),
            "plain": lambda: [sla.lu_solve(factor, rhs[:, i]) for i in range(draws)],
        },
        repeat=3,
    )
    print(
        f"Monte Carlo, Uzbekistan 2022 (n={t.n}), {draws} draws: {times['mc']:.2f} s; "
        f"{draws} plain solves {times['plain']:.3f} s; ratio {times['mc'] / times['plain']:.1f} "
        "(target <= 5)"
    )


def main() -> None:
    """Run every scenario benchmark and print the results."""
    bench_blocks(2000)
    bench_blocks(4000)
    bench_monte_carlo()


if __name__ == "__main__":
    main()
