"""Baselines and peers for the goals harness (:mod:`benchmarks.goals`), importable by
``benchmarks/child.py`` as a plain module.

- :func:`legacy_xlsx`: the canonical workbook written as iocluster wrote it before issue
  30 (openpyxl's write-only mode, a cell object per value, ``repr`` text for floats), the
  baseline of goal 5's "at least 3× faster";
- :func:`mario_setup`: the Uzbekistan table as a MARIO database and one coefficient
  scenario as a MARIO shock workbook, for goal 1's comparison with ``shock_calc``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def legacy_xlsx(table: Any, path: Path) -> None:
    """The canonical workbook through openpyxl's write-only mode (the writer before
    issue 30, kept here as the baseline)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from iocluster.io.canonical import README, meta_to_dict, table_blocks

    wb = Workbook(write_only=True)
    sheets: dict[str, Any] = {"README": [[line] for line in README.splitlines()]}
    sheets["metadata"] = [["key", "value"], *([k, v] for k, v in meta_to_dict(table).items()
                                              if not isinstance(v, list))]  # fmt: skip
    sheets.update(table_blocks(table))
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            cells = []
            for v in row:
                cell = WriteOnlyCell(ws, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
                elif isinstance(v, float) and cell.data_type == "n":
                    cell._value = repr(v)
                cells.append(cell)
            ws.append(cells)
    wb.save(path)


#: the scenario of goal 1: services' inputs to textiles (C13 from H49, H52, K64, M73) up 10 %
SHOCK_ROWS = ("H49", "H52", "K64", "M73")
SHOCK_COLS = ("C13",)


def mario_setup(
    table: Any, tmp: Path
) -> tuple[Callable[[], Any], Callable[[], Any], Callable[[], Any]]:
    """``(mario_shock, iocluster_shock, iocluster_like)``: the same coefficient scenario
    (services' inputs to textiles up 10 %, MARIO's ``Percentage`` type) run by MARIO's
    ``shock_calc`` on a database built from ``table`` through pymrio, and by
    iocluster's ``run_scenarios`` on the same shock workbook read beforehand: whole (every
    frame, the contributions of each shock alone included) and like for like
    (``by_shock=False``: ``shock_calc`` computes no contributions by shock)."""
    import mario
    import pandas as pd
    from openpyxl import Workbook

    from iocluster.interop.pymrio import to_pymrio
    from iocluster.scenarios.run import read_scenarios, run_scenarios

    io = to_pymrio(table.domestic())
    for ext in io.get_extensions(data=True):  # MARIO needs final-demand rows too
        if getattr(ext, "F_Y", None) is None:
            ext.F_Y = pd.DataFrame(0.0, index=ext.F.index, columns=io.Y.columns)
    db = mario.parse_from_pymrio(
        io, value_added={"factor_inputs": "all"}, satellite_account={"satellites": "all"}
    )
    region = str(io.get_regions()[0])
    codes = [c for c in table.codes if c.split(".")[0] in SHOCK_ROWS + SHOCK_COLS]
    rows = [c for c in codes if c.split(".")[0] in SHOCK_ROWS]
    cols = [c for c in codes if c.split(".")[0] in SHOCK_COLS]
    shock = tmp / "shock.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "z"
    ws.append(["row region", "row level", "row sector", "column region", "column level",
               "column sector", "type", "value"])  # fmt: skip
    for r in rows:
        for c in cols:
            ws.append([region, "Sector", r, region, "Sector", c, "Percentage", 0.1])
    for sheet, header in {
        "Y": ["row region", "row level", "row sector", "column region", "demand category",
              "type", "value"],
        "v": ["row sector", "column region", "column level", "column sector", "type", "value"],
        "e": ["row sector", "column region", "column level", "column sector", "type", "value"],
    }.items():  # fmt: skip
        wb.create_sheet(sheet).append(header)
    wb.save(shock)
    sf = read_scenarios(shock, table)
    db.calc_all(["z"])

    def mario_shock() -> object:
        return db.shock_calc(io=str(shock), z=True, scenario="s", force_rewrite=True)

    def ours() -> object:
        return run_scenarios(table, sf)

    def like() -> object:
        return run_scenarios(table, sf, by_shock=False)

    return mario_shock, ours, like
