"""Spreadsheets through python-calamine keep the reader's guarantees.

Each test states what calamine does on its own (checked here, so a new calamine that
changes it fails the test) and what :mod:`iocluster.io.spreadsheet` adds: caps before
calamine sees the file, formulas without cached values and error cells named, sheet
extents bounded, the visible sheet read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from iocluster.errors import TableFormatError
from iocluster.io import read_table
from iocluster.io.spreadsheet import load_sheets, load_xlsx, sheet_names
from tests.bad_inputs.workbooks import ods_cell, write_ods, write_ods_rows, write_xlsb

SHEET = "xl/worksheets/sheet1.xml"


def _book(path: Path, cells: dict[str, object], title: str = "IO") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for ref, v in cells.items():
        ws[ref] = v
    wb.save(path)
    return path


def _patch(path: Path, member: str, edit: object) -> Path:
    """Rewrite one member of a zip archive with ``edit(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts[member] = edit(parts[member])  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_values_read_as_openpyxl_read_them(tmp_path: Path) -> None:
    """Numbers, text numbers, booleans and dates come back with their type."""
    import datetime

    p = _book(
        tmp_path / "v.xlsx",
        {"B2": 1, "C2": 2.5, "D2": "01", "E2": True, "F2": datetime.date(2022, 1, 2)},
    )
    g = load_xlsx(p)
    assert g.get(1, 1) == 1.0 and g.get(1, 2) == 2.5
    assert g.get(1, 3) == "01" and g.text(1, 3) == "01"
    assert g.get(1, 4) is True
    assert str(g.get(1, 5)).startswith("2022-01-02")
    assert g.get(0, 0) is None and g.nrows == 2
    with pytest.raises(TableFormatError, match=r"sheet 'IO', cell E2: expected a number"):
        g.number(1, 4)


def test_error_cells_are_named_not_empty(tmp_path: Path) -> None:
    """calamine reads an error value (#DIV/0!) as an empty cell; the reader does not."""
    p = _book(tmp_path / "e.xlsx", {"A1": "x", "B2": 1.0})
    _patch(
        p,
        SHEET,
        lambda d: d.replace(
            b'<c r="B2" t="n"><v>1</v></c>', b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        ),
    )
    raw = python_calamine.CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0)
    assert raw.to_python(skip_empty_area=False)[1][1] == ""  # what calamine gives
    g = load_xlsx(p)
    with pytest.raises(TableFormatError, match=r"e\.xlsx, sheet 'IO', cell B2: .*#DIV/0!"):
        g.number(1, 1, blank=0.0)


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="B2"><f>1+2</f></c>',
        b'<c r="B2"><f>1+2</f><v></v></c>',
        b'<c r="B2"><f t="array" ref="B2:C3">A1:B2</f></c>',
        b'<c r="B2"><f t="dataTable" ref="B2:C3" dt2D="1" dtr="1" r1="A1" r2="A2"/></c>',
    ],
)
def test_formula_without_cached_value_is_named(tmp_path: Path, cell: bytes) -> None:
    p = _book(tmp_path / "f.xlsx", {"A1": "x", "B2": 1.0, "C3": 7.0})
    _patch(
        p,
        SHEET,
        lambda d: d.replace(b'<c r="B2" t="n"><v>1</v></c>', cell).replace(
            b'<c r="C3" t="n"><v>7</v></c>', b""
        ),
    )
    g = load_xlsx(p)
    assert (1, 1) in g.formulas
    with pytest.raises(TableFormatError, match=r"cell B2: holds a formula with no cached value"):
        g.number(1, 1, blank=0.0)
    if b"ref=" in cell:  # every cell of the array / data table without a value
        assert (2, 2) in g.formulas


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    """A DTD in the prolog is refused before calamine; one hidden behind 5 KB of comment
    (past the prolog check) is refused by calamine, which never expands entities."""
    p = _book(tmp_path / "ent.xlsx", {"A1": "x"})
    dtd = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    _patch(p, SHEET, lambda d: dtd + d.split(b"?>", 1)[-1].replace(b"<t>x</t>", b"<t>&a;</t>"))
    with pytest.raises(TableFormatError, match=r"ent\.xlsx.*entit"):
        load_xlsx(p)
    q = _book(tmp_path / "ent2.xlsx", {"A1": "x"})
    pad = b'<?xml version="1.0"?><!--' + b" " * 5000 + b"-->"
    _patch(
        q,
        SHEET,
        lambda d: (
            pad + dtd.split(b"?>", 1)[1] + d.split(b"?>", 1)[-1].replace(b"<t>x</t>", b"<t>&a;</t>")
        ),
    )
    with pytest.raises(python_calamine.CalamineError, match="entity"):
        python_calamine.CalamineWorkbook.from_path(str(q)).get_sheet_by_index(0).to_python()
    with pytest.raises(TableFormatError, match=r"ent2\.xlsx.*entit"):
        load_xlsx(q)


