"""The members of an ``.npz`` table, each checked before it is read (issue 27).

An ``.npz`` file is a zip archive of ``.npy`` members. A crafted archive must cost no
more than the table it claims to be, and say in one line what is wrong:

- :func:`check_member_names`: a member a table does not have is refused, unread (300
  members of zeros, each below the zip-bomb ratio rule, would otherwise all be loaded);
- :func:`read_header`: the ``header`` member, of bounded size, must be the JSON
  description of a table: labels as lists of text, ``tags`` an object of lists,
  ``meta`` an object of text and numbers (``assumptions`` a list of text), nesting no
  deeper than that;
- :func:`read_blocks`: each block's ``.npy`` header is read first: it must hold real
  numbers (float64 as iocluster writes, float32, float16, or 32/64-bit integers; never
  true/false, complex numbers, text, objects or 8/16-bit integers that wrap) in the
  shape the header's labels call for, and declare no more bytes than that shape needs;
  only then is it decompressed. With the number of sectors within
  :data:`~iocluster.core.budget.SECTORS`, the whole read is bounded by the table budget.
"""

from __future__ import annotations

import json
import math
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from iocluster.core.budget import SECTORS
from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.table import LABEL_FIELDS, assumption_from

__all__ = ["block_shapes", "check_member_names", "read_blocks", "read_header"]

#: bytes of header text allowed per sector of the budget (codes, names and labels)
_HEADER_BYTES_PER_SECTOR = 4096
#: a .npy member's own header (magic, version, dict text) beyond its data
_NPY_HEADER_BYTES = 1 << 16
_META_SCALARS = (str, int, float, bool, type(None))


def _json_kind(v: object) -> Message | str:
    """What a JSON value is, for a message (``the number 5``, ``a list``)."""
    if isinstance(v, bool):
        return Message("io.json_kind.bool")
    if isinstance(v, int | float):
        return Message("io.json_kind.number", value=repr(v))
    if isinstance(v, dict):
        return Message("io.json_kind.object")
    if isinstance(v, list):
        return Message("io.json_kind.list")
    if isinstance(v, str):
        return Message("io.json_kind.text")
    if v is None:
        return Message("io.json_kind.null")
    return type(v).__name__


def _npy(name: str) -> str:
    return f"{name}.npy"


def check_member_names(zf: zipfile.ZipFile, loc: Location, names: Iterable[str]) -> None:
    """Refuse a member that is none of ``names`` (``header``, the blocks), unread."""
    allowed = {_npy(n) for n in names}
    for info in zf.infolist():
        if info.filename not in allowed:
            raise TableFormatError(
                Message("io.npz.foreign_member", member=info.filename, expected=sorted(allowed)),
                loc,
            )


def _open_npy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, loc: Location) -> tuple[Any, ...]:
    """``(shape, fortran_order, dtype)`` from a member's ``.npy`` header alone."""
    member = info.filename
    try:
        with zf.open(info) as fh:
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                return tuple(np.lib.format.read_array_header_1_0(fh))
            if version == (2, 0):
                return tuple(np.lib.format.read_array_header_2_0(fh))
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, SyntaxError) as exc:
        raise TableFormatError(
            Message("io.npz.not_npy", member=member, lib="NumPy", detail=str(exc)), loc
        ) from None
    raise TableFormatError(
        Message("io.npz.npy_version", member=member, lib="NumPy", version=str(version)), loc
    )


#: a stored (uncompressed) float64 block of at least this many bytes is read straight
#: into its array (:func:`_read_stored`)
_DIRECT_BYTES = 1 << 24


