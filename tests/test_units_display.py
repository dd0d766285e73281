"""Units are never lost (issue 14 item 6): the commands that print money warn once when
the table states none; jobs are whole persons; a money caption never stands alone under
rows in persons or shares."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.io import read_table, write_table
from iocluster.table import TableMeta

ROOT = Path(__file__).resolve().parents[1]
ECON = ROOT / "data" / "example_economy.xlsx"
SCEN = ROOT / "data" / "scenarios" / "textile_integration.toml"
runner = CliRunner()


@pytest.fixture(scope="module")
def unitless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example with its currency and scale removed."""
    t = read_table(ECON)
    bare = t.replace(meta=TableMeta(title=t.meta.title))
    return write_table(bare, tmp_path_factory.mktemp("u") / "bare.xlsx")


@pytest.mark.parametrize(
    "args",
    [
        ["multipliers", "{t}"],
        ["chains", "{t}", "-t", "TEX"],
        ["shock", "{t}", str(SCEN)],
        ["analyze", "{t}", "-q"],
    ],
    ids=["multipliers", "chains", "shock", "analyze"],
)
def test_commands_warn_once_without_a_unit(unitless: Path, args: list[str]) -> None:
    r = runner.invoke(app, [a.format(t=unitless) for a in args])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.stderr.splitlines() if "states no currency or scale" in ln]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("warning: bare.xlsx: ")


def test_the_unit_warning_is_said_in_the_language(unitless: Path) -> None:
    """The warning and the validation's check are one keyed message (with the command
    that states the unit filled in): in Russian, whole."""
    from iocluster.core.messages import render

    r = runner.invoke(app, ["multipliers", str(unitless), "-f", "csv", "--lang", "ru"])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.stderr.splitlines() if "bare.xlsx" in ln]
    assert lines == [
        "предупреждение: bare.xlsx: в таблице не указаны валюта и масштаб; в результатах будет "
        "написано «денежные единицы» (укажите их в листе метаданных или командой iocluster "
        "convert --currency --scale)"
    ], r.stderr
    from iocluster.analysis.validate import validate_table
    from iocluster.io import read_table

    checks = validate_table(read_table(unitless)).checks
    units = next(c for c in checks if c.name == "units and scale")
    assert units.status == "WARN"
    assert "{" not in render(units.detail, "ru") and "{" not in str(units.detail)


def test_no_warning_when_the_unit_is_stated() -> None:
    r = runner.invoke(app, ["multipliers", str(ECON), "-f", "csv"])
    assert r.exit_code == 0 and "states no currency" not in r.stderr


def test_shock_jobs_are_whole_persons_and_captions_name_them() -> None:
    """CSV: employment rows are whole persons (money rows keep their decimals); the
    table's caption names persons and index rows; JSON keeps the exact numbers."""
    r = runner.invoke(app, ["shock", str(ECON), str(SCEN), "-f", "csv"])
    assert r.exit_code == 0, r.output
    long = pd.read_csv(io.StringIO(r.stdout))  # one tidy (long) table
    tot = long[(long["table"] == "totals") & (long["variable"] == "change")]
    emp = tot[tot["measure"].str.startswith("employment")]
    assert len(emp) and (emp["value"] == emp["value"].round(0)).all()
    money = tot[tot["measure"] == "output"]["value"]
    assert (money != money.round(0)).any()
    rt = runner.invoke(app, ["shock", str(ECON), str(SCEN)])
    caption = " ".join(rt.stdout.split("unit:", 1)[1].split())
    assert caption.startswith("billion UZS; persons (whole): employment_formal")
    assert "price_level" in caption
    rj = runner.invoke(app, ["shock", str(ECON), str(SCEN), "-f", "json"])
    doc = json.loads(rj.stdout)["totals"]
    k = doc["columns"].index("change")
    jobs = [row[k] for idx, row in zip(doc["index"], doc["data"], strict=True)
            if str(idx[1]).startswith("employment")]  # fmt: skip
    assert jobs and any(v != round(v) for v in jobs)


def test_extract_jobs_are_whole_persons_with_a_persons_unit() -> None:
    r = runner.invoke(app, ["extract", str(ECON), "--each", "-f", "csv"])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(io.StringIO(r.stdout))
    assert (df["employment_loss"] == df["employment_loss"].round(0)).all()
    assert (df["output_loss"] != df["output_loss"].round(0)).any()
    rt = runner.invoke(app, ["extract", str(ECON), "--sectors", "TEX"])
    assert "employment: persons (employment_total)" in " ".join(rt.stdout.split())
