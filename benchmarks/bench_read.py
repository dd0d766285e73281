"""Reading a table: a canonical CSV folder and a canonical workbook (``.xlsx``).

``read_table`` on a folder written by ``write_table`` (n sectors, dense) is timed against
``pandas.read_csv`` of ``intermediate_use.csv`` alone (the n×n block, no checks) in the
same run, best of 3 interleaved rounds. The block parser (:func:`iocluster.io.cells.
load_csv`, numeric files from 1 MiB on) is compared with the cell-by-cell reader it
replaces.

``read_table`` of the same table written as a workbook is timed against
``pandas.read_excel(engine="calamine")`` of the same sheets (the peer a user would reach
for) and against ``read_table`` of the CSV folder. Targets: workbook / pandas ≤ 1.5.

A published single-sheet CSV with a code column and no name column is timed against
``pandas.read_csv`` of it (the label search used to be O(n³) there; now O(n²)).

Peak memory: growth of the peak resident set of a fresh process that only reads, in n×n
float64 matrices (``8 n²`` bytes); target ≤ 3 for both formats.

Run: ``python -m benchmarks.bench_read [n ...]`` (default 300 1000 2000).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

import iocluster.io.cells as cells
from benchmarks.common import best_of_each, synthetic_table
from iocluster.io import read_table, write_table


def run(n: int, repeat: int = 3) -> dict[str, float]:
    """Seconds for each reader at size ``n``, and peak memory in n×n matrices."""
    table = synthetic_table(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_table(table, Path(tmp) / "t")
        book = write_table(table, Path(tmp) / "t.xlsx")
        default = cells.FAST_CSV_CHARS
        import openpyxl

        wb = openpyxl.load_workbook(book, read_only=True)
        names = list(wb.sheetnames)
        wb.close()

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

        def xlsx() -> object:
            return read_table(book)

        def pandas_xlsx() -> object:
            return pd.read_excel(book, sheet_name=names, header=None, engine="calamine")

        t = best_of_each(
            {
                "block": block,
                "cells": cellwise,
                "pandas": pandas_block,
                "xlsx": xlsx,
                "pandas_xlsx": pandas_xlsx,
            },
            repeat=repeat,
        )
        peak = _peak_read_memory(folder)
        peak_xlsx = _peak_read_memory(book)
    nn = 8.0 * n * n
    return {"n": n, **t, "peak_nn": peak / nn, "peak_xlsx_nn": peak_xlsx / nn}


def run_published(n: int, repeat: int = 3) -> dict[str, float]:
    """Seconds to read a published single-sheet CSV with a code column and no name
    column (the label search was O(n³) there), against ``pandas.read_csv`` of it."""
    import csv

    table = synthetic_table(n)
    codes = list(table.codes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "published.csv"
        with path.open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["Code", *codes, "Household consumption", "Total output"])
            for i in range(n):
                w.writerow([codes[i], *table.Z[i].tolist(), table.Y[i, 0], table.x[i]])
            w.writerow(["Compensation of employees", *table.V[0].tolist()])
            w.writerow(["Total output", *table.x.tolist()])

        def published() -> object:
            return read_table(path)

        def pandas_csv() -> object:
            return pd.read_csv(path, index_col=0)

        t = best_of_each({"published": published, "pandas": pandas_csv}, repeat=repeat)
    return {"n": n, **t}


# VmHWM (the process's own peak resident set; ru_maxrss would carry the parent's peak
# over the fork)
_CHILD = """
import sys
from iocluster.io import read_table

def hwm():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))

r0 = hwm()
read_table(sys.argv[1])
print(hwm() - r0)
"""


def _peak_read_memory(path: Path) -> float:
    """Growth of the peak resident set (bytes) of a fresh process that only reads
    (Linux; NaN elsewhere)."""
    if not Path("/proc/self/status").exists():
        return float("nan")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.split()[-1]) * 1024.0  # VmHWM is in kB


def main(sizes: list[int] | None = None) -> None:
    """Print two lines per size (CSV folder, workbook)."""
    print("read a canonical CSV folder and workbook (best of 3 interleaved rounds)")
    for n in sizes or [300, 1000, 2000]:
        r = run(n)
        print(
            f"  n={n:5d}  csv: read_table {r['block']:.2f}s  cell by cell {r['cells']:.2f}s "
            f"({r['cells'] / r['block']:.1f}x slower)  pandas.read_csv of Z alone "
            f"{r['pandas']:.2f}s  ratio read_table/pandas {r['block'] / r['pandas']:.2f}  "
            f"peak memory {r['peak_nn']:.1f} n x n"
        )
        print(
            f"  n={n:5d}  xlsx: read_table {r['xlsx']:.2f}s  pandas.read_excel(calamine) "
            f"{r['pandas_xlsx']:.2f}s  ratio {r['xlsx'] / r['pandas_xlsx']:.2f}  "
            f"ratio to the CSV folder {r['xlsx'] / r['block']:.2f}  "
            f"peak memory {r['peak_xlsx_nn']:.1f} n x n"
        )
    print("read a published CSV without a name column (best of 3)")
    for n in sorted({min(n, 1000) for n in sizes or [300, 1000, 2000]}):
        q = run_published(n)
        print(
            f"  n={q['n']:5d}  read_table {q['published']:.2f}s  pandas.read_csv "
            f"{q['pandas']:.2f}s  ratio {q['published'] / q['pandas']:.1f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
