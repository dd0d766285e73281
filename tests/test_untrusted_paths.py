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


# ----------------------------------------------------------------------- issue 27
@pytest.mark.parametrize(
    ("ref", "line", "label"),
    [("bridge.csv", 'bridge = "sub/bridge.csv"', "the bridge file of s.toml"),
     ("taxes.csv", 'taxes = "sub/taxes.csv"', "the tax file of s.toml")],
)  # fmt: skip
def test_files_a_scenario_names_are_inputs(work: Path, ref: str, line: str, label: str) -> None:
    """Issue 27 item 2: ``-o`` at the bridge or tax file a scenario names (or a folder
    holding it) is refused with --force, as the table is; the scenario still runs."""
    (work / "sub").mkdir()
    (work / "sub" / "bridge.csv").write_text("product,machinery\nMETAL_MACH,1\n")
    (work / "sub" / "taxes.csv").write_text("sector,instrument,rate\nTEX,property_tax,0.01\n")
    shock = ('[[scenario]]\nname = "s"\n[[scenario.shock]]\nkind = "final_demand"\n'
             'sectors = ["TEX"]\ncategory = "exports"\nchange = 5\n')  # fmt: skip
    (work / "s.toml").write_text(line + "\n" + shock)
    base = ["shock", "{d}/ex.xlsx", "{d}/s.toml", "-f", "csv", "--force", "-o"]
    _refused(work, [*base, f"{{d}}/sub/{ref}"], f"is the input {label} {work}/sub/{ref}")
    _refused(work, [*base, "{d}/sub"], f"is a folder that contains the input {label}")
    res = runner.invoke(app, ["shock", str(work / "ex.xlsx"), str(work / "s.toml"), "-f", "json"])
    assert res.exit_code == 0, res.stderr


def test_inputs_found_while_running_are_forgotten_after_the_command(work: Path) -> None:
    from iocluster.cli.paths import check_inputs

    _refused(work, ["shock", "{d}/ex.xlsx", "{d}/scen.toml", "-o", "{d}/scen.toml", "--force"],
             "is the input the scenario")  # fmt: skip
    check_inputs([("the scenario", work / "scen.toml")])  # no command runs: no output


def test_region_names_never_collide_with_the_summary(work: Path) -> None:
    """Issue 27 item 11: a region called ``regional_summary`` wrote its table, then the
    summary stopped the run (exit 1, a partial folder) or, with --force, replaced it.
    Names made from data now avoid the fixed names, decided before anything is written."""
    (work / "emp.csv").write_text(
        "code,Tashkent,regional_summary,REGIONAL_SUMMARY\nTEX,100,200,5\nAPPAREL,50,60,5\n"
        "TRADE,300,100,5\n"
    )
    out = work / "out"
    res = runner.invoke(app, ["regionalize", str(work / "ex.xlsx"), str(work / "emp.csv"),
                              "-o", str(out), "-f", "xlsx"])  # fmt: skip
    assert res.exit_code == 0, res.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [".iocluster-outputs", "REGIONAL_SUMMARY_3.xlsx", "Tashkent.xlsx",
                     "regional_summary.xlsx", "regional_summary_2.xlsx"]  # fmt: skip
    from openpyxl import load_workbook

    assert load_workbook(out / "regional_summary.xlsx").sheetnames[0] == "multipliers"
