"""Trade in value added (TiVA): the value-added content of gross exports, for any table.

For exports ``e`` by exporting sector and primary-input coefficients ``c`` (per unit of
output), the content of sector ``j``'s exports is :math:`(c^\\top B)_j\\, e_j` with
:math:`B = (I - A)^{-1}` (OECD 2021, TiVA indicators guide, §5; Koopman, Wang & Wei 2014):

- **national table**: ``dva`` (value added at basic prices, EXGR_DVA), ``fva`` (the import
  content: imported inputs embodied, plus re-exported imports; a national table cannot
  tell foreign value added from domestic value added that comes back in imports, so this
  is the OECD's EXGR_FVA as a national table measures it) and ``other`` (net taxes on
  products and any part of output the table's inputs do not explain);
- **multiregional table** (:mod:`.layout`): gross exports are every region's sales to the
  other regions and outside (EXGR; intermediate EXGR_INT and final EXGR_FNL), ``dva`` is
  the value added of the exporting region itself, :math:`V^s B^{ss} e^s` with the global
  inverse, ``fva`` that of every other region and of imports from outside.

In both, ``dva + fva + other`` equals gross exports exactly, because
:math:`(\\mathbf 1^\\top - \\mathbf 1^\\top A) B = \\mathbf 1^\\top`. ``services_dva`` is
the domestic value added created in service sectors (EXGR_SERV_DVA); the ``services``
frame says which services, by service sector and exporting cluster. A multiregional
table also gets, by region, the value added of each origin in each region's exports,
the domestic value added embodied in other regions' exports (EXGR_DVAFXSH, forward GVC
participation) next to the foreign content (EXGR_FVASH, backward participation), and the
value added of each region absorbed in each region's final demand (Johnson & Noguera
2012), whose total is world value added.

Cost: one transposed solve with a handful of right-hand sides (national), or 2R + 3
(multiregional), against the table's one factorisation, plus one per service sector of
each region whose services are listed; never an inverse.

References
----------
OECD (2021). *Guide to OECD's Trade in Value Added (TiVA) Indicators, 2021 edition.*

Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double counting in
gross exports. *American Economic Review* 104(2), 459–494.

Johnson, R. C. and Noguera, G. (2012). Accounting for intermediates: production sharing
and trade in value added. *Journal of International Economics* 86, 224–236.

Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit is
due: tracing value added in global production chains. NBER Working Paper 16426.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.model.sectors import service_sectors
from iocluster.regional.interregional.analysis import is_interregional
from iocluster.regional.interregional.build import SECTOR_TAG
from iocluster.regional.multiregional.layout import (
    OUTSIDE,
    RegionBlocks,
    primary_inputs,
    region_blocks,
)
from iocluster.table import IOTable

__all__ = ["TIVA_NAMES", "TradeInValueAdded", "trade_in_value_added"]

#: Columns of the TiVA frames and the OECD indicator each one is (OECD 2021 guide).
TIVA_NAMES: dict[str, str] = {
    "exports": "EXGR",
    "exports_intermediate": "EXGR_INT",
    "exports_final": "EXGR_FNL",
    "dva": "EXGR_DVA",
    "fva": "EXGR_FVA",
    "services_dva": "EXGR_SERV_DVA",
    "services_fva": "EXGR_SERV_FVA",
    "dva_share": "EXGR_DVASH",
    "fva_share": "EXGR_FVASH",
    "services_dva_share": "EXGR_SERV_DVASH",
    "services_fva_share": "EXGR_SERV_FVASH",
    "dvafx": "EXGR_DVAFX",
    "dvafx_share": "EXGR_DVAFXSH",
}
#: Amounts that add up by sector, cluster and region (shares are recomputed from them).
_AMOUNTS = (
    "exports", "exports_intermediate", "exports_final", "dva", "fva", "other",
    "services_dva", "services_fva",
)  # fmt: skip


@dataclass(frozen=True)
class TradeInValueAdded:
    """Trade in value added of one table (see the module docstring).

    Attributes
    ----------
    by_sector : DataFrame
        By exporting sector (index code; ``region`` and ``sector`` columns on a
        multiregional table): exports, ``dva``, ``fva``, ``other``, ``services_dva``
        (and ``services_fva``), and the shares of exports.
    by_cluster : DataFrame or None
        The same by cluster (index cluster, or region and cluster), when clusters are given.
    services : DataFrame
        Which services: the domestic value added of each service sector (rows; ``region``
        too on a multiregional table) in the exports of each cluster and of all sectors
        (columns), in the table's unit.
    by_region : DataFrame or None
        Multiregional tables: the totals of each exporting region, the domestic value
        added it adds to other regions' exports (``dvafx``) and GVC participation
        (``gvc_participation`` = ``fva_share`` + ``dvafx_share``, backward plus forward;
        ``gvc_position`` = ln(1 + forward) − ln(1 + backward), Koopman et al. 2010).
    origins : DataFrame or None
        Multiregional tables: value added of each origin (rows: regions, then
        ``outside`` for imports from outside the table and ``other`` primary inputs) in
        each region's exports (columns); columns sum to the region's gross exports.
    final_demand : DataFrame or None
        Multiregional tables: value added of each origin (rows as ``origins``) absorbed
        in each destination's final demand (columns); columns sum to the destination's
        final demand and the value-added rows sum to world value added.
    unit : str
        The table's money unit.
    """

    by_sector: pd.DataFrame
    by_cluster: pd.DataFrame | None
    services: pd.DataFrame
    by_region: pd.DataFrame | None = None
    origins: pd.DataFrame | None = None
    final_demand: pd.DataFrame | None = None
    unit: str = ""

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame that is there, by name (what ``iocluster tiva`` writes)."""
        out = {
            "by_region": self.by_region,
            "by_cluster": self.by_cluster,
            "by_sector": self.by_sector,
            "services": self.services if len(self.services) else None,
            "origins": self.origins,
            "final_demand": self.final_demand,
        }
        return {k: v for k, v in out.items() if v is not None}


