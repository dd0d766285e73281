"""Untrusted input files: caps that stop a hostile or broken file before it is parsed.

- **XML entities.** openpyxl parses workbook XML with :mod:`defusedxml` when it is
  installed (a dependency of iocluster), so an entity-expansion workbook ("billion
  laughs") is refused instead of expanded; :func:`require_defusedxml` checks that this
  is so and :func:`xml_attack` recognises the refusal so it can be reported in one line.
- **Zip bombs.** An ``.xlsx`` file is a zip archive. :func:`check_workbook` reads the
  archive's directory (no decompression) and refuses a workbook whose members would
  decompress to more than :data:`MAX_XLSX_BYTES` in total, or any member larger than
  :data:`BOMB_MIN_BYTES` that is compressed more than :data:`MAX_RATIO`-fold
  (:data:`MAX_RATIO_LARGE`-fold above :data:`LARGE_MEMBER_BYTES`; sheet XML compresses
  3–15-fold, a bomb a thousandfold). Python's zip reader never inflates a
  member past its declared size, so the declared sizes bound what openpyxl reads.
- **CSV.** :func:`check_csv_text` refuses a record (a line, or lines joined by quoted
  newlines; only ``\n`` ends a line) longer than :data:`MAX_CSV_LINE` characters or
  with more than :data:`MAX_CSV_FIELDS` fields before the CSV parser sees it.

The limits are module constants; the environment variables ``IOCLUSTER_MAX_XLSX_BYTES``,
``IOCLUSTER_MAX_CSV_LINE`` and ``IOCLUSTER_MAX_CSV_FIELDS`` raise them for a larger
table.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError

__all__ = [
    "BOMB_MIN_BYTES",
    "LARGE_MEMBER_BYTES",
    "MAX_CSV_FIELDS",
    "MAX_CSV_LINE",
    "MAX_RATIO",
    "MAX_RATIO_LARGE",
    "MAX_XLSX_BYTES",
    "check_csv_text",
    "check_workbook",
    "require_defusedxml",
    "xml_attack",
]


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


#: total decompressed size of a workbook's members (8 GiB: a dense n = 8000 table
#: written as sheet XML is about 1.5 GB).
MAX_XLSX_BYTES = _env_int("IOCLUSTER_MAX_XLSX_BYTES", 8 << 30)
#: compression ratio above which a large member is treated as a zip bomb.
MAX_RATIO = 200
#: members smaller than this are never treated as bombs, whatever their ratio.
BOMB_MIN_BYTES = 16 << 20
#: members above this size must compress at most :data:`MAX_RATIO_LARGE`-fold: sheet XML
#: compresses 3–15-fold (measured: a dense n = 500 table 3.8, a sheet of zeros 14), so a
#: 2 GiB member at ratio 144 is no sheet, yet it passed the 200-fold and 8 GiB caps.
LARGE_MEMBER_BYTES = 256 << 20
MAX_RATIO_LARGE = 50
#: longest CSV line, in characters (a 100 000-sector row of numbers fits).
MAX_CSV_LINE = _env_int("IOCLUSTER_MAX_CSV_LINE", 4 << 20)
#: most fields in one CSV line.
MAX_CSV_FIELDS = _env_int("IOCLUSTER_MAX_CSV_FIELDS", 100_000)


def require_defusedxml() -> bool:
    """Whether openpyxl parses with defusedxml (``True`` when defusedxml is installed).

    >>> require_defusedxml()
    True
    """
    from openpyxl.xml import DEFUSEDXML

    return bool(DEFUSEDXML)


def xml_attack(exc: BaseException) -> Message | None:
    """A one-line description if ``exc`` (or its cause) is defusedxml refusing a file."""
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        return None
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            break
        if isinstance(seen, DefusedXmlException):
            return Message("io.workbook.entities_named", kind=type(seen).__name__)
        seen = seen.__cause__ or seen.__context__
    return None


def check_workbook(path: str | Path) -> None:
    """Refuse a zip bomb: too much decompressed data in total or an extreme ratio.

    Raises
    ------
    TableFormatError
        Naming the file, the member and its decompressed size.
    """
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip archive: the reader reports what the file is
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        limit = MAX_RATIO_LARGE if info.file_size > LARGE_MEMBER_BYTES else MAX_RATIO
        if info.file_size > BOMB_MIN_BYTES and ratio > limit:
            raise TableFormatError(
                Message(
                    "io.workbook.zip_bomb", member=info.filename, size=info.file_size, ratio=ratio
                ),
                Location(p),
            )
    if total > MAX_XLSX_BYTES:
        raise TableFormatError(
            Message("io.workbook.too_large", size=total, limit=MAX_XLSX_BYTES), Location(p)
        )


def _records(text: str) -> Iterator[tuple[int, int, int]]:
    """(first line number, start, end) of each CSV record of ``text``: lines end at
    ``\n`` only (``\r``, ``\x1e`` or ``\u2028`` do not end a CSV line), and a record
    goes on over line ends inside double quotes."""
    start, line, n = 0, 1, len(text)
    while start < n:
        first, pos, quotes = line, start, 0
        while True:
            end = text.find("\n", pos)
            end = n if end < 0 else end
            quotes += text.count('"', pos, end)
            if quotes % 2 == 0 or end >= n:
                break
            pos, line = end + 1, line + 1  # a quoted newline: the record goes on
        yield first, start, end
        start, line = end + 1, line + 1


def _long_lines(text: str, longer: int) -> Iterator[tuple[int, int, int]]:
    """(line number, start, end) of the lines (ended by ``\n``) longer than ``longer``."""
    start = 0
    for k, n in enumerate(map(len, text.split("\n")), start=1):
        if n > longer:
            yield k, start, start + n
        start += n + 1


def check_csv_text(text: str, path: str | Path, delimiter: str | None = None) -> None:
    """Refuse a CSV text with a record (a line, or several joined by quoted newlines)
    longer than the caps, in characters or in fields.

    Fields are counted by delimiter characters (an upper bound that ignores quoting,
    which is enough for a cap). Without ``delimiter`` the most frequent of ``, ; tab``
    in the record is counted. Only ``\n`` ends a line, as for the CSV parser.

    >>> check_csv_text("a,b\\n1,2\\n", "t.csv")
    >>> check_csv_text('"' + "\\n," * 200_000 + '"', "t.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    iocluster.errors.TableFormatError: t.csv: line 1 has 200,001 fields, above the limit ...
    """
    p = Path(path)
    if len(text) <= min(MAX_CSV_LINE, MAX_CSV_FIELDS):
        return
    if '"' in text:
        records: Iterator[tuple[int, int, int]] = _records(text)
    else:  # one record a line: look only at the long lines
        records = _long_lines(text, min(MAX_CSV_LINE, MAX_CSV_FIELDS))
    for k, start, end in records:
        size = end - start
        if size > MAX_CSV_LINE:
            raise TableFormatError(
                Message("io.csv.line_too_long", line=str(k), size=size, limit=MAX_CSV_LINE),
                Location(p),
            )
        if size > MAX_CSV_FIELDS:
            delims = (delimiter,) if delimiter else (",", ";", "\t")
            fields = max(text.count(d, start, end) for d in delims) + 1
            if fields > MAX_CSV_FIELDS:
                raise TableFormatError(
                    Message(
                        "io.csv.too_many_fields", line=str(k), fields=fields, limit=MAX_CSV_FIELDS
                    ),
                    Location(p),
                )
