"""The README's command-line tour runs as written (issue 15).

Every ``iocluster`` command of the README's shell blocks is run, in order, in a fresh
folder holding a copy of the checkout's ``data/`` and ``../shared`` (the team's shared
data, linked), as a user who copied the commands would. The test fails when a command
exits non-zero or names a file that does not exist afterwards (an input it read, or an
output it should have written). It skips when ``../shared`` is absent, since the tour
reads the Uzbekistan table from there.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHARED = Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared"))
_SUFFIXES = (".xlsx", ".toml", ".csv", ".json", ".png", ".svg", ".npz")


def tour_commands(text: str = README) -> list[list[str]]:
    """The ``iocluster`` commands of the README's ``bash`` blocks, as argument lists
    (continuation lines joined, comments dropped).

    >>> tour_commands("```bash\\niocluster info t.xlsx   # a table\\nmake x\\n```")
    [['iocluster', 'info', 't.xlsx']]
    """
    out = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            args = shlex.split(line, comments=True)
            if args and args[0] == "iocluster":
                out.append(args)
    return out


def named_paths(args: list[str]) -> list[str]:
    """The arguments that name files or folders.

    >>> named_paths(["iocluster", "shock", "t.xlsx", "data/s.toml", "-o", "out/",
    ...              "--sectors", "H*,J*", "--title", "A title"])
    ['t.xlsx', 'data/s.toml', 'out/']
    """
    return [
        a
        for a in args[2:]
        if not a.startswith("-") and " " not in a and "*" not in a
        and ("/" in a or a.lower().endswith(_SUFFIXES))
    ]  # fmt: skip


def test_the_tour_is_long_enough() -> None:
    cmds = tour_commands()
    assert len(cmds) >= 15
    assert {c[1] for c in cmds} >= {"convert", "shock", "analyze", "regionalize", "clusters"}
    for c in cmds:  # the example files the tour uses are shipped
        for p in named_paths(c):
            if p.startswith("data/"):
                assert (ROOT / p).exists(), f"README names {p}, which is not in data/"


@pytest.mark.skipif(
    not (SHARED / "data" / "uzbekistan-2022").exists(), reason="../shared data absent"
)
def test_readme_tour_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copytree(ROOT / "data", work / "data")
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    monkeypatch.chdir(work)
    runner = CliRunner()
    for args in tour_commands():
        shown = shlex.join(args)
        r = runner.invoke(app, args[1:], env={"COLUMNS": "100"})
        assert r.exit_code == 0, f"{shown}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
        for p in named_paths(args):
            assert Path(p).exists(), f"{shown}: {p} does not exist"
        for line in r.stdout.splitlines():  # every file it says it wrote is there
            m = re.match(r"wrote (\S+)", line)
            if m:
                assert Path(m.group(1)).exists(), f"{shown}: {line}"
        warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
        assert len(warnings) == len(set(warnings)), f"{shown}: a warning repeated"


def test_notebooks_use_only_names_the_readme_shows() -> None:
    """Every name a notebook imports from ``iocluster`` is in the public API and shown
    in the README (as ``ioc.NAME`` or in backquotes)."""
    import json

    import iocluster

    names: set[str] = set()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert not re.search(r"^\s*(from|import) iocluster\.(?!testing\b)", code, re.M), nb
        pattern = r"from iocluster import (?:\(([^)]*)\)|([\w ,]+))"
        for group in re.findall(pattern, code):
            names |= {n.strip() for n in ",".join(group).split(",") if n.strip()}
    assert names, "the notebooks import nothing from iocluster"
    for name in sorted(names):
        assert name in iocluster.__all__, f"{name} is not public"
        assert re.search(rf"(ioc\.{name}\b|`{name}`)", README), f"README never shows {name}"
