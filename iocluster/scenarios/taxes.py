"""The tax schedule of a scenario file: every tax and subsidy instrument's rate by sector.

Sources, in order:

1. the table's own *other net taxes on production* (a value-added row of role
   ``taxes_production``, or one whose name says taxes on production, e.g. the 2022
   Uzbekistan table's remainder of gross value added), as the effective rate per unit
   of output ``τⱼ = tⱼ / xⱼ`` — instrument :data:`TABLE_INSTRUMENT`;
2. the scenario's tax file (:mod:`iocluster.io.taxes`), resolved against the table:
   ``*`` for every sector, codes, prefixes, names and clusters. An ``amount`` becomes
   the rate ``amount / Σ base`` over the sectors of its row (one rate for the group).
   A later row overrides an earlier one for the sectors they share (so ``*`` first, then
   exceptions); the same sector and instrument twice is an error.

Instruments of the file with base ``output`` or ``value_added`` are taxes on production:
they are taken as *parts* of the table's other net taxes on production, whose remainder
(the table's rate less the file's net rates, per sector) stays the table instrument, so
nothing is counted twice. Taxes on products (base ``consumption``: domestic final
consumption, exports zero-rated), on compensation and on operating surplus are not in
the 2022 Uzbekistan table at all; they come from the file only.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning, ScenarioError
from iocluster.io.taxes import TaxRecord
from iocluster.scenarios.problems import at
from iocluster.table import NOT_VALUE_ADDED, IOTable

__all__ = [
    "CONSUMPTION_ROLES",
    "TABLE_INSTRUMENT",
    "Instrument",
    "TaxSchedule",
    "production_tax_row",
    "tax_bases",
    "tax_schedule",
]

TABLE_INSTRUMENT = "table_net_taxes_on_production"
#: final-demand roles whose purchases a consumption tax falls on (exports zero-rated)
CONSUMPTION_ROLES = ("household", "government", "npish")


@dataclass(frozen=True, eq=False)
class Instrument:
    """One tax or subsidy: its base, kind (``tax`` or ``subsidy``) and rate by sector
    (a share of the base)."""

    name: str
    base: str
    kind: str
    rates: FloatArray
    source: Message | str

    @property
    def sign(self) -> float:
        """+1 for a tax, −1 for a subsidy (net taxes = taxes − subsidies)."""
        return 1.0 if self.kind == "tax" else -1.0


@dataclass(frozen=True, eq=False)
class TaxSchedule:
    """Every instrument of a scenario file, resolved against one table."""

    instruments: tuple[Instrument, ...]
    source: str = ""
    notes: tuple[Message | str, ...] = ()

    def get(self, name: str) -> Instrument | None:
        """The instrument called ``name`` (case-insensitive), or None."""
        key = name.strip().lower()
        return next((i for i in self.instruments if i.name.lower() == key), None)

    @property
    def names(self) -> list[str]:
        """Instrument names, in order."""
        return [i.name for i in self.instruments]

    def with_instrument(self, inst: Instrument) -> TaxSchedule:
        """The schedule with ``inst`` added."""
        return TaxSchedule((*self.instruments, inst), self.source, self.notes)


def production_tax_row(table: IOTable) -> int | None:
    """Position (in ``table.va_roles``) of the table's net taxes on production: the row
    of role ``taxes_production``, else a value-added row whose name says taxes on
    production (``other_net_taxes_on_production``, "налоги на производство")."""
    roles, names = table.va_roles, table.va_names
    for i, r in enumerate(roles):
        if r == "taxes_production":
            return i
    for i, (r, nm) in enumerate(zip(roles, names, strict=True)):
        low = " ".join(nm.lower().replace("_", " ").split())
        on_products = "on products" in low or "на продукты" in low or "mahsulot" in low
        if r not in NOT_VALUE_ADDED and not on_products:
            if "tax" in low or "налог" in low or "soliq" in low:
                return i
    return None


def tax_bases(table: IOTable) -> dict[str, FloatArray]:
    """Baseline bases by sector: output, value added, compensation, operating surplus
    (table rows of those roles) and domestic final consumption of the product
    (domestic and imported purchases of :data:`CONSUMPTION_ROLES`)."""
    x = np.asarray(table.x, dtype=float)
    V = np.asarray(table.V, dtype=float)
    roles = table.va_roles
    va = sum((V[i] for i, r in enumerate(roles) if r not in NOT_VALUE_ADDED), np.zeros(table.n))
    d = table.domestic()
    cats = [k for k, r in enumerate(table.fd_roles) if r in CONSUMPTION_ROLES]
    cons = np.asarray(d.Y)[:, cats].sum(axis=1)
    if d.Ym is not None:
        cons = cons + np.asarray(d.Ym)[:, cats].sum(axis=1)
    return {
        "output": x,
        "value_added": np.asarray(va, dtype=float),
        "compensation": sum(
            (V[i] for i, r in enumerate(roles) if r == "compensation"), np.zeros(table.n)
        ),
        "operating_surplus": sum(
            (V[i] for i, r in enumerate(roles) if r == "operating_surplus"), np.zeros(table.n)
        ),
        "consumption": cons,
    }


def _per_output(inst: Instrument, bases: dict[str, FloatArray]) -> FloatArray:
    """The instrument's net tax per unit of output (production taxes only)."""
    x = bases["output"]
    inv = np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), 0.0)
    return inst.sign * inst.rates * bases[inst.base] * inv


