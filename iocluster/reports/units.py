"""Units as the command line shows them: jobs in whole persons, and a caption that never
puts a money unit under rows that are persons, shares or indices.

Result frames carry one ``attrs["unit"]`` (the table's money unit) even when some of
their rows or columns are employment (satellite rows in persons) or shares. Before a
command prints or writes such frames, :func:`display_units` returns copies whose
persons values are rounded to whole persons (not for JSON, which keeps the exact
numbers for scripts) and whose caption names the exceptions, e.g. ``"billion UZS;
persons (whole): employment_formal, employment_total; shares (unitless): import
content"``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning
from iocluster.table import IOTable

__all__ = ["display_units", "persons_labels", "warn_if_no_unit"]

#: Words that make a row or column a share or an index (unitless), not money.
_UNITLESS = {"share", "content", "index", "ratio", "dispersion", "cv", "price", "multiplier"}
#: Columns that are never rounded (percent changes, depths, ranks).
_KEEP = ("pct", "share", "depth", "rank", "draws")


def persons_labels(table: IOTable) -> set[str]:
    """Satellite rows whose unit is persons (employment)."""
    return {
        name
        for name, unit in zip(table.satellite_names, table.satellite_units, strict=True)
        if (unit or "persons").lower() in ("persons", "person", "jobs", "persons employed")
    }


def warn_if_no_unit(table: IOTable, source: object = "") -> None:
    """Warn (once per command: the CLI prints each message once) when the table states no
    currency or scale, so money results would read "currency units"."""
    if table.meta.currency or table.meta.scale:
        return
    from iocluster.analysis.validate import no_unit_message

    said = no_unit_message()
    if source:
        said = Message("scenarios.at", where=str(source), what=said)
    warnings.warn(AssumptionWarning(said), stacklevel=2)


def _unitless(label: object) -> bool:
    words = re.split(r"[^a-z]+", str(label).lower())
    return any(w in _UNITLESS for w in words)


def _one(df: pd.DataFrame, persons: set[str], money: str, exact: bool) -> pd.DataFrame:
    out = df.copy()
    out.attrs = dict(df.attrs)
    rows_p: list[str] = []
    rows_u: list[str] = []
    numeric = [c for c in out.columns if pd.api.types.is_numeric_dtype(out[c])]
    # persons and shares as rows: an index level, or a "measure"/"indicator" column
    keys: list[pd.Series] = []
    for level in range(out.index.nlevels):
        keys.append(pd.Series(out.index.get_level_values(level), index=out.index).astype(str))
    for col in ("measure", "indicator"):
        if col in out.columns:
            keys.append(out[col].astype(str))
    is_p = np.zeros(len(out), dtype=bool)
    for k in keys:
        hit = k.isin(persons).to_numpy()
        is_p |= hit
        rows_p += list(dict.fromkeys(k[hit]))
        rows_u += list(dict.fromkeys(v for v in k if _unitless(v) and v not in persons))
    cols_p = [c for c in out.columns if str(c) in persons]
    cols_u = [c for c in numeric if _unitless(c) and str(c) not in persons]
    if not exact:
        round_cols = [c for c in numeric if not any(w in str(c).lower() for w in _KEEP)]
        if is_p.any() and round_cols:
            block = out.loc[is_p, round_cols].astype(float).round(0)
            out[round_cols] = out[round_cols].astype(float)
            out.loc[is_p, round_cols] = block
        for c in cols_p:
            out[c] = out[c].astype(float).round(0)
    unit = str(out.attrs.get("unit", ""))
    if unit == money and (rows_p or cols_p or rows_u or cols_u):
        parts = [money]
        names_p = list(dict.fromkeys([*rows_p, *map(str, cols_p)]))
        names_u = list(dict.fromkeys([*rows_u, *map(str, cols_u)]))
        if names_p:
            parts.append(f"persons{'' if exact else ' (whole)'}: {', '.join(names_p)}")
        if names_u:
            parts.append(f"shares and indices (unitless): {', '.join(names_u)}")
        out.attrs["unit"] = "; ".join(parts)
    return out


def display_units(
    frames: pd.DataFrame | Mapping[str, pd.DataFrame],
    table: IOTable,
    *,
    exact: bool = False,
    persons: Iterable[str] = (),
) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """Copies of ``frames`` ready to show (see the module docstring); ``exact=True`` keeps
    the numbers (JSON) and only fixes the captions; ``persons`` adds row or column labels
    in persons besides the satellite rows (e.g. ``employment_loss``).

    Examples
    --------
    >>> from iocluster.table import IOTable, TableMeta
    >>> t = IOTable.from_arrays(Z=[[1.0]], Y=[[1.0]], V=[[1.0]], codes=["S"],
    ...     F=[[3.0]], satellite_names=["employment"], satellite_units=["persons"],
    ...     meta=TableMeta(currency="UZS", scale="billion"))
    >>> df = pd.DataFrame({"change": [1.26, 151.9]},
    ...                   index=pd.Index(["output", "employment"], name="measure"))
    >>> df.attrs["unit"] = "billion UZS"
    >>> shown = display_units(df, t)
    >>> shown["change"].tolist(), shown.attrs["unit"]
    ([1.26, 152.0], 'billion UZS; persons (whole): employment')
    """
    persons = persons_labels(table) | set(persons)
    money = table.meta.unit
    if isinstance(frames, pd.DataFrame):
        return _one(frames, persons, money, exact)
    return {k: _one(v, persons, money, exact) for k, v in frames.items()}
