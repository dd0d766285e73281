"""A multiregional table of GLORIA's size (issue 31 §4) against pymrio's ``calc_all``.

A synthetic, seeded, dense table of R regions × n sectors (default R = 164, n = 120:
N = 19,680 sectors, GLORIA's size), final demand by buying region, value added and two
satellite rows. Each side runs in a fresh process (peak memory is the growth of the
process's peak resident set, VmHWM, in n×n float64 matrices of 8 N² bytes, the input
flows included):

- **iocluster**: the flows into an :class:`~iocluster.table.IOTable` (its coefficients
  ``A``), one LU factorisation of I − A (L is never formed), then what pymrio's
  ``calc_all`` computes for the same table — the satellite multipliers M = S L (one
  transposed solve) and the value added of every origin region in every region's final
  demand (one solve with one right-hand side per region: the footprint of value added)
  — and, beyond it, trade in value added (2R + 3 transposed right-hand sides), the KWW
  decomposition of every region's gross exports and the WWZ decomposition of one
  exporter.
- **pymrio**: ``IOSystem(Z, Y, extensions).calc_all()``: x, A, L = inv(I − A), and for
  each extension S, M, the consumption- and production-based accounts. It runs under a
  memory cap (``RLIMIT_AS``, 70 % of the memory available when it starts) so that it
  cannot take the machine (and the other work on it) down; where it does not fit, the
  report says so.

The ratio reported is pymrio's time over iocluster's for the same operations. Run:
``python -m benchmarks.bench_mrio [R n ...]`` (pairs; default ``164 120``), or
``--small`` (R = 20, n = 30, seconds) for a quick look.
"""

from __future__ import annotations

import json
import subprocess
import sys

#: GLORIA: 164 regions × 120 sectors.
GLORIA = (164, 120)

_COMMON = r"""
import json, sys, time
import numpy as np

def hwm():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmHWM"))

R, n = int(sys.argv[1]), int(sys.argv[2])
N = R * n
rng = np.random.default_rng(31)
base = hwm()
x = rng.uniform(120.0, 180.0, N)
Z = rng.random((N, N))                      # the flows, made in place: Z = A x̂
Z *= 1.0 / (Z.sum(axis=0).max() * 2.0)      # column sums of A below 0.5
Z *= x[None, :]
y = x - Z.sum(axis=1)                       # final demand closes the rows (> 0)
home = rng.uniform(0.5, 0.8, N)
Y = np.outer(y * (1 - home), np.ones(R) / R)
Y[np.arange(N), np.repeat(np.arange(R), n)] += y * home
va = x - Z.sum(axis=0)
F = np.vstack([va, rng.uniform(0.0, 1.0, N) * x])  # value added, a physical satellite
regions = [f"r{k:03d}" for k in range(R)]
sectors = [f"s{i:03d}" for i in range(n)]
times = {}
def step(name, fn):
    t0 = time.perf_counter()
    out = fn()
    times[name] = time.perf_counter() - t0
    return out
"""

_IOCLUSTER = (
    _COMMON
    + r"""
from iocluster.analysis.multipliers import multipliers
from iocluster.regional.multiregional.decompose import kww_decomposition, wwz_decomposition
from iocluster.regional.multiregional.tiva import trade_in_value_added
from iocluster.table import IOTable

def table():
    Z.setflags(write=False)  # handed over as read-only float64: kept without a copy
    return IOTable(
        codes=tuple(f"{r}/{s}" for r in regions for s in sectors),
        names=tuple(f"{s} ({r})" for r in regions for s in sectors),
        labels=tuple(f"{r}/{s}" for r in regions for s in sectors),
        Z=Z, Y=Y, fd_names=tuple(f"{r}/final demand" for r in regions),
        fd_roles=("household",) * R, V=va[None, :], va_names=("value added",),
        va_roles=("value_added",), x=x, F=F[1:], satellite_names=("emissions",),
        satellite_units=("kg",),
        tags={"region": tuple(r for r in regions for _ in sectors),
              "sector": tuple(s for _ in regions for s in sectors)},
    )

t = step("table and A", lambda: (lambda t: (t, t.A))(table())[0])
step("factorise (LU)", lambda: t.leontief)
step("multipliers M = S L", lambda: multipliers(t, ["value_added", "emissions"],
                                                kinds=["simple"]))
tiva = step("TiVA (+ value added by origin × destination)",
            lambda: trade_in_value_added(t, services=list(range(n // 2, N, n)), detail=[]))
kww = step("KWW (every region)", lambda: kww_decomposition(t))
step("WWZ (one exporter)", lambda: wwz_decomposition(t, [regions[0]]))
gap = float((kww.iloc[:, 1:10].sum(axis=1) - kww["exports"]).abs().max() / kww["exports"].max())
print(json.dumps({"times": times, "peak": hwm() - base, "N": N, "kww_gap": gap}))
"""
)

