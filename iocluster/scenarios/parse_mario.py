"""MARIO shock workbooks read as iocluster scenarios (for users coming from MARIO).

MARIO (``Database.get_shock_excel`` / ``shock_calc``) writes one sheet per matrix: ``z``
(intermediate coefficients), ``Y`` (final demand), ``e`` (satellite coefficients) and
``v`` (factor coefficients), one shock per row. Two header styles exist and both are
read: the classic one (``row region``, ``row sector``, ``column region``, ``column
sector``, ``demand category``, ``type``, ``value``) and the flat one (``Region_from``,
``Sector_from``, ``Region_to``, ``Sector_to``, ``Category_to``, ``Type``, ``Value``).
``Type`` is ``Percentage`` (a fraction: 0.1 is +10 %), ``Absolute`` (a flow added to the
baseline, divided by the baseline output of the column's sector) or ``Update`` (the new
coefficient, or the new final-demand value).

Each row becomes one shock of one scenario named after the file:

- ``z`` → a ``coefficients`` shock on one cell (``scale`` by 100·value %, ``add`` the
  flow over the baseline output, or ``set``), with ``balance = "none"``: MARIO changes
  only the addressed cells and lets the column sums move; iocluster states that in the
  assumptions and warns once;
- ``Y`` → a ``final_demand`` shock (percent, absolute, or the difference to the new
  value);
- ``e`` → a ``productivity`` shock of that satellite row's coefficient (a percent
  change, computed from the baseline for ``Absolute`` and ``Update``);
- ``v`` has no iocluster equivalent (value added follows from the balancing rule of a
  coefficient shock, or from a ``prices`` shock): refused with a message.

iocluster tables have one region: a workbook that names more than one region is refused.
Sectors are matched by code or name (as in any scenario).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.budget import SHOCKS
from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning, IOClusterError, Location, ScenarioError, Text
from iocluster.io.cells import place
from iocluster.io.frames import read_frame
from iocluster.io.magnitude import check_value
from iocluster.io.spreadsheet import filled_rows, list_sheets
from iocluster.scenarios.problems import at
from iocluster.table import IOTable

__all__ = ["MARIO_SHEETS", "is_mario_workbook", "mario_document"]

#: The sheets of a MARIO shock workbook for an input-output table.
MARIO_SHEETS = ("z", "Y", "e", "v")
_FIELDS = {
    "region_from": ("region_from", "row_region"),
    "sector_from": ("sector_from", "row_sector", "factor_from", "satellite_from"),
    "region_to": ("region_to", "column_region"),
    "sector_to": ("sector_to", "column_sector"),
    "category_to": ("category_to", "demand_category"),
    "type": ("type",),
    "value": ("value",),
}
_NEEDS = {
    "z": ("sector_from", "sector_to", "type", "value"),
    "Y": ("sector_from", "category_to", "type", "value"),
    "e": ("sector_from", "sector_to", "type", "value"),
}
NO_BALANCE = Message("scenarios.mario_no_balance", field="balance", none="none")


def is_mario_workbook(path: str | Path) -> bool:
    """Whether ``path`` is a workbook with MARIO's shock sheets and no iocluster
    ``scenarios`` sheet."""
    p = Path(path)
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    sheets = set(list_sheets(p))
    return "scenarios" not in sheets and bool(sheets & {"z", "Y", "e", "v"})


def _key(col: object) -> str:
    return normalize_text(col).lower().replace(" ", "_")


def _rows(path: Path, sheet: str, df: pd.DataFrame) -> list[dict[str, Any]]:
    cols: dict[str, Any] = {}
    for c in df.columns:
        if _key(c) in cols:
            said = Message("scenarios.mario_header_twice", header=c, first=cols[_key(c)])
            raise ScenarioError(at(f"{path.name}, sheet '{sheet}'", said))
        cols[_key(c)] = c
    out = []
    for r, row in df.iterrows():
        rec: dict[str, Any] = {"row": r}
        for field, names in _FIELDS.items():
            col = next((cols[n] for n in names if n in cols), None)
            rec[field] = None if col is None else row[col]
        if all(rec[f] is None or (isinstance(rec[f], float) and math.isnan(rec[f]))
               for f in ("type", "value")):  # fmt: skip
            continue
        out.append(rec)
    return out


def _where(path: Path, sheet: str, rec: dict[str, Any]) -> str:
    """A shock's row in English, for its note."""
    return f"{path.name}, sheet '{sheet}', row {rec['row']}"


