"""Streaming Monte Carlo with bounded memory and batched application (issue 17 §2).

Invariants checked: (1) a batch of draws (every kind's rule over D draws at once, solved
by stacked Woodbury blocks, :mod:`iocluster.scenarios.batch`) gives each draw's point run
(the same values as a batch of one, solved by :func:`scenario_outputs`) to 1e-12 on
every shock kind; (2) the percentile reservoir never holds more than its size, whatever
the number of draws, and is the same for any number of processes; (3) the draws budget
is refused up front with one message naming ``--max-draws``, which raises it.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.errors import ScenarioError
from iocluster.scenarios import montecarlo as mc
from iocluster.scenarios.apply import Base, apply_draws, apply_scenario
from iocluster.scenarios.batch import solve_draws
from iocluster.scenarios.draws import draw_measures
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.results import scenario_outputs, sector_values
from iocluster.scenarios.run import read_scenarios
from iocluster.scenarios.validate import ResolvedScenario, validate_file
from iocluster.table import IOTable
from tests.test_montecarlo import PER_PERCENT, fd_shock, resolve
from tests.test_scenarios import mb_table

ROOT = Path(__file__).resolve().parents[1]
TEXTILE = ROOT / "data" / "scenarios" / "textile_integration_uzbekistan.toml"


def _assert_batch_equals_per_draw(base: Base, rs: ResolvedScenario, size: int, seed: int) -> None:
    values = mc.draw_arrays(rs, size, np.random.default_rng(seed))
    assert solve_draws(base, apply_draws(base, rs, values, size)) is not None, "left the batch"
    got = draw_measures(base, rs, values, size)
    for d in range(size):
        a = apply_scenario(base, rs, [{k: v[d] for k, v in sh.items()} for sh in values])
        want = sector_values(base, a, scenario_outputs(base, [a])[0][:, 0])
        assert got.keys() == want.keys()
        fd = 0.0 if base.Am is not None else float(a.ym.sum() - base.ym.sum())
        for k, v_want in want.items():
            v_got, fd_got = got[k]
            scale = max(1.0, float(np.abs(v_want).max()))
            np.testing.assert_allclose(v_got[d], v_want, rtol=0, atol=1e-12 * scale, err_msg=k)
            if k == "imports":
                assert abs(fd_got[d] - fd) <= 1e-12 * scale


def _resolved(t: IOTable, shocks: list[dict[str, Any]]) -> ResolvedScenario:
    doc = {"scenario": [{"name": "s", "shock": shocks}]}
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    return resolved[0]


SHOCK_MIXES: dict[str, list[dict[str, Any]]] = {
    "coefficients value_added + final demand level": [
        {"kind": "coefficients", "rows": ["S1"], "cols": ["S2"], "value": [-10, 20],
         "balance": "value_added"},
        {"kind": "final_demand", "sectors": ["S1", "S2"], "category": "households",
         "change": [-20, 40], "unit": "absolute", "mode": "distribute"},
        {"kind": "final_demand", "sectors": ["S1", "S2"], "category": "exports",
         "change": [0, 30], "unit": "absolute"},
    ],
    "add share, other domestic inputs + productivity": [
        {"kind": "coefficients", "rows": ["S2"], "cols": ["S1", "S2"], "operation": "add",
         "value": [0.0, 0.02], "balance": "other_inputs"},
        {"kind": "productivity", "sectors": ["S1"], "change": [1, 9]},
        {"kind": "productivity", "sectors": ["S2"], "target": "employment", "change": [2, 5]},
    ],
    "extraction + exports in percent": [
        {"kind": "extraction", "sectors": ["S1"]},
        {"kind": "final_demand", "sectors": ["S2"], "category": "exports", "change": [0, 10]},
    ],
    "extraction of final demand too + coefficients": [
        {"kind": "final_demand", "sectors": ["S1"], "category": "households",
         "change": [0, 10]},
        {"kind": "coefficients", "rows": ["S1", "S2"], "cols": ["S2"], "value": [-5, 5],
         "balance": "value_added"},
        {"kind": "extraction", "sectors": ["S2"], "keep_final_demand": False},
    ],
    "prices + set per cell": [
        {"kind": "coefficients", "rows": ["S1"], "cols": ["S1"], "operation": "set",
         "mode": "per_cell", "value": [0.05, 0.2], "balance": "none"},
        {"kind": "prices", "sectors": ["S2"], "change": [1, 3]},
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", list(SHOCK_MIXES))
def test_batch_path_equals_per_draw_path(name: str) -> None:
    t = mb_table()
    _assert_batch_equals_per_draw(Base(t), _resolved(t, SHOCK_MIXES[name]), 50, 3)


def test_batch_path_equals_per_draw_path_on_the_uzbekistan_textile_scenario(
    uzbekistan: IOTable,
) -> None:
    """Coefficients balanced by imports, import substitution of services (by product:
    the table has an import-use matrix), exports and employment productivity."""
    sf = read_scenarios(TEXTILE)
    resolved, _ = validate_file(sf, uzbekistan)
    _assert_batch_equals_per_draw(Base(uzbekistan), resolved[0], mc.BATCH, sf.seed)


def test_batch_path_equals_per_draw_path_with_an_extraction_on_the_uzbekistan_table(
    uzbekistan: IOTable,
) -> None:
    """Extracted rows and columns (ΔR), a varying coefficient column and final demand: the
    reduced basis of the batch path (few rows differ between draws) on 136 sectors."""
    rs = _resolved(uzbekistan, [
        {"kind": "final_demand", "sectors": ["C13*"], "category": "exports", "change": [0, 10]},
        {"kind": "coefficients", "rows": ["H49-51", "H52"], "cols": ["C14"], "value": [-10, 30],
         "balance": "value_added"},
        {"kind": "extraction", "sectors": ["C15"], "keep_final_demand": False},
    ])  # fmt: skip
    _assert_batch_equals_per_draw(Base(uzbekistan), rs, 300, 9)


def test_a_refused_draw_raises_the_point_runs_message() -> None:
    """A draw that turns a coefficient negative is refused by the kind's one rule, naming
    scenario, shock, field and that draw's value, as a point run would."""
    t = mb_table()
    rs = _resolved(t, [{"kind": "coefficients", "rows": ["S1"], "cols": ["S2"],
                        "operation": "add", "mode": "per_cell", "value": [-1.0, 0.0],
                        "balance": "none"}])  # fmt: skip
    values = mc.draw_arrays(rs, 20, np.random.default_rng(0))
    first = float(values[0]["value"][0])  # every draw below -0.25 is refused; the first is
    shown = f"{first:g}".replace("-", "−")  # messages write a Unicode minus
    with pytest.raises(
        ScenarioError, match=rf"shock 1 \(coefficients\), field 'value': add {shown} .*negative"
    ):
        draw_measures(Base(t), rs, values, 20)
    with pytest.raises(ScenarioError, match="negative"):
        mc.monte_carlo(Base(t), [rs], 20, seed=0)


