"""Numbers far beyond any economy are refused with the cell named.

World output is about 2e14 US dollars a year, and the largest table unit in use (a
currency such as the Uzbek som, in units) puts a whole economy below 1e18. A cell of
1e300 (a typing error, a corrupted export, a hostile file) would otherwise turn into
inf or NaN multipliers, or an opaque "not productive" error. :func:`check_magnitudes`
refuses a table with any flow, output, import or satellite value above :data:`VALUE`
(1e20 in the table's own unit; ``IOCLUSTER_MAX_VALUE`` raises it), naming the block,
the row and the column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from iocluster.core.budget import Budget
from iocluster.errors import Location, TableFormatError
from iocluster.table import IOTable

__all__ = ["VALUE", "check_magnitudes"]

#: The largest absolute value accepted in any cell of a table, in the table's unit.
VALUE = Budget("in the table's unit", "IOCLUSTER_MAX_VALUE", 10**20)


def _blocks(t: IOTable) -> Iterator[tuple[str, np.ndarray, Sequence[str], Sequence[str]]]:
    codes = list(t.codes)
    yield "intermediate_use", t.Z, codes, codes
    yield "final_demand", t.Y, codes, list(t.fd_names)
    yield "value_added", np.asarray(t.V).T, codes, list(t.va_names)
    yield "supply", np.asarray(t.x)[:, None], codes, ["output"]
    if t.m is not None:
        yield "supply", np.asarray(t.m)[:, None], codes, ["imports"]
    if t.satellite_names:
        yield "satellites", np.asarray(t.F).T, codes, list(t.satellite_names)
    if t.Zm is not None:
        yield "import_use", t.Zm, codes, codes
    if t.Ym is not None:
        yield "import_final_demand", t.Ym, codes, list(t.fd_names)


def check_magnitudes(table: IOTable, path: str | Path | None = None) -> None:
    """Refuse a table holding a value whose size is beyond any economy.

    Raises
    ------
    TableFormatError
        Naming the file, the block, the sector (row) and the column of the largest
        offending cell.
    """
    limit = float(VALUE.limit)
    for block, arr, rows, cols in _blocks(table):
        a = np.abs(np.asarray(arr, dtype=np.float64))
        if a.size == 0 or not (a.max() > limit or not np.isfinite(a).all()):
            continue
        bad = np.where(np.isfinite(a), a, np.inf)
        i, j = (int(k) for k in np.unravel_index(int(np.argmax(bad)), a.shape))
        value = float(np.asarray(arr)[i, j])
        unit = table.meta.unit
        raise TableFormatError(
            f"{block}, row '{rows[i]}', column '{cols[j]}': {value:g} is beyond any economy "
            f"(more than {limit:g} in the table's unit{', ' + unit if unit else ''}); check "
            f"the cell and the unit, or set IOCLUSTER_MAX_VALUE to allow it",
            Location(path) if path is not None else None,
        )
