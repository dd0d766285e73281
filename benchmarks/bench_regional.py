"""Regionalisation and cluster identification against one LU factorisation.

- ``regionalize``: :func:`iocluster.regional.regionalize.regionalize` of one region (LQ matrix,
  regional table, its validation) plus its simple output multipliers (one factorisation
  and one transposed solve) — per region;
- ``feser-bergman``, ``louvain``, ``mst``: :func:`iocluster.regional.clustering.identify_clusters`;
- ``baseline``: one ``scipy.linalg.lu_factor`` of I − A of the same size.

Prints each time and its ratio to the baseline. Run:
``python -m benchmarks.bench_regional [n ...]`` (default n = 136 and 500).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import scipy.linalg as sla

from benchmarks.common import best_of, synthetic_flows
from iocluster.io.regional import regional_data_from_frame
from iocluster.regional.clustering import identify_clusters
from iocluster.regional.regionalize import regional_multipliers, regionalize
from iocluster.table import IOTable


def _table(n: int) -> IOTable:
    Z, y = synthetic_flows(n, seed=1, density=0.3)
    x = Z.sum(axis=1) + y
    return IOTable.from_arrays(
        Z,
        y,
        (x - Z.sum(axis=0))[None, :],
        x=x,
        codes=[f"S{i}" for i in range(n)],
        F=np.round(x / 10)[None, :] + 1,
        satellite_names=["employment"],
        satellite_units=["persons"],
    )


def main(sizes: list[int] | None = None) -> None:
    """Time each step for each size and print ratios to one LU factorisation."""
    for n in sizes or [136, 500]:
        t = _table(n)
        rng = np.random.default_rng(0)
        emp = t.satellite("employment")
        df = pd.DataFrame({"code": list(t.codes), "R": np.floor(emp * rng.uniform(0, 0.3, n))})
        data = regional_data_from_frame(df, t)
        M = np.eye(n) - np.asarray(t.A)
        base = best_of(lambda M=M: sla.lu_factor(M))  # type: ignore[misc]
        print(f"n = {n}: baseline lu_factor {base * 1e3:.2f} ms")

        def region(t: IOTable = t, data: object = data) -> None:
            r = regionalize(t, data, "R", "flq")  # type: ignore[arg-type]
            regional_multipliers(t, {"R": r})

        steps = {
            "regionalize+multipliers": region,
            "feser-bergman": lambda t=t: identify_clusters(t, "feser-bergman"),
            "louvain": lambda t=t: identify_clusters(t, "louvain", seed=0),
            "mst": lambda t=t: identify_clusters(t, "mst"),
        }
        for name, fn in steps.items():
            sec = best_of(fn, repeat=1 if n > 300 else 3)
            print(f"  {name:<24} {sec * 1e3:10.1f} ms   ratio {sec / base:10.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
