"""The canonical workbook (``.xlsx``): write, read, and the empty documented template.

Workbooks are written by the streaming writer of :mod:`iocluster.io.xlsx_stream` (plain
values, numbers exact to the bit, labels always text) and read with calamine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.assemble import assemble
from iocluster.io.atomic import atomic_write
from iocluster.io.canonical import ACCOUNTS, BLOCKS, META_KEYS, README, meta_to_dict, table_blocks
from iocluster.io.cells import Grid
from iocluster.io.spreadsheet import list_sheets, load_xlsx_sheets
from iocluster.io.xlsx_stream import write_xlsx
from iocluster.table import FD_ROLES, VA_ROLES, IOTable, assumption_from

__all__ = ["is_canonical_workbook", "read_workbook", "write_template", "write_workbook"]

README_SHEET = "README"
META_SHEET = "metadata"


#: The metadata sheet's third column: an assumption iocluster stated, as its keyed
#: message in JSON (the value column beside it is its English text, to read).
MESSAGE_COLUMN = "message"


def _meta_rows(meta: Mapping[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["key", "value", MESSAGE_COLUMN]]
    for key in META_KEYS:
        if key == "assumptions":
            rows += [_assumption_row(a) for a in meta.get("assumptions", [])]
        else:
            rows.append([key, meta.get(key)])
    return rows


def _assumption_row(a: object) -> list[Any]:
    """``assumption | English text | the message as JSON`` (a user's own words: no JSON)."""
    value = assumption_from(a)
    if isinstance(value, Message):
        return ["assumption", str(value), json.dumps(value.to_dict(), ensure_ascii=False)]
    return ["assumption", value]


def _assumption_cell(grid: Grid, r: int) -> Message | str:
    """The assumption of metadata row ``r``: its keyed message when the message column
    holds one, else the text of the value column (a user's own words)."""
    text = "" if grid.get(r, 1) is None else str(grid.get(r, 1))
    raw = grid.text(r, 2).strip()
    if not raw:
        return text
    try:
        value = assumption_from(json.loads(raw))
    except (ValueError, RecursionError):
        value = raw
    if not isinstance(value, Message):
        raise grid.error(
            r, 2, 'expected a keyed message in JSON ({"code": …, "params": {…}}) or nothing'
        )
    return value


def write_workbook(table: IOTable, path: str | Path, *, force: bool = False) -> Path:
    """Write ``table`` as the canonical workbook at ``path``, atomically.

    >>> import tempfile, pathlib
    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mb.xlsx"
    >>> _ = write_workbook(miller_blair_2_3(), p)
    >>> read_workbook(p).equals(miller_blair_2_3())
    True
    """
    blocks = table_blocks(table)
    sheets: dict[str, Sequence[list[Any]]] = {
        README_SHEET: [[line] for line in README.splitlines()]
    }
    sheets[META_SHEET] = _meta_rows(meta_to_dict(table))
    sheets["sectors"] = blocks.pop("sectors")
    sheets[ACCOUNTS] = blocks.pop(ACCOUNTS)
    sheets.update(blocks)
    return atomic_write(path, lambda tmp: write_xlsx(tmp, sheets), force=force)


def write_template(path: str | Path, *, force: bool = False) -> Path:
    """Write an empty, documented canonical workbook (what ``iocluster template`` writes).

    The README sheet explains every sheet, column and role; the other sheets hold their
    header rows and, in ``accounts``, one example row per final-demand and primary-input
    role.
    """
    fd = list(FD_ROLES)
    va = [r for r in VA_ROLES if r != "value_added"]
    sat = ["employment_formal", "employment_informal", "employment_total"]
    accounts = [["block", "name", "role", "unit"]]
    accounts += [["final_demand", r, r, ""] for r in fd]
    accounts += [["value_added", r, r, ""] for r in va]
    accounts += [["satellites", s, "satellite", "persons"] for s in sat]
    sheets: dict[str, list[list[Any]]] = {
        README_SHEET: [[line] for line in README.splitlines()],
        META_SHEET: _meta_rows({"kind": "domestic", "import_rule": "proportional"}),
        "sectors": [["code", "name", "label", "cluster"]],
        ACCOUNTS: accounts,
        "intermediate_use": [["code", "(one column per sector code)"]],
        "final_demand": [["code", *fd]],
        "value_added": [["code", *va]],
        "supply": [["code", "output", "imports"]],
        "satellites": [["code", *sat]],
    }
    return atomic_write(path, lambda tmp: write_xlsx(tmp, sheets), force=force)


def is_canonical_workbook(path: str | Path) -> bool:
    """Whether the workbook has the canonical ``intermediate_use`` sheet (in any case)."""
    return "intermediate_use" in canonical_sheets(list_sheets(Path(path)), Path(path))


def canonical_sheets(names: list[str], path: Path) -> dict[str, str]:
    """Canonical sheet name -> the workbook's sheet, matched without regard to case or
    surrounding spaces (``FINAL_DEMAND`` is ``final_demand``); two sheets that match
    the same name are an error.

    >>> canonical_sheets(["README", "Intermediate_Use", "FINAL_DEMAND "], Path("t.xlsx"))
    {'intermediate_use': 'Intermediate_Use', 'final_demand': 'FINAL_DEMAND '}
    """
    known = (*BLOCKS, ACCOUNTS, "employment", META_SHEET)
    out: dict[str, str] = {}
    for name in names:
        key = name.strip().lower()
        if key not in known:
            continue
        if key in out:
            raise TableFormatError(
                Message("io.canon.two_sheets", first=out[key], second=name, key=key),
                Location(path),
            )
        out[key] = name
    return out


def _meta_from_grid(grid: Grid) -> dict[str, Any]:
    out: dict[str, Any] = {}
    assumptions: list[Message | str] = []
    for r in range(1, grid.nrows):
        key = grid.text(r, 0).strip()
        if not key:
            continue
        value = grid.get(r, 1)
        if key == "assumption":
            assumptions.append(_assumption_cell(grid, r))
        elif key not in META_KEYS or key == "assumptions":
            raise grid.error(r, 0, Message("io.meta.unknown_key", key=key, keys=list(META_KEYS)))
        else:
            out[key] = value
    out["assumptions"] = assumptions
    return out


def read_workbook(path: str | Path, *, mapping: Mapping[str, str] | None = None) -> IOTable:
    """Read a canonical workbook (sheets as :data:`~iocluster.io.canonical.BLOCKS`)."""
    path = Path(path)
    names = list_sheets(path)
    sheets = canonical_sheets(names, path)
    if "intermediate_use" not in sheets:
        raise TableFormatError(
            Message("io.canon.no_z_sheet", sheets=[repr(s) for s in names]),
            Location(path),
        )
    loaded = load_xlsx_sheets(path, list(sheets.values()))
    grids = {key: loaded[name] for key, name in sheets.items()}
    meta = _meta_from_grid(grids.pop(META_SHEET)) if META_SHEET in grids else {}
    return assemble(grids, meta, mapping=mapping)