def _ratio(a: FloatArray, b: FloatArray) -> FloatArray:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1.0), np.nan)


def _with_shares(df: pd.DataFrame) -> pd.DataFrame:
    """Shares of gross exports from the amounts: ``dva_share`` … (fractions). Other
    primary inputs below 1e-12 of the largest exports are floating-point noise and
    written as 0."""
    noise = 1e-12 * float(np.abs(df["exports"].to_numpy()).max(initial=0.0))
    df["other"] = np.where(np.abs(df["other"].to_numpy()) <= noise, 0.0, df["other"].to_numpy())
    for col in ("dva", "fva", "services_dva", "services_fva", "dvafx"):
        if col in df:
            df[f"{col}_share"] = _ratio(df[col].to_numpy(), df["exports"].to_numpy())
    return df


def _caption(df: pd.DataFrame, unit: str, title: Message) -> pd.DataFrame:
    df.attrs["unit"] = f"{unit}; shares of gross exports (unitless)"
    df.attrs["title"] = title
    return df


def _group_rows(
    by_sector: pd.DataFrame, clusters: Mapping[str, Sequence[int]], region: np.ndarray | None
) -> pd.DataFrame:
    """Cluster totals of the amounts (per exporting region on a multiregional table)."""
    amounts = [c for c in _AMOUNTS if c in by_sector]
    vals = by_sector[amounts].to_numpy()
    rows: list[FloatArray] = []
    index: list[tuple[str, str]] = []
    where = np.full(len(by_sector), "", dtype=object) if region is None else region
    for key in dict.fromkeys(where):
        for name, members in clusters.items():
            idx = np.asarray(sorted(int(i) for i in members), dtype=np.intp)
            idx = idx[where[idx] == key]
            if idx.size:
                rows.append(vals[idx].sum(axis=0))
                index.append((str(key), name))
    if not rows:
        return pd.DataFrame(columns=amounts, index=pd.Index([], name="cluster"))
    ix: pd.Index = pd.MultiIndex.from_tuples(index, names=["region", "cluster"])
    if region is None:
        ix = pd.Index([c for _, c in index], name="cluster")
    return _with_shares(pd.DataFrame(np.vstack(rows), index=ix, columns=amounts))


def _services_frame(
    table: IOTable,
    content: FloatArray,
    serv: Sequence[int],
    clusters: Mapping[str, Sequence[int]],
    columns: np.ndarray,
) -> pd.DataFrame:
    """Value added of each service sector (rows ``serv``) in the exports of each cluster
    and of all sectors: ``content`` is (|serv|, N), zero outside ``columns``."""
    data: dict[str, FloatArray] = {}
    for name, members in clusters.items():
        cols = np.asarray([i for i in members if columns[i]], dtype=np.intp)
        data[name] = content[:, cols].sum(axis=1) if cols.size else np.zeros(len(serv))
    data["all_exports"] = content.sum(axis=1)
    df = pd.DataFrame(data, index=pd.Index([table.codes[i] for i in serv], name="code"))
    df.insert(0, "name", [table.names[i] for i in serv])
    if is_interregional(table):
        df.insert(0, "region", [table.tags["region"][i] for i in serv])
    return df.sort_values("all_exports", ascending=False, kind="stable")


