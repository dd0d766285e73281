"""WIOD world input-output tables (WIOT, 2016 release layout): one country's table.

Header rows (in this order, above the flows): industry and final-use codes (``A01``
… ``U``, then ``CONS_h, CONS_np, CONS_g, GFCF, INVEN`` per country, and ``GO``),
descriptions, country codes (``AUS`` …, ``TOT`` for the total column) and column
numbers (``c1`` …). Each body row starts with its code, description, country and row
number (``r1`` …); below the country × industry rows come ``II_fob`` (total
intermediate consumption, checked), ``TXSP``, ``EXP_adj``, ``PURR``, ``PURNR``,
``VA``, ``IntTTM`` and ``GO`` (output, checked) with country ``TOT``.
Without a country the whole world table is read
(:func:`~iocluster.io.formats._mrio.multiregional_table`); a country's national table
follows :func:`~iocluster.io.formats._mrio.national_table`:
other countries' rows in its columns are its imports by product and use; its sales
to other countries (intermediate and final) are the ``exports`` column.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError, TableIdentityError
from iocluster.io.cells import a1
from iocluster.io.formats._mrio import (
    check_region_blocks,
    first_mismatch,
    multiregional_table,
    national_table,
)
from iocluster.io.frames import read_grid, to_number, txt
from iocluster.table import IOTable, TableMeta

__all__ = ["FD_ROLES_WIOT", "read_wiot", "wiot_from_grid"]

FD_ROLES_WIOT = {
    "CONS_h": "household",
    "CONS_np": "npish",
    "CONS_g": "government",
    "GFCF": "investment",
    "INVEN": "inventories",
}
#: Roles of WIOD's rows below the intermediate block (NIOT and WIOT alike): taxes less
#: subsidies on products, value added, and the valuation adjustments (cif/fob, purchases
#: by residents abroad and non-residents at home, international transport margins).
VA_ROLES_WIOD = {
    "TXSP": "taxes_products",
    "VA": "value_added",
    "EXP_adj": "adjustments",
    "PURR": "adjustments",
    "PURNR": "adjustments",
    "IntTTM": "adjustments",
}
_CHECK_ROWS = {"II_fob", "GO"}
_CTRY = re.compile(r"^[A-Z]{3}$")


def _header(g: pd.DataFrame, loc: Location) -> tuple[int, int, int]:
    """Rows of the codes and the countries, and the first data column."""
    hc = next((r for r in range(min(len(g), 30)) if "CONS_h" in set(g.iloc[r])), None)
    if hc is None:
        raise TableFormatError(
            Message("io.formats.wiot_header", codes="'CONS_h', 'GFCF', …", wiot="WIOT"), loc
        )
    c0 = next(c for c in range(g.shape[1]) if txt(g, hc, c))
    for r in range(hc + 1, min(len(g), hc + 5)):
        vals = [v for v in g.iloc[r, c0:] if v]
        if vals and all(_CTRY.match(v) for v in vals):
            return hc, r, c0
    raise TableFormatError(
        Message("io.formats.wiot_countries", codes="'AUS', …, 'TOT'", row=str(hc + 1), wiot="WIOT"),
        loc,
    )


def _label_column(g: pd.DataFrame, rows: list[int], c0: int, wanted: set[str]) -> int:
    counts = [sum(txt(g, r, c) in wanted for r in rows) for c in range(c0)]
    return int(np.argmax(counts)) if counts else -1


def read_wiot(
    path: str | Path, country: str | None = None, *, sheet: str | None = None, rtol: float = 1e-6
) -> IOTable:
    """Read ``country``'s national table from a WIOD world input-output table, or without
    ``country`` the whole world table (every country, codes ``CTRY/industry``, tags
    ``region`` and ``sector``; :func:`~iocluster.io.formats._mrio.multiregional_table`).

    Raises
    ------
    TableFormatError
        The file does not have the WIOT layout (header rows, ``GO`` row), or a country's
        block is missing or incomplete (world table).
    LabelError
        ``country`` is not in the table (with a close-match suggestion).
    TableIdentityError
        A column's inputs do not add up to ``GO``, or the ``GO`` column and row differ.
    """
    p = Path(path)
    return wiot_from_grid(read_grid(p, sheet), p, country, sheet=sheet, rtol=rtol)


def wiot_from_grid(
    g: pd.DataFrame,
    p: Path,
    country: str | None = None,
    *,
    sheet: str | None = None,
    rtol: float = 1e-6,
) -> IOTable:
    """:func:`read_wiot` on a sheet already read with :func:`read_grid`."""
    loc = Location(file=p, sheet=sheet)
    hc, hr, c0 = _header(g, loc)
    cols = range(c0, g.shape[1])
    codes_h = {c: txt(g, hc, c) for c in cols}
    ctry_h = {c: txt(g, hr, c) for c in cols}
    fd_cols = [c for c in cols if codes_h[c] in FD_ROLES_WIOT]
    go_col = next((c for c in cols if codes_h[c] == "GO"), None)
    z_cols = [
        c for c in cols
        if codes_h[c] and ctry_h[c] not in ("", "TOT") and codes_h[c] not in FD_ROLES_WIOT
    ]  # fmt: skip
    industries = list(dict.fromkeys(codes_h[c] for c in z_cols))
    countries = set(ctry_h[c] for c in z_cols)
    body = [r for r in range(hr + 1, len(g)) if any(txt(g, r, c) for c in range(c0))]
    ci = _label_column(g, body, c0, set(industries) | _CHECK_ROWS | set(VA_ROLES_WIOD))
    ki = _label_column(g, body, c0, countries)
    if ci < 0 or ki < 0 or ci == ki:
        raise TableFormatError(Message("io.formats.wiot_label_columns"), loc)
    di = next((c for c in range(c0) if c not in (ci, ki)), None)

    def num(r: int, cs: list[int]) -> np.ndarray:
        return np.array([to_number(txt(g, r, c), Location(p, sheet, a1(r, c))) for c in cs])

    sector_rows = [r for r in body if txt(g, r, ki) in countries and txt(g, r, ci) in industries]
    other = [r for r in body if r not in set(sector_rows) and txt(g, r, ci)]
    go_row = next((r for r in other if txt(g, r, ci) == "GO"), None)
    if go_row is None:
        raise TableFormatError(Message("io.formats.no_go_basic", go="GO"), loc)
    va_rows = [r for r in other if txt(g, r, ci) not in _CHECK_ROWS]
    ridx = pd.MultiIndex.from_tuples([(txt(g, r, ki), txt(g, r, ci)) for r in sector_rows])
    zidx = pd.MultiIndex.from_tuples([(ctry_h[c], codes_h[c]) for c in z_cols])
    fidx = pd.MultiIndex.from_tuples([(ctry_h[c], codes_h[c]) for c in fd_cols])
    if country is None:
        check_region_blocks(ridx, zidx, fidx, loc)
    if list(ridx) != list(zidx):
        raise TableFormatError(Message("io.formats.wiot_order"), loc)
    Z = pd.DataFrame([num(r, z_cols) for r in sector_rows], index=ridx, columns=zidx)
    Y = pd.DataFrame([num(r, fd_cols) for r in sector_rows], index=ridx, columns=fidx)
    va_names = [txt(g, r, ci) for r in va_rows]
    V = pd.DataFrame([num(r, z_cols) for r in va_rows], index=va_names, columns=zidx)
    x = pd.Series(num(go_row, z_cols), index=zidx)
    if go_col is not None:
        xc = np.array([num(r, [go_col])[0] for r in sector_rows])
        i = first_mismatch(xc - x.to_numpy(), xc, rtol)
        if i is not None:
            raise TableIdentityError(
                Message(
                    "io.formats.output_mismatch_region",
                    region=str(ridx[i][0]),
                    sector=str(ridx[i][1]),
                    column_value=float(xc[i]),
                    row_value=float(x.iloc[i]),
                    go="GO",
                ),
                Location(p, sheet, a1(sector_rows[i], go_col)),
            )
    xv = x.to_numpy()
    for what, res in (
        (Message("io.formats.inputs"), xv - Z.to_numpy().sum(0) - V.to_numpy().sum(0)),
        (Message("io.formats.uses"), Z.to_numpy().sum(1) + Y.to_numpy().sum(1) - xv),
    ):
        j = first_mismatch(res, xv, rtol)
        if j is not None:
            raise TableIdentityError(
                Message(
                    "io.formats.region_differ",
                    region=str(zidx[j][0]),
                    name=str(zidx[j][1]),
                    what=what,
                    residual=float(res[j]),
                    go="GO",
                ),
                loc,
            )
    names = {txt(g, r, ci): txt(g, r, di) for r in sector_rows} if di is not None else None
    if country is None:
        meta = TableMeta(title="WIOD world input-output table", source=p.name)
        return multiregional_table(Z, Y, V, x, fd_roles=FD_ROLES_WIOT, va_roles=VA_ROLES_WIOD,
                                   names=names, meta=meta, where=loc)  # fmt: skip
    meta = TableMeta(title=f"WIOD world input-output table: {country}", source=p.name)
    return national_table(
        Z, Y, V, x, country,
        fd_roles=FD_ROLES_WIOT,
        va_roles=VA_ROLES_WIOD,
        names=names,
        meta=meta,
    )  # fmt: skip
