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
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from iocluster.core.budget import SECTORS
from iocluster.errors import Location, TableFormatError
from iocluster.table import LABEL_FIELDS, assumption_from

__all__ = ["block_shapes", "check_member_names", "read_blocks", "read_header"]

#: bytes of header text allowed per sector of the budget (codes, names and labels)
_HEADER_BYTES_PER_SECTOR = 4096
#: a .npy member's own header (magic, version, dict text) beyond its data
_NPY_HEADER_BYTES = 1 << 16
_META_SCALARS = (str, int, float, bool, type(None))


def _json_kind(v: object) -> str:
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, int | float):
        return f"the number {v!r}"
    return {dict: "an object", list: "a list", str: "text", type(None): "null"}.get(
        type(v), type(v).__name__
    )


def _npy(name: str) -> str:
    return f"{name}.npy"


def check_member_names(zf: zipfile.ZipFile, loc: Location, names: Iterable[str]) -> None:
    """Refuse a member that is none of ``names`` (``header``, the blocks), unread."""
    allowed = {_npy(n) for n in names}
    for info in zf.infolist():
        if info.filename not in allowed:
            raise TableFormatError(
                f"member '{info.filename}' is not part of an iocluster table (expected "
                f"{', '.join(sorted(allowed))}); refused without reading it",
                loc,
            )


def _open_npy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, loc: Location) -> tuple[Any, ...]:
    """``(shape, fortran_order, dtype)`` from a member's ``.npy`` header alone."""
    where = f"member '{info.filename}'"
    try:
        with zf.open(info) as fh:
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                return tuple(np.lib.format.read_array_header_1_0(fh))
            if version == (2, 0):
                return tuple(np.lib.format.read_array_header_2_0(fh))
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, SyntaxError) as exc:
        raise TableFormatError(f"{where}: not a NumPy array ({exc})", loc) from None
    raise TableFormatError(f"{where}: NumPy array format {version} is not read", loc)


def _load(zf: zipfile.ZipFile, info: zipfile.ZipInfo, loc: Location) -> np.ndarray:
    try:
        with zf.open(info) as fh:
            return np.asarray(np.lib.format.read_array(fh, allow_pickle=False))
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise TableFormatError(f"member '{info.filename}': cannot be read ({exc})", loc) from None


def read_header(zf: zipfile.ZipFile, loc: Location, fmt: str) -> dict[str, Any]:
    """The header member's JSON document, checked to describe a table of layout ``fmt``:
    labels as lists of text (converted to ``str``), ``kind`` and ``import_rule`` text,
    ``tags`` ``{name: [labels]}``, ``meta`` ``{field: text or number}`` with
    ``assumptions`` a list of text. Missing ``tags``/``meta`` become empty objects."""
    try:
        info = zf.getinfo(_npy("header"))
    except KeyError:
        raise TableFormatError("no 'header' array: not an iocluster .npz table", loc) from None
    cap = _HEADER_BYTES_PER_SECTOR * SECTORS.limit
    if info.file_size > cap:
        raise TableFormatError(
            f"member '{info.filename}' would decompress to {info.file_size:,} bytes, more than "
            f"the {cap:,} bytes a table's labels take within the sector budget",
            loc,
        )
    shape, _, dtype = _open_npy(zf, info, loc)
    if dtype.kind != "U" or shape != ():
        raise TableFormatError(f"member '{info.filename}': expected the header text", loc)
    try:
        doc = json.loads(str(_load(zf, info, loc)[()]))
    except json.JSONDecodeError as exc:
        raise TableFormatError(f"the header is not valid JSON ({exc})", loc) from exc
    except RecursionError:
        raise TableFormatError(
            "the header is nested more deeply than a table's description; refused", loc
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise TableFormatError(f"header format is {found!r}; expected '{fmt}'", loc)
    return _checked(doc, loc)


def _labels(v: object, key: str, loc: Location) -> list[str]:
    if not isinstance(v, list) or not all(
        isinstance(x, str | int | float) and not isinstance(x, bool) for x in v
    ):
        raise TableFormatError(
            f"header field '{key}': expected a list of labels (text), found {_json_kind(v)}", loc
        )
    return [str(x) for x in v]


def _checked(doc: dict[str, Any], loc: Location) -> dict[str, Any]:
    for k in LABEL_FIELDS:
        if k not in doc:
            raise TableFormatError(f"missing '{k}'", loc)
        doc[k] = _labels(doc[k], k, loc)
    for k in ("kind", "import_rule"):
        if k in doc and not isinstance(doc[k], str):
            raise TableFormatError(
                f"header field '{k}': expected text, found {_json_kind(doc[k])}", loc
            )
    tags = doc.get("tags") or {}
    if not isinstance(tags, dict):
        raise TableFormatError(
            f"header field 'tags': expected an object of name = [labels], found {_json_kind(tags)}",
            loc,
        )
    doc["tags"] = {str(k): _labels(v, f"tags.{k}", loc) for k, v in tags.items()}
    meta = doc.get("meta") or {}
    if not isinstance(meta, dict):
        raise TableFormatError(
            f"header field 'meta': expected an object of metadata, found {_json_kind(meta)}", loc
        )
    for k, v in meta.items():
        if k == "assumptions":
            if not isinstance(v, list) or not all(_assumption(a) for a in v):
                raise TableFormatError(
                    "header field 'meta.assumptions': expected a list of text or keyed "
                    f'messages ({{"code": …, "params": {{…}}}}), found '
                    f"{_json_kind(v)}",
                    loc,
                )
        elif not isinstance(v, _META_SCALARS):
            raise TableFormatError(
                f"header field 'meta.{k}': expected text or a number, found {_json_kind(v)}",
                loc,
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
            raise TableFormatError(f"missing '{name}'", loc) from None
        where = f"member '{info.filename}'"
        got, _, dtype = _open_npy(zf, info, loc)
        if not _real(dtype):
            raise TableFormatError(
                f"{where}: holds {dtype.name} values; expected real numbers: float64 (as "
                "iocluster writes), float32, float16 or 32/64-bit integers",
                loc,
            )
        if tuple(got) != tuple(shape):
            raise TableFormatError(
                f"{where}: an array of shape {tuple(got)}; the header's labels call for "
                f"{tuple(shape)}",
                loc,
            )
        need = math.prod(shape) * dtype.itemsize
        if info.file_size > need + _NPY_HEADER_BYTES:
            raise TableFormatError(
                f"{where} would decompress to {info.file_size:,} bytes; an array of shape "
                f"{tuple(shape)} takes {need:,}: refused",
                loc,
            )
        out[name] = _load(zf, info, loc).astype(np.float64, copy=False)
    return out


def _assumption(value: object) -> bool:
    """Whether ``value`` is an assumption a header may hold: text, or a keyed message
    as :meth:`iocluster.core.messages.Message.to_dict` writes it."""
    return isinstance(value, str) or not isinstance(assumption_from(value), str)
