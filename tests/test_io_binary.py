"""Binary ``.npz`` tables: write → read is exact to the bit (property test over the same
random tables as the workbook and CSV round trips), no code can run from the file, and a
broken or foreign ``.npz`` gives one message naming the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given

from iocluster.datasets import example_economy, miller_blair_2_3
from iocluster.errors import OutputExistsError, TableFormatError
from iocluster.io import read_table, write_table
from iocluster.testing import assert_table_equal
from tests.test_io_roundtrip import SETTINGS, tables


@SETTINGS
@given(table=tables())
def test_round_trip_is_exact(tmp_path: Path, table) -> None:  # type: ignore[no-untyped-def]
    """Invariant: every field, floats bit for bit, labels, roles, tags and metadata."""
    out = write_table(table, tmp_path / f"t{abs(hash(table.codes))}.npz", force=True)
    assert_table_equal(read_table(out), table)


def test_example_economy_and_total_use_tables(tmp_path: Path, uzbekistan) -> None:  # type: ignore[no-untyped-def]
    for name, t in (("example", example_economy()), ("uz", uzbekistan)):
        back = read_table(write_table(t, tmp_path / f"{name}.npz"))
        assert_table_equal(back, t)
        assert back.meta.unit == t.meta.unit and back.kind == t.kind


def test_overwrite_needs_force(tmp_path: Path) -> None:
    p = write_table(miller_blair_2_3(), tmp_path / "mb.npz")
    with pytest.raises(OutputExistsError):
        write_table(miller_blair_2_3(), p)
    write_table(miller_blair_2_3(), p, force=True)


def test_pickled_objects_are_refused(tmp_path: Path) -> None:
    """An .npz holding an object array (a pickle: code on load) is never unpickled."""
    p = tmp_path / "evil.npz"
    np.savez(p, header=np.array(["x"], dtype=object))
    with pytest.raises(TableFormatError, match=r"evil\.npz.*'header\.npy': expected the header"):
        read_table(p)


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"Z": np.eye(2)}, "no 'header' array"),
        ({"header": np.array("{not json")}, "the header is not valid JSON"),
        ({"header": np.array('{"format": "other/9"}')}, "header format is 'other/9'"),
    ],
)
def test_foreign_npz_files_are_named(tmp_path: Path, arrays: dict, message: str) -> None:
    p = tmp_path / "foreign.npz"
    np.savez(p, **arrays)
    with pytest.raises(TableFormatError, match=rf"foreign\.npz.*{message}"):
        read_table(p)


def test_damaged_and_wrong_shaped_files(tmp_path: Path) -> None:
    good = write_table(miller_blair_2_3(), tmp_path / "mb.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(good.read_bytes()[:100])
    with pytest.raises(TableFormatError, match=r"broken\.npz"):
        read_table(broken)
    # a Z of the wrong shape: refused from its .npy header, before it is decompressed
    with np.load(good, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["Z"] = np.eye(3)
    bad = tmp_path / "shape.npz"
    np.savez(bad, **arrays)
    with pytest.raises(TableFormatError, match=r"shape\.npz.*'Z\.npy': an array of shape \(3, 3\)"):
        read_table(bad)
    assert zipfile.is_zipfile(good)
