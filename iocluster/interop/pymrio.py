"""Move tables to and from pymrio (optional: ``pip install pymrio``).

:func:`from_pymrio` turns an ``IOSystem`` into an :class:`IOTable`: the whole
multi-region system with ``"region/sector"`` codes and the tags ``region`` and
``sector`` (the multiregional table every interregional analysis takes), or one region's
national table (other regions' rows become its imports). The ``factor_inputs`` extension becomes the
primary inputs ``V``; every other extension's rows become satellite rows ``F``.
:func:`to_pymrio` goes the other way (domestic flows; imported inputs as a
``factor_inputs`` row).

References
----------
Stadler, K. (2021). Pymrio — a Python based multi-regional input-output analysis
toolbox. *Journal of Open Research Software* 9(1), 8.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from iocluster.errors import InputError
from iocluster.io.formats._mrio import multiregional_table, national_table
from iocluster.table import IOTable, TableMeta

__all__ = ["from_pymrio", "to_pymrio"]

_FD_WORDS = (
    ("household", "household"),
    ("npish", "npish"),
    ("non-profit", "npish"),
    ("government", "government"),
    ("fixed capital", "investment"),
    ("inventor", "inventories"),
    ("valuables", "inventories"),
    ("export", "exports"),
)


def _pymrio() -> Any:
    try:
        import pymrio
    except ImportError as exc:
        raise InputError(
            "pymrio is not installed; install it with 'pip install pymrio' to use this"
        ) from exc
    return pymrio


def _fd_role(name: str) -> str:
    low = name.lower()
    return next((role for word, role in _FD_WORDS if word in low), "other")


def _flat(label: object) -> str:
    return "/".join(str(p) for p in label) if isinstance(label, tuple) else str(label)


def from_pymrio(io: Any, region: str | None = None) -> IOTable:
    """An :class:`IOTable` from a pymrio ``IOSystem``.

    Parameters
    ----------
    io : pymrio.IOSystem
        Not modified (flows are computed on a copy when only coefficients are set).
    region : str, optional
        Read this region's national table; default: the whole system with codes
        ``"region/sector"`` and final-demand categories ``"region/category"``.
    """
    pymrio = _pymrio()
    if io.Z is None or io.Y is None or io.x is None:
        io = io.copy()
        io.calc_system()
    Z, Y = io.Z.astype(float), io.Y.astype(float)
    x = pd.Series(np.asarray(io.x).ravel(), index=Z.index)
    exts = {name: getattr(io, name) for name in io.get_extensions()}
    fi = exts.pop("factor_inputs", None)
    if fi is not None and fi.F is not None:
        V = fi.F.astype(float).reindex(columns=Z.columns).fillna(0.0)
        V.index = [_flat(i) for i in V.index]
    else:
        V = pd.DataFrame(
            [x.to_numpy() - Z.sum(axis=0).to_numpy()], index=["value_added"], columns=Z.columns
        )
    F_rows, units = [], []
    for name, ext in exts.items():
        if ext.F is None:
            continue
        for idx, row in ext.F.astype(float).iterrows():
            F_rows.append(row.reindex(Z.columns).fillna(0.0).rename(f"{name}: {_flat(idx)}"))
            unit = (
                ext.unit.loc[idx].iloc[0] if ext.unit is not None and idx in ext.unit.index else ""
            )
            units.append(str(unit))
    F = pd.DataFrame(F_rows) if F_rows else None
    unit = _one_unit(io)
    meta = TableMeta(title=str(getattr(io, "name", "") or "pymrio system"), scale=unit,
                     source=f"pymrio {pymrio.__version__} IOSystem")  # fmt: skip
    va_roles = {r: "value_added" for r in V.index}
    cats = [str(c) for c in dict.fromkeys(Y.columns.get_level_values(-1))]
    fd_roles = {c: _fd_role(c) for c in cats}
    if region is not None:
        return national_table(
            Z, Y, V, x, region, fd_roles=fd_roles, va_roles=va_roles,
            F=F, satellite_units=units, meta=meta,
        )  # fmt: skip
    return multiregional_table(
        Z, Y, V, x, fd_roles=fd_roles, va_roles=va_roles, F=F, satellite_units=units, meta=meta
    )


def _one_unit(io: Any) -> str:
    """The system's one monetary unit ("" when it states none).

    Raises
    ------
    InputError
        The system's sectors are in more than one unit (a hybrid table): the value-added
        analyses need one monetary unit throughout.
    """
    table = getattr(io, "unit", None)
    if table is None or not len(table):
        return ""
    col = table.iloc[:, 0].astype(str)
    units = list(dict.fromkeys(col))
    if len(units) > 1:
        first = {u: _flat(col.index[list(col).index(u)]) for u in units}
        shown = "; ".join(
            f"'{u}' ({int((col == u).sum())} sectors, e.g. {first[u]})" for u in units[:3]
        )
        name = str(getattr(io, "name", "") or "pymrio system")
        raise InputError(
            f"{name}: mixed units {shown}; expected one monetary unit for every region and sector"
        )
    return units[0]


def _split(labels: tuple[str, ...], default: str) -> pd.MultiIndex:
    if labels and all("/" in s for s in labels):
        return pd.MultiIndex.from_tuples([tuple(s.split("/", 1)) for s in labels])
    return pd.MultiIndex.from_tuples([(default, s) for s in labels])


def to_pymrio(table: IOTable) -> Any:
    """A pymrio ``IOSystem`` holding the table's domestic flows and accounts.

    Codes ``"region/sector"`` become pymrio's (region, sector) index; otherwise the
    region is ``meta.region`` (or ``"region"``). ``V`` (with imported inputs as a row
    for a table with import matrices) is the ``factor_inputs`` extension; satellite rows
    are the ``satellites`` extension.
    """
    pymrio = _pymrio()
    d = table.domestic()
    reg = table.meta.region or "region"
    idx = _split(table.codes, reg)
    idx.names = ["region", "sector"]
    cidx = _split(table.fd_names, reg)
    cidx.names = ["region", "category"]
    Z = pd.DataFrame(np.array(d.Z), index=idx, columns=idx)
    Y = pd.DataFrame(np.array(d.Y), index=idx, columns=cidx)
    V = np.array(d.V)
    names = list(d.va_names)
    if d.Zm is not None:
        V = np.vstack([V, d.Zm.sum(axis=0)])
        names.append("imported inputs")
    fi = pd.DataFrame(V, index=pd.Index(names, name="inputtype"), columns=idx)
    unit = table.meta.unit
    exts: dict[str, Any] = {
        "factor_inputs": {
            "name": "Factor Inputs",
            "F": fi,
            "unit": pd.DataFrame({"unit": unit}, index=fi.index),
        }
    }
    if table.satellite_names:
        F = pd.DataFrame(
            np.array(table.F), index=pd.Index(table.satellite_names, name="stressor"), columns=idx
        )
        exts["satellites"] = {
            "name": "Satellites",
            "F": F,
            "unit": pd.DataFrame({"unit": list(table.satellite_units)}, index=F.index),
        }
    io = pymrio.IOSystem(
        Z=Z, Y=Y, x=pd.DataFrame({"indout": np.array(table.x)}, index=idx),
        unit=pd.DataFrame({"unit": unit}, index=idx), name=table.meta.title or "iocluster table",
        **exts,
    )  # fmt: skip
    return io
