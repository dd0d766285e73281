"""``tax`` and ``subsidy``: a change of the rate of an instrument of the scenario file's
tax schedule (the tax file and the table's own net taxes on production) for ``sectors``.

``change``: percent of the current rate (``unit = "percent"``, −50 halves it) or
percentage points of the base (``unit = "points"``; an instrument the schedule lacks
starts from 0). A tax on output or value added changes the net tax per unit of output
``Δt = σ Δr b`` (``σ = −1`` for a subsidy, ``b`` the base per unit of output), of which
``pass_through`` (0–1, default 1) reaches unit costs and so prices (Leontief price
model); the rest changes the operating surplus. The table's tax row carries ``Δt`` where
it has one. ``export_elasticity`` is a behaviour of the sectors' export markets, not of
the shock: :mod:`iocluster.scenarios.apply` applies it once per sector to the scenario's
price change. ``phasing``: ``(year, share of the change in force)`` pairs for the fiscal
balance by year (:mod:`iocluster.scenarios.fiscal`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.problems import at, suggest
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.taxes import TABLE_INSTRUMENT, Instrument
from iocluster.scenarios.work import Values, Work, refuse

__all__ = ["SubsidyShock", "TaxShock"]


@dataclass(frozen=True)
class TaxShock(Shock):
    """A change of the rate of tax ``instrument`` for ``sectors`` (module docstring)."""

    kind: ClassVar[str] = "tax"
    summary: ClassVar[str] = "the rate of a tax of the tax schedule"

    sectors: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Sectors whose rate changes", required=True
    )
    instrument: str = spec_field(
        "", value="text", required=True, allowed_text="an instrument name", offers="instruments",
        meaning="The instrument of the tax file (or the table's "
        "table_net_taxes_on_production)",
    )  # fmt: skip
    change: Param = spec_field(
        factory=Param, value="param", required=True, unit="% of the rate or points",
        meaning="The change of the rate",
    )  # fmt: skip
    unit: Literal["percent", "points"] = spec_field(
        "percent", value="choice", choices=("percent", "points"), default_text="percent",
        meaning="percent: of the current rate (−50 halves it); points: percentage points of "
        "the base",
    )  # fmt: skip
    pass_through: Param = spec_field(
        factory=lambda: Param.fixed(1.0), value="param", default_text="1 (full)",
        unit="share", meaning="Share of the cost change passed on to prices",
        lo=0.0, hi=1.0, range_text=Message("scenarios.range.share"),
    )  # fmt: skip
    export_elasticity: Param | None = spec_field(
        None, value="param", behaviour=True, default_text="0 (fixed quantities)",
        meaning="Price elasticity of the sectors' exports (a behaviour of their export "
        "market: applied once per sector, however many shocks name it)",
        lo=-50.0, hi=0.0, range_text=Message("scenarios.range.elasticity"),
    )  # fmt: skip
    phasing: tuple[tuple[int, float], ...] = spec_field(
        (), value="phasing", in_sheet=False, default_text="all at once",
        allowed_text="{year = share in [0, 1]}",
        meaning="Share of the change in force by year (TOML files only)",
    )  # fmt: skip

    def is_linear(self) -> bool:
        return self.unit == "points"

    def resolve(self, r: Resolver) -> Resolution:
        S = r.sectors("sectors", self.sectors)
        if self.unit == "percent":
            r.check(self.change, "change", -100.0, None, Message("scenarios.range.rate_change"))
        ctx = r.file
        inst = ctx.schedule.get(self.instrument)
        if inst is None:
            names = ctx.schedule.names
            r.require(
                self.unit == "points", "instrument",
                lambda: Message(
                    "scenarios.no_instrument", name=self.instrument,
                    names=names or Message("scenarios.empty"),
                    hint=suggest(self.instrument, names), syntax='taxes = "file.csv"',
                ),
            )  # fmt: skip
            zero = np.zeros(r.table.n)
            ctx.schedule = ctx.schedule.with_instrument(
                Instrument(self.instrument, "output", self.kind, zero, Message("policy.source.new"))
            )
            return Resolution(sets={"sectors": S})
        r.require(
            inst.kind == self.kind or inst.name == TABLE_INSTRUMENT, "instrument",
            Message("scenarios.instrument_kind", name=inst.name, kind=inst.kind),
        )  # fmt: skip
        r.require(
            not (self.kind == "subsidy" and inst.name == TABLE_INSTRUMENT), "instrument",
            Message("scenarios.instrument_table", name=inst.name, tax="tax"),
        )  # fmt: skip
        if self.unit == "percent" and not np.any(inst.rates[S]):
            raise r.error(
                "change",
                Message("scenarios.rate_zero", name=inst.name, syntax='unit = "points"'),
            )
        return Resolution(sets={"sectors": S})

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        assert w.schedule is not None  # validate builds it for every tax shock
        inst = w.schedule.get(self.instrument)
        assert inst is not None
        S = rs.sets["sectors"]
        ch = v["change"]
        delta = w.tax(inst.name)
        r0 = inst.rates[S][None, :] + delta[:, S]
        dr = (
            r0 * ch[:, None] / 100.0
            if self.unit == "percent"
            else np.repeat(ch[:, None] / 100.0, S.size, 1)
        )
        if inst.name != TABLE_INSTRUMENT:
            refuse(
                (r0 + dr < -1e-12).any(axis=1),
                lambda d: at(
                    rs.where("change"), Message("scenarios.rate_negative", points=float(ch[d]))
                ),
            )
        delta[:, S] += dr
        if inst.base not in ("output", "value_added"):
            return  # a tax on consumption or incomes changes revenue, not basic prices
        per_unit = 1.0 if inst.base == "output" else w.get("va")[:, :, S].sum(axis=1)
        dt = inst.sign * dr * per_unit
        share = v["pass_through"][:, None]
        tax_row, os_row = w.b.tax_rows
        if tax_row is None:
            w.arr("other")[:, S] += dt
        else:
            w.arr("va")[:, tax_row, S] += dt
        if os_row is None:
            w.arr("other")[:, S] -= (1.0 - share) * dt
        else:
            w.arr("va")[:, os_row, S] -= (1.0 - share) * dt


@dataclass(frozen=True)
class SubsidyShock(TaxShock):
    """A change of the rate of subsidy ``instrument`` (as :class:`TaxShock`; a higher
    subsidy lowers costs and revenue)."""

    kind: ClassVar[str] = "subsidy"
    summary: ClassVar[str] = "the rate of a subsidy of the tax schedule"
