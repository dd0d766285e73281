"""A large sparse table keeps ``A`` sparse (issue 17 §3), and every analysis gives the
same numbers as the dense path.

Invariant checked: the analyses are functions of ``A`` and the table's vectors, so
storing ``A`` as a scipy sparse array instead of a dense array may change rounding only.
The dense reference is the same table with the sparse path switched off
(``SPARSE_MIN_N`` raised), which also factorises ``I − A`` by dense LU instead of
SuperLU: an independent computation of the same quantities.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import iocluster.core.engine as engine
from iocluster.analysis.extraction import extract, extract_each
from iocluster.analysis.linkages import linkages
from iocluster.analysis.multipliers import multipliers
from iocluster.analysis.validate import check_productive
from iocluster.chains import production_layers, resolve_target, structural_paths
from iocluster.core.engine import as_dense, dense_block
from iocluster.model.closure import closed_coefficients
from iocluster.scenarios.apply import Base
from iocluster.scenarios.montecarlo import monte_carlo
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.run import run_document
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable

N = 1500
DENSITY = 0.005
RTOL = 1e-9


def sparse_table(n: int = N, density: float = DENSITY, seed: int = 0) -> IOTable:
    """A productive table with ``density`` of ``Z`` non-zero (column sums of A ≤ 0.6)."""
    rng = np.random.default_rng(seed)
    A = sp.random_array((n, n), density=density, rng=rng, format="csc")
    A = A @ sp.diags_array(0.6 / np.maximum(np.asarray(A.sum(axis=0)), 1e-9))
    A = A @ sp.diags_array(rng.uniform(0.3, 1.0, n))
    x = rng.uniform(50.0, 150.0, n)
    Z = (A @ sp.diags_array(x)).toarray()
    y = x - Z.sum(axis=1)
    va = x - Z.sum(axis=0)
    return IOTable.from_arrays(
        Z=Z,
        Y=np.column_stack([0.6 * y, 0.4 * y]),
        V=np.vstack([0.5 * va, 0.5 * va]),
        codes=[f"P{i:04d}" for i in range(n)],
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        va_names=["labour", "surplus"],
        va_roles=["compensation", "operating_surplus"],
        F=[rng.uniform(0.001, 0.01, n) * x],
        satellite_names=["employment"],
        satellite_units=["persons"],
    )


SCENARIO = {
    "scenario": [
        {
            "name": "s",
            "shock": [
                {"kind": "final_demand", "sectors": ["P0007"], "category": "exports", "change": 10},
                {
                    "kind": "coefficients",
                    "rows": ["P0003"],
                    "cols": ["P0011"],
                    "operation": "add",
                    "value": 0.02,
                    "balance": "value_added",
                },
            ],
        }
    ]
}


UNCERTAIN: dict[str, Any] = {
    "scenario": [
        {
            "name": "u",
            "shock": [
                {
                    "kind": "coefficients",
                    "rows": ["P0003"],
                    "cols": ["P0011", "P0012"],
                    "operation": "scale",
                    "value": {"dist": "uniform", "low": -20, "high": 10},
                    "balance": "value_added",
                },
                {
                    "kind": "final_demand",
                    "sectors": ["P0007"],
                    "category": "exports",
                    "change": {"dist": "normal", "mean": 5, "sd": 3, "low": -20, "high": 30},
                },
            ],
        }
    ]
}


def _monte_carlo(t: IOTable) -> pd.DataFrame:
    doc = copy.deepcopy(UNCERTAIN)
    shock = doc["scenario"][0]["shock"][0]
    shock["rows"] = [t.codes[int(np.flatnonzero(t.Z[:, 11])[0])]]  # a non-zero block to scale
    resolved, _ = validate_file(scenario_file_from_dict(doc), t)
    return monte_carlo(Base(t), resolved, 40, 7).totals


def _spa(t: IOTable) -> pd.DataFrame:
    paths, _ = structural_paths(t, resolve_target(t, "exports"), threshold=1e-3, max_depth=3)
    return paths


ANALYSES: dict[str, Callable[[IOTable], Any]] = {
    "multipliers": lambda t: multipliers(t),
    "linkages": lambda t: linkages(t, forward="leontief", variation=False),
    "linkages_ghosh": lambda t: linkages(t, variation=False),
    "extract_total": lambda t: extract(t, ["P0001", "P0002"]).by_sector,
    "extract_backward": lambda t: extract(t, ["P0001"], mode="backward").by_sector,
    "extract_users": lambda t: extract(t, ["P0001"], users=["P0005"], share=0.5).by_sector,
    "extract_direct": lambda t: extract(t, ["P0001"], method="direct").by_sector,
    "extract_each": lambda t: extract_each(t, mode="total"),
    "scenario": lambda t: run_document(t, SCENARIO).by_sector,
    "monte_carlo": _monte_carlo,
    "layers": lambda t: production_layers(t, resolve_target(t, "exports"), tol=1e-6),
    "spa": _spa,
    "spectral_radius": lambda t: check_productive(t)[0].value,
    "closed_A": lambda t: as_dense(closed_coefficients(t)),
}


def _close(a: Any, b: Any) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_index_equal(a.index, b.index)
        pd.testing.assert_index_equal(a.columns, b.columns)
        num = a.select_dtypes("number").columns
        np.testing.assert_allclose(
            a[num].to_numpy(float), b[num].to_numpy(float), rtol=RTOL, atol=RTOL * 1e-3
        )
        other = a.columns.difference(num)  # text, and keyed messages as they read
        pd.testing.assert_frame_equal(a[other].astype(str), b[other].astype(str))
    elif isinstance(a, np.ndarray):
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=0.0)
    else:
        assert a == pytest.approx(b, rel=RTOL)


@pytest.fixture(scope="module")
def pair() -> tuple[IOTable, IOTable]:
    t = sparse_table()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "SPARSE_MIN_N", 10**9)
        dense = t.replace()
        _ = dense.A, dense.leontief  # computed with the sparse path off
    return t, dense


def test_A_sparse_for_a_large_sparse_table(pair: tuple[IOTable, IOTable]) -> None:
    t, dense = pair
    assert isinstance(t.A, sp.csc_array)
    assert isinstance(dense.A, np.ndarray)
    assert t.leontief.sparse and not dense.leontief.sparse
    assert t.A.nnz == np.count_nonzero(dense.A) <= DENSITY * N * N
    np.testing.assert_array_equal(as_dense(t.A), dense.A)  # same division, same bits
    with pytest.raises(ValueError):
        t.A.data[0] = 1.0  # read-only, like the dense A
    pd.testing.assert_frame_equal(t.frame("A"), dense.frame("A"))
    assert Base(t).A is t.A  # scenarios take only the blocks they change dense
    assert isinstance(closed_coefficients(t), sp.csc_array)
    assert isinstance(closed_coefficients(dense), np.ndarray)


@pytest.mark.parametrize("name", list(ANALYSES))
def test_same_results_as_dense(pair: tuple[IOTable, IOTable], name: str) -> None:
    t, dense = pair
    _close(ANALYSES[name](t), ANALYSES[name](dense))


def test_zero_output_column_is_zero() -> None:
    t0 = sparse_table(n=1000, density=0.004, seed=1)
    Z = np.array(t0.Z)
    Z[:, 5] = 0.0  # sector 5 buys nothing and sells nothing: zero output
    Z[5, :] = 0.0
    Y, V = np.array(t0.Y), np.array(t0.V)
    Y[5], V[:, 5] = 0.0, 0.0
    t = IOTable.from_arrays(
        Z=Z, Y=Y, V=V, codes=t0.codes, fd_names=t0.fd_names, va_names=t0.va_names
    )
    assert isinstance(t.A, sp.csc_array)
    assert t.x[5] == 0 and t.A[:, [5]].nnz == 0
    assert np.all(np.isfinite(t.A.data))


def test_dense_block() -> None:
    M = np.arange(16.0).reshape(4, 4)
    S = sp.csc_array(M)
    cases = [([0, 2], [1, 3]), ([3], slice(None)), (slice(None), [2, 0]), (slice(1, 3), [0])]
    for rows, cols in [*cases, (np.array([1, 1]), slice(None)), (slice(None), slice(None))]:
        got = dense_block(S, rows, cols)
        np.testing.assert_array_equal(got, dense_block(M, rows, cols))
        np.testing.assert_array_equal(got, M[np.ix_(np.arange(4)[rows], np.arange(4)[cols])])


def test_A_dense_for_the_uzbekistan_table(uzbekistan: IOTable) -> None:
    assert isinstance(uzbekistan.A, np.ndarray)  # 136 sectors: below SPARSE_MIN_N
