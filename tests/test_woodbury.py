"""Rank-k updates by the Woodbury identity (iocluster.core.woodbury) against brute-force
``np.linalg.solve`` of the updated matrix I − A − U Vᵀ (and its transpose).

Invariants: every result equals the brute-force solve; ``None`` updates give the base
solve; one call batches several updates and right-hand sides of any width; the shape of
each right-hand side is kept; an update that makes I − A − UVᵀ singular raises
``NotProductiveError`` whose ``.update`` is its position in the batch.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.core.engine import factorise
from iocluster.core.woodbury import LowRank, solve_updated, solve_updated_transposed
from iocluster.errors import NotProductiveError

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=400 if FUZZ else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)

A_MB = np.array([[0.15, 0.25], [0.20, 0.05]])  # Miller & Blair 2009, Table 2.3
F_MB = np.array([350.0, 1700.0])


def random_A(n: int, rng: np.random.Generator) -> np.ndarray:
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    return A * (rng.uniform(0.2, 0.6) / max(A.sum(axis=0).max(), 1e-9))


def random_update(n: int, k: int, rng: np.random.Generator) -> LowRank:
    """U Vᵀ with ‖U Vᵀ‖₁ ≤ 0.3, so that A + U Vᵀ keeps column sums of |·| below 0.9 and
    I − A − U Vᵀ stays well conditioned."""
    U = rng.uniform(-1, 1, (n, k))
    V = rng.uniform(-1, 1, (n, k))
    scale = 0.3 / max(np.abs(U @ V.T).sum(axis=0).max(), 1e-9)
    return LowRank(U * scale, V)


def updated(A: np.ndarray, up: LowRank | None) -> np.ndarray:
    M = np.eye(A.shape[0]) - A
    return M if up is None else M - up.U @ up.V.T


def test_hand_computed_coefficient_change() -> None:
    """M&B 2009 Table 2.3 with a_12 raised by 0.05 (ΔA = 0.05 e₁ e₂ᵀ):
    det(I − A') = 0.85 · 0.95 − 0.30 · 0.20 = 0.7475 and, for f = (350, 1700),
    x' = ((0.95 · 350 + 0.30 · 1700), (0.20 · 350 + 0.85 · 1700)) / 0.7475
       = (842.5, 1515) / 0.7475 = (1127.09, 2026.76)."""
    up = LowRank(U=np.array([[0.05], [0.0]]), V=np.array([[0.0], [1.0]]))
    assert up.k == 1
    (x,) = solve_updated(factorise(A_MB), [up], [F_MB])
    np.testing.assert_allclose(x, np.array([842.5, 1515.0]) / 0.7475, rtol=1e-13)
    np.testing.assert_allclose(x, [1127.09, 2026.76], atol=5e-3)
    # prices with the same change and value-added coefficients v = (0.65, 0.70):
    # p'ᵀ = vᵀ (I − A')⁻¹ = ((0.65·0.95 + 0.70·0.20), (0.65·0.30 + 0.70·0.85)) / 0.7475
    (p,) = solve_updated_transposed(factorise(A_MB), [up], [np.array([0.65, 0.70])])
    np.testing.assert_allclose(p, np.array([0.7575, 0.79]) / 0.7475, rtol=1e-13)


@st.composite
def batches(draw: st.DrawFn) -> tuple[int, list[int | None], list[int], int]:
    """n, the rank of each update (None: no update), the width of each right-hand side
    (0: a vector) and a seed."""
    n = draw(st.integers(2, 7))
    size = draw(st.integers(1, 4))
    ranks = draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=size, max_size=size))
    widths = draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))
    return n, ranks, widths, draw(st.integers(0, 2**31))


def _make(batch: tuple[int, list[int | None], list[int], int]) -> tuple:
    n, ranks, widths, seed = batch
    rng = np.random.default_rng(seed)
    A = random_A(n, rng)
    ups = [None if k is None else random_update(n, k, rng) for k in ranks]
    rhs = [rng.uniform(-1, 2, n if w == 0 else (n, w)) for w in widths]
    return A, ups, rhs


@SETTINGS
@given(batch=batches())
def test_solve_updated_equals_brute_force(batch: tuple) -> None:
    A, ups, rhs = _make(batch)
    out = solve_updated(factorise(A), ups, rhs)
    assert len(out) == len(rhs)
    for up, b, x in zip(ups, rhs, out, strict=True):
        want = np.linalg.solve(updated(A, up), b)
        assert x.shape == b.shape
        np.testing.assert_allclose(x, want, rtol=1e-11, atol=1e-12 * np.abs(want).max())


@SETTINGS
@given(batch=batches())
def test_solve_updated_transposed_equals_brute_force(batch: tuple) -> None:
    A, ups, rhs = _make(batch)
    out = solve_updated_transposed(factorise(A), ups, rhs)
    assert len(out) == len(rhs)
    for up, c, p in zip(ups, rhs, out, strict=True):
        want = np.linalg.solve(updated(A, up).T, c)
        assert p.shape == c.shape
        np.testing.assert_allclose(p, want, rtol=1e-11, atol=1e-12 * np.abs(want).max())


def test_none_and_rank_zero_updates_give_the_base_solve() -> None:
    rng = np.random.default_rng(1)
    A = random_A(5, rng)
    sys = factorise(A)
    b = rng.uniform(size=(5, 2))
    empty = LowRank(np.zeros((5, 0)), np.zeros((5, 0)))
    real = random_update(5, 2, rng)
    x_none, x_empty, x_real = solve_updated(sys, [None, empty, real], [b, b, b])
    np.testing.assert_array_equal(x_none, sys.solve(b))
    np.testing.assert_array_equal(x_empty, sys.solve(b))
    assert not np.allclose(x_real, x_none)  # the real update does change the answer
    assert solve_updated(sys, [], []) == []
    with pytest.raises(ValueError):
        solve_updated(sys, [None, None], [b])  # one right-hand side per update


def _singular(A: np.ndarray, col: int) -> LowRank:
    """U = (I − A) e_c, V = e_c: I − A − U Vᵀ = (I − A)(I − e_c e_cᵀ) has a zero column
    combination, and the capacitance 1 − e_cᵀ (I − A)⁻¹ (I − A) e_c is exactly 0."""
    n = A.shape[0]
    e = np.zeros((n, 1))
    e[col] = 1.0
    return LowRank(U=(np.eye(n) - A) @ e, V=e)


@pytest.mark.parametrize("transposed", [False, True])
def test_singular_update_names_its_position(transposed: bool) -> None:
    rng = np.random.default_rng(3)
    A = random_A(4, rng)
    sys = factorise(A)
    bad = _singular(A, 2)
    assert abs(np.linalg.det(updated(A, bad))) < 1e-12
    ups = [None, random_update(4, 2, rng), bad, random_update(4, 1, rng)]
    rhs = [np.ones(4)] * 4
    solve = solve_updated_transposed if transposed else solve_updated
    with pytest.raises(NotProductiveError, match="update 3: the changed system") as exc:
        solve(sys, ups, rhs)
    assert exc.value.update == 2
    names = ["a", "b", "c", "d"]
    with pytest.raises(NotProductiveError, match=r"^c: the changed system I − A is singular"):
        solve(sys, ups, rhs, names=names)
    # the same singular update first in the batch
    with pytest.raises(NotProductiveError) as exc0:
        solve(sys, [bad, None], [np.ones(4), np.ones(4)])
    assert exc0.value.update == 0
