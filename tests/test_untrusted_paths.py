"""Issue 18, item 2: an output path that is an input is refused, with or without --force.

Every case runs through the command line and checks the contract: exit 1, one
``error:`` line naming the output option, and every input byte-for-byte unchanged.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
SCENARIO = ROOT / "data" / "scenarios" / "textile_integration.toml"

runner = CliRunner()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(ECONOMY, tmp_path / "ex.xlsx")
    shutil.copy(SCENARIO, tmp_path / "scen.toml")
    (tmp_path / "clusters.toml").write_text('[clusters]\ntextiles = ["TEX", "APPAREL"]\n')
    return tmp_path


def _snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def _refused(d: Path, argv: list[str], match: str) -> None:
    before = _snapshot(d)
    res = runner.invoke(app, [a.format(d=d) for a in argv])
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    assert res.exit_code == 1, (res.stdout, res.stderr)
    assert len(errors) == 1, res.stderr
    assert match in errors[0], errors[0]
    assert _snapshot(d) == before, "an input (or anything else) was changed"


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["no-force", "force"])
@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["multipliers", "{d}/ex.xlsx", "-f", "xlsx", "-o", "{d}/ex.xlsx"], "is the input TABLE"),
        (["convert", "{d}/ex.xlsx", "{d}/ex.xlsx"], "TARGET"),
        (["convert", "{d}/ex.xlsx", "{d}/./sub/../ex.xlsx"], "is the input SOURCE"),
        (["shock", "{d}/ex.xlsx", "{d}/scen.toml", "-f", "json", "-o", "{d}/scen.toml"],
         "is the input the scenario"),
        (["linkages", "{d}/ex.xlsx", "--clusters", "{d}/clusters.toml", "-f", "json", "-o",
          "{d}/clusters.toml"], "is the input --clusters"),
        (["analyze", "{d}/ex.xlsx", "-o", "{d}"], "contains the input TABLE"),
        (["scenario-template", "{d}/ex.xlsx", "--table", "{d}/ex.xlsx"], "is the input"),
    ],
    ids=["multipliers", "convert", "convert-dotted", "shock", "clusters", "analyze-dir",
         "scenario-template"],
)  # fmt: skip
def test_output_that_is_an_input_is_refused(
    work: Path, argv: list[str], match: str, force: list[str]
) -> None:
    _refused(work, argv + force, match)


def test_symlink_to_an_input_is_refused(work: Path) -> None:
    (work / "link.xlsx").symlink_to(work / "ex.xlsx")
    _refused(work, ["multipliers", "{d}/ex.xlsx", "-f", "xlsx", "-o", "{d}/link.xlsx",
                    "--force"], "after following links")  # fmt: skip
    assert (work / "link.xlsx").is_symlink()


def test_hard_link_to_an_input_is_refused(work: Path) -> None:
    os.link(work / "ex.xlsx", work / "hard.xlsx")
    _refused(work, ["convert", "{d}/ex.xlsx", "{d}/hard.xlsx", "--force"], "is the input")


def test_output_inside_an_input_csv_folder_is_refused(work: Path) -> None:
    from iocluster.io import read_table, write_table

    write_table(read_table(work / "ex.xlsx"), work / "tbl")
    _refused(work, ["multipliers", "{d}/tbl", "-f", "csv", "-o", "{d}/tbl/intermediate_use.csv",
                    "--force"], "lies inside the input folder TABLE")  # fmt: skip


def test_two_outputs_at_one_path_are_refused(work: Path) -> None:
    _refused(work, ["chains", "{d}/ex.xlsx", "-t", "TEX", "--figure", "{d}/o.png", "-f", "csv",
                    "-o", "{d}/o.png"], "name the same path")  # fmt: skip


def test_symlink_output_is_replaced_and_its_target_kept(work: Path) -> None:
    """Today's behaviour, kept: with --force a link is replaced by a regular file; the
    file it pointed to is not written through."""
    other = work / "other.json"
    other.write_text("keep me\n")
    link = work / "out.json"
    link.symlink_to(other)
    res = runner.invoke(app, ["multipliers", str(work / "ex.xlsx"), "-f", "json", "-o",
                              str(link), "--force"])  # fmt: skip
    assert res.exit_code == 0, res.stderr
    assert not link.is_symlink() and link.is_file()
    assert link.read_text().startswith("{") and other.read_text() == "keep me\n"


@pytest.mark.parametrize("kind", ["device", "fifo", "dev-path"])
def test_force_writes_only_regular_files(work: Path, kind: str) -> None:
    if kind == "device":
        (work / "null.json").symlink_to("/dev/null")
        out = "{d}/null.json"
    elif kind == "fifo":
        os.mkfifo(work / "pipe.json")
        out = "{d}/pipe.json"
    else:
        out = "/dev/stdout"
    _refused(work, ["multipliers", "{d}/ex.xlsx", "-f", "json", "-o", out, "--force"],
             "not a regular file")  # fmt: skip
    assert Path("/dev/null").is_char_device()


def test_unrelated_output_is_still_written(work: Path) -> None:
    """The check does not refuse an ordinary output beside the input."""
    res = runner.invoke(app, ["convert", str(work / "ex.xlsx"), str(work / "copy.xlsx")])
    assert res.exit_code == 0, res.stderr
    assert (work / "copy.xlsx").is_file()
