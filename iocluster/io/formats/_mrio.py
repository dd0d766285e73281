"""Tables out of a multi-region system (ICIO, WIOD, pymrio): the whole system, or one
region's national table.

:func:`multiregional_table` keeps every region: one R × n table whose codes are
``region/sector`` and whose tags ``region`` and ``sector`` say where each sector is (the
layout of :func:`iocluster.regional.interregional.build.build_interregional`, so every
interregional analysis works on it). :func:`national_table` keeps one region: rows of
other regions in the region's columns become imports by product (``Zm``, ``Ym``, summed
over origin); the region's rows in other regions' columns become one ``exports``
final-demand column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import LabelError, Location, TableFormatError
from iocluster.io.cells import did_you_mean
from iocluster.regional.interregional.build import REGION_TAG, SECTOR_TAG, qualified_code
from iocluster.table import IOTable, TableMeta

__all__ = ["first_mismatch", "multiregional_table", "national_table", "region_codes"]


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
        raise LabelError(
            Message("io.formats.unknown_region", region=region, hint=did_you_mean(region, regions))
        )
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
    ).with_assumption(Message("regional.national_from_mrio", region=region, symbols="Zm, Ym"))


def _listed(items: Sequence[str], limit: int = 5) -> Message:
    shown = [f"'{s}'" for s in items[:limit]]
    if len(items) > limit:
        return Message("io.formats.listed_more", shown=shown, n=len(items) - limit)
    return Message("io.formats.listed", shown=shown)


def check_region_blocks(
    rows: pd.MultiIndex, cols: pd.MultiIndex, fd_cols: pd.MultiIndex, where: Location | None
) -> tuple[list[str], list[str]]:
    """The regions and the sectors of one block of a multi-region system, after checking
    that every region has the whole block: the same sectors, in the same order, in the
    rows and the columns of the flows, and final-demand columns.

    Raises
    ------
    TableFormatError
        Naming the first region whose block is missing or incomplete (one line).
    """
    regions = region_codes(rows)
    for r in region_codes(cols):
        if r not in regions:
            raise TableFormatError(Message("io.formats.region_no_rows", region=r), where)
    sectors = [str(s) for r, s in rows if str(r) == regions[0]]
    for r in regions:
        for axis, index in (("rows", rows), ("columns", cols)):
            have = [str(s) for q, s in index if str(q) == r]
            if have != sectors:
                missing = [s for s in sectors if s not in have]
                if missing:
                    detail = (
                        Message("io.formats.no_rows_for", listed=_listed(missing))
                        if axis == "rows"
                        else Message("io.formats.no_columns_for", listed=_listed(missing))
                    )
                else:
                    counts = {"have": len(have), "first": regions[0], "n": len(sectors)}
                    detail = (
                        Message("io.formats.rows_where", counts)
                        if axis == "rows"
                        else Message("io.formats.columns_where", counts)
                    )
                raise TableFormatError(
                    Message("io.formats.incomplete_block", region=r, detail=detail, n=len(sectors)),
                    where,
                )
    fd_regions = region_codes(fd_cols)
    for r in fd_regions:
        if r not in regions:
            raise TableFormatError(Message("io.formats.fd_no_rows", region=r), where)
    for r in regions:
        if r not in fd_regions:
            raise TableFormatError(Message("io.formats.region_no_fd", region=r), where)
    return regions, sectors


def _pairs(index: pd.Index) -> pd.MultiIndex:
    """A (region, label) index as text pairs."""
    return pd.MultiIndex.from_tuples([(str(p[0]), str(p[1])) for p in index])


def multiregional_table(
    Z: pd.DataFrame,
    Y: pd.DataFrame,
    V: pd.DataFrame,
    x: pd.Series,
    *,
    fd_roles: Mapping[str, str],
    va_roles: Mapping[str, str],
    F: pd.DataFrame | None = None,
    satellite_units: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
    meta: TableMeta | None = None,
    where: Location | None = None,
) -> IOTable:
    """The whole multi-region system as one table of R × n sectors.

    ``Z`` is indexed (region, sector) × (region, sector), ``Y`` (region, sector) ×
    (region, category), ``V`` rows × (region, sector), ``x`` by (region, sector). Codes
    are ``region/sector`` (:func:`~iocluster.regional.interregional.build.qualified_code`),
    final-demand categories ``region/category`` (the region that buys), tags ``region``
    and ``sector``; sector names end with the region, ``"Textiles (TUR)"``.

    Raises
    ------
    TableFormatError
        A region's block is missing or incomplete (:func:`check_region_blocks`).
    """
    rows, cols, fcols = (_pairs(ix) for ix in (Z.index, Z.columns, Y.columns))
    check_region_blocks(rows, cols, fcols, where)
    if list(rows) != list(cols):
        raise TableFormatError(Message("io.formats.order"), where)
    nm = names or {}
    cats = [c for _, c in fcols]
    base = meta or TableMeta()
    return IOTable.from_arrays(
        Z=Z.to_numpy(dtype=float),
        Y=Y.to_numpy(dtype=float),
        V=V.to_numpy(dtype=float),
        x=np.asarray(x, dtype=float),
        codes=[qualified_code(r, s) for r, s in rows],
        names=[f"{nm.get(s, s)} ({r})" for r, s in rows],
        fd_names=[qualified_code(r, c) for r, c in fcols],
        fd_roles=[fd_roles.get(c, "other") for c in cats],
        va_names=[str(r) for r in V.index],
        va_roles=[va_roles.get(str(r), "other") for r in V.index],
        F=None if F is None else F.to_numpy(dtype=float),
        satellite_names=[] if F is None else [str(r) for r in F.index],
        satellite_units=list(satellite_units) if F is not None else None,
        tags={REGION_TAG: [r for r, _ in rows], SECTOR_TAG: [s for _, s in rows]},
        meta=base.with_assumption(
            Message(
                "regional.multiregional_table",
                n=len(region_codes(rows)),
                exports="exports",
            )
        ),
    )
