"""The result frames of policy instruments, gathered for :func:`compute_impacts`:
capacity-limited sectors (:mod:`.capacity`), tax and subsidy shocks with their fiscal
balance (:mod:`.fiscal`) and investment programmes (:mod:`.investment`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.model.closure import ClosedModel
from iocluster.scenarios.apply import AppliedScenario, Base
from iocluster.scenarios.capacity import (
    capacity_assumption,
    capacity_frame,
    unconstrained_outputs,
)
from iocluster.scenarios.fiscal import fiscal_assumptions, fiscal_frames
from iocluster.scenarios.investment import investment_frame
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["PolicyResults", "policy_results"]


@dataclass(frozen=True)
class PolicyResults:
    """Optional frames (None when no scenario uses the instrument) and assumptions."""

    capacity: pd.DataFrame | None = None
    taxes: pd.DataFrame | None = None
    fiscal: pd.DataFrame | None = None
    investment: pd.DataFrame | None = None
    assumptions: tuple[Message | str, ...] = ()


def policy_results(
    base: Base,
    resolved: Sequence[ResolvedScenario],
    applied: Sequence[AppliedScenario],
    x0: FloatArray,
    x1: Sequence[FloatArray],
    induced: Sequence[FloatArray] | None,
    closed: ClosedModel | None = None,
) -> PolicyResults:
    """Frames of every policy instrument the scenarios use (see the module docstring)."""
    t = base.table
    unit = t.meta.unit
    asm: list[Message | str] = []
    cap = None
    if any(a.held for a in applied):
        free = [
            unconstrained_outputs(base, a) if a.held else xa
            for a, xa in zip(applied, x1, strict=True)
        ]
        cap = capacity_frame(list(t.codes), applied, x0, x1, free, unit)
        sentence = capacity_assumption(applied)
        if sentence:
            asm.append(sentence)
    taxes = fiscal = None
    schedule = next((r.taxes for r in resolved if r.taxes is not None), None)
    if schedule is not None:
        taxes, fiscal = fiscal_frames(base, schedule, resolved, applied, x0, x1, induced, closed)
        asm.extend(fiscal_assumptions(schedule, resolved))
    inv = investment_frame([a.name for a in applied], [a.investment for a in applied], unit)
    if inv is not None:
        asm.append(
            Message(
                "policy.investment",
                construction="construction",
                machinery="machinery",
                transport="transport",
                other="other",
            )
        )
    return PolicyResults(
        capacity=cap, taxes=taxes, fiscal=fiscal, investment=inv, assumptions=tuple(asm)
    )
