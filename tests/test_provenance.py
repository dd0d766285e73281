"""Every output describes itself (issue 26): the closure and propensity, the import rule,
the illustrative flag with the input that made it so, the checksums and the command
travel with a result into every format, and survive a table written and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.errors import ScenarioError
from iocluster.io import read_table
from iocluster.model.closure import propensity_to_consume
from iocluster.model.provenance import file_digest
from iocluster.reports.export import frames_from_json
from iocluster.scenarios.run import run_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_economy.xlsx"
REGIONAL = ROOT / "data" / "regional_employment_illustrative.csv"
runner = CliRunner()


def _mpc() -> float:
    return propensity_to_consume(read_table(EXAMPLE))


def test_multipliers_json_states_closure_propensity_and_inputs() -> None:
    r = runner.invoke(app, ["multipliers", str(EXAMPLE), "-f", "json"])
    assert r.exit_code == 0, r.output
    meta, frames = frames_from_json(r.stdout)
    assert set(frames) == {"multipliers"}
    closure = meta["closure"]
    assert isinstance(closure, dict)
    assert closure["income"] == "compensation" and closure["column"] == "consumption"
    assert closure["propensity"] == pytest.approx(_mpc(), rel=1e-12)
    assert meta["import_rule"] and meta["unit"] == "billion UZS"
    (table,) = meta["inputs"]  # type: ignore[misc]
    assert table["sha256"] == file_digest(EXAMPLE)
    assert meta["table_checksum"] == read_table(EXAMPLE).checksum
    assert meta["command"].startswith("iocluster multipliers")


def test_open_model_says_so(tmp_path: Path) -> None:
    r = runner.invoke(app, ["multipliers", str(EXAMPLE), "-f", "json", "--closure", "none"])
    assert r.exit_code == 0, r.output
    meta, frames = frames_from_json(r.stdout)
    assert str(meta["closure"]).startswith("open model")
    assert not any(c.endswith("_type_II") for c in frames["multipliers"].columns)


def test_multipliers_csv_carries_a_data_package(tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    r = runner.invoke(app, ["multipliers", str(EXAMPLE), "-f", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    desc = json.loads((tmp_path / "m.datapackage.json").read_text(encoding="utf-8"))
    assert desc["profile"] == "tabular-data-package"
    (res,) = desc["resources"]
    assert res["path"] == "m.csv"
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert fields["output_simple"]["type"] == "number"
    assert "per billion UZS" in fields["output_simple"]["unit"]
    assert desc["iocluster"]["closure"]["propensity"] == pytest.approx(_mpc(), rel=1e-12)
    assert any(s.get("sha256") == file_digest(EXAMPLE) for s in desc["sources"])


def test_multipliers_workbook_states_the_closure(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    r = runner.invoke(app, ["multipliers", str(EXAMPLE), "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Multipliers", "About"]
    head = str(wb["Multipliers"]["A2"].value)
    assert "Type II closure" in head and f"{_mpc():.3f}" in head
    assert "ILLUSTRATIVE" in str(wb["Multipliers"]["A1"].value)
    about = {r[0]: r[1] for r in wb["About"].iter_rows(min_row=4, values_only=True)}
    assert float(about["propensity to consume domestic products"]) == pytest.approx(_mpc())


def test_a_table_built_from_the_illustrative_file_is_illustrative(tmp_path: Path) -> None:
    """regionalize writes regional tables that read back illustrative, naming the file."""
    t = tmp_path / "t.npz"
    src = read_table(EXAMPLE).replace(
        meta=read_table(EXAMPLE).meta.__class__(title="real", currency="UZS", scale="billion")
    )
    from iocluster.io.binary import write_npz

    write_npz(src, t)
    assert not read_table(t).meta.illustrative
    data = tmp_path / "regions.csv"
    data.write_text(
        '"# ILLUSTRATIVE made-up regional employment, not statistics"\n'
        "code,north,south\n"
        + "".join(f"{c},{i + 1},{2 * i + 1}\n" for i, c in enumerate(src.codes)),
        encoding="utf-8",
    )
    out = tmp_path / "regions"
    r = runner.invoke(app, ["regionalize", str(t), str(data), "-o", str(out)])
    assert r.exit_code == 0, r.output
    tables = sorted(p for p in out.iterdir() if p.suffix in (".xlsx", ".npz", "")
                    and p.name != "datapackage.json" and not p.name.startswith("."))  # fmt: skip
    regional = [p for p in tables if "north" in p.name]
    assert regional, list(out.iterdir())
    back = read_table(regional[0])
    assert back.meta.illustrative is True
    assert "ILLUSTRATIVE made-up regional employment" in back.meta.illustrative_reason


def test_two_elasticities_for_one_sector_are_an_error_naming_both_shocks() -> None:
    t = read_table(EXAMPLE)
    doc = {"scenario": [{"name": "s", "shock": [
        {"kind": "tax", "sectors": ["TEX"], "instrument": "table_net_taxes_on_production",
         "change": -0.1, "unit": "points", "export_elasticity": -1.5},
        {"kind": "tax", "sectors": ["TEX", "APPAREL"], "unit": "points", "change": -0.1,
         "instrument": "table_net_taxes_on_production", "export_elasticity": -2},
    ]}]}  # fmt: skip
    with pytest.raises(ScenarioError, match=r"shock 2 \(tax\), field 'export_elasticity'.*'TEX'"
                       r".*shock 1"):  # fmt: skip
        run_document(t, doc)


def test_impact_workbook_names_its_inputs_and_seed(tmp_path: Path) -> None:
    toml = ROOT / "data" / "scenarios" / "textile_integration.toml"
    out = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["shock", str(EXAMPLE), str(toml), "--draws", "20", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    rows = [tuple(r) for r in wb.worksheets[-1].iter_rows(values_only=True)]
    text = " | ".join(" ".join(str(v) for v in r if v is not None) for r in rows)
    assert file_digest(toml) in text and file_digest(EXAMPLE) in text
    assert "Draws" not in text or "draws: 20" in text
    assert "iocluster shock" in text
    assert all("ILLUSTRATIVE" in str(ws["A1"].value) for ws in wb.worksheets)
