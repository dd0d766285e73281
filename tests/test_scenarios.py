"""Scenario engine: shocks against hand computations, Woodbury against brute force.

Hand computations use the two-sector economy of Miller & Blair (2009), Table 2.3
(A = [[0.15, 0.25], [0.20, 0.05]], L = [[1.2541, 0.3300], [0.2640, 1.1221]]).
"""

from __future__ import annotations

import dataclasses
import os
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.errors import ScenarioError
from iocluster.model.closure import Closure, close_households
from iocluster.scenarios.apply import Base, apply_scenario
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.run import run_document
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable

FUZZ = int(os.environ.get("IOCLUSTER_FUZZ", "0"))
EXAMPLES = 200 if FUZZ else 25


def mb_table() -> IOTable:
    """M&B Table 2.3 with compensation split, households, exports and employment."""
    return IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[50.0, 300.0], [400.0, 1300.0]],
        V=[[300.0, 500.0], [350.0, 900.0]],
        codes=["S1", "S2"],
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        va_names=["labour", "other"],
        va_roles=["compensation", "operating_surplus"],
        F=[[10.0, 40.0]],
        satellite_names=["employment"],
        satellite_units=["persons"],
    )


def doc(*shocks: dict, **top: object) -> dict:
    return {"scenario": [{"name": "s", "shock": list(shocks)}], **top}


def totals(res, measure: str = "output"):  # type: ignore[no-untyped-def]
    return res.totals.loc[("s", measure)]


def random_table(n: int, rng: np.random.Generator, total: bool = False) -> IOTable:
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.6)
    A *= rng.uniform(0.3, 0.8) / max(A.sum(axis=0).max(), 1e-9)
    x = rng.uniform(50, 150, n)
    Z = A * x
    y = x - Z.sum(axis=1)
    Y = np.column_stack([0.6 * y, 0.4 * y])
    va = x - Z.sum(axis=0)
    V = np.vstack([0.5 * va, 0.3 * va, 0.2 * va])
    codes = [f"P{i:02d}" for i in range(n)]
    kw: dict = {}
    if total:  # a total-use table whose proportional domestic split is the table above
        mu = rng.uniform(0.0, 0.3, n)
        Z = Z / (1 - mu)[:, None]
        Y = Y.copy()
        Y[:, 0] /= 1 - mu
        m = mu * (Z.sum(axis=1) + Y[:, 0])
        kw = {"kind": "total", "m": m, "x": x}
    return IOTable.from_arrays(
        Z=Z,
        Y=Y,
        V=V,
        codes=codes,
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        va_names=["comp", "gos", "imports"],
        va_roles=["compensation", "operating_surplus", "imports"],
        F=[x * 0.1],
        satellite_names=["jobs"],
        satellite_units=["persons"],
        **kw,
    )


# ---------------------------------------------------------------- hand computations
def test_final_demand_absolute_matches_leontief_column() -> None:
    # M&B (2009) §2.3: Δx = L Δf; Δf = (100, 0) -> Δx = 100 × L[:, 0]
    res = run_document(
        mb_table(),
        doc(
            {
                "kind": "final_demand",
                "sectors": ["S1"],
                "category": "exports",
                "change": 100,
                "unit": "absolute",
            }
        ),
    )
    dx = res.by_sector.query("measure == 'output'")["change"].to_numpy()
    np.testing.assert_allclose(dx, 100 * np.array([1.254125, 0.264026]), rtol=1e-5)
    # jobs: coefficients (0.01, 0.02) per unit of output
    assert totals(res, "employment")["change"] == pytest.approx(0.01 * dx[0] + 0.02 * dx[1])


def test_final_demand_percent() -> None:
    res = run_document(
        mb_table(),
        doc({"kind": "final_demand", "sectors": ["S2"], "category": "exports", "change": 10}),
    )
    L = np.linalg.inv(np.eye(2) - mb_table().A)
    np.testing.assert_allclose(
        res.by_sector.query("measure == 'output'")["change"], L @ [0, 130.0], rtol=1e-12
    )


