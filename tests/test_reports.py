"""The analysis workbook and the shared styling: sheets, headers with units, numbers
equal to the library's results, translations (issue 7)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from iocluster.analysis.linkages import linkages
from iocluster.analysis.multipliers import multipliers
from iocluster.errors import InputError, OutputExistsError
from iocluster.io import read_table  # type: ignore[attr-defined]
from iocluster.model.closure import Closure
from iocluster.model.sectors import employment_satellite, service_sectors
from iocluster.pipeline.analyze import analyze
from iocluster.reports.analysis.workbook import HEADER_ROW, sheet_names, write_analysis_workbook
from iocluster.reports.i18n import LANGS, check_lang, money_unit, number, tr
from iocluster.reports.style import Column, header, write_table
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.run import run_scenarios

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_economy.xlsx"

#: A cluster-integration scenario on the example economy (used by the report tests).
SCENARIO = {
    "clusters": {"services": ["TRADE", "TRANSPORT", "IT", "FIN", "REPAIR", "EDU"]},
    "scenario": [
        {
            "name": "textile_services",
            "description": "Services supply 20 % more of the textile cluster's inputs",
            "shock": [
                {"kind": "coefficients", "rows": ["services"], "cols": ["textiles"],
                 "operation": "scale", "value": 20, "balance": "other_inputs"},
                {"kind": "final_demand", "sectors": ["APPAREL"], "category": "exports",
                 "change": 10, "unit": "percent"},
            ],
        }
    ],
}  # fmt: skip

SCENARIO_TOML = """
[clusters]
services = ["TRADE", "TRANSPORT", "IT", "FIN", "REPAIR", "EDU"]

[[scenario]]
name = "textile_services"
description = "Services supply 20 % more of the textile cluster's inputs"
  [[scenario.shock]]
  kind = "coefficients"
  rows = ["services"]
  cols = ["textiles"]
  operation = "scale"
  value = 20
  balance = "other_inputs"
  [[scenario.shock]]
  kind = "final_demand"
  sectors = ["APPAREL"]
  category = "exports"
  change = 10
  unit = "percent"
"""


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return read_table(EXAMPLE)


@pytest.fixture(scope="module")
def scen_file():  # type: ignore[no-untyped-def]
    return scenario_file_from_dict(SCENARIO, source="test scenario")


@pytest.fixture(scope="module")
def analysis(table, scen_file):  # type: ignore[no-untyped-def]
    return analyze(table, scenario_file=scen_file)


@pytest.fixture(scope="module")
def books(analysis, tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for lang in LANGS:
        out[lang] = write_analysis_workbook(d / f"r_{lang}.xlsx", analysis, lang=lang)
    return out


def _table(ws, header_row: int = HEADER_ROW) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The table under a header row, as the reader of the workbook would see it."""
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = [h for h in rows[0] if h is not None]
    body = []
    for r in rows[1:]:
        if all(v is None for v in r[: len(head)]):
            break
        body.append(r[: len(head)])
    return pd.DataFrame(body, columns=head)


# ------------------------------------------------------------------ structure
def test_sheets_are_the_documented_ones(books, analysis) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(books["en"])
    assert wb.sheetnames == [
        "Summary", "Validation", "Multipliers", "Key sectors", "Cluster linkages",
        "Value-added chain", "Value added in exports", "Value added by exporter", "Impacts",
        "Impacts by sector", "Impacts by cluster", "About",
    ]  # fmt: skip
    assert wb.sheetnames == sheet_names(analysis)


def test_headers_carry_units_and_panes_are_frozen(books) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(books["en"])
    mult = _table(wb["Multipliers"])
    assert "Output multiplier, simple (per unit of final demand)" in mult.columns
    assert "Employment multiplier, simple (persons per billion UZS)" in mult.columns
    assert "Income multiplier, Type II" in mult.columns  # a ratio: no unit
    by_sector = _table(wb["Impacts by sector"])
    assert "Output: change (billion UZS)" in by_sector.columns
    assert "Employment (total): change (persons)" in by_sector.columns
    assert list(_table(wb["Impacts"]).columns[:3]) == ["Scenario", "Measure", "Unit"]
    assert "Output lost if extracted (billion UZS)" in _table(wb["Key sectors"]).columns
    for name in ("Multipliers", "Key sectors", "Impacts by sector", "Validation"):
        assert wb[name].freeze_panes is not None
        assert int("".join(ch for ch in wb[name].freeze_panes if ch.isdigit())) == HEADER_ROW + 1
    assert wb["Multipliers"].cell(HEADER_ROW + 1, 4).number_format == "0.000"


