"""Structural path analysis on the Uzbekistan 2022 table, against pyspa.

1. iocluster alone: the cotton-textile cluster's exports (А01.16, C13.*, C14) at
   thresholds 0.1 % and 0.01 % of the total: time (best of 3) and path counts.
2. Side by side with pyspa (GPL; installed only in a separate benchmark environment,
   never a dependency of iocluster) when it is importable: for three single-sector
   targets (one unit of final demand each), the same A (``table.A``), the same direct
   value-added intensities and total intensities ``fᵀL``, the same threshold (a share of
   the target's total intensity) and maximum stage → the same set of paths and the same
   values to 1e-9 (checked, printed), and the ratio pyspa time / iocluster time.

Run in an environment with pyspa: ``/work/benchvenv/bin/python -m benchmarks.bench_spa``
(after ``pip install -e .`` there). Prints ratios; never asserts wall-clock time.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from benchmarks.common import best_of
from iocluster.chains import Target, intensity, resolve_target, structural_paths
from iocluster.table import IOTable

UZ_DIR = Path(
    os.environ.get(
        "IOCLUSTER_UZ_DIR", Path(__file__).resolve().parents[2] / "shared/data/uzbekistan-2022"
    )
)
CLUSTER = "А01.16,C13*,C14"
PYSPA_TARGETS = ("C13.1", "C14", "А01.16")
MAX_STAGE = 12


def load() -> IOTable:
    """The Uzbekistan 2022 table (domestic split computed once, warnings silenced)."""
    from iocluster.io import read_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = read_table(UZ_DIR)
        _ = t.A
    return t


def ours_cluster(t: IOTable) -> None:
    """Time and path counts for the cluster's exports at 0.1 % and 0.01 %."""
    tg = resolve_target(t, CLUSTER, demand="exports")
    print(f"target: {tg.name}, final demand {tg.total:,.0f}")
    for rel in (1e-3, 1e-4):
        sec = best_of(lambda r=rel: structural_paths(t, tg, threshold=r, max_depth=MAX_STAGE))
        _, s = structural_paths(t, tg, threshold=rel, max_depth=MAX_STAGE, top=None)
        row = s.iloc[0]
        print(
            f"  threshold {100 * rel:g}%: {int(row['paths']):>6} paths, "
            f"covered {row['listed'] / row['total']:.2%}, {sec * 1e3:8.2f} ms"
        )


def _pyspa_run(pyspa, A, info, j: int, pct: float):  # type: ignore[no-untyped-def]
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pyspa.get_spa(
            target_ID=j + 1,
            max_stage=MAX_STAGE,
            a_matrix=A,
            infosheet=info,
            thresholds={"VA": pct},
            thresholds_as_percentages=True,
        )


def versus_pyspa(t: IOTable) -> None:
    """Same paths, same values, and the time ratio, for three targets."""
    try:
        import pandas as pd
        import pyspa  # GPL: only in the benchmark environment
    except ImportError:
        print("pyspa is not importable here: side-by-side check skipped")
        return
    A = np.array(t.A)
    f = np.asarray(intensity(t, "value_added"))
    tr = t.leontief.solve_transposed(f)
    info = pd.DataFrame(
        {
            "Sector number": np.arange(1, t.n + 1),
            "Name": list(t.codes),
            "Unit": "UZS",
            "Region": "UZ",
            "DR_VA_(UZS)": f,
            "TR_VA_(UZS)": tr,
        }
    )
    for rel in (1e-3, 1e-4):
        t_ours = t_py = 0.0
        for code in PYSPA_TARGETS:
            (j,) = t.select([code])
            y = np.zeros(t.n)
            y[j] = 1.0
            tg = Target(code, y, (j,), ())
            t0 = time.perf_counter()
            sc = _pyspa_run(pyspa, A, info, j, 100 * rel)
            t_py += time.perf_counter() - t0
            sec = best_of(
                lambda tg=tg, r=rel: structural_paths(
                    t, tg, threshold=r, max_depth=MAX_STAGE, top=None
                )
            )
            t_ours += sec
            paths, _ = structural_paths(t, tg, threshold=rel, max_depth=MAX_STAGE, top=None)
            index = {c: i for i, c in enumerate(t.codes)}
            mine = {
                "_".join(str(index[c]) for c in p.split(" ← ")): v
                for p, v in zip(paths["path"], paths["value"], strict=True)
            }
            theirs = {p.get_short_id(): p.get_intensity("direct", "VA") for p in sc.pathways_list}
            same_keys = mine.keys() == theirs.keys()
            diff = max((abs(mine[k] - theirs[k]) for k in theirs if k in mine), default=0.0)
            ok = same_keys and diff <= 1e-9
            print(
                f"  {code:>7} @ {100 * rel:g}%: paths iocluster {len(mine):>6}, pyspa "
                f"{len(theirs):>6}; same set {same_keys}; max |Δvalue| {diff:.1e} "
                f"{'OK' if ok else 'MISMATCH'}"
            )
        print(
            f"threshold {100 * rel:g}%: pyspa {t_py:.3f} s, iocluster {t_ours * 1e3:.2f} ms "
            f"(3 targets); pyspa / iocluster = {t_py / t_ours:,.0f}x"
        )


def main() -> None:
    """Run both parts and print the results."""
    if not (UZ_DIR / "intermediate_use.csv").exists():
        print(f"{UZ_DIR} not found: benchmark skipped")
        return
    t = load()
    print(f"Uzbekistan 2022, {t.n} sectors, max stage {MAX_STAGE}")
    ours_cluster(t)
    versus_pyspa(t)


if __name__ == "__main__":
    sys.exit(main())