def test_coefficient_add_value_added_balance_by_hand() -> None:
    # a_12: 0.25 -> 0.30, value added of S2 gives way: x' = (I - A')^{-1} f
    t = mb_table()
    res = run_document(
        t,
        doc(
            {
                "kind": "coefficients",
                "rows": ["S1"],
                "cols": ["S2"],
                "operation": "add",
                "value": 0.05,
                "balance": "value_added",
            }
        ),
    )
    A1 = np.array([[0.15, 0.30], [0.20, 0.05]])
    x1 = np.linalg.solve(np.eye(2) - A1, [350.0, 1700.0])
    np.testing.assert_allclose(
        res.by_sector.query("measure == 'output'")["scenario"], x1, rtol=1e-12
    )
    va1 = np.array([650 / 1000, 1400 / 2000 - 0.05])
    assert totals(res, "value_added")["scenario"] == pytest.approx(va1 @ x1, rel=1e-12)
    # compensation keeps its share of S2's value added (500/1400)
    comp1 = np.array([0.3, (0.7 - 0.05) * 500 / 1400])
    assert totals(res, "compensation")["scenario"] == pytest.approx(comp1 @ x1, rel=1e-12)


def test_coefficient_distribute_and_other_inputs() -> None:
    t = mb_table()
    sf = scenario_file_from_dict(
        doc(
            {
                "kind": "coefficients",
                "rows": ["S1"],
                "cols": ["S2"],
                "operation": "add",
                "value": 0.02,
                "mode": "distribute",
                "balance": "other_inputs",
            }
        )
    )
    (rs,), _ = validate_file(sf, t)
    a = apply_scenario(Base(t), rs)
    A1 = a.new_A(np.asarray(t.A))
    assert A1[0, 1] == pytest.approx(0.27)
    assert A1[1, 1] == pytest.approx(0.03)  # the other input gives way
    np.testing.assert_allclose(A1.sum(axis=0), t.A.sum(axis=0), rtol=1e-14)


def test_productivity_employment() -> None:
    # labour productivity +25 % in S1: jobs per unit of output 0.01 -> 0.008
    res = run_document(
        mb_table(),
        doc({"kind": "productivity", "sectors": ["S1"], "change": 25, "productivity": True}),
    )
    assert totals(res, "employment")["change"] == pytest.approx(-0.002 * 1000, rel=1e-12)
    assert totals(res)["change"] == 0.0


def test_extraction_matches_miller_blair_definition() -> None:
    # M&B (2009) §12.2.1: delete row and column 1 and its final demand: x̄2 = f2 / (1 - a22)
    res = run_document(mb_table(), doc({"kind": "extraction", "sectors": ["S1"]}))
    x = res.by_sector.query("measure == 'output'")["scenario"].to_numpy()
    np.testing.assert_allclose(x, [0.0, 1700 / 0.95], rtol=1e-12)


def test_extraction_between_groups() -> None:
    res = run_document(mb_table(), doc({"kind": "extraction", "from": ["S1"], "to": ["S2"]}))
    A1 = np.array([[0.15, 0.0], [0.2, 0.05]])
    np.testing.assert_allclose(
        res.by_sector.query("measure == 'output'")["scenario"],
        np.linalg.solve(np.eye(2) - A1, [350.0, 1700.0]),
        rtol=1e-12,
    )


def test_import_substitution_by_hand() -> None:
    # total-use table: half of the imported S1 used by S2 becomes domestic
    t = IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[350.0, 100.0], [1700.0, 0.0]],
        V=[[650.0, 1400.0]],
        codes=["S1", "S2"],
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        kind="total",
        m=[100.0, 0.0],
        x=[1000.0, 2000.0],
    )
    mu = 100.0 / (650.0 + 350.0)
    res = run_document(
        t, doc({"kind": "import_substitution", "products": ["S1"], "users": ["S2"], "share": 0.5})
    )
    A1 = np.asarray(t.A).copy()
    A1[0, 1] += 0.5 * mu * 500 / 2000
    y = t.domestic().Y.sum(axis=1)
    np.testing.assert_allclose(
        res.by_sector.query("measure == 'output'")["scenario"],
        np.linalg.solve(np.eye(2) - A1, y),
        rtol=1e-12,
    )
    assert totals(res, "imports")["change"] < 0


