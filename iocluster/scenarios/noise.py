"""Rounding noise written as exact zero.

A solve in floating point leaves changes of about 1e-16 times the size of the economy
where nothing changed (a price level of −3.3e-16, a spillover of 1.5e-09 million UZS).
Every result frame of a scenario writes a change smaller than
:data:`~iocluster.model.provenance.NOISE_RTOL` times the baseline total of its measure
(for prices and multipliers: their baseline, about 1) as exactly 0, and its scenario
value as the baseline; the reports state the tolerance.

>>> import numpy as np
>>> zero_noise(np.array([3e-10, 2.5, -1e-13]), scale=1.0).tolist()  # 1e-13 ≤ 1e-12 × 1
[3e-10, 2.5, 0.0]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray
from iocluster.model.provenance import NOISE_RTOL

__all__ = ["NOISE_RTOL", "zero_noise"]


def zero_noise(change: ArrayLike, scale: ArrayLike) -> FloatArray:
    """``change`` with entries of magnitude at most ``NOISE_RTOL × |scale|`` set to 0
    (``scale`` broadcast against ``change``: one scale, or one per measure)."""
    ch = np.asarray(change, dtype=np.float64)
    return np.where(np.abs(ch) <= NOISE_RTOL * np.abs(np.asarray(scale, dtype=float)), 0.0, ch)
