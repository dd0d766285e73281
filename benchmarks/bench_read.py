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

A sparse table (n = 4000, 0.5 % of ``Z`` non-zero, issue 17 §3), as a CSV folder and as
a workbook: read, ``A`` and the factorisation of ``I − A`` in a fresh process each, with
``A`` kept sparse (now) and with ``A`` forced dense in the same run (as before issue 17;
the factorisation takes the sparse path either way). Peak memory after each step in
n×n matrices; the saving is one dense ``A``: ``Z`` itself stays dense in ``IOTable``.

Run: ``python -m benchmarks.bench_read [n ...]`` (default 300 1000 2000); the sparse
table alone: ``python -m benchmarks.bench_read --sparse [n]`` (default 4000).
"""

from __future__ import annotations

import json
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


SPARSE_N = 4000
SPARSE_DENSITY = 0.005

# read, then A, then the factorisation; the peak resident set after each (VmHWM, kB)
# and the resident set still held at the end (VmRSS, kB: the table, A and the factors).
# argv: path, "1" to keep A sparse (the default rule) or "0" to force it dense.
_CHILD_SPARSE = """
import json, sys, time
import iocluster.table
from iocluster.io import read_table

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

def hwm():
    return status("VmHWM")

if sys.argv[2] == "0":
    iocluster.table.sparse_pays = lambda n, nnz: False  # A dense, as before issue 17
out = {}
r0, h0 = hwm(), status("VmRSS")
t0 = time.perf_counter()
t = read_table(sys.argv[1])
t1 = time.perf_counter()
out["read_peak"] = hwm() - r0
A = t.A
t2 = time.perf_counter()
out["A_peak"] = hwm() - r0
t.leontief
t3 = time.perf_counter()
out["factorise_peak"] = hwm() - r0
out["held"] = status("VmRSS") - h0  # what the table, A and the factors keep
out.update(read=t1 - t0, A=t2 - t1, factorise=t3 - t2, sparse=not hasattr(A, "flags"))
print(json.dumps(out))
"""


def _sparse_child(path: Path, keep_sparse: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD_SPARSE, str(path), "1" if keep_sparse else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    r: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return r


def run_sparse(n: int = SPARSE_N, density: float = SPARSE_DENSITY) -> dict[str, dict]:
    """Read + ``A`` + factorise of a sparse table (CSV folder and workbook), ``A`` sparse
    and ``A`` forced dense, each in a fresh process (Linux: VmHWM)."""
    table = synthetic_table(n, density=density)
    res: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {
            "csv": write_table(table, Path(tmp) / "t"),
            "xlsx": write_table(table, Path(tmp) / "t.xlsx"),
        }
        for fmt, path in paths.items():
            for keep in (False, True):
                res[f"{fmt}_{'sparse' if keep else 'dense'}"] = _sparse_child(path, keep)
    return res


def main_sparse(n: int = SPARSE_N) -> None:
    """Print the sparse-table lines: A dense (before) and A sparse (now), per format."""
    if not Path("/proc/self/status").exists():
        print("sparse table: peak memory needs Linux /proc; skipped")
        return
    print(
        f"read + A + factorise a sparse table, n={n}, {SPARSE_DENSITY:.1%} non-zero "
        "(fresh process each; peak memory in n x n after read / A / factorise)"
    )
    nn = 8.0 * n * n / 1024.0  # VmHWM is in kB
    r = run_sparse(n)
    for fmt in ("csv", "xlsx"):
        for how in ("dense", "sparse"):
            q = r[f"{fmt}_{how}"]
            print(
                f"  {fmt:4s} A {how:6s}: read {q['read']:.2f}s  A {q['A']:.2f}s  "
                f"factorise {q['factorise']:.2f}s  peak {q['read_peak'] / nn:.1f} / "
                f"{q['A_peak'] / nn:.1f} / {q['factorise_peak'] / nn:.1f} n x n  "
                f"held after factorise {q['held'] / nn:.1f} n x n"
            )
        d, s = r[f"{fmt}_dense"], r[f"{fmt}_sparse"]
        secs = [q["read"] + q["A"] + q["factorise"] for q in (s, d)]
        print(
            f"  {fmt:4s} ratio A sparse / A dense: peak "
            f"{s['factorise_peak'] / d['factorise_peak']:.2f}  held {s['held'] / d['held']:.2f}"
            f"  time {secs[0] / secs[1]:.2f}"
        )


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
    if sizes is None:
        main_sparse()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sparse"]:
        main_sparse(*[int(a) for a in sys.argv[2:3]])
    else:
        main([int(a) for a in sys.argv[1:]] or None)
