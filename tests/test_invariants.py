"""Invariants of scenario results over every shock kind (issue 26): a metamorphic suite.

- accounts: the direct + indirect split adds up to the headline change of every measure
  (imports and exports included) and ``total = change + induced`` in the closed model;
  the regions of an interregional table add up to the nation;
- additivity: a scenario of shocks that are linear in their sizes changes every measure
  their rules leave per unit alone by the sum of the shocks run alone (the interaction
  row is 0), tax pairs with export elasticities included;
- splitting: one shock of size c equals two of c/2 where the kind is linear;
- relabelling: permuting the table's sectors permutes the results and nothing else;
- languages and channels: en/ru/uz runs, the library, the CLI's JSON and the workbook
  carry the same numbers;
- a self-test: the additivity check fails on a planted double count (each shock applying
  its export elasticity to the scenario's whole price change, as before this issue).

Runs on the example economy always, and on the 2022 Uzbekistan table when ``../shared``
is present.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.io import read_table
from iocluster.model.closure import DEFAULT_CLOSURE
from iocluster.reports.export import frames_from_json
from iocluster.scenarios import apply as apply_module
from iocluster.scenarios.kinds import KINDS
from iocluster.scenarios.parse_excel import PARAM_FIELD
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.run import read_scenarios, run_document, run_scenarios
from iocluster.table import IOTable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_economy.xlsx"
SCENARIOS = ROOT / "data" / "scenarios"
runner = CliRunner()

#: One feasible shock of every kind on the example economy (a new kind adds its example).
EXAMPLES: dict[str, dict[str, Any]] = {
    "coefficients": {"rows": ["IT"], "cols": ["TEX"], "operation": "add", "value": 0.01,
                     "balance": "other_inputs"},
    "import_substitution": {"products": ["PHARMA"], "categories": ["household"], "share": 0.4},
    "final_demand": {"sectors": ["TEX", "APPAREL"], "category": "exports", "change": 300.0,
                     "unit": "absolute"},
    "productivity": {"sectors": ["LEATHER"], "target": "employment", "change": -5.0},
    "extraction": {"sectors": ["TOUR"]},
    "prices": {"sectors": ["TRANSPORT"], "target": "price", "change": -10.0},
    "tax": {"sectors": ["TEX", "APPAREL"], "instrument": "table_net_taxes_on_production",
            "change": -0.2, "unit": "points", "export_elasticity": -1.5},
    "subsidy": {"sectors": ["APPAREL"], "instrument": "export_support", "change": 0.3,
                "unit": "points", "export_elasticity": -1.5},
    "investment": {"asset": "other", "amount": 400.0},
}  # fmt: skip
#: Measures whose coefficients (per unit of output) no linear shock changes.
LINEAR_MEASURES = ("output", "compensation", "employment_formal", "employment_informal",
                   "employment_total", "imports", "exports", "price_level")  # fmt: skip


@pytest.fixture(scope="module")
def economy() -> IOTable:
    return read_table(EXAMPLE)


def shock(kind: str, **changes: Any) -> dict[str, Any]:
    return {"kind": kind, **EXAMPLES[kind], **changes}


def run(table: IOTable, *shocks: dict[str, Any], closure: bool = True) -> ImpactResults:
    doc = {"scenario": [{"name": "s", "shock": list(shocks)}]}
    return run_document(table, doc, closure=DEFAULT_CLOSURE if closure else None)


# --------------------------------------------------------------------------- checks
def assert_accounts(res: ImpactResults) -> None:
    """direct + indirect = the headline change of every measure; total = change + induced."""
    for (name, meas), row in res.effects.iterrows():
        tot = res.totals.loc[(name, meas)]
        scale = max(abs(float(tot["baseline"])), 1.0) * 1e-10
        assert abs(row["direct"] + row["indirect"] - tot["change"]) <= scale, (name, meas)
        induced = 0.0 if np.isnan(row["induced"]) else row["induced"]
        assert abs(row["total"] - (tot["change"] + induced)) <= scale, (name, meas)


def assert_additive(res: ImpactResults, measures: tuple[str, ...] = LINEAR_MEASURES) -> None:
    """The interaction row of every scenario is 0 (1e-9 of its total change) for
    ``measures``: the scenario's change is the sum of its shocks' changes run alone."""
    assert res.by_shock is not None
    for name in dict.fromkeys(res.by_shock.index.get_level_values(0)):
        part = res.by_shock.loc[name]
        for m in measures:
            if m not in part.columns:
                continue
            total = float(part.loc["total", m])
            assert abs(float(part.loc["interaction", m])) <= 1e-9 * max(abs(total), 1e-9), (
                name, m, float(part.loc["interaction", m]), total,
            )  # fmt: skip


# --------------------------------------------------------------------------- tests
def test_every_kind_has_an_example() -> None:
    """A new shock kind joins this suite by adding its example."""
    assert set(EXAMPLES) == set(KINDS)


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_effects_add_up_to_the_headline_for_every_kind(economy: IOTable, kind: str) -> None:
    for closure in (True, False):
        res = run(economy, shock(kind), closure=closure)
        assert_accounts(res)
        assert "exports" in res.effects.index.get_level_values("measure")


def test_imports_of_investment_and_held_output_are_in_the_effects(economy: IOTable) -> None:
    """Investment leakage and the imports that replace a fixed sector's output are direct
    imports: without them the effects missed most of the headline (issue 26, item 2)."""
    res = run(economy, shock("investment"))
    eff = res.effects.loc[("s", "imports")]
    leakage = float(res.investment.loc[("s", "other"), "imports"])  # type: ignore[union-attr]
    assert leakage > 0 and eff["direct"] >= leakage
    doc = {"scenario": [{"name": "s", "fixed_output": ["TEX"],
                         "shock": [shock("final_demand", sectors=["APPAREL"])]}]}  # fmt: skip
    held = run_document(economy, doc, closure=DEFAULT_CLOSURE)
    assert_accounts(held)
    assert float(held.capacity["imports_change"].sum()) > 0  # type: ignore[index]


@pytest.mark.parametrize("name", ["textile_integration.toml", "shock_kinds.toml"])
def test_bundled_scenarios_add_up(economy: IOTable, name: str) -> None:
    res = run_scenarios(economy, read_scenarios(SCENARIOS / name), closure=DEFAULT_CLOSURE)
    assert_accounts(res)


def test_linear_shocks_are_additive(economy: IOTable) -> None:
    """Final demand, investment, and a tax and a subsidy with export elasticities: the
    interaction row is 0 for every measure whose coefficients they leave alone (the tax
    changes value added per unit, so value added has a true second-order cross term)."""
    res = run(
        economy,
        shock("final_demand"),
        shock("final_demand", sectors=["TOUR"], category="household", change=150.0),
        shock("investment"),
        shock("tax"),
        shock("subsidy"),
    )
    assert_additive(res)
    assert_accounts(res)


def test_two_tax_shocks_on_the_same_sectors_do_not_interact(economy: IOTable) -> None:
    """Two price shocks on the same sectors, one elasticity: exports respond once per sector."""
    res = run(economy, shock("tax"), shock("tax", change=-0.1))
    assert_additive(res)


@settings(max_examples=15, deadline=None)
@given(a=st.floats(-200, 500), b=st.floats(-200, 500), c=st.floats(0, 900))
def test_additivity_for_any_sizes(a: float, b: float, c: float) -> None:
    t = read_table(EXAMPLE)
    res = run(
        t,
        shock("final_demand", change=a),
        shock("final_demand", sectors=["IT"], change=b),
        shock("investment", amount=c),
    )
    assert_additive(res)


@pytest.mark.parametrize(
    "kind", [k for k in EXAMPLES if KINDS[k](**{}).is_linear() or k in ("final_demand", "tax")]
)
def test_one_shock_equals_two_halves(economy: IOTable, kind: str) -> None:
    """Where a kind is linear in its size, one shock of c equals two shocks of c/2."""
    field = PARAM_FIELD[kind]
    one = shock(kind)
    half = {**one, field: one[field] / 2}
    whole, halves = run(economy, one), run(economy, half, half)
    pd.testing.assert_series_equal(
        whole.totals["change"], halves.totals["change"], rtol=1e-9, atol=1e-9
    )


def _permuted(t: IOTable, p: np.ndarray) -> IOTable:
    """The table with its sectors in the order ``p``."""

    def rows(a: Any) -> Any:
        return None if a is None else np.asarray(a)[p]

    def both(a: Any) -> Any:
        return None if a is None else np.asarray(a)[np.ix_(p, p)]

    return IOTable.from_arrays(
        Z=both(t.Z), Y=rows(t.Y), V=np.asarray(t.V)[:, p], x=rows(t.x),
        codes=[t.codes[i] for i in p], names=[t.names[i] for i in p],
        labels=[t.labels[i] for i in p], fd_names=t.fd_names, fd_roles=t.fd_roles,
        va_names=t.va_names, va_roles=t.va_roles, F=np.asarray(t.F)[:, p],
        satellite_names=t.satellite_names, satellite_units=t.satellite_units, kind=t.kind,
        m=rows(t.m), Zm=both(t.Zm), Ym=rows(t.Ym),
        tags={k: [v[i] for i in p] for k, v in t.tags.items()}, meta=t.meta,
        import_rule=t.import_rule,
    )  # fmt: skip


@pytest.mark.parametrize("name", ["textile_integration.toml", "shock_kinds.toml"])
def test_relabelling_permutes_the_results(economy: IOTable, name: str) -> None:
    p = np.random.default_rng(7).permutation(economy.n)
    sf = read_scenarios(SCENARIOS / name)
    a = run_scenarios(economy, sf, closure=DEFAULT_CLOSURE)
    b = run_scenarios(_permuted(economy, p), sf, closure=DEFAULT_CLOSURE)
    for frame in ("totals", "effects", "clusters", "services_content"):
        fa, fb = getattr(a, frame).sort_index(), getattr(b, frame).sort_index()
        pd.testing.assert_frame_equal(fa, fb, rtol=1e-9, atol=1e-6)
    key = ["scenario_name", "measure"]
    sa = a.by_sector.reset_index().set_index([*key, "code"]).sort_index()
    sb = b.by_sector.reset_index().set_index([*key, "code"]).sort_index()
    pd.testing.assert_frame_equal(sa, sb, rtol=1e-9, atol=1e-6)


def _json_frames(stdout: str) -> dict[str, pd.DataFrame]:
    return frames_from_json(stdout)[1]


def test_every_language_and_channel_carries_the_same_numbers(
    economy: IOTable, tmp_path: Path
) -> None:
    """The CLI's JSON in en/ru/uz, the library's result and the workbook's Impacts
    detail sheet hold the same numbers."""
    toml = SCENARIOS / "textile_integration.toml"
    lib = run_scenarios(economy, read_scenarios(toml), closure=DEFAULT_CLOSURE)
    docs = {}
    for lang in ("en", "ru", "uz"):
        r = runner.invoke(app, ["shock", str(EXAMPLE), str(toml), "-f", "json", "--lang", lang])
        assert r.exit_code == 0, r.output
        docs[lang] = _json_frames(r.stdout)
        assert json.loads(r.stdout)["meta"]["closure"]["income"] == "compensation"
    for lang in ("ru", "uz"):
        for k, df in docs["en"].items():
            pd.testing.assert_frame_equal(df, docs[lang][k])
    cli = docs["en"]["totals"]
    np.testing.assert_allclose(cli["change"].to_numpy(), lib.totals["change"].to_numpy(),
                               rtol=1e-12)  # fmt: skip
    values: dict[str, list[float]] = {}
    for lang in ("en", "ru", "uz"):
        out = tmp_path / f"r_{lang}.xlsx"
        r = runner.invoke(app, ["shock", str(EXAMPLE), str(toml), "-o", str(out), "--lang", lang])
        assert r.exit_code == 0, r.output
        ws = load_workbook(out, read_only=True).worksheets[-2]  # Impacts detail
        values[lang] = sorted(
            float(v) for row in ws.iter_rows(values_only=True) for v in row
            if isinstance(v, int | float) and not isinstance(v, bool)
        )  # fmt: skip
    assert values["en"] == values["ru"] == values["uz"]
    detail = lib.by_sector["change"].to_numpy()
    assert np.isin(np.round(detail[detail != 0], 6), np.round(values["en"], 6)).all()


def test_the_additivity_check_catches_a_planted_double_count(
    economy: IOTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each shock applying its elasticity to the scenario's whole price change (the bug
    this issue fixed) makes the interaction row non-zero: the suite fails on it."""
    honest = run(economy, shock("tax"), shock("tax", change=-0.1))
    assert_additive(honest)
    real = apply_module._elasticities

    def planted(base: Any, rs: Any, vals: Any, D: int) -> Any:
        eps = real(base, rs, vals, D)
        if eps is None:
            return None
        count = np.zeros(base.table.n)
        present = {s.index for s in rs.shocks}
        for resp in rs.responses:  # once per shock stating it: the double count
            count[resp.sectors] += len(present & set(resp.shocks))
        return eps * np.maximum(count, 1.0)[None, :]

    monkeypatch.setattr(apply_module, "_elasticities", planted)
    doubled = run(economy, shock("tax"), shock("tax", change=-0.1))
    with pytest.raises(AssertionError):
        assert_additive(doubled)


