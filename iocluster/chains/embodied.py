"""Embodied value added, jobs and imports: where a target's final demand creates them.

For a final-demand vector ``y`` the output it requires is ``x_y = L y`` and the value
added it generates in each sector is ``v̂ L y`` with ``v = VA / x`` (Miller & Blair 2009,
§6.2; the value-added decomposition of final demand behind OECD TiVA, e.g.
Koopman, Wang & Wei 2014, and Johnson & Noguera 2012). Per category the matrix is
``v̂ L Yᵈ``. For exports, the domestic value-added content is ``vᵀ L e / 1ᵀe`` and its
services share the part created in service sectors. Imported inputs embodied are
``mᵀ L y`` with ``m = imported inputs / x``.

Where a table's columns do not close (output > intermediate inputs + value added, as in
the Uzbekistan 2022 table that omits net taxes on products), the unexplained part of the
target's final demand is reported as ``unallocated`` instead of being hidden.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 6.

Johnson, R. C. and Noguera, G. (2012). Accounting for intermediates: production sharing
and trade in value added. *Journal of International Economics* 86, 224–236.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iocluster.chains.targets import Target, default_services, intensity
from iocluster.core.messages import Message
from iocluster.table import IOTable

__all__ = ["Embodied", "embodied", "embodied_by_category"]


def embodied_by_category(table: IOTable, row: str = "value_added") -> pd.DataFrame:
    """``f̂ L Yᵈ``: the row (value added, jobs, …) each category's demand creates in each sector.

    .. math:: E = \\hat f\\, L\\, Y^d

    Column sums equal ``fᵀ L Yᵈ``; for value added, with a table whose columns close,
    they sum over categories to total value added.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> embodied_by_category(miller_blair_2_3()).round(1)["final_demand"].tolist()
    [650.0, 1400.0]
    """
    f = np.asarray(intensity(table, row))
    X = table.leontief.solve(np.asarray(table.domestic().Y))
    E = f[:, None] * X
    df = pd.DataFrame(E, index=pd.Index(table.codes, name="code"), columns=list(table.fd_names))
    df["total"] = df.sum(axis=1)
    df.attrs["unit"] = _unit(table, row)
    df.attrs["title"] = Message("title.embodied_by_category", row=row)
    return df


@dataclass(frozen=True)
class Embodied:
    """What a target's final demand embodies.

    Attributes
    ----------
    sectors : DataFrame
        By sector: ``output`` (``L y``), ``value_added``, ``imported_inputs`` and one
        column per satellite row.
    groups : DataFrame
        Value added by group (clusters, services, the target's own sectors, the rest):
        ``value_added`` and ``share`` of the target's value added.
    summary : DataFrame
        Indicators (rows) in column ``value``: final demand, domestic value added and
        its share of final demand, services value added and its share, imported inputs
        and the import content, unallocated, and jobs.
    """

    sectors: pd.DataFrame
    groups: pd.DataFrame
    summary: pd.DataFrame


def embodied(
    table: IOTable,
    target: Target,
    *,
    services: Sequence[int] | None = None,
    groups: Mapping[str, Sequence[int]] | None = None,
) -> Embodied:
    """Value added, imports and satellite flows embodied in a target's final demand.

    .. math:: x_y = L y,\\quad VA = \\hat v\\, x_y,\\quad
              \\text{DVA share} = \\frac{v^\\top L y}{1^\\top y},\\quad
              \\text{services share} = \\frac{\\sum_{i \\in S} v_i (L y)_i}{v^\\top L y}

    Parameters
    ----------
    services : sequence of int, optional
        Positions of service sectors; default NACE sections G–T
        (:func:`~iocluster.chains.targets.default_services`).
    groups : mapping, optional
        Named clusters (positions) to aggregate value added over.

    Examples
    --------
    Miller & Blair (2009) Table 2.3: all value added is embodied in final demand.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.chains.targets import resolve_target
    >>> t = miller_blair_2_3()
    >>> e = embodied(t, resolve_target(t, "final_demand"), services=[])
    >>> round(float(e.summary.loc["domestic value added share", "value"]), 12)
    1.0
    """
    y = np.asarray(target.y, dtype=np.float64)
    xy = table.leontief.solve(y)
    v = np.asarray(table.coefficients(table.value_added))
    mco = np.asarray(table.coefficients(table.imported_inputs))
    va = v * xy
    imp = mco * xy
    idx = pd.Index(table.codes, name="code")
    sectors = pd.DataFrame({"output": xy, "value_added": va, "imported_inputs": imp}, index=idx)
    for name in table.satellite_names:
        sectors[name] = np.asarray(table.coefficients(table.satellite(name))) * xy
    sectors.attrs["unit"] = table.meta.unit
    sectors.attrs["title"] = Message("title.embodied_in", name=target.name)

    serv = list(default_services(table) if services is None else services)
    total_va = float(va.sum())
    fd = float(y.sum())
    grp: dict[str, Sequence[int]] = dict(groups or {})
    grp.setdefault("services", serv)
    grp.setdefault("target sectors", list(target.sectors))
    in_any = np.zeros(table.n, dtype=bool)
    for members in grp.values():
        in_any[list(members)] = True
    grp["other sectors"] = list(np.flatnonzero(~in_any))
    gva = {k: float(va[list(m)].sum()) for k, m in grp.items()}
    groups_df = pd.DataFrame(
        {
            "value_added": gva,
            "share": {k: _ratio(g, total_va) for k, g in gva.items()},
        }
    )
    groups_df.index.name = "group"
    groups_df.attrs["unit"] = table.meta.unit

    serv_va = float(va[serv].sum()) if serv else 0.0
    rows: dict[str, float] = {
        "final demand": fd,
        "domestic value added": total_va,
        "domestic value added share": _ratio(total_va, fd),
        "services value added": serv_va,
        "services share of value added": _ratio(serv_va, total_va),
        "imported inputs": float(imp.sum()),
        "import content": _ratio(float(imp.sum()), fd),
        "unallocated": fd - total_va - float(imp.sum()),
        "output": float(xy.sum()),
    }
    for name in table.satellite_names:
        rows[name] = float(sectors[name].sum())
    summary = pd.DataFrame({"value": rows})
    summary.index.name = "indicator"
    summary.attrs["unit"] = table.meta.unit
    summary.attrs["title"] = Message("title.value_added_content", name=target.name)
    return Embodied(sectors=sectors, groups=groups_df, summary=summary)


def _ratio(a: float, b: float) -> float:
    return a / b if b != 0 else float("nan")


def _unit(table: IOTable, name: str) -> str:
    if name in table.satellite_names:
        return table.satellite_units[table.satellite_names.index(name)] or name
    return table.meta.unit
