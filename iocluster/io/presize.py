"""A table's size estimated from its file before it is read, checked against the budget.

A dense table of ``n`` sectors takes several ``n × n`` arrays (the flows, ``A``, the LU
factors): 20,000 sectors are 3.2 GB each. :func:`check_table_size` estimates ``n``
cheaply (a CSV's line count and the fields of its first lines; a workbook sheet's
``<dimension>`` element; a CSV folder's ``intermediate_use.csv`` header) and refuses a
table above :data:`iocluster.core.budget.SECTORS` (``IOCLUSTER_MAX_SECTORS``) before the
reader allocates anything. :func:`check_sectors` checks the exact count after reading.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from iocluster.core.budget import SECTORS
from iocluster.core.messages import Message

__all__ = ["SLACK", "check_sectors", "check_table_size", "estimate_sectors"]

#: Rows and columns a published table may hold besides its sectors (titles, final
#: demand, primary inputs, totals, satellites).
SLACK = 200
_DIM = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n


def _csv_estimate(path: Path) -> int:
    lines = 0
    head = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if len(head) < 1 << 16:
                head += chunk[: 1 << 16]
            lines += chunk.count(b"\n")
    first = head.splitlines()[:5]
    fields = max((max(ln.count(d) for d in (b",", b";", b"\t")) + 1 for ln in first), default=0)
    return min(lines + 1, fields)


def _xlsx_estimate(path: Path) -> int:
    best = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not (
                    info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                ):
                    continue
                with zf.open(info) as fh:
                    m = _DIM.search(fh.read(4096))
                if m:
                    best = max(best, min(_col_number(m.group(1)), int(m.group(2))))
    except (zipfile.BadZipFile, OSError, KeyError):
        return 0  # the reader explains what is wrong with the file
    return best


def estimate_sectors(path: str | Path) -> int:
    """An upper estimate of the number of sectors of the table at ``path`` (0: unknown)."""
    p = Path(path)
    try:
        if p.is_dir():
            f = p / "intermediate_use.csv"
            return _csv_estimate(f) - 1 + SLACK if f.is_file() else 0
        if p.suffix.lower() in (".xlsx", ".xlsm"):
            return _xlsx_estimate(p)
        if p.suffix.lower() in (".csv", ".txt", ".tsv"):
            return _csv_estimate(p)
    except OSError:
        return 0
    return 0


def check_table_size(path: str | Path) -> None:
    """Refuse a table file whose estimated size is above the sector budget."""
    n = estimate_sectors(path) - SLACK
    if n > SECTORS.limit:
        SECTORS.check(n, Message("io.budget.at_least_sectors", name=Path(path).name))


def check_sectors(n: int, path: str | Path) -> None:
    """Refuse a table of more than the budgeted number of sectors."""
    SECTORS.check(n, Message("io.budget.n_sectors", name=Path(path).name))
