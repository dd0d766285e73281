"""The reader never drops or invents data (issue 21): exact checks on the corpus files.

The corpus (``tests/bad_inputs``) checks the command line's outcome; these tests check
the tables read, value by value, against the rows the corpus writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from iocluster.errors import TableFormatError
from iocluster.io import read_table

sys.path.insert(0, str(Path(__file__).parent / "bad_inputs"))
from make_corpus import NACE, NACE_ROWS, write_csv, write_xlsx


def _z() -> np.ndarray:
    return np.array([r[2:6] for r in NACE_ROWS[1:5]], dtype=float)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_numeric_looking_codes_are_codes(tmp_path: Path, suffix: str) -> None:
    """Four NACE sectors (01, 02 look like numbers), not the two ranges alone."""
    p = tmp_path / f"nace{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(p, [list(r) for r in NACE_ROWS])
    t = read_table(p)
    assert list(t.codes) == NACE
    np.testing.assert_array_equal(t.Z, _z())
    np.testing.assert_array_equal(t.x, [100, 200, 80, 60])


def test_codes_typed_as_numbers_are_codes(tmp_path: Path) -> None:
    rows = [list(r) for r in NACE_ROWS]
    rows[0][2:4] = [1, 2]
    rows[1][0], rows[2][0] = 1, 2
    t = read_table(write_xlsx(tmp_path / "n.xlsx", rows))
    assert list(t.codes) == ["1", "2", "05-09", "10-12"]
    np.testing.assert_array_equal(t.Z, _z())


@pytest.mark.parametrize(
    ("r", "c", "value", "cell"),
    [(0, 2, None, "C1"), (1, 0, None, "A2"), (0, 2, "n/a", "C1"), (0, 2, '="01"', "C1")],
)
def test_unreadable_sector_label_is_named(
    tmp_path: Path, r: int, c: int, value: object, cell: str
) -> None:
    rows = [list(x) for x in NACE_ROWS]
    rows[r][c] = value
    p = write_xlsx(tmp_path / "n.xlsx", rows) if value == '="01"' else tmp_path / "n.csv"
    if p.suffix == ".csv":
        write_csv(p, rows)
    with pytest.raises(TableFormatError, match=rf"cell {cell}: the sector label"):
        read_table(p)


def test_disk_full_is_one_message_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Errno 28 while writing: exit 1, one error line, no traceback, no partial file."""
    import errno

    from typer.testing import CliRunner

    from iocluster.cli import app

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("iocluster.io.workbook.write_xlsx", full)
    out = tmp_path / "t.xlsx"
    res = CliRunner().invoke(app, ["template", str(out)])
    assert res.exit_code == 1, res.output
    assert "No space left on device" in res.output and "nothing was written" in res.output
    assert "Traceback" not in res.output
    assert list(tmp_path.iterdir()) == []


def test_whitespace_only_label_round_trips(tmp_path: Path) -> None:
    """A label of whitespace only needs xml:space="preserve" (calamine would read it as
    empty); the streaming writer marks every text cell."""
    import python_calamine

    from iocluster.io.xlsx_stream import write_xlsx

    write_xlsx(tmp_path / "w.xlsx", {"s": [[" ", "a", "\t"]]})
    rows = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "w.xlsx"))
    assert rows.get_sheet_by_index(0).to_python() == [[" ", "a", "\t"]]


def test_label_search_without_name_column_is_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sector rows with a code and no name (one label each) are found by the text pass:
    the number-as-label pass (O(rows² × label columns)) is not run, and each cell's label
    is read once (issue 21 §5: 27.6 s at n = 400 before)."""
    import iocluster.io.published as published

    n = 30
    codes = [f"S{i}" for i in range(n)]
    rows: list[list[object]] = [["Code", *codes, "Household consumption"]]
    rows += [[c, *([1.0] * n), 10.0] for c in codes]
    rows += [["Compensation of employees", *([5.0] * n)]]
    write_csv(tmp_path / "p.csv", rows)
    calls: list[bool] = []
    seen = {"labels": 0}
    find, label = published.find_block, published._label

    def counting_find(grid, *, numeric=False):  # type: ignore[no-untyped-def]
        calls.append(numeric)
        return find(grid, numeric=numeric)

    def counting_label(*args):  # type: ignore[no-untyped-def]
        seen["labels"] += 1
        return label(*args)

    monkeypatch.setattr(published, "find_block", counting_find)
    monkeypatch.setattr(published, "_label", counting_label)
    t = read_table(tmp_path / "p.csv")
    assert list(t.codes) == codes
    assert True not in calls
    assert seen["labels"] <= (n + 2) * (n + 2) + 10


def test_one_sector_table_is_not_read_as_numbers(tmp_path: Path) -> None:
    """Its values 50, 30, 100 (row and column alike) once made three sectors named so."""
    rows: list[list[object]] = [
        ["Code", "Name", "A01", "Household consumption", "Exports", "Total output"],
        ["A01", "Agriculture", 20, 50, 30, 100],
        [None, "Compensation of employees", 50],
        [None, "Gross operating surplus", 30],
        [None, "Total output", 100],
    ]
    with pytest.raises(TableFormatError, match=r"one\.csv: expected an intermediate block"):
        read_table(write_csv(tmp_path / "one.csv", rows))