def test_far_cell_is_refused_before_calamine_allocates(tmp_path: Path) -> None:
    """calamine allocates the rectangle A1:XFD1048576 at once (the process aborts); the
    sheet XML is scanned first."""
    p = _book(tmp_path / "far.xlsx", {"A1": "x"})
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    _patch(
        p,
        SHEET,
        lambda d: d.replace(b"</sheetData>", far).replace(b'ref="A1:A1"', b'ref="A1:XFD1048576"'),
    )
    assert p.stat().st_size < 10_000
    with pytest.raises(TableFormatError, match=r"far\.xlsx, sheet 'IO', cell XFD1048576"):
        load_xlsx(p)


def test_size_caps_apply_before_calamine_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("calamine opened a file above the caps")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)
    monkeypatch.setattr("iocluster.io.safety.MAX_XLSX_BYTES", 1000)
    p = _book(tmp_path / "big.xlsx", {"A1": "x" * 5000})
    with pytest.raises(TableFormatError, match=r"big\.xlsx: the workbook would decompress"):
        sheet_names(p)
    with pytest.raises(TableFormatError, match=r"big\.xlsx: the workbook would decompress"):
        load_sheets(p, [None])


def test_hidden_first_sheet_is_not_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    hidden = wb.active
    assert hidden is not None
    hidden.title, hidden.sheet_state = "old", "hidden"
    hidden["A1"] = "stale"
    wb.create_sheet("IO")["A1"] = "current"
    wb.save(tmp_path / "h.xlsx")
    assert load_xlsx(tmp_path / "h.xlsx").text(0, 0) == "current"
    assert load_xlsx(tmp_path / "h.xlsx", "old").text(0, 0) == "stale"


def test_ods_tables_are_read(tmp_path: Path) -> None:
    """A published table saved by LibreOffice (.ods) reads as the same table as its CSV."""
    rows: list[list[object]] = [
        ["Code", "A", "B", "Household consumption", "Total output"],
        ["A", 10, 20, 70, 100],
        ["B", 30, 40, 130, 200],
        ["Compensation of employees", 60, 140],
        ["Total output", 100, 200],
    ]
    p = write_ods_rows(tmp_path / "t.ods", rows)  # with LibreOffice's empty rows to the end
    csv = tmp_path / "t.csv"
    csv.write_text("\n".join(",".join(str(v) for v in r) for r in rows) + "\n")
    assert read_table(p).equals(read_table(csv))


def test_xlsb_tables_are_read(tmp_path: Path) -> None:
    """WIOD publishes ``.xlsb``: a binary workbook reads as the same numbers."""
    cells = [(r, c, float(10 * r + c)) for r in range(3) for c in range(4)]
    grid = load_xlsx(write_xlsb(tmp_path / "t.xlsb", cells))
    assert [[grid.get(r, c) for c in range(4)] for r in range(3)] == [
        [10.0 * r + c for c in range(4)] for r in range(3)
    ]


@pytest.mark.parametrize(
    ("name", "body", "cell"),
    [
        # a value in A1 and one 9,000 rows and 10,000 columns away (1 KB, 90 M cells)
        ("far.ods", ods_cell(1) + "</table:table-row><table:table-row "
         'table:number-rows-repeated="9000">' + ods_cell(None) + "</table:table-row>"
         "<table:table-row>" + ods_cell(None, 10_000) + ods_cell(1), "cell NTQ9002"),
        # one value repeated over 1,000,000 rows and 16,000 columns
        ("repeated.ods", ods_cell(1, 16_000), "cell WQJ1000000"),
    ],
)  # fmt: skip
def test_ods_that_spans_millions_of_cells_is_refused_before_calamine(
    tmp_path: Path, name: str, body: str, cell: str
) -> None:
    """calamine allocates a sheet's whole rectangle on opening an ``.ods`` (the 1 KB far
    cell cost 7 GB and 21 s): the streamed extent is checked first (issue 21 §3)."""
    rows_rep = ' table:number-rows-repeated="1000000"' if name == "repeated.ods" else ""
    p = write_ods(tmp_path / name, f"<table:table-row{rows_rep}>{body}</table:table-row>")
    with pytest.raises(TableFormatError, match=rf"{name}, sheet 'IO', {cell}: .*span"):
        load_xlsx(p)


def test_xlsb_far_cell_is_refused_and_a_false_dimension_is_not(tmp_path: Path) -> None:
    """A cell 9,000 rows and 10,000 columns from A1 costs calamine 2.8 GB: refused,
    naming it; a sheet that only declares a huge ``BrtWsDim`` reads (the cells count)."""
    far = write_xlsb(tmp_path / "far.xlsb", [(0, 0, 1.0), (9000, 10000, 2.0)])
    with pytest.raises(TableFormatError, match=r"far\.xlsb, sheet 'IO', cell NTQ9001: .*span"):
        load_xlsx(far)
    lie = write_xlsb(tmp_path / "dim.xlsb", [(0, 0, 1.0), (1, 1, 2.0)], dimension=(1048575, 16383))
    assert load_xlsx(lie).get(1, 1) == 2.0
