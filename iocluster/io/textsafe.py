"""Labels from untrusted tables written as text, never as live formulas or markup.

Sector codes, names, cluster and scenario names come from files that arrive by e-mail
and shared drives, and iocluster's reports go to ministries. A label such as
``=HYPERLINK("http://x.example","click")`` must stay text in every file iocluster writes:

- **Excel.** openpyxl writes any string that starts with ``=`` as a formula.
  :func:`xlsx_text_cell` forces a string cell's type to text (``data_type = "s"``), and
  :func:`force_text_cells` does it for every string cell of a workbook before it is
  saved, whatever wrote the cell (our sheets, pandas' ``to_excel``).
- **CSV.** Spreadsheet programs run a CSV field that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return as a formula. Following OWASP's guidance on CSV
  injection, :func:`csv_escape` prefixes such a text field with a single quote ``'``
  (a field that already starts with ``'`` gets one more, so the escaping can be undone
  without ambiguity); the CSV writer quotes the field when it holds the delimiter or a
  quote. Numbers are never prefixed: only ``str`` values are escaped, so ``-5.0`` stays
  a number. iocluster's CSV reader undoes the prefix (:func:`csv_unescape`), so
  write → read returns the original labels exactly. A consequence for CSV files from
  elsewhere: a field ``'=x`` (a quote followed by one of those characters) reads as
  ``=x``.
- **Terminal.** :func:`terminal_text` escapes rich markup (``[link=...]``) and drops
  control characters (ANSI escape sequences), so a label prints as itself.
- **Figures.** :func:`plain_figure_text` turns off matplotlib's mathtext (``$...$``) for
  every text of a figure, so a label with dollar signs is drawn as typed.

>>> csv_escape('=HYPERLINK("http://x.example","click")')
'\\'=HYPERLINK("http://x.example","click")'
>>> csv_escape(-5.0), csv_escape("-5"), csv_escape("C13")
(-5.0, "'-5", 'C13')
>>> all(csv_unescape(csv_escape(s)) == s for s in ["=1", "+1", "@A1", "'", "''x", "a"])
True
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

__all__ = [
    "CSV_DANGEROUS",
    "csv_escape",
    "csv_escape_frame",
    "csv_unescape",
    "force_text_cells",
    "plain_figure_text",
    "plain_text_figures",
    "printable",
    "save_reproducible",
    "terminal_text",
    "xlsx_text_cell",
]

#: First characters that make a spreadsheet program read a CSV field as a formula
#: (OWASP, "CSV Injection").
CSV_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_AFTER_QUOTE = (*CSV_DANGEROUS, "'")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


def csv_escape(value: T) -> T | str:
    """A text value safe for a CSV cell: ``'`` prefixed when it starts with ``= + - @``,
    a tab, a carriage return or ``'``; any other value (numbers included) unchanged."""
    if isinstance(value, str) and value.startswith(_ESCAPED_AFTER_QUOTE):
        return "'" + value
    return value


def csv_unescape(value: T) -> T | str:
    """Undo :func:`csv_escape`: drop the ``'`` in front of ``= + - @``, tab, CR or ``'``.

    >>> csv_unescape("'=1"), csv_unescape("'abc"), csv_unescape("''")
    ('=1', "'abc", "'")
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'":
        if value[1:].startswith(_ESCAPED_AFTER_QUOTE):
            return value[1:]
    return value


def csv_escape_frame(df: Any) -> Any:
    """A copy of a pandas frame with every text label (index, columns, their names and
    text values) passed through :func:`csv_escape`; numbers unchanged."""
    import pandas as pd

    def index(ix: pd.Index) -> pd.Index:
        if isinstance(ix, pd.MultiIndex):
            levels = [index(lv) for lv in ix.levels]
            names = [csv_escape(n) for n in ix.names]
            return ix.set_levels(levels, verify_integrity=False).set_names(names)  # type: ignore[arg-type]
        if ix.dtype == object or isinstance(ix.dtype, pd.StringDtype):
            return ix.map(csv_escape).rename(csv_escape(ix.name))
        return ix.rename(csv_escape(ix.name))

    out = df.copy()
    for k in range(out.shape[1]):
        col = out.iloc[:, k]
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            out.isetitem(k, col.map(csv_escape))
    out.index = index(out.index)
    out.columns = index(out.columns)
    return out


def xlsx_text_cell(cell: Any) -> Any:
    """Force a cell holding a ``str`` to the text type (never a formula); return it."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def force_text_cells(wb: Any) -> int:
    """Make every string cell of an openpyxl workbook text; return how many were formulas.

    iocluster writes no formula cells of its own (number formats, conditional formats,
    charts and data validations are not cells), so every string that openpyxl typed as
    a formula came from a label.
    """
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    changed += cell.data_type == "f"
                    cell.data_type = "s"
    return changed


def printable(text: str) -> str:
    """``text`` without control characters (ANSI escape sequences of a hostile label
    cannot recolour or rewrite the terminal): tabs and line breaks become spaces.

    >>> printable("unknown sector '\\x1b[2Jx'\\tok")
    "unknown sector '[2Jx' ok"
    """
    return _CONTROL.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def terminal_text(value: object) -> str:
    """Text for a rich table cell: markup escaped, control characters removed.

    >>> terminal_text("[bold]x\\x1b[31m")
    '\\\\[bold]x[31m'
    """
    from rich.markup import escape

    return escape(_CONTROL.sub("", str(value)))


@contextlib.contextmanager
def plain_figure_text(fig: Any) -> Iterator[Any]:
    """While saving ``fig``: every text drawn as typed (``$`` is not mathtext)."""
    import matplotlib
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_parse_math(False)
    with matplotlib.rc_context({"text.parse_math": False}):
        yield fig


def plain_text_figures(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function that draws a figure: every text it creates is drawn as typed
    (matplotlib's ``text.parse_math`` off while it runs)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            import matplotlib
        except ImportError:  # the figure function says how to install it
            return func(*args, **kwargs)
        with matplotlib.rc_context({"text.parse_math": False}):
            return func(*args, **kwargs)

    return wrapper


def save_reproducible(fig: Any, target: Any, fmt: str, dpi: float | None = None) -> None:
    """``fig.savefig`` that writes the same bytes for the same figure: no creation date
    in the SVG/PDF metadata and a fixed salt for SVG element ids (matplotlib draws them at
    random otherwise)."""
    import matplotlib

    metadata: dict[str, Any] = {"Date": None} if fmt in ("svg", "pdf") else {}
    with matplotlib.rc_context({"svg.hashsalt": "iocluster"}):
        fig.savefig(target, format=fmt, dpi=dpi, metadata=metadata)
