"""Issue 27: every size bounded before it costs: Monte Carlo workers, regions × sectors
and the time to read regions, MARIO rows and shocks per file, converted scenario files.
The corpus (tests/bad_inputs, ``i27_*``) runs the same cases through the command line;
these tests check the invariants behind them."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest

from iocluster.core.budget import count_text, usable_cores
from iocluster.errors import InputError, ScenarioError
from iocluster.scenarios.apply import Base
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.validate import validate_file
from tests.test_scenarios import mb_table

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"


# ----------------------------------------------------------------------- item 3: --jobs
class _Pool:
    """A stand-in for ProcessPoolExecutor that runs in this process and records its
    number of workers."""

    created: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, mp_context: Any = None) -> None:
        _Pool.created.append(max_workers)

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future

        f: Future[Any] = Future()
        f.set_result(fn(*args))
        return f


@pytest.mark.parametrize(("draws", "jobs"), [(300, 64), (5_000, 64), (5_000, 10**20)])
def test_workers_never_exceed_the_cores_or_the_units_of_work(
    monkeypatch: pytest.MonkeyPatch, draws: int, jobs: int
) -> None:
    """``--jobs 64`` on 2 cores forked 64 processes, ``--jobs 100000`` hung and a
    20-digit number was an OverflowError: now at most min(cores, units of work) workers,
    none when one unit is all there is, and the same numbers as one process."""
    import iocluster.scenarios.montecarlo as mc
    import iocluster.scenarios.units as units_module
    from iocluster.scenarios.draws import group_batches, jobs_of

    t = mb_table()
    shock = {"kind": "final_demand", "category": "exports", "sectors": ["S1"], "change": [5, 15]}
    doc = {"scenario": [{"name": "a", "shock": [shock]}]}
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    base = Base(t)
    units = len(list(jobs_of([0], draws, 1, True, group_batches(t.n))))
    _Pool.created = []
    monkeypatch.setattr(units_module, "ProcessPoolExecutor", _Pool)
    monkeypatch.setattr(units_module, "usable_cores", lambda: 3)  # a 3-core machine
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        many = mc.monte_carlo(base, resolved, draws, seed=3, jobs=jobs)
    one = mc.monte_carlo(base, resolved, draws, seed=3, jobs=1)
    expected = min(3, units)
    assert _Pool.created == ([expected] if expected > 1 else [])
    assert many.totals.equals(one.totals)


def test_jobs_default_is_the_usable_cores() -> None:
    from iocluster.cli.common import jobs_or_all

    assert jobs_or_all(None) == usable_cores() >= 1
    assert jobs_or_all(7) == 7  # capped where the workers start (units.run_units)


# ----------------------------------------------------------------------- item 5: regions
def test_interregional_size_is_checked_before_anything_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from iocluster.regional.interregional.build import check_size

    check_size(1_000, 20)
    with pytest.raises(InputError, match=r"1,001 regions × 20 sectors: .* 20,020 is above"):
        check_size(1_001, 20)
    monkeypatch.setenv("IOCLUSTER_MAX_SECTORS", "30000")
    check_size(1_001, 20)


def _regions_file(path: Path, count: int) -> Path:
    rows = [f"Region {k} Oblast,{30 + k % 90 * 0.1:.2f},{50 + k // 90 * 0.01:.2f}"
            for k in range(count)]  # fmt: skip
    path.write_text("name_en,lat,lon\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_regions_are_read_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading R regions and finding each by name takes work proportional to R (counted
    in calls of the label normaliser, not in seconds): 2,000 regions took 11.6 s and
    10,000 more than 120 s when every name was compared with every other."""
    import iocluster.regional.interregional.regions as regions_mod
    from iocluster.io import regional

    calls = {"n": 0}
    real = regions_mod.normalize_text

    def counted(v: object) -> str:
        calls["n"] += 1
        return real(v)

    monkeypatch.setattr(regions_mod, "normalize_text", counted)
    work = []
    for count in (200, 400):
        calls["n"] = 0
        regs = regional.read_regions(_regions_file(tmp_path / f"r{count}.csv", count))
        regs.subset([r.name_en for r in regs.regions])
        work.append(calls["n"])
        assert len(regs.regions) == count
    assert work[1] <= 2.2 * work[0], work  # twice the regions, about twice the work


def test_region_keys_agree_with_one_at_a_time() -> None:
    """Invariant: the keys of all names at once are each name's key among the others."""
    from iocluster.regional.interregional.regions import region_key, region_keys

    names = ["Tashkent Region", "Tashkent City", "Fergana Region", "Republic of Karakalpakstan",
             "Andijan viloyati", "Fergana Valley"]  # fmt: skip
    keys = region_keys(names)
    assert keys == [region_key(n, names) for n in names]
    assert keys[:4] == ["tashkent_region", "tashkent_city", "fergana_region", "karakalpakstan"]


