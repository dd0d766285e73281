"""The Leontief price model (iocluster.scenarios.prices), Miller & Blair (2009) §2.6:

    pᵀ = cᵀ (I − A)⁻¹,  i.e. (I − A)ᵀ p = c,

with c the costs per unit of output other than domestic intermediate inputs (value added,
imported inputs, other costs). Since every column of A, c adds up to 1, the baseline is
p = 1. An exogenous price p_s = p̄ (M&B §2.6.3) removes column s of A and sets c_s = p̄.

Hand computations use Table 2.3: A = [[0.15, 0.25], [0.20, 0.05]], value-added
coefficients v = (650/1000, 1400/2000) = (0.65, 0.70), det(I − A) = 0.7575,
L = [[0.95, 0.25], [0.20, 0.85]] / 0.7575.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.datasets import miller_blair_2_3
from iocluster.errors import ScenarioError
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.prices import baseline_prices, scenario_prices
from iocluster.scenarios.run import run_document
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=300 if FUZZ else 20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)
EPS = np.finfo(float).eps
V_MB = np.array([0.65, 0.70])


def random_table(n: int, seed: int) -> IOTable:
    """A productive table with value added split in two rows and an imports row."""
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    A *= rng.uniform(0.3, 0.7) / max(A.sum(axis=0).max(), 1e-9)
    x = rng.uniform(50, 150, n)
    Z = A * x
    rest = x - Z.sum(axis=0)
    share = rng.uniform(0.05, 0.3, n)  # imported inputs
    V = np.vstack([0.6 * (1 - share) * rest, 0.4 * (1 - share) * rest, share * rest])
    return IOTable.from_arrays(
        Z=Z,
        Y=x - Z.sum(axis=1),
        V=V,
        codes=[f"P{i}" for i in range(n)],
        va_names=["comp", "gos", "imports"],
        va_roles=["compensation", "operating_surplus", "imports"],
    )


def applied(t: IOTable, *scenarios: list[dict[str, Any]]) -> tuple[Base, list[AppliedScenario]]:
    """Each argument is the shock list of one scenario (named s0, s1, ...)."""
    doc = {"scenario": [{"name": f"s{k}", "shock": sh} for k, sh in enumerate(scenarios)]}
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    base = Base(t)
    return base, [apply_scenario(base, rs) for rs in resolved]


def brute_force_prices(base: Base, a: AppliedScenario) -> np.ndarray:
    """Solve (I − A')ᵀ p = c densely, with the columns of exogenous prices removed."""
    A1 = a.new_A(base.A).copy()
    c = a.va.sum(axis=0) + a.m + a.other
    for s, pbar in a.price_fixed.items():
        A1[:, s] = 0.0
        c[s] = pbar
    return np.linalg.solve((np.eye(A1.shape[0]) - A1).T, c)


def test_zero_change_gives_prices_of_one() -> None:
    """Costs per unit add up to 1 in every column, so p = 1: to rounding (≤ 4 ulps) for
    the baseline and for a zero change of either kind, and the % change is ~0."""
    t = miller_blair_2_3()
    base, [a_va, a_p] = applied(
        t,
        [{"kind": "prices", "sectors": ["S1"], "target": "value_added", "change": 0}],
        [{"kind": "prices", "sectors": ["S2"], "target": "price", "change": 0}],
    )
    np.testing.assert_allclose(baseline_prices(base, t.leontief), 1.0, rtol=0, atol=4 * EPS)
    for p in scenario_prices(base, [a_va, a_p], t.leontief):
        np.testing.assert_allclose(p, 1.0, rtol=0, atol=4 * EPS)
    res = run_document(
        t,
        {"scenario": [{"name": "zero", "shock": [
            {"kind": "prices", "sectors": ["S1", "S2"], "target": "value_added", "change": 0}
        ]}]},
    )  # fmt: skip
    np.testing.assert_allclose(res.prices["scenario"], 1.0, rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(res.prices["pct_change"], 0.0, atol=1e-12)


def test_price_identity_table_2_3() -> None:
    """M&B 2009 §2.6: pᵀ = vᵀ (I − A)⁻¹. Baseline: vᵀL = ((0.65·0.95 + 0.70·0.20),
    (0.65·0.25 + 0.70·0.85)) / 0.7575 = (0.7575, 0.7575) / 0.7575 = (1, 1).
    Unit value added of S1 +10 % (v₁ = 0.715):
    p = ((0.715·0.95 + 0.14), (0.715·0.25 + 0.595)) / 0.7575 = (0.81925, 0.77375) / 0.7575
      = (1.081518, 1.021452)."""
    t = miller_blair_2_3()
    L = np.array([[0.95, 0.25], [0.20, 0.85]]) / 0.7575
    np.testing.assert_allclose(V_MB @ L, [1.0, 1.0], rtol=1e-15)
    base, [a] = applied(
        t, [{"kind": "prices", "sectors": ["S1"], "target": "value_added", "change": 10}]
    )
    (p,) = scenario_prices(base, [a], t.leontief)
    np.testing.assert_allclose(p, np.array([0.81925, 0.77375]) / 0.7575, rtol=1e-13)
    np.testing.assert_allclose(p, [1.081518, 1.021452], atol=1e-6)
    np.testing.assert_allclose(p, np.array([0.715, 0.70]) @ L, rtol=1e-13)


def test_exogenous_price_table_2_3() -> None:
    """M&B 2009 §2.6.3: S1's price set 10 % lower, p₁ = 0.9; S2's price follows from its
    own column, p₂ = a₁₂ p₁ + a₂₂ p₂ + v₂ ⇒ p₂ = (0.25 · 0.9 + 0.70) / 0.95 = 0.973684."""
    t = miller_blair_2_3()
    base, [a] = applied(
        t, [{"kind": "prices", "sectors": ["S1"], "target": "price", "change": -10}]
    )
    (p,) = scenario_prices(base, [a], t.leontief)
    assert p[0] == pytest.approx(0.9, rel=1e-14)
    assert p[1] == pytest.approx((0.25 * 0.9 + 0.70) / 0.95, rel=1e-14)


@SETTINGS
@given(n=st.integers(2, 7), seed=st.integers(0, 2**31), j=st.integers(0, 6),
       change=st.floats(0.5, 50.0))  # fmt: skip
def test_value_added_increase_raises_own_price_by_at_least_direct_share(
    n: int, seed: int, j: int, change: float
) -> None:
    """Δp = Lᵀ Δc with Δc = (change/100) vⱼ eⱼ ≥ 0: Δpⱼ = lⱼⱼ Δcⱼ ≥ Δcⱼ (lⱼⱼ ≥ 1, the
    direct share), no price falls, and Δpₖ = lⱼₖ Δcⱼ for every k."""
    t = random_table(n, seed)
    j %= n
    base, [a] = applied(
        t, [{"kind": "prices", "sectors": [t.codes[j]], "target": "value_added", "change": change}]
    )
    p0 = baseline_prices(base, t.leontief)
    (p1,) = scenario_prices(base, [a], t.leontief)
    direct = base.va[:, j].sum() * change / 100.0
    assert direct > 0
    dp = p1 - p0
    assert dp[j] >= direct * (1 - 1e-12)
    assert np.all(dp >= -1e-14)
    L = np.linalg.inv(np.eye(n) - base.A)
    np.testing.assert_allclose(dp, direct * L[j, :], rtol=1e-9, atol=1e-14)


coef_shock = st.fixed_dictionaries(
    {
        "rows": st.lists(st.integers(0, 5), min_size=1, max_size=2, unique=True),
        "cols": st.lists(st.integers(0, 5), min_size=1, max_size=2, unique=True),
        "value": st.floats(-30, 30),
        "balance": st.sampled_from(["value_added", "imports", "none"]),
    }
)


@SETTINGS
@given(
    seed=st.integers(0, 2**31),
    coefs=st.lists(coef_shock, min_size=0, max_size=2),
    fixed=st.lists(st.integers(0, 5), max_size=2, unique=True),
    va_change=st.floats(-20, 20),
)
def test_woodbury_prices_equal_brute_force(
    seed: int, coefs: list[dict[str, Any]], fixed: list[int], va_change: float
) -> None:
    """Several scenarios in one batched solve (coefficient changes, exogenous prices,
    value-added changes, and one without any change of A) equal dense solves."""
    t = random_table(6, seed)
    codes = t.codes
    shocks = [
        {"kind": "coefficients", "rows": [codes[i] for i in c["rows"]],
         "cols": [codes[k] for k in c["cols"]], "value": c["value"], "balance": c["balance"]}
        for c in coefs
    ]  # fmt: skip
    shocks += [{"kind": "prices", "sectors": [codes[s]], "target": "price", "change": 5.0 * (s + 1)}
               for s in fixed]  # fmt: skip
    plain = [{"kind": "prices", "sectors": [codes[0]], "target": "value_added",
              "change": va_change}]  # fmt: skip
    try:
        base, scen = applied(t, shocks or plain, plain)
    except ScenarioError as exc:  # a refused coefficient change (negative, sum ≥ 1)
        assert "shock 1 (coefficients)" in str(exc) or "shock 2 (coefficients)" in str(exc)
        return
    if max(np.max(np.abs(np.linalg.eigvals(a.new_A(base.A)))) for a in scen) >= 0.99:
        return
    got = scenario_prices(base, scen, t.leontief)
    for a, p in zip(scen, got, strict=True):
        want = brute_force_prices(base, a)
        np.testing.assert_allclose(p, want, rtol=1e-10, atol=1e-12)
        for s, pbar in a.price_fixed.items():
            assert p[s] == pytest.approx(pbar, rel=1e-12)
