"""New large arrays written on every usable core (iocluster.core.arrays.fill_by_rows):
the same numbers, to the bit, as one core writes."""

from __future__ import annotations

import numpy as np
import pytest

from iocluster.core import arrays, budget
from iocluster.core.engine import factorise


@pytest.fixture
def two_cores_from_one_kib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrays, "PARALLEL_FILL_BYTES", 1024)
    monkeypatch.setattr(budget, "usable_cores", lambda: 2)


def test_blocks_of_rows_on_two_cores_cover_every_row_once(two_cores_from_one_kib: None) -> None:
    seen: list[tuple[int, int]] = []

    def fill(rows: slice, out: np.ndarray) -> None:
        seen.append((rows.start, rows.stop))
        out[:] = np.arange(rows.start, rows.stop)[:, None]

    out = arrays.fill_by_rows((37, 50), fill)
    assert len(seen) > 1 and sorted(seen)[0][0] == 0 and sorted(seen)[-1][1] == 37
    assert np.array_equal(out, np.repeat(np.arange(37.0)[:, None], 50, axis=1))


def test_coefficients_and_factors_equal_the_one_core_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A = Z x̂⁻¹ (zero columns where x = 0) and the factorisation of I − A: the parallel
    path gives the bits of the plain one."""
    from iocluster.table import _per_output

    rng = np.random.default_rng(5)
    n = 60
    Z = rng.uniform(0, 1, (n, n))
    x = Z.sum(axis=0) * 3
    x[7] = 0.0
    Z[:, 7] = 0.0
    plain_A = _per_output(Z, x)
    plain = factorise(plain_A)
    monkeypatch.setattr(arrays, "PARALLEL_FILL_BYTES", 1024)
    monkeypatch.setattr(budget, "usable_cores", lambda: 2)
    A = _per_output(Z, x)
    assert np.array_equal(A, plain_A) and not A.flags.writeable
    assert np.array_equal(factorise(A).solve(np.ones(n)), plain.solve(np.ones(n)))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_abs_sums_and_nonzeros_by_blocks_equal_numpy(
    two_cores_from_one_kib: None, monkeypatch: pytest.MonkeyPatch, sign: float
) -> None:
    """Read by blocks of rows on two cores, and each block by cached pieces of a few rows
    (here 3): the sums of ``|A|``, the sign test and the non-zeros are numpy's, for a
    matrix with and without negative entries; NaN propagates into the sums (the engine's
    finiteness test)."""
    monkeypatch.setattr(arrays, "_CACHED_BYTES", 3 * 8 * 41)
    rng = np.random.default_rng(3)
    A = rng.uniform(0, 1, (37, 41))
    A[rng.uniform(size=A.shape) < 0.3] = 0.0
    A[5, 6] = 0.5 * sign
    col, row, nonneg = arrays.abs_sums(A)
    assert np.allclose(col, np.abs(A).sum(axis=0), rtol=1e-14)
    assert np.allclose(row, np.abs(A).sum(axis=1), rtol=1e-14)
    assert nonneg == (sign > 0)
    assert arrays.nonzeros(A) == np.count_nonzero(A)
    A[30, 2] = np.nan
    col, row, _ = arrays.abs_sums(A)
    assert np.isnan(col[2]) and np.isnan(row[30]) and np.isfinite(np.delete(row, 30)).all()
