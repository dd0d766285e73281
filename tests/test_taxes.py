"""Tax and subsidy shocks: the tax file, cost-push prices, export response and the
fiscal balance (Miller & Blair 2009, §2.6 price model; IMPLAN's tax impact split)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from iocluster.errors import InputError, ScenarioError
from iocluster.io.taxes import read_tax_file
from iocluster.model.closure import Closure
from iocluster.scenarios.run import run_document
from iocluster.table import IOTable

# Miller & Blair (2009) Table 2.3: A = [[.15, .25], [.2, .05]], det(I − A) = .7575,
# L = [[.95, .25], [.2, .85]] / .7575 = [[1.25413, .33003], [.26403, 1.12211]].
DET = 0.85 * 0.95 - 0.25 * 0.2
L11, L12, L21, L22 = 0.95 / DET, 0.25 / DET, 0.2 / DET, 0.85 / DET


def _table(exports: bool = False) -> IOTable:
    """Table 2.3 with value added split into net taxes on production (10 % of output in
    both sectors) and operating surplus; final demand all exports when asked."""
    return IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[350.0], [1700.0]],
        V=[[100.0, 200.0], [550.0, 1200.0]],
        codes=["S1", "S2"],
        fd_names=["exports" if exports else "household"],
        fd_roles=["exports" if exports else "household"],
        va_names=["other_net_taxes_on_production", "operating_surplus"],
        va_roles=["taxes_production", "operating_surplus"],
    )


TAXES = [{"sector": "S1", "instrument": "property_tax", "rate": 0.06, "source": "test"}]


def _cut(**extra: object) -> dict:
    shock = {"kind": "tax", "sectors": ["S1"], "instrument": "property_tax", "change": -50}
    return {"taxes": TAXES, "scenario": [{"name": "cut", "shock": [{**shock, **extra}]}]}


def test_full_pass_through_by_hand() -> None:
    # Δt₁ = −50 % × 0.06 = −0.03 per unit of S1's output, all passed on: Δc = (−0.03, 0).
    # Price model (M&B §2.6): Δp = (I − A)⁻ᵀ Δc, so Δp₁ = l₁₁ Δc₁, Δp₂ = l₁₂ Δc₁.
    res = run_document(_table(), _cut())
    p = res.prices["scenario"]
    assert p["S1"] - 1 == pytest.approx(-0.03 * L11, abs=1e-12)
    assert p["S2"] - 1 == pytest.approx(-0.03 * L12, abs=1e-12)
    assert p["S1"] - 1 <= -0.03  # at least the direct share
    # revenue: rate change −0.03 × x₁ = −30; quantities fixed, so no activity revenue
    assert res.taxes is not None and res.fiscal is not None
    row = res.taxes.loc[("cut", "property_tax")]
    assert row["baseline"] == pytest.approx(60.0)
    assert row["rate_change"] == pytest.approx(-30.0)
    f = res.fiscal.loc[("cut", "annual")]
    assert f["revenue_lost"] == pytest.approx(30.0)
    assert f["revenue_from_activity"] == pytest.approx(0.0, abs=1e-9)
    assert f["net_cost"] == pytest.approx(30.0)
    # the table's row (10 %) less the file's 6 % stays as the table's instrument
    table_row = res.taxes.loc[("cut", "table_net_taxes_on_production")]
    assert table_row["baseline"] == pytest.approx(0.04 * 1000 + 0.1 * 2000)


def test_partial_pass_through_goes_to_surplus() -> None:
    res = run_document(_table(), _cut(pass_through=0.4))
    assert res.prices["scenario"]["S1"] - 1 == pytest.approx(-0.4 * 0.03 * L11, abs=1e-12)
    # value added falls by the price-relevant part only: −0.03 + 0.6 × 0.03 per unit
    va = res.totals.loc[("cut", "value_added"), "change"]
    assert va == pytest.approx(-0.4 * 0.03 * 1000)


def test_export_elasticity_by_hand() -> None:
    # All final demand exported; ε = −2 for the shock's sector S1 only:
    # Δe₁ = −2 × Δp₁ × e₁ with Δp₁ = −0.03 l₁₁; Δx = L Δe.
    res = run_document(_table(exports=True), _cut(export_elasticity=-2))
    dp1 = -0.03 * L11
    de = np.array([350.0 * -2 * dp1, 0.0])
    dx = np.array([[L11, L12], [L21, L22]]) @ de
    out = res.by_sector[res.by_sector["measure"] == "output"]["change"]
    assert out.to_numpy() == pytest.approx(dx, rel=1e-9)
    # revenue from activity at the new rates: property 0.03 on S1, table 0.04 and 0.1
    assert res.fiscal is not None
    activity = 0.03 * dx[0] + 0.04 * dx[0] + 0.1 * dx[1]
    f = res.fiscal.loc[("cut", "annual")]
    assert f["revenue_from_activity"] == pytest.approx(activity, rel=1e-9)
    assert f["net_cost"] == pytest.approx(30.0 - activity, rel=1e-9)


def test_subsidy_and_points() -> None:
    doc = {"scenario": [{"name": "s", "shock": [{"kind": "subsidy", "sectors": ["S2"],
           "instrument": "export_support", "change": 2, "unit": "points"}]}]}  # fmt: skip
    res = run_document(_table(), doc)
    # a new subsidy of 2 % of S2's output: Δc₂ = −0.02, Δp₂ = l₂₂ Δc₂; costs 40
    assert res.prices["scenario"]["S2"] - 1 == pytest.approx(-0.02 * L22, abs=1e-12)
    assert res.fiscal is not None
    assert res.fiscal.loc[("s", "annual"), "revenue_lost"] == pytest.approx(40.0)


def test_zero_change_keeps_prices_at_one(uzbekistan: IOTable) -> None:
    doc = {"taxes": [{"sector": "C13*", "instrument": "property_tax", "rate": 0.003}],
           "scenario": [{"name": "z", "shock": [{"kind": "tax", "sectors": ["C13*"],
                         "instrument": "property_tax", "change": 0}]}]}  # fmt: skip
    res = run_document(uzbekistan, doc)
    p = res.prices["scenario"].to_numpy()
    assert np.max(np.abs(p - 1.0)) < 1e-14  # 1 up to floating-point round-off
    assert res.fiscal is not None
    assert res.fiscal.loc[("z", "annual"), "net_cost"] == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("code", ["C13.1", "C14", "A01.16", "C20.15", "H49-51"])
def test_own_price_falls_at_least_by_direct_share(uzbekistan: IOTable, code: str) -> None:
    # p = Lᵀ c' and l_jj ≥ 1 (M&B §2.6): a cut of Δt in sector j lowers p_j by ≥ |Δt|.
    doc = {"scenario": [{"name": "c", "shock": [{"kind": "tax", "sectors": [code],
           "instrument": "table_net_taxes_on_production", "change": -100}]}]}  # fmt: skip
    res = run_document(uzbekistan, doc)
    j = uzbekistan.codes.index(code)
    row = [r for r in uzbekistan.va_names].index("other_net_taxes_on_production")
    dt = -float(np.asarray(uzbekistan.V)[row, j] / uzbekistan.x[j])
    dp = float(res.prices["scenario"].iloc[j]) - 1.0
    assert dp <= dt + 1e-15 if dt < 0 else dp >= dt - 1e-15


def test_parts_add_up(uzbekistan: IOTable) -> None:
    doc = {
        "taxes": [
            {"sector": "C13*", "instrument": "property_tax", "rate": 0.003},
            {"sector": "C14", "instrument": "property_tax", "amount": 50000.0},
            {"sector": "*", "instrument": "vat", "base": "consumption", "rate": 0.12},
            {"sector": "*", "instrument": "pit", "base": "compensation", "rate": 0.12},
        ],
        "scenario": [{"name": "cut", "shock": [
            {"kind": "tax", "sectors": ["C13*", "C14"], "instrument": "property_tax",
             "change": -50, "export_elasticity": -1.5, "phasing": {"2025": 0.5, "2026": 1}},
            {"kind": "final_demand", "sectors": ["C14"], "category": "household",
             "change": 5}]}],
    }  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_document(uzbekistan, doc, closure=Closure())
        open_ = run_document(uzbekistan, doc)
    assert res.taxes is not None and res.fiscal is not None
    tx = res.taxes.loc["cut"]
    parts = tx.drop("total")
    assert tx.loc["total"].to_numpy() == pytest.approx(parts.sum().to_numpy(), rel=1e-12)
    comp = tx[["rate_change", "direct", "indirect", "induced"]].sum(axis=1)
    assert comp.to_numpy() == pytest.approx(tx["total"].to_numpy(), rel=1e-12)
    f = res.fiscal.loc[("cut", "annual")]
    assert f["net_cost"] == pytest.approx(f["revenue_lost"] - f["revenue_from_activity"])
    assert f["net_cost"] == pytest.approx(-tx.loc["total", "total"])
    assert res.fiscal.loc[("cut", "2025"), "net_cost"] == pytest.approx(0.5 * f["net_cost"])
    # direct check in the open model: ΔR of the property tax = r₁·x₁ − r₀·x₀
    assert open_.taxes is not None
    out = open_.by_sector[open_.by_sector["measure"] == "output"]
    x0, x1 = out["baseline"].to_numpy(), out["scenario"].to_numpy()
    idx = [uzbekistan.codes.index(c) for c in uzbekistan.codes if c.startswith(("C13", "C14"))]
    c14 = uzbekistan.codes.index("C14")
    r0 = np.zeros(uzbekistan.n)
    r0[idx] = 0.003
    r0[c14] = 50000.0 / uzbekistan.x[c14]
    expected = float(0.5 * r0 @ x1 - r0 @ x0)
    got = open_.taxes.loc[("cut", "property_tax"), "total"]
    assert got == pytest.approx(expected, rel=1e-9)


def test_tax_files(tmp_path: Path) -> None:
    csv = tmp_path / "t.csv"
    csv.write_text(
        "sector,instrument,base,rate,amount,kind,source\n"
        "C13*,property_tax,output,0.003,,tax,illustrative\n"
        "C14,land_tax,,,1200,,illustrative\n",
        encoding="utf-8",
    )
    recs = read_tax_file(csv)
    assert [(r.instrument, r.base, r.kind) for r in recs] == [
        ("property_tax", "output", "tax"),
        ("land_tax", "output", "tax"),
    ]
    assert recs[1].amount == 1200.0 and np.isnan(recs[1].rate)
    toml = tmp_path / "t.toml"
    toml.write_text(
        '[[tax]]\nsector = "*"\ninstrument = "vat"\nbase = "consumption"\nrate = 0.12\n'
    )
    assert read_tax_file(toml)[0].base == "consumption"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["sector", "instrument", "rate"])
    ws.append(["C13.1", "property_tax", 0.004])
    wb.save(tmp_path / "t.xlsx")
    assert read_tax_file(tmp_path / "t.xlsx")[0].rate == 0.004


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sector,instrument,rate\nC13*,p,\n", r"t.csv, row 2: give exactly one of 'rate'"),
        ("sector,instrument,rate\nC13*,p,12\n", r"row 2, column 'rate': 12 is not a share"),
        ("sector,instrument,rate,base\nC13*,p,0.1,outptu\n", r"column 'base': 'outptu'.*output"),
        ("sector,instrument,amount\nC13*,p,-4\n", r"column 'amount': [-−]4 is negative"),
        ("sector,instrument,rate,colour\nC13*,p,0.1,red\n", r"unknown column 'colour'"),
        ("sector,instrument,rate\n,p,0.1\nC13*,q,0.1\n", r"row 2, column 'sector': required"),
        ("code,rate\nC13*,0.1\n", r"expected a header row with columns sector"),
        # issue 27: the last of two rows no longer wins silently; both rows are named
        ("sector,instrument,rate\nC13*,p,0.01\nC14,p,0.1\nc13*,P,0.02\n",
         r"t.csv, row 4: sector 'c13\*', instrument 'P' is given twice \(t.csv, row 2 and"),
        ("sector,instrument,amount\nC13*,p,1e21\n", r"column 'amount': 1e\+21 is beyond any"),
    ],
)  # fmt: skip
def test_tax_file_errors(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_tax_file(p)


def test_a_group_then_its_member_is_an_override_not_a_duplicate(tmp_path: Path) -> None:
    """``*`` then ``C13*``: the later row overrides the earlier one for the sectors they
    share (the documented order), unlike the same sector and instrument twice."""
    p = tmp_path / "t.csv"
    p.write_text("sector,instrument,rate\n*,vat,0.12\nC13*,vat,0.0\n", encoding="utf-8")
    assert [r.rate for r in read_tax_file(p)] == [0.12, 0.0]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (_cut() | {"taxes": [{"sector": "S9", "instrument": "property_tax", "rate": 0.1}]},
         r"\[\[taxes\]\] 1: 'S9' is neither"),
        ({"scenario": _cut()["scenario"]}, r"no instrument 'property_tax'.*tax file"),
        (_cut(pass_through=1.5), r"'pass_through': 1.5 is outside \[0, 1\]"),
        ({"taxes": TAXES, "scenario": [{"name": "s", "shock": [{"kind": "subsidy",
          "sectors": ["S1"], "instrument": "property_tax", "change": 5}]}]},
         r"'property_tax' is a tax in the tax schedule"),
        (_cut(phasing={"2025": 1.5}), r"'phasing'.2025: share 1.5 is outside"),
    ],
)  # fmt: skip
def test_bad_tax_scenarios(doc: dict, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        run_document(_table(), doc)


def test_file_taxes_above_the_tables_row_are_flagged() -> None:
    from iocluster.errors import AssumptionWarning

    doc = _cut()
    doc["taxes"] = [{"sector": "S1", "instrument": "property_tax", "rate": 0.15}]
    with pytest.warns(AssumptionWarning, match=r"exceed the table's own net taxes.*\(S1\)"):
        res = run_document(_table(), doc)
    assert any("exceed the table's own" in str(a) for a in res.assumptions)


def test_monte_carlo_over_the_elasticity() -> None:
    res = run_document(_table(exports=True), _cut(export_elasticity=[-3, -1]), draws=60)
    assert res.montecarlo is not None
    out = res.montecarlo.loc[("cut", "output")]
    assert out["p5"] < out["p95"]  # the elasticity's range reaches the quantities
    # Δx is linear in ε: the point estimate (ε = −2) lies inside the draws' range
    point = res.totals.loc[("cut", "output"), "change"]
    assert out["p5"] < point < out["p95"]


def test_excel_rows(tmp_path: Path) -> None:
    import openpyxl

    from iocluster.scenarios.parse_excel import COLUMNS
    from iocluster.scenarios.run import read_scenarios, run_scenarios

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "scenarios"
    ws.append(list(COLUMNS))
    row = dict.fromkeys(COLUMNS) | {
        "scenario": "s",
        "kind": "subsidy",
        "sectors": "S2",
        "instrument": "support",
        "unit": "points",
        "value": 2,
    }
    ws.append([row[c] for c in COLUMNS])  # fmt: skip
    wb.save(tmp_path / "s.xlsx")
    res = run_scenarios(_table(), read_scenarios(tmp_path / "s.xlsx"))
    assert res.prices["scenario"]["S2"] - 1 == pytest.approx(-0.02 * L22, abs=1e-12)
