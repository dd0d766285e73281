"""Cost-push prices: the Leontief price model (Miller & Blair 2009, §2.6).

With ``c`` the costs per unit of output other than domestic intermediate inputs (value
added, imported inputs at unchanged prices, other costs), prices solve

.. math:: p = A^\\top p + c \\quad\\Longleftrightarrow\\quad (I - A)^\\top p = c,

so the baseline is ``p = 1``. A change of unit value added changes ``c``; a product
whose price is set exogenously (``p_s = \\bar p_s``, e.g. logistics 10 % cheaper) has its
column of ``A`` removed and ``c_s = \\bar p_s`` (M&B §2.6.3, exogenous prices), so
``p_s = \\bar p_s`` and every other price follows. Scenario coefficient changes enter
through ``A'``; all solves use the base factorisation (:mod:`iocluster.core.woodbury`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from iocluster.core.engine import FloatArray, LeontiefSystem
from iocluster.core.woodbury import LowRank, solve_updated_transposed
from iocluster.scenarios.apply import AppliedScenario, Base
from iocluster.scenarios.price_system import price_update

__all__ = ["baseline_prices", "scenario_prices", "unit_costs"]


class _Costs(Protocol):
    @property
    def va(self) -> FloatArray: ...
    @property
    def m(self) -> FloatArray: ...
    @property
    def other(self) -> FloatArray: ...


def unit_costs(s: _Costs) -> FloatArray:
    """``c = 1ᵀV + m + other`` per unit of output: the costs other than domestic inputs,
    of the baseline (:class:`Base`) or of a scenario (:class:`AppliedScenario`)."""
    return np.asarray(s.va.sum(axis=0) + s.m + s.other)


def _price_update(base: Base, a: AppliedScenario) -> tuple[LowRank | None, FloatArray]:
    U, V = a.low_rank()
    return price_update(base.A, U, V, unit_costs(a), a.price_fixed)


def baseline_prices(base: Base, system: LeontiefSystem) -> FloatArray:
    """Baseline prices (one by construction, up to rounding)."""
    return system.solve_transposed(unit_costs(base))


def scenario_prices(
    base: Base,
    applied: Sequence[AppliedScenario],
    system: LeontiefSystem,
    p0: FloatArray | None = None,
) -> list[FloatArray]:
    """Prices ``p'`` of each applied scenario, in one batched transposed solve.

    Given the baseline prices ``p0``, a scenario that changes neither ``A`` nor the
    costs ``c`` (final demand alone) has ``p' = p0`` and is not solved again.

    Examples
    --------
    Miller & Blair (2009) Table 2.3 economy: sector 1's price fixed 10 % higher raises
    sector 2's price by ``0.1·a₁₂ / (1 − a₂₂) = 0.1·0.25/0.95``:

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.scenarios import run
    >>> t = miller_blair_2_3()
    >>> doc = {"scenario": [{"name": "p", "shock": [
    ...     {"kind": "prices", "sectors": ["S1"], "target": "price", "change": 10}]}]}
    >>> res = run.run_document(t, doc)
    >>> float(res.prices.loc["S2", "scenario"].round(6)), round(1 + 0.1 * 0.25 / 0.95, 6)
    (1.026316, 1.026316)
    """
    pairs = [_price_update(base, a) for a in applied]
    c0 = unit_costs(base)
    same = [p0 is not None and u is None and np.array_equal(c, c0) for u, c in pairs]
    todo = [i for i, s in enumerate(same) if not s]
    solved = iter(solve_updated_transposed(
        system, [pairs[i][0] for i in todo], [pairs[i][1] for i in todo],
        names=[applied[i].name for i in todo],
    ))  # fmt: skip
    return [p0 if s and p0 is not None else next(solved) for s in same]
