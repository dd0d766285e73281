"""Tables on the terminal: one table per frame that fits the terminal's width.

Every command that prints a table goes through :func:`render_frames` (``--format table``)
or :func:`fit_table` (``iocluster analyze``'s summary), so they fit alike:

* **Columns are chosen, not split into blocks.** The index (codes) and text columns
  (names, details) are always shown and wrap at word boundaries; numeric columns are
  added in order of preference (``prefer``, then the frame's order) while they fit at
  their narrowest width (the widest value, the longest header word); the others are
  named in a line under the table.
* **Rows are cut with a note.** At most ``top`` rows (``--top N``; ``None`` for all,
  ``--all``), then a line saying how many were left out and how to see them. A text
  column blank in every row shown (the flag of unflagged sectors) is left out.
* **Numbers in plain notation.** No scientific notation: large amounts with thousands
  separators, small ones with four significant digits, and rounding noise (below
  1e-12, e.g. a price change of −2.2e-16) printed as 0.

The layout is computed here (column widths summing to the width) and rich only draws it,
so the result does not depend on rich's shrinking (which cut headers to "П…").

>>> import pandas as pd
>>> plain_number(-2.2e-16), plain_number(1.601e-05), plain_number(1817369373.7)
('0', '0.00001601', '1,817,369,374')
>>> df = pd.DataFrame({"name": ["Textiles and apparel of every kind"], "output": [1.5]},
...                   index=pd.Index(["TEX"], name="code"))
>>> print(render_text(df, width=34))
┏━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━┓
┃ code ┃ name           ┃ output ┃
┡━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━┩
│ TEX  │ Textiles and   │  1.500 │
│      │ apparel of     │        │
│      │ every kind     │        │
└──────┴────────────────┴────────┘
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

import numpy as np
import pandas as pd
from rich.cells import cell_len

from iocluster.io.textsafe import printable, terminal_text

__all__ = [
    "TextColumn",
    "column_decimals",
    "fit_table",
    "frame_columns",
    "key_sectors_first",
    "plain_number",
    "render_frames",
    "render_text",
    "terminal_width",
]

#: Below this magnitude a number is rounding noise and printed as 0.
_NOISE = 1e-12
#: Text and code columns are never made narrower than this (unless their text is).
_MIN_TEXT = 12
#: Words up to this long (``employment_informal``) are never broken.
_MAX_WORD = 20
#: Columns left out are named up to this many (then counted).
_NAMED = 6
#: Index labels up to this long get their whole width before other columns grow.
_SHORT_KEY = 32
#: Extra width per column: one space of padding each side and one rule.
_PER_COLUMN = 3


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` when set; 80 when not a terminal)."""
    from rich.console import Console

    return max(40, Console().width)


def plain_number(v: object, decimals: int | None = None) -> str:
    """A number in plain notation: thousands separators from 10,000, four significant
    digits below (at most 8 decimals), rounding noise as 0; ``decimals`` fixes them.

    >>> plain_number(0.5126), plain_number(12345.6), plain_number(float("nan"))
    ('0.5126', '12,346', '')
    >>> plain_number(2, 1), plain_number(True)
    ('2.0', 'True')
    """
    if isinstance(v, bool | np.bool_) or not isinstance(v, int | float | np.number):
        return "" if v is None else str(v)
    x = float(v)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if decimals is not None:
        return f"{0.0 if abs(x) < _NOISE else x:,.{decimals}f}"
    if isinstance(v, int | np.integer):
        return f"{int(v):,}"
    if abs(x) < _NOISE:
        return "0"
    if abs(x) >= 1e4:
        return f"{x:,.0f}"
    digits = min(8, max(0, 3 - math.floor(math.log10(abs(x)))))
    text = f"{x:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def column_decimals(values: Sequence[object]) -> int | None:
    """Decimals that show a column's largest value with four significant digits (so the
    decimal points line up): 0 from 1,000, at most 6; ``None`` (each value formatted on
    its own) when it holds no number or when its smallest value would keep fewer than two
    significant digits.

    >>> column_decimals([1.071, 1.04, 2.388]), column_decimals([0.5126, -0.003657, 1.84])
    (3, None)
    >>> column_decimals([41_921_042.0, 0.7776]), column_decimals([float("nan")])
    (None, None)
    """
    finite = [
        abs(float(v))
        for v in values
        if isinstance(v, int | float | np.number) and math.isfinite(float(v))
        and abs(float(v)) >= _NOISE
    ]  # fmt: skip
    if not finite:
        return None
    digits = max(0, min(6, 3 - math.floor(math.log10(max(finite)))))
    # magnitudes far apart (amounts and shares in one column): each value its own digits
    return digits if min(finite) * 10**digits >= 10 else None


