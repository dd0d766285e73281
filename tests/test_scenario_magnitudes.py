"""Issue 27 item 8: scenarios meet the tables' rule on magnitudes (1e20 in the table's
unit, ``IOCLUSTER_MAX_VALUE``): every number where it is read, naming the scenario, the
shock and the field, and the combined changes in the results; never blank cells."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from iocluster.errors import ScenarioError
from iocluster.scenarios.parse_toml import _fields, scenario_file_from_dict
from iocluster.scenarios.run import run_document
from iocluster.scenarios.spec import SHOCK_KINDS
from tests.test_scenarios import mb_table

#: every field read as a number, a range or a distribution, by shock kind
NUMERIC = [
    (kind, name)
    for kind in SHOCK_KINDS
    for name, spec in _fields(kind).items()
    if spec.value == "param"
]


def _doc(shock: dict[str, Any]) -> dict[str, Any]:
    return {"scenario": [{"name": "big", "shock": [shock]}]}


def test_every_kind_has_numeric_fields() -> None:
    assert {k for k, _ in NUMERIC} == set(SHOCK_KINDS) - {"extraction"}


@pytest.mark.parametrize(("kind", "name"), NUMERIC)
@pytest.mark.parametrize(
    "value", [1e21, -1e300, [0, 1e21], {"dist": "normal", "mean": 0, "sd": 1e25}]
)
def test_every_numeric_field_is_within_the_rule(kind: str, name: str, value: object) -> None:
    with pytest.raises(ScenarioError) as err:
        scenario_file_from_dict(_doc({"kind": kind, name: value}))
    msg = str(err.value)
    assert f"scenario 'big', shock 1 ({kind}), field '{name}'" in msg
    assert "is beyond any economy (more than 1e+20" in msg and "IOCLUSTER_MAX_VALUE" in msg


def test_the_limit_itself_is_accepted_and_the_variable_raises_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shock = {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 1e20}
    scenario_file_from_dict(_doc(shock))
    with pytest.raises(ScenarioError, match="field 'change': 1e\\+21"):
        scenario_file_from_dict(_doc({**shock, "change": 1e21}))
    monkeypatch.setenv("IOCLUSTER_MAX_VALUE", "1e22")
    scenario_file_from_dict(_doc({**shock, "change": 1e21}))


def test_combined_changes_beyond_the_rule_name_scenario_measure_and_shock() -> None:
    """Three shocks within the rule whose output change together is not.
    The run is refused (it used to give results near 1e21, or blank cells when they
    overflowed), naming the shock that contributes most."""
    shocks = [{"kind": "final_demand", "sectors": [s], "category": "exports",
               "change": c, "unit": "absolute"}
              for s, c in (("S1", 1e19), ("S2", 9e19), ("S1", 2e19))]  # fmt: skip
    doc = {"scenario": [{"name": "big", "shock": shocks}]}
    with pytest.raises(ScenarioError) as err:
        run_document(mb_table(), doc)
    msg = str(err.value)
    assert msg.startswith("scenario 'big', output (change): ")
    assert "beyond any economy" in msg and msg.endswith("shock 2 (final_demand) contributes most")
    from iocluster.core.messages import render  # the shock found by its label's code, keyed

    assert render(err.value.message, "ru").endswith("наибольший вклад вносит шок 2 (final_demand)")
    doc["scenario"][0]["shock"] = shocks[:1]  # one shock within the rule runs
    res = run_document(mb_table(), doc)
    assert np.isfinite(res.totals["change"].to_numpy(dtype=float)).all()


def test_results_that_overflow_are_an_error_never_blank() -> None:
    """Invariant of :func:`check_results`: any inf, or a NaN level or change in the
    totals, is refused; NaN where a report means 'none' (a percentage of a zero
    baseline, induced effects without a closure) is not."""
    from iocluster.scenarios.magnitudes import check_results

    doc = _doc({"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 10})
    res = run_document(mb_table(), doc)
    check_results(res)
    with_nan = res.by_sector.copy()
    with_nan["pct_change"] = np.nan
    check_results(replace(res, by_sector=with_nan))
    for column, value in (("change", np.inf), ("scenario", np.nan), ("change", -2e20)):
        totals = res.totals.copy()
        totals.iloc[0, totals.columns.get_loc(column)] = value
        with pytest.raises(ScenarioError, match=r"scenario 'big', output \("):
            check_results(replace(res, totals=totals))
    sectors = res.by_sector.copy()
    sectors.iloc[1, sectors.columns.get_loc("pct_change")] = np.inf
    with pytest.raises(ScenarioError, match=r"scenario 'big': the results 'by_sector', row"):
        check_results(replace(res, by_sector=sectors))


def test_combined_changes_beyond_any_economy_are_said_in_the_language() -> None:
    """Three shocks of 9e19, each within the rule, together beyond it: the error names
    the scenario, the measure and the shock that contributes most, in every language
    (the place and every word by key; issue 28)."""
    from iocluster.core.messages import render

    shock = {"kind": "final_demand", "sectors": ["S1"], "category": "exports",
             "unit": "absolute", "change": 9e19}  # fmt: skip
    doc = {"scenario": [{"name": "s", "shock": [shock, shock, shock]}]}
    with pytest.raises(ScenarioError) as err:
        run_document(mb_table(), doc)
    en, ru = (render(err.value.message, lang) for lang in ("en", "ru"))
    assert en.startswith("scenario 's', output (change): ") and "contributes most" in en
    assert ru.startswith("сценарий 's', output (изменение): "), ru
    assert "размеры шоков" in ru and "наибольший вклад вносит" in ru, ru