def test_price_value_added_shock() -> None:
    # M&B (2009) §2.6: p = (I - A)^{-T} v; unit value added of S1 +10 %
    res = run_document(
        mb_table(),
        doc({"kind": "prices", "sectors": ["S1"], "target": "value_added", "change": 10}),
    )
    A = mb_table().A
    v = np.array([0.65, 0.70])
    p = np.linalg.solve((np.eye(2) - A).T, v + np.array([0.065, 0.0]))
    np.testing.assert_allclose(res.prices["scenario"], p, rtol=1e-12)


def test_induced_effect_matches_closed_model() -> None:
    t = mb_table()
    res = run_document(
        t,
        doc(
            {
                "kind": "final_demand",
                "sectors": ["S1"],
                "category": "exports",
                "change": 100,
                "unit": "absolute",
            }
        ),
        closure=Closure(),
    )
    cm = close_households(t, Closure())
    Lb = np.linalg.inv(np.eye(3) - cm.A)
    L = np.linalg.inv(np.eye(2) - t.A)
    induced = (Lb[:2, 0] - L[:, 0]) * 100
    eff = res.effects.loc[("s", "output")]
    assert eff["induced"] == pytest.approx(induced.sum(), rel=1e-10)
    assert eff["direct"] == pytest.approx(100.0)
    assert eff["direct"] + eff["indirect"] == pytest.approx(totals(res)["change"], rel=1e-12)


def test_decomposition_adds_up() -> None:
    res = run_document(
        mb_table(),
        doc(
            {
                "kind": "coefficients",
                "rows": ["S2"],
                "cols": ["S1"],
                "value": 20,
                "balance": "none",
            },
            {"kind": "final_demand", "sectors": ["S2"], "category": "exports", "change": 5},
        ),
    )
    d = res.decomposition
    np.testing.assert_allclose(d["technology"] + d["final_demand"], d["change"], atol=1e-9)


# ---------------------------------------------------------------- invariants
def test_zero_shock_is_baseline_exactly() -> None:
    res = run_document(
        mb_table(),
        doc(
            {
                "kind": "coefficients",
                "rows": ["S1"],
                "cols": ["S1", "S2"],
                "value": 0,
                "balance": "value_added",
            }
        ),
    )
    assert (res.totals["change"] == 0).all()
    assert (res.by_sector["change"] == 0).all()


def test_scale_then_unscale_round_trip() -> None:
    t = mb_table()
    sf = scenario_file_from_dict(
        doc(
            {
                "kind": "coefficients",
                "rows": ["S1", "S2"],
                "cols": ["S2"],
                "value": 25,
                "balance": "value_added",
            },
            {
                "kind": "coefficients",
                "rows": ["S1", "S2"],
                "cols": ["S2"],
                "value": -20,
                "balance": "value_added",
            },
        )
    )
    (rs,), _ = validate_file(sf, t)
    a = apply_scenario(Base(t), rs)
    np.testing.assert_allclose(a.new_A(np.asarray(t.A)), t.A, atol=1e-15)
    np.testing.assert_allclose(a.va, Base(t).va, atol=1e-15)


