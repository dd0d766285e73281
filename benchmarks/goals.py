"""The goals of issue 30, each measured in one fresh process and printed as one line:
what, measured, target, met / not met (``python -m benchmarks``; ``--quick`` for a
smoke run at small sizes in a few minutes).

Every ratio is against a baseline run in the same process (:mod:`benchmarks.child`):
one LU of the same matrix, the plain NumPy/pandas read or write of the same file, a peer
package. Memory is the peak growth of the resident set in ``n × n`` float64 matrices.

Goals (issue 30):

1. one coefficient scenario on the Uzbekistan table at least 20× faster than MARIO's
   ``shock_calc`` (MARIO runs in the benchmarks' own environment, ``make bench-env``);
   a sweep of 10,000 scenarios (a coefficient change of the bundled Uzbekistan scenario
   at 10,000 values, ``run_scenarios``) within 10× 10,000 plain solves (``lu_solve``,
   one right-hand side each, against one factorisation of the same matrix);
2. the parameter sweep of two fields (a tax cut × the export price elasticity, 100 ×
   100 pairs): in one process, shared by 2 processes and on a local Dask cluster of 2
   workers, with the same numbers bit for bit;
3. dense n = 10,000: read (.npz) + factorise + every Type I multiplier + 10 scenarios
   within 1.3× one LU: LAPACK's ``getrf`` alone on a Fortran-ordered copy of ``I − A``
   made beforehand (the stricter baseline, which decides "met"), and
   ``scipy.linalg.lu_factor(np.eye(n) - A)`` as a user writes it (printed beside);
4. peak memory of reading: .npz ≤ 1.2 n×n, CSV folder ≤ 3, workbook as close as
   calamine allows (its own peak loading the sheet is printed beside it); the whole
   n = 20,000 run (the pipeline of goal 3 on a 1 %-dense table, read from .npz) ≤ 3;
5. writers: CSV folder no slower than ``pandas.DataFrame.to_csv`` of the same blocks;
   the workbook at least 3× faster than the openpyxl writer used before; an
   interregional table written as ``.npz`` (the fast path) against the CSV folder;
6. ``analyze`` takes ``--max-draws`` and ``--scheduler``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).resolve().parent / "child.py"
PEERS = Path(__file__).resolve().parent / ".venv" / "bin" / "python"


@dataclass
class Line:
    """One printed result: goal, what, measured value, target text and whether met."""

    goal: str
    what: str
    measured: str
    target: str
    met: bool | None  # None: not measured or informational

    def __str__(self) -> str:
        status = {True: "met", False: "NOT MET", None: "-"}[self.met]
        return f"{self.goal:<4} {self.what:<66} {self.measured:>14}  {self.target:<12} {status}"


@dataclass
class Options:
    quick: bool = False
    code: str | None = None  # another checkout to measure (PYTHONPATH of the children)
    shared: Path = ROOT.parent / "shared"
    timeout: float = 3600.0


def child(opts: Options, *args: object, python: str | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    env = dict(os.environ)
    if opts.code:
        env["PYTHONPATH"] = opts.code + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [python or sys.executable, str(CHILD), *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=opts.timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
    out: dict[str, Any] = json.loads(lines[-1])
    return out


def _write_scale_npz(n: int, density: float, path: Path) -> None:
    """Build the synthetic table in a child interpreter (its memory is freed when it
    ends) and write it as .npz."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[4]);"
        "from common import scale_table; from iocluster.io import write_table;"
        "write_table(scale_table(int(sys.argv[1]), density=float(sys.argv[2])), sys.argv[3])"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(n), str(density), str(path), str(CHILD.parent)],
        check=True,
    )


def _ratio(x: float) -> str:
    return f"{x:.2f}x"


# ------------------------------------------------------------------------------ goals
def goal_1(opts: Options) -> list[Line]:
    out: list[Line] = []
    uz = opts.shared / "data" / "uzbekistan-2022"
    if not uz.exists():
        return [Line("1", "Uzbekistan table not found: goal 1 not measured", "-", "", None)]
    if PEERS.exists():
        try:
            r = child(opts, "mario", opts.shared, 3 if opts.quick else 7, python=str(PEERS))
            ratio = r["mario"] / r["iocluster"]
            out.append(Line("1a", f"one scenario, Uzbekistan: MARIO shock_calc {r['mario']:.3f} s"
                                  f" / run_scenarios {r['iocluster']:.3f} s",
                            _ratio(ratio), ">= 20x", ratio >= 20))  # fmt: skip
            like = r["mario"] / r["like"]
            out.append(Line("1a", f"  like for like (no contributions by shock, as shock_calc): "
                                  f"{r['like']:.4f} s", _ratio(like), ">= 20x",
                            like >= 20))  # fmt: skip
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            out.append(Line("1a", f"MARIO comparison failed: {exc}"[:66], "-", ">= 20x", None))
    else:
        out.append(
            Line("1a", "MARIO not installed: run `make bench-env` first", "-", ">= 20x", None)
        )
    runs = 1000 if opts.quick else 10_000
    try:
        r = child(opts, "sweep", opts.shared, runs)
        ratio = r["sweep"] / r["plain"]
        out.append(Line("1b", f"sweep of {runs:,} scenarios {r['sweep']:.2f} s / {runs:,} plain "
                              f"solves {r['plain']:.2f} s", _ratio(ratio), "<= 10x",
                        ratio <= 10))  # fmt: skip
        _SWEEP.update(r)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        out.append(Line("1b", f"sweep failed: {exc}"[:66], "-", "<= 10x", None))
    draws = 250 if opts.quick else 1000
    r = child(opts, "montecarlo", opts.shared, draws)
    out.append(Line("1 ", f"(issue table) {draws} Monte Carlo draws {r['mc']:.2f} s / {draws} "
                          f"lu_solve calls {r['plain']:.2f} s", _ratio(r["mc"] / r["plain"]),
                    "(was 4.1x)", None))  # fmt: skip
    return out


