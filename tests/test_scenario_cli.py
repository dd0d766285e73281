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
    "bad kind": (None, "unknown kind 'coefficient'", "did you mean 'coefficients'?"),
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
            'cols = ["PHARMA"]\nvalue = 10\nbalance = "none"\n'
        )
    if case == "unproductive":
        return head + (
            '[[scenario.shock]]\nkind = "coefficients"\nrows = ["*"]\n'
            'cols = ["*"]\noperation = "add"\nvalue = 0.045\nbalance = "none"\n'
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
    assert any("proportional-import" in str(a) for a in res.assumptions)


# ------------------------------------------------------------ the impact workbook
@pytest.fixture(scope="module")
def impact_book(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The workbook of ``iocluster shock`` and the library's results for the same run."""
    from iocluster.io import read_table  # type: ignore[attr-defined]
    from iocluster.model.closure import Closure
    from iocluster.scenarios.run import read_scenarios, run_scenarios

    out = tmp_path_factory.mktemp("impact") / "report.xlsx"
    r = runner.invoke(app, ["shock", str(ECON), str(EXAMPLE), "-o", str(out), "--draws", "40"])
    assert r.exit_code == 0, r.output
    t = read_table(ECON)
    res = run_scenarios(t, read_scenarios(EXAMPLE), closure=Closure(income="compensation"),
                        draws=40)  # fmt: skip
    return out, res.frames()


def _sheet_table(ws, header_row: int = 4):  # type: ignore[no-untyped-def]
    """The first table under ``header_row`` as a reader of the workbook sees it."""
    import pandas as pd

    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = [h for h in rows[0] if h is not None]
    body = []
    for row in rows[1:]:
        if all(v is None for v in row[: len(head)]):
            break
        body.append(row[: len(head)])
    return pd.DataFrame(body, columns=head)


def test_impact_workbook_sheets_headers_units(impact_book) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from openpyxl import load_workbook

    from iocluster.reports.impact.workbook import SHEETS

    path, _ = impact_book
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    summary = _sheet_table(wb["Summary"])
    assert list(summary.columns) == [
        "Scenario", "Measure", "Unit", "Baseline", "Scenario, value", "Change", "Change, %"
    ]  # fmt: skip
    units = dict(zip(summary["Measure"], summary["Unit"], strict=True))
    assert units["Output"] == "billion UZS" and units["Employment (total)"] == "persons"
    assert units["Price level"] == "index"
    assert "Output: change (billion UZS)" in _sheet_table(wb["Impacts by sector"]).columns
    assert "Employment (total): change (persons)" in _sheet_table(wb["Clusters"]).columns
    mult = _sheet_table(wb["Multipliers"])
    assert {"Before", "After", "Unit"} <= set(mult.columns)
    assert set(mult["Unit"]) == {"per unit of final demand", "persons per billion UZS"}
    dec = _sheet_table(wb["Decomposition"]).columns
    assert "Technology (coefficient) effect (billion UZS)" in dec
    assert "Final-demand effect (billion UZS)" in dec
    for name in SHEETS[1:-1]:
        assert wb[name].freeze_panes is not None, name
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 5  # effects, by sector, by cluster, multipliers, decomposition
    assert wb["Multipliers"].cell(5, 6).number_format == "0.000"
    text = " ".join(str(c) for row in wb["Assumptions"].iter_rows(values_only=True) for c in row)
    for part in (
        "Type II closure",
        "Imports: by product",
        "textile_integration #1",
        "Command line",
        "row identity: PASS",
        "Illustrative cluster economy",
    ):
        assert part in text, part  # fmt: skip


def test_impact_workbook_numbers_equal_the_library(impact_book) -> None:  # type: ignore[no-untyped-def]
    import numpy as np
    from openpyxl import load_workbook

    path, frames = impact_book
    wb = load_workbook(path)
    tot = frames["totals"].loc["textile_integration"]
    s = _sheet_table(wb["Summary"])
    np.testing.assert_allclose(s["Change"], tot["change"], rtol=1e-12)
    np.testing.assert_allclose(s["Baseline"], tot["baseline"], rtol=1e-12)
    # every sector and measure, baseline / scenario / change / % change
    d = _sheet_table(wb["Impacts detail"])
    bs = frames["by_sector"]
    assert list(d["Code"]) == list(bs.index)
    for col, key in (
        ("Baseline", "baseline"),
        ("Scenario, value", "scenario"),
        ("Change", "change"),
    ):
        np.testing.assert_allclose(d[col].astype(float), bs[key], rtol=1e-12)
    np.testing.assert_allclose(d["Change, %"].astype(float), bs["pct_change"], rtol=1e-12)
    w = _sheet_table(wb["Impacts by sector"]).set_index("Code")
    out = bs[bs["measure"] == "output"]["change"]
    np.testing.assert_allclose(w.loc[out.index, "Output: change (billion UZS)"], out, rtol=1e-12)
    c = _sheet_table(wb["Clusters"]).set_index("Cluster")
    cl = frames["clusters"].xs("output", level="measure").loc["textile_integration"]["change"]
    np.testing.assert_allclose(c.loc[cl.index, "Output: change (billion UZS)"], cl, rtol=1e-12)
    m = _sheet_table(wb["Multipliers"])
    lib = frames["multipliers"].reset_index()
    m_out = m[m["Measure"] == "Output"].set_index("Code")
    l_out = lib[lib["measure"] == "output"].set_index("code")
    np.testing.assert_allclose(m_out.loc[l_out.index, "Before"], l_out["before"], rtol=1e-12)
    np.testing.assert_allclose(m_out.loc[l_out.index, "After"], l_out["after"], rtol=1e-12)
    # round-off only is written as 0: the change equals the library's to 1e-12 relative
    np.testing.assert_allclose(m_out.loc[l_out.index, "Change"], l_out["change"], atol=1e-12)
    dec = _sheet_table(wb["Decomposition"]).set_index("Code")
    lib_d = frames["decomposition"]
    np.testing.assert_allclose(
        dec.loc[lib_d.index, "Technology (coefficient) effect (billion UZS)"],
        lib_d["technology"], rtol=1e-12, atol=1e-12,
    )  # fmt: skip
    mc = _sheet_table(wb["Monte Carlo"])
    np.testing.assert_allclose(mc["P50"], frames["montecarlo"]["p50"], rtol=1e-12)
    ms = _sheet_table(wb["Monte Carlo by sector"])
    np.testing.assert_allclose(ms["P95"], frames["montecarlo_by_sector"]["p95"], rtol=1e-12)
    assert list(ms["Code"]) == list(frames["montecarlo_by_sector"].index)


def test_table_format_shows_index_levels_as_columns() -> None:
    r = runner.invoke(
        app, ["shock", str(ECON), str(EXAMPLE), "--format", "table"], env={"COLUMNS": "120"}
    )
    assert r.exit_code == 0, r.output
    assert "('textile_integration'" not in r.stdout
    # one scenario: its name is in the title, the measures and numbers in columns
    head = next(line for line in r.stdout.splitlines() if "measure" in line)
    assert "baseline" in head
    assert sum("textile_integration" in line for line in r.stdout.splitlines()) == 1
    assert "scenario name: textile_integration" in r.stdout