def _read_stored(path: str, info: zipfile.ZipInfo) -> np.ndarray | None:
    """A stored C-ordered float64 member read straight from the file into its array, its
    CRC-32 computed on another thread as the chunks arrive and checked as ``zipfile``
    checks it; ``None`` when the member is not such a block (``zipfile`` reads it then).

    ``zipfile`` hands the data over in small pieces that NumPy copies again, and checks
    the CRC on the same thread: a 10,000-sector ``Z`` (800 MB) took 0.56–0.71 s that way
    and takes 0.35–0.46 s here (issue 30).
    """
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        # the local file header (PKWARE APPNOTE 4.3.7): 30 bytes, the name's and the
        # extra field's lengths at bytes 26 and 28, then the name, the extra field, the data
        local = f.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local file header for '{info.filename}'")
        name_len, extra_len = struct.unpack_from("<HH", local, 26)
        start = info.header_offset + 30 + name_len + extra_len
        f.seek(start)
        version = np.lib.format.read_magic(f)
        read_header = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, fortran, dtype = read_header(f)
        head = f.tell() - start
        if fortran or dtype != np.dtype("<f8") or info.file_size != head + 8 * math.prod(shape):
            return None
        f.seek(start)
        crc = [zlib.crc32(f.read(head))]
        arr = np.empty(shape)
        data = arr.reshape(-1).view(np.uint8)

        def update(chunk: memoryview) -> None:
            crc[0] = zlib.crc32(chunk, crc[0])

        with ThreadPoolExecutor(1) as pool:  # one thread: the chunks in order
            for i in range(0, data.size, _DIRECT_BYTES):
                chunk = data[i : i + _DIRECT_BYTES].data
                if f.readinto(chunk) != len(chunk):
                    raise EOFError(f"'{info.filename}' ends before its data")
                pool.submit(update, chunk)
    if crc[0] != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file '{info.filename}'")
    return arr


def _load(zf: zipfile.ZipFile, info: zipfile.ZipInfo, loc: Location) -> np.ndarray:
    try:
        direct = (
            info.compress_type == zipfile.ZIP_STORED
            and info.file_size >= _DIRECT_BYTES
            and isinstance(zf.filename, str)
        )
        arr = _read_stored(zf.filename, info) if direct and zf.filename else None
        if arr is not None:
            return arr
        with zf.open(info) as fh:
            return np.asarray(np.lib.format.read_array(fh, allow_pickle=False))
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise TableFormatError(
            Message("io.npz.unreadable_member", member=info.filename, detail=str(exc)), loc
        ) from None


def read_header(zf: zipfile.ZipFile, loc: Location, fmt: str) -> dict[str, Any]:
    """The header member's JSON document, checked to describe a table of layout ``fmt``:
    labels as lists of text (converted to ``str``), ``kind`` and ``import_rule`` text,
    ``tags`` ``{name: [labels]}``, ``meta`` ``{field: text or number}`` with
    ``assumptions`` a list of text. Missing ``tags``/``meta`` become empty objects."""
    try:
        info = zf.getinfo(_npy("header"))
    except KeyError:
        raise TableFormatError(Message("io.npz.no_header", name="header"), loc) from None
    cap = _HEADER_BYTES_PER_SECTOR * SECTORS.limit
    if info.file_size > cap:
        raise TableFormatError(
            Message("io.npz.header_too_big", member=info.filename, size=info.file_size, cap=cap),
            loc,
        )
    shape, _, dtype = _open_npy(zf, info, loc)
    if dtype.kind != "U" or shape != ():
        raise TableFormatError(Message("io.npz.header_not_text", member=info.filename), loc)
    try:
        doc = json.loads(str(_load(zf, info, loc)[()]))
    except json.JSONDecodeError as exc:
        raise TableFormatError(Message("io.npz.header_json", detail=str(exc)), loc) from exc
    except RecursionError:
        raise TableFormatError(Message("io.npz.header_nested"), loc) from None
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise TableFormatError(Message("io.npz.header_format", found=repr(found), fmt=fmt), loc)
    return _checked(doc, loc)


def _labels(v: object, key: str, loc: Location) -> list[str]:
    if not isinstance(v, list) or not all(
        isinstance(x, str | int | float) and not isinstance(x, bool) for x in v
    ):
        raise TableFormatError(Message("io.npz.field_labels", field=key, kind=_json_kind(v)), loc)
    return [str(x) for x in v]


