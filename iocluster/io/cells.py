"""Cells: load one sheet (a spreadsheet) or one ``.csv`` as a grid, and parse numbers.

A :class:`Grid` is the raw content of one sheet, row by row, with the file and sheet it
came from, so every error names the cell in Excel A1 notation
(``table.xlsx, sheet 'IO', cell D7: expected a number, found 'n/a'``).

Spreadsheets are read with python-calamine (cached values of formulas), through
:mod:`iocluster.io.spreadsheet`, which applies the size caps first. A formula cell
without a cached value (a file written by a program, never opened in Excel) is reported
as such, never read as empty. :func:`open_workbook` (openpyxl) remains for the
scenario workbooks.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl.utils import get_column_letter

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError, Text
from iocluster.io.csvblock import numeric_block, sniff_delimiter
from iocluster.io.safety import check_csv_text, check_workbook, xml_attack
from iocluster.io.textsafe import csv_unescape

__all__ = [
    "Grid",
    "a1",
    "cell_text",
    "did_you_mean",
    "load_csv",
    "not_a_workbook",
    "parse_number",
    "place",
]

_DASHES = {"-", "–", "—", "−"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_SEP = "[\\s\u00a0\u202f\u2009\u2007']"
#: digits grouped by a space or apostrophe must be groups of three ("1 234", not "1 00")
_GROUPED = re.compile(rf"\d{_SEP}+\d")
_GROUPS_OK = re.compile(rf"^[-+]?\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d*)?$")
#: a number numpy parses exactly as parse_number does (no separators or brackets)
_PLAIN = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", re.ASCII)
_PLAIN_ROW = re.compile(rf"(?:{_PLAIN.pattern}\x00)*{_PLAIN.pattern}", re.ASCII)
_COMMA_DECIMAL = re.compile(r"^[-+]?\d*,\d{1,2}$|^[-+]?\d*,\d{4,}$|^[-+]?\d{4,},\d+$")


def cell_text(v: object) -> str:
    """A cell as text: "" for empty, whole numbers without ``.0`` (a code typed as 1).

    >>> cell_text(None), cell_text(1.0), cell_text(" C13 ")
    ('', '1', ' C13 ')
    """
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def a1(row: int, col: int) -> str:
    """Excel A1 reference of a 0-based (row, column).

    >>> a1(6, 3)
    'D7'
    """
    return f"{get_column_letter(col + 1)}{row + 1}"


#: numeric CSV blocks of at least this many bytes try the pandas block parser first
FAST_CSV_CHARS = 1 << 20


class _NumericRow(Sequence[object]):
    """A CSV row held as its leading label cells and a float array for the rest."""

    __slots__ = ("head", "tail")

    def __init__(self, head: list[object], tail: np.ndarray) -> None:
        self.head = head
        self.tail = tail

    def __len__(self) -> int:
        return len(self.head) + int(self.tail.size)

    def __getitem__(self, c: Any) -> Any:
        if isinstance(c, slice):
            return list(self)[c]
        h = len(self.head)
        c = c + len(self) if c < 0 else c
        return self.head[c] if c < h else float(self.tail[c - h])

    def __iter__(self) -> Iterator[object]:
        yield from self.head
        yield from self.tail.tolist()


@dataclass
class Grid:
    """The raw cells of one sheet or CSV file (0-based rows and columns)."""

    rows: list[Sequence[object]]
    file: Path
    sheet: str | None = None
    formulas: set[tuple[int, int]] = field(default_factory=set)
    decimal_comma: bool = False
    #: cells hidden under a merged range (all but its top-left cell) -> the range, "C3:D3"
    merged: dict[tuple[int, int], str] = field(default_factory=dict)
    #: the numbers of every row after the header, from column 1 on, as one read-only
    #: array, when the sheet is a numeric block (:func:`load_csv` with ``numeric``):
    #: :meth:`numbers` then returns views of it, not copies
    block: np.ndarray | None = None

    @property
    def nrows(self) -> int:
        return len(self.rows)

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def get(self, r: int, c: int) -> object:
        row = self.rows[r] if r < len(self.rows) else []
        return row[c] if c < len(row) else None

    def where(self, r: int, c: int) -> Location:
        return Location(self.file, self.sheet, Message("io.where.cell", ref=a1(r, c)))

    def error(self, r: int, c: int, message: str | Text) -> TableFormatError:
        return TableFormatError(message, self.where(r, c))

    def text(self, r: int, c: int) -> str:
        """The cell as text ("" for empty)."""
        return cell_text(self.get(r, c))

    def number(self, r: int, c: int, *, blank: float | None = None) -> float:
        """The cell as a float; ``blank`` (if given) for an empty cell or a dash."""
        v = self.get(r, c)
        if (r, c) in self.merged:
            raise self.error(r, c, Message("io.cell.merged", range=self.merged[r, c]))
        if (r, c) in self.formulas:
            raise self.error(r, c, Message("io.cell.formula"))
        try:
            return parse_number(v, decimal_comma=self.decimal_comma, blank=blank)
        except ValueError:
            empty = v is None or str(v).strip() == ""
            shown = Message("io.cell.empty") if empty else repr(v)
            raise self.error(r, c, Message("io.cell.not_number", found=shown)) from None

    def numbers(
        self, rows: Sequence[int], cols: Sequence[int], *, blank: float | None = None
    ) -> np.ndarray:
        """The block ``rows × cols`` as floats, as :meth:`number` reads each cell.

        A row whose cells are all plain numbers (no grouping, decimal comma, booleans,
        formulas) is converted at once by numpy's float parser; any other row cell by
        cell with :meth:`number`, so errors name the cell as before. Reading a large
        table costs a fraction of a second per million cells instead of several seconds.
        """
        view = self._block_view(rows, cols)
        if view is not None:
            return view
        out = np.empty((len(rows), len(cols)))
        fast = not self.decimal_comma and not self.formulas and not self.merged
        idx = np.asarray(cols, dtype=np.intp)
        for i, r in enumerate(rows):
            row = self.rows[r] if r < len(self.rows) else []
            if isinstance(row, _NumericRow):
                j = idx - len(row.head)
                if j.size and j.min() >= 0 and j.max() < row.tail.size:
                    out[i] = row.tail[j]
                    continue
            vals = [row[c] if c < len(row) else None for c in cols]
            plain = _plain_numbers(vals, blank) if fast else None
            if plain is not None:
                try:
                    conv = np.array(plain, dtype=np.float64)
                except (ValueError, TypeError):
                    conv = None
                if conv is not None and np.isfinite(conv).all():
                    out[i] = conv
                    continue
            out[i] = [self.number(r, c, blank=blank) for c in cols]
        return out

    def _block_view(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray | None:
        """``rows × cols`` from :attr:`block`: a read-only view when both are runs of
        consecutive positions (a canonical block read whole), else one gathered copy;
        None when there is no block or they leave it."""
        B = self.block
        if B is None or not len(rows) or not len(cols) or self.formulas or self.merged:
            return None
        r = np.asarray(rows, dtype=np.intp) - 1
        c = np.asarray(cols, dtype=np.intp) - 1
        if r.min() < 0 or r.max() >= B.shape[0] or c.min() < 0 or c.max() >= B.shape[1]:
            return None
        r0, c0 = int(r[0]), int(c[0])
        if np.array_equal(r, np.arange(r0, r0 + r.size)) and np.array_equal(
            c, np.arange(c0, c0 + c.size)
        ):
            return B[r0 : r0 + r.size, c0 : c0 + c.size]
        return B[np.ix_(r, c)]

    def is_blank(self, r: int, c: int) -> bool:
        v = self.get(r, c)
        return v is None or (isinstance(v, str) and v.strip() == "")

    def detect_number_style(self) -> None:
        """Decide once per sheet whether ``,`` is the decimal mark (``1 234,5``)."""
        hits = 0
        for row in self.rows:
            for v in row:
                if isinstance(v, str) and "," in v and "." not in v:
                    s = _SPACES.sub("", v.strip())
                    if _COMMA_DECIMAL.match(s):
                        hits += 1
                    elif re.match(r"^[-+]?\d{1,3}\s\d{3}", v.strip().replace("\u00a0", " ")):
                        hits += 1
        self.decimal_comma = hits > 0


def _plain_numbers(vals: list[object], blank: float | None) -> list[object] | None:
    """The cells of a row ready for numpy's float parser, or None when one needs
    :func:`parse_number` (a boolean, a blank without a ``blank`` value, or text with
    separators, brackets or underscores, which numpy would read differently)."""
    if set(map(type, vals)) <= {float}:  # a workbook row of numbers (calamine: floats)
        return vals
    try:  # a CSV row: all text, checked by one regex over the joined row
        if _PLAIN_ROW.fullmatch("\x00".join(vals)):  # type: ignore[arg-type]
            return vals
    except TypeError:  # not all text (a workbook row, or empty cells)
        pass
    out: list[object] = []
    for v in vals:
        if isinstance(v, bool):
            return None
        if v is None or (isinstance(v, str) and (not v.strip() or v.strip() in _DASHES)):
            if blank is None:
                return None
            out.append(blank)
        elif isinstance(v, str) and not _PLAIN.fullmatch(v):
            return None
        else:
            out.append(v)
    return out


def parse_number(
    value: object, *, decimal_comma: bool = False, blank: float | None = None
) -> float:
    """Parse a cell as a finite float; ``ValueError`` if it is not a number.

    Thousands separators (spaces, non-breaking spaces, apostrophes, ``,`` or ``.``) and
    a decimal comma are accepted; ``(12)`` is ``-12``. Empty cells and dashes give
    ``blank`` if it is not ``None``.

    >>> parse_number("1 234,5"), parse_number("1,234.5"), parse_number("1.234,5")
    (1234.5, 1234.5, 1234.5)
    >>> parse_number("2,5", decimal_comma=True), parse_number("(3)")
    (2.5, -3.0)

    Digits grouped by spaces must be groups of three: ``"1 00"`` is not a number.
    """
    if isinstance(value, bool):
        raise ValueError("boolean")
    if isinstance(value, int | float):
        out = float(value)
    else:
        s = "" if value is None else str(value).strip()
        if s == "" or s in _DASHES:
            if blank is None:
                raise ValueError("empty")
            return blank
        s = s.replace("−", "-")
        neg = s.startswith("(") and s.endswith(")")
        if neg:
            s = s[1:-1].strip()
        if _GROUPED.search(s) and not _GROUPS_OK.match(s):
            raise ValueError(s)
        s = _SPACES.sub("", s)
        if "," in s and "." in s:
            if s.rfind(",") > s.rfind("."):
                s = s.replace(".", "").replace(",", ".")
            else:
                s = s.replace(",", "")
        elif "," in s:
            if decimal_comma or (s.count(",") == 1 and not re.search(r",\d{3}$", s)):
                s = s.replace(",", ".")
            else:
                s = s.replace(",", "")
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", s):
            raise ValueError(s)
        out = -float(s) if neg else float(s)
    if not math.isfinite(out):
        raise ValueError("not finite")
    return out


# ----------------------------------------------------------------------------- loading
def open_workbook(  # type: ignore[no-untyped-def]
    path: Path, *, data_only: bool = True, csv_hint: bool = True
):
    """Open a workbook read-only with openpyxl, safely (size caps, defusedxml), with one
    clear error for .xls, encrypted, damaged, CSV-named-.xlsx and XML-attack files
    (``csv_hint``: suggest renaming a text file to .csv, where a CSV would be read)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    where = Location(path)
    if path.suffix.lower() == ".xls":
        raise TableFormatError(Message("io.xls.unsupported"), where)
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:2048]
        if head.startswith(b"PK"):
            raise TableFormatError(Message("io.workbook.broken_zip", suffix=".xlsx"), where)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
                raise TableFormatError(Message("io.workbook.password"), where)
            raise TableFormatError(Message("io.workbook.is_xls_save"), where)
        raise TableFormatError(not_a_workbook(".xlsx", head, csv_hint=csv_hint), where)
    check_workbook(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        attack = xml_attack(exc)
        if attack:
            raise TableFormatError(attack, where) from exc
        msg = " ".join(str(exc).split())
        raise TableFormatError(
            Message("io.workbook.cannot_open", suffix=".xlsx", detail=msg), where
        ) from exc


def not_a_workbook(suffix: str, head: bytes, *, csv_hint: bool = True) -> Message:
    """The message for a file named as a workbook that is none: a text file (rename it
    to .csv where a CSV would be read: ``csv_hint``) or something else."""
    if head and b"\x00" not in head:
        if csv_hint:
            return Message("io.workbook.is_text_csv", suffix=suffix)
        return Message("io.workbook.is_text", suffix=suffix)
    return Message("io.workbook.not_workbook", suffix=suffix)


def place(loc: Location) -> list[str | Text]:
    """The parts of a location (file name, sheet, cell) for a message's ``where``
    parameter, each written in the message's language (joined with commas)."""
    parts: list[str | Text] = [] if loc.file is None else [Path(loc.file).name]
    if loc.sheet is not None:
        parts.append(Message("io.where.sheet", name=loc.sheet))
    if loc.cell is not None:
        parts.append(loc.cell)
    return parts


def did_you_mean(name: str, candidates: Sequence[str]) -> Message | str:
    """A hint naming the close matches of an unknown ``name`` (as
    :func:`iocluster.errors.close_matches` finds them), or ``""``.

    >>> str(did_you_mean("textile", ["Textiles", "Tourism", "C14"]))
    " (did you mean 'Textiles'?)"
    """
    import difflib

    found = difflib.get_close_matches(str(name), [str(c) for c in candidates], n=3, cutoff=0.6)
    quoted = [f"'{m}'" for m in found]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return Message("io.hint.did_you_mean", name=quoted[0])
    return Message("io.hint.did_you_mean_any", names=quoted[:-1], last=quoted[-1])


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text and the encoding it was decoded with (UTF-8, else Windows-1251)."""
    for enc in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise TableFormatError(Message("io.csv.cannot_decode"), Location(path))


def load_csv(path: str | Path, *, delimiter: str | None = None, numeric: bool = False) -> Grid:
    """A CSV file as a :class:`Grid` of strings (delimiter sniffed among ``, ; tab``).

    ``numeric``: the file is a numeric block by design (a header row, then rows of a
    label and numbers, as the canonical blocks); from :data:`FAST_CSV_CHARS` bytes on,
    it is parsed by pandas, a chunk of rows at a time, into one float array
    (:func:`~iocluster.io.csvblock.numeric_block`), so a 4000-sector table takes a
    few seconds and about its own size in memory, not a Python object per cell nor a
    copy of its text. Any file that does not fit the block layout is read cell by cell,
    with the same messages.
    Text files (sector lists, accounts, published layouts) are never parsed this way:
    pandas would read a label such as ``01`` or ``1.10`` as a number.
    """
    path = Path(path)
    if numeric and path.stat().st_size >= FAST_CSV_CHARS:
        found = numeric_block(path, delimiter)
        if found is not None:
            header, labels, block = found
            grid_rows: list[Sequence[object]] = [[None if v == "" else v for v in header]]
            grid_rows += [_NumericRow([label], block[i]) for i, label in enumerate(labels)]
            return Grid(grid_rows, path, None, block=block)
    raw = path.read_bytes()
    if raw[:4] == b"PK\x03\x04":
        raise TableFormatError(Message("io.csv.is_workbook"), Location(path))
    text, _enc = _decode(raw, path)
    del raw
    check_csv_text(text, path, delimiter)
    d = delimiter or sniff_delimiter(text)
    try:
        rows: list[Sequence[object]] = [
            [None if v == "" else csv_unescape(v) for v in row]
            for row in csv.reader(io.StringIO(text), delimiter=d)
        ]
    except csv.Error as exc:
        raise TableFormatError(
            Message("io.csv.malformed", detail=str(exc)), Location(path)
        ) from exc
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return Grid(rows, path, None)
