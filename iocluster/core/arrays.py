"""Array helpers of the core: finiteness in one pass, read-only copies, right-hand sides,
absolute sums, non-zeros and dense blocks of a coefficient matrix that may be sparse, and
large arrays written or read by blocks of rows on every usable core."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from iocluster.errors import InputError, NumericalError

__all__ = [
    "FloatArray",
    "abs_sums",
    "all_finite",
    "as_dense",
    "as_rhs",
    "dense_block",
    "fill_by_rows",
    "frozen_array",
    "map_row_blocks",
    "nonzeros",
]

FloatArray = NDArray[np.float64]

#: an array of at least this many bytes is written (or read) by blocks of rows on every
#: usable core
PARALLEL_FILL_BYTES = 1 << 26

#: rows of a block read several times in a row (:func:`abs_sums`) make about 1 MiB: they
#: stay in the core's cache between the passes
_CACHED_BYTES = 1 << 20

_R = TypeVar("_R")


def _row_blocks(n: int, nbytes: int) -> tuple[list[slice], int]:
    """Blocks of rows of an ``n``-row array of ``nbytes`` and the cores to share them:
    a few blocks per core (a busy core takes fewer) when it has at least
    :data:`PARALLEL_FILL_BYTES`, else one block."""
    from iocluster.core.budget import usable_cores

    workers = min(usable_cores(), nbytes // PARALLEL_FILL_BYTES)
    if workers <= 1 or n < 2:
        return [slice(0, n)], 1
    step = -(-n // (4 * workers))
    return [slice(i, min(i + step, n)) for i in range(0, n, step)], workers


def map_row_blocks(A: FloatArray, fn: Callable[[FloatArray], _R]) -> list[_R]:
    """``fn`` of each block of rows of ``A`` (:func:`_row_blocks`), in order: on every
    usable core for a large array (NumPy's ufuncs and reductions release the GIL), in
    one call of ``fn(A)`` otherwise.

    >>> map_row_blocks(np.ones((3, 2)), lambda b: float(b.sum()))
    [6.0]
    """
    from iocluster.core.threads import map_on_cores

    blocks, workers = _row_blocks(A.shape[0], A.nbytes)
    if workers == 1:
        return [fn(A)]
    return map_on_cores(lambda rows: fn(A[rows]), blocks, workers=workers)


def nonzeros(A: FloatArray) -> int:
    """``np.count_nonzero(A)`` of a dense array, on every usable core when it is large
    (a 10,000 × 10,000 array: 0.08 s on one core, 0.04 s on two)."""
    return int(sum(map_row_blocks(A, np.count_nonzero)))


def fill_by_rows(shape: tuple[int, int], fill: Callable[[slice, FloatArray], object]) -> FloatArray:
    """A new C-ordered float64 array of ``shape``, each block of rows written by
    ``fill(rows, out[rows])``: on every usable core when it has at least
    :data:`PARALLEL_FILL_BYTES` (NumPy's ufuncs release the GIL), else in one call.

    Writing a new array is mostly its first touch: the kernel maps every page as it is
    first written (and on a virtual machine the host backs it), which costs more than
    the arithmetic. On the project's two-core machines ``-A`` into a new 10,000 × 10,000
    array took 0.18 s on one core and 0.11 s on two when the memory had just been used,
    1.2–1.5 s and 0.8–0.9 s when the host had to back it (issue 30).

    >>> out = fill_by_rows((3, 2), lambda rows, o: o.fill(rows.start))
    >>> out.tolist()
    [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
    """
    from iocluster.core.threads import map_on_cores

    out = np.empty(shape)
    blocks, workers = _row_blocks(shape[0], out.nbytes)
    if workers == 1:
        fill(slice(0, shape[0]), out)
        return out
    map_on_cores(lambda rows: fill(rows, out[rows]), blocks, workers=workers)
    return out


def all_finite(a: FloatArray) -> bool:
    """Whether every entry is finite, in one pass without a temporary array.

    A finite sum implies finite entries (NaN and ±inf propagate); only when the sum is not
    finite (which overflow can also cause) are the entries checked one by one.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(a.sum()):
            return True
    return bool(np.isfinite(a).all())


def frozen_array(a: ArrayLike, *, copy: bool = True) -> FloatArray:
    """Return ``a`` as a read-only float64 array (copied unless ``copy=False``)."""
    out = np.array(a, dtype=np.float64, copy=copy)
    out.setflags(write=False)
    return out


def as_rhs(rhs: ArrayLike, n: int) -> FloatArray:
    b = np.asarray(rhs, dtype=np.float64)
    if b.shape[:1] != (n,) or b.ndim > 2:
        raise InputError(f"right-hand side has shape {b.shape}; expected ({n},) or ({n}, k)")
    if not all_finite(b):
        raise NumericalError("right-hand side contains NaN or infinite values")
    return b


def abs_sums(A: Any) -> tuple[FloatArray, FloatArray, bool]:
    """Column and row sums of ``|A|`` (dense or sparse), and whether ``A >= 0``.

    A dense array is read once, by blocks of rows on every usable core, each block by
    pieces of about 1 MiB that stay in cache for its three reductions (at n = 10,000:
    0.09 s on two cores against 0.18 s for three passes on one); ``|·|`` is taken only of
    a piece with a negative entry (none in a sound table: no temporary).

    >>> col, row, nonneg = abs_sums(np.array([[1.0, -2.0], [3.0, 4.0]]))
    >>> col.tolist(), row.tolist(), nonneg
    ([4.0, 6.0], [3.0, 7.0], False)
    """
    if sp.issparse(A):
        S: Any = A
        nonneg = bool((S.min() if S.shape[0] else 0.0) >= 0)
        absA = S if nonneg else abs(S)
        col, row = absA.sum(axis=0), absA.sum(axis=1)
        return np.asarray(col).ravel(), np.asarray(row).ravel(), nonneg
    arr = np.asarray(A, dtype=np.float64)
    parts = map_row_blocks(arr, _block_abs_sums)
    col = parts[0][0] if len(parts) == 1 else np.sum([p[0] for p in parts], axis=0)
    row = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0)
    return col, row, all(p[2] for p in parts)


def _block_abs_sums(b: FloatArray) -> tuple[FloatArray, FloatArray, bool]:
    """Column and row sums of ``|b|`` and whether ``b >= 0``, piece by piece (each piece
    read three times while in cache)."""
    n_rows, n = b.shape
    col = np.zeros(n)
    row = np.empty(n_rows)
    nonneg = True
    step = max(1, _CACHED_BYTES // max(8 * n, 1))
    for i in range(0, n_rows, step):
        piece = b[i : i + step]
        if n and not piece.min() >= 0:  # a negative entry (or NaN: propagated by |·|)
            nonneg = False
            piece = np.abs(piece)
        col += piece.sum(axis=0)
        piece.sum(axis=1, out=row[i : i + step])
    return col, row, nonneg


def as_dense(A: Any) -> FloatArray:
    """A coefficient matrix (:data:`Coefficients`) as a dense float64 array.

    A dense array is returned as it is (no copy); a scipy sparse matrix is expanded,
    which costs one ``n × n`` array: call it only where a dense matrix is truly needed
    (a dense solve, an eigen-decomposition, a matrix that is edited entry by entry).
    """
    if sp.issparse(A):
        S: Any = A
        return np.asarray(S.toarray(), dtype=np.float64)
    return np.asarray(A, dtype=np.float64)


def _everything(index: object) -> bool:
    return isinstance(index, slice) and index == slice(None)


def dense_block(
    A: Any,
    rows: Sequence[int] | NDArray[np.intp] | slice = slice(None),
    cols: Sequence[int] | NDArray[np.intp] | slice = slice(None),
) -> FloatArray:
    """The block ``A[rows, cols]`` of a coefficient matrix (:data:`Coefficients`) as a new
    dense array; only the block is expanded, never the whole of a sparse ``A``.

    >>> dense_block(sp.csc_array(np.arange(9.0).reshape(3, 3)), [0, 2], [1])
    array([[1.],
           [7.]])
    """
    if sp.issparse(A):
        S: Any = A
        if not _everything(cols):  # columns first: cheap on the csc A of a table
            S = S[:, cols if isinstance(cols, slice) else np.asarray(cols, dtype=np.intp)]
        if not _everything(rows):
            S = S[rows if isinstance(rows, slice) else np.asarray(rows, dtype=np.intp), :]
        return np.asarray(S.toarray(), dtype=np.float64)
    D = np.asarray(A, dtype=np.float64)
    out = D[rows][:, cols]
    return out.copy() if np.may_share_memory(out, D) else out