def test_stored_draws_stay_within_the_reservoir(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a reservoir of 300 draws, 3,000 draws never store more than 300 (totals) and
    the by-sector reservoir never more than its size; the mean is exact (running sums)
    and the percentiles those of the reservoir's uniform sample."""
    monkeypatch.setattr(mc, "RESERVOIR", 300)
    monkeypatch.setattr(mc, "MAX_SECTOR_VALUES", 2_000)  # values by sector
    monkeypatch.setattr(mc, "MIN_SECTOR_DRAWS", 100)
    peak = {"tot": 0, "sec": 0}
    add = mc._Summary.add

    def spy(self: mc._Summary, b: Any) -> None:
        add(self, b)
        peak["tot"] = max(peak["tot"], self.tot.stored, self.tot.keys.size)
        peak["sec"] = max(peak["sec"], self.sec.stored, self.sec.keys.size)
        for r in (self.tot, self.sec):
            assert all(v.shape[0] == r.keys.size for v in r.data.values())

    monkeypatch.setattr(mc._Summary, "add", spy)
    base, resolved = resolve(("fd", [fd_shock([5, 15])]))
    out = mc.monte_carlo(base, resolved, 3000, seed=11)
    measures = len(out.totals.loc["fd"])
    assert peak == {"tot": 300, "sec": 2_000 // (2 * measures)}
    row: pd.Series = out.totals.loc[("fd", "output")]  # type: ignore[assignment]
    assert row["draws"] == 3000
    # uniform change on [5, 15]: E = 10, P5 = 5.5, P95 = 14.5 (linear in the change);
    # a 300-draw sample's P5 has a standard error of about 0.013 × 10 percent
    assert row["mean"] == pytest.approx(10 * PER_PERCENT, rel=0.01)
    assert row["p5"] == pytest.approx(5.5 * PER_PERCENT, rel=0.05)
    assert row["p95"] == pytest.approx(14.5 * PER_PERCENT, rel=0.05)
    assert out.by_sector is not None


def test_reservoir_is_the_same_for_any_number_of_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mc, "RESERVOIR", 100)
    base, resolved = resolve(("fd", [fd_shock([5, 15])]), ("fd2", [fd_shock([-5, 5], "S2")]))
    draws = 3 * mc.BATCH + 7
    one = mc.monte_carlo(base, resolved, draws, seed=5, jobs=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
        two = mc.monte_carlo(base, resolved, draws, seed=5, jobs=2)
    pd.testing.assert_frame_equal(one.totals, two.totals, check_exact=True)
    assert one.by_sector is not None and two.by_sector is not None
    pd.testing.assert_frame_equal(one.by_sector, two.by_sector, check_exact=True)


def test_exact_percentiles_when_every_draw_fits() -> None:
    """Below the reservoir size the percentiles are those of every draw."""
    base, resolved = resolve(("fd", [fd_shock([5, 15])]))
    draws = 2 * mc.BATCH + 3
    out = mc.monte_carlo(base, resolved, draws, seed=2)
    changes = np.concatenate(
        [
            mc.draw_arrays(resolved[0], min(mc.BATCH, draws - s), mc.batch_rng(2, 0, b))[0][
                "change"
            ]
            for b, s in enumerate(range(0, draws, mc.BATCH))
        ]
    )
    want = np.percentile(changes, [5, 50, 95]) * PER_PERCENT
    got = out.totals.loc[("fd", "output"), ["p5", "p50", "p95"]].to_numpy(float)
    np.testing.assert_allclose(got, want, rtol=1e-12)


RANGES = ROOT / "data" / "scenarios" / "shock_kinds.toml"
ECONOMY = ROOT / "data" / "example_economy.xlsx"


def test_draws_over_budget_are_refused_with_one_message_naming_max_draws() -> None:
    if not RANGES.exists() or not ECONOMY.exists():
        pytest.skip("bundled example files missing")
    r = CliRunner().invoke(app, ["shock", str(ECONOMY), str(RANGES), "--draws", "1000000000"])
    assert r.exit_code == 1
    assert "--max-draws" in r.output and "Traceback" not in r.output
    ok = CliRunner().invoke(
        app, ["shock", str(ECONOMY), str(RANGES), "--draws", "300", "--max-draws", "200",
              "-f", "json"],
    )  # fmt: skip
    assert ok.exit_code == 1 and "above the budget of 200" in ok.output
    raised = CliRunner().invoke(
        app, ["shock", str(ECONOMY), str(RANGES), "--draws", "300", "--max-draws", "300",
              "-f", "json", "-j", "1"],
    )  # fmt: skip
    assert raised.exit_code == 0, raised.output


def test_reservoir_holds_the_draws_with_the_smallest_keys() -> None:
    """Invariant of bottom-k sampling: after any sequence of batches the reservoir holds
    exactly the draws with the ``size`` smallest keys of all seen."""
    rng = np.random.default_rng(4)
    res = mc._Reservoir(37, {"v": (2,)})
    keys_all, vals_all = [], []
    for size in (10, 50, 1, 200, 0, 64):
        keys = rng.random(size)
        vals = rng.normal(size=(size, 2))
        res.add(keys, {"v": vals})
        keys_all.append(keys)
        vals_all.append(vals)
        k, v = np.concatenate(keys_all), np.concatenate(vals_all)
        want = np.argsort(k)[:37]
        held = np.isfinite(res.keys)
        assert held.sum() == min(37, k.size)
        np.testing.assert_array_equal(np.sort(res.keys[held]), k[want])
        order = np.argsort(res.keys[held])
        np.testing.assert_array_equal(res.values("v")[order], v[want])


def test_percentiles_from_one_sort_equal_numpy_percentile() -> None:
    a = np.random.default_rng(1).normal(size=(7, 1003))
    for N in (1, 2, 20, 1003):
        got = mc._percentiles(a[:, :N])
        np.testing.assert_allclose(
            got, np.percentile(a[:, :N], mc.QUANTILES, axis=1), rtol=1e-15, atol=0
        )


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar's total is the draws of the random scenarios and every draw
    advances it (rich's default columns: bar, percentage, time remaining); elsewhere
    nothing is shown."""
    import types

    import rich.progress

    from iocluster.cli import scenario_cmds

    seen: dict[str, float] = {"total": 0.0, "done": 0.0}

    class Recorder:
        def __init__(self, *args: Any, **kw: Any) -> None:
            assert not args  # default columns, which include the time remaining

        def add_task(self, _desc: str, total: float) -> int:
            seen["total"] = total
            return 0

        def update(self, _task: int, advance: float) -> None:
            seen["done"] += advance

        def start(self) -> None: ...

        def stop(self) -> None: ...

    argv = ["shock", str(ECONOMY), str(RANGES), "--draws", "300", "-f", "json", "-j", "1"]
    quiet = CliRunner().invoke(app, argv)
    assert quiet.exit_code == 0 and "Monte Carlo" not in quiet.stderr
    tty = types.SimpleNamespace(stderr=types.SimpleNamespace(isatty=lambda: True), argv=["x"])
    monkeypatch.setattr(scenario_cmds, "sys", tty)
    monkeypatch.setattr(rich.progress, "Progress", Recorder)
    res = CliRunner().invoke(app, argv)
    assert res.exit_code == 0, res.output
    sf = read_scenarios(RANGES)
    assert seen["total"] == 300 * sum(s.is_random for s in sf.scenarios) == seen["done"] > 0
