"""One region's national table out of a multi-region system (ICIO, WIOD, pymrio).

Rows of other regions in the region's columns become imports by product (``Zm``,
``Ym``, summed over origin); the region's rows in other regions' columns become one
``exports`` final-demand column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from iocluster.errors import LabelError, close_matches
from iocluster.table import IOTable, TableMeta

__all__ = ["first_mismatch", "national_table", "region_codes"]


def first_mismatch(res: np.ndarray, ref: np.ndarray, rtol: float) -> int | None:
    """Position of the first residual above ``rtol · max(1, |ref|)`` (None if none): the
    balance rule every format reader applies to its published totals.

    >>> first_mismatch(np.array([0.0, 2.0]), np.array([10.0, 100.0]), 0.01)
    1
    """
    bad = np.abs(res) > rtol * np.maximum(1.0, np.abs(ref))
    return int(np.argmax(bad)) if bad.any() else None


def region_codes(index: pd.MultiIndex) -> list[str]:
    """Regions of a (region, sector) index in order of appearance."""
    return list(dict.fromkeys(str(r) for r in index.get_level_values(0)))


def national_table(
    Z: pd.DataFrame,
    Y: pd.DataFrame,
    V: pd.DataFrame,
    x: pd.Series,
    region: str,
    *,
    fd_roles: Mapping[str, str],
    va_roles: Mapping[str, str],
    F: pd.DataFrame | None = None,
    satellite_units: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
    meta: TableMeta | None = None,
) -> IOTable:
    """The domestic table of ``region`` (codes = its sectors).

    ``Z`` is indexed (region, sector) × (region, sector), ``Y`` (region, sector) ×
    (region, category), ``V`` rows × (region, sector), ``x`` by (region, sector).
    """
    regions = region_codes(pd.MultiIndex.from_tuples(list(Z.index)))
    if region not in regions:
        raise LabelError(f"unknown region '{region}'{close_matches(region, regions)}")
    rows_r = Z.index.get_level_values(0) == region
    cols_r = Z.columns.get_level_values(0) == region
    ycols_r = Y.columns.get_level_values(0) == region
    sectors = [str(s) for s in Z.index[rows_r].get_level_values(1)]
    Zd = Z.loc[rows_r, cols_r].to_numpy(dtype=float)
    Zm_df = Z.loc[~rows_r, cols_r].groupby(level=1, sort=False).sum()
    Zm = Zm_df.reindex(sectors).fillna(0.0).to_numpy(dtype=float)
    cats = [str(c) for c in Y.columns[ycols_r].get_level_values(1)]
    Yd = Y.loc[rows_r, ycols_r].to_numpy(dtype=float)
    Ym_df = Y.loc[~rows_r, ycols_r].groupby(level=1, sort=False).sum()
    Ym = Ym_df.reindex(sectors).fillna(0.0).to_numpy(dtype=float)
    exports = Z.loc[rows_r, ~cols_r].to_numpy(dtype=float).sum(1) + Y.loc[
        rows_r, ~ycols_r
    ].to_numpy(dtype=float).sum(1)
    Yd = np.column_stack([Yd, exports])
    Ym = np.column_stack([Ym, np.zeros(len(sectors))])
    fd_names = [*cats, "exports"]
    m = Zm.sum(1) + Ym.sum(1)
    nm = names or {}
    base = meta or TableMeta()
    return IOTable.from_arrays(
        Z=Zd,
        Y=Yd,
        V=V.loc[:, cols_r].to_numpy(dtype=float),
        x=x[rows_r.tolist()].to_numpy(dtype=float) if isinstance(x, pd.Series) else x,
        codes=sectors,
        names=[nm.get(s, s) for s in sectors],
        fd_names=fd_names,
        fd_roles=[fd_roles.get(c, "other") for c in cats] + ["exports"],
        va_names=[str(r) for r in V.index],
        va_roles=[va_roles.get(str(r), "other") for r in V.index],
        F=None if F is None else F.loc[:, cols_r].to_numpy(dtype=float),
        satellite_names=[] if F is None else [str(r) for r in F.index],
        satellite_units=list(satellite_units) if F is not None else None,
        m=m,
        Zm=Zm,
        Ym=Ym,
        meta=_with_region(base, region),
    )


def _with_region(meta: TableMeta, region: str) -> TableMeta:
    return dataclasses.replace(
        meta,
        region=meta.region or region,
    ).with_assumption(
        f"National table of {region} from a multi-region table: other regions' rows in "
        f"{region}'s columns are imports by product (Zm, Ym); {region}'s sales to other "
        "regions form the exports column."
    )