@dataclass
class TextColumn:
    """One column to draw: header, cells as text, and how it may be narrowed."""

    header: str
    cells: list[str]
    numeric: bool = False
    key: bool = False  #: an index level: always shown, bold
    styles: list[str] = field(default_factory=list)

    @property
    def natural(self) -> int:
        """Width without wrapping."""
        return max([cell_len(self.header), *map(cell_len, self.cells)])

    @property
    def narrowest(self) -> int:
        """Width below which the column is unreadable: numbers whole, header words whole,
        text at :data:`_MIN_TEXT` (or its natural width when shorter)."""
        words = max([0, *map(cell_len, self.header.split())])
        if self.numeric:
            return max([words, *map(cell_len, self.cells)])
        longest_word = max([0, *(cell_len(w) for c in self.cells for w in c.split())])
        return max(words, min(self.natural, max(_MIN_TEXT, min(longest_word, _MAX_WORD))))


def _widths(cols: Sequence[TextColumn], room: int) -> list[int]:
    """Widths summing to at most ``room``: each at least its narrowest, extra space
    shared one character at a time among the columns still below their natural width."""
    w = [c.narrowest for c in cols]
    spare = room - sum(w)
    for k, c in enumerate(cols):  # short labels (codes, check names) are never wrapped
        grow = c.natural - w[k]
        if c.key and c.natural <= _SHORT_KEY and 0 < grow <= spare:
            w[k] += grow
            spare -= grow
    while spare > 0:
        short = [k for k, c in enumerate(cols) if w[k] < c.natural]
        if not short:
            break
        # the column missing the largest share of its natural width grows first
        k = max(short, key=lambda j: (cols[j].natural - w[j]) / cols[j].natural)
        w[k] += 1
        spare -= 1
    return w


def _fit(cols: list[TextColumn], width: int, prefer: Sequence[str]) -> tuple[list[int], list[str]]:
    """Which columns are shown (positions) and which numeric ones are left out."""
    order = [k for k, c in enumerate(cols) if c.key or not c.numeric]
    wanted = [k for h in prefer for k, c in enumerate(cols) if c.header == h and c.numeric]
    wanted += [k for k, c in enumerate(cols) if c.numeric and k not in wanted]

    def used(ks: list[int]) -> int:
        return sum(cols[k].narrowest for k in ks) + _PER_COLUMN * len(ks) + 1

    shown = list(order)
    texts = [k for k in order if not cols[k].key]
    while used(shown) > width and len(texts) > 1:  # text columns beyond the first go too
        shown.remove(texts.pop())
    for k in wanted:
        if used([*shown, k]) <= width:
            shown.append(k)
    left = [cols[k].header for k in [*order, *wanted] if k not in shown]
    return sorted(shown), left


def fit_table(
    cols: Sequence[TextColumn],
    *,
    width: int,
    title: str | None = None,
    notes: Sequence[str] = (),
    prefer: Sequence[str] = (),
    total_rows: int | None = None,
    title_left: bool = False,
    lang: str = "en",
) -> list[object]:
    """Rich renderables (the table, then its notes) of ``cols`` fitted to ``width``.

    ``total_rows`` is the number of rows before cutting (for the "N more rows" line); the
    notes about rows and columns left out are in ``lang``.
    """
    from rich.table import Table
    from rich.text import Text

    from iocluster.reports.i18n import tr

    shown, left = _fit(list(cols), width, prefer)
    chosen = [cols[k] for k in shown]
    room = width - _PER_COLUMN * len(chosen) - 1
    widths = _widths(chosen, room)
    table = Table(
        title=terminal_text(title) if title else None,
        title_justify="left" if title_left else "center",
    )
    for c, w in zip(chosen, widths, strict=True):
        table.add_column(
            Text(printable(c.header)),
            justify="right" if c.numeric else "left",
            width=w,
            overflow="fold",
            style="bold" if c.key else "",
        )
    n = len(chosen[0].cells) if chosen else 0
    for i in range(n):
        # Text is never read as markup; control characters are dropped
        table.add_row(
            *(Text(printable(c.cells[i]), style=c.styles[i] if c.styles else "") for c in chosen)
        )
    out: list[object] = [table]
    lines = [n for n in notes if n]
    if total_rows is not None and total_rows > n:
        lines.append(tr("rows_not_shown", lang).format(n=total_rows - n))
    if left:
        named = ", ".join(left[:_NAMED])
        named += f" (+{len(left) - _NAMED})" if len(left) > _NAMED else ""
        lines.append(tr("columns_not_shown", lang).format(cols=named))
    out += [Text(terminal_text(line), style="dim") for line in lines]
    return out


#: Order of the key-sector classes in ranked tables.
_CLASS_ORDER = {"key": 0, "backward-oriented": 1, "forward-oriented": 2, "weak": 3}


def key_sectors_first(lk: pd.DataFrame, include_flagged: bool = False) -> pd.DataFrame:
    """Linkages ranked for reading: key sectors, then backward-oriented, forward-oriented
    and weak ones, each by the sum of the power and sensitivity of dispersion (U + S);
    the sectors the validation flags after all the others unless ``include_flagged``
    (:func:`iocluster.analysis.flags.rank_unflagged`).

    >>> lk = pd.DataFrame({"power_of_dispersion": [0.9, 1.2, 1.1],
    ...                    "sensitivity_of_dispersion": [0.8, 1.3, 1.0],
    ...                    "key_sector": ["weak", "key", "key"]}, index=["a", "b", "c"])
    >>> list(key_sectors_first(lk).index)
    ['b', 'c', 'a']
    >>> list(key_sectors_first(lk.assign(flag=["", "identity", ""])).index)
    ['c', 'a', 'b']
    """
    from iocluster.analysis.flags import rank_unflagged

    score = lk["power_of_dispersion"] + lk["sensitivity_of_dispersion"]
    group = lk["key_sector"].map(lambda k: _CLASS_ORDER.get(str(k), 4))
    return rank_unflagged(lk, score, groups=group, include_flagged=include_flagged)


