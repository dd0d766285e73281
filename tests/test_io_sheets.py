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


def test_malformed_inputs_give_one_message_not_a_traceback(tmp_path: Path) -> None:
    """Issue 21 item 4: an empty <sheets/>, a 70,000-field CSV line, a TOML file nested
    2,000 deep and a full disk each give one located error line and exit 1."""
    import zipfile

    from typer.testing import CliRunner

    from iocluster.cli import app

    src = write_table(miller_blair_2_3(), tmp_path / "mb.xlsx")
    empty = tmp_path / "empty_sheets.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(empty, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + 9
                data = data[:start] + b"<sheets/>" + data[end:]
            zout.writestr(info, data)
    wide = tmp_path / "wide.csv"
    wide.write_text("code," + ",".join(f"c{i}" for i in range(70_000)) + "\n", encoding="utf-8")
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    runner = CliRunner()
    cases = [
        (["info", str(empty)], "empty_sheets.xlsx: the workbook has no worksheet"),
        (["info", str(wide)], "wide.csv: expected an intermediate block"),
        (["shock", str(src), str(deep)], "deep.toml: not valid TOML: nested more deeply"),
    ]
    for args, message in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        assert message in r.stderr and "Traceback" not in r.stderr


def test_a_full_disk_is_one_message(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    from typer.testing import CliRunner

    import iocluster.reports.export as export
    from iocluster.cli import app

    src = write_table(miller_blair_2_3(), tmp_path / "mb.xlsx")

    def full(*args: object, **kw: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "m.csv"))

    monkeypatch.setattr(export, "write_frames", full)
    r = CliRunner().invoke(
        app, ["multipliers", str(src), "-f", "csv", "-o", str(tmp_path / "m.csv")]
    )
    assert r.exit_code == 1
    assert "m.csv: No space left on device" in r.stderr and "Traceback" not in r.stderr


def test_figures_are_reproducible(tmp_path: Path) -> None:
    """Issue 21 item 7: the same figure written twice gives the same SVG bytes (no date,
    no random element ids) and the same PNG bytes."""
    from iocluster import figures, linkages

    t = miller_blair_2_3()
    for k in "ab":
        fig = figures.key_sector_quadrant(linkages(t), output=t.x)
        figures.save_figure(fig, tmp_path / k)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a.svg").read_bytes()
