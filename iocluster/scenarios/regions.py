"""Scenarios on an interregional table (issue 16): region-qualified sector references,
the ``region`` field of shocks, and impacts by region with the region × region
spillovers.

On a table built by :func:`iocluster.regional.interregional.build.build_interregional`
(codes ``fergana/C13.1``, tags ``region`` and ``sector``):

- a national code or prefix (``C13*``) selects that sector in every region; a qualified
  one (``fergana/C13*``) in one region;
- every cluster ``c`` also exists per region as ``<region>_c`` (``fergana_textiles``);
- a shock with ``region = "fergana"`` acts only on the sectors of that region (every
  sector field of the shock is restricted to it: a coefficient shock changes the
  purchases of Fergana's sectors from Fergana's suppliers).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.regional.interregional.analysis import (
    region_layout,
    region_totals,
    split_by_region,
)
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.noise import zero_noise
from iocluster.scenarios.results import measure_rows, scenario_outputs
from iocluster.scenarios.validate import ResolvedScenario

__all__ = ["regional_impacts"]


def _impulse(base: Base, a: AppliedScenario, x0: np.ndarray) -> np.ndarray:
    """:math:`\\Delta y + \\Delta A\\, x_0`: the scenario's first-round demand change."""
    U, V = a.low_rank()
    dA = U @ (V.T @ x0) if U.shape[1] else 0.0
    return np.asarray(a.y.sum(axis=1) - base.y.sum(axis=1) + dA)


def _measure_names(base: Base) -> list[str]:
    t = base.table
    jobs = [s for s in t.satellite_names if "total" in s.lower()] or list(t.satellite_names[:1])
    return ["output", "value_added", *jobs]


def regional_impacts(base: Base, resolved: Sequence[ResolvedScenario]) -> dict[str, pd.DataFrame]:
    """Effects by region and the region × region spillovers of every scenario.

    Frames:

    - ``by_region``: index (scenario, measure, region), columns baseline, scenario,
      change and the share of the total change (%);
    - ``spillovers``: index (scenario, measure, origin), one column per destination:
      :math:`M_{sr} = \\sum_{i \\in r} c^1_i (x_1 - x_0)^{(s)}_i` where
      :math:`(x_1 - x_0)^{(s)} = L_1 (\\Delta y + \\Delta A x_0)^{(s)}` is the output change
      caused by the first-round demand change in origin region :math:`s` (exact:
      :math:`\\sum_s (x_1 - x_0)^{(s)} = x_1 - x_0`); a measure's coefficient change
      (productivity) is not in the matrix but is in ``by_region``.
    """
    t = base.table
    keys = region_layout(t)[0]
    y0 = base.y.sum(axis=1)
    rows0 = measure_rows(base, base.va, base.m, base.f)
    measures = _measure_names(base)
    by_region, spill = [], []
    applied = [apply_scenario(base, rs) for rs in resolved]
    x0 = None
    if any(a.changes_A for a in applied):  # the impulse needs x0 first
        x0 = np.asarray(t.leontief.solve(y0))
    for rs, a in zip(resolved, applied, strict=True):
        # one batched solve: x1, L'1, [L y0 when A is unchanged], L' impulse of each
        # region with an impulse (Δy only, when A is unchanged)
        imp = _impulse(base, a, x0) if x0 is not None else a.y.sum(axis=1) - y0
        active, rhs = split_by_region(t, imp)
        if x0 is None:
            rhs = np.column_stack([y0, rhs])
        sol = scenario_outputs(base, [a], rhs)[0]
        x1 = sol[:, 0]
        x0s = x0 if x0 is not None else sol[:, 2]
        parts = np.zeros((t.n, len(keys)))
        parts[:, active] = sol[:, 2 + (x0 is None) :]
        rows1 = measure_rows(base, a.va, a.m, a.f)
        for meas in measures:
            v0 = np.asarray(region_totals(t, rows0[meas] * x0s))
            v1 = np.asarray(region_totals(t, rows1[meas] * x1))
            scale = float(np.abs(rows0[meas] * x0s).sum())
            ch = zero_noise(v1 - v0, scale)
            v1 = v0 + ch
            tot = ch.sum()
            share = 100.0 * ch / tot if tot != 0 else np.full_like(ch, np.nan)
            for k, key in enumerate(keys):
                by_region.append(((rs.name, meas, key), [v0[k], v1[k], ch[k], share[k]]))
            M = zero_noise(np.asarray(region_totals(t, rows1[meas][:, None] * parts)).T, scale)
            for k, key in enumerate(keys):
                spill.append(((rs.name, meas, key), M[k].tolist()))
    idx = ["scenario_name", "measure", "region"]
    br = pd.DataFrame(
        [v for _, v in by_region],
        index=pd.MultiIndex.from_tuples([k for k, _ in by_region], names=idx),
        columns=["baseline", "scenario", "change", "share_of_change_pct"],
    )
    br.attrs["unit"] = f"{t.meta.unit}; jobs in persons"
    sp = pd.DataFrame(
        [v for _, v in spill],
        index=pd.MultiIndex.from_tuples(
            [k for k, _ in spill], names=["scenario_name", "measure", "origin"]
        ),
        columns=list(keys),
    )
    sp.attrs["unit"] = f"{t.meta.unit}; jobs in persons"
    return {"regions": _compact(br, measures), "by_region": br, "spillovers": sp}


def _compact(br: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """One row per (scenario, region): each measure's change and its share of the total."""
    cols = {}
    for meas in measures:
        part = br.xs(meas, level="measure")
        cols[meas] = part["change"]
        cols[f"{meas} share %"] = part["share_of_change_pct"]
    df = pd.DataFrame(cols)
    df.attrs["unit"] = br.attrs.get("unit", "")
    df.attrs["title"] = Message("title.change_by_region")
    return df
