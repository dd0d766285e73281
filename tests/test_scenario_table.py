"""The scenario's table (iocluster.scenarios.table) and ``iocluster chains --scenario``.

Invariants: a zero shock gives the domestic baseline table (with the model's output
x₀ = L y₀); the row identity Z'1 + Y'1 = x' holds and each column keeps the base
table's residual per unit of output; the new table's own Leontief system reproduces the
engine's scenario output; the new table's totals equal the engine's scenario totals.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iocluster.cli.app import app
from iocluster.errors import ScenarioError
from iocluster.scenarios.apply import Base, apply_scenario
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.run import read_scenarios, run_scenarios
from iocluster.scenarios.table import scenario_table, scenario_tables
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable
from tests.test_scenarios import mb_table, random_table

FUZZ = int(os.environ.get("IOCLUSTER_FUZZ", "0"))
EXAMPLES = 100 if FUZZ else 15
UZ_SCENARIO = (
    Path(__file__).resolve().parents[1] / "data/scenarios/textile_integration_uzbekistan.toml"
)

ZERO = {
    "kind": "coefficients",
    "rows": ["P00"],
    "cols": ["P01"],
    "operation": "add",
    "value": 0,
    "balance": "none",
}


def one(*shocks: dict, name: str = "s") -> dict:
    return {"scenario": [{"name": name, "shock": list(shocks)}]}


def integration(value: float = 20.0, share: float = 0.3, total: bool = True) -> dict:
    """Coefficient scale with import balance, import substitution (needs imports by product,
    so a total-use table), exports, productivity."""
    doc = one(
        {
            "kind": "coefficients",
            "rows": ["P00", "P01"],
            "cols": ["P02", "P03"],
            "value": value,
            "balance": "imports",
        },
        {"kind": "import_substitution", "products": ["P00"], "users": ["P04"], "share": share},
        {"kind": "final_demand", "sectors": ["P02", "P03"], "category": "exports", "change": 10},
        {"kind": "productivity", "sectors": ["P02"], "target": "employment", "change": 8},
    )
    if not total:
        del doc["scenario"][0]["shock"][1]
    return doc


def run_both(t: IOTable, doc: dict) -> tuple[IOTable, ImpactResults, Base]:
    sf = scenario_file_from_dict(doc)
    (rs,), _ = validate_file(sf, t)
    return scenario_table(t, rs), run_scenarios(t, sf, draws=0), Base(t)


def per_unit_residual(t: IOTable) -> np.ndarray:
    return np.asarray(t.column_residual()) / np.asarray(t.x)


def check_totals(s: IOTable, res: ImpactResults, name: str = "s") -> None:
    """The new table's totals equal the engine's ``totals["scenario"]`` for each measure."""
    tot: pd.Series = res.totals.xs(name)["scenario"]
    imports = (
        float(np.asarray(s.m).sum())
        if s.Zm is not None
        else float(np.asarray(s.imported_inputs).sum() + (0 if s.Ym is None else s.Ym.sum()))
    )
    got = {
        "output": float(s.x.sum()),
        "value_added": float(s.value_added.sum()),
        "compensation": float(s.compensation.sum()),
        "imports": imports,
        **{k: float(s.satellite(k).sum()) for k in s.satellite_names},
    }
    for measure, value in got.items():
        assert value == pytest.approx(float(tot[measure]), rel=1e-10, abs=1e-9), measure


# ---------------------------------------------------------------- zero shock
def test_zero_shock_is_the_domestic_baseline_table() -> None:
    # a table whose columns and rows close: x₀ = L y₀ equals published x
    t = mb_table()
    doc = one({"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 0})
    s, _, _ = run_both(t, doc)
    d = t.domestic()
    assert s.equals(d.replace(meta=s.meta), rtol=1e-12, atol=1e-9)
    assert str(s.meta.assumptions[-1]).startswith("Scenario table 's'")


@pytest.mark.parametrize("total", [False, True])
def test_zero_shock_total_use_table_uses_the_model_output(total: bool) -> None:
    t = random_table(6, np.random.default_rng(3), total=total)
    # perturb published output so that x₀ = L y₀ differs from it
    t = t.replace(x=np.asarray(t.x) * 1.001)
    s, res, base = run_both(t, one(ZERO))
    d = t.domestic()
    x0 = t.leontief.solve(base.y.sum(axis=1))
    assert not np.allclose(x0, t.x, rtol=1e-6)
    np.testing.assert_allclose(s.x, x0, rtol=1e-12)
    np.testing.assert_allclose(
        s.x, res.by_sector.query("measure == 'output'")["baseline"], rtol=1e-12
    )
    r = x0 / np.asarray(d.x)  # the baseline rescaled to the model's output
    np.testing.assert_allclose(s.Z, np.asarray(d.Z) * r, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(s.Y, d.Y, rtol=0, atol=0)
    np.testing.assert_allclose(s.V, np.asarray(d.V) * r, rtol=1e-12)
    np.testing.assert_allclose(s.F, np.asarray(d.F) * r, rtol=1e-12)
    np.testing.assert_allclose(s.A, t.A, rtol=1e-12, atol=1e-15)
    assert (s.Zm is None) == (d.Zm is None)
    if d.Zm is not None:
        assert s.Zm is not None and s.Ym is not None and d.Ym is not None
        np.testing.assert_allclose(s.Zm, np.asarray(d.Zm) * r, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(s.Ym, np.asarray(d.Ym))
    assert s.kind == "domestic"


# ---------------------------------------------------------------- identities and totals
@pytest.mark.parametrize("total", [False, True])
def test_identities_output_and_totals(total: bool) -> None:
    t = random_table(7, np.random.default_rng(11), total=total)
    sf = scenario_file_from_dict(integration(total=total))
    (rs,), _ = validate_file(sf, t)
    s = scenario_table(t, rs)
    res = run_scenarios(t, sf, draws=0)
    base = Base(t)
    a = apply_scenario(base, rs)
    # the new coefficients and final demand are the engine's
    np.testing.assert_allclose(s.A, a.new_A(base.A), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(s.Y, a.y, rtol=0, atol=0)
    # row identity exactly (up to rounding), columns keep the base residual per unit
    assert np.abs(s.row_residual()).max() <= 1e-10 * s.x.max()
    np.testing.assert_allclose(per_unit_residual(s), per_unit_residual(t.domestic()), atol=1e-12)
    # imports by product add up
    if s.Zm is not None:
        assert s.m is not None and s.Ym is not None
        np.testing.assert_allclose(s.m, s.Zm.sum(axis=1) + s.Ym.sum(axis=1), rtol=1e-12)
    # the new table's own factorisation reproduces the engine's output (Woodbury)
    x_engine = res.by_sector.query("measure == 'output'")["scenario"].to_numpy()
    y1 = np.asarray(s.domestic().Y).sum(axis=1)
    np.testing.assert_allclose(s.leontief.solve(y1), x_engine, rtol=1e-10)
    np.testing.assert_allclose(s.x, x_engine, rtol=1e-12)
    check_totals(s, res)
    assert not any("do not close" in str(line) for line in s.meta.assumptions)


def test_unbalanced_columns_are_named() -> None:
    # balance "none": the column's costs rise by δ per unit of output, nothing gives way
    t = random_table(5, np.random.default_rng(5))
    doc = one(
        {
            "kind": "coefficients",
            "rows": ["P00"],
            "cols": ["P03"],
            "value": 0.02,
            "operation": "add",
            "balance": "none",
        }
    )
    s, res, _ = run_both(t, doc)
    dr = per_unit_residual(s) - per_unit_residual(t.domestic())
    np.testing.assert_allclose(dr, [0, 0, 0, -0.02, 0], atol=1e-12)
    assert any("(P03)" in str(line) and "do not close" in str(line) for line in s.meta.assumptions)
    check_totals(s, res)


def test_price_shock_leaves_quantities() -> None:
    t = mb_table()
    doc = one({"kind": "prices", "sectors": ["S2"], "target": "value_added", "change": 10})
    s, _, _ = run_both(t, doc)
    assert s.equals(t.domestic().replace(meta=s.meta), rtol=1e-12, atol=1e-9)
    assert any("baseline prices" in str(line) for line in s.meta.assumptions)


def test_applied_scenario_accepted_and_file_gives_every_scenario() -> None:
    t = random_table(6, np.random.default_rng(2), total=True)
    doc = integration()
    doc["scenario"].append({"name": "zero", "shock": [ZERO]})
    sf = scenario_file_from_dict(doc)
    tables = scenario_tables(t, sf)
    assert list(tables) == ["s", "zero"]
    resolved, _ = validate_file(sf, t)
    a = apply_scenario(Base(t), resolved[0])
    assert scenario_table(t, a).equals(tables["s"], rtol=1e-12, atol=1e-12)
    res = run_scenarios(t, sf, draws=0)
    for name, s in tables.items():
        check_totals(s, res, name)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    value=st.floats(-50, 60),
    share=st.floats(0, 1),
    total=st.booleans(),
)
def test_totals_equal_engine_on_random_tables(
    seed: int, value: float, share: float, total: bool
) -> None:
    t = random_table(6, np.random.default_rng(seed), total=total)
    assume(np.any(np.asarray(t.A)[:2, 2:4]))  # a block of zeros cannot be scaled
    doc = integration(value, share, total)
    try:
        s, res, _ = run_both(t, doc)
    except ScenarioError:  # infeasible (e.g. too few imports to offset): the engine agrees
        with pytest.raises(ScenarioError):
            run_scenarios(t, scenario_file_from_dict(doc), draws=0)
        return
    check_totals(s, res)
    assert np.abs(s.row_residual()).max() <= 1e-10 * s.x.max()


# ---------------------------------------------------------------- CLI
def test_cli_chains_scenario(tmp_path: Path) -> None:
    from iocluster.io import write_table

    t = random_table(6, np.random.default_rng(4), total=True)
    path = tmp_path / "t.xlsx"
    write_table(t, path)
    scen = tmp_path / "s.toml"
    scen.write_text(
        '[clusters]\ncore = ["P02", "P03"]\n\n[[scenario]]\nname = "more_services"\n'
        '  [[scenario.shock]]\n  kind = "coefficients"\n  rows = ["P00"]\n  cols = ["core"]\n'
        '  operation = "scale"\n  value = 50\n  balance = "value_added"\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app,
        [
            "chains",
            str(path),
            "-t",
            "core",
            "--demand",
            "exports",
            "--services",
            "P00",
            "--scenario",
            str(scen),
            "--format",
            "json",
        ],
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert "compare core more_services" in doc
    c = pd.read_json(io.StringIO(json.dumps(doc["compare core more_services"])), orient="split")
    share = c.loc["services share of value added"]
    assert share["scenario"] > share["baseline"]  # more P00 inputs per unit of core output
    assert c.loc["final demand", "change"] == pytest.approx(0.0, abs=1e-9)

    bad = tmp_path / "bad.toml"
    bad.write_text(scen.read_text().replace('cols = ["core"]', 'cols = ["coer"]'), encoding="utf-8")
    r2 = CliRunner().invoke(app, ["chains", str(path), "-t", "P02", "--scenario", str(bad)])
    assert r2.exit_code == 1
    assert "coer" in r2.stderr and "core" in r2.stderr and "Traceback" not in r2.output


# ---------------------------------------------------------------- Uzbekistan 2022
def test_uzbekistan_textile_integration(uzbekistan: IOTable) -> None:
    sf = read_scenarios(UZ_SCENARIO)
    tables = scenario_tables(uzbekistan, sf)
    res = run_scenarios(uzbekistan, sf, draws=0)
    s = tables["textile_integration"]
    check_totals(s, res, "textile_integration")
    assert np.abs(s.row_residual()).max() <= 1e-12 * s.x.sum()
    np.testing.assert_allclose(
        per_unit_residual(s), per_unit_residual(uzbekistan.domestic()), atol=1e-10
    )
    x_engine = res.by_sector.query("measure == 'output'")["scenario"].to_numpy()
    np.testing.assert_allclose(s.leontief.solve(s.Y.sum(axis=1)), x_engine, rtol=1e-10)


def test_multipliers_after_equal_multipliers_of_the_scenario_table() -> None:
    # the engine's "after" multipliers (Woodbury) are the simple multipliers of the
    # scenario's table (Miller & Blair 2009 §6.2), computed here by a fresh factorisation
    from iocluster.analysis.multipliers import multipliers

    t = random_table(7, np.random.default_rng(8), total=True)
    s, res, _ = run_both(t, integration())
    mine = multipliers(s, ["output", "value_added", "income", "jobs", "imports"], kinds=["simple"])
    eng = res.multipliers.xs("s")["after"]
    names = {"output": "output", "value_added": "value_added", "compensation": "income"}
    names |= {"jobs": "jobs", "imports": "imports"}
    codes, measures = eng.index.get_level_values(0), eng.index.get_level_values(1)
    for code, measure, after in zip(codes, measures, eng, strict=True):
        got = mine.loc[code, f"{names[measure]}_simple"]
        assert got == pytest.approx(after, rel=1e-10), (code, measure)
    assert len(eng) == 5 * 3  # the changed columns P02, P03, P04 (no clusters given)
