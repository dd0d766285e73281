"""The bordered system (iocluster.core.bordered) against a dense solve of the bordered
matrix.

    I − Ā = [[I − A, −h_c], [−h_r, 1 − h]]

is solved through the factorisation of I − A and the Schur complement
s = 1 − h − h_r (I − A)⁻¹ h_c (Miller & Blair 2009, §2.5 and App. A, partitioned
inverse). Invariants checked: equality with ``np.linalg.solve`` of the (n+1)×(n+1) matrix,
for one vector and for several columns, transposed too; (I − Ā)⁻¹ has corner 1/s;
productivity of a non-negative Ā holds exactly when s > 0, and an unproductive closure
is refused.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.core.bordered import BorderedSystem
from iocluster.core.engine import factorise
from iocluster.errors import NotProductiveError

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=400 if FUZZ else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)

A_MB = np.array([[0.15, 0.25], [0.20, 0.05]])  # M&B 2009 Table 2.3
HC_MB = np.array([0.05, 0.40])  # household consumption coefficients (M&B §2.5.1)
HR_MB = np.array([0.30, 0.25])  # labour input coefficients
H_MB = 0.05  # household purchases of labour


def dense(A: np.ndarray, hc: np.ndarray, hr: np.ndarray, h: float) -> np.ndarray:
    """The bordered matrix I − Ā formed explicitly."""
    n = A.shape[0]
    Abar = np.zeros((n + 1, n + 1))
    Abar[:n, :n] = A
    Abar[:n, n] = hc
    Abar[n, :n] = hr
    Abar[n, n] = h
    return np.eye(n + 1) - Abar


@st.composite
def bordered_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int]:
    """A productive A (n ≤ 6, column sums ≤ 0.8) and a non-negative border with column
    sums of Ā below 1 (so Ā is productive), plus a seed for the right-hand sides."""
    n = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    A *= rng.uniform(0.2, 0.6) / max(A.sum(axis=0).max(), 1e-9)
    hr = rng.uniform(0, 1, n)
    hr *= (0.95 - A.sum(axis=0)) / max(hr.max(), 1e-9) * rng.uniform(0.1, 1.0)
    hc = rng.uniform(0, 1, n)
    h = float(rng.uniform(0, 0.2))
    hc *= (0.95 - h) / hc.sum() * rng.uniform(0.1, 1.0)
    return A, hc, hr, h, seed


def test_miller_blair_closed_model() -> None:
    """M&B 2009 §2.5.1: households closed into Table 2.3 give
    L̄ = [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]]
    (to the book's four decimals); here also equal to the dense inverse."""
    sys = BorderedSystem(factorise(A_MB), HC_MB, HR_MB, H_MB)
    Lbar = sys.inverse()
    np.testing.assert_allclose(
        Lbar,
        [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]],
        atol=5e-5,
    )
    np.testing.assert_allclose(Lbar, np.linalg.inv(dense(A_MB, HC_MB, HR_MB, H_MB)), rtol=1e-12)
    assert sys.n == 3
    # Schur complement: the corner of L̄ is 1/s
    assert Lbar[2, 2] == pytest.approx(1.0 / sys.schur, rel=1e-12)


@SETTINGS
@given(case=bordered_cases())
def test_solve_equals_dense_solve(case: tuple) -> None:
    A, hc, hr, h, seed = case
    n = A.shape[0]
    M = dense(A, hc, hr, h)
    sys = BorderedSystem(factorise(A), hc, hr, h)
    rng = np.random.default_rng(seed + 1)
    b = rng.uniform(-1, 2, n + 1)
    B = rng.uniform(0, 1, (n + 1, 3))
    for got, want in (
        (sys.solve(b), np.linalg.solve(M, b)),
        (sys.solve(B), np.linalg.solve(M, B)),
        (sys.solve_transposed(b), np.linalg.solve(M.T, b)),
        (sys.solve_transposed(B), np.linalg.solve(M.T, B)),
    ):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12 * np.abs(want).max())
    # ... and the whole inverse, whose corner is 1/s
    Lbar = sys.inverse()
    np.testing.assert_allclose(Lbar, np.linalg.inv(M), rtol=1e-12, atol=1e-12 * Lbar.max())
    assert Lbar[n, n] == pytest.approx(1.0 / sys.schur, rel=1e-12)


@SETTINGS
@given(case=bordered_cases())
def test_matvec_equals_dense_product(case: tuple) -> None:
    A, hc, hr, h, seed = case
    M = dense(A, hc, hr, h)
    sys = BorderedSystem(factorise(A), hc, hr, h)
    x = np.random.default_rng(seed).uniform(-1, 1, M.shape[0])
    np.testing.assert_allclose(sys.matvec(x), M @ x, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(sys.matvec(x, transposed=True), M.T @ x, rtol=1e-13, atol=1e-14)


@SETTINGS
@given(case=bordered_cases(), scale=st.floats(0.5, 8.0))
def test_productive_exactly_when_schur_positive(case: tuple, scale: float) -> None:
    """For A ≥ 0 productive and a non-negative border, ρ(Ā) < 1 ⇔ s > 0; a border
    scaled up until s ≤ 0 is refused with NotProductiveError."""
    A, hc, hr, h, _ = case
    hc = hc * scale
    n = A.shape[0]
    rho = float(np.max(np.abs(np.linalg.eigvals(np.eye(n + 1) - dense(A, hc, hr, h)))))
    s = 1.0 - h - float(hr @ np.linalg.solve(np.eye(n) - A, hc))
    if abs(s) < 1e-9 or abs(rho - 1.0) < 1e-9:
        return  # on the boundary: either answer is within rounding
    assert (s > 0) == (rho < 1)
    if s > 0:
        assert BorderedSystem(factorise(A), hc, hr, h).schur == pytest.approx(s, rel=1e-10)
    else:
        with pytest.raises(NotProductiveError, match="not productive"):
            BorderedSystem(factorise(A), hc, hr, h)


def test_refuses_unproductive_closure() -> None:
    """Table 2.3 closed with household consumption coefficients six times the book's,
    h_c = 6 · (0.05, 0.40): h_r L h_c = 6 · (0.30 · 0.1475 + 0.25 · 0.35) / 0.7575
    = 6 · 0.173927 = 1.043564, so s = 1 − 0.05 − 1.043564 = −0.093564 < 0."""
    hc = 6.0 * HC_MB
    s = 1 - H_MB - HR_MB @ np.linalg.solve(np.eye(2) - A_MB, hc)
    assert s == pytest.approx(-0.093564, abs=1e-6)
    rho = np.max(np.abs(np.linalg.eigvals(np.eye(3) - dense(A_MB, hc, HR_MB, H_MB))))
    assert rho > 1
    with pytest.raises(NotProductiveError, match="bordered system is not productive"):
        BorderedSystem(factorise(A_MB), hc, HR_MB, H_MB)
    with pytest.raises(NotProductiveError):  # a corner of 1 alone leaves s = −h_r L h_c ≤ 0
        BorderedSystem(factorise(A_MB), HC_MB, HR_MB, 1.0)


@pytest.mark.parametrize(
    ("column", "row"),
    [
        ([0.1, 0.2, 0.3], [0.1, 0.2]),
        ([0.1, 0.2], [0.1]),
        ([0.1, float("nan")], [0.1, 0.2]),
        ([0.1, 0.2], [float("inf"), 0.2]),
    ],
)
def test_refuses_bad_border(column: list[float], row: list[float]) -> None:
    with pytest.raises(ValueError, match=r"border (column|row) must be 2 finite numbers"):
        BorderedSystem(factorise(A_MB), np.array(column), np.array(row), 0.0)
