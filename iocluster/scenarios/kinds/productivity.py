"""``productivity``: employment (satellite) or value-added coefficients of ``sectors``
change by ``change`` percent; with ``productivity = true`` the change is read as the
percent change of productivity (output per unit), i.e. the coefficient is divided by
``1 + change/100``. ``target``: ``employment`` (every satellite row, or the one named by
``satellite``) or ``value_added``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from iocluster.core.labels import normalize_label
from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.problems import suggest
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import Values, Work

__all__ = ["ProductivityShock"]


@dataclass(frozen=True)
class ProductivityShock(Shock):
    """Employment or value-added coefficients of ``sectors`` change (module docstring)."""

    kind: ClassVar[str] = "productivity"
    summary: ClassVar[str] = "jobs or value added per unit of output"

    sectors: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Sectors whose coefficients change", required=True
    )
    target: Literal["employment", "value_added"] = spec_field(
        "employment", value="choice", choices=("employment", "value_added"),
        meaning="Which coefficients: jobs per unit of output or value added per unit",
        default_text="employment",
    )  # fmt: skip
    change: Param = spec_field(
        factory=Param, value="param", required=True, unit="%",
        meaning="Percent change of the coefficient (or of productivity)",
        lo=-100.0 + 1e-9, range_text=Message("scenarios.range.change"),
    )  # fmt: skip
    productivity: bool = spec_field(
        False, value="bool", default_text="false",
        meaning="Read change as productivity: coefficient ÷ (1 + change/100)",
    )  # fmt: skip
    satellite: str = spec_field(
        "", value="text", meaning="The employment row changed", offers="satellites",
        allowed_text="a satellite row name", default_text="every satellite row",
    )  # fmt: skip

    def resolve(self, r: Resolver) -> Resolution:
        S = r.sectors("sectors", self.sectors)
        sats: tuple[int, ...] = ()
        if self.target == "employment":
            names = r.table.satellite_names
            if self.satellite:
                key = normalize_label(self.satellite).lower()
                sats = tuple(j for j, n in enumerate(names) if normalize_label(n).lower() == key)
                r.require(
                    bool(sats), "satellite",
                    lambda: Message(
                        "scenarios.unknown_satellite", row=self.satellite,
                        hint=suggest(self.satellite, names),
                    ),
                )  # fmt: skip
            else:
                sats = tuple(range(len(names)))
            r.require(bool(sats), "target", Message("scenarios.no_employment_rows"))
        return Resolution(sets={"sectors": S}, satellites=sats)

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        S = rs.sets["sectors"]
        ch = v["change"]
        factor = 1.0 / (1.0 + ch / 100.0) if self.productivity else 1.0 + ch / 100.0
        if self.target == "employment":
            sats = np.asarray(rs.satellites, dtype=np.intp)
            w.arr("f")[:, sats[:, None], S[None, :]] *= factor[:, None, None]
        else:
            w.arr("va")[:, :, S] *= factor[:, None, None]
