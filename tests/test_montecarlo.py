"""Seeded Monte Carlo over scenario parameters (iocluster.scenarios.montecarlo).

Analytic reference: a final-demand shock is linear in its parameter. On Miller & Blair
(2009) Table 2.3 (final demand f = (350, 1700), L = [[0.95, 0.25], [0.20, 0.85]] / 0.7575),
raising S1's final demand by c percent changes output by

    Δx = (c/100) · 350 · L[:, 1],   Σ Δx = (c/100) · 350 · b₁,   b₁ = 1.15 / 0.7575,

so the mean change over the draws converges to E[c]/100 · 350 · b₁ and each percentile to
the same transformation of the parameter's percentile.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from iocluster.datasets import miller_blair_2_3
from iocluster.scenarios.apply import Base
from iocluster.scenarios.montecarlo import MonteCarlo, draw_values, monte_carlo
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.run import run_document
from iocluster.scenarios.validate import ResolvedScenario, validate_file

B1 = 1.15 / 0.7575  # column sum of L for S1
L_COL1 = np.array([0.95, 0.20]) / 0.7575  # L[:, S1]
PER_PERCENT = 350.0 * B1 / 100.0  # total output change per percent of S1's final demand


def fd_shock(change: Any, sector: str = "S1") -> dict[str, Any]:
    return {"kind": "final_demand", "sectors": [sector], "category": "final_demand",
            "change": change}  # fmt: skip


def resolve(*scenarios: tuple[str, list[dict[str, Any]]]) -> tuple[Base, list[ResolvedScenario]]:
    t = miller_blair_2_3()
    doc = {"scenario": [{"name": name, "shock": shocks} for name, shocks in scenarios]}
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    return Base(t), resolved


def run(draws: int, seed: int, *scenarios: tuple[str, list[dict[str, Any]]]) -> MonteCarlo:
    base, resolved = resolve(*scenarios)
    return monte_carlo(base, resolved, draws, seed)


MIXED = (
    "mixed",
    [
        fd_shock([5, 15]),
        {
            "kind": "coefficients",
            "rows": ["S1"],
            "cols": ["S2"],
            "value": [-10, 20],
            "balance": "value_added",
        },
    ],
)


def test_same_seed_same_result_and_other_seed_differs() -> None:
    a = run(120, 11, MIXED)
    b = run(120, 11, MIXED)
    assert a.totals.equals(b.totals)
    assert a.by_sector is not None and b.by_sector is not None
    assert a.by_sector.equals(b.by_sector)
    c = run(120, 12, MIXED)
    assert not np.allclose(
        a.totals[["mean", "p5", "p50", "p95"]], c.totals[["mean", "p5", "p50", "p95"]]
    )
    # the draws themselves
    _, (rs,) = resolve(MIXED)
    d1 = draw_values(rs, 5, np.random.default_rng(4))
    assert d1 == draw_values(rs, 5, np.random.default_rng(4))
    assert d1 != draw_values(rs, 5, np.random.default_rng(5))


@pytest.mark.parametrize(
    "change",
    [
        [10, 10],  # a range with low == high
        {"dist": "uniform", "low": 10, "high": 10},
        {"dist": "triangular", "low": 10, "mode": 10, "high": 10},
        {"dist": "normal", "mean": 10, "sd": 2, "low": 10, "high": 10},
    ],
)
def test_degenerate_distribution_has_no_spread_and_equals_point_estimate(change: Any) -> None:
    """All draws give c = 10: P5 = P50 = P95 = mean = the point estimate's change,
    10 · 350 · b₁ / 100 = 53.1353 in total output."""
    mc = run(60, 1, ("s", [fd_shock(change)]))
    point = run_document(miller_blair_2_3(), {"scenario": [{"name": "s", "shock": [fd_shock(10)]}]})
    for measure in ("output", "value_added"):
        row = mc.totals.loc[("s", measure)]
        # zero spread (to rounding: identical draws may sit in different columns of a solve)
        assert row["p95"] - row["p5"] <= 1e-13 * abs(row["p50"])
        want = point.totals.loc[("s", measure), "change"]
        for col in ("mean", "p5", "p50", "p95"):
            assert row[col] == pytest.approx(want, rel=1e-12)
    assert mc.totals.loc[("s", "output"), "mean"] == pytest.approx(10 * PER_PERCENT, rel=1e-12)
    assert mc.totals.loc[("s", "output"), "mean"] == pytest.approx(53.1353, abs=1e-4)
    assert mc.by_sector is not None
    out = mc.by_sector[mc.by_sector["measure"] == "output"]
    np.testing.assert_allclose(out["p5"], out["p95"], rtol=1e-13)
    np.testing.assert_allclose(out["mean"], 0.10 * 350 * L_COL1, rtol=1e-12)


def test_percentiles_are_ordered() -> None:
    mc = run(
        200,
        5,
        MIXED,
        ("fd", [fd_shock({"dist": "normal", "mean": 5, "sd": 3, "low": -20, "high": 30}, "S2")]),
    )
    t = mc.totals
    assert len(t) >= 6 and (t["draws"] == 200).all()
    assert (t["p5"] <= t["p50"]).all() and (t["p50"] <= t["p95"]).all()
    assert (t.loc[("mixed", "output"), "p95"] - t.loc[("mixed", "output"), "p5"]) > 0
    assert mc.by_sector is not None
    bs = mc.by_sector
    assert (bs["p5"] <= bs["p50"]).all() and (bs["p50"] <= bs["p95"]).all()
    assert set(bs["scenario_name"]) == {"mixed", "fd"}


def test_mean_and_percentiles_converge_to_analytic_values() -> None:
    """c ~ triangular(0, 2, 16) percent: E[c] = (0 + 2 + 16)/3 = 6 (the point estimate is
    the mode, 2), sd = √((0² + 16² + 2² − 0·16 − 0·2 − 16·2)/18) = √(228/18) = 3.559.
    The total output change is linear in c: mean 6 · PER_PERCENT = 31.881, sd 3.559 ·
    PER_PERCENT = 18.91; with 4000 draws the standard error of the mean is 0.30.
    Tolerance: 4 standard errors (1.2, under 4 % of the mean; a mean at the point estimate,
    10.63, fails). Percentiles of the triangular law, F⁻¹(q) = √(q · 16 · 2) for q ≤ 2/16,
    16 − √((1 − q) · 16 · 14) above: P5 = 1.265, P50 = 5.417, P95 = 12.653 percent.
    A sample quantile's standard error √(q(1 − q)/N) / f(F⁻¹(q)) is 0.044, 0.084 and
    0.115 percent; tolerance 0.5 percent (over 4 standard errors, well below the gaps
    between the percentiles)."""
    draws = 4000
    mc = run(
        draws, 2026, ("s", [fd_shock({"dist": "triangular", "low": 0, "mode": 2, "high": 16})])
    )
    row = mc.totals.loc[("s", "output")]
    sd = np.sqrt(228 / 18) * PER_PERCENT
    assert row["mean"] == pytest.approx(6 * PER_PERCENT, abs=4 * sd / np.sqrt(draws))
    assert row["mean"] == pytest.approx(31.881, abs=1.2)

    def q(p: float) -> float:
        return np.sqrt(p * 32) if p <= 2 / 16 else 16 - np.sqrt((1 - p) * 224)

    assert (q(0.05), q(0.5), q(0.95)) == pytest.approx((1.265, 5.417, 12.653), abs=1e-3)
    for col, p in (("p5", 0.05), ("p50", 0.5), ("p95", 0.95)):
        assert row[col] == pytest.approx(q(p) * PER_PERCENT, abs=0.5 * PER_PERCENT)
    # by sector: Δx = (c/100) · 350 · L[:, S1], mean E[c] = 6
    assert mc.by_sector is not None
    out = mc.by_sector[mc.by_sector["measure"] == "output"]
    np.testing.assert_allclose(out["mean"], 0.06 * 350 * L_COL1, rtol=0.04)
    assert out["mean"].sum() == pytest.approx(row["mean"], rel=1e-12)


def test_only_random_scenarios_are_drawn_and_progress_is_reported() -> None:
    base, resolved = resolve(("fixed", [fd_shock(10)]), ("random", [fd_shock([0, 20])]))
    done: list[int] = []
    mc = monte_carlo(base, resolved, 600, 3, progress=done.append)
    assert set(mc.totals.index.get_level_values("scenario_name")) == {"random"}
    assert sum(done) == 600 and len(done) == 3  # batches of 250, 250, 100
    assert isinstance(mc.totals, pd.DataFrame) and (mc.totals["draws"] == 600).all()
    assert mc.totals.attrs["unit"].endswith("(change from baseline)")
