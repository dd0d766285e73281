"""Readers for published table layouts: OECD ICIO, WIOD NIOT/WIOT, BEA make/use, supply-use.

Each returns an :class:`~iocluster.table.IOTable`; multi-region tables (ICIO, WIOD world
tables) give the whole multiregional table (codes ``region/sector``, tags ``region`` and
``sector``), or with a country its national table (other countries' rows are its
imports). :func:`read_layout` dispatches on the layout's name (what ``iocluster convert
--from`` uses).
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from iocluster.core.choices import Layout
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.io.formats.bea import read_bea
from iocluster.io.formats.icio import read_icio
from iocluster.io.formats.sut_reader import read_supply_use, read_sut
from iocluster.io.formats.wiod import read_wiod
from iocluster.io.formats.wiot import read_wiot
from iocluster.operations.sut import Basis, Technology
from iocluster.table import IOTable

__all__ = [
    "LAYOUTS",
    "read_bea",
    "read_icio",
    "read_layout",
    "read_supply_use",
    "read_sut",
    "read_wiod",
    "read_wiot",
]

LAYOUTS: tuple[Layout, ...] = get_args(Layout)


def read_layout(
    path: str | Path,
    layout: Layout,
    *,
    country: str | None = None,
    year: int | None = None,
    make: str | Path | None = None,
    technology: Technology = "industry",
    basis: Basis | None = None,
    rtol: float = 1e-6,
) -> IOTable:
    """Read a table in a published layout.

    Parameters
    ----------
    path : path
        The ICIO CSV, WIOD file (NIOT or world table), BEA use table, or supply-use
        workbook / CSV folder.
    layout : {"icio", "wiod", "bea", "sut"}
        Its layout.
    country : str, optional
        The country (ICIO; WIOD world tables); without it, the multiregional table.
    year : int, optional
        The year (WIOD files with several years; the BEA sheet).
    make : path, optional
        The BEA make table (BEA only).
    technology, basis
        Transformation of supply-use and BEA tables
        (:func:`iocluster.operations.sut.symmetric_table`);
        basis defaults to industry-by-industry for BEA (BEA's own choice) and
        product-by-product for supply-use tables.
    rtol : float
        Tolerance of the readers' balance checks, relative to output.

    Raises
    ------
    InputError
        An unknown layout or a missing argument the layout needs.
    """
    if layout == "icio":
        return read_icio(path, country or None, rtol=rtol)
    if layout == "wiod":
        return read_wiod(path, year=year, country=country, rtol=rtol)
    if layout == "bea":
        if make is None:
            raise InputError(Message("io.formats.bea_make", option="--make", layout="BEA"))
        sheet = None if year is None else str(year)
        return read_bea(path, make, sheet=sheet, technology=technology,
                        basis=basis or "industry", rtol=rtol)  # fmt: skip
    if layout == "sut":
        return read_sut(path, technology=technology, basis=basis or "product", rtol=rtol)
    raise InputError(Message("io.formats.unknown_layout", layout=layout, expected=list(LAYOUTS)))
