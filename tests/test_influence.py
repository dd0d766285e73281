"""Field of influence, coefficient influence and the multiplier product matrix
(iocluster.analysis.influence) against hand computations and the Sherman–Morrison formula.

Hand computations use Miller & Blair (2009), Table 2.3:
A = [[0.15, 0.25], [0.20, 0.05]], det(I − A) = 0.85·0.95 − 0.25·0.20 = 0.7575,

    L = (I − A)⁻¹ = [[0.95, 0.25], [0.20, 0.85]] / 0.7575
      = [[1.25413, 0.33003], [0.26403, 1.12211]],

row sums r = L1 = (1.20, 1.05) / 0.7575, column sums b = 1ᵀL = (1.15, 1.10) / 0.7575,
V = 1ᵀL1 = 2.25 / 0.7575.

Sources: Sonis & Hewings (1992) (field of influence); Sonis, Hewings & Guo (1997)
(multiplier product matrix); Miller & Blair (2009) §12.2 and App. C (Sherman–Morrison).
"""

from __future__ import annotations

import os
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.analysis.influence import (
    coefficient_influence,
    field_of_influence,
    multiplier_product_matrix,
)
from iocluster.datasets import miller_blair_2_3
from iocluster.table import IOTable

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=200 if FUZZ else 15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)

DET = 0.7575
L_MB = np.array([[0.95, 0.25], [0.20, 0.85]]) / DET
R_MB = np.array([1.20, 1.05]) / DET  # row sums of L
B_MB = np.array([1.15, 1.10]) / DET  # column sums of L
V_MB = 2.25 / DET  # 1ᵀL1


def random_table(n: int, seed: int) -> IOTable:
    """A productive n-sector table with column sums of A in [0.3, 0.8]."""
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    A *= rng.uniform(0.3, 0.8) / max(A.sum(axis=0).max(), 1e-9)
    x = rng.uniform(50, 150, n)
    Z = A * x
    return IOTable.from_arrays(
        Z=Z,
        Y=x - Z.sum(axis=1),
        V=[x - Z.sum(axis=0)],
        codes=[f"P{i}" for i in range(n)],
    )


def leontief(A: np.ndarray) -> np.ndarray:
    return np.linalg.inv(np.eye(A.shape[0]) - A)