def _place(path: Path, sheet: str, rec: dict[str, Any]) -> list[str | Text]:
    """A shock's row as an error names it, in the message's language."""
    return place(Location(path, sheet, Message("io.where.row", row=str(rec["row"]))))


def _reason(exc: Exception) -> Text | str:
    """What a lookup of the table refused: its keyed message, else its text."""
    return exc.message if isinstance(exc, IOClusterError) else str(exc)


def _value(path: Path, sheet: str, rec: dict[str, Any]) -> tuple[str, float]:
    kind = normalize_text(rec["type"]).lower()
    if kind not in ("percentage", "absolute", "update"):
        said = Message(
            "scenarios.mario_type",
            column="Type",
            type=str(rec["type"]),
            a="Percentage",
            b="Absolute",
            c="Update",
        )
        raise ScenarioError(at(_place(path, sheet, rec), said))
    raw = rec["value"]
    if isinstance(raw, bool | np.bool_):  # TRUE is no +100 %
        said = Message("scenarios.mario_value", column="Value", value=f"{raw!s:.5}")
        raise ScenarioError(at(_place(path, sheet, rec), said))
    try:
        value = float(raw)
    except (TypeError, ValueError):
        said = Message("scenarios.mario_value", column="Value", value=f"'{raw}'")
        raise ScenarioError(at(_place(path, sheet, rec), said)) from None
    if not math.isfinite(value):
        said = Message("scenarios.mario_not_finite", column="Value")
        raise ScenarioError(at(_place(path, sheet, rec), said))
    return kind, check_value(value, f"{_where(path, sheet, rec)}, Value", ScenarioError)


def _sector(table: IOTable, label: object, where: list[str | Text]) -> tuple[str, int]:
    text = normalize_text(label)
    try:
        (i,) = table.select([text])
    except ValueError as exc:
        raise ScenarioError(at(where, _reason(exc))) from exc
    return table.codes[i], i


def _coefficient(table: IOTable, path: Path, rec: dict[str, Any]) -> dict[str, Any]:
    where, here = _where(path, "z", rec), _place(path, "z", rec)
    kind, value = _value(path, "z", rec)
    row, _ = _sector(table, rec["sector_from"], here)
    col, j = _sector(table, rec["sector_to"], here)
    shock: dict[str, Any] = {"kind": "coefficients", "rows": [row], "cols": [col],
                             "balance": "none", "note": f"MARIO z {kind}: {where}"}  # fmt: skip
    if kind == "percentage":
        return {**shock, "operation": "scale", "value": 100.0 * value}
    if kind == "absolute":
        if table.x[j] <= 0:
            raise ScenarioError(at(here, Message("scenarios.mario_no_output", sector=col)))
        return {**shock, "operation": "add", "value": value / float(table.x[j])}
    return {**shock, "operation": "set", "value": value}


def _final_demand(table: IOTable, path: Path, rec: dict[str, Any]) -> dict[str, Any]:
    where, here = _where(path, "Y", rec), _place(path, "Y", rec)
    kind, value = _value(path, "Y", rec)
    code, i = _sector(table, rec["sector_from"], here)
    category = normalize_text(rec["category_to"])
    shock = {"kind": "final_demand", "sectors": [code], "category": category,
             "note": f"MARIO Y {kind}: {where}"}  # fmt: skip
    if kind == "percentage":
        return {**shock, "change": 100.0 * value, "unit": "percent"}
    if kind == "absolute":
        return {**shock, "change": value, "unit": "absolute"}
    try:
        cols = table.fd_index([category])
    except ValueError as exc:
        raise ScenarioError(at(here, _reason(exc))) from exc
    current = float(table.Y[i, cols].sum())
    return {**shock, "change": value - current, "unit": "absolute"}