#: goal 1b's child result, reused by goal 2 when both run (one sweep measurement)
_SWEEP: dict[str, Any] = {}


def goal_2(opts: Options) -> list[Line]:
    uz = opts.shared / "data" / "uzbekistan-2022"
    if not uz.exists():
        return [Line("2", "Uzbekistan table not found: goal 2 not measured", "-", "", None)]
    r = _SWEEP or child(opts, "sweep", opts.shared, 1000 if opts.quick else 10_000)
    n = r["grid_runs"]
    out = [
        Line("2", f"sweep of two fields, {n:,} pairs: one process {r['grid']:.2f} s, "
                  f"2 processes {r['grid_jobs2']:.2f} s", "same" if r["same_jobs2"] else
             "DIFFERENT", "same numbers", r["same_jobs2"]),
    ]  # fmt: skip
    if "grid_dask" in r:
        out.append(Line("2", f"  the same grid on a local Dask cluster (2 workers) "
                             f"{r['grid_dask']:.2f} s", "same" if r["same_dask"] else
                        "DIFFERENT", "same numbers", r["same_dask"]))  # fmt: skip
    else:
        out.append(Line("2", "  Dask path not measured (pip install 'iocluster[dask]')", "-",
                        "", None))  # fmt: skip
    return out


def goal_3(opts: Options) -> list[Line]:
    n = 1500 if opts.quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.npz"
        _write_scale_npz(n, 1.0, path)
        # five rounds, best of each side: LAPACK's getrf alone varies by ±0.6 s (8–9 s) from
        # run to run on the project's shared machines, as much as the pipeline adds to it
        r = child(opts, "pipeline", path, 1 if opts.quick else 5)
    best = min(r["runs"], key=lambda ph: ph["total"])
    lu, bare = min(r["lu"]), min(r["getrf"])
    parts = ", ".join(f"{k} {best[k]:.2f}" for k in ("read", "A", "factorise", "multipliers",
                                                       "scenarios"))  # fmt: skip
    ratio = best["total"] / bare  # the stricter baseline: LAPACK's getrf alone
    return [
        Line("3", f"dense n={n}: read+factorise+Type I multipliers+10 scenarios / getrf",
             _ratio(ratio), "<= 1.3x", ratio <= 1.3),
        Line("3 ", f"  / lu_factor(np.eye(n) - A) as a user writes it ({lu:.2f} s)",
             _ratio(best["total"] / lu), "<= 1.3x", None),
        Line("3 ", f"  {best['total']:.2f} s = {parts}; getrf {bare:.2f} s",
             f"peak {r['peak_nn']:.2f}", "(n x n)", None),
    ]  # fmt: skip


def goal_4(opts: Options) -> list[Line]:
    from benchmarks.common import scale_table
    from iocluster.io import write_table

    n = 1000 if opts.quick else 4000
    out: list[Line] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t = scale_table(n)
        paths = {"npz": d / "t.npz", "CSV folder": d / "t", "xlsx": d / "t.xlsx"}
        for p in paths.values():
            write_table(t, p)
        del t
        for name, p in paths.items():
            r = child(opts, "read_peak", p)
            target = {"npz": 1.2, "CSV folder": 3.0}.get(name)
            if target is not None:
                out.append(
                    Line(
                        "4",
                        f"peak memory reading a {name}, n={n} ({r['seconds']:.2f} s)",
                        f"{r['peak_nn']:.2f} n2",
                        f"<= {target}",
                        r["peak_nn"] <= target,
                    )
                )
            else:
                cal = child(opts, "calamine_peak", p, n)
                close = r["peak_nn"] <= 1.1 * cal["peak_nn"]  # within 10 % of calamine's own
                out.append(
                    Line(
                        "4",
                        f"peak memory reading a {name}, n={n} ({r['seconds']:.2f} s); "
                        f"calamine alone {cal['peak_nn']:.2f} n2",
                        f"{r['peak_nn']:.2f} n2",
                        "~ calamine",
                        close,
                    )
                )
        times = _read_times(opts, d, n)
    out += times
    out.append(_run_20k(opts))
    return out  # fmt: skip