shock_strategy = st.fixed_dictionaries(
    {
        "rows": st.lists(st.integers(0, 7), min_size=1, max_size=3, unique=True),
        "cols": st.lists(st.integers(0, 7), min_size=1, max_size=3, unique=True),
        "operation": st.sampled_from(["scale", "add"]),
        "value": st.floats(-0.5, 0.5),
        "mode": st.sampled_from(["per_cell", "distribute"]),
        "balance": st.sampled_from(["value_added", "imports", "other_inputs", "none"]),
    }
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    shocks=st.lists(shock_strategy, min_size=1, max_size=3),
    extract=st.booleans(),
    total=st.booleans(),
)
def test_woodbury_equals_brute_force(seed: int, shocks: list, extract: bool, total: bool) -> None:
    rng = np.random.default_rng(seed)
    t = random_table(8, rng, total=total)
    base = Base(t)
    codes = t.codes
    raw = []
    for s in shocks:
        v = s["value"] * 100 if s["operation"] == "scale" else s["value"] * 0.05
        raw.append(
            {
                "kind": "coefficients",
                "rows": [codes[i] for i in s["rows"]],
                "cols": [codes[i] for i in s["cols"]],
                "operation": s["operation"],
                "value": v,
                "mode": s["mode"],
                "balance": s["balance"],
            }
        )
    if extract:
        raw.append({"kind": "extraction", "sectors": [codes[int(rng.integers(8))]]})
    sf = scenario_file_from_dict(doc(*raw))
    try:
        (rs,), _cl = validate_file(sf, t)  # a scale of an all-zero block is refused here
        a = apply_scenario(base, rs)
    except ScenarioError:
        return  # refused (negative coefficient or impossible balance): checked elsewhere
    A1 = a.new_A(base.A)
    assert A1.min() >= 0.0
    if all(r["balance"] != "none" for r in shocks) and not extract:
        total_cost = A1.sum(0) + a.va.sum(0) + a.m + a.other
        np.testing.assert_allclose(total_cost, 1.0, rtol=1e-12)
    if np.max(np.abs(np.linalg.eigvals(A1))) >= 0.999:
        return
    from iocluster.scenarios.results import scenario_outputs

    (sol,) = scenario_outputs(base, [a])
    x_brute = np.linalg.solve(np.eye(8) - A1, a.y.sum(axis=1))
    np.testing.assert_allclose(sol[:, 0], x_brute, rtol=1e-10, atol=1e-10 * x_brute.max())


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    value=st.floats(-100, 300),
    balance=st.sampled_from(["value_added", "imports", "other_inputs"]),
)
def test_balancing_keeps_column_sums_and_signs(seed: int, value: float, balance: str) -> None:
    rng = np.random.default_rng(seed)
    t = random_table(6, rng)
    base = Base(t)
    sf = scenario_file_from_dict(
        doc(
            {
                "kind": "coefficients",
                "rows": ["P00", "P01"],
                "cols": ["P02", "P03", "P04"],
                "value": value,
                "balance": balance,
            }
        )
    )
    try:
        (rs,), _ = validate_file(sf, t)  # a scale of an all-zero block is refused here
        a = apply_scenario(base, rs)
    except ScenarioError as exc:
        assert "shock 1 (coefficients)" in str(exc)
        return
    A1 = a.new_A(base.A)
    assert A1.min() >= 0 and a.va.min() >= 0 and a.m.min() >= 0
    np.testing.assert_allclose(A1.sum(0) + a.va.sum(0) + a.m + a.other, 1.0, rtol=1e-12)


@pytest.mark.parametrize("balance", ["value_added", "imports", "other_inputs"])
def test_balancing_refuses_when_nothing_can_give_way(balance: str) -> None:
    """A cut in a[S1, S2] must be taken up by S2's other costs; when the chosen ones are
    all zero the column sum (invariant: 1ᵀA + va + m = 1) cannot be kept: one message."""
    t = IOTable.from_arrays(
        Z=[[0.0, 50.0], [0.0, 0.0]], Y=[[100.0], [100.0]], V=[[100.0, 0.0], [0.0, 50.0]],
        codes=["S1", "S2"], va_names=["va", "imports"], va_roles=["value_added", "imports"],
    )  # fmt: skip
    # S2 buys 50 from S1 and 50 of imports; no value added, no other domestic input
    shock = {"kind": "coefficients", "rows": ["S1"], "cols": ["S2"], "value": -10.0}
    (rs,), _ = validate_file(scenario_file_from_dict(doc({**shock, "balance": balance})), t)
    if balance == "imports":  # S2 has imports: they rise by the cut
        a = apply_scenario(Base(t), rs)
        assert a.m[1] == pytest.approx(0.5 + 0.05)
        return
    with pytest.raises(ScenarioError, match=r"shock 1 \(coefficients\).*sector 'S2' has no"):
        apply_scenario(Base(t), rs)


