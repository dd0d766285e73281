"""Minimal ``.ods`` and ``.xlsb`` files written from scratch (no binary is committed).

``write_ods`` writes the parts calamine needs of an OpenDocument spreadsheet
(OpenDocument 1.2, part 1, §9.1: ``table:table``, ``table:table-row``,
``table:table-cell`` with ``number-rows-repeated``/``number-columns-repeated``);
``write_xlsb`` the parts of an Excel binary workbook ([MS-XLSB] §2.1.4 records:
``BrtBundleSh`` in ``xl/workbook.bin``; ``BrtWsDim``, ``BrtRowHdr`` and ``BrtCellReal``
in the sheet part).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ods_cell", "write_ods", "write_ods_rows", "write_xlsb"]

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(v: object, repeat: int = 1) -> str:
    """One cell element (``None``: empty), repeated over ``repeat`` columns."""
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if v is None:
        return f"<table:table-cell{rep}/>"
    if isinstance(v, float | int):
        return f'<table:table-cell{rep} office:value-type="float" office:value="{v}"/>'
    return (
        f'<table:table-cell{rep} office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    )


def write_ods(path: Path, body: str, sheet: str = "IO") -> Path:
    """An ``.ods`` file whose one sheet holds the row elements ``body``."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return path


def write_ods_rows(path: Path, rows: Iterable[Iterable[object]], sheet: str = "IO") -> Path:
    """An ``.ods`` file holding ``rows`` of values, as LibreOffice saves it: the empty
    rest of the sheet as one repeated empty row."""
    body = "".join(
        "<table:table-row>" + "".join(map(ods_cell, r)) + "</table:table-row>" for r in rows
    )
    tail = '<table:table-row table:number-rows-repeated="1048000">'
    tail += '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    return write_ods(path, body + tail, sheet)


def _record(kind: int, payload: bytes = b"") -> bytes:
    out = bytearray()
    for v in (kind, len(payload)):
        while True:
            low, v = v & 0x7F, v >> 7
            out.append(low | (0x80 if v else 0))
            if not v:
                break
    return bytes(out) + payload


def _wide(s: str) -> bytes:
    return struct.pack("<I", len(s)) + s.encode("utf-16-le")


def write_xlsb(
    path: Path,
    cells: Iterable[tuple[int, int, float]],
    *,
    sheet: str = "IO",
    dimension: tuple[int, int] | None = None,
) -> Path:
    """An ``.xlsb`` file with one sheet of numbers: ``cells`` are (row, column, value),
    0-based; ``dimension`` is the last (row, column) the sheet declares (default: the
    true one)."""
    by_row: dict[int, list[tuple[int, float]]] = {}
    for r, c, v in cells:
        by_row.setdefault(r, []).append((c, v))
    last = dimension or (max(by_row), max(c for row in by_row.values() for c, _ in row))
    book = _record(131) + _record(143)  # BrtBeginBook, BrtBeginBundleShs
    book += _record(156, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
    book += _record(144) + _record(132)  # BrtEndBundleShs, BrtEndBook
    data = bytearray(_record(129) + _record(148, struct.pack("<IIII", 0, last[0], 0, last[1])))
    data += _record(145)  # BrtBeginSheetData
    for r in sorted(by_row):
        data += _record(0, struct.pack("<I", r) + bytes(13))  # BrtRowHdr
        for c, v in sorted(by_row[r]):
            data += _record(5, struct.pack("<IId", c, 0, v))  # BrtCellReal
    data += _record(146) + _record(130)  # BrtEndSheetData, BrtEndSheet
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/xl/workbook.bin" ContentType='
            '"application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName='
            '"/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
            "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.bin"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/_rels/workbook.bin.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.bin"/>'
            "</Relationships>",
        )
        zf.writestr("xl/workbook.bin", book)
        zf.writestr("xl/worksheets/sheet1.bin", bytes(data))
    return path
