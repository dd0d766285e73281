"""Monte Carlo on a Dask cluster (issue 17 §2): a LocalCluster of two worker processes,
each factorising once, gives the single-process results bit for bit for the same seed
(batches are seeded by (seed, scenario, batch) alone). Skipped without dask.distributed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.scenarios import montecarlo as mc
from iocluster.scenarios.apply import Base
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.validate import validate_file
from tests.test_scenarios import mb_table

distributed = pytest.importorskip("distributed")


def test_a_local_dask_cluster_gives_the_single_process_results_bit_for_bit() -> None:
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
    draws = 2 * mc.group_batches(t.n) * mc.BATCH + 31  # several units of work, one short
    one = mc.monte_carlo(Base(t), resolved, draws, seed=7, jobs=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = mc.monte_carlo(Base(t), resolved, draws, seed=7, scheduler=client)
        factorised = client.run(_bases_held)
        cli = _cli_montecarlo(["--scheduler", cluster.scheduler_address])
    assert cli == _cli_montecarlo(["-j", "1"])
    pd.testing.assert_frame_equal(one.totals, on_dask.totals, check_exact=True)
    assert one.by_sector is not None and on_dask.by_sector is not None
    pd.testing.assert_frame_equal(one.by_sector, on_dask.by_sector, check_exact=True)
    assert (on_dask.totals["draws"] == draws).all()
    assert all(n <= 1 for n in factorised.values())  # one base per worker, not per batch


ROOT = Path(__file__).resolve().parents[1]


def _cli_montecarlo(extra: list[str]) -> object:
    """The Monte Carlo frame of ``iocluster shock`` on the bundled example (JSON)."""
    args = ["shock", str(ROOT / "data" / "example_economy.xlsx"),
            str(ROOT / "data" / "scenarios" / "shock_kinds.toml"), "--draws", "300",
            "-f", "json", *extra]  # fmt: skip
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["montecarlo"]


def _bases_held() -> int:
    from iocluster.scenarios.montecarlo_dask import _BASES

    return len(_BASES)


def test_an_unreachable_scheduler_is_one_clear_message() -> None:
    import dask

    from iocluster.errors import InputError
    from iocluster.scenarios.montecarlo_dask import dask_batches

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(InputError, match=r"--scheduler tcp://127\.0\.0\.1:9"),
    ):
        next(dask_batches("tcp://127.0.0.1:9", mb_table(), [], iter([])))
