"""Regional tables from a national table by location quotients (Miller & Blair 2009, §8.3).

Most countries publish only a national table. A regional table is estimated by scaling
the national domestic coefficients down where the region is less specialised than the
nation: the regional purchase coefficient is

.. math:: r_{ij} = a_{ij} \\min(1, LQ_{ij}),

and the remainder :math:`a_{ij} - r_{ij}` is bought from the rest of the country
(inflows). Four quotients are offered, computed from a regional and a national
reference measure (employment, or output) by sector, with :math:`E^r_i, E^n_i` the
regional and national values and :math:`E^r, E^n` their totals:

- simple (SLQ): :math:`SLQ_i = (E^r_i / E^r) / (E^n_i / E^n)`, the same for every column;
- cross-industry (CILQ): :math:`CILQ_{ij} = SLQ_i / SLQ_j`, with :math:`SLQ_i` on the
  diagonal (Miller & Blair 2009, eq. 8.23 and the convention that follows it);
- Flegg (FLQ): :math:`FLQ_{ij} = \\lambda^* CILQ_{ij}` with
  :math:`\\lambda^* = [\\log_2(1 + E^r/E^n)]^{\\delta}`, :math:`0 \\le \\delta < 1`
  (Flegg, Webber & Elliott 1995; Flegg & Webber 1997); :math:`\\lambda^* SLQ_i` on the
  diagonal;
- augmented Flegg (AFLQ): :math:`AFLQ_{ij} = FLQ_{ij} \\log_2(1 + SLQ_j)` where
  :math:`SLQ_j > 1`, else :math:`FLQ_{ij}` (Flegg & Webber 2000).

How the rest of the regional table is built (stated in ``meta.assumptions`` of every
regional table):

- regional output :math:`x^r_i = x_i E^r_i / E^n_i` (national output per unit of the
  measure), or the regional values themselves when the measure is output;
- primary inputs, imports from abroad and satellite rows keep their national
  coefficients per unit of output;
- the coefficient remainder becomes one primary-input row ``inflows_rest_of_country``
  (role ``imports``): :math:`\\sum_i (a_{ij} - r_{ij}) x^r_j`, so the column identity
  holds wherever it holds nationally;
- final demand: exports scale with the region's share of the product
  (:math:`E^r_i / E^n_i`), the other categories (residents' demand) with the region's
  share of the measure (:math:`E^r / E^n`); a column ``net_outflows_rest_of_country``
  closes each row (it is negative where the region is a net buyer of the product). That
  column has the role ``interregional``, not ``exports``: it is a balancing item of
  domestic trade, so a shock to (foreign) exports never scales it, and impact totals
  report it apart ("net sales to other regions").

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, §8.3.
Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location
quotients in generating regional input-output tables. *Regional Studies* 29(6), 547–561.
Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in
generating regional input-output tables: reply. *Regional Studies* 31(8), 795–805.
Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and the FLQ
formula. *Regional Studies* 34(6), 563–569.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import get_args

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from iocluster.core.choices import LQMethod
from iocluster.core.engine import FloatArray, as_dense, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import InputError, RegionalDataError
from iocluster.model.leontief import leontief_column_sums
from iocluster.regional.data import RegionalData
from iocluster.table import IOTable

__all__ = [
    "LQ_METHODS",
    "cluster_location_quotients",
    "flegg_lambda",
    "location_quotient_matrix",
    "regional_coefficients",
    "regional_multipliers",
    "regionalize",
    "regionalize_all",
    "simple_location_quotients",
]

#: The location-quotient methods.
LQ_METHODS: tuple[LQMethod, ...] = get_args(LQMethod)
DEFAULT_DELTA = 0.3


def _pair(regional: ArrayLike, national: ArrayLike) -> tuple[FloatArray, FloatArray]:
    r = np.asarray(regional, dtype=np.float64)
    n = np.asarray(national, dtype=np.float64)
    if r.shape != n.shape or r.ndim != 1:
        raise InputError(f"regional {r.shape} and national {n.shape} vectors must match")
    if r.sum() <= 0 or n.sum() <= 0:
        raise RegionalDataError(Message("regional.totals_positive"))
    return r, n


def simple_location_quotients(regional: ArrayLike, national: ArrayLike) -> FloatArray:
    """Simple location quotients (Miller & Blair 2009, eq. 8.20).

    .. math:: SLQ_i = \\frac{E^r_i / E^r}{E^n_i / E^n}

    Zero where the nation has none of sector ``i``.

    >>> simple_location_quotients([10, 30], [100, 100]).tolist()
    [0.5, 1.5]
    """
    r, n = _pair(regional, national)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(n > 0, (r / r.sum()) / np.where(n > 0, n / n.sum(), 1.0), 0.0)
    return frozen_array(q, copy=False)


def flegg_lambda(regional_total: float, national_total: float, delta: float) -> float:
    """Flegg's regional-size factor (Flegg & Webber 1997).

    .. math:: \\lambda^* = [\\log_2(1 + E^r / E^n)]^{\\delta}

    >>> flegg_lambda(1, 1, 0.3)
    1.0
    """
    _check_delta(delta)
    return float(np.log2(1.0 + regional_total / national_total) ** delta)


def _check_method(method: str) -> str:
    m = str(method).lower()
    if m not in LQ_METHODS:
        raise InputError(Message("regional.unknown_lq", method=m, expected="slq|cilq|flq|aflq"))
    return m


def _check_delta(delta: float) -> None:
    if not (0.0 <= delta < 1.0) or not np.isfinite(delta):
        raise InputError(Message("regional.delta_range", value=f"{delta}"))


def location_quotient_matrix(
    regional: ArrayLike,
    national: ArrayLike,
    method: LQMethod | str = "flq",
    delta: float = DEFAULT_DELTA,
) -> FloatArray:
    """The matrix :math:`LQ_{ij}` of a method (rows = supplier ``i``, columns = buyer ``j``).

    See the module docstring for the four formulas. ``delta`` is used by FLQ and AFLQ.

    Examples
    --------
    Two sectors, region 40 of 200 national workers:

    >>> location_quotient_matrix([10, 30], [100, 100], "cilq").tolist()
    [[0.5, 0.3333333333333333], [3.0, 1.5]]
    """
    method = _check_method(method)
    r, n = _pair(regional, national)
    slq = simple_location_quotients(r, n)
    k = slq.size
    if method == "slq":
        return frozen_array(np.repeat(slq[:, None], k, axis=1), copy=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        # CILQ_ij = SLQ_i / SLQ_j; an empty buyer column (SLQ_j = 0) has no regional
        # output, so its value does not matter: no cap (1 × a_ij × 0 output).
        cilq = np.where(slq[None, :] > 0, slq[:, None] / np.where(slq > 0, slq, 1.0)[None, :], 1.0)
    np.fill_diagonal(cilq, slq)
    if method == "cilq":
        return frozen_array(cilq, copy=False)
    lam = flegg_lambda(float(r.sum()), float(n.sum()), delta)
    flq = lam * cilq
    if method == "flq":
        return frozen_array(flq, copy=False)
    aug = np.where(slq > 1.0, np.log2(1.0 + slq), 1.0)
    return frozen_array(flq * aug[None, :], copy=False)


def regional_coefficients(
    A: ArrayLike,
    regional: ArrayLike,
    national: ArrayLike,
    method: LQMethod | str = "flq",
    delta: float = DEFAULT_DELTA,
) -> FloatArray:
    """Regional purchase coefficients :math:`r_{ij} = a_{ij}\\min(1, LQ_{ij})`.

    >>> regional_coefficients([[0.2, 0.1], [0.3, 0.4]], [10, 30], [100, 100], "slq").tolist()
    [[0.1, 0.05], [0.3, 0.4]]
    """
    Aarr = np.asarray(A, dtype=np.float64)
    q = location_quotient_matrix(regional, national, method, delta)
    if Aarr.shape != q.shape:
        raise InputError(f"A has shape {Aarr.shape}; expected {q.shape}")
    return frozen_array(Aarr * np.minimum(1.0, q), copy=False)


def _describe(method: str, delta: float) -> str:
    m = method.upper()
    return f"{m} (δ = {delta:g})" if method in ("flq", "aflq") else m


def regionalize(
    table: IOTable,
    data: RegionalData,
    region: str,
    method: LQMethod | str = "flq",
    delta: float = DEFAULT_DELTA,
) -> IOTable:
    """Estimate one region's table from the national ``table`` (see the module docstring).

    Parameters
    ----------
    table : IOTable
        The national table (a total-use table is split into domestic and imported use
        first, :meth:`IOTable.domestic`).
    data : RegionalData
        Regional values by sector and the national reference they compare with
        (:func:`iocluster.io.regional.read_regional_data`).
    region : str
        A column of ``data``.
    method : {"slq", "cilq", "flq", "aflq"}
    delta : float
        FLQ/AFLQ δ in [0, 1) (default 0.3).

    Returns
    -------
    IOTable
        A domestic table with ``meta.region`` set, the same sectors, primary-input rows
        ``imports_from_abroad`` (if the nation imports) and ``inflows_rest_of_country``
        (role ``imports``), and a final-demand column ``net_outflows_rest_of_country``
        (role ``interregional``).
    """
    method = _check_method(method)
    _check_delta(delta)
    if tuple(data.codes) != tuple(table.codes):
        raise RegionalDataError(Message("regional.other_sectors"))
    values = data.region(region)
    nat = np.asarray(data.national, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(nat > 0, values / np.where(nat > 0, nat, 1.0), 0.0)
    size = float(values.sum() / nat.sum())
    x = np.asarray(table.x)
    xr = values.copy() if data.measure == "output" else x * share
    d = table.domestic()
    A = as_dense(table.A)
    R = np.asarray(regional_coefficients(A, values, nat, method, delta))
    Zr = R * xr[None, :]
    # Primary inputs, foreign imports and satellites keep their national coefficients.
    va_names, va_roles = list(d.va_names), list(d.va_roles)
    rows = [table.coefficients(d.V) * xr[None, :]]
    if d.Zm is not None:
        va_names.append("imports_from_abroad")
        va_roles.append("imports")
        rows.append((table.coefficients(d.Zm.sum(axis=0)) * xr)[None, :])
    va_names.append("inflows_rest_of_country")
    va_roles.append("imports")
    rows.append(((A - R).sum(axis=0) * xr)[None, :])
    Vr = np.vstack(rows)
    Fr = table.coefficients(d.F) * xr[None, :]
    exp = np.array([r == "exports" for r in d.fd_roles], dtype=bool)
    Yr = np.where(exp[None, :], d.Y * share[:, None], d.Y * size)
    net_out = xr - Zr.sum(axis=1) - Yr.sum(axis=1)
    Yr = np.hstack([Yr, net_out[:, None]])
    name = f"{table.meta.title} — {region}" if table.meta.title else str(region)
    employment = data.measure != "output"
    meta = d.meta.with_assumption(
        Message(
            "regional.regionalised",
            region=str(region),
            method=_describe(method, delta),
            measure=Message("regional.from_employment")
            if employment
            else Message("regional.from_output"),
            source=data.source,
            row="inflows_rest_of_country",
        )
    )
    meta = meta.with_assumption(
        Message(
            "regional.regional_output",
            output=Message("regional.output_from_employment")
            if employment
            else Message("regional.output_given"),
            size=size,
            role="interregional",
        )
    )
    meta = dataclasses.replace(meta, region=str(region), title=name)
    if data.illustrative:
        meta = meta.with_illustrative(data.illustrative)
    return IOTable.from_arrays(
        Z=Zr,
        Y=Yr,
        V=Vr,
        x=xr,
        codes=table.codes,
        names=table.names,
        labels=table.labels,
        fd_names=[*d.fd_names, "net_outflows_rest_of_country"],
        fd_roles=[*d.fd_roles, "interregional"],
        va_names=va_names,
        va_roles=va_roles,
        F=Fr,
        satellite_names=d.satellite_names,
        satellite_units=d.satellite_units,
        kind="domestic",
        tags=dict(table.tags),
        meta=meta,
    )


def regionalize_all(
    table: IOTable,
    data: RegionalData,
    method: LQMethod | str = "flq",
    delta: float = DEFAULT_DELTA,
) -> dict[str, IOTable]:
    """:func:`regionalize` every region of ``data``, keyed by region."""
    return {r: regionalize(table, data, r, method, delta) for r in data.regions}


def _simple_output_multipliers(table: IOTable) -> FloatArray:
    # Column sums of L (Miller & Blair 2009, eq. 6.1).
    return leontief_column_sums(table)


def regional_multipliers(national: IOTable, regions: Mapping[str, IOTable]) -> pd.DataFrame:
    """Simple output multipliers :math:`1^T L` of the nation and each region, side by side.

    .. math:: m(o)_j = \\sum_i l_{ij}

    (Miller & Blair 2009, §6.2.1). Regional multipliers are smaller: part of each
    round of purchases leaks to the rest of the country.
    """
    cols = {"national": _simple_output_multipliers(national)}
    for name, t in regions.items():
        cols[name] = _simple_output_multipliers(t)
    df = pd.DataFrame(cols, index=pd.Index(national.codes, name="code"))
    df.attrs["unit"] = "output per unit of final demand"
    df.attrs["title"] = Message("title.regional_multipliers")
    return df


def cluster_location_quotients(
    data: RegionalData, clusters: Mapping[str, Sequence[str] | Sequence[int]]
) -> pd.DataFrame:
    """Each region's location quotient per cluster (its specialisation).

    .. math:: LQ^r_C = \\frac{\\sum_{i \\in C} E^r_i / E^r}{\\sum_{i \\in C} E^n_i / E^n}

    ``clusters`` maps a name to sector codes or prefixes (``C13*``), or to sector
    positions (as :func:`iocluster.io.clusters.read_clusters` returns). Above 1 the
    region is more specialised in the cluster than the nation.
    """
    from iocluster.core.labels import resolve_codes

    nat = np.asarray(data.national, dtype=np.float64)
    out: dict[str, dict[str, float]] = {}
    for cname, members in clusters.items():
        if all(isinstance(m, int | np.integer) for m in members):
            idx = sorted({int(m) for m in members})
        else:
            idx = resolve_codes(members, data.codes)
        nshare = nat[idx].sum() / nat.sum()
        row = {}
        for r in data.regions:
            v = data.region(r)
            row[r] = float(v[idx].sum() / v.sum() / nshare) if nshare > 0 else float("nan")
        out[cname] = row
    df = pd.DataFrame.from_dict(out, orient="index", columns=list(data.regions))
    df.index.name = "cluster"
    df.attrs["unit"] = "location quotient"
    df.attrs["title"] = Message("title.cluster_lq", measure=Message(f"lq.measure.{data.measure}"))
    return df
