"""Spreadsheets (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) read with python-calamine.

calamine (Rust) reads a sheet ten to twenty times faster than openpyxl. What it does not
do, this module does before or after it, so the reader keeps its guarantees:

- **Caps before parsing.** The zip caps of :func:`~iocluster.io.safety.check_workbook`
  run on the archive's directory before calamine opens the file; an XML member that
  declares a DTD is refused (calamine does not expand entities either: it stops at an
  unknown ``&name;``, which is reported the same way).
- **Sheet extent.** calamine allocates the rectangle between a sheet's first and last
  cell at once, so one cell at ``XFD1048576`` would abort the process. The sheet XML of
  an ``.xlsx``/``.xlsm`` is scanned (streamed, never held whole) for its last row and
  the last cell of each row, and a sheet spanning more than :data:`MAX_AREA` cells (or
  one per byte of its XML, if that is more) is refused before calamine reads it. The
  sheets of an ``.ods`` (repeated rows and columns counted) and an ``.xlsb`` (binary
  records) are streamed the same way by :mod:`iocluster.io.sheet_extent`.
- **Formulas and error cells.** calamine reads a formula's cached value but gives an
  empty cell for a formula without one, and for an error value (``#DIV/0!``). The same
  scan finds those cells (only chunks holding ``<f`` or ``t="e"`` are looked at in
  detail): a formula without a cached value is recorded in :attr:`Grid.formulas`, so
  reading it names the cell; an error cell reads as its text, as Excel shows it. In
  ``.xls`` and ``.xlsb`` files every formula record carries its cached value.
- **Values.** Numbers are floats, booleans are ``bool``, dates are :mod:`datetime`
  objects and text stays text (``"01"`` is not a number), as before.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.cells import Grid, a1, not_a_workbook
from iocluster.io.safety import check_workbook

__all__ = [
    "MAX_AREA",
    "SPREADSHEET_SUFFIXES",
    "filled_rows",
    "load_sheets",
    "sheet_names",
]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_XML_SCANNED = (".xlsx", ".xlsm")
#: most cells a sheet may span (A1 to its last cell) whatever its size: 2^22 ≈ 4.2 M;
#: beyond, one cell per byte of sheet XML (a dense sheet holds one per 20-30 bytes)
MAX_AREA = 1 << 22
_CHUNK = 1 << 22
_OLE = b"\xd0\xcf\x11\xe0"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


# ----------------------------------------------------------------------------- checks
def _check_file(path: Path) -> None:
    """One clear error for a file that is not the spreadsheet its suffix says, and the
    size caps for zip-based workbooks; nothing is decompressed beyond a few prologs."""
    where = Location(path)
    suffix = path.suffix.lower()
    head = path.read_bytes()[:2048] if path.stat().st_size < 4096 else _head(path)
    if suffix == ".xls":
        if head.startswith(_OLE):
            if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
                raise TableFormatError(Message("io.workbook.password"), where)
            return
        if head.startswith(b"PK"):
            raise TableFormatError(Message("io.workbook.xlsx_named_xls"), where)
        raise TableFormatError(Message("io.workbook.not_xls"), where)
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise TableFormatError(Message("io.workbook.broken_zip", suffix=suffix), where)
        if head.startswith(_OLE):
            if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
                raise TableFormatError(Message("io.workbook.password"), where)
            raise TableFormatError(Message("io.workbook.is_xls_rename"), where)
        raise TableFormatError(not_a_workbook(suffix, head), where)
    check_workbook(path)
    _check_no_dtd(path)
    _check_extents(path)


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(2048)


def _check_no_dtd(path: Path) -> None:
    """Refuse an XML member whose prolog declares a DTD (read: its first 4 KiB)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(info) as fh:
                    prolog = fh.read(4096)
                if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                    raise TableFormatError(
                        Message("io.workbook.member_entities", member=info.filename),
                        Location(path),
                    )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise TableFormatError(
            Message("io.workbook.damaged", detail=str(exc)), Location(path)
        ) from exc


