"""Run every benchmark: ``python -m benchmarks`` (or ``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil

import benchmarks


def main() -> None:
    """Import each ``benchmarks.bench_*`` module and call its ``main()``."""
    for mod in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
        if mod.startswith("bench_"):
            importlib.import_module(f"benchmarks.{mod}").main()


if __name__ == "__main__":
    main()