def _header(label: object, lang: str = "en") -> str:
    """A column name as a header in ``lang`` (:func:`~iocluster.reports.headers.column_header`;
    in English underscores read as spaces, so long names wrap)."""
    from iocluster.reports.headers import column_header

    return column_header(label or "", lang)


def frame_columns(df: pd.DataFrame, lang: str = "en") -> list[TextColumn]:
    """The index levels (a repeated leading label is blank, as pandas prints them) and
    the columns of ``df`` as :class:`TextColumn` s, headers in ``lang``."""
    levels = [_header(n, lang) for n in df.index.names]
    keys: list[list[str]] = []
    previous: tuple[object, ...] = ()
    for idx in df.index:
        key = idx if isinstance(idx, tuple) else (idx,)
        same = 0
        while same < len(key) - 1 and same < len(previous) and key[same] == previous[same]:
            same += 1
        previous = key
        keys.append(["" if k < same else str(v) for k, v in enumerate(key)])
    cols = [TextColumn(h, [k[i] for k in keys], key=True) for i, h in enumerate(levels)]
    for c in df.columns:
        numeric = pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        values = df[c].tolist()
        digits = column_decimals(values) if pd.api.types.is_float_dtype(df[c]) else None
        if "pct" in str(c) and pd.api.types.is_float_dtype(df[c]):
            digits = 3  # percent changes: a thousandth of a percent is enough
        cells = [plain_number(v, digits) for v in values]
        cols.append(TextColumn(_header(c, lang), cells, numeric=numeric))
    return cols


def _one_valued_level(df: pd.DataFrame, lang: str = "en") -> tuple[pd.DataFrame, str]:
    """``df`` without the leading index level when that level holds one value (one
    scenario), and the value (after the level's header in ``lang``); ``df`` itself and ""
    otherwise."""
    if not isinstance(df.index, pd.MultiIndex) or len(df) == 0:
        return df, ""
    first = df.index.get_level_values(0)
    if first.nunique() != 1:
        return df, ""
    out = df.droplevel(0)
    out.attrs = dict(df.attrs)
    label = f"{_header(df.index.names[0], lang)}: " if df.index.names[0] else ""
    return out, f"{label}{first[0]}"


def render_frames(
    frames: pd.DataFrame | Mapping[str, pd.DataFrame],
    stream: TextIO,
    *,
    width: int | None = None,
    top: int | None = None,
    prefer: Sequence[str] = (),
    lang: str = "en",
) -> None:
    """Print each frame as one table fitted to ``width`` (the terminal's by default):
    its title, at most ``top`` rows (``None``: all), the unit and the notes under it;
    headers and the notes about rows and columns left out in ``lang``."""
    from rich.console import Console

    from iocluster.reports.i18n import tr

    width = width or terminal_width()
    console = Console(file=stream, width=width, soft_wrap=False, highlight=False)
    single = isinstance(frames, pd.DataFrame)
    items = {"": frames} if isinstance(frames, pd.DataFrame) else dict(frames)
    for name, frame in items.items():
        own = frame.attrs.get("title")
        title = own if single else (own or (name if lang == "en" else _header(name, lang)))
        df, fixed = _one_valued_level(frame, lang)
        if fixed and fixed.split(": ")[-1] not in str(title or ""):
            # one scenario: its name goes to the title, not into every row
            title = f"{title or ''} — {fixed}".lstrip(" —")
        shown = df if top is None or len(df) <= top else df.head(top)
        unit_word = "unit" if lang == "en" else tr("unit", lang).lower()
        notes = [f"{unit_word}: {df.attrs['unit']}" if df.attrs.get("unit") else ""]
        notes.append(str(df.attrs.get("closure", "")))
        notes.append(str(df.attrs.get("note", "")))
        # a text column blank in every row shown (no flag among the top rows) says nothing
        cols = [c for c in frame_columns(shown, lang) if c.key or c.numeric or any(c.cells)]
        for r in fit_table(
            cols,
            width=width,
            title=str(title) if title else None,
            notes=notes,
            prefer=[_header(p, lang) for p in prefer],
            total_rows=len(df),
            lang=lang,
        ):
            console.print(r)


def render_text(
    frames: pd.DataFrame | Mapping[str, pd.DataFrame],
    *,
    width: int,
    top: int | None = None,
    prefer: Sequence[str] = (),
    lang: str = "en",
) -> str:
    """:func:`render_frames` as a string (tests, doctests)."""
    buf = io.StringIO()
    render_frames(frames, buf, width=width, top=top, prefer=prefer, lang=lang)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines())