_PYMRIO = (
    _COMMON
    + r"""
import resource
import pandas as pd
import pymrio

with open("/proc/meminfo") as fh:
    avail = next(int(l.split()[1]) * 1024 for l in fh if l.startswith("MemAvailable"))
cap = int(0.7 * avail) + hwm()
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
idx = pd.MultiIndex.from_product([regions, sectors], names=["region", "sector"])
cidx = pd.MultiIndex.from_product([regions, ["final demand"]], names=["region", "category"])
ext = {"name": "satellites", "F": pd.DataFrame(F, index=["value added", "emissions"],
       columns=idx), "unit": pd.DataFrame({"unit": ["M.USD", "kg"]},
       index=["value added", "emissions"])}
try:
    io = step("IOSystem", lambda: pymrio.IOSystem(
        Z=pd.DataFrame(Z, index=idx, columns=idx, copy=False),
        Y=pd.DataFrame(Y, index=idx, columns=cidx), satellites=ext))
    del Z
    step("calc_all", io.calc_all)
    status = "ok"
except MemoryError:
    status = f"MemoryError under a cap of {cap / 2**30:.1f} GiB"
print(json.dumps({"times": times, "peak": hwm() - base, "N": N, "status": status}))
"""
)


def run(kind: str, R: int, n: int) -> dict:
    """One side in a fresh process: times (s), peak memory (bytes), N."""
    code = _IOCLUSTER if kind == "iocluster" else _PYMRIO
    out = subprocess.run(
        [sys.executable, "-c", code, str(R), str(n)], capture_output=True, text=True
    )
    if out.returncode != 0:
        return {"times": {}, "peak": float("nan"), "N": R * n,
                "status": out.stderr.strip().splitlines()[-1][:200]}  # fmt: skip
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def report(R: int, n: int) -> None:
    """Run both sides at R × n and print the times, the ratio and peak memory."""
    ours = run("iocluster", R, n)
    theirs = run("pymrio", R, n)
    N = R * n
    unit = 8.0 * N * N
    print(f"\nR = {R} regions × n = {n} sectors (N = {N:,}); one n×n matrix = "
          f"{unit / 2**30:.2f} GiB")  # fmt: skip
    for name, res in (("iocluster", ours), ("pymrio", theirs)):
        print(f"  {name}: peak {res['peak'] / unit:.2f} n×n; {res.get('status', 'ok')}")
        for step, sec in res["times"].items():
            print(f"    {step:<48} {sec:9.1f} s")
    same = ["table and A", "factorise (LU)", "multipliers M = S L"]
    mine = sum(ours["times"].get(k, float("nan")) for k in same)
    mine += ours["times"].get("TiVA (+ value added by origin × destination)", float("nan"))
    if theirs.get("status", "ok") == "ok" and theirs["times"]:
        total = theirs["times"]["calc_all"]
        print(f"  pymrio calc_all / iocluster (the same accounts, TiVA included): "
              f"{total / mine:.1f}×")  # fmt: skip
    print(f"  KWW terms add up to gross exports to {ours.get('kww_gap', float('nan')):.1e}")


def main(argv: list[str] | None = None) -> None:
    """``make bench`` runs the small size; pass ``164 120`` for GLORIA's."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args == ["--small"]:
        report(20, 30)
        return
    sizes = [int(a) for a in args]
    for R, n in zip(sizes[::2], sizes[1::2], strict=True):
        report(R, n)


if __name__ == "__main__":
    main()
