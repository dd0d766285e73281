"""``investment``: an investment programme, ``amount`` (table units) of gross fixed
capital formation in ``asset``, spread over the supplying products by the bridge matrix
(asset × product, :mod:`iocluster.scenarios.investment`) and split into domestic and
imported supply by the import rule: product ``i`` gets ``amount · Bᵢₐ`` of demand, of which
``(1 − μᵢ)`` is domestic final demand for investment and ``μᵢ`` leaks abroad (imports).
On an interregional table the programme is one region's (``region``, required): its
investment column and the bridge derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.investment import ASSET_TYPES, investment_category
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.region_refs import region_position
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work

__all__ = ["InvestmentShock"]


@dataclass(frozen=True)
class InvestmentShock(Shock):
    """An investment programme (module docstring)."""

    kind: ClassVar[str] = "investment"
    summary: ClassVar[str] = "capital formation by asset type, spread over products"

    asset: str = spec_field(
        "", value="choice", choices=ASSET_TYPES, required=True, meaning="Asset type bought",
        why_required=Message("scenarios.why.asset", types=ASSET_TYPES),
    )  # fmt: skip
    amount: Param = spec_field(
        factory=Param, value="param", required=True, unit="table units",
        meaning="Amount of capital formation in table units, spread over products by the "
        "bridge and split into domestic and imported supply",
        lo=0.0, range_text=Message("scenarios.range.amounts"),
    )  # fmt: skip

    def is_linear(self) -> bool:
        return True

    def resolve(self, r: Resolver) -> Resolution:
        region = None
        if is_interregional(r.table):
            r.require(
                bool(self.region), "region",
                Message("scenarios.investment_region"),
            )  # fmt: skip
        if self.region:
            region = region_position(r.table, self.region, r.where("region"))
        try:
            cat = investment_category(r.table, region)
        except ScenarioError as exc:  # said without the shock's location
            raise r.error("asset", exc.message) from None
        col = r.file.bridge(cat)[self.asset].to_numpy()
        r.require(
            bool(np.all(np.isfinite(col))), "asset",
            Message("scenarios.no_asset", asset=self.asset, syntax='bridge = "file.csv"'),
        )  # fmt: skip
        return Resolution(categories=(cat,), data={"bridge": col})

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        amount = v["amount"]
        total = amount[:, None] * rs.data["bridge"][None, :]
        dom = total * (1.0 - w.b.mu)[None, :]
        imp = total - dom
        cat = rs.categories[0]
        w.arr("y")[:, :, cat] += dom
        w.arr("ym")[:, :, cat] += imp
        w.investment.append((self.asset, amount, dom, imp))
