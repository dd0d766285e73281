"""The results of a scenario run within the tables' rule on magnitudes (issue 27).

Every number of a scenario is checked where it is read
(:func:`iocluster.io.magnitude.check_value`: at most 1e20, ``IOCLUSTER_MAX_VALUE``), but
shocks combine: ten changes of 1e19 to one sector's demand, a percentage of a large
flow, a chain of coefficient changes. :func:`check_results` refuses a run whose levels
or changes are not finite or beyond any economy, naming the scenario, the measure and,
where the by-shock contributions tell, the shock that contributes most, so that no
report shows blank cells or numbers near 1e301.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iocluster.errors import ScenarioError
from iocluster.io.magnitude import VALUE, beyond_any_economy
from iocluster.scenarios.results import ImpactResults

__all__ = ["check_results"]

_CHECK = "the sizes of the shocks and their units"


def _largest_shock(by_shock: pd.DataFrame | None, scenario: str, measure: str) -> str:
    """``; shock 2 (final_demand) contributes most`` or ``""``."""
    if by_shock is None or measure not in by_shock.columns:
        return ""
    try:
        col = by_shock.xs(scenario, level="scenario_name")[measure]
    except KeyError:
        return ""
    col = pd.to_numeric(col, errors="coerce").abs()
    col = col[[str(k).startswith("shock ") for k in col.index]]  # not interaction, total
    if col.empty:
        return ""
    return f"; {col.fillna(np.inf).idxmax()} contributes most"


def _scenario_of(frame: pd.DataFrame, row: int) -> str:
    if "scenario_name" in frame.index.names:
        key = frame.index[row]
        return str(key[frame.index.names.index("scenario_name")])
    if "scenario_name" in frame.columns:
        return str(frame["scenario_name"].iloc[row])
    return ""


def check_results(res: ImpactResults) -> None:
    """Refuse results holding a level or a change that is not finite or is beyond any
    economy (more than :data:`~iocluster.io.magnitude.VALUE` in the table's unit).

    The totals come first (a scenario's level and change of each measure: a NaN there
    is an overflow too), then every other frame (percentages may be NaN where the
    baseline is zero, and induced effects without a closure).

    Raises
    ------
    ScenarioError
        Naming the scenario, the measure (or the frame and row) and the shock that
        contributes most.
    """
    totals = res.totals
    for col in ("change", "scenario"):
        if col not in totals.columns:
            continue
        values = totals[col].to_numpy(dtype=np.float64)
        bad = ~np.isfinite(values) | (np.abs(values) > float(VALUE.limit))
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            scenario, measure = (str(v) for v in totals.index[k])
            what = "change" if col == "change" else "level after the shock"
            shown = beyond_any_economy(float(values[k]), check=_CHECK) or (
                f"{values[k]:g}: the numbers overflow; check {_CHECK}"
            )
            raise ScenarioError(
                f"scenario '{scenario}', {measure} ({what}): "
                f"{shown}{_largest_shock(res.by_shock, scenario, measure)}"
            )
    for name, frame in res.frames().items():
        numeric = frame.select_dtypes("number")
        if numeric.empty:
            continue
        grid = numeric.to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore"):
            out = np.isinf(grid) | (np.abs(grid) > float(VALUE.limit))
        if out.any():
            i, j = (int(v) for v in np.argwhere(out)[0])
            scenario = _scenario_of(frame, i)
            where = f"scenario '{scenario}': " if scenario else ""
            message = beyond_any_economy(float(grid[i, j]), check=_CHECK)
            raise ScenarioError(
                f"{where}the results '{name}', row {frame.index[i]!r}, column "
                f"'{numeric.columns[j]}': {message}"
            )
