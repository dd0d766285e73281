"""Cells: the block reader (``Grid.numbers``) reads exactly what the cell reader does.

The fast path (numpy's float parser on rows of plain numbers) must give bit-identical
values and, for any row it cannot take, fall back to ``Grid.number`` with the same error
naming the cell. Invariant checked with hypothesis over a mix of cell forms.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.errors import TableFormatError
from iocluster.io.cells import Grid

EXAMPLES = 300 if os.environ.get("IOCLUSTER_FUZZ") == "1" else 40

floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
cells = st.one_of(
    floats.map(repr),  # a CSV cell as written by repr
    floats,  # a workbook number
    st.integers(-(10**6), 10**6),
    st.sampled_from(["", " ", "-", "—", None, "1 234,5", "1,234.5", "(3)", " 12 ", "1e5",
                     ".5", "5.", "+7", "1_000", "nan", "inf", "1e999", "x", True, "١٢"]),
)  # fmt: skip


def _cellwise(g: Grid, rows: list[int], cols: list[int], blank: float | None) -> np.ndarray:
    return np.array([[g.number(r, c, blank=blank) for c in cols] for r in rows], dtype=float)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    body=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=4),
    blank=st.sampled_from([None, 0.0]),
)
def test_block_reader_equals_cell_reader(body: list[list[object]], blank: float | None) -> None:
    g = Grid([["code", "a", "b", "c"], *[["s", *row] for row in body]], Path("t.csv"))
    rows, cols = list(range(1, len(body) + 1)), [1, 2, 3]
    try:
        want = _cellwise(g, rows, cols, blank)
    except TableFormatError as exc:
        with pytest.raises(TableFormatError) as got:
            g.numbers(rows, cols, blank=blank)
        assert str(got.value) == str(exc)
        return
    got_arr = g.numbers(rows, cols, blank=blank)
    assert got_arr.tobytes() == want.tobytes()  # bit for bit, signed zeros included


def test_block_reader_names_the_bad_cell() -> None:
    g = Grid([["code", "a", "b"], ["s1", "1.5", "2"], ["s2", "3", "1_000"]], Path("t.csv"))
    with pytest.raises(TableFormatError, match=r"t\.csv, cell C3: expected a number"):
        g.numbers([1, 2], [1, 2])
    assert g.numbers([1], [1, 2]).tolist() == [[1.5, 2.0]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "utf-8"])
def test_block_parser_reads_like_the_cell_reader(
    tmp_path: Path, encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV with Cyrillic labels (Windows-1251, or UTF-8 with a BOM as Excel writes it):
    the pandas block parser and the cell reader give the same labels and numbers."""
    import iocluster.io.cells as cells

    rng = np.random.default_rng(0)
    vals = rng.uniform(0, 1e6, (5, 4))
    lines = ["код,А01,С13,G46,Итого"] + [
        f"{c},{','.join(repr(float(v)) for v in row)}"
        for c, row in zip(["А01", "С13", "G46", "Оплата труда", "Итого"], vals, strict=True)
    ]
    p = tmp_path / "t.csv"
    p.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    slow = cells.load_csv(p, numeric=True)
    monkeypatch.setattr(cells, "FAST_CSV_CHARS", 0)
    fast = cells.load_csv(p, numeric=True)
    assert type(fast.rows[1]).__name__ == "_NumericRow"
    rows, cols = list(range(1, 6)), [1, 2, 3, 4]
    assert (
        fast.numbers(rows, cols).tobytes() == slow.numbers(rows, cols).tobytes() == vals.tobytes()
    )
    assert [fast.text(r, 0) for r in range(6)] == [slow.text(r, 0) for r in range(6)]
    assert [fast.text(0, c) for c in range(5)] == [slow.text(0, c) for c in range(5)]
    assert fast.text(0, 0) == "код"  # the BOM is not part of the first label


def test_block_parser_only_for_numeric_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels that look like numbers ('01', '1.10', '00') stay text: the block parser is
    used only for files that are numeric by design (found by hypothesis: a sector label
    '00' came back as '0')."""
    import iocluster.io.cells as cells

    monkeypatch.setattr(cells, "FAST_CSV_CHARS", 0)
    p = tmp_path / "sectors.csv"
    p.write_text("code,name,label\n01,1.10,00\n02,2.50,007\n")
    g = cells.load_csv(p)
    assert [g.text(1, c) for c in range(3)] == ["01", "1.10", "00"]
    q = tmp_path / "header.csv"  # a quoted newline in the header, as in the Uzbek files
    q.write_text('code,"A01\n(without 01.11)",C13\nA01,1.5,2\nC13,3,4.25\n')
    b = cells.load_csv(q, numeric=True)
    assert type(b.rows[1]).__name__ == "_NumericRow"
    assert b.text(0, 1) == "A01\n(without 01.11)" and b.text(2, 0) == "C13"
    assert b.numbers([1, 2], [1, 2]).tolist() == [[1.5, 2.0], [3.0, 4.25]]


def test_block_parser_reads_by_chunks_into_one_array_kept_by_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 30 goal 4: a numeric block is parsed a few rows at a time into one read-only
    array; the grid's numbers are views of it and the table keeps Z without a copy. Read
    by chunks of 7 values (several per row and rows split across them) it equals the
    cell-by-cell reading bit for bit, and a bad cell still falls back and is named."""
    import iocluster.io.cells as cells
    import iocluster.io.csvblock as csvblock
    from iocluster.datasets import miller_blair_2_3
    from iocluster.io import read_table, write_table

    rng = np.random.default_rng(5)
    t = miller_blair_2_3()
    big = t.replace(Z=t.Z * rng.uniform(0.5, 1.0, t.Z.shape))
    folder = write_table(big, tmp_path / "t")
    slow = read_table(folder)
    monkeypatch.setattr(cells, "FAST_CSV_CHARS", 0)
    monkeypatch.setattr(csvblock, "CHUNK_VALUES", 7)
    grid = cells.load_csv(folder / "intermediate_use.csv", numeric=True)
    assert grid.block is not None and not grid.block.flags.writeable
    view = grid.numbers([1, 2], [1, 2])
    assert np.shares_memory(view, grid.block) and not view.flags.writeable
    fast = read_table(folder)
    assert fast.Z.tobytes() == slow.Z.tobytes() == big.Z.tobytes()
    assert not fast.Z.flags.owndata and not fast.Z.flags.writeable  # the block, kept
    lines = (folder / "intermediate_use.csv").read_text().splitlines()
    head, _, rest = lines[1].partition(",")
    lines[1] = f"{head},n/a,{rest.partition(',')[2]}"
    (folder / "intermediate_use.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(TableFormatError, match=r"cell B2: expected a number, found 'n/a'"):
        read_table(folder)
