"""Tax impacts and the fiscal balance of a scenario (IMPLAN's tax impact layout).

Revenue of instrument ``k`` is ``R_k = σ_k Σⱼ r_kj B_kj`` (``σ = +1`` for a tax, ``−1``
for a subsidy): rates ``r`` times bases ``B`` — output ``x``, value added, compensation
and operating surplus (coefficient rows times output), or domestic final consumption
of the product (households, government, NPISH; exports zero-rated). Between the
baseline (``r₀``, ``b₀``, ``x₀``) and the scenario (``r₁``, ``b₁``, ``x̄₁ = x₁ + Δx_induced``)

.. math::

    \\Delta R = \\underbrace{σ\\,(r_1 - r_0) \\cdot B_0}_{\\text{rate change}}
    + \\underbrace{σ\\,r_1 \\cdot (b_1 ∘ s + (b_1 - b_0) ∘ x_0)}_{\\text{direct}}
    + \\underbrace{σ\\,r_1 \\cdot b_1 ∘ (Δx - s)}_{\\text{indirect}}
    + \\underbrace{σ\\,r_1 \\cdot b_1 ∘ Δx_{ind}}_{\\text{induced}}

exactly, with ``s = Δy + ΔA x₀`` the first-round impulse (the same split as the other
measures, :mod:`iocluster.scenarios.impacts`). The *rate change* term is the revenue lost
(or gained) at unchanged activity — the direct cost of a tax cut; the other three are
revenue from the activity the scenario induces, at the new rates. For a consumption
tax the direct term is the change in consumption demand of the scenario's shocks and
the induced term the closed model's household spending on domestic products,
``h_c ΔI`` with ``ΔI`` the change in household income (Miller & Blair 2009, §6.2).

Fiscal balance: ``revenue_lost = −Σ rate change``, ``revenue_from_activity = Σ (direct
+ indirect + induced)``, ``net_cost = revenue_lost − revenue_from_activity = −ΔR``. With
a phasing ``(year, φ)`` the balance of a year is the annual balance times φ (the model
is static; first-order in φ).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import Text
from iocluster.model.closure import ClosedModel
from iocluster.scenarios.apply import AppliedScenario, Base
from iocluster.scenarios.kinds import TaxShock
from iocluster.scenarios.problems import semicolons
from iocluster.scenarios.taxes import CONSUMPTION_ROLES, Instrument, TaxSchedule
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["FISCAL_COLUMNS", "TAX_COLUMNS", "fiscal_assumptions", "fiscal_frames"]

TAX_COLUMNS = ["baseline", "rate_change", "direct", "indirect", "induced", "total"]
FISCAL_COLUMNS = ["baseline_revenue", "revenue_lost", "revenue_from_activity", "net_cost"]
TOTAL = "total"
ANNUAL = "annual"


def _per_output(base: Base, inst: Instrument, va: FloatArray) -> FloatArray:
    """Base per unit of output at value-added coefficients ``va``."""
    if inst.base == "output":
        return np.ones(base.table.n)
    if inst.base == "value_added":
        return np.asarray(va.sum(axis=0))
    if inst.base == "compensation":
        return np.asarray(va[base.comp_rows].sum(axis=0))
    os_row = base.tax_rows[1]
    return np.zeros(base.table.n) if os_row is None else np.asarray(va[os_row])


def _consumption(base: Base, y: FloatArray, ym: FloatArray) -> FloatArray:
    cats = [k for k, r in enumerate(base.table.fd_roles) if r in CONSUMPTION_ROLES]
    return np.asarray((y[:, cats] + ym[:, cats]).sum(axis=1))


def _instrument_row(
    base: Base,
    inst: Instrument,
    a: AppliedScenario,
    x0: FloatArray,
    x1: FloatArray,
    induced: FloatArray | None,
    hh_spending: FloatArray | None,
) -> list[float]:
    """``[baseline, rate_change, direct, indirect, induced, total]`` of one instrument."""
    sig = inst.sign
    r0 = inst.rates
    r1 = r0 + a.tax_delta.get(inst.name, np.zeros(r0.size))
    if inst.base == "consumption":
        c0 = _consumption(base, base.y, base.ym)
        c1 = _consumption(base, a.y, a.ym)
        baseline = sig * float(r0 @ c0)
        rate = sig * float((r1 - r0) @ c0)
        direct = sig * float(r1 @ (c1 - c0))
        indirect = 0.0
        ind = sig * float(r1 @ hh_spending) if hh_spending is not None else np.nan
    else:
        b0, b1 = _per_output(base, inst, base.va), _per_output(base, inst, a.va)
        U, V = a.low_rank()
        s = a.y.sum(axis=1) - base.y.sum(axis=1) + (U @ (V.T @ x0) if U.shape[1] else 0.0)
        baseline = sig * float(r0 @ (b0 * x0))
        rate = sig * float((r1 - r0) @ (b0 * x0))
        direct = sig * float(r1 @ (b1 * s + (b1 - b0) * x0))
        indirect = sig * float(r1 @ (b1 * (x1 - x0 - s)))
        ind = sig * float(r1 @ (b1 * induced)) if induced is not None else np.nan
    total = rate + direct + indirect + (0.0 if np.isnan(ind) else ind)
    return [baseline, rate, direct, indirect, ind, total]


def _household_spending(
    base: Base, a: AppliedScenario, x0: FloatArray, x1: FloatArray, induced: FloatArray,
    closed: ClosedModel,
) -> FloatArray:  # fmt: skip
    """Induced household spending on domestic products ``h_c ΔI``: ``ΔI`` the closed
    model's change in household income (income coefficients times output)."""
    inc0 = np.asarray(closed.household_row)
    inc1 = inc0 + (a.va - base.va)[base.comp_rows].sum(axis=0)
    dI = float(inc1 @ (x1 + induced) - inc0 @ x0)
    return np.asarray(closed.household_column) * dI


