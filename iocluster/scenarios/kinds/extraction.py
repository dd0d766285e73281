"""``extraction``: hypothetical extraction (Miller & Blair 2009, §12.2).

With ``sectors``: their rows and columns of ``A`` are set to zero and, unless
``keep_final_demand``, their final demand too. With ``from`` and ``to``: the linkages
(coefficients) from the ``from`` suppliers to the ``to`` users are removed, and with
``both_directions`` those from ``to`` to ``from`` as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work

__all__ = ["ExtractionShock"]


@dataclass(frozen=True)
class ExtractionShock(Shock):
    """Hypothetical extraction of sectors or of linkages (module docstring)."""

    kind: ClassVar[str] = "extraction"
    summary: ClassVar[str] = "sectors or linkages removed (hypothetical extraction)"
    changes_inputs: ClassVar[bool] = True

    sectors: tuple[str, ...] = spec_field(
        (), value="sectors", default_text="none (give sectors, or from and to)",
        meaning="Sectors extracted: their rows and columns of A set to 0",
    )  # fmt: skip
    from_: tuple[str, ...] = spec_field(
        (), value="sectors", key="from", default_text="none (with to)",
        meaning="Suppliers whose linkages to the to group are removed",
    )  # fmt: skip
    to: tuple[str, ...] = spec_field(
        (), value="sectors", default_text="none (with from)",
        meaning="Users whose inputs from the from group are removed",
    )  # fmt: skip
    both_directions: bool = spec_field(
        False, value="bool", default_text="false",
        meaning="Also remove the linkages from to back to from",
    )  # fmt: skip
    keep_final_demand: bool = spec_field(
        False, value="bool", default_text="false",
        meaning="Keep the extracted sectors' final demand",
    )  # fmt: skip

    def resolve(self, r: Resolver) -> Resolution:
        r.require(
            not (self.sectors and (self.from_ or self.to)), "sectors",
            Message("scenarios.extraction_either", a="sectors", b="from", c="to"),
        )  # fmt: skip
        if self.sectors:
            return Resolution(sets={"sectors": r.sectors("sectors", self.sectors)})
        r.require(
            bool(self.from_ and self.to),
            "sectors",
            Message("scenarios.extraction_both", a="sectors", b="from", c="to"),
        )
        return Resolution(
            sets={"from": r.sectors("from", self.from_), "to": r.sectors("to", self.to)}
        )

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        if "sectors" in rs.sets:
            S = rs.sets["sectors"]
            for j in S.tolist():
                w.col(j)[:] = 0.0
            w.rows.update(S.tolist())
            if not self.keep_final_demand:
                w.arr("y")[:, S, :] = 0.0
            return
        G1, G2 = rs.sets["from"], rs.sets["to"]
        for j in G2.tolist():
            w.col(j)[:, G1] = 0.0
        if self.both_directions:
            for j in G1.tolist():
                w.col(j)[:, G2] = 0.0
