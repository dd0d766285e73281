"""Numbers far beyond any economy are refused with the cell named.

World output is about 2e14 US dollars a year, and the largest table unit in use (a
currency such as the Uzbek som, in units) puts a whole economy below 1e18. A cell of
1e300 (a typing error, a corrupted export, a hostile file) would otherwise turn into
inf or NaN multipliers, or an opaque "not productive" error. :func:`check_magnitudes`
refuses a table with any flow, output, import or satellite value above :data:`VALUE`
(1e20 in the table's own unit; ``IOCLUSTER_MAX_VALUE`` raises it), naming the block,
the row and the column. Scenarios meet the same rule (:func:`check_value`): every number
of a scenario file, of a tax file and of a MARIO shock workbook, and the results of a run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from iocluster.core.budget import Budget
from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, TableFormatError, Text
from iocluster.table import IOTable

__all__ = ["VALUE", "beyond_any_economy", "check_magnitudes", "check_value"]

#: The largest absolute value accepted in any cell of a table, in the table's unit.
VALUE = Budget(Message("io.magnitude.in_unit"), "IOCLUSTER_MAX_VALUE", 10**20)


def beyond_any_economy(
    value: float, unit: str | Text = "", check: str | Text | None = None
) -> Message | None:
    """The message for a number above :data:`VALUE` (or not finite), else ``None``.

    >>> beyond_any_economy(5.0) is None
    True
    >>> str(beyond_any_economy(1e300, "billion UZS", Message("io.magnitude.check_value")))
    "1e+300 is beyond any economy (more than 1e+20 in the table's unit, billion UZS); \
check the value and its unit, or set IOCLUSTER_MAX_VALUE to allow it"
    """
    limit = float(VALUE.limit)
    if abs(value) <= limit:
        return None
    # written as Python writes a float (1e+300): the number is the user's typing error
    check = Message("io.magnitude.check_cell") if check is None else check
    shown = {"value": f"{value:g}", "limit": f"{limit:g}", "check": check}
    if unit:
        return Message("io.magnitude.beyond_unit", shown, unit=unit)
    return Message("io.magnitude.beyond", shown)


def check_value(value: float, where: str | Text, error: type[InputError] = InputError) -> float:
    """Refuse a number of a scenario (a shock's field, a tax amount, a MARIO value)
    beyond any economy, as a table's cell is refused; ``where`` names the place.

    >>> check_value(12.5, "x")
    12.5
    """
    message = beyond_any_economy(value, check=Message("io.magnitude.check_value"))
    if message is not None:
        raise error(Message("io.magnitude.at", where=where, message=message))
    return value


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
        meta = table.meta
        unit = meta.unit if meta.scale or meta.currency else Message("currency_units")
        message = beyond_any_economy(value, unit)
        raise TableFormatError(
            Message(
                "io.magnitude.cell",
                block=block,
                row=str(rows[i]),
                column=str(cols[j]),
                message=message,
            ),
            Location(path) if path is not None else None,
        )
