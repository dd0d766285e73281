"""Untrusted input files: caps that stop a hostile or broken file before it is parsed.

- **XML entities.** openpyxl parses workbook XML with :mod:`defusedxml` when it is
  installed (a dependency of iocluster), so an entity-expansion workbook ("billion
  laughs") is refused instead of expanded; :func:`require_defusedxml` checks that this
  is so and :func:`xml_attack` recognises the refusal so it can be reported in one line.
- **Zip bombs.** An ``.xlsx`` file is a zip archive. :func:`check_workbook` reads the
  archive's directory (no decompression) and refuses a workbook whose members would
  decompress to more than :data:`MAX_XLSX_BYTES` in total, or any member larger than
  :data:`BOMB_MIN_BYTES` that is compressed more than :data:`MAX_RATIO`-fold (sheet XML
  compresses 5–20-fold; a bomb a thousandfold). Python's zip reader never inflates a
  member past its declared size, so the declared sizes bound what openpyxl reads.
- **CSV.** :func:`check_csv_text` refuses a line longer than :data:`MAX_CSV_LINE`
  characters or with more than :data:`MAX_CSV_FIELDS` fields before the CSV parser
  sees it.

The limits are module constants; the environment variables ``IOCLUSTER_MAX_XLSX_BYTES``,
``IOCLUSTER_MAX_CSV_LINE`` and ``IOCLUSTER_MAX_CSV_FIELDS`` raise them for a larger
table.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from iocluster.errors import Location, TableFormatError

__all__ = [
    "BOMB_MIN_BYTES",
    "MAX_CSV_FIELDS",
    "MAX_CSV_LINE",
    "MAX_RATIO",
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


def xml_attack(exc: BaseException) -> str | None:
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
            return (
                f"the workbook's XML declares entities or a DTD ({type(seen).__name__}); "
                "refused as a possible entity-expansion attack: re-save the file in Excel"
            )
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
        if info.file_size > BOMB_MIN_BYTES and ratio > MAX_RATIO:
            raise TableFormatError(
                f"member '{info.filename}' would decompress to {info.file_size:,} bytes "
                f"({ratio:,.0f} times its stored size): refused as a possible zip bomb",
                Location(p),
            )
    if total > MAX_XLSX_BYTES:
        raise TableFormatError(
            f"the workbook would decompress to {total:,} bytes, above the limit of "
            f"{MAX_XLSX_BYTES:,} (set IOCLUSTER_MAX_XLSX_BYTES to allow it)",
            Location(p),
        )


def check_csv_text(text: str, path: str | Path, delimiter: str | None = None) -> None:
    """Refuse a CSV text with a line or a field count beyond the caps.

    Fields are counted by delimiter characters (an upper bound that ignores quoting,
    which is enough for a cap). Without ``delimiter`` the most frequent of ``, ; tab``
    on the line is counted.

    >>> check_csv_text("a,b\\n1,2\\n", "t.csv")
    """
    p = Path(path)
    for k, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_CSV_LINE:
            raise TableFormatError(
                f"line {k} is {len(line):,} characters long, above the limit of "
                f"{MAX_CSV_LINE:,} (set IOCLUSTER_MAX_CSV_LINE to allow it)",
                Location(p),
            )
        if len(line) > MAX_CSV_FIELDS:
            counts = [line.count(d) for d in ((delimiter,) if delimiter else (",", ";", "\t"))]
            fields = max(counts) + 1
            if fields > MAX_CSV_FIELDS:
                raise TableFormatError(
                    f"line {k} has {fields:,} fields, above the limit of {MAX_CSV_FIELDS:,} "
                    "(set IOCLUSTER_MAX_CSV_FIELDS to allow it)",
                    Location(p),
                )
