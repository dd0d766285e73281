"""Exit code, time, peak memory and first line of each bad-input corpus case, through the
installed command line (``/usr/bin/time``): the before/after figures of issue 27.

Usage: ``python scripts/corpus_costs.py [PREFIX] [FOLDER]`` — the cases whose id starts
with PREFIX (default ``i27_``), built in FOLDER (default a temporary folder). Prints one
Markdown row per case: id, what, exit code, seconds, peak MB, the error or warning line.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))

from make_corpus import build  # noqa: E402


def main(prefix: str = "i27_", folder: str | None = None) -> None:
    d = Path(folder or tempfile.mkdtemp(prefix="corpus-"))
    exe = str(Path(sys.executable).with_name("iocluster"))
    for case in build(d):
        if not case.id.startswith(prefix):
            continue
        args = [a.replace("{d}", str(d)) for a in case.argv]
        r = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", exe, *args],
                           capture_output=True, text=True, cwd=d)  # fmt: skip
        timing = [ln for ln in r.stderr.splitlines() if ln.startswith("TIME")][-1].split()
        said = next((ln for ln in r.stderr.splitlines() if ln.startswith(("error", "warning"))),
                    "(runs)")  # fmt: skip
        print(f"| `{case.id}` | {case.what} | {r.returncode} | {float(timing[1]):.2f} s | "
              f"{int(timing[2]) / 1024:.0f} MB | {said[:120]} |")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:3])
