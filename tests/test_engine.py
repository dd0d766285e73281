"""The table and the factorised Leontief engine: published values and invariants."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.core.bordered import BorderedSystem
from iocluster.core.engine import factorise, is_productive
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import AssumptionWarning, InputError, LabelError, NotProductiveError
from iocluster.model.leontief import ghosh_inverse, leontief_inverse
from iocluster.table import IOTable
from tests import reference_values as ref
from tests.tables import eurostat_germany


def random_A(n: int, seed: int, density: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(0, 1, (n, n)) < density)
    return A / A.sum(axis=0).max() * 0.8


def test_miller_blair_2_3_coefficients_and_inverse() -> None:
    """Miller & Blair (2009), Table 2.3 → A (§2.3) and L (eq. 2.11), 4 dp as printed."""
    t = miller_blair_2_3()
    np.testing.assert_allclose(t.A, ref.MB_2_3_A, atol=1e-12)
    np.testing.assert_allclose(
        leontief_inverse(t), ref.MB_2_3_L, atol=0.5 * 10**-ref.MB_2_3_L_DECIMALS
    )


def test_miller_blair_new_final_demand() -> None:
    """Miller & Blair (2009) §2.3: f = (600, 1500) → x = (1247.52, 1841.58)."""
    x = miller_blair_2_3().leontief.solve(ref.MB_2_3_F_NEW)
    np.testing.assert_allclose(x, ref.MB_2_3_X_NEW, atol=0.005)


def test_eurostat_ch15_coefficients_and_inverse() -> None:
    """Eurostat Manual (2008) Table 15.6 (A) and Table 15.10 (L), published cells at 4 dp."""
    t = eurostat_germany()
    L = leontief_inverse(t)
    for (i, j), v in ref.EUROSTAT_15_A_PUBLISHED_CELLS.items():
        assert t.A[i, j] == pytest.approx(v, abs=5e-5)
    for (i, j), v in ref.EUROSTAT_15_L_PUBLISHED_CELLS.items():
        assert L[i, j] == pytest.approx(v, abs=5e-5)
    # x = L f reproduces the published output (invariant on real data)
    np.testing.assert_allclose(t.leontief.solve(t.Y.sum(axis=1)), ref.EUROSTAT_15_X, rtol=1e-9)


def test_eurostat_ghosh_first_column() -> None:
    """Eurostat Manual (2008) ch. 15: first column of the Ghosh inverse, 4 dp."""
    G = ghosh_inverse(eurostat_germany())
    np.testing.assert_allclose(G[:, 0], ref.EUROSTAT_15_GHOSH_COL0, atol=5e-5)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 30), seed=st.integers(0, 10_000), k=st.integers(1, 4))
def test_leontief_invariants(n: int, seed: int, k: int) -> None:
    """x = L y, L = I + A L, G = x̂⁻¹ L x̂ and column sums of L >= 1 (A ≥ 0)."""
    A = random_A(n, seed)
    system = factorise(A)
    rng = np.random.default_rng(seed + 1)
    Y = rng.uniform(0, 100, (n, k))
    X = system.solve(Y)
    np.testing.assert_allclose(X - A @ X, Y, rtol=1e-10, atol=1e-9)
    L = system.inverse()
    np.testing.assert_allclose(L, np.eye(n) + A @ L, atol=1e-12)
    assert np.all(L.sum(axis=0) >= 1 - 1e-12)
    p = system.solve_transposed(np.ones(n))
    np.testing.assert_allclose(p, L.sum(axis=0), rtol=1e-12)
    # Ghosh: build a table with these coefficients and check G = x̂⁻¹ L x̂ = (I − B)⁻¹
    x = X[:, 0] + 1.0
    Z = A * x
    t = IOTable.from_arrays(
        Z, x - Z.sum(axis=1), x - Z.sum(axis=0), codes=[f"s{i}" for i in range(n)]
    )
    np.testing.assert_allclose(
        ghosh_inverse(t), np.linalg.inv(np.eye(n) - t.B), rtol=1e-9, atol=1e-12
    )


def test_sparse_and_dense_paths_agree() -> None:
    """Sparse LU (SuperLU) and dense LU give the same solution."""
    A = random_A(300, 3, density=0.02)
    y = np.arange(300.0)
    dense = factorise(A, sparse=False)
    sparse = factorise(sp.csr_matrix(A))
    assert sparse.sparse and not dense.sparse
    np.testing.assert_allclose(sparse.solve(y), dense.solve(y), rtol=1e-12)
    np.testing.assert_allclose(sparse.solve_transposed(y), dense.solve_transposed(y), rtol=1e-12)


def test_singular_and_unproductive_systems() -> None:
    """I − A singular raises; ρ(A) ≥ 1 is detected by the one-solve Perron test."""
    with pytest.raises(NotProductiveError):
        factorise(np.array([[0.5, 0.5], [0.5, 0.5]]))
    assert not is_productive(factorise(np.array([[0.5, 0.6], [0.6, 0.5]])))
    assert is_productive(miller_blair_2_3().leontief)


def test_arrays_are_read_only() -> None:
    t = miller_blair_2_3()
    with pytest.raises(ValueError):
        t.Z[0, 0] = 1.0
    with pytest.raises(ValueError):
        t.A[0, 0] = 1.0
    u = t.replace(Y=t.Y * 2)
    assert u is not t and t.Y[0, 0] == 350.0


def test_bad_construction_names_the_problem() -> None:
    with pytest.raises(InputError, match="NaN or infinite value at position \\(1, 2\\)"):
        IOTable.from_arrays([[1.0, np.nan], [0, 1]], [1.0, 1.0], [[1, 1]], codes=["a", "b"])
    with pytest.raises(LabelError, match=r"duplicate sector label 'A01\.13'"):
        IOTable.from_arrays(np.eye(2), [1.0, 1.0], [[1, 1]], codes=["A01.13", "А01.13"])


def _total_use_table(exports_first: float = 10.0) -> IOTable:
    # two products; product 1 imports 30 of its 130 non-export uses
    Z = np.array([[20.0, 40.0], [10.0, 10.0]])
    Y = np.array([[70.0, exports_first], [60.0, 20.0]])
    m = np.array([30.0, 0.0])
    return IOTable.from_arrays(
        Z, Y, [[50, 60]], codes=["P1", "P2"], fd_names=["households", "exports"],
        fd_roles=["household", "exports"], kind="total", m=m,
    )  # fmt: skip


def test_proportional_import_split() -> None:
    """DESIGN.md §2: μᵢ = mᵢ/(Σz + Σy − e); Zᵈ = (1−μ)Z; exports stay domestic; rows close."""
    t = _total_use_table()
    mu = t.import_shares
    assert mu[0] == pytest.approx(30.0 / 130.0)
    d = t.domestic()
    assert d.kind == "domestic" and d.Zm is not None and d.Ym is not None
    np.testing.assert_allclose(d.Z + d.Zm, t.Z)
    assert d.Y[0, 1] == 10.0  # exports untouched
    np.testing.assert_allclose(d.Z.sum(axis=1) + d.Y.sum(axis=1), t.x)  # x = Zᵈ1 + Yᵈ1
    np.testing.assert_allclose(d.Zm.sum() + d.Ym.sum(), t.m.sum())
    assert any("proportional-import" in str(a) for a in d.meta.assumptions)


def test_reexport_fallback_warns_and_names_product() -> None:
    """μ > 1 under the proportional rule (re-exports) falls back to all uses (DESIGN.md §2)."""
    Z = np.array([[1.0, 1.0], [10.0, 10.0]])
    Y = np.array([[2.0, 96.0], [60.0, 20.0]])
    t = IOTable.from_arrays(
        Z, Y, [[50, 60]], codes=["C24.1", "P2"], fd_names=["households", "exports"],
        fd_roles=["household", "exports"], kind="total", m=np.array([10.0, 0.0]),
    )  # fmt: skip
    with pytest.warns(AssumptionWarning, match="C24.1"):
        d = t.domestic()
    assert t.import_shares[0] == pytest.approx(10.0 / 100.0)
    np.testing.assert_allclose(d.Z.sum(axis=1) + d.Y.sum(axis=1), t.x)
    all_uses = t.with_import_rule("all_uses")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert all_uses.import_shares[0] == pytest.approx(0.1)


def test_uzbekistan_domestic_split(uzbekistan: IOTable) -> None:
    """The 2022 table: C24.1 (iron and steel) re-exports fall back; domestic rows close."""
    fresh = uzbekistan.replace()  # the session fixture's split may be cached (warned once)
    with pytest.warns(AssumptionWarning, match="C24.1"):
        d = fresh.domestic()
    assert any("C24.1" in str(a) for a in d.meta.assumptions)
    assert uzbekistan.reexport_products == ("C24.1",)
    resid = d.Z.sum(axis=1) + d.Y.sum(axis=1) - uzbekistan.x
    assert np.abs(resid).max() < 1.0  # published data rounded to 0.01 million UZS
    assert is_productive(uzbekistan.leontief)


def test_iterative_path_for_large_sparse_systems_agrees_with_lu() -> None:
    """n >= ITERATIVE_MIN_N sparse: GMRES (no fill-in) gives the LU solution to 1e-10."""
    from iocluster.core import engine

    n = engine.ITERATIVE_MIN_N
    A = sp.random(n, n, density=0.002, random_state=7, format="csr")
    A = A.multiply(0.6 / np.asarray(A.sum(axis=0)).max()).tocsr()
    system = factorise(A)
    assert isinstance(system._factor, engine.IterativeSolver)
    small = factorise(A[:2000, :2000])  # sparse LU below the threshold
    assert not isinstance(small._factor, engine.IterativeSolver)
    rng = np.random.default_rng(3)
    Y = rng.uniform(1, 10, (n, 2))
    X = system.solve(Y)
    np.testing.assert_allclose(X - A @ X, Y, rtol=1e-10)
    p = system.solve_transposed(Y[:, 0])
    np.testing.assert_allclose(p - A.T @ p, Y[:, 0], rtol=1e-10)
    assert is_productive(system)


# ----------------------------------------------------------------- bordered system
def _random_border(seed: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    A *= rng.uniform(0.2, 0.8) / max(A.sum(axis=0).max(), 1e-9)
    h_r = rng.uniform(0, 1, n) * (1 - A.sum(axis=0)) * rng.uniform(0.1, 0.9)
    h_c = rng.uniform(0, 1, n)
    h_c *= rng.uniform(0.1, 0.9) / h_c.sum()
    return A, h_c, h_r, float(rng.uniform(0, 0.1))


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12), k=st.integers(1, 3))
def test_bordered_system_equals_dense_solve_of_closed_matrix(seed: int, n: int, k: int) -> None:
    """Invariant: bordering against the open factorisation (Schur complement) solves the
    explicit (n+1)×(n+1) closed system [[I − A, −h_c], [−h_r, 1 − h]] (M&B 2009 §2.5)."""
    A, h_c, h_r, h = _random_border(seed, n)
    M = np.eye(n + 1)
    M[:n, :n] -= A
    M[:n, n] = -h_c
    M[n, :n] = -h_r
    M[n, n] = 1 - h
    system = BorderedSystem(factorise(A), h_c, h_r, h)
    assert system.n == n + 1
    B = np.random.default_rng(seed + 1).normal(size=(n + 1, k))
    for rhs in (B, B[:, 0]):
        x, p = system.solve(rhs), system.solve_transposed(rhs)
        assert x.shape == p.shape == rhs.shape
        np.testing.assert_allclose(x, np.linalg.solve(M, rhs), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(p, np.linalg.solve(M.T, rhs), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(system.matvec(x), rhs, rtol=1e-12, atol=1e-12)


def test_bordered_system_refuses_an_unproductive_closure() -> None:
    """Schur complement 1 − h − h_r(I − A)⁻¹h_c ≤ 0: households re-spend all they earn."""
    sys = factorise(np.array([[0.15, 0.25], [0.2, 0.05]]))
    with pytest.raises(NotProductiveError, match="not productive"):
        BorderedSystem(sys, np.array([0.5, 0.5]), np.array([0.9, 0.9]))
    with pytest.raises(ValueError, match="column"):
        BorderedSystem(sys, np.array([0.5]), np.array([0.1, 0.1]))


@pytest.mark.parametrize("k", [3, 40])
def test_backward_error_check_catches_one_bad_column(k: int) -> None:
    """The residual check (exact for a few right-hand sides, two random combinations of
    them for many) flags a solution with a single wrong column: it raises for an error
    of 1e-3 and warns for 1e-8, relative to ‖x‖ (thresholds 1e-6 and 1e-10)."""
    from iocluster.core.engine import check_backward_error
    from iocluster.errors import NumericalError, NumericalWarning

    A = random_A(30, 5)
    system = factorise(A)
    B = np.random.default_rng(1).uniform(0, 1, (30, k))
    X = system.solve(B)
    norm_m = 1.0 + float(np.abs(A).sum(axis=1).max())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_backward_error(system, B, X, norm_m, transposed=False)  # exact solve: quiet
    scale = float(np.abs(X).max())
    for size, expect in ((1e-3, NumericalError), (1e-8, NumericalWarning)):
        bad = X.copy()
        bad[7, k - 1] += size * scale
        if expect is NumericalError:
            with pytest.raises(NumericalError, match="backward error"):
                check_backward_error(system, B, bad, norm_m, transposed=False)
        else:
            with pytest.warns(NumericalWarning, match="backward error"):
                check_backward_error(system, B, bad, norm_m, transposed=False)


# ----------------------------------------------------------------- backward error (issue 30)
def _wilkinson_growth(n: int) -> np.ndarray:
    """``A`` with ``(I − A)ᵀ = W``, Wilkinson's matrix (1 on the diagonal and in the last
    column, −1 below the diagonal): partial pivoting grows its entries by 2ⁿ⁻¹ (Higham
    2002, §9.4), so the LU solves of a well-conditioned matrix lose every digit."""
    W = np.eye(n) - np.tril(np.ones((n, n)), -1)
    W[:, -1] = 1.0
    return np.eye(n) - W.T


def test_backward_error_is_checked_once_when_factorising() -> None:
    """The rule of the engine's docstring: a factorisation whose solves lose accuracy
    (pivot growth 2⁵⁹) is refused when it is made, not on some later solve; a sound one
    is quiet (Higham 2002, Thm 9.4: the bound belongs to the factors, not to b)."""
    from iocluster.errors import NumericalError

    with pytest.raises(NumericalError, match="backward error"):
        factorise(_wilkinson_growth(60))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        factorise(random_A(60, 1))


def test_direct_solves_check_finiteness_only_and_gmres_checks_each_solve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After the factorisation, a dense or sparse LU solve makes no product with A (the
    check that cost as much as the solve at n = 10,000); a GMRES solve, whose accuracy
    depends on the right-hand side, checks its residual every time."""
    from iocluster.core import engine

    systems = {
        "dense": factorise(random_A(40, 2)),
        "sparse": factorise(sp.csr_matrix(random_A(40, 3, density=0.1))),
    }
    calls: list[str] = []
    monkeypatch.setattr(engine.LeontiefSystem, "matvec", lambda self, x, **kw: calls.append("A"))
    for system in systems.values():
        x = system.solve(np.ones((40, 3)))
        p = system.solve_transposed(np.ones(40))
        assert np.isfinite(x).all() and np.isfinite(p).all()
    assert calls == []
    monkeypatch.undo()
    A = sp.random(engine.ITERATIVE_MIN_N, engine.ITERATIVE_MIN_N, density=0.001, random_state=1)
    A = A.multiply(0.5 / np.asarray(A.sum(axis=0)).max()).tocsr()
    gmres = factorise(A)
    assert gmres.iterative
    seen: list[int] = []
    real = engine.check_backward_error
    monkeypatch.setattr(
        engine, "check_backward_error", lambda *a, **k: seen.append(1) or real(*a, **k)
    )
    gmres.solve(np.ones(engine.ITERATIVE_MIN_N))
    gmres.solve_transposed(np.ones(engine.ITERATIVE_MIN_N))
    assert len(seen) == 2


