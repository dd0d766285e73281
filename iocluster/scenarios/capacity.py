"""What the mixed model held and what gave way (the ``Capacity`` result frame).

For every sector a scenario holds at a fixed or capped output
(:func:`iocluster.scenarios.apply.hold_outputs`): its baseline and scenario output, the
output the open model would have asked of it (``x₁ − L'E_X z``, i.e. without the limit),
the change ``z`` of final demand for its domestic product, and how that change was met
(exports, imports).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.core.woodbury import LowRank, solve_updated
from iocluster.scenarios.apply import AppliedScenario, Base

__all__ = [
    "CAPACITY_COLUMNS",
    "capacity_assumption",
    "capacity_frame",
    "unconstrained_outputs",
]

CAPACITY_COLUMNS = [
    "baseline_output",
    "scenario_output",
    "unconstrained_output",
    "final_demand_change",
    "exports_change",
    "imports_change",
]


def capacity_frame(
    codes: Sequence[str],
    applied: Sequence[AppliedScenario],
    x0: FloatArray,
    x1: Sequence[FloatArray],
    unconstrained: Sequence[FloatArray],
    unit: str,
) -> pd.DataFrame | None:
    """Rows ``(scenario_name, code)`` for every held sector (None when none is held).

    ``exports_change + imports_change`` is minus the final-demand change where the
    difference is made up by imports (``imports_change = −(z − exports_change)``).
    """
    rows, index = [], []
    for a, xa, xu in zip(applied, x1, unconstrained, strict=True):
        for i, z in a.held.items():
            ex = float(a.held_exports.get(i, 0.0))
            rows.append([x0[i], xa[i], xu[i], z, ex, -(z - ex)])
            index.append((a.name, codes[i]))
    if not rows:
        return None
    df = pd.DataFrame(
        rows,
        index=pd.MultiIndex.from_tuples(index, names=["scenario_name", "code"]),
        columns=CAPACITY_COLUMNS,
    )
    df.attrs["unit"] = unit
    return df


def capacity_assumption(applied: Sequence[AppliedScenario]) -> Message | None:
    """The assumption sentence when any scenario holds a sector's output."""
    if not any(a.held for a in applied):
        return None
    return Message("policy.capacity", capacity="capacity", imports="imports", exports="exports")


def unconstrained_outputs(base: Base, applied: AppliedScenario) -> FloatArray:
    """Output the open model would give without the limits: ``L' (y₁ − E_X z)``."""
    y = applied.y.sum(axis=1).copy()
    for i, z in applied.held.items():
        y[i] -= z
    U, V = applied.low_rank()
    (x,) = solve_updated(base.table.leontief, [LowRank(U, V) if U.shape[1] else None], [y])
    return x
