"""Scenario files say what they mean (issue 21 item 6): a ``closure`` key is refused (the
closure is a command-line choice), a cluster may not be named like a sector, and two
``set`` shocks may not set the same coefficient."""

from __future__ import annotations

import pytest

from iocluster.errors import ScenarioError
from iocluster.scenarios.run import run_document
from tests.test_scenarios import mb_table

SET = {"kind": "coefficients", "rows": ["S1"], "cols": ["S2"], "operation": "set",
       "value": 0.3, "balance": "value_added"}  # fmt: skip


def test_a_closure_key_is_refused() -> None:
    doc = {"closure": "value_added", "scenario": [{"name": "s", "shock": [SET]}]}
    with pytest.raises(ScenarioError, match=r"'closure' is not a scenario setting.*--closure"):
        run_document(mb_table(), doc)


def test_a_cluster_named_like_a_sector_is_refused() -> None:
    doc = {"clusters": {"s2": ["S1"]}, "scenario": [{"name": "s", "shock": [SET]}]}
    with pytest.raises(ScenarioError, match="cluster 's2' has the name of sector 'S2' but"):
        run_document(mb_table(), doc)
    # a cluster of just that sector means the same thing: accepted
    same = {"clusters": {"s2": ["S2"]}, "scenario": [{"name": "s", "shock": [SET]}]}
    run_document(mb_table(), same)


def test_two_set_shocks_on_one_cell_are_refused() -> None:
    other = {**SET, "value": 0.4}
    doc = {"scenario": [{"name": "s", "shock": [SET, other]}]}
    with pytest.raises(ScenarioError, match=r"shock 2.*\(S1, S2\) that shock 1 already sets"):
        run_document(mb_table(), doc)
    # different cells, or a scale after a set, are fine
    scale = {**SET, "operation": "scale", "value": 10}
    run_document(mb_table(), {"scenario": [{"name": "s", "shock": [SET, scale]}]})
