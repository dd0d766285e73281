"""The mixed exogenous/endogenous model: sectors with fixed or capped output
(Miller & Blair 2009, §13.1), solved against the base factorisation."""

from __future__ import annotations

import numpy as np
import pytest

from iocluster.core.engine import factorise
from iocluster.core.mixed import capped_final_demand, mixed_final_demand
from iocluster.core.woodbury import LowRank
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import ScenarioError
from iocluster.scenarios.run import run_document
from iocluster.table import IOTable

A2 = np.array([[0.15, 0.25], [0.2, 0.05]])  # Miller & Blair (2009), Table 2.3
A3 = np.array([[0.1, 0.2, 0.0], [0.3, 0.1, 0.2], [0.0, 0.1, 0.1]])


def _brute(A: np.ndarray, y: np.ndarray, X: list[int], level: np.ndarray) -> np.ndarray:
    """M&B §13.1 directly: move the fixed outputs to the right and the fixed sectors'
    final demand to the left, ``[(I − A)_{:,E}  −E_X] [x_E; z] = y − (I − A)_{:,X} x̄``,
    one dense solve of the rearranged system (the brute force the update must match)."""
    n = A.shape[0]
    M = np.eye(n) - A
    E = [i for i in range(n) if i not in X]
    EX = np.zeros((n, len(X)))
    EX[X, np.arange(len(X))] = 1.0
    lhs = np.hstack([M[:, E], -EX])
    sol = np.linalg.solve(lhs, y - M[:, X] @ level)
    return sol[len(E) :]


def test_two_sector_by_hand() -> None:
    # y = (350 + 100, 1700) with x₂ fixed at 2000 (its Table 2.3 output).
    # Row 1: x₁ = .15 x₁ + .25·2000 + 450  =>  x₁ = 950 / .85 = 1117.647
    #   (Δx₁ = 100 / .85 = 117.647: sector 1 no longer pulls sector 2 up).
    # Row 2: 2000 = .2 x₁ + .05·2000 + 1700 + z  =>  z = 200 − .2 x₁ = −23.529.
    sys = factorise(A2)
    z = mixed_final_demand(sys, None, np.array([450.0, 1700.0]), [1], np.array([2000.0]))
    assert z[0] == pytest.approx(200 - 0.2 * 950 / 0.85, abs=1e-10)
    x = sys.solve(np.array([450.0, 1700.0 + z[0]]))
    assert x == pytest.approx([950 / 0.85, 2000.0], abs=1e-9)


def test_three_sector_by_hand() -> None:
    # Changes from a base, Δy = (90, 0, 0), Δx₃ = 0 (sector 3 fixed).
    # Row 2: Δx₂ = .3 Δx₁ + .1 Δx₂            =>  Δx₂ = Δx₁ / 3
    # Row 1: Δx₁ = .1 Δx₁ + .2 Δx₂ + 90        =>  Δx₁ (.9 − .2/3) = 90  =>  Δx₁ = 108, Δx₂ = 36
    # Row 3: 0 = .0 Δx₁ + .1 Δx₂ + .1·0 + z    =>  z = −3.6
    sys = factorise(A3)
    z = mixed_final_demand(sys, None, np.array([90.0, 0.0, 0.0]), [2], np.array([0.0]))
    assert z[0] == pytest.approx(-3.6, abs=1e-12)
    dx = sys.solve(np.array([90.0, 0.0, z[0]]))
    assert dx == pytest.approx([108.0, 36.0, 0.0], abs=1e-10)


def test_matches_the_rearranged_system_with_an_update() -> None:
    rng = np.random.default_rng(3)
    n = 12
    A = rng.uniform(0, 1, (n, n))
    A *= 0.7 / A.sum(axis=0)
    U = np.zeros((n, 2))
    U[:, 0] = rng.uniform(0, 0.02, n)
    U[:, 1] = rng.uniform(0, 0.02, n)
    V = np.zeros((n, 2))
    V[3, 0] = V[7, 1] = 1.0
    y = rng.uniform(10, 100, n)
    X, level = [1, 5, 9], np.array([150.0, 80.0, 120.0])
    z = mixed_final_demand(factorise(A), LowRank(U, V), y, X, level)
    assert z == pytest.approx(_brute(A + U @ V.T, y, X, level), rel=1e-9)


def test_caps_bind_only_where_exceeded() -> None:
    sys = factorise(A3)
    y = np.array([90.0, 40.0, 10.0])
    free = sys.solve(y)
    caps = {1: free[1] * 0.9, 2: free[2] * 1.5}  # the first binds, the second does not
    S, z = capped_final_demand(sys, None, y, {}, caps)
    assert S == [1]
    yy = y.copy()
    yy[S] += z
    x = sys.solve(yy)
    assert x[1] == pytest.approx(caps[1])
    assert x[2] <= caps[2]
    assert z == pytest.approx(_brute(A3, y, [1], np.array([caps[1]])))


def _doc(**scen: object) -> dict:
    shock = {"kind": "final_demand", "sectors": ["S1"], "category": "final_demand",
             "change": 100, "unit": "absolute"}  # fmt: skip
    return {"scenario": [{"name": "s", "shock": [shock], **scen}]}


