"""Every scenario field is documented, the same way, in the README and in the Excel
template's README sheet; the template's drop-downs offer the cluster names and the
final-demand categories (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.scenarios.fields import FIELDS, markdown_table
from iocluster.scenarios.parse_excel import COLUMNS, PARAM_FIELD
from iocluster.scenarios.parse_toml import _fields
from iocluster.scenarios.spec import SHOCK_KINDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ECON = ROOT / "data" / "example_economy.xlsx"


@pytest.mark.parametrize("kind", SHOCK_KINDS)
def test_every_field_the_parser_accepts_is_documented(kind: str) -> None:
    documented = {f.field for f in FIELDS if f.kind in (kind, "any shock")}
    assert set(_fields(kind)) | {"kind"} <= documented
    assert documented - {"kind", "note"} <= set(_fields(kind)), "a documented field is refused"


def test_extraction_and_prices_fields_are_documented() -> None:
    rows = {(f.kind, f.field) for f in FIELDS}
    assert {("extraction", "from"), ("extraction", "to"), ("extraction", "both_directions"),
            ("prices", "target")} <= rows  # fmt: skip
    for f in FIELDS:
        assert f.meaning and f.allowed and f.default, f


def test_readme_holds_the_field_table() -> None:
    """The README's table is :func:`markdown_table` (regenerate it from fields.py)."""
    assert markdown_table() in README


def test_every_field_has_a_template_column() -> None:
    for f in FIELDS:  # the parameters (share, change) go to the sheet's value column
        if f.kind in ("file", "scenario") or not f.in_sheet:
            continue  # set in a TOML file only
        if f.field != PARAM_FIELD.get(f.kind):
            assert f.field in COLUMNS, f.field
    assert "category" in COLUMNS


def test_template_readme_sheet_lists_every_field_and_drop_downs_offer_clusters(
    tmp_path: Path,
) -> None:
    clusters = tmp_path / "c.toml"
    clusters.write_text('[clusters]\nfashion = ["TEX", "APPAREL"]\nmoney = ["FIN"]\n')
    out = tmp_path / "tpl.xlsx"
    r = CliRunner().invoke(
        app, ["scenario-template", str(out), "--table", str(ECON), "--clusters", str(clusters)]
    )
    assert r.exit_code == 0, r.stderr
    assert f"wrote {out}" in r.stdout
    wb = load_workbook(out)
    rows = [tuple(c.value for c in row) for row in wb["README"].iter_rows()]
    assert rows[0] == ("kind", "field", "meaning", "unit", "allowed values", "default")
    for f in FIELDS:
        assert (f.kind, f.field, f.meaning, f.unit or None, f.allowed, f.default) in rows
    names = [c.value for c in wb["lists"]["A"]][1:]
    assert names[:2] == ["fashion", "money"] and "TEX" in names
    cats = [c.value for c in wb["lists"]["B"] if c.value][1:]
    assert "exports" in cats and "household" in cats
    ws = wb["scenarios"]
    k = COLUMNS.index("category") + 1
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(k)
    assert any(letter + "2" in str(dv.sqref) for dv in ws.data_validations.dataValidation)
    members = {row[0].value: row[1].value for row in wb["clusters"].iter_rows(min_row=2)}
    assert members == {"fashion": "TEX, APPAREL", "money": "FIN"}


def test_a_filled_template_runs(tmp_path: Path) -> None:
    """A row using a cluster of the clusters sheet and a category runs with ``shock``."""
    clusters = tmp_path / "c.toml"
    clusters.write_text('[clusters]\nfashion = ["TEX", "APPAREL"]\n')
    out = tmp_path / "tpl.xlsx"
    runner = CliRunner()
    r = runner.invoke(app, ["scenario-template", str(out), "--table", str(ECON),
                            "--clusters", str(clusters)])  # fmt: skip
    assert r.exit_code == 0, r.stderr
    wb = load_workbook(out)
    ws = wb["scenarios"]
    row = {"scenario": "exports", "kind": "final_demand", "sectors": "fashion",
           "category": "exports", "value": 10, "unit": "percent"}  # fmt: skip
    for c in range(1, ws.max_column + 1):
        ws.cell(row=2, column=c).value = None  # the example row
    for key, v in row.items():
        if key in COLUMNS:
            ws.cell(row=2, column=COLUMNS.index(key) + 1, value=v)
    wb.save(out)
    r = runner.invoke(app, ["shock", str(ECON), str(out), "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    assert "exports" in r.stdout
