"""Build the interregional table of R regions × n sectors from a national table.

:func:`build_interregional` (see its docstring for every assumption, also stated in
``meta.assumptions`` of the table it returns). The result is an ordinary
:class:`~iocluster.table.IOTable` of R × n sectors whose codes are region-qualified
(``fergana/C13.1``) and whose tags ``region`` and ``sector`` carry each sector's region
key and national code, so every analysis, scenario and writer works on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np

from iocluster.core.budget import SECTORS
from iocluster.core.choices import LQMethod
from iocluster.core.engine import FloatArray, as_dense
from iocluster.core.messages import Message, render
from iocluster.errors import RegionalDataError
from iocluster.regional.data import RegionalData
from iocluster.regional.interregional.gravity import DEFAULT_BETA, distance_decay
from iocluster.regional.interregional.regions import Regions
from iocluster.regional.interregional.trade import TradePattern, trade_pattern
from iocluster.regional.regionalize import (
    DEFAULT_DELTA,
    _check_delta,
    _check_method,
    _describe,
    location_quotient_matrix,
)
from iocluster.table import IOTable, TableMeta

__all__ = [
    "REGION_TAG",
    "SECTOR_TAG",
    "build_interregional",
    "check_size",
    "interregional_trade",
    "qualified_code",
    "regional_shares",
]

#: The tag holding each sector's region key, and the one holding its national code.
REGION_TAG = "region"
SECTOR_TAG = "sector"
SEP = "/"


def qualified_code(region: str, code: str) -> str:
    """The interregional table's code of a national sector in a region.

    >>> qualified_code("fergana", "C13.1")
    'fergana/C13.1'
    """
    return f"{region}{SEP}{code}"


def regional_shares(values: FloatArray) -> FloatArray:
    """Each region's share :math:`s^r_i = E^r_i / \\sum_q E^q_i` of each sector (n × R).

    A sector no region reports is shared by the regions' totals
    :math:`E^r / \\sum_q E^q`. Shares sum to 1 over regions, so regional outputs add up
    to national output exactly.

    >>> regional_shares(np.array([[1.0, 3.0], [0.0, 0.0]])).tolist()
    [[0.25, 0.75], [0.25, 0.75]]
    """
    v = np.asarray(values, dtype=np.float64)
    tot = v.sum(axis=1, keepdims=True)
    size = v.sum(axis=0) / v.sum()
    return np.where(tot > 0, v / np.where(tot > 0, tot, 1.0), size[None, :])


def _own_values(lq: FloatArray) -> FloatArray:
    return np.diagonal(lq).copy()


def build_interregional(
    table: IOTable,
    data: RegionalData,
    regions: Regions,
    *,
    beta: float = DEFAULT_BETA,
    delta: float = DEFAULT_DELTA,
    method: LQMethod | str = "flq",
    fd_weights: Mapping[str, float] | None = None,
) -> IOTable:
    """The interregional table of the regions of ``data`` (Isard's model, Miller & Blair
    2009, §3.3, estimated from a national table).

    Assumptions (stated in ``meta.assumptions``):

    - regional output :math:`x^r_i = x_i s^r_i` with the shares of
      :func:`regional_shares` (so regional outputs sum to national output);
    - regional technology = national: every sector in every region uses
      :math:`a_{ij}` of product :math:`i` per unit of output, whatever region supplies it;
      primary inputs, imports from abroad and satellite rows keep their national
      coefficients;
    - foreign exports of a product are made where it is made (share :math:`s^r_i`);
      residents' final demand (every other category) by the region's share
      :math:`w^r` of ``fd_weights`` (default: its share of the measure of ``data``,
      employment);
    - self-supply by location quotients (``method``, FLQ with δ by default, as
      :func:`iocluster.regional.regionalize.regionalize`), the rest traded by the
      doubly constrained gravity model with distance decay ``beta``
      (:mod:`.trade`, :mod:`.gravity`).

    The intermediate block from region :math:`r` to region :math:`s` is

    .. math:: z^{rs}_{ij} = \\begin{cases} \\ell^s_{ij} x^s_j & r = s \\\\
              (a_{ij} - \\ell^s_{ij})\\, x^s_j\\, t^{rs}_i / P^s_i & r \\ne s \\end{cases}

    with :math:`\\ell^s_{ij}` the local coefficients (:class:`.trade.TradePattern`). So
    :math:`\\sum_r z^{rs}_{ij} = a_{ij} x^s_j` and the sum of the table over regions is
    the national domestic table (Z, Y, V, F, x) to rounding.

    Parameters
    ----------
    table : IOTable
        The national table (a total-use table is split into domestic and imported use,
        :meth:`IOTable.domestic`).
    data : RegionalData
        Regional employment (or output) by sector, aligned to ``table``.
    regions : Regions
        The regions of ``data`` with their centres (for distances); matched by key, ISO
        code or name.
    beta : float
        Distance decay β >= 0 (default 1, :data:`.gravity.DEFAULT_BETA`).
    delta, method
        Location quotients for self-supply (default FLQ, δ = 0.3).
    fd_weights : mapping, optional
        Region (key or name) → population or household income, for residents' final
        demand.

    Returns
    -------
    IOTable
        R × n sectors, codes ``region/code``, tags ``region`` and ``sector``; final
        demand ``region/category`` for every national category; primary inputs as
        nationally plus ``imports_from_abroad`` (role ``imports``) when the nation imports.
    """
    method = _check_method(method)
    regs, s, w, x, tp = interregional_trade(
        table, data, regions, beta=beta, delta=delta, method=method, fd_weights=fd_weights
    )
    keys = regs.keys
    nreg, n = len(keys), table.n
    d = table.domestic()
    A = as_dense(table.A)
    Z = _intermediate(A, x, tp)
    Y, fd_names, fd_roles = _final_demand(d, s, w, tp, keys)
    V, va_names, va_roles = _primary(table, d, x)
    F = (
        (table.coefficients(d.F)[:, :, None] * x[None, :, :])
        .transpose(0, 2, 1)
        .reshape(len(d.satellite_names), nreg * n)
    )
    codes = [qualified_code(k, c) for k in keys for c in table.codes]
    # the region's name in the language of the table's names (Cyrillic: Russian)
    cyrillic = sum(any("\u0400" <= ch <= "\u04ff" for ch in nm) for nm in table.names)
    lang = "ru" if 2 * cyrillic > len(table.names) else "en"
    names = [f"{nm} ({r.name(lang)})" for r in regs.regions for nm in table.names]
    labels = [qualified_code(k, lab) for k in keys for lab in table.labels]
    tags = _tags(table, keys)
    for lang in ("en", "ru", "uz"):  # the regions' names, for reports in each language
        tags[f"region_{lang}"] = [r.name(lang) for r in regs.regions for _ in table.codes]
    meta = _meta(table, data, regs, beta, delta, method, tp, fd_weights is not None)
    return IOTable.from_arrays(
        Z=Z,
        Y=Y,
        V=V,
        x=x.T.reshape(-1),
        codes=codes,
        names=names,
        labels=labels,
        fd_names=fd_names,
        fd_roles=fd_roles,
        va_names=va_names,
        va_roles=va_roles,
        F=F,
        satellite_names=d.satellite_names,
        satellite_units=d.satellite_units,
        kind="domestic",
        tags=tags,
        meta=meta,
    )


def check_size(regions: int, sectors: int) -> None:
    """Refuse, before anything is built, an interregional table of more sectors
    (regions × sectors) than the sector budget (``IOCLUSTER_MAX_SECTORS``): its dense
    blocks and the gravity flows grow with the square of that.

    >>> check_size(14, 136)
    """
    SECTORS.check(
        regions * sectors,
        f"{regions:,} regions × {sectors:,} sectors: the interregional table's number of sectors",
        hint="give fewer regions, or aggregate the table's sectors first (iocluster aggregate)",
    )


def interregional_trade(
    table: IOTable,
    data: RegionalData,
    regions: Regions,
    *,
    beta: float = DEFAULT_BETA,
    delta: float = DEFAULT_DELTA,
    method: LQMethod | str = "flq",
    fd_weights: Mapping[str, float] | None = None,
) -> tuple[Regions, FloatArray, FloatArray, FloatArray, TradePattern]:
    """The regions of ``data``, the shares :math:`s^r_i` (n × R), final-demand weights
    :math:`w^r`, regional output (n × R) and the trade pattern
    (:func:`.trade.trade_pattern`) that :func:`build_interregional` turns into a table."""
    method = _check_method(method)
    _check_delta(delta)
    if tuple(data.codes) != tuple(table.codes):
        raise RegionalDataError(Message("regional.other_sectors"))
    check_size(len(data.regions), table.n)
    regs = regions.subset(list(data.regions))
    nreg = len(regs.regions)
    d = table.domestic()
    A = as_dense(table.A)
    E = np.asarray(data.values, dtype=np.float64)
    nat = np.asarray(data.national, dtype=np.float64)
    s = regional_shares(E)
    w = _weights(regs, E, fd_weights)
    x = np.asarray(table.x)[:, None] * s
    exp = np.array([r == "exports" for r in d.fd_roles], dtype=bool)
    e = d.Y[:, exp].sum(axis=1)[:, None] * s
    Yres = d.Y[:, ~exp]
    final = np.where(Yres > 0, Yres, 0.0).sum(axis=1)[:, None] * w[None, :]
    drawn = np.where(Yres < 0, Yres, 0.0).sum(axis=1)[:, None] * s
    lqs = [location_quotient_matrix(E[:, k], nat, method, delta) for k in range(nreg)]
    R = np.stack([A * np.minimum(1.0, q) for q in lqs])
    own = np.stack([_own_values(q) for q in lqs], axis=1)
    seed = distance_decay(regs.distances(), beta) if nreg > 1 else np.zeros((1, 1))
    tp = trade_pattern(A, R, own, x, e + drawn, final, seed, products=table.codes)
    return regs, s, w, x, tp


def _weights(regs: Regions, E: FloatArray, fd_weights: Mapping[str, float] | None) -> FloatArray:
    if fd_weights is None:
        tot = E.sum(axis=0)
        return tot / tot.sum()
    w = np.zeros(len(regs.regions))
    given = {regs.find(k).key: float(v) for k, v in fd_weights.items()}
    for k, r in enumerate(regs.regions):
        if r.key not in given:
            raise RegionalDataError(Message("regional.weight_missing", region=r.key))
        if not np.isfinite(given[r.key]) or given[r.key] < 0:
            said = Message("regional.weight_negative", region=r.key, value=float(given[r.key]))
            raise RegionalDataError(said)
        w[k] = given[r.key]
    if w.sum() <= 0:
        raise RegionalDataError(Message("regional.weights_zero"))
    return w / w.sum()


def _intermediate(A: FloatArray, x: FloatArray, tp: TradePattern) -> FloatArray:
    n, nreg = x.shape
    Z = np.empty((nreg * n, nreg * n))
    for t in range(nreg):
        loc = tp.local_intermediate[t] * x[None, :, t]
        rest = A * x[None, :, t] - loc  # (n, n), bought from other regions
        block = tp.origin[:, :, t].T[:, :, None] * rest[None, :, :]  # (R, n, n)
        block[t] += loc
        Z[:, t * n : (t + 1) * n] = block.reshape(nreg * n, n)
    return Z


def _final_demand(
    d: IOTable, s: FloatArray, w: FloatArray, tp: TradePattern, keys: Sequence[str]
) -> tuple[FloatArray, list[str], list[str]]:
    n, nreg = s.shape
    k = len(d.fd_names)
    Y = np.zeros((nreg * n, nreg * k))
    names, roles = [], []
    for t, key in enumerate(keys):
        for c, (nm, role) in enumerate(zip(d.fd_names, d.fd_roles, strict=True)):
            col = t * k + c
            names.append(qualified_code(key, nm))
            roles.append(role)
            if role == "exports":
                Y[t * n : (t + 1) * n, col] = d.Y[:, c] * s[:, t]
                continue
            # negative final demand (inventory drawdowns) is where the product is made
            # (share s) and stays in that region
            f = np.where(d.Y[:, c] < 0, d.Y[:, c] * s[:, t], d.Y[:, c] * w[t])
            loc = np.where(f > 0, tp.local_final[:, t] * f, f)
            by_origin = tp.origin[:, :, t] * (f - loc)[:, None]  # (n, R)
            by_origin[:, t] += loc
            Y[:, col] = by_origin.T.reshape(-1)
    return Y, names, roles


def _primary(table: IOTable, d: IOTable, x: FloatArray) -> tuple[FloatArray, list[str], list[str]]:
    rows = [table.coefficients(d.V)]
    names, roles = list(d.va_names), list(d.va_roles)
    if d.Zm is not None:
        rows.append(table.coefficients(d.Zm.sum(axis=0))[None, :])
        names.append("imports_from_abroad")
        roles.append("imports")
    coef = np.vstack(rows)  # (rows, n)
    V = (coef[:, :, None] * x[None, :, :]).transpose(0, 2, 1).reshape(coef.shape[0], -1)
    return V, names, roles


def _tags(table: IOTable, keys: Sequence[str]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {
        REGION_TAG: [k for k in keys for _ in table.codes],
        SECTOR_TAG: [c for _ in keys for c in table.codes],
    }
    for name, values in table.tags.items():
        if name in (REGION_TAG, SECTOR_TAG):
            continue
        if name in ("cluster", "clusters"):
            tags[name] = [
                "; ".join(
                    [*parts, *(f"{k}_{p}" for p in parts)]
                    if (parts := [p.strip() for p in v.split(";") if p.strip()])
                    else []
                )
                for k in keys
                for v in values
            ]
        else:
            tags[name] = [v for _ in keys for v in values]
    return tags


def _meta(
    table: IOTable,
    data: RegionalData,
    regs: Regions,
    beta: float,
    delta: float,
    method: str,
    tp: TradePattern,
    weighted: bool,
) -> TableMeta:
    m = table.domestic().meta
    tail = render(Message("regional.title_tail", n=len(regs.regions)), "en")
    title = f"{m.title} — {tail}".lstrip(" —")
    employment = data.measure != "output"
    texts = [
        Message(
            "regional.interregional_table", n=len(regs.regions), keys=regs.keys,
            measure=Message("regional.from_employment")
            if employment
            else Message("regional.from_output"),
            source=data.source,
        ),
        Message("regional.national_technology"),
        Message(
            "regional.final_demand",
            weights=Message("regional.share_of_weights")
            if weighted
            else Message("regional.share_of_employment")
            if employment
            else Message("regional.share_of_output"),
        ),
        Message(
            "regional.self_supply", method=_describe(method, delta), n=int(tp.capped.sum())
        ),
        Message("regional.gravity", beta=float(beta)),
    ]  # fmt: skip
    for t in texts:
        m = m.with_assumption(t)
    if data.illustrative:
        m = m.with_illustrative(data.illustrative)
    return dataclasses.replace(m, title=title, region="")
