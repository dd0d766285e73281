"""OECD Inter-Country Input-Output (ICIO) tables, CSV layout as published.

Rows and columns are labelled ``CTRY_SECTOR`` (``AUS_D01T02``); final-demand columns
``CTRY_CAT`` (``AUS_HFCE``, ``_NPISH``, ``_GGFC``, ``_GFCF``, ``_INVNT``, ``_DPABR``);
rows ``TLS`` (or ``CTRY_TAXSUB``: taxes less subsidies on products), ``VA`` and ``OUT``
(output); a column ``OUT`` (or ``TOTAL``, its name in editions before 2023). Without a
country the whole multiregional table is read (every country, :func:`multiregional_table`);
with one, that country's national table (other countries' rows are its imports, see
:func:`national_table`).

Editions up to 2021 split China and Mexico into ``CN1``/``CN2`` (processing and
non-processing trade) and ``MX1``/``MX2`` (global manufacturing and the rest) in their
rows and columns, with final demand under ``CHN`` and ``MEX``; as the OECD's notes to
the tables advise, the halves are summed into ``CHN`` and ``MEX`` before anything else.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError, TableIdentityError
from iocluster.io.formats._mrio import (
    check_region_blocks,
    first_mismatch,
    multiregional_table,
    national_table,
)
from iocluster.table import IOTable, TableMeta

__all__ = ["FD_ROLES_ICIO", "SPLIT_COUNTRIES", "merge_split_countries", "read_icio"]

FD_ROLES_ICIO = {
    "HFCE": "household",
    "NPISH": "npish",
    "GGFC": "government",
    "GFCF": "investment",
    "INVNT": "inventories",
    "DPABR": "other",
    "NONRES": "other",
    "DISC": "other",
}
_TOTALS = {"OUT", "TOTAL"}
#: Split country codes of ICIO editions up to 2021 and the country they add up to.
SPLIT_COUNTRIES = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}


def _split(label: str) -> tuple[str, str] | None:
    head, sep, tail = label.partition("_")
    return (head, tail) if sep and head and tail else None


def _merged_label(label: str) -> str:
    parts = _split(label)
    if parts is None or parts[0] not in SPLIT_COUNTRIES:
        return label
    return f"{SPLIT_COUNTRIES[parts[0]]}_{parts[1]}"


def merge_split_countries(data: pd.DataFrame) -> pd.DataFrame:
    """Sum the ``CN1``/``CN2`` and ``MX1``/``MX2`` rows and columns into ``CHN`` and
    ``MEX`` (first-appearance order kept); a frame without them is returned as it is.

    >>> df = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=["MX1_C", "MX2_C"],
    ...                   columns=["MX1_C", "MX2_C"])
    >>> merge_split_countries(df)
           MEX_C
    MEX_C   10.0
    """
    rows = [_merged_label(r) for r in data.index]
    cols = [_merged_label(c) for c in data.columns]
    if rows == list(data.index) and cols == list(data.columns):
        return data
    merged = data.set_axis(rows, axis=0).groupby(level=0, sort=False).sum()
    return merged.set_axis(cols, axis=1).T.groupby(level=0, sort=False).sum().T


def read_icio(path: str | Path, country: str | None = None, *, rtol: float = 1e-6) -> IOTable:
    """Read an OECD ICIO CSV file: ``country``'s national table, or without ``country``
    the whole multiregional table (every country, codes ``CTRY/SECTOR``, tags ``region``
    and ``sector``; :func:`~iocluster.io.formats._mrio.multiregional_table`).

    Raises
    ------
    TableFormatError
        The file does not have the ICIO layout, or a country's block of rows or columns
        is missing or incomplete (multiregional table).
    LabelError
        ``country`` is not in the file (with a close-match suggestion).
    TableIdentityError
        The ``OUT`` row and column disagree with the flows.
    """
    p = Path(path)
    loc = Location(file=p)
    try:
        df = pd.read_csv(p, index_col=0, dtype=str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        msg = " ".join(str(exc).split())
        raise TableFormatError(Message("io.formats.icio_unreadable", detail=msg), loc) from None
    df.index = [normalize_text(i) for i in df.index]
    df.columns = [normalize_text(c) for c in df.columns]
    try:
        data = df.apply(lambda s: pd.to_numeric(s.str.replace(",", ""), errors="raise"))
    except (ValueError, TypeError) as exc:
        raise TableFormatError(Message("io.formats.icio_numbers", detail=str(exc)), loc) from exc
    data = merge_split_countries(data.fillna(0.0))
    flow_rows = [r for r in data.index if _split(r) and not _is_tax_row(r)]
    sector_codes = {_split(r)[1] for r in flow_rows}  # type: ignore[index]
    if not flow_rows or not any(c in data.columns for c in flow_rows):
        raise TableFormatError(
            Message("io.formats.icio_labels", label="CTRY_SECTOR", example="AUS_D01T02"), loc
        )
    labelled = [c for c in data.columns if c not in _TOTALS and _split(c)]
    flow_cols = [c for c in labelled if _split(c)[1] in sector_codes]  # type: ignore[index]
    fd_cols = [c for c in labelled if c not in set(flow_cols)]
    rows_idx = pd.MultiIndex.from_tuples([_split(r) for r in flow_rows])  # type: ignore[misc]
    cols_idx = pd.MultiIndex.from_tuples([_split(c) for c in flow_cols])  # type: ignore[misc]
    fidx = pd.MultiIndex.from_tuples([_split(c) for c in fd_cols])  # type: ignore[misc]
    if country is None:
        check_region_blocks(rows_idx, cols_idx, fidx, loc)
    sector_rows = [r for r in flow_rows if r in data.columns]
    idx = pd.MultiIndex.from_tuples([_split(r) for r in sector_rows])  # type: ignore[misc]
    Z = data.loc[sector_rows, sector_rows].set_axis(idx, axis=0).set_axis(idx, axis=1)
    Y = data.loc[sector_rows, fd_cols].set_axis(idx, axis=0).set_axis(fidx, axis=1)
    other = [r for r in data.index if r not in set(flow_rows)]
    tax_rows = [r for r in data.index if _is_tax_row(r)]
    out_rows = [r for r in other if r in _TOTALS]
    if "VA" not in other or not out_rows:
        raise TableFormatError(Message("io.formats.icio_va_out", a="VA", b="OUT"), loc)
    V = pd.DataFrame(
        [
            data.loc[tax_rows, sector_rows].sum(axis=0).to_numpy(),
            data.loc["VA", sector_rows].to_numpy(),
        ],
        index=["taxes less subsidies on products", "value added"],
        columns=idx,
    )
    x = pd.Series(data.loc[out_rows[0], sector_rows].to_numpy(dtype=float), index=idx)
    out_col = next((c for c in data.columns if c in _TOTALS), None)
    if out_col is not None:
        xc = data.loc[sector_rows, out_col].to_numpy(dtype=float)
        i = first_mismatch(xc - x.to_numpy(), xc, rtol)
        if i is not None:
            raise TableIdentityError(
                Message(
                    "io.formats.output_mismatch",
                    sector=str(sector_rows[i]),
                    column_value=float(xc[i]),
                    column=str(out_col),
                    row_value=float(x.iloc[i]),
                    row=str(out_rows[0]),
                ),
                loc,
            )
    va_roles = {"taxes less subsidies on products": "taxes_products", "value added": "value_added"}
    if country is None:
        meta = TableMeta(title="OECD ICIO: every country", source=str(p.name))
        return multiregional_table(Z, Y, V, x, fd_roles=FD_ROLES_ICIO, va_roles=va_roles,
                                   meta=meta, where=loc)  # fmt: skip
    meta = TableMeta(title=f"OECD ICIO: {country}", source=str(p.name), region=country)
    return national_table(Z, Y, V, x, country, fd_roles=FD_ROLES_ICIO, va_roles=va_roles,
                          meta=meta)  # fmt: skip


def _is_tax_row(label: str) -> bool:
    """Taxes less subsidies on products: ``TLS`` (2023 editions) or ``CTRY_TAXSUB``."""
    return label in ("TLS", "TAXSUB") or label.endswith("_TAXSUB")
