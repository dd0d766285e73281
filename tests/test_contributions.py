"""What each shock contributes (issue 14 §7): one-at-a-time changes plus an interaction
remainder that makes the parts add up to the scenario's total."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.datasets import data_path
from iocluster.scenarios.kinds import KINDS
from iocluster.scenarios.run import run_document
from tests.test_scenarios import mb_table as table

FD1 = {"kind": "final_demand", "category": "exports", "sectors": ["S1"], "change": 10,
       "unit": "percent"}  # fmt: skip
FD2 = {"kind": "final_demand", "category": "exports", "sectors": ["S2"], "change": 50.0,
       "unit": "absolute"}  # fmt: skip
COEF = {"kind": "coefficients", "rows": ["S2"], "cols": ["S1"], "operation": "add",
        "value": 0.05, "balance": "value_added"}  # fmt: skip


def run(*shocks: dict):  # type: ignore[no-untyped-def]
    return run_document(table(), {"scenario": [{"name": "s", "shock": list(shocks)}]})


def test_parts_add_up_to_the_total_and_match_each_shock_alone() -> None:
    res = run(FD1, COEF, FD2)
    by = res.by_shock.loc["s"]
    assert list(by.index) == [
        "shock 1 (final_demand)", "shock 2 (coefficients)", "shock 3 (final_demand)",
        "interaction", "total",
    ]  # fmt: skip
    np.testing.assert_allclose(by.loc["total"], res.totals.loc["s", "change"][by.columns])
    np.testing.assert_allclose(by.iloc[:-1].sum(), by.loc["total"], rtol=1e-12, atol=1e-9)
    for k, shock in enumerate((FD1, COEF, FD2)):
        alone = run(shock).totals.loc["s", "change"][by.columns]
        np.testing.assert_allclose(by.iloc[k], alone, rtol=1e-12, atol=1e-9)


def test_final_demand_shocks_do_not_interact() -> None:
    """Open model: Δx = L Δy is linear in Δy, so the remainder is zero."""
    by = run(FD1, FD2).by_shock.loc["s"]
    assert np.abs(by.loc["interaction"]).max() < 1e-9 * np.abs(by.loc["total"]).max()


def test_the_interaction_of_a_coefficient_and_a_demand_shock() -> None:
    """x₁ − x₀ = L'y₁ − L y₀ = (L' − L)y₀ + L Δy + (L' − L)Δy: the interaction of the
    output change is (L' − L)Δy (Miller & Blair 2009, §13.1 decomposition)."""
    t = table()
    res = run(FD2, COEF)
    A1 = t.A.copy()
    A1[1, 0] += 0.05
    dL = np.linalg.inv(np.eye(2) - A1) - np.linalg.inv(np.eye(2) - t.A)
    dy = np.array([0.0, 50.0])
    expected = float((dL @ dy).sum())
    got = res.by_shock.loc[("s", "interaction"), "output"]
    assert got == pytest.approx(expected, rel=1e-9)
    assert abs(got) > 0.1


def test_by_shock_in_json_and_the_impact_workbook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    econ = data_path("example_economy.xlsx")
    scen = data_path("scenarios/textile_integration.toml")
    r = CliRunner().invoke(app, ["shock", str(econ), str(scen), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)["by_shock"]
    assert ["textile_integration", "interaction"] in doc["index"]
    out = tmp_path / "imp.xlsx"
    r = CliRunner().invoke(app, ["shock", str(econ), str(scen), "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(load_workbook(out)["By shock"].iter_rows(values_only=True))
    assert any(row[1] == "interaction" for row in rows)


def test_reports_of_a_table_without_clusters(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """No cluster tags and no [clusters]: the impact workbook and the analysis report are
    written (they crashed on an empty sector-name column and on a missing services
    content)."""
    mb = data_path("miller_blair_2_3.xlsx")
    scen = tmp_path / "s.toml"
    scen.write_text(
        '[[scenario]]\nname = "s"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        '  sectors = ["S1"]\n  category = "final_demand"\n  change = 10\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    r = runner.invoke(
        app, ["shock", str(mb), str(scen), "-f", "xlsx", "-o", str(tmp_path / "i.xlsx")]
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["analyze", str(mb), "-s", str(scen), "-o", str(tmp_path / "a"), "-q"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "i.xlsx").exists() and (tmp_path / "a" / "analysis.xlsx").exists()


def test_the_price_level_of_a_shock_alone_is_that_of_its_scenario() -> None:
    """A shock alone needs only its price level, ``wᵀp' = c'ᵀ(I − A')⁻¹w`` (the dual of
    the Leontief price model, Miller & Blair 2009 §2.6): it equals the level of the
    shock's own run, whose prices solve ``(I − A')ᵀp' = c'``, to rounding."""
    for shock in (
        {**COEF, "balance": "none"},  # dearer inputs, value added unchanged: prices rise
        {**COEF, "operation": "scale", "value": -20.0, "balance": "none"},
        {"kind": "prices", "sectors": ["S2"], "target": "value_added", "change": 10},
    ):
        res = run(shock, FD1)
        got = res.by_shock.loc[("s", "shock 1 (" + shock["kind"] + ")"), "price_level"]
        alone = run(shock).totals.loc[("s", "price_level"), "change"]
        assert abs(got) > 1e-6 and got == pytest.approx(alone, rel=1e-12, abs=1e-15)


def test_leaving_out_the_contributions_changes_no_other_result() -> None:
    """``by_shock=False`` skips the each-shock-alone solves only: every other frame is
    identical (invariant)."""
    doc = {"scenario": [{"name": "s", "shock": [FD1, COEF, FD2]}]}
    whole = run_document(table(), doc)
    lean = run_document(table(), doc, by_shock=False)
    assert whole.by_shock is not None and lean.by_shock is None
    frames = whole.frames()
    frames.pop("by_shock")
    assert frames.keys() == lean.frames().keys()
    for name, frame in frames.items():
        assert frame.equals(lean.frames()[name]), name


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_shock_label_is_said_in_every_language_from_its_code(kind: str) -> None:
    """The By shock rows and the sweeps label a shock by a code (``shock 2 (tax): note``,
    :func:`~iocluster.scenarios.params.shock_label`); every report and the lab say it
    through one function, the kind in the language and the file's note as written —
    never the English words or the kind's code (issue 28: text by key, not by pattern)."""
    from iocluster.core.messages import LANGS
    from iocluster.reports.i18n import tr
    from iocluster.reports.impact.tables import shock_words
    from iocluster.scenarios.params import read_shock_label, shock_label

    note = "textiles (phase 1): exports"
    label = shock_label(3, kind, note)
    assert read_shock_label(label) == (3, kind, note)
    for lang in LANGS:
        said = shock_words(label, lang)
        assert said == f"{tr('shock', lang)} 3: {tr(f'shock_kind_{kind}', lang).lower()}: {note}"
        assert f"({kind})" not in said
        if lang != "en":
            assert not said.startswith("Shock"), said
