"""WIOD national input-output tables (NIOT, 2016 release layout); world tables (WIOT).

A world table (:mod:`.wiot`) is read whole, as one multiregional table, or with
``country`` as that country's national table.

Columns ``Year, Code, Description, Origin``, then the industry codes (``A01`` … ``U``),
then ``CONS_h, CONS_np, CONS_g, GFCF, INVEN, EXP`` and ``GO`` (gross output). Rows with
``Origin`` ``Domestic`` are the domestic flows, ``Imports`` the imported ones (``Zm``,
``Ym``); the rows below carry codes ``II_fob`` (total, checked), ``TXSP`` (taxes less
subsidies on products), ``EXP_adj``, ``PURR``, ``PURNR``, ``VA``, ``IntTTM`` and ``GO``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, TableFormatError, TableIdentityError
from iocluster.io.cells import a1
from iocluster.io.formats._mrio import first_mismatch
from iocluster.io.formats.wiot import VA_ROLES_WIOD, wiot_from_grid
from iocluster.io.frames import read_grid, to_number, txt
from iocluster.table import IOTable, TableMeta

__all__ = ["read_wiod"]

FD_ROLES_WIOD = {
    "CONS_h": "household",
    "CONS_np": "npish",
    "CONS_g": "government",
    "GFCF": "investment",
    "INVEN": "inventories",
    "EXP": "exports",
}

_TOTAL_ROWS = {"II_fob", "GO"}


def read_wiod(
    path: str | Path,
    *,
    year: int | None = None,
    sheet: str | None = None,
    country: str | None = None,
    rtol: float = 1e-6,
) -> IOTable:
    """Read one year of a WIOD national table (NIOT); a world table (WIOT) whole (the
    multiregional table) or, with ``country``, that country's national table.

    Raises
    ------
    TableFormatError
        No ``Code``/``Origin`` header, or more than one year and none chosen; a national
        table with ``country``.
    LabelError
        ``country`` is not in the world table.
    TableIdentityError
        A column's inputs do not add up to its gross output ``GO``.
    """
    p = Path(path)
    g = read_grid(p, sheet)
    loc = Location(file=p, sheet=sheet)
    head = next((r for r in range(min(len(g), 30)) if {"Code", "Origin"} <= set(g.iloc[r])), None)
    if head is not None and country is not None:
        raise TableFormatError(
            Message(
                "io.formats.niot_country",
                niot="NIOT",
                a="Code",
                b="Origin",
                country=country,
                wiot="WIOT",
            ),
            loc,
        )
    if country is not None:
        return wiot_from_grid(g, p, country, sheet=sheet, rtol=rtol)
    if head is None:
        if any("CONS_h" in set(g.iloc[r]) for r in range(min(len(g), 30))):
            return wiot_from_grid(g, p, sheet=sheet, rtol=rtol)  # the whole world table
        raise TableFormatError(
            Message("io.formats.niot_header", a="Code", b="Origin", niot="NIOT"), loc
        )
    hdr = list(g.iloc[head])
    ci, oi = hdr.index("Code"), hdr.index("Origin")
    yi = hdr.index("Year") if "Year" in hdr else None
    di = hdr.index("Description") if "Description" in hdr else None
    fd_cols = [c for c, h in enumerate(hdr) if h in FD_ROLES_WIOD]
    go_col = hdr.index("GO") if "GO" in hdr else None
    first_fd = min(fd_cols + ([go_col] if go_col is not None else []), default=len(hdr))
    ind_cols = [c for c in range(max(ci, oi, yi or 0, di or 0) + 1, first_fd) if hdr[c]]
    body = g.iloc[head + 1 :]
    if yi is not None:
        years = sorted({v for v in body.iloc[:, yi] if v})
        if year is None and len(years) > 1:
            raise TableFormatError(Message("io.formats.years", years=years), loc)
        want = str(year) if year is not None else years[0]
        body = body[body.iloc[:, yi].str.replace(".0", "", regex=False) == want]
        if body.empty:
            raise InputError(Message("io.formats.no_year", year=str(year), years=years), loc)
    codes = [hdr[c] for c in ind_cols]

    def num(r: int, cols: list[int]) -> np.ndarray:
        return np.array([to_number(txt(g, r, c), Location(p, sheet, a1(r, c))) for c in cols])

    dom = {txt(g, r, ci): r for r in body.index if txt(g, r, oi) == "Domestic"}
    imp = {txt(g, r, ci): r for r in body.index if txt(g, r, oi) == "Imports"}
    missing = [c for c in codes if c not in dom]
    if missing:
        raise TableFormatError(
            Message("io.formats.no_domestic", row="Domestic", name=missing[0]), loc
        )
    Z = np.array([num(dom[c], ind_cols) for c in codes])
    Y = np.array([num(dom[c], fd_cols) for c in codes])
    Zm = np.array([num(imp[c], ind_cols) if c in imp else np.zeros(len(codes)) for c in codes])
    Ym = np.array([num(imp[c], fd_cols) if c in imp else np.zeros(len(fd_cols)) for c in codes])
    flows = ("Domestic", "Imports")
    other = [r for r in body.index if txt(g, r, oi) not in flows and txt(g, r, ci)]
    va = [(txt(g, r, ci), num(r, ind_cols)) for r in other if txt(g, r, ci) not in _TOTAL_ROWS]
    go = next((num(r, ind_cols) for r in other if txt(g, r, ci) == "GO"), None)
    if go is None:
        raise TableFormatError(Message("io.formats.no_go_gross", go="GO"), loc)
    names = [txt(g, dom[c], di) if di is not None else c for c in codes]
    fd_names = [hdr[c] for c in fd_cols]
    t = IOTable.from_arrays(
        Z=Z, Y=Y, V=[v for _, v in va], x=go, codes=codes, names=names,
        fd_names=fd_names, fd_roles=[FD_ROLES_WIOD[f] for f in fd_names],
        va_names=[n for n, _ in va], va_roles=[VA_ROLES_WIOD.get(n, "other") for n, _ in va],
        m=Zm.sum(1) + Ym.sum(1), Zm=Zm, Ym=Ym,
        meta=TableMeta(title="WIOD national input-output table", year=year, source=p.name),
    )  # fmt: skip
    res = t.column_residual()
    j = first_mismatch(res, go, rtol)
    if j is not None:
        raise TableIdentityError(
            Message("io.formats.inputs_differ", name=codes[j], go="GO", residual=float(res[j])),
            loc,
        )
    return t
