"""Supply and use tables in a simple workbook (or two CSV files).

Sheet (or file) ``supply``: products as rows (code, optional name column), industries
as columns, optionally an ``imports`` column. Sheet ``use``: the same products as
rows and industries as columns, followed by final-demand columns; below the products,
primary-input rows. Columns or rows labelled ``total…`` are dropped. Final-demand and
primary-input roles are recognised from their labels (English, Russian, Uzbek).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.cells import a1
from iocluster.io.frames import read_grid, to_number, txt
from iocluster.io.roles import recognise
from iocluster.operations.sut import Basis, SupplyUse, Technology, symmetric_table
from iocluster.table import FD_ROLES, VA_ROLES, IOTable, TableMeta

__all__ = ["read_supply_use", "read_sut"]


def _role(label: str, allowed: tuple[str, ...], default: str) -> str:
    r = recognise(label)
    return r.role if r is not None and r.role in allowed else default


def _sheet(path: Path, name: str) -> tuple[list[str], list[str], list[list[str]], Location, int]:
    if path.is_dir():
        f = path / f"{name}.csv"
        if not f.exists():
            raise TableFormatError(
                Message("io.formats.sut_file", name=f"{name}.csv"), Location(file=path)
            )
        g, loc = read_grid(f), Location(file=f)
    else:
        g, loc = read_grid(path, name), Location(file=path, sheet=name)
    first = 2 if g.shape[1] > 2 and not _numeric(txt(g, 1, 1)) else 1
    cols = [str(v) for v in g.iloc[0, first:]]
    rows = [str(v) for v in g.iloc[1:, 0]]
    body = [[str(v) for v in g.iloc[r, first:]] for r in range(1, len(g))]
    return rows, cols, body, loc, first


def _numeric(s: str) -> bool:
    try:
        float(s.replace(",", ""))
    except ValueError:
        return s in ("", "...")
    return True


def read_supply_use(path: str | Path) -> SupplyUse:
    """Read a supply-use workbook (sheets ``supply``, ``use``) or CSV folder."""
    p = Path(path)
    s_rows, s_cols, s_body, s_loc, s_first = _sheet(p, "supply")
    u_rows, u_cols, u_body, u_loc, u_first = _sheet(p, "use")

    def nums(body: list[list[str]], r: int, c: int, loc: Location, first: int) -> float:
        return to_number(body[r][c], Location(loc.file, loc.sheet, a1(r + 1, c + first)))

    def is_total(s: str) -> bool:
        return s.lower().startswith(("total", "итого", "всего", "jami"))

    imp_col = next(
        (j for j, c in enumerate(s_cols) if c.lower() in ("imports", "import", "импорт")), None
    )
    industries = [c for j, c in enumerate(s_cols) if j != imp_col and c and not is_total(c)]
    ind_idx = [s_cols.index(c) for c in industries]
    products = [r for r in s_rows if r and not is_total(r)]
    p_idx = [s_rows.index(r) for r in products]
    supply = np.array([[nums(s_body, i, j, s_loc, s_first) for j in ind_idx] for i in p_idx])
    m = (
        None
        if imp_col is None
        else np.array([nums(s_body, i, imp_col, s_loc, s_first) for i in p_idx])
    )
    missing = [c for c in industries if c not in u_cols]
    if missing:
        raise TableFormatError(Message("io.formats.sut_industry", name=missing[0]), u_loc)
    lost = [r for r in products if r not in u_rows]
    if lost:
        raise TableFormatError(Message("io.formats.sut_product", name=lost[0]), u_loc)
    uj = [u_cols.index(c) for c in industries]
    fd = [c for c in u_cols if c and c not in industries and not is_total(c)]
    fj = [u_cols.index(c) for c in fd]
    ui = [u_rows.index(r) for r in products]
    va = [r for r in u_rows if r and r not in products and not is_total(r)]
    vi = [u_rows.index(r) for r in va]
    get = lambda rs, cs: np.array([[nums(u_body, i, j, u_loc, u_first) for j in cs] for i in rs])  # noqa: E731
    return SupplyUse(
        products=tuple(products), industries=tuple(industries), make=supply.T,
        use=get(ui, uj), Y=get(ui, fj).reshape(len(ui), len(fj)), fd_names=tuple(fd),
        fd_roles=tuple(_role(c, FD_ROLES, "other") for c in fd),
        W=get(vi, uj).reshape(len(vi), len(uj)), va_names=tuple(va),
        va_roles=tuple(_role(r, VA_ROLES, "value_added") for r in va), imports=m,
        meta=TableMeta(title="Supply and use tables", source=p.name),
    )  # fmt: skip


def read_sut(
    path: str | Path,
    *,
    technology: Technology = "industry",
    basis: Basis = "product",
    rtol: float = 1e-6,
) -> IOTable:
    """Read supply and use tables and transform them to a symmetric table
    (:func:`iocluster.operations.sut.symmetric_table`; ``rtol`` for its balance checks)."""
    sut = read_supply_use(path)
    return symmetric_table(sut, technology=technology, basis=basis, rtol=rtol)
