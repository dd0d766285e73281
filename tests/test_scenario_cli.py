"""``iocluster shock`` / ``scenario-template``: outputs, Excel scenarios, bad scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.datasets import data_path

ECON = data_path("example_economy.xlsx")
EXAMPLE = data_path("scenarios/textile_integration.toml")
runner = CliRunner()

GOOD = """
[clusters]
textiles = ["AGR_COTTON", "TEX", "APPAREL"]
[[scenario]]
name = "s"
  [[scenario.shock]]
  kind = "final_demand"
  sectors = ["textiles"]
  category = "exports"
  change = 10
"""


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_json_has_totals_and_by_sector() -> None:
    r = runner.invoke(app, ["shock", str(ECON), str(EXAMPLE), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert {"totals", "by_sector", "effects", "multipliers", "decomposition"} <= set(doc)
    tot = doc["totals"]
    assert tot["columns"] == ["baseline", "scenario", "change", "pct_change"]
    assert ["textile_integration", "output"] in tot["index"]
    assert "TEX" in doc["by_sector"]["index"]


def test_workbook_sheets_and_assumptions(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    r = runner.invoke(app, ["shock", str(ECON), str(EXAMPLE), "-o", str(out), "--draws", "50"])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out, read_only=True)
    for sheet in (
        "Summary",
        "Impacts by sector",
        "Clusters",
        "Multipliers",
        "Decomposition",
        "Assumptions",
        "Monte Carlo",
    ):
        assert sheet in wb.sheetnames
    text = " ".join(str(c) for row in wb["Assumptions"].iter_rows(values_only=True) for c in row)
    assert "Type II closure" in text and "iocluster" in text
    r2 = runner.invoke(app, ["shock", str(ECON), str(EXAMPLE), "-o", str(out)])
    assert r2.exit_code == 1 and "exists" in r2.stderr


def test_excel_template_round_trip(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    tpl = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["scenario-template", str(tpl), "--table", str(ECON)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(tpl)
    assert len(wb["scenarios"].data_validations.dataValidation) > 5
    ws = wb["clusters"]
    ws["B2"] = "AGR_COTTON, TEX, APPAREL"
    ws["B3"] = "TRANSPORT, FIN, IT"
    wb.save(tpl)
    r = runner.invoke(app, ["shock", str(ECON), str(tpl), "--format", "json"])
    assert r.exit_code == 0, r.output
    # same shock written in TOML gives the same totals
    toml = write(
        tmp_path,
        """
[clusters]
textiles = ["AGR_COTTON", "TEX", "APPAREL"]
services = ["TRANSPORT", "FIN", "IT"]
[[scenario]]
name = "integration"
  [[scenario.shock]]
  kind = "coefficients"
  rows = ["services"]
  cols = ["textiles"]
  operation = "scale"
  mode = "per_cell"
  balance = "value_added"
  value = 20
""",
    )
    r_toml = runner.invoke(app, ["shock", str(ECON), str(toml), "--format", "json"])
    assert r_toml.exit_code == 0, r_toml.output
    assert json.loads(r_toml.stdout)["totals"] == json.loads(r.stdout)["totals"]


BAD = {
    "unknown sector": ('sectors = ["TEXX"]', "field 'sectors'", "did you mean 'TEX'"),
    "cluster typo": ('sectors = ["textile"]', "field 'sectors'", "textiles"),
    "negative share": (None, "field 'share'", "[0, 1]"),
    "theta above one": (None, "field 'share'", "1.5"),
    "empty block": (None, "field 'rows'", "zero"),
    "unproductive": (None, "unproductive", "shock 1 (coefficients)"),
    "bad toml": (None, "not valid TOML", "s.toml"),
    "bad kind": (None, "field 'kind'", "coefficients"),
}


def bad_text(case: str) -> str:
    head = '[clusters]\ntextiles = ["AGR_COTTON", "TEX", "APPAREL"]\n[[scenario]]\nname = "s"\n'
    fd = '[[scenario.shock]]\nkind = "final_demand"\ncategory = "exports"\nchange = 5\n'
    if case in ("unknown sector", "cluster typo"):
        return head + fd + BAD[case][0] + "\n"
    if case == "negative share":
        return head + (
            '[[scenario.shock]]\nkind = "import_substitution"\n'
            'products = ["IT"]\nusers = ["TEX"]\nshare = -0.1\n'
        )
    if case == "theta above one":
        return head + (
            '[[scenario.shock]]\nkind = "import_substitution"\n'
            'products = ["IT"]\nusers = ["TEX"]\nshare = 1.5\n'
        )
    if case == "empty block":
        return head + (
            '[[scenario.shock]]\nkind = "coefficients"\nrows = ["AGR_COTTON"]\n'
            'cols = ["PHARMA"]\nvalue = 10\n'
        )
    if case == "unproductive":
        return head + (
            '[[scenario.shock]]\nkind = "coefficients"\nrows = ["*"]\n'
            'cols = ["*"]\noperation = "add"\nvalue = 0.045\n'
        )
    if case == "bad kind":
        return head + '[[scenario.shock]]\nkind = "coefficient"\n'
    return head + "[[scenario.shock]\nkind = 1\n"


@pytest.mark.parametrize("case", list(BAD))
def test_bad_scenarios_one_clear_message(tmp_path: Path, case: str) -> None:
    p = write(tmp_path, bad_text(case))
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["shock", str(ECON), str(p), "--format", "json", "-o", str(out)])
    assert r.exit_code == 1, r.output
    err = r.stderr.strip().splitlines()
    msg = [line for line in err if line.startswith("error:")]
    assert len(msg) == 1 and "Traceback" not in r.stderr
    for part in BAD[case][1:]:
        assert part in msg[0], msg[0]
    if case not in ("bad toml",):
        assert "scenario 's'" in msg[0]
    assert not out.exists()


def test_good_scenario_writes(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    r = runner.invoke(
        app, ["shock", str(ECON), str(write(tmp_path, GOOD)), "--format", "json", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["totals"]["data"][0][2] > 0


def test_uzbekistan_example(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.scenarios.run import read_scenarios, run_scenarios

    sf = read_scenarios(data_path("scenarios/textile_integration_uzbekistan.toml"))
    res = run_scenarios(uzbekistan, sf)
    tot = res.totals.loc["textile_integration"]
    assert tot.loc["output", "change"] > 0
    assert any("proportional-import" in a for a in res.assumptions)