def _satellite(table: IOTable, path: Path, rec: dict[str, Any]) -> dict[str, Any]:
    where, here = _where(path, "e", rec), _place(path, "e", rec)
    kind, value = _value(path, "e", rec)
    name = normalize_text(rec["sector_from"])
    try:
        row = table.satellite(name)
    except ValueError as exc:
        raise ScenarioError(at(here, _reason(exc))) from exc
    code, j = _sector(table, rec["sector_to"], here)
    if kind == "percentage":
        pct = 100.0 * value
    else:
        if row[j] <= 0 or table.x[j] <= 0:
            said = Message("scenarios.mario_no_row", sector=code, row=name)
            raise ScenarioError(at(here, said))
        new = (row[j] + value) / table.x[j] if kind == "absolute" else value
        pct = 100.0 * (new / (row[j] / table.x[j]) - 1.0)
    return {"kind": "productivity", "sectors": [code], "target": "employment",
            "satellite": name, "change": pct, "productivity": False,
            "note": f"MARIO e {kind}: {where}"}  # fmt: skip


def mario_document(path: str | Path, table: IOTable) -> dict[str, Any]:
    """The scenario document (TOML layout, for
    :func:`~iocluster.scenarios.parse_toml.scenario_file_from_dict`) of a MARIO shock
    workbook, converted against ``table`` (see the module docstring).

    Raises
    ------
    ScenarioError
        Naming the file, sheet and row of a shock that cannot be converted.
    """
    p = Path(path)
    sheets = set(list_sheets(p))
    convert = {"z": _coefficient, "Y": _final_demand, "e": _satellite}
    shocks: list[dict[str, Any]] = []
    regions: set[str] = set()
    present = [sheet for sheet in MARIO_SHEETS if sheet in sheets]
    # one shock per row: bounded like the shocks of a scenario file, counted in the
    # sheets' XML before they are read, and once more as read
    counted = sum(max((filled_rows(p, sheet) or 0) - 1, 0) for sheet in present)
    SHOCKS.check(counted, f"{p.name}: the number of rows")
    frames = {sheet: read_frame(p, sheet) for sheet in present}
    SHOCKS.check(sum(len(df) for df in frames.values()), f"{p.name}: the number of rows")
    for sheet, df in frames.items():
        rows = _rows(p, sheet, df)
        if rows and sheet == "v":
            raise ScenarioError(
                at(f"{p.name}, sheet 'v'", Message("scenarios.mario_factor", program="iocluster"))
            )
        for rec in rows:
            missing = [f for f in _NEEDS[sheet] if rec.get(f) is None]
            if missing:
                said = Message("scenarios.mario_missing", column=missing[0])
                raise ScenarioError(at(_place(p, sheet, rec), said))
            regions |= {normalize_text(rec[k]) for k in ("region_from", "region_to")
                        if rec.get(k) is not None and not pd.isna(rec[k])}  # fmt: skip
            shocks.append(convert[sheet](table, p, rec))
    if len(regions) > 1:
        said = Message(
            "scenarios.mario_regions", n=len(regions), regions=sorted(regions), program="iocluster"
        )
        raise ScenarioError(at(p.name, said))
    if not shocks:
        raise ScenarioError(at(p.name, Message("scenarios.mario_no_rows", sheets=MARIO_SHEETS)))
    if any(s["kind"] == "coefficients" for s in shocks):
        warnings.warn(AssumptionWarning(NO_BALANCE), stacklevel=2)
    return {
        "scenario": [
            {
                "name": p.stem,
                "description": f"Converted from the MARIO shock workbook {p.name}. "
                + (str(NO_BALANCE) if any(s["kind"] == "coefficients" for s in shocks) else ""),
                "shock": shocks,
            }
        ]
    }