# --------------------------------------------------------------- Uzbekistan (../shared)
def test_tax_relief_counts_the_export_response_once(uzbekistan: IOTable) -> None:
    """The bundled tax-relief scenario: exports +142,198 million UZS, the sum of its two
    tax shocks, and an interaction of 0 (issue 26: +284,884 before)."""
    sf = read_scenarios(SCENARIOS / "textile_tax_relief_uzbekistan.toml", uzbekistan)
    res = run_scenarios(uzbekistan, sf, closure=DEFAULT_CLOSURE)
    by = res.by_shock
    assert by is not None
    relief = by.loc["textile_tax_relief"]
    assert round(float(relief.loc["total", "exports"])) == 142_198
    assert float(relief.loc["interaction", "exports"]) == 0.0
    assert_additive(res)
    assert_accounts(res)
    assert res.info.is_illustrative  # the tax file and the bridge say so
    assert {f.role for f in res.info.inputs} >= {"scenario", "taxes", "bridge"}


@pytest.mark.parametrize(
    "name", ["textile_integration_uzbekistan.toml", "textile_tax_relief_uzbekistan.toml"]
)
def test_uzbekistan_scenarios_add_up(uzbekistan: IOTable, name: str) -> None:
    sf = read_scenarios(SCENARIOS / name, uzbekistan)
    assert_accounts(run_scenarios(uzbekistan, sf, closure=DEFAULT_CLOSURE))


def test_regions_add_up_to_the_nation_and_say_they_are_illustrative(
    uzbekistan: IOTable,
) -> None:
    from iocluster.io.regional import read_regional_data, read_regions
    from iocluster.regional.interregional.build import build_interregional
    from tests.test_interregional import REGIONS_CSV

    if not REGIONS_CSV.exists():
        pytest.skip("../shared/data/uzbekistan-regions is not available")
    data = read_regional_data(ROOT / "data" / "regional_employment_illustrative.csv", uzbekistan)
    t = build_interregional(uzbekistan, data, read_regions(REGIONS_CSV))
    assert t.meta.illustrative and "regional_employment_illustrative.csv" in (
        t.meta.illustrative_reason
    )
    sf = read_scenarios(SCENARIOS / "fergana_textiles.toml", t)
    res = run_scenarios(t, sf, closure=DEFAULT_CLOSURE)
    assert res.info.is_illustrative and res.by_region is not None
    by_region = res.by_region["change"].groupby(level=["scenario_name", "measure"]).sum()
    for (name, meas), v in by_region.items():
        nat = float(res.totals.loc[(name, meas), "change"])
        assert abs(v - nat) <= 1e-9 * max(abs(nat), 1.0), (name, meas)
    assert_accounts(res)
