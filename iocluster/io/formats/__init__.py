"""Readers for published table layouts: OECD ICIO, WIOD NIOT/WIOT, BEA make/use, supply-use.

Each returns an :class:`~iocluster.table.IOTable`; multi-region tables give one
country's national table (other countries' rows are its imports).
"""

from __future__ import annotations

from iocluster.io.formats.bea import read_bea
from iocluster.io.formats.icio import read_icio
from iocluster.io.formats.sut_reader import read_supply_use, read_sut
from iocluster.io.formats.wiod import read_wiod
from iocluster.io.formats.wiot import read_wiot

__all__ = ["read_bea", "read_icio", "read_supply_use", "read_sut", "read_wiod", "read_wiot"]
