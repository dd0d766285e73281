"""What each shock of a scenario contributes to its total change.

Each shock is run alone against the baseline (one at a time, the others absent); the
*interaction* row is the scenario's change less the sum of the one-at-a-time changes, so
the parts add up to the scenario's total exactly. Final-demand shocks are linear in the
open model (``Δx = L Δy``), so a scenario of final-demand shocks only has no interaction
(up to rounding); coefficient changes interact with everything else (``Δx = L'y₁ − L y₀``).

A shock alone is a scenario of one shock: :func:`shocks_alone` lists them and
:func:`iocluster.scenarios.solves.solve_run` solves them in the same batch as the
scenarios; a scenario of one shock is its own shock alone (solved once).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.scenarios.frames import labels as labels_of
from iocluster.scenarios.frames import multi_index
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.validate import ResolvedScenario, ResolvedShock

__all__ = ["INTERACTION", "TOTAL", "by_shock_frame", "shock_label", "shocks_alone"]

#: Row labels of the interaction remainder and of the scenario's total change.
INTERACTION = "interaction"
TOTAL = "total"

#: ``(scenario position, shock position, the scenario of that shock alone)``
Alone = tuple[int, int, ResolvedScenario]


def shock_label(rsh: ResolvedShock) -> str:
    """``"shock 2 (final_demand): textile exports"`` — index, kind and the shock's note."""
    return rsh.label()


def shocks_alone(resolved: Sequence[ResolvedScenario]) -> list[Alone]:
    """Each shock of every scenario of two or more shocks, as a scenario of its own
    (:meth:`ResolvedScenario.alone`)."""
    return [
        (i, k, rs.alone(k))
        for i, rs in enumerate(resolved)
        if len(rs.shocks) > 1
        for k in range(len(rs.shocks))
    ]


def by_shock_frame(
    resolved: Sequence[ResolvedScenario],
    alone: Sequence[Alone],
    totals: FloatArray,
    alone_change: FloatArray,
    measures: Sequence[str],
    unit: str,
) -> pd.DataFrame:
    """Change of every measure by shock: rows ``(scenario_name, shock)`` — each shock
    alone, the interaction, the total — and one column per measure.

    Parameters
    ----------
    totals
        The scenarios' totals, S × measures × ``[baseline, scenario, change, % change]``;
        their change is the total each scenario's parts add up to.
    alone_change
        The change of every measure of each shock of ``alone`` run alone.
    """
    where = {(i, k): a for a, (i, k, _) in enumerate(alone)}
    rows: list[FloatArray] = []
    names: list[str] = []
    labels: list[str] = []
    for i, rs in enumerate(resolved):
        total = totals[i, :, 2]
        if len(rs.shocks) == 1:
            parts = [total]
        else:
            parts = [alone_change[where[(i, k)]] for k in range(len(rs.shocks))]
        summed = np.zeros_like(total)
        for part in parts:
            summed = summed + part
        rest = zero_noise(total - summed, np.abs(totals[i, :, 0]))
        rows += [*parts, rest, total]
        names += [rs.name] * (len(parts) + 2)
        labels += [shock_label(rsh) for rsh in rs.shocks] + [INTERACTION, TOTAL]
    scen, shock = labels_of(
        (list(dict.fromkeys(names)), "scenario_name"), (list(dict.fromkeys(labels)), "shock")
    )
    spos = {v: k for k, v in enumerate(dict.fromkeys(names))}
    kpos = {v: k for k, v in enumerate(dict.fromkeys(labels))}
    index = multi_index(
        [
            (scen, np.array([spos[v] for v in names], dtype=np.intp)),
            (shock, np.array([kpos[v] for v in labels], dtype=np.intp)),
        ]
    )
    values = np.array(rows).reshape(len(rows), len(measures))
    out = pd.DataFrame(values, index=index, columns=pd.Index(list(measures), name="measure"))
    out.attrs["unit"] = unit
    return out