def test_scenario_holds_output_and_imports_give_way() -> None:
    res = run_document(miller_blair_2_3(), _doc(fixed_output=["S2"]))
    out = res.by_sector[res.by_sector["measure"] == "output"]
    assert out.loc["S2", "change"] == pytest.approx(0.0, abs=1e-9)
    assert out.loc["S1", "change"] == pytest.approx(100 / 0.85)
    cap = res.capacity
    assert cap is not None
    row = cap.loc[("s", "S2")].astype(float)
    assert row["final_demand_change"] == pytest.approx(-0.2 * 100 / 0.85)
    assert row["imports_change"] == pytest.approx(0.2 * 100 / 0.85)  # imported instead
    # without the limit, Δx₂ = l₂₁·100 with l₂₁ = .2 / ((1 − .15)(1 − .05) − .25·.2)
    free_dx2 = float(row["unconstrained_output"] - row["baseline_output"])
    assert free_dx2 == pytest.approx(100 * 0.2 / (0.85 * 0.95 - 0.25 * 0.2), rel=1e-9)
    assert res.totals.loc[("s", "imports"), "change"] == pytest.approx(0.2 * 100 / 0.85)
    assert any("mixed model" in str(a) for a in res.assumptions)


def _exporting_table() -> IOTable:
    return IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[350.0, 0.0], [1000.0, 700.0]],
        V=[[650.0, 1400.0]],
        codes=["S1", "S2"],
        fd_names=["household", "exports"],
        fd_roles=["household", "exports"],
    )


def test_exports_give_way() -> None:
    t = _exporting_table()
    doc = {"scenario": [{"name": "s", "fixed_output": ["S2"], "give_way": "exports",
           "shock": [{"kind": "final_demand", "sectors": ["S1"], "category": "household",
                      "change": 100, "unit": "absolute"}]}]}  # fmt: skip
    res = run_document(t, doc)
    dz = -0.2 * 100 / 0.85
    assert res.totals.loc[("s", "exports"), "change"] == pytest.approx(dz)
    assert res.capacity is not None
    assert res.capacity.loc[("s", "S2"), "imports_change"] == pytest.approx(0.0, abs=1e-9)


def test_capacity_cap_in_percent() -> None:
    res = run_document(miller_blair_2_3(), _doc(capacity={"S2": 1.0}))
    out = res.by_sector[res.by_sector["measure"] == "output"]
    assert out.loc["S2", "change"] == pytest.approx(20.0)  # 1 % of 2000
    loose = run_document(miller_blair_2_3(), _doc(capacity={"S2": 50.0}))
    assert loose.capacity is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"fixed_output": ["S9"]}, "'fixed_output': 'S9' is neither"),
        ({"fixed_output": ["S2"], "capacity": {"S2": 5}}, "also in 'fixed_output'"),
        ({"give_way": "inventories"}, "'give_way': 'inventories' is not one of"),
        ({"capacity": ["S2"]}, "'capacity': expected a table"),
        ({"fixed_output": ["S1", "S2"]}, "every sector's output is fixed"),
    ],
)
def test_bad_capacity_fields(extra: dict, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        run_document(miller_blair_2_3(), _doc(**extra))


def test_uzbekistan_cotton_fixed(uzbekistan: IOTable) -> None:
    shock = {"kind": "final_demand", "sectors": ["C13*", "C14"], "category": "exports",
             "change": 10}  # fmt: skip
    free = run_document(uzbekistan, {"scenario": [{"name": "a", "shock": [shock]}]})
    held = run_document(
        uzbekistan, {"scenario": [{"name": "a", "shock": [shock], "fixed_output": ["А01.16"]}]}
    )
    o1 = free.by_sector[free.by_sector["measure"] == "output"]["change"]
    o2 = held.by_sector[held.by_sector["measure"] == "output"]["change"]
    assert o1["A01.16"] > 0
    assert o2["A01.16"] == pytest.approx(0.0, abs=1e-6 * o1["A01.16"])
    assert o2.sum() < o1.sum()  # less domestic cotton, less domestic output
    cap = held.capacity
    assert cap is not None
    assert cap.loc[("a", "A01.16"), "final_demand_change"] == pytest.approx(
        -o1["A01.16"], rel=0.05
    )  # roughly the extra cotton the open model would have grown, now imported


def test_held_in_the_closed_model_too(uzbekistan: IOTable) -> None:
    from iocluster.model.closure import Closure

    # a tax on cotton output alone reads cotton's induced output off the tax frame:
    # induced revenue = rate × induced cotton output
    taxes = [{"sector": "A01.16", "instrument": "cotton_levy", "rate": 0.01}]
    shock = {"kind": "final_demand", "sectors": ["C13*", "C14"], "category": "exports",
             "change": 10}  # fmt: skip
    held = {"taxes": taxes, "scenario": [{"name": "a", "shock": [shock],
            "fixed_output": ["А01.16"]}]}  # fmt: skip
    free = {"taxes": taxes, "scenario": [{"name": "a", "shock": [shock]}]}
    r_held = run_document(uzbekistan, held, closure=Closure())
    r_free = run_document(uzbekistan, free, closure=Closure())
    assert r_held.taxes is not None and r_free.taxes is not None
    assert r_free.taxes.loc[("a", "cotton_levy"), "induced"] > 1.0
    assert r_held.taxes.loc[("a", "cotton_levy"), "induced"] == pytest.approx(0.0, abs=1e-6)
    assert 0 < r_held.effects.loc[("a", "output"), "induced"]
