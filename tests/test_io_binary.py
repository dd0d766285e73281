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
from iocluster.errors import InputError, OutputExistsError, TableFormatError
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


# ---------------------------------------------------------------- issue 27: members, types
def _arrays(p: Path) -> dict[str, np.ndarray]:
    with np.load(p, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def test_unknown_members_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 27 item 4: members a table does not have are refused by name before any
    member is decompressed (they used to be loaded, all of them, needed or not)."""
    import iocluster.io.npz_members as members

    good = write_table(miller_blair_2_3(), tmp_path / "mb.npz")
    p = tmp_path / "extra.npz"
    p.write_bytes(good.read_bytes())
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("junk.npy", b"\0" * 4096)
    loaded: list[str] = []
    real = members._load
    monkeypatch.setattr(members, "_load", lambda zf, info, loc: loaded.append(info.filename)
                        or real(zf, info, loc))  # fmt: skip
    with pytest.raises(TableFormatError, match=r"extra\.npz: member 'junk\.npy' is not part"):
        read_table(p)
    assert loaded == []
    read_table(good)
    assert "junk.npy" not in loaded and "Z.npy" in loaded


@pytest.mark.parametrize(
    ("block", "dtype"),
    [("Z", np.complex128), ("Z", np.bool_), ("Z", np.str_), ("x", np.int8), ("x", np.int16),
     ("Y", np.float128 if hasattr(np, "float128") else np.complex64)],
)  # fmt: skip
def test_blocks_of_other_types_are_refused(tmp_path: Path, block: str, dtype: type) -> None:
    """Issue 27 item 9: complex (imaginary part dropped), true/false, text, 8/16-bit
    integers (that wrap: 140 is stored as -116) are refused naming the member."""
    arrays = _arrays(write_table(miller_blair_2_3(), tmp_path / "mb.npz"))
    arrays[block] = arrays[block].astype(dtype)
    np.savez(tmp_path / "typed.npz", **arrays)  # type: ignore[arg-type]
    with pytest.raises(TableFormatError, match=rf"typed\.npz: member '{block}\.npy': holds "):
        read_table(tmp_path / "typed.npz")


@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.int32, np.int64, np.uint64])
def test_real_types_are_read_as_float64(tmp_path: Path, dtype: type) -> None:
    """Invariant: a block stored in a type float64 holds exactly reads as that float64."""
    t = miller_blair_2_3()
    arrays = _arrays(write_table(t, tmp_path / "mb.npz"))
    arrays["Z"] = arrays["Z"].astype(dtype)
    np.savez(tmp_path / "typed.npz", **arrays)  # type: ignore[arg-type]
    back = read_table(tmp_path / "typed.npz")
    assert back.Z.dtype == np.float64
    np.testing.assert_array_equal(back.Z, arrays["Z"].astype(np.float64))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: {**d, "meta": [1, 2]}, "header field 'meta': expected an object"),
        (lambda d: {**d, "meta": "x"}, "header field 'meta': expected an object.*found text"),
        (lambda d: {**d, "meta": {**d["meta"], "assumptions": 5}}, "'meta.assumptions'"),
        (lambda d: {**d, "meta": {**d["meta"], "title": {"a": 1}}}, "'meta.title': expected"),
        (lambda d: {**d, "tags": ["a"]}, "header field 'tags': expected an object"),
        (lambda d: {**d, "tags": {"region": "x"}}, "header field 'tags.region'"),
        (lambda d: {**d, "codes": "S1"}, "header field 'codes': expected a list"),
        (lambda d: {**d, "kind": 5}, "header field 'kind': expected text"),
        (lambda d: {k: v for k, v in d.items() if k != "names"}, "missing 'names'"),
        (lambda d: {**d, "x": [[[[1]]]] * 2}, None),  # an unknown key nested a little: read
    ],
)  # fmt: skip
def test_headers_of_other_shapes_are_named(tmp_path: Path, change: object, message: str | None,
                                           ) -> None:  # fmt: skip
    """Issue 27 item 7: every header a crafted file may hold is one message (no
    AttributeError or TypeError), or is read when it still describes the table."""
    import json

    arrays = _arrays(write_table(miller_blair_2_3(), tmp_path / "mb.npz"))
    doc = json.loads(str(arrays["header"][()]))
    arrays["header"] = np.array(json.dumps(change(doc)))  # type: ignore[operator]
    np.savez(tmp_path / "h.npz", **arrays)  # type: ignore[arg-type]
    if message is None:
        assert_table_equal(read_table(tmp_path / "h.npz"), miller_blair_2_3())
        return
    with pytest.raises(TableFormatError, match=rf"h\.npz: .*{message}"):
        read_table(tmp_path / "h.npz")


def test_deeply_nested_header_is_one_message(tmp_path: Path) -> None:
    arrays = _arrays(write_table(miller_blair_2_3(), tmp_path / "mb.npz"))
    arrays["header"] = np.array('{"format": ' + "[" * 50_000 + "]" * 50_000 + "}")
    np.savez(tmp_path / "deep.npz", **arrays)  # type: ignore[arg-type]
    with pytest.raises(TableFormatError, match="nested more deeply"):
        read_table(tmp_path / "deep.npz")


def test_sectors_beyond_the_budget_are_refused_before_the_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The header's number of sectors meets the sector budget before any block is read;
    the header itself is capped by that budget (4 KiB of labels per sector)."""
    import iocluster.io.npz_members as members

    p = write_table(example_economy(), tmp_path / "ex.npz")
    loaded: list[str] = []
    real = members._load
    monkeypatch.setattr(members, "_load", lambda zf, info, loc: loaded.append(info.filename)
                        or real(zf, info, loc))  # fmt: skip
    monkeypatch.setenv("IOCLUSTER_MAX_SECTORS", "19")
    with pytest.raises(InputError, match=r"ex\.npz: number of sectors 20 is above"):
        read_table(p)
    assert loaded == ["header.npy"]
    monkeypatch.setenv("IOCLUSTER_MAX_SECTORS", "2")  # 8 KiB: less than this header
    with pytest.raises(TableFormatError, match=r"'header\.npy' would decompress to"):
        read_table(p)


# ---------------------------------------------------------------- issue 30: direct reads
def test_stored_blocks_read_straight_into_their_arrays_are_the_same_bits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored float64 block above the threshold is read from the file into its array,
    in chunks (here of 64 bytes: many), its CRC-32 computed on another thread: the same
    table as zipfile's path."""
    from iocluster.io import npz_members

    path = write_table(example_economy(), tmp_path / "e.npz")
    plain = read_table(path)
    monkeypatch.setattr(npz_members, "_DIRECT_BYTES", 64)
    seen: list[str] = []
    direct = npz_members._read_stored
    monkeypatch.setattr(
        npz_members, "_read_stored", lambda p, i: seen.append(i.filename) or direct(p, i)
    )
    assert_table_equal(read_table(path), plain)
    assert "Z.npy" in seen


def test_a_damaged_block_read_directly_fails_its_crc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One byte of Z's data changed: the direct read refuses the file as zipfile would
    (Bad CRC-32), naming the file and the member."""
    from iocluster.io import npz_members

    path = write_table(example_economy(), tmp_path / "e.npz")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("Z.npy")
    raw = bytearray(path.read_bytes())
    name_len, extra_len = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28],
                                         "little"), int.from_bytes(
        raw[info.header_offset + 28 : info.header_offset + 30], "little")  # fmt: skip
    raw[info.header_offset + 30 + name_len + extra_len + info.file_size - 3] ^= 0xFF
    bad = tmp_path / "bad.npz"
    bad.write_bytes(bytes(raw))
    monkeypatch.setattr(npz_members, "_DIRECT_BYTES", 64)
    with pytest.raises(TableFormatError, match=r"bad\.npz.*Z\.npy.*CRC"):
        read_table(bad)