def trade_in_value_added(
    table: IOTable,
    *,
    clusters: Mapping[str, Sequence[int]] | None = None,
    services: Sequence[int] | None = None,
    detail: Sequence[str] | None = None,
) -> TradeInValueAdded:
    """The value-added content of gross exports (TiVA) of a national or multiregional
    table, by exporting sector, cluster and (multiregional) region.

    Parameters
    ----------
    table : IOTable
        A national table (its ``exports`` final demand is what is traced), or a
        multiregional table (tags ``region`` and ``sector``; every region's sales to
        the others and outside are its exports).
    clusters : mapping, optional
        Named groups of sectors (positions), e.g. from
        :func:`iocluster.io.clusters.read_clusters`; on a multiregional table a cluster
        is reported for every region that has its sectors.
    services : sequence of int, optional
        Positions of the service sectors whose value added is ``services_dva``;
        default :func:`~iocluster.model.sectors.service_sectors` (NACE G–T).
    detail : sequence of str, optional
        Multiregional tables: the exporting regions whose services are listed one by
        one in ``services`` (one solve per service sector of each); default every region.

    Examples
    --------
    Miller & Blair (2009) Table 2.3 with its final demand read as exports: the columns
    close with value added, so exports are all domestic value added.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3().replace(fd_roles=("exports",))
    >>> r = trade_in_value_added(t, services=[])
    >>> r.by_sector[["exports", "dva", "fva", "dva_share"]].round(9).to_dict("list")
    {'exports': [350.0, 1700.0], 'dva': [350.0, 1700.0], 'fva': [0.0, 0.0], 'dva_share': [1.0, 1.0]}
    """
    groups = {k: list(v) for k, v in (clusters or {}).items()}
    serv = list(service_sectors(table) if services is None else services)
    if is_interregional(table):
        return _multiregional(table, region_blocks(table), groups, serv, detail)
    return _national(table, groups, serv)


def _national(
    table: IOTable, groups: Mapping[str, Sequence[int]], serv: Sequence[int]
) -> TradeInValueAdded:
    d = table.domestic()
    exp = np.array([r == "exports" for r in d.fd_roles], dtype=bool)
    ed = d.Y[:, exp].sum(axis=1)
    em = d.Ym[:, exp].sum(axis=1) if d.Ym is not None else np.zeros(d.n)  # re-exports
    p = primary_inputs(table)
    vs = np.zeros(d.n)
    vs[serv] = p.va[serv]
    M = np.asarray(table.leontief.solve_transposed(np.column_stack([p.va, p.imp, p.other, vs])))
    df = pd.DataFrame(
        {
            "name": list(d.names),
            "exports": ed + em,
            "dva": M[:, 0] * ed,
            "fva": M[:, 1] * ed + em,
            "other": M[:, 2] * ed,
            "services_dva": M[:, 3] * ed,
        },
        index=pd.Index(d.codes, name="code"),
    )
    unit = table.meta.unit
    by_sector = _caption(_with_shares(df), unit, Message("title.tiva.by_sector"))
    content = _service_content(table, p.va, serv, ed)
    by_cluster = _group_rows(df, groups, None) if groups else None
    if by_cluster is not None:
        _caption(by_cluster, unit, Message("title.tiva.by_cluster"))
    services_df = _services_frame(table, content, serv, groups, np.ones(d.n, dtype=bool))
    services_df.attrs.update(unit=unit, title=Message("title.tiva.services"))
    return TradeInValueAdded(by_sector=by_sector, by_cluster=by_cluster, services=services_df,
                             unit=unit)  # fmt: skip


def _service_content(
    table: IOTable, va: FloatArray, serv: Sequence[int], exports: FloatArray
) -> FloatArray:
    """:math:`v_i B_{ij} e_j` for the service sectors ``i`` (rows) and every exporting
    sector ``j`` (columns): one transposed solve with one right-hand side per service."""
    if not len(serv):
        return np.zeros((0, table.n))
    rhs = np.zeros((table.n, len(serv)))
    rhs[np.asarray(serv), np.arange(len(serv))] = va[np.asarray(serv)]
    W = np.asarray(table.leontief.solve_transposed(rhs)).reshape(table.n, len(serv))
    return np.asarray(W.T * exports[None, :])


