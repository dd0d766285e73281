"""Extract each sector in turn: low-rank updates against brute-force re-solving.

- ``iocluster``: :func:`iocluster.analysis.extraction.extract_each` (``method="woodbury"``): one
  factorisation of I − A, the diagonal of L (solves against blocks of I) and O(1) per
  sector, on a fresh table (so its factorisation is timed too).
- ``brute force``: per sector, build Ā (row and column zeroed) and solve
  ``(I − Ā) x̄ = f`` with a new LU (``numpy.linalg.solve``). Timed on a sample of
  sectors and scaled to all n (each sector costs the same); the two rankings are
  compared on the sample to 1e-10 relative.

Target: ratio >= 50 at n = 2000. Run: ``python -m benchmarks.bench_extraction [n ...]``.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from benchmarks.common import best_of, synthetic_flows
from iocluster.analysis.extraction import extract_each
from iocluster.table import IOTable

SAMPLE = 12


def _table(n: int) -> IOTable:
    Z, y = synthetic_flows(n, seed=1)
    x = Z.sum(axis=1) + y
    return IOTable.from_arrays(Z, y, x - Z.sum(axis=0), x=x, codes=[f"S{i}" for i in range(n)])


def run(n: int, mode: str = "total") -> dict[str, float]:
    """Seconds for both methods at size ``n`` and their ratio."""
    t = _table(n)
    Z, y = synthetic_flows(n, seed=1)
    x = Z.sum(axis=1) + y
    A = Z / x
    f = x - A @ x
    rng = np.random.default_rng(0)
    sample = rng.choice(n, size=SAMPLE, replace=False)

    def ours() -> object:
        fresh = _table(n)  # includes building A and factorising I − A
        return extract_each(fresh, mode=mode)  # type: ignore[arg-type]

    brute_loss = np.empty(SAMPLE)
    t0 = time.perf_counter()
    for k, j in enumerate(sample):
        Ab = A.copy()
        Ab[j, :] = 0.0
        Ab[:, j] = 0.0
        brute_loss[k] = x.sum() - np.linalg.solve(np.eye(n) - Ab, f).sum()
    per_sector = (time.perf_counter() - t0) / SAMPLE
    t_brute = per_sector * n
    t_ours = best_of(ours, repeat=2)
    fast = extract_each(t, mode=mode)  # type: ignore[arg-type]
    got = fast.loc[[t.codes[j] for j in sample], "output_loss"].to_numpy()
    err = float(np.max(np.abs(got - brute_loss)) / np.max(np.abs(brute_loss)))
    return {"n": n, "iocluster_s": t_ours, "brute_s": t_brute, "ratio": t_brute / t_ours,
            "max_rel_diff": err}  # fmt: skip


def main(sizes: list[int] | None = None) -> None:
    """Print one line per size."""
    print("extract each sector (total extraction): woodbury vs a new LU per sector")
    for n in sizes or [1000, 2000]:
        r = run(n)
        print(
            f"  n={r['n']:5d}  iocluster {r['iocluster_s']:8.3f} s   brute force "
            f"{r['brute_s']:9.1f} s (from {SAMPLE} sectors)   ratio {r['ratio']:8.0f}x   "
            f"max rel diff {r['max_rel_diff']:.1e}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
