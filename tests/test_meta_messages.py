"""Issue 28: the assumptions iocluster states in a table's metadata are keyed messages and
stay so through every table format (the canonical workbook's metadata sheet, a CSV
folder's metadata.json, the .npz header), so a table read back reports them in any
language; a table's own assumptions (the user's words) stay text."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from iocluster.core.messages import Message, render
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import TableFormatError
from iocluster.io.binary import read_npz, write_npz
from iocluster.io.csvfolder import read_csv_folder, write_csv_folder
from iocluster.io.workbook import read_workbook, write_workbook
from iocluster.model.closure import Closure
from iocluster.table import IOTable

#: (writer, reader, file name) of each format that keeps metadata.
FORMATS: dict[str, tuple[Callable[..., Path], Callable[..., IOTable], str]] = {
    "workbook": (write_workbook, read_workbook, "t.xlsx"),
    "csv folder": (write_csv_folder, read_csv_folder, "t"),
    "npz": (write_npz, read_npz, "t.npz"),
}

NAMES = Message("names.from_file", file="names.csv", column="name_ru", named=2, total=2)
#: A message with nested messages, a float to six digits and a count.
CLOSURE = Closure(income="value_added", corner=0.05).describe()
OWN = "Households' own production is excluded (our note)."


def _table() -> IOTable:
    t = miller_blair_2_3()
    meta = t.meta.with_assumption(NAMES).with_assumption(OWN).with_assumption(CLOSURE)
    return t.replace(meta=meta)


@pytest.mark.parametrize("fmt", FORMATS)
def test_assumptions_come_back_as_the_same_messages(tmp_path: Path, fmt: str) -> None:
    write, read, name = FORMATS[fmt]
    t = _table()
    back = read(write(t, tmp_path / name)).meta.assumptions
    assert back == t.meta.assumptions
    assert isinstance(back[0], Message) and back[1] == OWN and isinstance(back[2], Message)
    ru = render(back[0], "ru")
    assert ru.startswith("Названия отраслей из файла names.csv (столбец name_ru; 2 из 2")
    assert "угловая ячейка 0,05" in render(back[2], "ru")
    # and once more: a table read back writes the same metadata
    again = read(write(dataclasses.replace(t), tmp_path / ("2" + name))).meta
    assert again.assumptions == back


def test_workbook_metadata_sheet_reads_in_english_beside_the_message(tmp_path: Path) -> None:
    """The metadata sheet stays readable: the English text in the value column, the
    message as JSON in a third column (none for the user's own words)."""
    p = write_workbook(_table(), tmp_path / "t.xlsx")
    rows = [r for r in load_workbook(p)["metadata"].iter_rows(values_only=True)]
    asm = [r for r in rows if r[0] == "assumption"]
    assert asm[0][1] == str(NAMES) and json.loads(str(asm[0][2])) == NAMES.to_dict()
    assert asm[1][1] == OWN and asm[1][2] in (None, "")


def test_a_hand_edited_message_cell_is_refused_by_cell(tmp_path: Path) -> None:
    p = write_workbook(_table(), tmp_path / "t.xlsx")
    wb = load_workbook(p)
    ws = wb["metadata"]
    for row in ws.iter_rows():
        if row[0].value == "assumption" and row[2].value:
            row[2].value = "{not json"
            where = row[2].coordinate
            break
    wb.save(p)
    with pytest.raises(TableFormatError, match=f"cell {where}"):
        read_workbook(p)


@pytest.mark.parametrize(
    "bad",
    [{"code": 5, "params": {}}, {"code": "names.from_file"}, {"code": "x", "params": [1]}, 7],
)
def test_npz_header_refuses_what_is_neither_text_nor_a_message(tmp_path: Path, bad: object) -> None:
    """A crafted header's assumption that is neither text nor a keyed message is named."""
    import numpy as np

    p = write_npz(_table(), tmp_path / "t.npz")
    with np.load(p, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    doc = json.loads(str(arrays["header"][()]))
    doc["meta"]["assumptions"] = [*doc["meta"]["assumptions"], bad]
    arrays["header"] = np.array(json.dumps(doc))
    np.savez(tmp_path / "h.npz", **arrays)  # type: ignore[arg-type]
    with pytest.raises(TableFormatError, match=r"'meta\.assumptions': expected a list of text or"):
        read_npz(tmp_path / "h.npz")
