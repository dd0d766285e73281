"""Output files (issue 15): every ``--format xlsx`` is a formatted sheet in the report
style; several tables go to one tidy CSV (``.csv``) or to a folder, one file each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.reports.style import HEADER_COLOR

DATA = Path(__file__).resolve().parents[1] / "data"
ECON = DATA / "example_economy.xlsx"
SCEN = DATA / "scenarios" / "textile_integration.toml"
runner = CliRunner()


def invoke(args: list[object]) -> None:
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize(
    ("args", "sheet", "header"),
    [
        (["multipliers", ECON], "Multipliers", "output_simple"),
        (["linkages", ECON], "Linkages and key sectors", "power_of_dispersion"),
        (
            ["extract", ECON, "--each"],
            "total extraction of each sector",
            "output_loss (billion UZS)",
        ),
        (["validate", ECON], "Validation of example_economy.x", "status"),
        (["chains", ECON, "-t", "TEX"], "embodied", None),
        (["leontief", ECON], "L", "AGR_COTTON"),
    ],
    ids=["multipliers", "linkages", "extract", "validate", "chains", "leontief"],
)
def test_xlsx_is_a_formatted_sheet(
    tmp_path: Path, args: list[object], sheet: str | None, header: str | None
) -> None:
    """Named sheet, a title, units in the headers, number formats, frozen header, the
    report's header colour."""
    out = tmp_path / "out.xlsx"
    extra = [] if "-f" in args else ["-f", "xlsx"]
    invoke([*args, *extra, "-o", out])
    wb = load_workbook(out)
    if sheet is not None:
        assert sheet in wb.sheetnames, wb.sheetnames
    for ws in wb.worksheets:
        assert ws.freeze_panes is not None, ws.title
        head = int(str(ws.freeze_panes).lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1
        cells = [c for c in ws[head] if c.value is not None]
        assert cells and all(c.fill.fgColor.rgb.endswith(HEADER_COLOR) for c in cells)
        numbers = [
            c
            for row in ws.iter_rows(min_row=head + 1, max_row=min(ws.max_row, head + 5))
            for c in row
            if isinstance(c.value, float)
        ]
        assert all(c.number_format != "General" for c in numbers), ws.title
    if header is not None:
        ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
        texts = {str(c.value) for row in ws.iter_rows(max_row=6) for c in row if c.value}
        assert any(t.startswith(header) for t in texts), texts


def test_money_columns_carry_the_unit(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    invoke(["multipliers", ECON, "-f", "xlsx", "-o", out])
    ws = load_workbook(out)["Multipliers"]
    head = [str(c.value) for c in ws[4] if c.value]
    assert head[0] == "code"
    assert "output_simple (billion UZS per billion UZS of final demand)" in head
    assert "output_type_I" in head  # a ratio of multipliers: no unit
    assert "employment_total_simple (persons per billion UZS of final demand)" in head


def test_rows_of_different_units_state_each_rows_unit(tmp_path: Path) -> None:
    """An extraction summary mixes money and persons: a unit column says each row's."""
    out = tmp_path / "s.xlsx"
    invoke(["extract", ECON, "--sectors", "TEX", "-f", "xlsx", "-o", out])
    ws = load_workbook(out)["summary"]
    head = [str(c.value) for c in ws[4] if c.value]
    assert head[:2] == ["measure", "unit"]
    units = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
             for r in range(5, ws.max_row + 1)}  # fmt: skip
    assert units["output"] == "billion UZS" and units["employment"].startswith("persons")


def test_shock_csv_is_one_tidy_table(tmp_path: Path) -> None:
    """``shock --format csv -o FILE.csv``: one long table, read without options."""
    out = tmp_path / "impacts.csv"
    invoke(["shock", ECON, SCEN, "-f", "csv", "-o", out])
    df = pd.read_csv(out)
    assert list(df.columns[:1]) == ["table"] and list(df.columns[-2:]) == ["variable", "value"]
    assert {"totals", "by_sector", "clusters"} <= set(df["table"])
    assert pd.api.types.is_float_dtype(df["value"])
    tot = df[(df["table"] == "totals") & (df["measure"] == "output")]
    assert set(tot["variable"]) >= {"baseline", "scenario", "change", "pct_change"}
    # stdout gets the same table
    r = runner.invoke(app, ["shock", str(ECON), str(SCEN), "-f", "csv"])
    assert r.stdout.splitlines()[0] == out.read_text(encoding="utf-8").splitlines()[0]


def test_several_tables_to_a_folder_one_file_each(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    invoke(["shock", ECON, SCEN, "-f", "csv", "-o", out])
    files = sorted(p.name for p in out.iterdir())
    assert "totals.csv" in files and "datapackage.json" in files and len(files) > 3
    for f in out.glob("*.csv"):
        pd.read_csv(f)