# ------------------------------------------------------------------ field of influence
def test_field_of_influence_table_2_3_by_hand() -> None:
    """F(S1, S2) = L[:, 1] L[2, :] (supplier S1 = row 1, user S2 = column 2):
    (0.95, 0.20)ᵀ (0.20, 0.85) / 0.7575² = [[0.19, 0.8075], [0.04, 0.17]] / 0.57380625."""
    F = field_of_influence(miller_blair_2_3(), "S1", "S2")
    expected = np.array([[0.19, 0.8075], [0.04, 0.17]]) / DET**2
    np.testing.assert_allclose(F.to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(F.to_numpy(), [[0.3311, 1.4073], [0.0697, 0.2963]], atol=5e-5)
    assert list(F.index) == ["S1", "S2"] and list(F.columns) == ["S1", "S2"]
    # the field is not symmetric in (i, j): F(S2, S1) = L[:, 2] L[1, :] differs
    F21 = field_of_influence(miller_blair_2_3(), "S2", "S1").to_numpy()
    np.testing.assert_allclose(F21, np.outer(L_MB[:, 1], L_MB[0, :]), rtol=1e-12)
    assert not np.allclose(F21, F.to_numpy())


@pytest.mark.parametrize("i", [0, 1])
@pytest.mark.parametrize("j", [0, 1])
def test_field_of_influence_is_outer_product_of_column_and_row(i: int, j: int) -> None:
    t = miller_blair_2_3()
    F = field_of_influence(t, t.codes[i], t.codes[j]).to_numpy()
    np.testing.assert_allclose(F, np.outer(L_MB[:, i], L_MB[j, :]), rtol=1e-12)
    assert np.linalg.matrix_rank(F) == 1


def test_field_of_influence_is_the_first_order_change_of_L() -> None:
    """L(A + εE_ij) − L = ε F(i, j) + O(ε²): the error of the linear term shrinks like ε²
    (halving ε quarters it), Table 2.3, coefficient a_12."""
    t = miller_blair_2_3()
    A = np.asarray(t.A)
    F = field_of_influence(t, "S1", "S2").to_numpy()
    L0 = leontief(A)
    errors = []
    for eps in (1e-2, 5e-3, 2.5e-3):
        E = np.zeros((2, 2))
        E[0, 1] = eps
        errors.append(np.abs(leontief(A + E) - L0 - eps * F).max())
    assert errors[0] < 1e-3
    for big, small in pairwise(errors):
        assert small / big == pytest.approx(0.25, abs=0.02)


@SETTINGS
@given(
    n=st.integers(2, 6),
    seed=st.integers(0, 2**31),
    ij=st.tuples(st.integers(0, 5), st.integers(0, 5)),
    eps=st.floats(-0.05, 0.1),
)
def test_sherman_morrison_exact_change(n: int, seed: int, ij: tuple[int, int], eps: float) -> None:
    """Exact: a_ij → a_ij + ε gives L(ε) − L = ε / (1 − ε l_ji) F(i, j)
    (Sherman–Morrison with u = ε e_i, v = e_j; M&B 2009 App. C)."""
    t = random_table(n, seed)
    i, j = ij[0] % n, ij[1] % n
    A = np.asarray(t.A)
    if A[i, j] + eps < 0:
        eps = -A[i, j]
    A1 = A.copy()
    A1[i, j] += eps
    if np.max(np.abs(np.linalg.eigvals(A1))) >= 0.99:
        return
    L0 = leontief(A)
    F = field_of_influence(t, t.codes[i], t.codes[j]).to_numpy()
    np.testing.assert_allclose(F, np.outer(L0[:, i], L0[j, :]), rtol=1e-10, atol=1e-13)
    dL = leontief(A1) - L0
    np.testing.assert_allclose(dL, eps / (1 - eps * L0[j, i]) * F, rtol=1e-9, atol=1e-12)


# ------------------------------------------------------------ coefficient influence
def test_coefficient_influence_table_2_3_by_hand() -> None:
    """Total influence of a_ij = Σ_kl F(i, j)_kl = (1ᵀL)_i (L1)_j = b_i r_j; for a_12:
    1.15 · 1.05 / 0.7575² = 2.10437 (= the sum 1.2075/0.57380625 of the field above)."""
    C = coefficient_influence(miller_blair_2_3())
    np.testing.assert_allclose(C.to_numpy(), np.outer(B_MB, R_MB), rtol=1e-12)
    assert C.loc["S1", "S2"] == pytest.approx(1.2075 / DET**2, rel=1e-12)
    assert C.loc["S1", "S2"] == pytest.approx(2.10437, abs=1e-5)
    assert C.loc["S2", "S1"] == pytest.approx(1.10 * 1.20 / DET**2, rel=1e-12)


@SETTINGS
@given(n=st.integers(2, 6), seed=st.integers(0, 2**31))
def test_coefficient_influence_sums_each_field(n: int, seed: int) -> None:
    """Invariant: entry (i, j) is the sum of all entries of the field F(i, j)."""
    t = random_table(n, seed)
    C = coefficient_influence(t).to_numpy()
    for i in range(n):
        for j in range(n):
            F = field_of_influence(t, t.codes[i], t.codes[j]).to_numpy()
            assert C[i, j] == pytest.approx(F.sum(), rel=1e-10)


# ------------------------------------------------------- multiplier product matrix
def test_multiplier_product_matrix_table_2_3_by_hand() -> None:
    """MPM = (1/V) (L1)(1ᵀL): m_ij = r_i b_j / V; e.g. m_11 = 1.20 · 1.15 / (2.25 · 0.7575)
    = 0.80968 and m_12 = 1.20 · 1.10 / 1.704375 = 0.77448 (rows: forward, columns:
    backward multipliers; Sonis, Hewings & Guo 1997)."""
    M = multiplier_product_matrix(miller_blair_2_3())
    expected = np.array([[1.20 * 1.15, 1.20 * 1.10], [1.05 * 1.15, 1.05 * 1.10]]) / (2.25 * DET)
    np.testing.assert_allclose(M.to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(M.to_numpy(), [[0.8097, 0.7745], [0.7085, 0.6777]], atol=5e-5)
    np.testing.assert_allclose(M.to_numpy(), np.outer(R_MB, B_MB) / V_MB, rtol=1e-12)


@SETTINGS
@given(n=st.integers(2, 8), seed=st.integers(0, 2**31))
def test_multiplier_product_matrix_margins(n: int, seed: int) -> None:
    """Invariants: M1 = L1 (row multipliers), 1ᵀM = 1ᵀL (column multipliers),
    1ᵀM1 = V = 1ᵀL1, rank one."""
    t = random_table(n, seed)
    L = leontief(np.asarray(t.A))
    M = multiplier_product_matrix(t).to_numpy()
    np.testing.assert_allclose(M.sum(axis=1), L.sum(axis=1), rtol=1e-10)
    np.testing.assert_allclose(M.sum(axis=0), L.sum(axis=0), rtol=1e-10)
    assert M.sum() == pytest.approx(L.sum(), rel=1e-10)
    assert np.linalg.matrix_rank(M, tol=1e-9 * M.max()) == 1