def _phasing(rs: ResolvedScenario) -> tuple[tuple[int, float], ...]:
    return next(
        (s.shock.phasing for s in rs.shocks if isinstance(s.shock, TaxShock) and s.shock.phasing),
        (),
    )


def fiscal_frames(
    base: Base,
    schedule: TaxSchedule,
    resolved: Sequence[ResolvedScenario],
    applied: Sequence[AppliedScenario],
    x0: FloatArray,
    x1: Sequence[FloatArray],
    induced: Sequence[FloatArray] | None,
    closed: ClosedModel | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(taxes, fiscal)``: revenue changes by scenario and instrument (columns
    :data:`TAX_COLUMNS`, a ``total`` row per scenario) and the fiscal balance by scenario
    and period (``annual``, then each year of the phasing; :data:`FISCAL_COLUMNS`)."""
    unit = base.table.meta.unit
    trows, tindex, frows, findex = [], [], [], []
    for k, (rs, a) in enumerate(zip(resolved, applied, strict=True)):
        ind = induced[k] if induced is not None else None
        spend = (
            _household_spending(base, a, x0, x1[k], ind, closed)
            if ind is not None and closed is not None
            else None
        )
        rows = [_instrument_row(base, i, a, x0, x1[k], ind, spend) for i in schedule.instruments]
        tot = np.nansum(np.array(rows), axis=0).tolist()
        if induced is None:
            tot[4] = np.nan
        for inst, r in zip(schedule.instruments, rows, strict=True):
            tindex.append((a.name, inst.name))
            trows.append(r)
        tindex.append((a.name, TOTAL))
        trows.append(tot)
        lost = -tot[1]
        activity = tot[2] + tot[3] + (0.0 if np.isnan(tot[4]) else tot[4])
        annual = [tot[0], lost, activity, lost - activity]
        findex.append((a.name, ANNUAL))
        frows.append(annual)
        for year, phi in _phasing(rs):
            findex.append((a.name, str(year)))
            frows.append([tot[0], phi * lost, phi * activity, phi * (lost - activity)])
    taxes = pd.DataFrame(
        trows,
        index=pd.MultiIndex.from_tuples(tindex, names=["scenario_name", "instrument"]),
        columns=TAX_COLUMNS,
    )
    fiscal = pd.DataFrame(
        frows,
        index=pd.MultiIndex.from_tuples(findex, names=["scenario_name", "period"]),
        columns=FISCAL_COLUMNS,
    )
    taxes.attrs["unit"] = fiscal.attrs["unit"] = unit
    return taxes, fiscal


def fiscal_assumptions(
    schedule: TaxSchedule, resolved: Sequence[ResolvedScenario]
) -> list[Message | str]:
    """The assumption sentences of the tax impacts."""
    shocks = [s.shock for rs in resolved for s in rs.shocks if isinstance(s.shock, TaxShock)]
    shares = sorted({s.pass_through.describe() for s in shocks}) or ["1"]
    eps = sorted(
        {
            r.param.describe()
            for rs in resolved
            for r in rs.responses
            if r.field == "export_elasticity"
        }
    ) or ["0"]
    items = _instrument_list(schedule)
    out: list[Message | str] = [
        Message("policy.tax_schedule_file", items=items, file=schedule.source)
        if schedule.source
        else Message("policy.tax_schedule", items=items),
        Message("policy.pass_through", shares=shares),
        Message("policy.export_elasticity", eps=eps),
        Message("policy.fiscal_balance", phasing="phasing"),
        *schedule.notes,
    ]
    return out


def _instrument_list(schedule: TaxSchedule) -> Text | str:
    """The instruments of the schedule sentence, "name (kind on base): source", joined
    by semicolons."""
    items = [
        Message(
            "policy.tax_item",
            name=i.name,
            kind=TAX_KINDS.get(i.kind, i.kind),
            base=TAX_BASES.get(i.base, i.base),
            source=i.source,
        )
        for i in schedule.instruments
    ]
    return semicolons(items)


#: A tax instrument's kind and base, in words (the tax schedule sentence).
TAX_KINDS = {"tax": Message("policy.kind.tax"), "subsidy": Message("policy.kind.subsidy")}
TAX_BASES = {
    "output": Message("policy.base.output"),
    "value_added": Message("policy.base.value_added"),
    "compensation": Message("policy.base.compensation"),
    "operating_surplus": Message("policy.base.operating_surplus"),
    "consumption": Message("policy.base.consumption"),
}
