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

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.io.magnitude import VALUE, beyond_any_economy
from iocluster.scenarios.params import read_shock_label, shock_where
from iocluster.scenarios.problems import at
from iocluster.scenarios.results import ImpactResults

__all__ = ["check_results"]

_CHECK = Message("scenarios.check_sizes")


def _largest_shock(by_shock: pd.DataFrame | None, scenario: str, measure: str) -> Message | str:
    """``; shock 2 (final_demand) contributes most`` or ``""``."""
    if by_shock is None or measure not in by_shock.columns:
        return ""
    try:
        col = by_shock.xs(scenario, level="scenario_name")[measure]
    except KeyError:
        return ""
    col = pd.to_numeric(col, errors="coerce").abs()
    shocks = [read_shock_label(str(k)) for k in col.index]  # None: interaction, total
    col = col[[s is not None for s in shocks]]
    if col.empty:
        return ""
    read = read_shock_label(str(col.fillna(np.inf).idxmax()))
    assert read is not None
    return Message(
        "scenarios.contributes_most",
        shock=Message("scenarios.shock_ref", index=read[0], kind=read[1]),
    )


def _scenario_of(frame: pd.DataFrame, row: int) -> str:
    if "scenario_name" in frame.index.names:
        key = frame.index[row]
        return str(key[frame.index.names.index("scenario_name")])
    if "scenario_name" in frame.columns:
        return str(frame["scenario_name"].iloc[row])
    return ""


#: The numeric block of a frame at hand as an array, with its column names.
Numbers = tuple[np.ndarray, Sequence[str]]


def check_results(
    res: ImpactResults,
    *,
    frames: Collection[str] | None = None,
    numbers: Mapping[str, Numbers] | None = None,
) -> None:
    """Refuse results holding a level or a change that is not finite or is beyond any
    economy (more than :data:`~iocluster.io.magnitude.VALUE` in the table's unit).

    The totals come first (a scenario's level and change of each measure: a NaN there
    is an overflow too), then every other frame (percentages may be NaN where the
    baseline is zero, and induced effects without a closure).

    Parameters
    ----------
    frames
        Check only these frames (by name; the totals' rule when ``"totals"`` is one of
        them); every frame by default.
    numbers
        The numeric block (rows × columns) and its column names of frames whose numbers
        are at hand as arrays, read instead of the frame (the point estimates:
        :func:`iocluster.scenarios.impacts.compute_impacts`).

    Raises
    ------
    ScenarioError
        Naming the scenario, the measure (or the frame and row) and the shock that
        contributes most.
    """
    limit = float(VALUE.limit)
    known = numbers or {}
    if frames is None or "totals" in frames:
        _check_totals(res, limit, known.get("totals"))
    for name, frame in res.frames().items():
        if frames is not None and name not in frames:
            continue
        if name in known:
            grid, columns = known[name]
        else:
            numeric = _numeric_columns(frame)
            if not numeric:
                continue
            grid = np.column_stack([v for _, v in numeric])
            columns = [str(c) for c, _ in numeric]
        grid = grid.reshape(len(frame), len(columns))
        found = _first_out(grid, limit)
        if found is not None:
            i, j = found
            scenario = _scenario_of(frame, i)
            said = Message(
                "scenarios.results_beyond", name=name, row=repr(frame.index[i]),
                column=columns[j], message=beyond_any_economy(float(grid[i, j]), check=_CHECK),
            )  # fmt: skip
            raise ScenarioError(at(shock_where(scenario), said) if scenario else said)


def _check_totals(res: ImpactResults, limit: float, known: Numbers | None) -> None:
    """A level or change of the totals that is not finite or beyond ``limit``."""
    totals = res.totals
    if known is not None:
        grid, names = known
        cols = {c: grid.reshape(len(totals), len(names))[:, k] for k, c in enumerate(names)}
    else:
        cols = {c: totals[c].to_numpy(dtype=np.float64) for c in totals.columns}
    for col in ("change", "scenario"):
        if col not in cols:
            continue
        values = cols[col]
        bad = ~np.isfinite(values) | (np.abs(values) > limit)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            scenario, measure = (str(v) for v in totals.index[k])
            what = Message("scenarios.what_change" if col == "change" else "scenarios.what_level")
            shown = beyond_any_economy(float(values[k]), check=_CHECK) or Message(
                "scenarios.overflow", value=f"{values[k]:g}", check=_CHECK
            )
            raise ScenarioError(Message(
                "scenarios.total_beyond", where=shock_where(scenario), measure=measure,
                what=what, shown=shown, largest=_largest_shock(res.by_shock, scenario, measure),
            ))  # fmt: skip


def _first_out(grid: np.ndarray, limit: float) -> tuple[int, int] | None:
    """The first ``(row, column)`` of ``grid`` that is infinite or beyond ``limit``."""
    with np.errstate(invalid="ignore"):
        out = np.isinf(grid) | (np.abs(grid) > limit)
    if not out.any():
        return None
    i, j = np.argwhere(out)[0]
    return int(i), int(j)


def _numeric_columns(frame: pd.DataFrame) -> list[tuple[object, np.ndarray]]:
    """Every numeric column of ``frame`` as a float array (all of them from one array
    when every column is numeric)."""
    numeric = [pd.api.types.is_numeric_dtype(dt) for dt in frame.dtypes]
    if not any(numeric):
        return []
    if all(numeric):
        grid = frame.to_numpy(dtype=np.float64)
        return [(c, grid[:, j]) for j, c in enumerate(frame.columns)]
    return [
        (c, frame[c].to_numpy(dtype=np.float64))
        for c, keep in zip(frame.columns, numeric, strict=True)
        if keep
    ]
