"""The streaming workbook writer (issue 30, goal 5): a valid SpreadsheetML package that
openpyxl (a full, strict parse), calamine and pandas read back exactly, labels that stay
text, and one clear error for what a workbook cannot hold."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.errors import InputError
from iocluster.io.canonical import BlockRows
from iocluster.io.xlsx_stream import write_xlsx

text = st.text(
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00\x0b\x0c\ufffe\uffff"
    ).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20),
    max_size=12,
)
cell = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False), text,
)  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=6))
def test_what_is_written_reads_back_exactly(tmp_path_factory: pytest.TempPathFactory,
                                            rows: list[list[object]]) -> None:  # fmt: skip
    """Invariant: numbers bit for bit, text as written (also ' ', '=A1', '<&>'), booleans,
    empty cells empty, through openpyxl's full parser and calamine."""
    import openpyxl
    import python_calamine

    p = write_xlsx(tmp_path_factory.mktemp("x") / "t.xlsx", {"data": rows, "second": [["x"]]})
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["data", "second"]
    got = [[c.value for c in r] for r in wb["data"].iter_rows()]
    cal = (
        python_calamine.CalamineWorkbook.from_path(str(p))
        .get_sheet_by_name("data")
        .to_python(skip_empty_area=False)
    )
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            o = got[i][j] if i < len(got) and j < len(got[i]) else None
            c = cal[i][j] if i < len(cal) and j < len(cal[i]) else ""
            if v is None or v == "":
                assert o in (None, "") and c == ""
            elif isinstance(v, bool):
                assert o is v and c is v
            elif isinstance(v, (int, float)):
                assert float(o) == float(v) and float(c) == float(v)
            else:
                want = v.replace("\r\n", "\n").replace("\r", "\n")  # XML line ends
                assert o == want and c == want


def test_a_table_workbook_is_a_valid_package(tmp_path: Path) -> None:
    """The parts Excel needs, a dimension per sheet, and BlockRows written row by row."""
    rows = BlockRows(["S1", "S2"], ["S1", "S2"], np.array([[0.1, 1e-300], [-2.5, 3.0]]))
    p = write_xlsx(tmp_path / "t.xlsx", {"intermediate_use": rows})
    with zipfile.ZipFile(p) as zf:
        names = set(zf.namelist())
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml"} <= names  # fmt: skip
    assert '<dimension ref="A1:C3"/>' in sheet and "<v>1e-300</v>" in sheet
    assert list(rows)[2] == ["S2", -2.5, 3.0] and rows[-1] == rows[2] and len(rows) == 3


def test_what_a_workbook_cannot_hold_is_one_error_naming_the_sheet(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"sheet 'labels': a label holds a control character"):
        write_xlsx(tmp_path / "a.xlsx", {"labels": [["ok", "bad\x01"]]})
    with pytest.raises(InputError, match=r"sheet 'data', cell C1: nan cannot be stored"):
        write_xlsx(tmp_path / "b.xlsx", {"data": [["S1", 1.0, float("nan")]]})