def test_a_nan_solution_is_refused_without_the_residual_check() -> None:
    """The per-solve check of a direct solve: a NaN or infinite result is an error."""
    from iocluster.core.engine import check_finite_solution

    check_finite_solution(np.ones(3))
    with pytest.raises(NotProductiveError, match="NaN or infinity"):
        check_finite_solution(np.array([1.0, np.nan]))


@pytest.mark.parametrize("negative", [False, True])
def test_condition_number_is_exact_for_a_productive_non_negative_A(negative: bool) -> None:
    """For A >= 0 and productive, L = Σ Aᵏ >= 0, so ‖L‖∞ is the largest row sum of L
    (the row sums the factorisation's check solves): rcond = 1 / cond∞(I − A) exactly,
    with no condition estimator. With a negative coefficient L may have negative entries
    and LAPACK's gecon estimates it (Hager–Higham; within a small factor)."""
    A = random_A(40, 3)
    if negative:
        A[2, 5] = -0.05
    system = factorise(A)
    cond = np.linalg.cond(np.eye(40) - A, np.inf)
    if negative:
        assert 1.0 - 1e-12 <= system.rcond * cond <= 3.0  # ‖L‖ estimated from below
    else:
        assert system.rcond * cond == pytest.approx(1.0, rel=1e-12)
    assert np.allclose(system.row_sums(), np.linalg.solve(np.eye(40) - A, np.ones(40)))


def test_a_nearly_singular_system_warns_with_its_condition_number() -> None:
    """Column sums of A at 1 − 1e-14: productive, but cond∞(I − A) is about 1e15 (above
    the warning threshold of 1e12)."""
    from iocluster.errors import NumericalWarning

    A = random_A(20, 4)
    A = A / A.sum(axis=0) * (1 - 1e-14)
    with pytest.warns(NumericalWarning):
        factorise(A)


def test_products_with_few_columns_equal_the_matrix_product() -> None:
    """``(I − A) X`` for 1, 2 (column by column: faster in OpenBLAS) and 5 columns, and
    transposed: the same numbers as the plain product (an invariant of the identity)."""
    rng = np.random.default_rng(11)
    A = rng.uniform(0, 0.1, (30, 30))
    system = factorise(A)
    for k in (1, 2, 5):
        X = rng.standard_normal((30, k))
        assert np.allclose(system.matvec(X), X - A @ X, rtol=1e-14, atol=1e-14)
        assert np.allclose(system.matvec(X, transposed=True), X - A.T @ X, rtol=1e-14, atol=1e-14)
    x = rng.standard_normal(30)
    assert np.allclose(system.matvec(x), x - A @ x, rtol=1e-14, atol=1e-14)
