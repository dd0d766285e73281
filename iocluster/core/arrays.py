"""Array helpers of the core: finiteness in one pass, read-only copies, right-hand sides,
absolute sums and dense blocks of a coefficient matrix that may be sparse, and new large
arrays filled on every usable core."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
]

FloatArray = NDArray[np.float64]

#: a new array of at least this many bytes is filled by blocks of rows on every usable core
PARALLEL_FILL_BYTES = 1 << 26


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
    from iocluster.core.budget import usable_cores
    from iocluster.core.threads import map_on_cores

    out = np.empty(shape)
    n = shape[0]
    workers = min(usable_cores(), out.nbytes // PARALLEL_FILL_BYTES)
    if workers <= 1 or n < 2:
        fill(slice(0, n), out)
        return out
    step = -(-n // (4 * workers))  # a few blocks per core: a busy core takes fewer
    blocks = [slice(i, min(i + step, n)) for i in range(0, n, step)]
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
    """Column and row sums of ``|A|`` (dense or sparse), and whether ``A >= 0``."""
    # A is non-negative in every sound table: then |A| = A and no n×n temporary is made
    nonneg = bool((A.min() if A.shape[0] else 0.0) >= 0)
    absA = A if nonneg else abs(A)
    col, row = absA.sum(axis=0), absA.sum(axis=1)
    return np.asarray(col).ravel(), np.asarray(row).ravel(), nonneg


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