def tax_schedule(
    table: IOTable,
    records: Sequence[TaxRecord],
    select: Callable[[str, str], Sequence[int]],
    source: str = "",
) -> TaxSchedule:
    """Resolve ``records`` against ``table`` (``select(name, where)``: sector positions
    of a code, prefix, name or cluster) and add the table's own instrument."""
    n = table.n
    bases = tax_bases(table)
    found: dict[str, tuple[str, str, FloatArray, list[str]]] = {}
    for rec in records:
        idx = list(range(n)) if rec.sector.strip() == "*" else list(select(rec.sector, rec.where))
        key = rec.instrument.lower()
        if key == TABLE_INSTRUMENT:
            raise ScenarioError(
                at(rec.where, Message("policy.own_instrument", name=rec.instrument))
            )
        base, kind, rates, src = found.setdefault(key, (rec.base, rec.kind, np.zeros(n), []))
        if (base, kind) != (rec.base, rec.kind):
            said = Message(
                "policy.instrument_changes", name=rec.instrument, kind=kind, base=base,
                kind_here=rec.kind, base_here=rec.base,
            )  # fmt: skip
            raise ScenarioError(at(rec.where, said))
        if np.isnan(rec.rate):
            total = float(bases[rec.base][idx].sum())
            if total <= 0:
                said = Message("policy.amount_needs_base", base=rec.base, sector=rec.sector)
                raise ScenarioError(at(rec.where, said))
            rates[idx] = rec.amount / total
        else:
            rates[idx] = rec.rate
        if rec.source and rec.source not in src:
            src.append(rec.source)
    names = {r.instrument.lower(): r.instrument for r in records}
    insts = [
        Instrument(names[k], b, kd, r, "; ".join(s) or Message("policy.source.tax_file"))
        for k, (b, kd, r, s) in found.items()
    ]
    row = production_tax_row(table)
    notes: list[Message | str] = []
    if row is not None:
        x = bases["output"]
        inv = np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), 0.0)
        table_rate = np.asarray(table.V, dtype=float)[row] * inv
        file_part = sum(
            (_per_output(i, bases) for i in insts if i.base in ("output", "value_added")),
            np.zeros(n),
        )
        over = np.flatnonzero((table_rate - file_part < -1e-12) & np.any(file_part))
        if over.size:
            listed = ", ".join(table.codes[i] for i in over[:8]) + (" …" if over.size > 8 else "")
            notes.append(Message("policy.tax_over", n=int(over.size), sectors=listed))
            warnings.warn(AssumptionWarning(notes[-1]), stacklevel=2)
        insts.insert(
            0,
            Instrument(
                TABLE_INSTRUMENT,
                "output",
                "tax",
                table_rate - file_part,
                Message("policy.source.table_row_less", row=table.va_names[row])
                if np.any(file_part)
                else Message("policy.source.table_row", row=table.va_names[row]),
            ),
        )
    return TaxSchedule(tuple(insts), source, tuple(notes))
