"""``import_substitution``: a share θ of the imported ``products`` used by ``users``
(sectors) or by final-demand ``categories`` is supplied domestically instead.

For a using sector ``j``: ``Δaᵢⱼ = θ aᵐᵢⱼ`` moves from the imported to the domestic
coefficients of the products ``i`` (its imported-input coefficient falls by the same
amount); for a category ``c``: ``Δyᵢ꜀ = θ yᵐᵢ꜀`` moves from imported to domestic final
demand. Needs imports by product and user (an import-use matrix, or a total-use table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work

__all__ = ["ImportSubstitutionShock"]


@dataclass(frozen=True)
class ImportSubstitutionShock(Shock):
    """A share of imported ``products`` supplied at home instead (module docstring)."""

    kind: ClassVar[str] = "import_substitution"
    summary: ClassVar[str] = "imported inputs or final demand supplied at home instead"
    changes_inputs: ClassVar[bool] = True

    products: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Imported products partly bought at home instead",
        required=True,
    )  # fmt: skip
    users: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Sectors whose imported inputs are substituted",
        default_text="none (give users and/or categories)",
    )  # fmt: skip
    categories: tuple[str, ...] = spec_field(
        (), value="categories",
        meaning="Final-demand categories whose imports are substituted",
        allowed_text="roles or category names", default_text="none",
    )  # fmt: skip
    share: Param = spec_field(
        factory=Param, value="param", required=True, unit="share",
        meaning="Share θ of those imports now supplied at home",
        lo=0.0, hi=1.0, range_text=Message("scenarios.range.share_theta"),
    )  # fmt: skip

    def resolve(self, r: Resolver) -> Resolution:
        sets = {"products": r.sectors("products", self.products)}
        r.require(
            bool(self.users or self.categories), "users",
            Message("scenarios.users_or_categories", a="users", b="categories"),
        )  # fmt: skip
        if self.users:
            sets["users"] = r.sectors("users", self.users)
        cats = r.categories("categories", self.categories) if self.categories else ()
        r.require(
            r.table.domestic().Zm is not None, "products",
            Message("scenarios.no_import_use"),
        )  # fmt: skip
        return Resolution(sets=sets, categories=cats)

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        P = rs.sets["products"]
        theta = v["share"]
        th = theta[:, None]
        for j in rs.sets.get("users", np.array([], dtype=np.intp)).tolist():
            am = w.amcol(j)
            moved = th * am[:, P]
            am[:, P] -= moved
            w.col(j)[:, P] += moved
            m = w.arr("m")
            m[:, j] = np.maximum(m[:, j] - moved.sum(axis=1), 0.0)
        if rs.categories:
            c = np.asarray(rs.categories, dtype=np.intp)
            ix = (slice(None), P[:, None], c[None, :])
            ym, y = w.arr("ym"), w.arr("y")
            moved2 = theta[:, None, None] * ym[ix]
            ym[ix] -= moved2
            y[ix] += moved2
