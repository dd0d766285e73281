"""Load + factorise + solve 10 final-demand vectors, against LAPACK baselines.

Ratios (same process, best of 7 rounds (3 from n > 2000) in which the pipelines take turns):
- ``iocluster / lu_factor``: building the IOTable from arrays, computing A, factorising
  I − A and solving 10 right-hand sides (with residual checks), over one bare
  ``scipy.linalg.lu_factor`` of the same matrix. Target <= 1.3.
- ``iocluster / inv``: the same, over forming ``numpy.linalg.inv(I − A)`` and
  multiplying. Target < 1 (faster).

A third line times the engine alone (factorise + solves on a table already loaded).
Building the table makes two n×n arrays the bare LU does not (the table's own copy of Z
and its coefficients A); on machines where first-touching fresh memory is slow (such as
sandboxed ones) those allocations dominate the ratio at large n.

Run: ``python -m benchmarks.bench_engine [n ...]``.
"""

from __future__ import annotations

import sys

import numpy as np
import scipy.linalg as sla

from benchmarks.common import best_of_each, synthetic_flows
from iocluster.core.engine import factorise
from iocluster.table import IOTable


def run(n: int) -> dict[str, float]:
    """Time the three pipelines at size ``n``; return seconds and ratios."""
    Z, y = synthetic_flows(n)
    Y = np.column_stack([y * (1 + 0.1 * k) for k in range(10)])
    codes = [f"S{i}" for i in range(n)]
    x = Z.sum(axis=1) + y
    A = Z / x
    va = x - Z.sum(axis=0)

    def ours() -> np.ndarray:
        t = IOTable.from_arrays(Z, y, va, x=x, codes=codes)
        return t.leontief.solve(Y)

    table = IOTable.from_arrays(Z, y, va, x=x, codes=codes)
    A_table = table.A

    def engine_only() -> np.ndarray:
        # factorise + solve on a loaded table (A already computed): the engine's own cost
        return factorise(A_table).solve(Y)

    def lu_only() -> object:
        return sla.lu_factor(np.eye(n) - A)

    def inverse() -> np.ndarray:
        return np.linalg.inv(np.eye(n) - A) @ Y

    np.testing.assert_allclose(ours(), inverse(), rtol=1e-8)
    t = best_of_each(
        {"ours": ours, "lu": lu_only, "inv": inverse, "engine": engine_only},
        repeat=7 if n <= 2000 else 3,
    )
    t_ours, t_lu, t_inv, t_engine = t["ours"], t["lu"], t["inv"], t["engine"]
    return {
        "n": n,
        "engine_s": t_engine,
        "ratio_engine_vs_lu": t_engine / t_lu,
        "iocluster_s": t_ours,
        "lu_factor_s": t_lu,
        "inv_s": t_inv,
        "ratio_vs_lu": t_ours / t_lu,
        "ratio_vs_inv": t_ours / t_inv,
    }


def main(sizes: list[int] | None = None) -> None:
    """Print one line per size."""
    print("engine: load + factorise + solve 10 RHS (best of 7 interleaved rounds; 3 above n=2000)")
    for n in sizes or [500, 2000, 4000]:
        r = run(n)
        print(
            f"  n={n:5d}  iocluster {r['iocluster_s']:.3f}s  lu_factor {r['lu_factor_s']:.3f}s  "
            f"inv+matmul {r['inv_s']:.3f}s  ratio/lu {r['ratio_vs_lu']:.2f} (target <= 1.3)  "
            f"ratio/inv {r['ratio_vs_inv']:.2f} (target < 1)"
        )
        print(
            f"          engine only (factorise + 10 solves on a loaded table) "
            f"{r['engine_s']:.3f}s  ratio/lu {r['ratio_engine_vs_lu']:.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