# ------------------------------------------------------------------------- sheet XML
def _sheet_members(zf: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from the workbook part and its relations
    (both small; read after the size caps)."""
    from defusedxml.ElementTree import fromstring

    try:
        book = fromstring(zf.read("xl/workbook.xml"))
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ValueError, SyntaxError) as exc:
        raise TableFormatError(
            Message("io.workbook.no_workbook_part", detail=str(exc)), Location(path)
        ) from exc
    targets = {el.attrib.get("Id"): el.attrib.get("Target", "") for el in rels.iter()}
    out: dict[str, str] = {}
    for el in book.iter():
        if not el.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        if target:
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            out[el.attrib.get("name", "")] = str(PurePosixPath(member))
    return out


_ROW = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"")
_CELL_REF = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})(\d+)\"")
_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_TYPE_E = re.compile(rb"\bt=\"e\"")
_V = re.compile(rb"<v>([^<]*)</v>")
_F_RANGE = re.compile(
    rb"<f\b[^>]*?\bt=\"(?:array|dataTable)\"[^>]*?\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\""
)


class SheetScan:
    """What a streaming scan of one sheet's XML found (0-based cells)."""

    def __init__(self) -> None:
        self.max_row = 0  # 1-based last row seen
        self.max_col = 0  # 1-based last column seen
        self.no_value: set[tuple[int, int]] = set()  # formulas without a cached value
        self.errors: dict[tuple[int, int], str] = {}  # error cells and their text
        self.ranges: list[tuple[int, int, int, int]] = []  # array / data-table formulas

    def feed(self, chunk: bytes) -> None:
        """Scan whole cells of ``chunk`` (the caller keeps element boundaries)."""
        rows = _ROW.findall(chunk)
        if rows:
            self.max_row = max(self.max_row, max(int(r) for r in rows))
        # the last cell of each row holds the row's last column
        end = chunk.find(b"</row>")
        while end >= 0:
            start = chunk.rfind(b"<c ", 0, end)
            m = _CELL_REF.match(chunk, start) if start >= 0 else None
            if m:
                self.max_col = max(self.max_col, _col_number(m.group(1)))
                self.max_row = max(self.max_row, int(m.group(2)))
            end = chunk.find(b"</row>", end + 6)
        if b"<f" not in chunk and b't="e"' not in chunk:
            return
        for m in _CELL.finditer(chunk):
            attrs, body = m.group(1), m.group(3) or b""
            is_error = _TYPE_E.search(attrs) is not None
            if b"<f" not in body and not is_error:
                continue
            ref = _REF.search(attrs)
            if ref is None:
                continue
            rc = (int(ref.group(2)) - 1, _col_number(ref.group(1)) - 1)
            v = _V.search(body)
            if is_error:
                self.errors[rc] = v.group(1).decode("utf-8", "replace") if v else "#N/A"
            elif v is None or not v.group(1):
                self.no_value.add(rc)
            fr = _F_RANGE.search(body)
            if fr:
                a, _, b = fr.group(1).partition(b":")
                ra = _REF.search(b'r="' + a + b'"')
                rb = _REF.search(b'r="' + (b or a) + b'"')
                if ra and rb:
                    self.ranges.append(
                        (
                            int(ra.group(2)) - 1,
                            _col_number(ra.group(1)) - 1,
                            int(rb.group(2)) - 1,
                            _col_number(rb.group(1)) - 1,
                        )
                    )


def _chunks(zf: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member's bytes in pieces that end after a ``</c>``, ``</row>`` or ``/>``
    (so no cell is cut in two)."""
    carry = b""
    with zf.open(member) as fh:
        while True:
            block = fh.read(_CHUNK)
            if not block:
                if carry:
                    yield carry
                return
            data = carry + block
            cut = max(data.rfind(b"</row>"), data.rfind(b"</c>"))
            if cut < 0:
                carry = data
                continue
            cut = data.find(b">", cut) + 1
            yield data[:cut]
            carry = data[cut:]


_FILLED_ROW = re.compile(rb"<row\b[^>]*[^/>]>\s*<c\b|<row>\s*<c\b")


def filled_rows(path: str | Path, sheet: str) -> int | None:
    """The rows of an ``.xlsx`` sheet that hold a cell, counted in its XML as it streams
    (nothing is parsed or kept): a budget check before the sheet is read. ``None`` for
    other formats or a sheet that is not there.

    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Y"
    >>> for r in range(3): ws.append([r, "x"])
    >>> wb.save(p); filled_rows(p, "Y")
    3
    """
    p = Path(path)
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(p) as zf:
            member = _sheet_members(zf, p).get(sheet)
            if member is None:
                return None
            return sum(len(_FILLED_ROW.findall(chunk)) for chunk in _chunks(zf, member))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError):
        return None  # the reader says what is wrong with the file


def check_extent(path: Path, sheet: str, rows: int, cols: int, size: int) -> None:
    """Refuse a sheet whose cells span more than :data:`MAX_AREA` cells and more than
    one per byte of its ``size`` bytes of data (``rows``, ``cols``: its last cell,
    1-based), naming that cell."""
    area = rows * cols
    if area > max(MAX_AREA, size):
        last = a1(rows - 1, cols - 1)
        raise TableFormatError(
            Message("io.sheet.stray_cells", last=last, cells=area, size=size, keys="Ctrl+End"),
            Location(path, sheet, Message("io.where.cell", ref=last)),
        )


def _check_extents(path: Path) -> None:
    """The extent of every sheet of an ``.ods`` (calamine reads them all on opening) or
    ``.xlsb`` file, streamed before calamine opens it (see :mod:`.sheet_extent`)."""
    from iocluster.io.sheet_extent import ods_extents, xlsb_extent, xlsb_sheet_parts

    suffix = path.suffix.lower()
    try:
        with zipfile.ZipFile(path) as zf:
            if suffix == ".ods" and "content.xml" in zf.namelist():
                size = zf.getinfo("content.xml").file_size
                for sheet, (rows, cols) in ods_extents(zf).items():
                    check_extent(path, sheet, rows, cols, size)
            elif suffix == ".xlsb":
                for sheet, member in xlsb_sheet_parts(zf).items():
                    rows, cols = xlsb_extent(zf, member)
                    check_extent(path, sheet, rows, cols, zf.getinfo(member).file_size)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise TableFormatError(
            Message("io.workbook.damaged_suffix", suffix=suffix, detail=str(exc)), Location(path)
        ) from exc


def scan_sheet(path: Path, member: str, sheet: str) -> SheetScan:
    """Stream one sheet's XML: its extent, formulas without values, error cells.

    Raises
    ------
    TableFormatError
        The sheet spans more cells than :data:`MAX_AREA` (and more than one per byte of
        its XML), naming the last cell.
    """
    scan = SheetScan()
    try:
        with zipfile.ZipFile(path) as zf:
            size = zf.getinfo(member).file_size
            for chunk in _chunks(zf, member):
                scan.feed(chunk)
                check_extent(path, sheet, scan.max_row, scan.max_col, size)
    except KeyError as exc:
        raise TableFormatError(
            Message("io.sheet.part_missing", member=member), Location(path, sheet)
        ) from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise TableFormatError(
            Message("io.sheet.damaged", detail=str(exc)), Location(path, sheet)
        ) from exc
    return scan


# ---------------------------------------------------------------------------- calamine
def _open(path: Path):  # type: ignore[no-untyped-def]
    import python_calamine as pc

    _check_file(path)
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError as exc:
        raise TableFormatError(Message("io.workbook.password"), Location(path)) from exc
    except (pc.CalamineError, ValueError, OSError) as exc:
        raise _calamine_error(exc, path, None) from exc


def _calamine_error(exc: BaseException, path: Path, sheet: str | None) -> TableFormatError:
    msg = " ".join(str(exc).split())
    if "entity" in msg.lower():
        return TableFormatError(Message("io.workbook.entities"), Location(path, sheet))
    if sheet:
        return TableFormatError(Message("io.sheet.unreadable", detail=msg), Location(path, sheet))
    return TableFormatError(
        Message("io.workbook.other_kind", suffix=path.suffix.lower(), detail=msg),
        Location(path),
    )


def sheet_names(path: str | Path, *, visible_only: bool = False) -> list[str]:
    """Worksheet names of a spreadsheet, in order (``visible_only``: hidden ones left
    out), after the file checks and size caps."""
    import python_calamine as pc

    p = Path(path)
    wb = _open(p)
    try:
        meta = wb.sheets_metadata
        return [
            m.name
            for m in meta
            if m.typ == pc.SheetTypeEnum.WorkSheet
            and (not visible_only or m.visible == pc.SheetVisibleEnum.Visible)
        ]
    finally:
        wb.close()


def load_sheets(
    path: str | Path, sheets: Sequence[str | None], *, formulas: bool = True
) -> dict[str, Grid]:
    """Several sheets of one spreadsheet as grids, opening the file once.

    ``None`` stands for the first visible worksheet. With ``formulas``, cells of an
    ``.xlsx``/``.xlsm`` that hold a formula without a cached value are recorded in
    :attr:`Grid.formulas`, so reading them raises an error naming them.

    Raises
    ------
    TableFormatError
        Naming the file (and sheet): not a spreadsheet, damaged, encrypted, above the
        caps, no such sheet.
    """
    import python_calamine as pc

    p = Path(path)
    wb = _open(p)
    grids: dict[str, Grid] = {}
    try:
        meta = [m for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        names = [m.name for m in meta]
        visible = [m.name for m in meta if m.visible == pc.SheetVisibleEnum.Visible]
        members: dict[str, str] = {}
        if p.suffix.lower() in _XML_SCANNED:
            with zipfile.ZipFile(p) as zf:
                members = _sheet_members(zf, p)
        for sheet in sheets:
            if sheet is None and not (visible or names):
                raise TableFormatError(Message("io.workbook.no_sheet"), Location(p))
            name = (visible or names)[0] if sheet is None else sheet
            if name not in names:
                raise TableFormatError(
                    Message(
                        "io.workbook.unknown_sheet", sheet=name, sheets=[repr(s) for s in names]
                    ),
                    Location(p),
                )
            scan = scan_sheet(p, members[name], name) if name in members else None
            try:
                ws = wb.get_sheet_by_name(name)
                rows: list[Sequence[object]] = ws.to_python(skip_empty_area=False)
            except (pc.CalamineError, ValueError, OSError) as exc:
                raise _calamine_error(exc, p, name) from exc
            grid = Grid(_tidy(rows), p, name, merged=_merged(ws))
            if scan is not None:
                _apply_scan(grid, scan, formulas)
            grids[name] = grid
    finally:
        wb.close()
    return grids


def _merged(ws: object) -> dict[tuple[int, int], str]:
    """Cells covered by a merged range (not its top-left cell) -> the range in A1."""
    out: dict[tuple[int, int], str] = {}
    for (r0, c0), (r1, c1) in getattr(ws, "merged_cell_ranges", None) or []:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_AREA:
            continue  # a whole-sheet merge: not a data block
        text = f"{a1(r0, c0)}:{a1(r1, c1)}"
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[r, c] = text
    return out


def _tidy(rows: list[Sequence[object]]) -> list[Sequence[object]]:
    """Empty cells as None (calamine gives ""), trailing empty rows dropped."""
    out: list[Sequence[object]] = []
    for row in rows:
        if "" in row:
            row = [None if v == "" else v for v in row]
        out.append(row)
    while out and all(v is None for v in out[-1]):
        out.pop()
    return out


def _apply_scan(grid: Grid, scan: SheetScan, formulas: bool) -> None:
    for (r, c), text in scan.errors.items():
        if grid.get(r, c) is None:
            while grid.nrows <= r:
                grid.rows.append([])
            row = grid.rows[r]
            cells = list(row) + [None] * max(0, c + 1 - len(row))
            cells[c] = text
            grid.rows[r] = cells
    if not formulas:
        return
    grid.formulas.update(rc for rc in scan.no_value if grid.get(rc[0], rc[1]) is None)
    for r0, c0, r1, c1 in scan.ranges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if grid.get(r, c) is None:
                    grid.formulas.add((r, c))


def list_sheets(path: Path) -> list[str]:
    """Worksheet names of a spreadsheet (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``,
    ``.ods``), after the size caps, with a clear error for a file that is not one."""
    return sheet_names(path)


def load_xlsx(path: str | Path, sheet: str | None = None, *, formulas: bool = True) -> Grid:
    """One sheet of a spreadsheet as a :class:`~iocluster.io.cells.Grid` (the first
    visible sheet if ``sheet`` is None).

    With ``formulas``, cells that hold a formula without a cached value are recorded so
    that reading them raises an error naming them.
    """
    return next(iter(load_sheets(Path(path), [sheet], formulas=formulas).values()))


def load_xlsx_sheets(
    path: str | Path, sheets: Sequence[str | None], *, formulas: bool = True
) -> dict[str, Grid]:
    """Several sheets of one spreadsheet as grids, opening the file once (``None``: the
    first visible sheet)."""
    return load_sheets(Path(path), sheets, formulas=formulas)
