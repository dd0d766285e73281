"""Scale: synthetic tables of n = 4000 and 8000 (dense) and n = 20000 (sparse, ~1 %).

For each size a fresh subprocess builds the table, validates it, factorises ``I − A``,
computes output multipliers and runs one final-demand scenario, and reports the time of
each phase and the peak memory as a multiple of one n×n float64 matrix (``8 n²`` bytes):

- ``traced``: tracemalloc's peak (every numpy array; not LAPACK's internal workspace);
- ``rss``: growth of the process's peak resident set (``VmHWM``, else ``ru_maxrss``)
  over the imports.

Target: peak <= 4 n×n matrices on the dense path. The baseline of the "ratio" column is
the factorisation alone (one LU) measured in the same run.

Run ``python -m benchmarks.bench_scale [n ...]`` (default 4000 8000 20000). The
n = 20000 child runs under an address-space limit (``--limit-gib``, default 20) so that
running out of memory is a clean ``MemoryError`` reported here, not the OOM killer;
``--timeout SECONDS`` stops a child and reports the phases it finished.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

SIZES = (4000, 8000, 20000)
SPARSE_FROM = 20000

_CHILD = r"""
import json, resource, sys, time, tracemalloc
import numpy as np

n, density = int(sys.argv[1]), float(sys.argv[2])
import iocluster.analysis.multipliers
import iocluster.analysis.validate
import iocluster.scenarios.run
from iocluster.table import IOTable

def peak_rss():
    # VmHWM is this process's own peak; ru_maxrss may carry the parent's across the fork
    try:
        with open("/proc/self/status") as fh:
            return 1024 * next(int(l.split()[1]) for l in fh if l.startswith("VmHWM"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

rss0 = peak_rss()
tracemalloc.start()
out = {"n": n, "density": density, "phases": {}}

def phase(name, fn):
    t0 = time.perf_counter()
    try:
        res = fn()
    except MemoryError:
        out["phases"][name] = {"seconds": None, "error": "MemoryError"}
        raise
    out["phases"][name] = {
        "seconds": time.perf_counter() - t0,
        "traced_peak": tracemalloc.get_traced_memory()[1],
        "rss_peak": peak_rss() - rss0,
    }
    out["matrix_bytes"] = 8 * n * n
    print(json.dumps(out), flush=True)  # partial results survive a timeout
    return res

def build():
    # A with row and column sums <= 0.3 and x in [1, 2]: Z = A x̂ and y = x − Z1 > 0.
    rng = np.random.default_rng(0)
    x = rng.uniform(1.0, 2.0, n)
    Z = rng.random((n, n))
    if density < 1:
        Z *= rng.random((n, n)) < density
    s = 0.3 / max(Z.sum(axis=0).max(), Z.sum(axis=1).max())
    Z *= s
    Z *= x  # columns scaled by output: Z = A x̂
    y = x - Z.sum(axis=1)
    va = x - Z.sum(axis=0)
    t = IOTable.from_arrays(
        Z, np.column_stack([0.5 * y, 0.5 * y]), np.vstack([0.5 * va, 0.5 * va]), x=x,
        codes=[f"S{i}" for i in range(n)], fd_names=["household", "exports"],
        fd_roles=["household", "exports"], va_names=["compensation", "surplus"],
        va_roles=["compensation", "operating_surplus"])
    return t

try:
    t = phase("load", build)
    phase("factorise", lambda: t.leontief)
    phase("validate", lambda: iocluster.analysis.validate.validate_table(t))
    phase("multipliers", lambda: iocluster.analysis.multipliers.output_multipliers(t))
    doc = {"scenario": [{"name": "s", "shock": [
        {"kind": "final_demand", "sectors": ["S1", "S2"], "category": "exports",
         "change": 10, "unit": "percent"}]}]}
    phase("scenario", lambda: iocluster.scenarios.run.run_document(t, doc))
except MemoryError:
    out["error"] = "MemoryError"
out["matrix_bytes"] = 8 * n * n
print(json.dumps(out))
"""


def run_size(n: int, limit_gib: float, timeout: float = 3600.0) -> dict:
    """One size in a fresh interpreter (so the peak resident set is this size's)."""
    density = 0.01 if n >= SPARSE_FROM else 1.0

    def limit() -> None:
        cap = int(limit_gib * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    cmd = [sys.executable, "-c", _CHILD, str(n), str(density)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, preexec_fn=limit, timeout=timeout
        )
        stdout, stderr, note = proc.stdout, proc.stderr, ""
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        stdout = raw.decode() if isinstance(raw, bytes) else raw
        stderr, note = "", f"timed out after {timeout:.0f} s in the next phase"
    lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"n": n, "density": density, "error": note or stderr.strip()[-400:], "phases": {}}
    res = dict(json.loads(lines[-1]))
    if note:
        res["error"] = note
    return res


def report(res: dict) -> None:
    n, mb = res["n"], 8 * res["n"] ** 2
    kind = "dense" if res["density"] >= 1 else f"sparse {res['density']:.0%}"
    print(f"n = {n} ({kind}); one n×n float64 matrix = {mb / 2**30:.2f} GiB")
    base = res["phases"].get("factorise", {}).get("seconds")
    for name, ph in res["phases"].items():
        if ph.get("seconds") is None:
            print(f"  {name:12} {ph.get('error', 'failed')}")
            continue
        ratio = f"{ph['seconds'] / base:6.2f}x LU" if base else ""
        print(
            f"  {name:12} {ph['seconds']:8.2f} s {ratio}  peak traced "
            f"{ph['traced_peak'] / mb:5.2f} n², rss {ph['rss_peak'] / mb:5.2f} n² "
            f"({ph['rss_peak'] / 2**30:.2f} GiB)"
        )
    if "error" in res:
        print(f"  stopped: {res['error']}")


def main(argv: list[str] | None = None) -> None:
    """Run each size in its own subprocess and print phases, times and peak memory."""
    args = list(sys.argv[1:] if argv is None else argv)
    limit, timeout = 20.0, 3600.0
    if "--limit-gib" in args:
        k = args.index("--limit-gib")
        limit = float(args[k + 1])
        del args[k : k + 2]
    if "--timeout" in args:
        k = args.index("--timeout")
        timeout = float(args[k + 1])
        del args[k : k + 2]
    sizes = [int(a) for a in args] or list(SIZES)
    print("bench_scale: load, validate, factorise, multipliers, one scenario")
    for n in sizes:
        t0 = time.perf_counter()
        res = run_size(n, limit, timeout)
        report(res)
        print(f"  (child wall time {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
