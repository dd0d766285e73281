"""The canonical workbook (``.xlsx``): write, read, and the empty documented template."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from iocluster.errors import InputError, Location, TableFormatError
from iocluster.io.assemble import assemble
from iocluster.io.atomic import atomic_write
from iocluster.io.canonical import ACCOUNTS, BLOCKS, META_KEYS, README, meta_to_dict, table_blocks
from iocluster.io.cells import Grid
from iocluster.io.spreadsheet import list_sheets, load_xlsx_sheets
from iocluster.io.textsafe import xlsx_text_cell
from iocluster.table import FD_ROLES, VA_ROLES, IOTable

__all__ = ["is_canonical_workbook", "read_workbook", "write_template", "write_workbook"]

README_SHEET = "README"
META_SHEET = "metadata"


def _cell(ws: Any, value: Any) -> Any:
    """A write-only cell; text that starts with '=' stays text, never a formula.

    openpyxl writes floats with ``%.16g``, which loses the last bit of some doubles; the
    cell's text is set to ``repr`` (the shortest string that reads back to the same
    double) so that write → read is exact.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        xlsx_text_cell(cell)  # every label is text: '=', '+', '@' never start a formula
    elif isinstance(value, float) and cell.data_type == "n":
        cell._value = repr(value)
    return cell


def _preserve_space(node: Any) -> None:
    """Mark text with leading or trailing whitespace ``xml:space="preserve"``.

    openpyxl's own rule (``openpyxl.xml.functions.whitespace``) skips text that is only
    whitespace (a label ``" "``), which XML readers such as calamine then read as empty.
    """
    from openpyxl.xml.constants import XML_NS

    if node.text and node.text != node.text.strip():
        node.set(f"{{{XML_NS}}}space", "preserve")


def _save(sheets: Mapping[str, list[list[Any]]], path: Path) -> None:
    import openpyxl.cell._writer as cell_writer

    original = cell_writer.whitespace
    cell_writer.whitespace = _preserve_space
    try:
        _save_sheets(sheets, path)
    finally:
        cell_writer.whitespace = original


def _save_sheets(sheets: Mapping[str, list[list[Any]]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            try:
                ws.append([_cell(ws, v) for v in row])
            except IllegalCharacterError as exc:
                raise InputError(
                    f"sheet '{name}': a label holds a control character Excel cannot store "
                    f"({row[:3]!r}...)"
                ) from exc
    wb.save(path)


def _meta_rows(meta: Mapping[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["key", "value"]]
    for key in META_KEYS:
        if key == "assumptions":
            rows += [["assumption", a] for a in meta.get("assumptions", [])]
        else:
            rows.append([key, meta.get(key)])
    return rows


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
    sheets: dict[str, list[list[Any]]] = {README_SHEET: [[line] for line in README.splitlines()]}
    sheets[META_SHEET] = _meta_rows(meta_to_dict(table))
    sheets["sectors"] = blocks.pop("sectors")
    sheets[ACCOUNTS] = blocks.pop(ACCOUNTS)
    sheets.update(blocks)
    return atomic_write(path, lambda tmp: _save(sheets, tmp), force=force)


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
    return atomic_write(path, lambda tmp: _save(sheets, tmp), force=force)


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
                f"sheets '{out[key]}' and '{name}' are both the canonical sheet '{key}'; keep one",
                Location(path),
            )
        out[key] = name
    return out


def _meta_from_grid(grid: Grid) -> dict[str, Any]:
    out: dict[str, Any] = {}
    assumptions: list[str] = []
    for r in range(1, grid.nrows):
        key = grid.text(r, 0).strip()
        if not key:
            continue
        value = grid.get(r, 1)
        if key == "assumption":
            assumptions.append("" if value is None else str(value))
        elif key not in META_KEYS or key == "assumptions":
            raise grid.error(
                r, 0, f"unknown metadata key '{key}'; expected one of {', '.join(META_KEYS)}"
            )
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
            "expected a sheet 'intermediate_use' (canonical workbook), found "
            f"{', '.join(repr(s) for s in names)}",
            Location(path),
        )
    loaded = load_xlsx_sheets(path, list(sheets.values()))
    grids = {key: loaded[name] for key, name in sheets.items()}
    meta = _meta_from_grid(grids.pop(META_SHEET)) if META_SHEET in grids else {}
    return assemble(grids, meta, mapping=mapping)
