"""Investment programmes: capital formation by asset type → demand for products.

A bridge matrix ``Bᵢₐ`` (product ``i`` × asset ``a``, each column summing to 1) turns an
amount ``I_a`` of gross fixed capital formation in asset ``a`` into demand ``B_{:,a} I_a``
for the supplying products; the import rule splits each product's demand into domestic
``(1 − μᵢ)`` and imported ``μᵢ`` supply (μ: the product's import share in final uses
other than exports, DESIGN.md §2), and the domestic part enters the investment column of
final demand.

Default bridge, from the table's own GFCF column ``g`` (final demand of role
``investment``): each product is assigned to one asset type by its code (NACE/CPA
prefixes, :data:`ASSET_PRODUCTS`: construction ``F``; machinery and equipment ``C25``,
``C27``, ``C28``, ``C33``; transport equipment ``C29``, ``C30``; ICT ``C26``, ``J58.2``,
``J62``, ``J63``; every other product with positive GFCF is *other*), and within an
asset type the column is the product's share of that type's GFCF,
``Bᵢₐ = gᵢ / Σ_{j∈a} g_j``. A user bridge file (CSV or xlsx: a ``product`` column and
one column per asset type, shares summing to 1) replaces the columns it gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.core.labels import close_hint, normalize_label
from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, ScenarioError
from iocluster.io.frames import numbers, read_frame
from iocluster.table import IOTable

__all__ = [
    "ASSET_PRODUCTS",
    "ASSET_TYPES",
    "bridge_matrix",
    "default_bridge",
    "investment_category",
    "investment_frame",
    "read_bridge",
]

#: asset types of an investment programme (columns of the bridge matrix)
ASSET_TYPES = ("machinery", "construction", "transport", "ict", "other")
#: code prefixes of the products that make each asset type (the rest: ``other``)
ASSET_PRODUCTS: dict[str, tuple[str, ...]] = {
    "construction": ("F",),
    "machinery": ("C25", "C27", "C28", "C33"),
    "transport": ("C29", "C30"),
    "ict": ("C26", "J58.2", "J62", "J63"),
}


def _asset_of(code: str) -> str:
    c = normalize_label(code).upper()
    for asset, prefixes in ASSET_PRODUCTS.items():
        if any(c == p or c.startswith(p) for p in prefixes):
            return asset
    return "other"


def investment_category(table: IOTable, region: int | None = None) -> int:
    """Position of the final-demand category of role ``investment`` (GFCF); on an
    interregional table, the investment of region number ``region`` (categories come
    region by region)."""
    cats = [k for k, r in enumerate(table.fd_roles) if r == "investment"]
    if not cats:
        said = Message("scenarios.no_investment", role="investment", names=table.fd_names)
        raise ScenarioError(said)
    if region is None:
        return cats[0]
    return cats[region]


def default_bridge(table: IOTable, category: int | None = None) -> pd.DataFrame:
    """The bridge derived from the table's GFCF column (``category``: its position,
    default the first of role ``investment``; see the module docstring); an asset type
    none of whose products has positive GFCF has a column of NaN. On an interregional
    table products are assigned by their national code (tag ``sector``)."""
    k = investment_category(table) if category is None else category
    Y = np.asarray(table.Y, dtype=float)[:, k]
    g = np.where(Y > 0, Y, 0.0)
    out = pd.DataFrame(0.0, index=pd.Index(table.codes, name="product"), columns=ASSET_TYPES)
    national = table.tags.get("sector", table.codes)
    assets = np.array([_asset_of(str(c)) for c in national])
    for a in ASSET_TYPES:
        w = np.where(assets == a, g, 0.0)
        out[a] = w / w.sum() if w.sum() > 0 else np.nan
    return out


def read_bridge(path: str | Path, table: IOTable) -> pd.DataFrame:
    """A bridge file: ``product`` column (codes or names of the table) and asset-type
    columns of shares; each given column must sum to 1 (within 1e-6)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Message("scenarios.bridge.not_found", path=str(p)))
    df = read_frame(p)
    df.columns = [str(c).strip().lower() for c in df.columns]
    if "product" not in df.columns:
        raise InputError(Message("scenarios.bridge.no_product", column="'product'"), _row(p, 1))
    assets = [c for c in df.columns if c != "product"]
    for a in assets:
        if a not in ASSET_TYPES:
            said = Message("scenarios.bridge.unknown_asset", asset=a, types=ASSET_TYPES,
                           hint=close_hint(a, ASSET_TYPES))  # fmt: skip
            raise InputError(said, _row(p, 1))
    vals = numbers(df[assets], blank=0.0)
    out = pd.DataFrame(0.0, index=pd.Index(table.codes, name="product"), columns=assets)
    for r, (label, row) in enumerate(zip(df["product"], vals, strict=True)):
        try:
            idx = table.select([str(label)])
        except Exception:
            said = Message("scenarios.bridge.not_a_product", product=str(label))
            raise InputError(said, _row(p, df.index[r])) from None
        if np.any(row < 0):
            raise InputError(Message("scenarios.bridge.negative"), _row(p, df.index[r]))
        out.iloc[idx[0]] += row
    for a in assets:
        s = float(out[a].sum())
        if abs(s - 1.0) > 1e-6:
            said = Message("scenarios.bridge.sum", total=f"{s:.6g}")
            where = Location(p, cell=Message("scenarios.where.column", column=a))
            raise InputError(said, where)
    return out


def _row(path: Path, row: object) -> Location:
    """Row ``row`` of a bridge file, named in the message's language."""
    return Location(path, cell=Message("io.where.row", row=str(row)))


def bridge_matrix(table: IOTable, path: str = "", category: int | None = None) -> pd.DataFrame:
    """The default bridge (of GFCF column ``category``) with the columns of the bridge
    file at ``path`` (if any)."""
    out = default_bridge(table, category)
    if path:
        user = read_bridge(path, table)
        for a in user.columns:
            out[a] = user[a]
    return out


def investment_frame(
    names: Sequence[str],
    programmes: Sequence[Sequence[tuple[str, float, np.ndarray, np.ndarray]]],
    unit: str,
) -> pd.DataFrame | None:
    """Rows ``(scenario_name, asset)``: amount, domestic demand, imports (leakage) and
    the domestic share; None when no scenario has an investment shock."""
    rows, index = [], []
    for name, progs in zip(names, programmes, strict=True):
        for asset, amount, dom, imp in progs:
            d, m = float(dom.sum()), float(imp.sum())
            rows.append([amount, d, m, d / amount if amount else np.nan])
            index.append((name, asset))
    if not rows:
        return None
    df = pd.DataFrame(
        rows,
        index=pd.MultiIndex.from_tuples(index, names=["scenario_name", "asset"]),
        columns=["amount", "domestic", "imports", "domestic_share"],
    )
    df.attrs["unit"] = unit
    return df
