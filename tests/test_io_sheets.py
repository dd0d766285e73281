"""Which sheet is read (issue 21 item 2): canonical sheet names in any case, and the
first visible sheet of a published workbook, never a hidden one."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from iocluster.datasets import miller_blair_2_3
from iocluster.io import read_table, write_table
from iocluster.testing import assert_table_equal


def test_canonical_sheet_names_in_upper_case(tmp_path: Path) -> None:
    p = write_table(miller_blair_2_3(), tmp_path / "mb.xlsx")
    wb = openpyxl.load_workbook(p)
    for ws in wb.worksheets:
        upper_name = ws.title.upper()
        ws.title = f"tmp_{upper_name}"  # openpyxl compares titles ignoring case
        ws.title = upper_name
    upper = tmp_path / "MB_UPPER.xlsx"
    wb.save(upper)
    assert "FINAL_DEMAND" in openpyxl.load_workbook(upper).sheetnames
    assert_table_equal(read_table(upper), read_table(p))


def test_a_hidden_first_sheet_is_not_read(tmp_path: Path) -> None:
    """A published one-sheet table behind a hidden scratch sheet: the visible sheet is
    the table (it was the hidden one before)."""
    wb = openpyxl.Workbook()
    scratch = wb.active
    assert scratch is not None
    scratch.title = "scratch"
    scratch["A1"] = "notes nobody should read as a table"
    scratch.sheet_state = "hidden"
    table = wb.create_sheet("IO")
    for row in (
        ["", "S1", "S2", "final demand", "output"],  # Miller & Blair (2009) Table 2.3
        ["S1", 150, 500, 350, 1000],
        ["S2", 200, 100, 1700, 2000],
        ["value added", 650, 1400],
        ["output", 1000, 2000],
    ):
        table.append(row)
    p = tmp_path / "hidden_first.xlsx"
    wb.save(p)
    assert read_table(p).x.tolist() == [1000.0, 2000.0]
