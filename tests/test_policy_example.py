"""The bundled state-support example on the Uzbekistan table, through the CLI and the
library, and its workbook sheets (Tax impacts, Capacity limits, Investment) in en/ru/uz."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.datasets import data_path
from iocluster.model.closure import Closure
from iocluster.scenarios.run import read_scenarios, run_scenarios
from iocluster.table import IOTable

EXAMPLE = data_path("scenarios/textile_tax_relief_uzbekistan.toml")
runner = CliRunner()


def test_tax_file_is_labelled_illustrative() -> None:
    sf = read_scenarios(EXAMPLE)
    assert "illustrative" in sf.tax_source
    text = (EXAMPLE.parent / sf.tax_source).read_text(encoding="utf-8")
    assert text.startswith("# ILLUSTRATIVE TAX FILE")
    assert all(r.source.startswith("ILLUSTRATIVE") for r in sf.taxes)
    assert "illustrative" in Path(sf.bridge).name


@pytest.fixture(scope="module")
def example(uzbekistan: IOTable):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_scenarios(uzbekistan, read_scenarios(EXAMPLE), closure=Closure())


def test_example_results(example, uzbekistan: IOTable) -> None:  # type: ignore[no-untyped-def]
    res = example
    # the relief lowers textile prices by at least the cut in tax per unit (0.175 %)
    p = res.prices[res.prices["scenario_name"] == "textile_tax_relief"]["pct_change"]
    for code in ("C13.1", "C13.2", "C13.9", "C14"):
        assert p[code] <= -0.175
    f = res.fiscal.loc[("textile_tax_relief", "annual")]
    assert f["revenue_lost"] > f["revenue_from_activity"] > 0
    assert f["net_cost"] == pytest.approx(f["revenue_lost"] - f["revenue_from_activity"])
    # fixing cotton: less output than the free scenario, cotton output unchanged
    tot = res.totals["change"]
    assert tot[("textile_exports_cotton_fixed", "output")] < tot[("textile_exports", "output")]
    cap = res.capacity.loc[("textile_exports_cotton_fixed", "A01.16")]
    assert cap["scenario_output"] == pytest.approx(cap["baseline_output"])
    assert cap["imports_change"] == pytest.approx(-cap["final_demand_change"])
    inv = res.investment.loc[("spinning_equipment", "machinery")]
    assert inv["domestic"] + inv["imports"] == pytest.approx(2_000_000)


def test_cli_json_and_workbook(uzbekistan_dir: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["shock", str(uzbekistan_dir), str(EXAMPLE), "--format", "json"])
    assert r.exit_code == 0, r.output
    start = r.output.index("{")
    doc = json.loads(r.output[start : r.output.rindex("}") + 1])
    assert {"taxes", "fiscal", "capacity", "investment"} <= set(doc)
    out = tmp_path / "impacts.xlsx"
    r = runner.invoke(app, ["shock", str(uzbekistan_dir), str(EXAMPLE), "-o", str(out)])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    wb = load_workbook(out)
    names = wb.sheetnames
    assert names.index("Prices") + 1 == names.index("Tax impacts")
    assert {"Capacity limits", "Investment"} <= set(names)
    rows = list(wb["Tax impacts"].iter_rows(min_row=4, values_only=True))
    assert rows[0][:4] == ("Scenario", "Instrument", "Baseline revenue (million UZS)",
                           "Rate change (million UZS)")  # fmt: skip
    assert any(r[0] == "Fiscal balance" for r in rows)
    text = " ".join(str(c) for row in wb["Assumptions"].iter_rows(values_only=True) for c in row)
    for part in ("Tax schedule: ", "pass-through", "mixed model", "bridge matrix",
                 "ILLUSTRATIVE"):  # fmt: skip
        assert part in text, part
    frame = pd.DataFrame(rows[1:8], columns=rows[0])
    assert set(frame["Instrument"].iloc[:6]) >= {"property_tax", "land_tax"}


def test_bad_tax_file_in_scenario_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "taxes.csv"
    bad.write_text("sector,instrument,rate\nC13*,property_tax,abc\n", encoding="utf-8")
    scen = tmp_path / "s.toml"
    scen.write_text(
        'taxes = "taxes.csv"\n[[scenario]]\nname = "a"\n[[scenario.shock]]\nkind = "tax"\n'
        'sectors = ["C13*"]\ninstrument = "property_tax"\nchange = -50\n',
        encoding="utf-8",
    )
    econ = data_path("example_economy.xlsx")
    r = runner.invoke(app, ["shock", str(econ), str(scen)])
    assert r.exit_code == 1
    assert "taxes.csv, row 2, column 'rate': expected a number" in r.output
    assert "Traceback" not in r.output


def test_summary_states_the_fiscal_balance_and_held_sectors(example, uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.impact.policy_sheets import policy_sentences

    relief = policy_sentences(example, "textile_tax_relief", uzbekistan, "en")
    assert relief[0].startswith("Budget: ") and "net cost" in relief[0]
    held = policy_sentences(example, "textile_exports_cotton_fixed", uzbekistan, "ru")
    assert held[0].startswith("Налоговые поступления")
    assert held[1].startswith("A01.16 на пределе выпуска")
    assert policy_sentences(example, "spinning_equipment", uzbekistan, "uz")[0].startswith(
        "Ssenariy yuzaga"
    )