def test_exports_are_reported_as_a_measure() -> None:
    """Exports are exogenous in the open model (M&B 2009 §2.2): their change is exactly
    the export shock, by product; they get totals, sectors and clusters but no
    direct/indirect effects; the trade sentence reports exports − imports."""
    from iocluster.reports.impact.workbook import summary_lines

    t = mb_table()
    d = doc({"kind": "final_demand", "sectors": ["S2"], "category": "exports", "change": 10})
    r = run_document(t, d)
    assert r.totals.loc[("s", "exports"), "baseline"] == pytest.approx(1600.0)
    assert r.totals.loc[("s", "exports"), "change"] == pytest.approx(130.0)  # 10 % of 1300
    ex = r.by_sector[r.by_sector["measure"] == "exports"]
    np.testing.assert_allclose(ex["change"].to_numpy(), [0.0, 130.0], atol=1e-9)
    exp = r.effects.loc[("s", "exports")]  # a final-demand quantity: all direct
    assert exp["direct"] == exp["total"] == r.totals.loc[("s", "exports"), "change"]
    assert exp["indirect"] == 0.0
    d_imp = r.totals.loc[("s", "imports"), "change"]
    line = next(x for x in summary_lines(r, t) if x.startswith("Exports"))
    assert f"{130.0 - d_imp:+,.1f}".replace("-", "−") in line


# ---------------------------------------------------------------- Monte Carlo
def test_monte_carlo_reproducible_and_centred() -> None:
    d = doc(
        {"kind": "final_demand", "sectors": ["S1", "S2"], "category": "exports", "change": [5, 15]},
        draws=400,
        seed=7,
    )
    r1 = run_document(mb_table(), d)
    r2 = run_document(mb_table(), d)
    assert r1.montecarlo is not None and r2.montecarlo is not None
    assert r1.montecarlo.equals(r2.montecarlo)
    point = r1.totals.loc[("s", "output"), "change"]
    mc = r1.montecarlo.loc[("s", "output")]
    assert mc["p5"] < point < mc["p95"]
    assert mc["p50"] == pytest.approx(point, rel=0.05)
    r3 = run_document(mb_table(), {**d, "seed": 8})
    assert not r1.montecarlo.equals(r3.montecarlo)


def test_monte_carlo_by_sector() -> None:
    """Sector summaries: means add up to the total's mean (linearity of the mean; the
    percentiles need not), P5 ≤ P50 ≤ P95, each sector's P50 near its point change for a
    symmetric range, reproducible by seed."""
    d = doc(
        {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": [50, 150]},
        {
            "kind": "coefficients",
            "rows": ["S1"],
            "cols": ["S2"],
            "value": [0, 20],
            "balance": "value_added",
        },
        draws=300,
        seed=3,
    )
    r = run_document(mb_table(), d)
    assert r.montecarlo is not None and r.montecarlo_by_sector is not None
    bs = r.montecarlo_by_sector
    assert "montecarlo_by_sector" in r.frames()
    for meas in ("output", "value_added", "imports"):
        sec = bs[(bs["scenario_name"] == "s") & (bs["measure"] == meas)]
        assert list(sec.index) == ["S1", "S2"]
        assert sec["mean"].sum() == pytest.approx(r.montecarlo.loc[("s", meas), "mean"], rel=1e-12)
        assert (sec["p5"] <= sec["p50"]).all() and (sec["p50"] <= sec["p95"]).all()
    point = r.by_sector.loc[r.by_sector["measure"] == "output", "change"]
    p50 = bs.loc[bs["measure"] == "output", "p50"]
    np.testing.assert_allclose(p50.to_numpy(), point.to_numpy(), rtol=0.05)
    assert run_document(mb_table(), d).montecarlo_by_sector.equals(bs)


def test_closure_costs_no_second_factorisation(monkeypatch: pytest.MonkeyPatch) -> None:
    """DESIGN.md §6: with a Type II closure, compute_impacts factorises I − A once (the
    closed model is bordered against it) and the induced effect is unchanged."""
    import sys

    import iocluster.core.engine

    real = iocluster.core.engine.factorise
    calls: list[int] = []

    def counting(*args: object, **kw: object):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kw)  # type: ignore[arg-type]

    for name, mod in list(sys.modules.items()):
        if name.startswith("iocluster") and getattr(mod, "factorise", None) is real:
            monkeypatch.setattr(mod, "factorise", counting)
    t = mb_table()
    shock = {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 100}
    res = run_document(t, doc({**shock, "unit": "absolute"}), closure=Closure())
    assert len(calls) == 1
    Ab = close_households(t, Closure()).A
    induced = (np.linalg.inv(np.eye(3) - Ab)[:2, 0] - np.linalg.inv(np.eye(2) - t.A)[:, 0]) * 100
    assert res.effects.loc[("s", "output")]["induced"] == pytest.approx(induced.sum(), rel=1e-12)
    assert len(calls) == 1