def _read_times(opts: Options, d: Path, n: int) -> list[Line]:
    """The issue table's reading rows (n = 1000): each reader against NumPy/pandas."""
    from benchmarks.common import scale_table
    from iocluster.io import write_table

    k = 1000
    if n != k:
        t = scale_table(k)
        d = d / "k"
        d.mkdir()
        for p in (d / "t.npz", d / "t", d / "t.xlsx"):
            write_table(t, p)
    r = child(opts, "read_times", d, 1 if opts.quick else 3)
    rows = [
        ("npz", "np_load", "read .npz / np.load", "(was 2.7x)"),
        ("csv", "pd_csv", "read CSV folder / pandas.read_csv of Z", "(was 1.7x)"),
        ("xlsx", "pd_xlsx", "read xlsx / pandas.read_excel(calamine)", "(was 1.14x)"),
    ]
    return [Line("4 ", f"(issue table) {what}, n={k}: {r[a]:.3f} s / {r[b]:.3f} s",
                 _ratio(r[a] / r[b]), was, None) for a, b, what, was in rows]  # fmt: skip


def _run_20k(opts: Options) -> Line:
    n = 6000 if opts.quick else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.npz"
        _write_scale_npz(n, 0.01, path)
        r = child(opts, "pipeline", path, 1, 0)
    ph = r["runs"][0]
    return Line(
        "4",
        f"peak of the whole n={n} run (1 % dense, GMRES; {ph['total']:.1f} s)",
        f"{r['peak_nn']:.2f} n2",
        "<= 3",
        r["peak_nn"] <= 3.0,
    )


def goal_5(opts: Options) -> list[Line]:
    from benchmarks.bench_interregional import _national, _regional
    from benchmarks.common import scale_table
    from iocluster.io import write_table
    from iocluster.regional.interregional.build import build_interregional

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_table(scale_table(1000), d / "t.npz")
        nat = _national(136)
        ir = build_interregional(nat, *_regional(nat, 14))
        write_table(ir, d / "ir.npz")
        r = child(opts, "write_times", d, 1 if opts.quick else 2)
    csv = r["csv"] / r["pd_csv"]
    xlsx = r["legacy_xlsx"] / r["xlsx"]
    return [
        Line("5", f"write CSV folder n={r['n']} {r['csv']:.2f} s / pandas to_csv "
                  f"{r['pd_csv']:.2f} s",
             _ratio(csv), "<= 1x", csv <= 1.0),
        Line("5", f"write xlsx n={r['n']}: openpyxl (before) {r['legacy_xlsx']:.2f} s / "
                  f"now {r['xlsx']:.2f} s", _ratio(xlsx), ">= 3x", xlsx >= 3.0),
        Line("5", f"interregional n={r['ir_n']}: CSV folder {r['ir_csv']:.2f} s / -o OUT.npz "
                  f"{r['ir_npz']:.3f} s", _ratio(r["ir_csv"] / r["ir_npz"]), "supported", True),
        Line("5 ", f"(issue table) write n={r['n']}: xlsx {r['xlsx']:.2f} s, CSV {r['csv']:.2f} s,"
                   f" npz {r['npz']:.3f} s", "-", "", None),
    ]  # fmt: skip


def goal_6(opts: Options) -> list[Line]:
    env = dict(os.environ, COLUMNS="200")
    if opts.code:
        env["PYTHONPATH"] = opts.code
    out = subprocess.run([sys.executable, "-m", "iocluster.cli", "analyze", "--help"],
                         capture_output=True, text=True, env=env).stdout  # fmt: skip
    flags = [f for f in ("--max-draws", "--scheduler") if f in out]
    return [
        Line(
            "6",
            "analyze takes --max-draws and --scheduler (as shock)",
            " ".join(flags) or "none",
            "both",
            len(flags) == 2,
        )
    ]


GOALS: dict[str, Callable[[Options], list[Line]]] = {
    "1": goal_1, "2": goal_2, "3": goal_3, "4": goal_4, "5": goal_5, "6": goal_6,
}  # fmt: skip


def run(goals: list[str], opts: Options) -> list[Line]:
    """Measure and print the goals, one line each as they finish."""
    if opts.quick:
        print(
            "quick run: small sizes, one round; the targets hold at the goals' sizes (a "
            "small table's fixed costs weigh more), so read 'met' as indicative",
            flush=True,
        )
    print(f"{'goal':<4} {'what':<66} {'measured':>14}  {'target':<12} status", flush=True)
    lines: list[Line] = []
    for g in goals:
        try:
            got = GOALS[g](opts)
        except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
            got = [Line(g, f"failed: {exc}"[:66], "-", "", None)]
        for ln in got:
            print(ln, flush=True)
        lines += got
    return lines
