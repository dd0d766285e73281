"""Input files that say they are illustrative.

A small input file (regional data, a tax file, an investment bridge, a scenario file)
declares itself illustrative in a title line: a line before the data whose first cell
starts with ``#`` followed by the word *illustrative* (any case), e.g. ``# ILLUSTRATIVE
regional employment, NOT official statistics``. (A comment that merely mentions the word
later in the line declares nothing.) Everything made from such a file (a
regional or interregional table, a scenario's results) is illustrative too, with the
file's line as the reason (:meth:`iocluster.table.TableMeta.with_illustrative`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["file_reason", "illustrative_reason", "leading_comments", "text_file_reason"]

_WORD = re.compile(r"^illustrative\b", re.IGNORECASE)
#: bytes of a text file read for its title lines
_HEAD = 65_536


def illustrative_reason(name: str, titles: Iterable[str]) -> str:
    """``"NAME: <the title line>"`` for the first title line that begins with the word
    *illustrative*, else ""."""
    for line in titles:
        text = str(line).strip().strip('"').strip().lstrip("#").strip()
        if _WORD.search(text):
            return f"{name}: {text}"
    return ""


def leading_comments(text: str) -> list[str]:
    """The ``#`` lines at the top of a text file (blank lines between them allowed)."""
    out = []
    for line in text.lstrip("\ufeff").splitlines():
        s = line.strip().lstrip('"').strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        out.append(s)
    return out


def text_file_reason(path: str | Path) -> str:
    """The reason a text file (TOML, CSV) gives in its leading ``#`` lines, or ""."""
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(_HEAD).decode("utf-8", errors="replace")
    return illustrative_reason(p.name, leading_comments(head))


def file_reason(path: str | Path, titles: Iterable[str] = ()) -> str:
    """Why an input file is illustrative ("" if it does not say so): the leading ``#``
    lines of a text file, or a workbook sheet's ``#`` title rows (``titles``, as
    :func:`iocluster.io.frames.read_frame` keeps them)."""
    p = Path(path)
    if p.suffix.lower() in (".csv", ".txt", ".toml", ".tsv"):
        return text_file_reason(p)
    return illustrative_reason(p.name, titles)
