"""The baseline every scenario of a table is measured against, made once per table
(:meth:`iocluster.table.IOTable.derived`): the model's output ``x₀ = L y₀`` and prices
``p₀ = Lᵀ c`` (1 up to rounding), every measure by sector at ``x₀``
(:func:`~iocluster.scenarios.results.sector_values`) with its total and scale, the
measures' coefficient rows, the weights of the price level and the service sectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray
from iocluster.model.sectors import service_sectors
from iocluster.scenarios.base import Base
from iocluster.scenarios.prices import baseline_prices
from iocluster.scenarios.results import coefficient_rows, measure_matrix
from iocluster.table import IOTable

__all__ = ["Baseline", "Levels"]


@dataclass(frozen=True, eq=False)
class Levels:
    """The baseline of every measure: values by sector (M × n), totals and their scale
    (M: the sum of absolute values, for rounding noise)."""

    names: list[str]
    V0: FloatArray
    tot0: FloatArray
    scale: FloatArray

    @classmethod
    def of(cls, base: Base, x0: FloatArray) -> Levels:
        """The levels at the model's baseline output ``x0``."""
        names, V0, extra = measure_matrix(base, None, x0)
        return cls(names, V0, V0.sum(axis=1) + extra, np.abs(V0).sum(axis=1))


@dataclass(frozen=True, eq=False)
class Baseline:
    """What every scenario of a table is measured against (module docstring): ``y0``
    domestic final demand by product, ``x0``, ``p0``, ``levels``, ``R0`` the coefficient
    rows of the measures that have one (Mr × n), ``weights`` of the price level
    (baseline domestic final demand) and ``services`` (:func:`service_sectors`)."""

    y0: FloatArray
    x0: FloatArray
    p0: FloatArray
    levels: Levels
    R0: FloatArray
    weights: FloatArray
    services: list[int]

    @classmethod
    def of(cls, table: IOTable) -> Baseline:
        """The baseline of ``table``, made once per table."""
        return table.derived("scenarios.baseline", cls._make)

    @classmethod
    def _make(cls, table: IOTable) -> Baseline:
        base = Base.of(table)
        x0 = base.x_model
        y0 = base.y.sum(axis=1)
        n = table.n
        for arr in (x0, y0):
            arr.flags.writeable = False
        return cls(
            y0=y0,
            x0=x0,
            p0=baseline_prices(base, table.leontief),
            levels=Levels.of(base, x0),
            R0=coefficient_rows(base, None),
            weights=y0 / y0.sum() if y0.sum() else np.full(n, 1.0 / n),
            services=service_sectors(table),
        )
