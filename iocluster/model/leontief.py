"""The Leontief and Ghosh matrices, formed only when asked for (DESIGN.md §2, §6).

Analyses should solve against ``table.leontief`` instead of forming these.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.table import IOTable

__all__ = [
    "ghosh_inverse",
    "ghosh_row_sums",
    "leontief_column_blocks",
    "leontief_column_sums",
    "leontief_inverse",
    "leontief_row_sums",
    "output_for",
]


def leontief_inverse(table: IOTable) -> FloatArray:
    """The Leontief inverse ``L = (I − A)⁻¹`` (one solve against ``I``).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> leontief_inverse(miller_blair_2_3()).round(4)
    array([[1.2541, 0.33  ],
           [0.264 , 1.1221]])
    """
    return frozen_array(table.leontief.inverse(), copy=False)


def ghosh_inverse(table: IOTable) -> FloatArray:
    """The Ghosh inverse ``G = (I − B)⁻¹ = x̂⁻¹ L x̂`` (Miller & Blair 2009, §12.1).

    Formed from the one factorisation of ``I − A`` (no second inversion). Rows and
    columns of zero-output sectors are those of the identity.
    """
    L = table.leontief.inverse()
    x = np.asarray(table.x)
    pos = x > 0
    G = np.eye(table.n)
    G[np.ix_(pos, pos)] = L[np.ix_(pos, pos)] / x[pos, None] * x[None, pos]
    return frozen_array(G, copy=False)


def leontief_column_sums(table: IOTable) -> FloatArray:
    """Column sums of L, ``1ᵀL`` (one transposed solve): simple output multipliers, total
    backward linkages, downstreamness (Miller & Blair 2009, §6.2.1, §12.2).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> leontief_column_sums(miller_blair_2_3()).round(4).tolist()
    [1.5182, 1.4521]
    """
    return frozen_array(table.leontief.solve_transposed(np.ones(table.n)), copy=False)


def leontief_row_sums(table: IOTable) -> FloatArray:
    """Row sums of L, ``L1`` (one solve): the Leontief-variant total forward linkages.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> leontief_row_sums(miller_blair_2_3()).round(4).tolist()
    [1.5842, 1.3861]
    """
    return frozen_array(table.leontief.row_sums())


def ghosh_row_sums(table: IOTable) -> FloatArray:
    """Row sums of the Ghosh inverse, ``G1 = x̂⁻¹Lx`` (one solve; 1 where x = 0): total
    forward linkages and upstreamness (Miller & Blair 2009, §12.1; Antràs et al. 2012).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> ghosh_row_sums(miller_blair_2_3()).round(4).tolist()
    [1.9142, 1.2541]
    """
    x = np.asarray(table.x)
    Lx = table.leontief.solve(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return frozen_array(np.where(x > 0, Lx / np.where(x > 0, x, 1.0), 1.0), copy=False)


def output_for(table: IOTable, final_demand: np.ndarray) -> FloatArray:
    """Output ``x = L y`` for one final-demand vector or the columns of a matrix."""
    return frozen_array(table.leontief.solve(final_demand), copy=False)


def leontief_column_blocks(
    table: IOTable, size: int = 512
) -> Iterator[tuple[int, int, FloatArray]]:
    """Columns of ``L`` block by block: ``(start, stop, L[:, start:stop])``.

    Each block is one solve against the matching columns of ``I``, so analyses that need
    every entry of ``L`` once (sums of squares, the diagonal) hold ``n × size`` numbers at
    a time, never the whole inverse.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> [(a, b, L.round(4).tolist()) for a, b, L in leontief_column_blocks(miller_blair_2_3(), 1)]
    [(0, 1, [[1.2541], [0.264]]), (1, 2, [[0.33], [1.1221]])]
    """
    n = table.n
    for start in range(0, n, size):
        stop = min(n, start + size)
        E = np.zeros((n, stop - start))
        E[np.arange(start, stop), np.arange(stop - start)] = 1.0
        yield start, stop, table.leontief.solve(E)