def test_an_unproductive_scenario_is_named_among_several() -> None:
    """The error names the scenario and the coefficient shock that break productivity
    (column sums of A' ≥ 1), not a final-demand shock on the same sector."""
    ok = {"kind": "final_demand", "category": "exports", "sectors": ["S1"], "change": 5}
    bad = {
        "kind": "coefficients", "rows": ["*"], "cols": ["*"], "operation": "add",
        "value": 0.4, "balance": "none",
    }  # fmt: skip
    d = {"scenario": [{"name": "fine", "shock": [ok]}, {"name": "broken", "shock": [ok, bad]}]}
    with pytest.raises(ScenarioError, match=r"'broken', shock 2 \(coefficients\).*unproductive"):
        run_document(mb_table(), d)


def test_scenario_errors_carry_the_scenario_name() -> None:
    """A failure in the batched Woodbury solve names its scenario through the exception
    (``ScenarioError.scenario``), not by matching message text."""
    from iocluster.scenarios.params import alone_name
    from iocluster.scenarios.results import scenario_outputs

    t = mb_table()
    ok = {"kind": "final_demand", "category": "exports", "sectors": ["S1"], "change": 5}
    (rs,), _ = validate_file(scenario_file_from_dict(doc(ok)), t)
    a = apply_scenario(Base(t), rs)
    # column S1 of A' = e₁: I − A' has a zero column, the capacitance matrix is singular
    singular = dataclasses.replace(
        a, name="second", cols=np.array([0]), col_delta=np.eye(2)[:, [0]] - t.A[:, [0]]
    )
    with pytest.raises(ScenarioError, match="singular") as info:
        scenario_outputs(Base(t), [a, singular])
    assert info.value.scenario == "second"
    from iocluster.core.messages import render

    ru = render(info.value.message, "ru")  # the place and the reason said by key
    assert ru.startswith("сценарий 'second': изменённая система I − A вырождена"), ru
    # a shock run alone (for the contributions) is named as such, under its scenario
    alone = dataclasses.replace(singular, name=alone_name("second", 1))
    with pytest.raises(ScenarioError) as info:
        scenario_outputs(Base(t), [a, alone])
    assert str(info.value.message).startswith(
        "scenario 'second' (shock 2 alone, for the contributions): "
    )


# ------------------------------------------ issue 14 item 3: no silent account defaults
@pytest.mark.parametrize("value", [None, "", "  "])
def test_coefficient_shock_requires_balance(value: object) -> None:
    """A coefficient shock without `balance` would leave the column unbalanced: the
    error names scenario, shock and field and lists the options."""
    shock = {"kind": "coefficients", "rows": ["S2"], "cols": ["S1"], "value": 20}
    if value is not None:
        shock["balance"] = value
    with pytest.raises(ScenarioError) as exc:
        run_document(mb_table(), doc(shock))
    msg = str(exc.value.message)
    assert "scenario 's', shock 1 (coefficients), field 'balance'" in msg
    for rule in ("value_added", "imports", "other_inputs", "none"):
        assert rule in msg


def test_final_demand_shock_requires_category() -> None:
    with pytest.raises(ScenarioError, match=r"shock 1 \(final_demand\), field 'category'.*exports"):
        run_document(mb_table(), doc({"kind": "final_demand", "sectors": ["S1"], "change": 5}))


