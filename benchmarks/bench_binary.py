"""Reading a binary ``.npz`` table against the CSV folder of the same table.

A dense synthetic table of n sectors is written both ways by ``write_table``; both are
read by ``read_table`` in interleaved rounds (best of 3). Target (issue 20): the ``.npz``
reads at least 5 times faster than the CSV folder at n = 4000.

Run: ``python -m benchmarks.bench_binary [n ...]`` (default 1000 4000).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.common import best_of_each, synthetic_table
from iocluster.io import read_table, write_table


def run(n: int) -> dict[str, float]:
    """Seconds to read the CSV folder and the ``.npz`` file of one table of size ``n``."""
    table = synthetic_table(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_table(table, Path(tmp) / "t")
        npz = write_table(table, Path(tmp) / "t.npz")
        t = best_of_each(
            {"csv": lambda: read_table(folder), "npz": lambda: read_table(npz)}, repeat=3
        )
        size = {"csv": sum(f.stat().st_size for f in folder.iterdir()), "npz": npz.stat().st_size}
    return {"n": n, **t, "csv_mb": size["csv"] / 1e6, "npz_mb": size["npz"] / 1e6}


def main(sizes: list[int] | None = None) -> None:
    """Print one line per size."""
    print("read a binary .npz table vs the CSV folder (best of 3 interleaved rounds)")
    for n in sizes or [1000, 4000]:
        r = run(n)
        print(
            f"  n={n:5d}  CSV folder {r['csv']:.2f}s ({r['csv_mb']:.0f} MB)  "
            f".npz {r['npz']:.2f}s ({r['npz_mb']:.0f} MB)  ratio CSV/npz {r['csv'] / r['npz']:.1f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
