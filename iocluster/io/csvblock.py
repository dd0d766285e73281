"""Numeric CSV blocks (a header row, then rows of one label and numbers) read by pandas'
C parser a chunk of rows at a time into one read-only float array (issue 30, goal 4):
memory is the array and one chunk, never the file's text. Used by
:func:`iocluster.io.cells.load_csv` for numeric blocks from 1 MiB on; any file that does
not fit is read cell by cell there, with the same messages."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from iocluster.io.textsafe import csv_unescape

#: a block read: the header cells, the row labels (None for empty) and the numbers
Block = tuple[list[str], list[object], np.ndarray]

__all__ = ["CHUNK_VALUES", "numeric_block", "sniff_delimiter"]


def sniff_delimiter(text: str, candidates: Sequence[str] = (",", ";", "\t")) -> str:
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    best, best_score = ",", -1
    for d in candidates:
        try:
            counts = sorted(len(next(csv.reader([ln], delimiter=d))) for ln in lines)
        except csv.Error:  # a field above csv's size limit: not this delimiter
            continue
        # the median line, so that a title row (one field) does not decide
        score = counts[len(counts) // 2] if counts else 0
        if score > best_score:
            best, best_score = d, score
    return best


#: values of one chunk of rows parsed at a time by the block parser (16 MiB of floats)
CHUNK_VALUES = 1 << 21


def _header_record(path: Path, enc: str, d: str) -> list[str] | None:
    """The first CSV record (quoted newlines included), read lazily; None when it cannot
    be read (undecodable, above the csv module's field size limit, empty)."""
    try:
        with path.open(encoding=enc, newline="") as fh:
            return next(csv.reader(fh, delimiter=d), None)
    except (UnicodeDecodeError, csv.Error):
        return None


def _read_block(path: Path, enc: str, d: str, header: list[str], rows: int) -> Block | None:
    """Parse a numeric block by pandas' C parser, :data:`CHUNK_VALUES` values at a
    time, into one float array of at most ``rows`` rows; None as soon as a chunk is not
    a label and numbers (the caller then reads the file cell by cell)."""
    import pandas as pd

    width = len(header) - 1
    out = np.empty((rows, width))
    labels: list[object] = []
    done = 0
    try:
        chunks = pd.read_csv(
            path, sep=d, header=0, dtype={header[0]: str}, encoding=enc, na_filter=False,
            skip_blank_lines=False, engine="c", chunksize=max(1, CHUNK_VALUES // max(width, 1)),
        )  # fmt: skip
        with chunks:
            for body in chunks:
                kinds = [dt.kind for dt in body.dtypes]
                if body.shape[1] != len(header) or kinds[0] != "O" or done + len(body) > rows:
                    return None
                if any(k not in "fi" for k in kinds[1:]):
                    return None
                out[done : done + len(body)] = body.iloc[:, 1:].to_numpy(dtype=np.float64)
                labels += [csv_unescape(v) or None for v in body.iloc[:, 0].tolist()]
                done += len(body)
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None  # (UnicodeDecodeError is a ValueError)
    block = out[:done]
    if not done or not np.isfinite(block).all():
        return None
    out.setflags(write=False)
    block.setflags(write=False)
    return [csv_unescape(v) for v in header], labels, block


def _newlines(path: Path) -> int:
    """Line breaks in the file, counted in 16 MiB reads (an upper bound of its rows)."""
    count = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 24):
            count += chunk.count(b"\n")
    return count


def numeric_block(path: Path, delimiter: str | None) -> Block | None:
    """A numeric block (a header row, then rows of one label and numbers only) read by
    blocks of rows into one float array (the grid's rows become views of it,
    :attr:`~iocluster.io.cells.Grid.block`); None when the file is anything else, read cell by
    cell with the same messages.

    Memory: the array and one chunk of rows, never the file's text (issue 30: the whole
    text, its decoded copy and pandas' frame had made reading a CSV folder peak at
    5.7 n × n). pandas parses each number to the nearest double, as Python's ``float``
    does (checked bit for bit on 300 000 random doubles across the whole exponent range
    and in the write → read round-trip tests), so both paths read the same values.
    The size caps of :func:`~iocluster.io.safety.check_csv_text` hold here as well: the
    header may have at most ``MAX_CSV_FIELDS`` fields and every other line has exactly
    as many (pandas refuses any other), and a field longer than the csv module's limit
    ends the fast path.
    """
    from iocluster.io.safety import MAX_CSV_FIELDS

    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head[:4] == b"PK\x03\x04":
        return None  # the cell reader names the problem
    for enc in ("utf-8-sig", "cp1251"):
        try:
            sample = head.decode(enc)
        except UnicodeDecodeError:
            if enc == "utf-8-sig" and len(head) == 1 << 16:
                sample = head.decode(enc, errors="ignore")  # a character cut at the end
            else:
                continue
        d = delimiter or sniff_delimiter(sample)
        header = _header_record(path, enc, d)
        if not header or not header[0] or not 2 <= len(header) <= MAX_CSV_FIELDS:
            return None
        found = _read_block(path, enc, d, header, _newlines(path) + 1)
        if found is not None:
            return found
    return None