def test_misspelt_kind_suggests_the_kind() -> None:
    with pytest.raises(ScenarioError) as exc:
        run_document(mb_table(), doc({"kind": "coefficient", "rows": ["S1"]}))
    assert "unknown kind 'coefficient'; did you mean 'coefficients'?" in str(exc.value.message)


def test_sector_names_are_accepted_where_codes_are() -> None:
    """Invariant: naming sectors by name or by code gives the same result; an unknown
    name suggests the code of the closest one."""
    t = mb_table().replace(names=("Agriculture", "Manufacturing"))
    by_code = run_document(t, doc({"kind": "final_demand", "sectors": ["S2"],
                                   "category": "exports", "change": 10}))  # fmt: skip
    by_name = run_document(t, doc({"kind": "final_demand", "sectors": ["manufacturing"],
                                   "category": "exports", "change": 10}))  # fmt: skip
    pd.testing.assert_frame_equal(by_code.totals, by_name.totals)
    with pytest.raises(ScenarioError, match=r"did you mean 'S2' \(Manufacturing\)"):
        run_document(t, doc({"kind": "final_demand", "sectors": ["Manufactring"],
                             "category": "exports", "change": 10}))  # fmt: skip


def test_uzbekistan_sector_name_in_a_scenario(uzbekistan: IOTable) -> None:
    """ "Услуги проживания" is I55 in the 2022 table: same impacts by name as by code."""
    shock = {"kind": "final_demand", "category": "exports", "change": 10}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = run_document(uzbekistan, doc({**shock, "sectors": ["I55"]}))
        b = run_document(uzbekistan, doc({**shock, "sectors": ["Услуги проживания"]}))
        with pytest.raises(ScenarioError, match="did you mean 'I55'"):
            run_document(uzbekistan, doc({**shock, "sectors": ["Услуги проживани"]}))
    pd.testing.assert_frame_equal(a.totals, b.totals)


def test_excel_scenario_with_blank_balance_names_file_sheet_row_and_field(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Excel template: a blank `balance` cell is the same error as a missing key,
    located by file, sheet and row."""
    from openpyxl import Workbook

    from iocluster.scenarios.run import read_scenarios

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "scenarios"
    ws.append(["scenario", "kind", "rows", "cols", "operation", "balance", "value"])
    ws.append(["s", "coefficients", "S1", "S2", "scale", None, 10])
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(ScenarioError) as exc:
        read_scenarios(tmp_path / "s.xlsx")
    msg = str(exc.value.message)
    assert msg.startswith("s.xlsx, sheet 'scenarios', row 2: scenario 's', shock 1")
    assert "field 'balance': required, missing" in msg and "other_inputs" in msg
    # the place is keyed (file, sheet, row, scenario, shock): the same in Russian, in Russian
    from iocluster.core.messages import render

    ru = render(exc.value.message, "ru")
    assert ru.startswith("s.xlsx, лист 'scenarios', строка 2: сценарий 's', шок 1"), ru


def test_excel_scenario_problems_name_the_row_of_each_shock(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two bad shocks on rows 2 and 4 of the template: each problem names its own row,
    found from the problem's keyed place (scenario and shock), not from its words."""
    from openpyxl import Workbook

    from iocluster.core.messages import render
    from iocluster.scenarios.run import read_scenarios

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "scenarios"
    ws.append(["scenario", "kind", "rows", "cols", "operation", "balance", "value"])
    ws.append(["s", "coefficients", "S1", "S2", "scale", None, 10])
    ws.append(["s", "coefficients", "S1", "S2", "scale", "none", 10])
    ws.append(["t", "coefficients", "S1", "S2", "scale", None, 10])
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(ScenarioError) as exc:
        read_scenarios(tmp_path / "s.xlsx")
    problems = [render(q, "ru") for q in exc.value.problems]
    for row, scenario in ((2, "s"), (4, "t")):
        said = f"s.xlsx, лист 'scenarios', строка {row}: сценарий '{scenario}', шок 1"
        assert any(q.startswith(said) for q in problems), problems
    assert not any("строка 3" in q for q in problems), problems
