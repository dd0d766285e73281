"""``prices``: cost-push price shock (Leontief price model, Miller & Blair 2009, §2.6).

``target = "value_added"``: unit value added of ``sectors`` changes by ``change``
percent (a change of their costs other than inputs). ``target = "price"``: the price of
``sectors``' products is set exogenously ``change`` percent higher (negative: cheaper).
Quantities do not change (the open model is a quantity model); the price results are in
:mod:`iocluster.scenarios.prices`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work

__all__ = ["PriceShock"]


@dataclass(frozen=True)
class PriceShock(Shock):
    """Cost-push price shock (module docstring)."""

    kind: ClassVar[str] = "prices"
    summary: ClassVar[str] = "prices set exogenously, or unit value added (cost push)"

    sectors: tuple[str, ...] = spec_field(
        (), value="sectors", required=True,
        meaning="Sectors whose price or unit value added changes",
    )  # fmt: skip
    target: Literal["value_added", "price"] = spec_field(
        "price", value="choice", choices=("price", "value_added"), default_text="price",
        meaning="price: the products' price set exogenously; value_added: unit value added "
        "changes (cost push)",
    )  # fmt: skip
    change: Param = spec_field(
        factory=Param, value="param", required=True, unit="%",
        meaning="Percent change (negative: cheaper)",
        lo=-100.0, range_text=Message("scenarios.range.change"),
    )  # fmt: skip

    def resolve(self, r: Resolver) -> Resolution:
        return Resolution(sets={"sectors": r.sectors("sectors", self.sectors)})

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        S = rs.sets["sectors"]
        ch = v["change"]
        if self.target == "value_added":
            w.arr("other")[:, S] += w.get("va")[:, :, S].sum(axis=1) * ch[:, None] / 100.0
            return
        for i in S.tolist():
            w.fixed[i] = w.fixed.get(i, np.ones(w.D)) * (1.0 + ch / 100.0)