def _checked(doc: dict[str, Any], loc: Location) -> dict[str, Any]:
    for k in LABEL_FIELDS:
        if k not in doc:
            raise TableFormatError(Message("io.npz.missing", name=k), loc)
        doc[k] = _labels(doc[k], k, loc)
    for k in ("kind", "import_rule"):
        if k in doc and not isinstance(doc[k], str):
            raise TableFormatError(
                Message("io.npz.field_text", field=k, kind=_json_kind(doc[k])), loc
            )
    tags = doc.get("tags") or {}
    if not isinstance(tags, dict):
        raise TableFormatError(
            Message("io.npz.field_tags", field="tags", kind=_json_kind(tags)), loc
        )
    doc["tags"] = {str(k): _labels(v, f"tags.{k}", loc) for k, v in tags.items()}
    meta = doc.get("meta") or {}
    if not isinstance(meta, dict):
        raise TableFormatError(
            Message("io.npz.field_meta", field="meta", kind=_json_kind(meta)), loc
        )
    for k, v in meta.items():
        if k == "assumptions":
            if not isinstance(v, list) or not all(_assumption(a) for a in v):
                raise TableFormatError(
                    Message(
                        "io.npz.assumptions_list",
                        field="meta.assumptions",
                        key_code="'code'",
                        key_params="'params'",
                        kind=_json_kind(v),
                    ),
                    loc,
                )
        elif not isinstance(v, _META_SCALARS):
            raise TableFormatError(
                Message("io.npz.field_scalar", field=f"meta.{k}", kind=_json_kind(v)), loc
            )
    doc["meta"] = meta
    return doc


def block_shapes(
    codes: int, fd_names: int, va_names: int, satellite_names: int
) -> dict[str, tuple[int, ...]]:
    """The shape of every block of a table with these numbers of labels.

    >>> block_shapes(3, 2, 1, 0)["Y"], block_shapes(3, 2, 1, 0)["F"]
    ((3, 2), (0, 3))
    """
    n, k, r, s = codes, fd_names, va_names, satellite_names
    return {"Z": (n, n), "Y": (n, k), "V": (r, n), "F": (s, n), "x": (n,), "m": (n,),
            "Zm": (n, n), "Ym": (n, k)}  # fmt: skip


def _real(dtype: np.dtype[Any]) -> bool:
    """Real numbers a float64 holds exactly enough: float16/32/64, 32/64-bit integers."""
    if dtype.hasobject:
        return False
    return (dtype.kind == "f" and dtype.itemsize <= 8) or (
        dtype.kind in "iu" and dtype.itemsize in (4, 8)
    )


def read_blocks(
    zf: zipfile.ZipFile,
    loc: Location,
    shapes: Mapping[str, tuple[int, ...]],
    optional: Iterable[str] = (),
) -> dict[str, np.ndarray | None]:
    """Every block of ``shapes`` as float64 (``None`` for a missing ``optional`` one),
    each checked from its ``.npy`` header before it is decompressed."""
    opt = set(optional)
    out: dict[str, np.ndarray | None] = {}
    for name, shape in shapes.items():
        try:
            info = zf.getinfo(_npy(name))
        except KeyError:
            if name in opt:
                out[name] = None
                continue
            raise TableFormatError(Message("io.npz.missing", name=name), loc) from None
        member = info.filename
        got, _, dtype = _open_npy(zf, info, loc)
        if not _real(dtype):
            raise TableFormatError(Message("io.npz.dtype", member=member, dtype=dtype.name), loc)
        if tuple(got) != tuple(shape):
            raise TableFormatError(
                Message(
                    "io.npz.shape", member=member, got=str(tuple(got)), shape=str(tuple(shape))
                ),
                loc,
            )
        need = math.prod(shape) * dtype.itemsize
        if info.file_size > need + _NPY_HEADER_BYTES:
            raise TableFormatError(
                Message(
                    "io.npz.padded",
                    member=member,
                    size=info.file_size,
                    shape=str(tuple(shape)),
                    need=need,
                ),
                loc,
            )
        out[name] = _load(zf, info, loc).astype(np.float64, copy=False)
    return out


def _assumption(value: object) -> bool:
    """Whether ``value`` is an assumption a header may hold: text, or a keyed message
    as :meth:`iocluster.core.messages.Message.to_dict` writes it."""
    return isinstance(value, str) or not isinstance(assumption_from(value), str)
