"""A table read with every check an untrusted file gets (issue 18): its size estimated
before reading (:mod:`iocluster.io.presize`), the sector budget after, and numbers beyond
any economy refused with the cell named (:mod:`iocluster.io.magnitude`).

Every command of the command line and every table the scenario lab opens (a path, a
file in its folder, an upload) is read here, so the checks are written once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iocluster.table import IOTable

__all__ = ["read_checked_table"]


def read_checked_table(path: Path) -> IOTable:
    """Read any table the readers understand (workbook, CSV, CSV folder, ``.npz``), within
    the sector budget (``IOCLUSTER_MAX_SECTORS``: estimated before reading, exact after),
    refusing numbers beyond any economy (``IOCLUSTER_MAX_VALUE``)."""
    from iocluster.io import read_table
    from iocluster.io.magnitude import check_magnitudes
    from iocluster.io.presize import check_sectors, check_table_size

    check_table_size(path)
    t = read_table(path)
    check_sectors(t.n, path)
    check_magnitudes(t, path)  # a cell of 1e300 is named, never turned into inf/NaN
    return t
