"""``python -m benchmarks``: each goal of issue 30 measured and printed as one line with
its target (:mod:`benchmarks.goals`).

Options: ``--quick`` (small sizes, one round: a smoke run of a few minutes),
``--goals 1,3`` (only these), ``--code PATH`` (measure another checkout of iocluster,
e.g. the main branch, with the same harness: its package is put first on the children's
``PYTHONPATH``), ``--all`` (then also every older ``bench_*`` module, as ``make bench``
did before).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

import benchmarks
from benchmarks.goals import GOALS, Options, run


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run the goals (and with ``--all`` every bench_* module)."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small sizes, one round")
    ap.add_argument("--goals", default=",".join(GOALS), help="comma-separated goals (1-6)")
    ap.add_argument("--code", help="a checkout of iocluster to measure instead of this one")
    ap.add_argument("--all", action="store_true", help="also run every bench_* module")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(benchmarks.__file__).parent))  # `common` for the builders
    opts = Options(quick=args.quick, code=args.code)
    run([g.strip() for g in args.goals.split(",") if g.strip()], opts)
    if args.all:
        for mod in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
            if mod.startswith("bench_"):
                importlib.import_module(f"benchmarks.{mod}").main()


if __name__ == "__main__":
    main()