def test_native_charts_and_conditional_formatting(books) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(books["en"])
    # openpyxl keeps charts it reads only in the file; count the drawing parts instead
    import zipfile

    with zipfile.ZipFile(books["en"]) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 4  # multipliers, effects, impacts by sector, by cluster
    assert len(wb["Key sectors"].conditional_formatting) >= 3


# ------------------------------------------------------------------ numbers
def test_multipliers_equal_the_library(books, table) -> None:  # type: ignore[no-untyped-def]
    sheet = _table(load_workbook(books["en"])["Multipliers"]).set_index("Code")
    ref = multipliers(table, ["output", "income", "employment_total"],
                      kinds=["simple", "total", "type_II"], closure=Closure())  # fmt: skip
    got = sheet.loc[list(ref.index)]
    np.testing.assert_allclose(got["Output multiplier, simple (per unit of final demand)"],
                               ref["output_simple"], rtol=1e-12)  # fmt: skip
    np.testing.assert_allclose(
        got["Output multiplier, total (Type II model) (per unit of final demand)"],
        ref["output_total"], rtol=1e-12)  # fmt: skip
    np.testing.assert_allclose(got["Income multiplier, Type II"], ref["income_type_II"], rtol=1e-12)
    np.testing.assert_allclose(
        got["Employment multiplier, simple (persons per billion UZS)"],
        ref["employment_total_simple"], rtol=1e-12)  # fmt: skip
    # ranked by the simple output multiplier
    col = sheet["Output multiplier, simple (per unit of final demand)"].to_numpy()
    assert np.all(np.diff(col) <= 0)


def test_key_sectors_equal_the_library(books, table) -> None:  # type: ignore[no-untyped-def]
    sheet = _table(load_workbook(books["en"])["Key sectors"]).set_index("Code")
    lk = linkages(table)
    u = "Power of dispersion (backward index) (index, 1 = average)"
    np.testing.assert_allclose(sheet.loc[lk.index, u], lk["power_of_dispersion"], rtol=1e-12)
    assert list(sheet.index[sheet["Class"] == "key"]) == list(lk.index[lk["key_sector"] == "key"])


def test_impacts_equal_the_scenario_engine(books, table, scen_file) -> None:  # type: ignore[no-untyped-def]
    res = run_scenarios(table, scen_file, closure=Closure())
    sheet = _table(load_workbook(books["en"])["Impacts"])
    out = sheet[sheet["Measure"] == "Output"].iloc[0]
    ref = res.totals.loc[("textile_services", "output")]
    assert out["Change"] == pytest.approx(ref["change"], rel=1e-12)
    assert out["Baseline"] == pytest.approx(ref["baseline"], rel=1e-12)
    jobs = sheet[sheet["Measure"] == "Employment (total)"].iloc[0]
    assert jobs["Unit"] == "persons"
    assert jobs["Change"] == pytest.approx(res.totals.loc[("textile_services", "employment_total"),
                                                          "change"], rel=1e-12)  # fmt: skip
    bs = _table(load_workbook(books["en"])["Impacts by sector"]).set_index("Code")
    ref_bs = res.by_sector[res.by_sector["measure"] == "output"]["change"]
    np.testing.assert_allclose(bs.loc[ref_bs.index, "Output: change (billion UZS)"], ref_bs,
                               rtol=1e-12, atol=1e-9)  # fmt: skip


def test_summary_headline_equals_the_table(books, table) -> None:  # type: ignore[no-untyped-def]
    ws = load_workbook(books["en"])["Summary"]
    head = _table(ws).set_index("Indicator")
    # the Summary reads at a readable scale (table in billion UZS: trillion UZS here)
    assert head.loc["Total output", "Unit"] == "trillion UZS"
    assert head.loc["Total output", "Value"] == pytest.approx(float(np.sum(table.x)) / 1000)
    assert head.loc["Total employment", "Unit"] == "persons"
    words = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "Key sectors (both linkage indices above 1)" in words
    assert "Illustrative data" in words


