"""``final_demand``: change of final demand ``category`` (a role or a name) for
``sectors``.

``unit``: ``percent`` (domestic and imported supply scaled alike) or ``absolute`` (table
units); ``mode``: ``per_cell`` (each sector) or ``distribute`` (the total over the
sectors, spread in proportion to the category's demand, equally where it is zero). An
absolute change in a category other than exports is split into domestic and imported
supply by the product's import share μ (the import rule); exports are domestic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.problems import at
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work, refuse

__all__ = ["CATEGORY_ROLES", "FinalDemandShock"]

#: Final-demand roles a shock may name (besides the table's category names).
CATEGORY_ROLES = (
    "exports", "household", "government", "npish", "investment", "inventories", "interregional",
)  # fmt: skip


@dataclass(frozen=True)
class FinalDemandShock(Shock):
    """Change of final demand for ``sectors`` (module docstring)."""

    kind: ClassVar[str] = "final_demand"
    summary: ClassVar[str] = "final demand of a category for sectors"

    sectors: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Sectors whose final demand changes", required=True
    )
    category: str = spec_field(
        "exports", value="text", meaning="The final demand that changes", required=True,
        offers="categories",
        allowed_text=f"a role ({', '.join(CATEGORY_ROLES)}) or a category name of the table",
        why_required=Message("scenarios.why.category", roles=CATEGORY_ROLES),
    )  # fmt: skip
    change: Param = spec_field(
        factory=Param, value="param", meaning="The change", required=True,
        unit="% or table units (unit)",
    )  # fmt: skip
    unit: Literal["percent", "absolute"] = spec_field(
        "percent", value="choice", choices=("percent", "absolute"), meaning="Unit of change",
        allowed_text="percent, absolute (table units)", default_text="percent",
    )  # fmt: skip
    mode: Literal["per_cell", "distribute"] = spec_field(
        "per_cell", value="choice", choices=("per_cell", "distribute"),
        meaning="Each sector, or the total spread in proportion to the category's demand",
        default_text="per_cell",
    )  # fmt: skip

    def is_linear(self) -> bool:
        return self.unit == "absolute"

    def resolve(self, r: Resolver) -> Resolution:
        S = r.sectors("sectors", self.sectors)
        cats = r.categories("category", [self.category])
        if self.unit == "percent":
            r.check(self.change, "change", -100.0, None, Message("scenarios.range.change"))
        return Resolution(sets={"sectors": S}, categories=cats)

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        S, c = rs.sets["sectors"], np.asarray(rs.categories, dtype=np.intp)
        ix = (slice(None), S[:, None], c[None, :])
        y, ym = w.arr("y"), w.arr("ym")
        val = v["change"]
        v3 = val[:, None, None]
        if self.unit == "percent":
            y[ix] *= 1.0 + v3 / 100.0
            ym[ix] *= 1.0 + v3 / 100.0
            return
        tot = y[ix] + ym[ix]
        if self.mode == "distribute":
            grand = tot.sum(axis=(1, 2))[:, None, None]
            add = v3 * np.where(grand > 0, tot / np.where(grand > 0, grand, 1.0), 1.0 / tot[0].size)
        else:
            rowsum = tot.sum(axis=2, keepdims=True)
            add = v3 * np.where(rowsum > 0, tot / np.where(rowsum > 0, rowsum, 1.0), 1.0 / len(c))
        dom = np.where(w.b.export_cats[c][None, :], 1.0, 1.0 - w.b.mu[S][:, None])
        y[ix] += add * dom
        ym[ix] += add * (1.0 - dom)
        refuse(
            np.any(y[ix] + ym[ix] < -1e-9 * np.maximum(1.0, np.abs(v3)), axis=(1, 2)),
            lambda d: at(
                rs.where("change"), Message("scenarios.demand_negative", value=float(val[d]))
            ),
        )