def _multiregional(
    table: IOTable,
    b: RegionBlocks,
    groups: Mapping[str, Sequence[int]],
    serv: Sequence[int],
    detail: Sequence[str] | None,
) -> TradeInValueAdded:
    d = b.table
    R, N = b.R, d.n
    p = primary_inputs(d)
    region = np.repeat(np.arange(R), b.n)
    in_serv = np.zeros(N, dtype=bool)
    in_serv[list(serv)] = True
    rhs = np.zeros((N, 2 * R + 3))
    rhs[np.arange(N), region] = p.va  # value added of each origin region
    rhs[np.arange(N), R + region] = np.where(in_serv, p.va, 0.0)  # its services
    rhs[:, 2 * R] = p.imp
    rhs[:, 2 * R + 1] = p.other
    rhs[:, 2 * R + 2] = np.where(in_serv, p.va, 0.0)
    P = np.asarray(d.leontief.solve_transposed(rhs))
    e_int = b.intermediate_exports(d.x)
    e_fnl = b.final_exports
    e = e_int + e_fnl
    own = P[np.arange(N), region]
    own_serv = P[np.arange(N), R + region]
    df = pd.DataFrame(
        {
            "region": [b.regions[k] for k in region],
            "sector": list(d.tags[SECTOR_TAG]),
            "name": list(d.names),
            "exports": e,
            "exports_intermediate": e_int,
            "exports_final": e_fnl,
            "dva": own * e,
            "fva": (P[:, :R].sum(axis=1) - own + P[:, 2 * R]) * e,
            "other": P[:, 2 * R + 1] * e,
            "services_dva": own_serv * e,
            "services_fva": (P[:, 2 * R + 2] - own_serv) * e,
        },
        index=pd.Index(d.codes, name="code"),
    )
    unit = table.meta.unit
    by_sector = _caption(_with_shares(df), unit, Message("title.tiva.by_sector"))
    keys = np.array(b.regions, dtype=object)[region]
    by_cluster = _group_rows(df, groups, keys) if groups else None
    if by_cluster is not None:
        _caption(by_cluster, unit, Message("title.tiva.by_region_cluster"))
    origin = np.vstack([(P[:, :R] * e[:, None]).T, P[:, 2 * R] * e, P[:, 2 * R + 1] * e])
    origins = pd.DataFrame(
        np.asarray([origin[:, region == s].sum(axis=1) for s in range(R)]).T,
        index=pd.Index([*b.regions, OUTSIDE, "other"], name="origin"),
        columns=pd.Index(b.regions, name="exporter"),
    )
    origins.attrs.update(unit=unit, title=Message("title.tiva.origins"))
    by_region = _region_totals(df, origins, b, unit)
    chosen = list(b.regions) if detail is None else [b.regions[b.region_index(r)] for r in detail]
    rows = [i for i in serv if b.regions[region[i]] in chosen]
    content = np.zeros((len(rows), N))
    for s in sorted({int(region[i]) for i in rows}):
        mine = [k for k, i in enumerate(rows) if region[i] == s]
        cols = b.block(s)
        part = _service_content(d, p.va, [rows[k] for k in mine], np.where(region == s, e, 0.0))
        content[np.asarray(mine)[:, None], np.arange(N)[cols][None, :]] = part[:, cols]
    services_df = _services_frame(d, content, rows, groups, np.isin(region, [
        b.regions.index(r) for r in chosen]))  # fmt: skip
    services_df.attrs.update(unit=unit, title=Message("title.tiva.services"))
    return TradeInValueAdded(
        by_sector=by_sector,
        by_cluster=by_cluster,
        services=services_df,
        by_region=by_region,
        origins=origins,
        final_demand=_final_demand(d, b, p.va, p.imp, p.other, unit),
        unit=unit,
    )


def _region_totals(
    df: pd.DataFrame, origins: pd.DataFrame, b: RegionBlocks, unit: str
) -> pd.DataFrame:
    amounts = [c for c in _AMOUNTS if c in df]
    tot = df.groupby("region", sort=False)[amounts].sum().reindex(list(b.regions))
    va = origins.loc[list(b.regions), list(b.regions)].to_numpy()
    tot["dvafx"] = va.sum(axis=1) - np.diagonal(va)  # own value added in others' exports
    tot = _with_shares(tot)
    back, fwd = tot["fva_share"].to_numpy(), tot["dvafx_share"].to_numpy()
    tot["gvc_participation"] = back + fwd
    tot["gvc_position"] = np.log1p(fwd) - np.log1p(back)
    tot.index.name = "region"
    return _caption(tot, unit, Message("title.tiva.gvc"))


def _final_demand(
    d: IOTable, b: RegionBlocks, va: FloatArray, imp: FloatArray, other: FloatArray, unit: str
) -> pd.DataFrame:
    """Value added of each origin absorbed in each destination's final demand: one solve
    with one right-hand side per destination (Johnson & Noguera 2012)."""
    X = np.asarray(d.leontief.solve(b.Y)).reshape(d.n, b.D)
    rows = [b.blocks(va[:, None] * X)[r].sum(axis=0) for r in range(b.R)]
    rows += [(imp[:, None] * X).sum(axis=0), (other[:, None] * X).sum(axis=0)]
    df = pd.DataFrame(
        np.vstack(rows),
        index=pd.Index([*b.regions, OUTSIDE, "other"], name="origin"),
        columns=pd.Index(list(b.destinations), name="destination"),
    )
    df.attrs.update(unit=unit, title=Message("title.tiva.destinations"))
    return df
