"""MARIO shock workbooks (issue 20 item 1): both of MARIO's header layouts, built here
from MARIO's documented template (sheets z, Y, e, v; Type Percentage as a fraction,
Absolute as a flow over the baseline output, Update as the new value), converted to
iocluster shocks and checked against the same shocks written by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.errors import AssumptionWarning, ScenarioError
from iocluster.io import write_table
from iocluster.scenarios.parse_mario import mario_document
from iocluster.scenarios.run import read_scenarios, run_document, run_scenarios
from tests.test_scenarios import mb_table as table

CLASSIC = {
    "z": ["row region", "row level", "row sector", "column region", "column level",
          "column sector", "type", "value"],
    "Y": ["row region", "row level", "row sector", "column region", "demand category", "type",
          "value"],
    "e": ["row sector", "column region", "column level", "column sector", "type", "value"],
    "v": ["row sector", "column region", "column level", "column sector", "type", "value"],
}  # fmt: skip
FLAT = {
    "z": ["Region_from", "Sector_from", "Region_to", "Sector_to", "Type", "Value"],
    "Y": ["Region_from", "Sector_from", "Region_to", "Category_to", "Type", "Value"],
    "e": ["Satellite_from", "Region_to", "Sector_to", "Type", "Value"],
    "v": ["Factor_from", "Region_to", "Sector_to", "Type", "Value"],
}


def workbook(path: Path, layout: dict[str, list[str]], rows: dict[str, list[dict]]) -> Path:
    """A shock workbook in MARIO's layout (plus its documentary sheets)."""
    wb = Workbook()
    wb.active.title = "indeces"  # type: ignore[union-attr]
    wb.create_sheet("main").append(["Legend", "Description", "Value"])
    for sheet, header in layout.items():
        ws = wb.create_sheet(sheet)
        ws.append(header)
        for rec in rows.get(sheet, []):
            ws.append([rec.get(_field(h), "") for h in header])
    wb.save(path)
    return path


def _field(header: str) -> str:
    h = header.lower().replace(" ", "_")
    return {"row_region": "rf", "region_from": "rf", "row_sector": "sf", "sector_from": "sf",
            "satellite_from": "sf", "factor_from": "sf", "column_region": "rt",
            "region_to": "rt", "column_sector": "st", "sector_to": "st",
            "demand_category": "cat", "category_to": "cat", "row_level": "lvl",
            "column_level": "lvl"}.get(h, h)  # fmt: skip


SHOCKS = {
    "z": [{"rf": "R", "lvl": "Sector", "sf": "S2", "rt": "R", "st": "S1", "type": "Percentage",
           "value": 0.1}],
    "Y": [{"rf": "R", "lvl": "Sector", "sf": "S1", "rt": "R", "cat": "exports",
           "type": "Absolute", "value": 50}],
    "e": [{"sf": "employment", "rt": "R", "lvl": "Sector", "st": "S2", "type": "Percentage",
           "value": -0.05}],
}  # fmt: skip
BY_HAND = [
    {"kind": "coefficients", "rows": ["S2"], "cols": ["S1"], "operation": "scale",
     "value": 10.0, "balance": "none"},
    {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 50.0,
     "unit": "absolute"},
    {"kind": "productivity", "sectors": ["S2"], "target": "employment",
     "satellite": "employment", "change": -5.0},
]  # fmt: skip


@pytest.mark.parametrize("layout", [CLASSIC, FLAT], ids=["classic", "flat"])
def test_mario_workbook_equals_the_shocks_by_hand(tmp_path: Path, layout: dict) -> None:
    p = workbook(tmp_path / "shock.xlsx", layout, SHOCKS)
    with pytest.warns(AssumptionWarning, match="no balancing rule"):
        sf = read_scenarios(p, table())
    got = run_scenarios(table(), sf).totals["change"].to_numpy()
    want = run_document(table(), {"scenario": [{"name": "shock", "shock": BY_HAND}]})
    assert got == pytest.approx(want.totals["change"].to_numpy(), rel=1e-12, abs=1e-9)


def test_absolute_and_update_are_converted_against_the_baseline(tmp_path: Path) -> None:
    """z Absolute adds a flow: Δa = flow / baseline output of the column (x₁ = 1000 in
    M&B Table 2.3); Y Update gives the difference to the current value; e Update the
    percent change of the coefficient (jobs of S1: 10 per 1000 of output)."""
    rows = {
        "z": [{"rf": "R", "sf": "S1", "rt": "R", "st": "S1", "type": "Absolute", "value": 20}],
        "Y": [{"rf": "R", "sf": "S2", "rt": "R", "cat": "exports", "type": "Update",
               "value": 1400}],
        "e": [{"sf": "employment", "rt": "R", "st": "S1", "type": "Update", "value": 0.012}],
    }  # fmt: skip
    p = workbook(tmp_path / "abs.xlsx", FLAT, rows)
    with pytest.warns(AssumptionWarning):
        shocks = mario_document(p, table())["scenario"][0]["shock"]
    assert shocks[0]["operation"] == "add" and shocks[0]["value"] == pytest.approx(0.02)
    assert shocks[1]["change"] == pytest.approx(100.0) and shocks[1]["unit"] == "absolute"
    assert shocks[2]["change"] == pytest.approx(20.0)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"v": [{"sf": "labour", "rt": "R", "st": "S1", "type": "Percentage", "value": 0.1}]},
         "sheet 'v': factor-coefficient shocks have no iocluster equivalent"),
        ({"Y": [{"rf": "R", "sf": "S1", "rt": "R", "cat": "exports", "type": "Relative",
                 "value": 0.1}]}, r"sheet 'Y', row \d+: Type 'Relative'"),
        ({"z": [{"rf": "A", "sf": "S1", "rt": "B", "st": "S2", "type": "Update",
                 "value": 0.1}]}, "name 2 regions"),
        ({"Y": [{"rf": "R", "sf": "S9", "rt": "R", "cat": "exports", "type": "Absolute",
                 "value": 1}]}, r"sheet 'Y', row \d+: .*S9"),
    ],
)  # fmt: skip
def test_bad_shock_rows_are_named(tmp_path: Path, rows: dict, message: str) -> None:
    p = workbook(tmp_path / "bad.xlsx", FLAT, rows)
    with pytest.raises(ScenarioError, match=message):
        mario_document(p, table())


def test_cli_shock_and_scenario_convert(tmp_path: Path) -> None:
    t = write_table(table(), tmp_path / "t.xlsx")
    p = workbook(tmp_path / "shock.xlsx", CLASSIC, SHOCKS)
    runner = CliRunner()
    r = runner.invoke(app, ["shock", str(t), str(p), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "no balancing rule" in r.stderr
    out = tmp_path / "shock.toml"
    c = runner.invoke(app, ["scenario-convert", str(t), str(p), str(out)])
    assert c.exit_code == 0, c.output
    assert 'balance = "none"' in out.read_text(encoding="utf-8")
    r2 = runner.invoke(app, ["shock", str(t), str(out), "--format", "json"])
    assert r2.exit_code == 0, r2.output
    assert json.loads(r2.stdout)["totals"] == json.loads(r.stdout)["totals"]
