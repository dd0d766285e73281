"""Working copies of what shocks change, for ``D`` draws of a scenario at once.

Every shock kind's rule (:mod:`iocluster.scenarios.kinds`) reads and writes a
:class:`Work`: arrays with a leading axis over the ``D`` draws of a batch (a point
estimate is the batch of one). An array is copied from the baseline
(:class:`~iocluster.scenarios.base.Base`) the first time a rule writes it; until then
:meth:`Work.get` is a read-only broadcast of the baseline, so a batch costs memory only
for what its shocks change.

Shapes: ``y``, ``ym`` (domestic and imported final demand) ``D × n × categories``;
``va`` (value-added coefficients by row) ``D × rows × n``; ``f`` (satellite
coefficients) ``D × satellites × n``; ``m`` (imported-input coefficients) and ``other``
(other costs per unit) ``D × n``; a changed column ``j`` of ``A`` or of ``Aᵐ``
``D × n``; parameter values ``D``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from iocluster.core.engine import FloatArray
from iocluster.errors import ScenarioError, Text
from iocluster.scenarios.base import Base
from iocluster.scenarios.taxes import TaxSchedule

__all__ = ["TOL", "Values", "Work", "refuse", "stacked"]

#: coefficient changes and balances below this are rounding (per unit of output)
TOL = 1e-12

#: parameter values of a shock by field, one value per draw
Values = Mapping[str, FloatArray]


def stacked(src: FloatArray, D: int) -> FloatArray:
    """``D`` copies of ``src`` along a new first axis (a writable array)."""
    out = np.empty((D, *src.shape))
    out[...] = src
    return out


class Work:
    """Copy-on-write working arrays for ``D`` draws (see the module docstring)."""

    def __init__(self, base: Base, D: int, schedule: TaxSchedule | None = None) -> None:
        self.b, self.D = base, D
        #: the tax schedule of tax and subsidy shocks
        self.schedule = schedule
        #: changed columns of the domestic coefficients ``A`` and of ``Aᵐ`` (D × n)
        self.cols: dict[int, FloatArray] = {}
        self.amcols: dict[int, FloatArray] = {}
        #: rows of extracted sectors (their whole row of ``A`` is removed)
        self.rows: set[int] = set()
        #: exogenous prices by sector (D)
        self.fixed: dict[int, FloatArray] = {}
        #: change of each tax instrument's rate by sector (D × n)
        self.tax_delta: dict[str, FloatArray] = {}
        #: investment programmes: asset, amount (D), domestic and imported demand (D × n)
        self.investment: list[tuple[str, FloatArray, FloatArray, FloatArray]] = []
        self._arr: dict[str, FloatArray] = {}

    @property
    def n(self) -> int:
        """Number of sectors."""
        return self.b.table.n

    def arr(self, name: str) -> FloatArray:
        """The writable working copy of ``y``, ``ym``, ``va``, ``f``, ``m`` or ``other``."""
        if name not in self._arr:
            self._arr[name] = stacked(np.asarray(getattr(self.b, name)), self.D)
        return self._arr[name]

    def get(self, name: str) -> FloatArray:
        """Read-only: the working copy if written, else the baseline broadcast over draws."""
        if name in self._arr:
            return self._arr[name]
        return self.b.broadcast(name, self.D)

    def col(self, j: int) -> FloatArray:
        """The writable column ``j`` of the domestic coefficients (D × n)."""
        if j not in self.cols:
            self.cols[j] = stacked(self.b.column(j), self.D)
        return self.cols[j]

    def amcol(self, j: int) -> FloatArray:
        """The writable column ``j`` of the imported-input coefficients by product."""
        if j not in self.amcols:
            self.amcols[j] = stacked(self.b.am_column(j), self.D)
        return self.amcols[j]

    def tax(self, name: str) -> FloatArray:
        """The writable change of instrument ``name``'s rates (D × n)."""
        if name not in self.tax_delta:
            self.tax_delta[name] = np.zeros((self.D, self.n))
        return self.tax_delta[name]


def refuse(bad: np.ndarray, message: Callable[..., Text | str], *args: Any) -> None:
    """Raise a :class:`ScenarioError` for the first draw (and position) where ``bad``
    holds: ``message(d, *index, *args)`` says why, with that draw's values."""
    if np.asarray(bad).any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ScenarioError(message(*first, *args))
