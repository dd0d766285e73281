"""Monte Carlo over several processes (issue 17 §2): batches are seeded by (seed,
scenario, batch) alone, so any number of processes gives the same results bit for bit."""

from __future__ import annotations

import warnings

import pandas as pd

from iocluster.scenarios.apply import Base
from iocluster.scenarios.montecarlo import BATCH, monte_carlo
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.validate import validate_file
from tests.test_scenarios import mb_table


def test_the_same_draws_for_any_number_of_processes() -> None:
    t = mb_table()
    doc = {
        "scenario": [
            {"name": "a", "shock": [{"kind": "final_demand", "category": "exports",
                                     "sectors": ["S1"], "change": [5, 15]}]},
            {"name": "b", "shock": [{"kind": "coefficients", "rows": ["S1"], "cols": ["S2"],
                                     "value": [-10, 20], "balance": "value_added"}]},
        ]
    }  # fmt: skip
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    base = Base(t)
    draws = 2 * BATCH + 17  # three batches per scenario, the last one short
    one = monte_carlo(base, resolved, draws, seed=7, jobs=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (Python 3.12+)
        two = monte_carlo(base, resolved, draws, seed=7, jobs=2)
    pd.testing.assert_frame_equal(one.totals, two.totals, check_exact=True)
    assert one.by_sector is not None and two.by_sector is not None
    pd.testing.assert_frame_equal(one.by_sector, two.by_sector, check_exact=True)
    assert (one.totals["draws"] == draws).all()
    other = monte_carlo(base, resolved, draws, seed=8, jobs=1)
    assert not one.totals["p50"].equals(other.totals["p50"])