def test_about_sheet_names_provenance_assumptions_and_command(books, analysis) -> None:  # type: ignore[no-untyped-def]
    import iocluster

    about = _table(load_workbook(books["en"])["About"])
    text = " | ".join(f"{a} {b} {c}" for a, b, c in about.itertuples(index=False))
    assert f"iocluster {iocluster.__version__}" in text
    assert "(library call)" in text  # the command, when a library call made it
    assert analysis.table.meta.source in text
    assert "Type II closure" in text
    assert "row identity: PASS" in text
    assert "textile_services" in text and "coefficients" in text


def test_reruns_write_the_same_workbook_under_source_date_epoch(
    analysis, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Reproducible reports: with SOURCE_DATE_EPOCH set, two runs give the same cells on
    every sheet (the About sheet states that time, in UTC)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    a, b = (write_analysis_workbook(tmp_path / f"{k}.xlsx", analysis) for k in "ab")
    wa, wb = load_workbook(a), load_workbook(b)
    for name in wa.sheetnames:
        cells_a = list(wa[name].iter_rows(values_only=True))
        assert cells_a == list(wb[name].iter_rows(values_only=True)), name
    about = " ".join(str(v) for r in wa["About"].iter_rows(values_only=True) for v in r)
    assert "2023-11-14 22:13 UTC" in about


# ------------------------------------------------------------------ languages
@pytest.mark.parametrize(
    ("lang", "sheet", "head"),
    [
        ("ru", "Мультипликаторы", "Мультипликатор выпуска, простой (на единицу конечного спроса)"),
        ("uz", "Multiplikatorlar", "Ishlab chiqarish multiplikatori, oddiy "
         "(yakuniy talab birligiga)"),
    ],
)  # fmt: skip
def test_translated_headings(books, lang, sheet, head) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(books[lang])
    assert wb.sheetnames[0] == tr("summary", lang) != "Summary"
    assert sheet in wb.sheetnames
    assert head in _table(wb[sheet]).columns
    unit = money_unit("billion", "UZS", lang)
    assert any(unit in str(c) for c in _table(wb[tr("impacts_by_sector", lang)]).columns)


def test_languages_are_checked_by_name() -> None:
    assert check_lang("RU") == "ru" and check_lang("uz-cyrl") == "uz-Cyrl"
    with pytest.raises(InputError, match="expected one of en, ru, uz, uz-Cyrl"):
        check_lang("de")
    assert number(1234.5, "ru") == "1\xa0234,5"


# ------------------------------------------------------------------ style and edges
def test_write_table_styles_header_and_blanks_nan(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    df = pd.DataFrame({"code": ["A", "B"], "v": [1.5, np.nan]})
    rng = write_table(ws, df, [Column("code", "Code"), Column("v", "Output", "mln UZS", "money")])
    assert ws["B1"].value == header("Output", "mln UZS") == "Output (mln UZS)"
    assert ws["B1"].font.bold and ws["B3"].value is None and ws["B2"].number_format == "#,##0.0"
    assert (rng.first_row, rng.last_row, rng.data_range(1)) == (2, 3, "B2:B3")


def test_small_table_without_clusters_or_satellites(tmp_path: Path) -> None:
    from iocluster.datasets import miller_blair_2_3

    a = analyze(miller_blair_2_3())
    assert not a.closed and a.employment is None and a.chains is None
    p = write_analysis_workbook(tmp_path / "mb.xlsx", a)
    wb = load_workbook(p)
    assert wb.sheetnames == ["Summary", "Validation", "Multipliers", "Key sectors", "About"]
    sheet = _table(wb["Multipliers"]).set_index("Code")
    # Miller & Blair (2009) §6.2.1: simple output multipliers 1.5182 and 1.4521
    col = "Output multiplier, simple (per unit of final demand)"
    assert sheet.loc[["S1", "S2"], col].round(4).tolist() == [1.5182, 1.4521]
    with pytest.raises(OutputExistsError):
        write_analysis_workbook(p, a)


def test_services_and_employment_helpers(table) -> None:  # type: ignore[no-untyped-def]
    assert employment_satellite(table) == "employment_total"
    assert [table.codes[i] for i in service_sectors(table)][:2] == ["TRADE", "TRANSPORT"]
    assert all(table.tags["group"][i] == "services" for i in service_sectors(table))
