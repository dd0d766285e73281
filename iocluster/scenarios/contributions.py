"""What each shock of a scenario contributes to its total change.

Each shock is run alone against the baseline (one at a time, the others absent); the
*interaction* row is the scenario's change less the sum of the one-at-a-time changes, so
the parts add up to the scenario's total exactly. Final-demand shocks are linear in the
open model (``Δx = L Δy``), so a scenario of final-demand shocks only has no interaction
(up to rounding); coefficient changes interact with everything else (``Δx = L'y₁ − L y₀``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from iocluster.model.closure import Closure
from iocluster.scenarios.apply import Base
from iocluster.scenarios.impacts import compute_impacts
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.validate import ResolvedScenario, ResolvedShock

__all__ = ["INTERACTION", "TOTAL", "shock_contributions", "shock_label"]

#: Row labels of the interaction remainder and of the scenario's total change.
INTERACTION = "interaction"
TOTAL = "total"


def shock_label(rsh: ResolvedShock) -> str:
    """``"shock 2 (final_demand): textile exports"`` — index, kind and the shock's note."""
    return rsh.label()


def shock_contributions(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    totals: pd.DataFrame,
    *,
    closure: Closure | None = None,
) -> pd.DataFrame:
    """Change of every measure by shock: rows ``(scenario_name, shock)`` — each shock
    alone, the interaction, the total — and one column per measure of ``totals``.

    Parameters
    ----------
    totals
        The scenarios' totals (:attr:`ImpactResults.totals`); their ``change`` is the
        total each scenario's parts add up to.
    """
    singles = [rs.alone(k) for rs in resolved for k in range(len(rs.shocks))]
    alone = compute_impacts(base.table, singles, {}, closure=closure, base=base).totals
    measures = list(dict.fromkeys(totals.index.get_level_values("measure")))
    change = totals["change"].unstack("measure")[measures]
    scale = totals["baseline"].abs().unstack("measure")[measures]
    one = alone["change"].unstack("measure")[measures]
    rows, index = [], []
    for rs in resolved:
        parts = [one.loc[f"{rs.name}\x00{k}"] for k in range(len(rs.shocks))]
        total = change.loc[rs.name]
        for rsh, part in zip(rs.shocks, parts, strict=True):
            index.append((rs.name, shock_label(rsh)))
            rows.append(part)
        index += [(rs.name, INTERACTION), (rs.name, TOTAL)]
        rest = total - sum(parts)
        cleaned = zero_noise(rest.to_numpy(dtype=float), scale.loc[rs.name].to_numpy(dtype=float))
        rows += [pd.Series(cleaned, index=rest.index), total]
    out = pd.DataFrame(
        rows, index=pd.MultiIndex.from_tuples(index, names=["scenario_name", "shock"])
    )[measures]
    out.attrs["unit"] = totals.attrs.get("unit", "")
    return out
