"""US BEA make and use tables, the published Excel layout.

Each sheet (one per year) has title rows, then a header row starting ``Code`` with
the column codes (industries ``111CA`` …, totals ``T0..``, final uses ``F010`` …),
optionally a row of column names, then one row per commodity (code, description,
values; ``...`` for suppressed cells) and the value-added rows ``V001`` (compensation),
``V002`` (taxes on production and imports less subsidies), ``V003`` (gross operating
surplus). Totals (``T0..``) are dropped; imports are the negative final use ``F050``.
The make table has industries as rows and commodities as columns. The pair is
transformed to a symmetric table with :func:`iocluster.operations.sut.symmetric_table`
(industry technology, industry by industry — BEA's own choice — by default).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.cells import a1
from iocluster.io.frames import read_grid, to_number, txt
from iocluster.operations.sut import Basis, SupplyUse, Technology, symmetric_table
from iocluster.table import IOTable, TableMeta

__all__ = ["read_bea", "read_bea_sheet"]

VA_ROLES_BEA = {"V001": "compensation", "V002": "taxes_production", "V003": "operating_surplus"}


def _fd_role(code: str) -> str:
    if code == "F010":
        return "household"
    if code.startswith("F02"):
        return "investment"
    if code == "F030":
        return "inventories"
    if code == "F040":
        return "exports"
    if code[:3] in ("F06", "F07", "F08", "F09", "F10"):
        return "government"
    return "other"


def read_bea_sheet(path: Path, sheet: str | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """A BEA sheet as a numeric frame (row codes × column codes) and the row names."""
    g = read_grid(path, sheet)
    loc = Location(file=path, sheet=sheet)
    head = next(
        (r for r in range(min(len(g), 30)) if txt(g, r, 0).lower() in ("code", "iocode")), None
    )
    if head is None:
        raise TableFormatError(Message("io.formats.bea_header", first="Code", layout="BEA"), loc)
    cols = [c for c in range(2, g.shape[1]) if txt(g, head, c)]
    col_codes = [txt(g, head, c) for c in cols]
    start = head + 1
    if start < len(g) and not txt(g, start, 0):
        start += 1  # a row of column names
    rows, names, values = [], {}, []
    for r in range(start, len(g)):
        code = txt(g, r, 0)
        if not code:
            continue
        rows.append(code)
        names[code] = txt(g, r, 1) or code
        values.append([to_number(txt(g, r, c), Location(path, sheet, a1(r, c))) for c in cols])
    if len(set(rows)) != len(rows):
        dup = next(r for r in rows if rows.count(r) > 1)
        raise TableFormatError(Message("io.formats.row_code_twice", label=dup), loc)
    return pd.DataFrame(values, index=rows, columns=col_codes), names


def read_bea(
    use_path: str | Path,
    make_path: str | Path,
    *,
    sheet: str | None = None,
    technology: Technology = "industry",
    basis: Basis = "industry",
    rtol: float = 1e-6,
) -> IOTable:
    """Read a BEA use/make pair (same year ``sheet``) as a symmetric table
    (:func:`iocluster.operations.sut.symmetric_table`; ``rtol`` for its balance checks).

    Raises
    ------
    TableFormatError
        A file without the BEA layout, or a make table naming commodities that the use
        table does not have.
    """
    up, mp = Path(use_path), Path(make_path)
    use, names = read_bea_sheet(up, sheet)
    make, ind_names = read_bea_sheet(mp, sheet)
    make = make.loc[[r for r in make.index if not r.startswith("T0")]]
    make = make[[c for c in make.columns if not c.startswith("T0")]]
    industries = list(make.index)
    products = [r for r in use.index if not (r.startswith(("T0", "V0")))]
    unknown = [c for c in make.columns if c not in products]
    if unknown:
        raise TableFormatError(
            Message("io.formats.bea_commodity", name=unknown[0]), Location(mp, sheet)
        )
    missing = [i for i in industries if i not in use.columns]
    if missing:
        raise TableFormatError(
            Message("io.formats.bea_industry", name=missing[0]), Location(up, sheet)
        )
    fd = [c for c in use.columns if c.startswith("F") and c != "F050"]
    va = [r for r in use.index if r.startswith("V0")]
    m = -use.loc[products, "F050"].to_numpy() if "F050" in use.columns else None
    sut = SupplyUse(
        products=tuple(products),
        industries=tuple(industries),
        make=make.reindex(columns=products).fillna(0.0).to_numpy(),
        use=use.loc[products, industries].to_numpy(),
        Y=use.loc[products, fd].to_numpy(),
        fd_names=tuple(fd),
        fd_roles=tuple(_fd_role(c) for c in fd),
        W=use.loc[va, industries].to_numpy(),
        va_names=tuple(va),
        va_roles=tuple(VA_ROLES_BEA.get(v, "other") for v in va),
        imports=None if m is None else np.asarray(m, dtype=float),
        product_names=tuple(names[p] for p in products),
        industry_names=tuple(ind_names.get(i, i) for i in industries),
        meta=TableMeta(title="BEA input-output accounts", currency="USD", scale="million",
                       region="United States", source=f"{up.name}, {mp.name}"),
    )  # fmt: skip
    return symmetric_table(sut, technology=technology, basis=basis, rtol=rtol)
