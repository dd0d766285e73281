"""Multipliers of every kind against one LU factorisation of the same matrix.

- ``iocluster``: :func:`iocluster.analysis.multipliers.multipliers` on a fresh table with
  compensation, households, imports and two satellite rows: output, income, value
  added, imports and both satellites, each direct / indirect / simple / induced / total
  / Type I / Type II (the closed model by bordering; so building A, the factorisation
  with its condition estimate, one transposed solve with 6 right-hand sides and the
  domestic split are all timed).
- ``baseline``: one ``scipy.linalg.lu_factor`` of I − A.

Target: ratio <= 2 at n = 4000. Run: ``python -m benchmarks.bench_multipliers [n ...]``.
"""

from __future__ import annotations

import sys

import numpy as np
import scipy.linalg as sla

from benchmarks.common import best_of, synthetic_flows
from iocluster.analysis.multipliers import multipliers
from iocluster.table import IOTable


def _table(n: int, Z: np.ndarray, y: np.ndarray) -> IOTable:
    rng = np.random.default_rng(2)
    x = Z.sum(axis=1) + y
    va = x - Z.sum(axis=0)
    imp = 0.1 * va
    comp = 0.5 * (va - imp)
    return IOTable.from_arrays(
        Z,
        np.column_stack([0.6 * y, 0.4 * y]),
        np.vstack([imp, comp, va - imp - comp]),
        x=x,
        codes=[f"S{i}" for i in range(n)],
        fd_names=["households", "other"],
        fd_roles=["household", "other"],
        va_names=["imports", "compensation", "surplus"],
        va_roles=["imports", "compensation", "operating_surplus"],
        F=rng.uniform(1, 100, (2, n)),
        satellite_names=["employment_formal", "employment_informal"],
        satellite_units=["persons", "persons"],
    )


def run(n: int) -> dict[str, float]:
    """Seconds for all multipliers and for one LU, and their ratio."""
    Z, y = synthetic_flows(n, seed=3)
    x = Z.sum(axis=1) + y
    A = Z / x

    def ours() -> object:
        return multipliers(_table(n, Z, y))

    def lu_only() -> object:
        return sla.lu_factor(np.eye(n) - A)

    df = ours()
    assert df.shape == (n, 6 * 7)  # type: ignore[attr-defined]
    t_ours, t_lu = best_of(ours), best_of(lu_only)
    return {"n": n, "iocluster_s": t_ours, "lu_s": t_lu, "ratio": t_ours / t_lu}


def main(sizes: list[int] | None = None) -> None:
    """Print one line per size."""
    print("multipliers of every kind (6 measures x 7 kinds) vs one LU of I - A (best of 3)")
    for n in sizes or [1000, 4000]:
        r = run(n)
        print(
            f"  n={r['n']:5d}  iocluster {r['iocluster_s']:7.3f} s   lu_factor "
            f"{r['lu_s']:7.3f} s   ratio {r['ratio']:5.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