@pytest.mark.parametrize("spread", [1.5, 20.0])
def test_distance_decay_within_the_bound_balances(spread: float) -> None:
    """Issue 27 item 12: β beyond the bound is one message naming the largest β that
    works; at that β the gravity model still balances its margins (invariant)."""
    from iocluster.regional.interregional.gravity import (
        _MAX_LOG_SPREAD,
        distance_decay,
        gravity_flows,
    )

    d = np.array([[0.0, 1.0, spread], [1.0, 0.0, 1.0], [spread, 1.0, 0.0]])
    top = _MAX_LOG_SPREAD / np.log(spread)
    with pytest.raises(InputError, match=rf"β = 1,000,000 is too large .* at most {top:.3g}"):
        distance_decay(d, 1e6)
    O, D = np.array([[2.0, 1.0, 1.0]]), np.array([[1.0, 1.0, 2.0]])
    t = gravity_flows(O, D, distance_decay(d, 0.99 * top))
    np.testing.assert_allclose(t.sum(axis=2), O, rtol=1e-8)
    np.testing.assert_allclose(t.sum(axis=1), D, rtol=1e-8)


# ----------------------------------------------------------------------- item 6: shocks
def _fd_doc(shocks: int) -> dict[str, Any]:
    one = {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 1}
    return {"scenario": [{"name": "s", "shock": [dict(one) for _ in range(shocks)]}]}


def test_shocks_per_file_are_budgeted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iocluster.scenarios.run import read_scenarios
    from iocluster.scenarios.write_toml import scenario_toml

    p = tmp_path / "s.toml"
    p.write_text(scenario_toml(_fd_doc(4)), encoding="utf-8")
    monkeypatch.setenv("IOCLUSTER_MAX_SHOCKS", "4")
    assert len(read_scenarios(p).scenarios[0].shocks) == 4
    monkeypatch.setenv("IOCLUSTER_MAX_SHOCKS", "3")
    with pytest.raises(InputError, match=r"s\.toml: the number of shocks 4 is above .* 3 sh"):
        read_scenarios(p)


def test_mario_rows_are_counted_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    import iocluster.scenarios.parse_mario as mario
    from iocluster.io.spreadsheet import filled_rows

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Y"
    ws.append(["Sector_from", "Category_to", "Type", "Value"])
    for _ in range(5):
        ws.append(["S1", "final_demand", "Percentage", 0.01])
    ws.append([])  # an empty row is no shock
    wb.save(tmp_path / "m.xlsx")
    assert filled_rows(tmp_path / "m.xlsx", "Y") == 6
    monkeypatch.setenv("IOCLUSTER_MAX_SHOCKS", "4")
    monkeypatch.setattr(mario, "read_frame", lambda *a: pytest.fail("the sheet was read"))
    with pytest.raises(InputError, match=r"m\.xlsx: the number of rows 5 is above"):
        mario.mario_document(tmp_path / "m.xlsx", mb_table())


def test_a_converted_file_is_what_the_reader_accepts(tmp_path: Path) -> None:
    """scenario-convert wrote a 33 MB file the reader refused: now the text is read back
    as the reader reads it before it is written (invariant: what is written, reads)."""
    from iocluster.scenarios.parse_toml import read_scenario_toml
    from iocluster.scenarios.write_toml import readable_scenario_toml

    doc = _fd_doc(3)
    text = readable_scenario_toml(doc, "converted", "ok.toml")
    (tmp_path / "ok.toml").write_text(text, encoding="utf-8")
    back = read_scenario_toml(tmp_path / "ok.toml")
    assert replace(back, inputs=()) == scenario_file_from_dict(
        doc, source=str(tmp_path / "ok.toml")
    )
    assert back.inputs[0].name == "ok.toml"  # the file read, with its checksum
    doc["scenario"][0]["shock"][0]["category"] = "x" * 10_001
    with pytest.raises(InputError, match=r"bad\.toml: the string at 'scenario\[0\]\.shock\[0\]"):
        readable_scenario_toml(doc, "", "bad.toml")


# ----------------------------------------------------------------------- item 12
def test_mario_true_and_duplicate_headers(tmp_path: Path) -> None:
    import openpyxl

    from iocluster.scenarios.parse_mario import mario_document

    for name, header, row, message in (
        ("true", ["Sector_from", "Category_to", "Type", "Value"],
         ["S1", "final_demand", "Percentage", True], "Value True is not a number"),
        ("dup", ["Sector_from", "Category_to", "Type", "Value", "value"],
         ["S1", "final_demand", "Percentage", 0.1, 0.2], "the header 'value' appears twice"),
    ):  # fmt: skip
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Y"
        ws.append(header)
        ws.append(row)
        wb.save(tmp_path / f"{name}.xlsx")
        with pytest.raises(ScenarioError, match=message):
            mario_document(tmp_path / f"{name}.xlsx", mb_table())


def test_huge_counts_are_shown_in_powers_of_ten() -> None:
    from iocluster.core.budget import DRAWS

    assert count_text(123_456) == "123,456" and count_text(-(10**40)) == "-1.00e+40"
    with pytest.raises(InputError) as err:
        DRAWS.check(10**300, "--draws")
    assert str(err.value).startswith("--draws 1.00e+300 is above the budget of 100,000")
    assert len(str(err.value)) < 300
