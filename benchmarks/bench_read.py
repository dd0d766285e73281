"""Reading a canonical CSV folder, against pandas reading its largest block alone.

``read_table`` on a folder written by ``write_table`` (n sectors, dense) is timed against
``pandas.read_csv`` of ``intermediate_use.csv`` alone (the n×n block, no checks) in the
same run, best of 3 interleaved rounds. The block parser (:func:`iocluster.io.cells.
load_csv`, files from 1 MiB on) is compared with the cell-by-cell reader it replaces for
plain-number files. Peak memory is measured by ``benchmarks.bench_scale``.

Run: ``python -m benchmarks.bench_read [n ...]`` (default 1000 2000).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

import iocluster.io.cells as cells
from benchmarks.common import best_of_each, synthetic_flows
from iocluster.io import read_table, write_table
from iocluster.table import IOTable


def run(n: int) -> dict[str, float]:
    """Seconds for the three readers at size ``n``."""
    Z, y = synthetic_flows(n)
    x = Z.sum(axis=1) + y
    table = IOTable.from_arrays(Z, y, x - Z.sum(axis=0), x=x, codes=[f"S{i}" for i in range(n)])
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_table(table, Path(tmp) / "t")
        default = cells.FAST_CSV_CHARS

        def block() -> object:
            return read_table(folder)

        def cellwise() -> object:
            cells.FAST_CSV_CHARS = 1 << 62
            try:
                return read_table(folder)
            finally:
                cells.FAST_CSV_CHARS = default

        def pandas_block() -> object:
            return pd.read_csv(folder / "intermediate_use.csv", index_col=0)

        t = best_of_each({"block": block, "cells": cellwise, "pandas": pandas_block}, repeat=3)
    return {"n": n, **t}


def main(sizes: list[int] | None = None) -> None:
    """Print one line per size."""
    print("read a canonical CSV folder (best of 3 interleaved rounds)")
    for n in sizes or [1000, 2000]:
        r = run(n)
        print(
            f"  n={n:5d}  read_table {r['block']:.2f}s  cell by cell {r['cells']:.2f}s "
            f"({r['cells'] / r['block']:.1f}x slower)  pandas.read_csv of Z alone "
            f"{r['pandas']:.2f}s  ratio read_table/pandas {r['block'] / r['pandas']:.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
