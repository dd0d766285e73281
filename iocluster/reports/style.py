"""One styling module for every workbook iocluster writes.

Header rows carry the unit of every numeric column (``"Output (billion UZS)"``), numbers
get formats by kind (:data:`FORMATS`), header rows are frozen, columns sized to their
content, and tables may carry conditional formatting and native Excel charts
(``openpyxl.chart``). :func:`about_rows` and :func:`write_about_sheet` build the
About/Assumptions sheet every report ends with: table provenance, validation checks,
closure and import assumptions, the scenario, the program version and the command line.

openpyxl is imported by the functions that use it, so importing this module is cheap.

>>> header("Output", "billion UZS")
'Output (billion UZS)'
>>> header("Sector")
'Sector'
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "FORMATS",
    "Column",
    "TableRange",
    "bar_chart",
    "color_scale",
    "data_bar",
    "fonts",
    "header",
    "highlight_equal",
    "print_setup",
    "print_workbook",
    "set_widths",
    "write_table",
    "write_title",
]

#: Excel number formats by kind of value.
FORMATS = {
    "money": "#,##0.0",
    "money2": "#,##0.00",
    "mult": "0.000",
    "index": "0.00",
    "share": "0.0%",
    "pct": '0.0"%"',
    "persons": "#,##0",
    "int": "0",
    "text": "General",
    "sci": "0.00E+00",
}

HEADER_COLOR = "1F4E78"
BAND_COLOR = "DDEBF7"
KEY_COLOR = "C6EFCE"
WARN_COLOR = "FFEB9C"
FAIL_COLOR = "FFC7CE"
MAX_WIDTH = 60
#: Colours of chart series, in order.
SERIES_COLORS = ("2E75B6", "ED7D31", "70AD47", "FFC000", "7030A0")


def header(label: str, unit: str = "") -> str:
    """A column header with its unit in brackets (no brackets without a unit)."""
    return f"{label} ({unit})" if unit else label


@dataclass(frozen=True)
class Column:
    """One column of a written table: the frame column, its header, unit and format."""

    key: str
    label: str
    unit: str = ""
    fmt: str = "text"
    width: float | None = None

    @property
    def header(self) -> str:
        """The header text, unit included."""
        return header(self.label, self.unit)


@dataclass(frozen=True)
class TableRange:
    """Where a table landed on a sheet (1-based rows and columns)."""

    header_row: int
    first_row: int
    last_row: int
    first_col: int
    last_col: int

    def col_of(self, k: int) -> int:
        """Sheet column of the table's ``k``-th column (0-based)."""
        return self.first_col + k

    def data_range(self, k: int) -> str:
        """A1 range of the data of column ``k`` (0-based)."""
        from openpyxl.utils import get_column_letter

        c = get_column_letter(self.col_of(k))
        return f"{c}{self.first_row}:{c}{self.last_row}"


def fonts() -> dict[str, Any]:
    """The report fonts and alignments by role (title, header, wrap, ...)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="9BC2E6")
    return {
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor=HEADER_COLOR),
        "header_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "title_font": Font(bold=True, size=14, color=HEADER_COLOR),
        "subtitle_font": Font(italic=True, color="595959"),
        "border": Border(bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _cell_value(v: object) -> object:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def write_title(ws: Any, text: str, subtitle: str = "", row: int = 1) -> int:
    """Write a title (and an optional subtitle) from ``row``; return the next free row."""
    f = fonts()
    ws.cell(row=row, column=1, value=text).font = f["title_font"]
    if subtitle:
        ws.cell(row=row + 1, column=1, value=subtitle).font = f["subtitle_font"]
        return row + 3
    return row + 2


def write_table(
    ws: Any,
    df: pd.DataFrame,
    columns: Sequence[Column],
    *,
    row: int = 1,
    col: int = 1,
    freeze: bool = True,
    band: bool = False,
) -> TableRange:
    """Write ``df[columns]`` with a styled header row (units in headers) at ``(row, col)``.

    The header row is frozen (with the first column) when ``freeze``; NaN is written as an
    empty cell; widths follow the content (at most :data:`MAX_WIDTH`) unless a column
    sets its own. ``df``'s index is not written: reset it first when it holds labels.
    """
    f = fonts()
    for k, c in enumerate(columns):
        cell = ws.cell(row=row, column=col + k, value=c.header)
        cell.font, cell.fill, cell.alignment = f["header_font"], f["header_fill"], f["header_align"]
    from openpyxl.styles import Alignment, PatternFill

    band_fill = PatternFill("solid", fgColor=BAND_COLOR) if band else None
    pad = Alignment(horizontal="left", indent=1)  # text never touches a number to its left
    values = [df[c.key].tolist() for c in columns]
    for i in range(len(df)):
        r = row + 1 + i
        for k, c in enumerate(columns):
            cell = ws.cell(row=r, column=col + k, value=_cell_value(values[k][i]))
            cell.number_format = FORMATS.get(c.fmt, c.fmt)
            if c.fmt == "text" and k > 0:
                cell.alignment = pad
            if band_fill is not None and i % 2 == 1:
                cell.fill = band_fill
    ws.row_dimensions[row].height = 15 * max(1, max(_lines(c.header, c) for c in columns))
    if freeze:
        from openpyxl.utils import get_column_letter

        ws.freeze_panes = f"{get_column_letter(col + 1)}{row + 1}"
    rng = TableRange(row, row + 1, row + max(len(df), 1), col, col + len(columns) - 1)
    set_widths(ws, columns, values, col)
    return rng


def _width(c: Column, values: Sequence[object]) -> float:
    if c.width is not None:
        return c.width
    longest = 0
    for v in values[:500]:
        if isinstance(v, float | int | np.number):
            longest = max(longest, 12)
        else:
            longest = max(longest, len(str(v)) if v is not None else 0)
    head = max(len(w) for w in c.header.split()) if c.header else 0
    return float(min(MAX_WIDTH, max(10, longest + 2, head + 2, min(len(c.header), 24) // 1)))


def _lines(text: str, c: Column) -> int:
    width = _width(c, [])
    return max(1, -(-len(text) // max(int(width) - 1, 1)))


def set_widths(
    ws: Any, columns: Sequence[Column], values: Sequence[Sequence[object]], col: int
) -> None:
    """Set column widths from the content (never narrower than already set)."""
    from openpyxl.utils import get_column_letter

    for k, c in enumerate(columns):
        letter = get_column_letter(col + k)
        w = _width(c, values[k] if k < len(values) else [])
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(w, current if current > 8.5 else 0)


def print_setup(
    ws: Any,
    *,
    landscape: bool = True,
    repeat_rows: str | None = None,
    print_area: str | None = None,
) -> None:
    """Print on A4, landscape, one page wide (as many pages tall as needed), with the
    header rows ``repeat_rows`` (e.g. ``"4:4"``) repeated on every page; ``print_area``
    limits printing to the tables (charts beside them are for the screen)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if repeat_rows:
        ws.print_title_rows = repeat_rows
    if print_area:
        ws.print_area = print_area


def print_workbook(wb: Any, header_row: int, *, stacked: Collection[str] = ()) -> None:
    """:func:`print_setup` on every sheet of ``wb``: the header row repeated on every
    page, except on the sheets named in ``stacked`` (several tables one below another);
    a sheet with charts prints only its tables (columns up to its last header cell)."""
    from openpyxl.utils import get_column_letter

    for ws in wb.worksheets:
        area = None
        if ws in _CHARTED:
            last = max(c.column for c in ws[header_row] if c.value is not None)
            area = f"A1:{get_column_letter(last)}{ws.max_row}"
        repeat = None if ws.title in stacked else f"{header_row}:{header_row}"
        print_setup(ws, repeat_rows=repeat, print_area=area)


def color_scale(ws: Any, rng: str, *, diverging: bool = False) -> None:
    """A colour scale on ``rng`` (white→green, or red–white–green around 0 if diverging)."""
    from openpyxl.formatting.rule import ColorScaleRule

    if diverging:
        rule = ColorScaleRule(
            start_type="min", start_color="F8696B", mid_type="num", mid_value=0,
            mid_color="FFFFFF", end_type="max", end_color="63BE7B",
        )  # fmt: skip
    else:
        rule = ColorScaleRule(
            start_type="min", start_color="FFFFFF", end_type="max", end_color="63BE7B"
        )
    ws.conditional_formatting.add(rng, rule)


def data_bar(ws: Any, rng: str, color: str = "5B9BD5") -> None:
    """In-cell data bars on ``rng``."""
    from openpyxl.formatting.rule import DataBarRule

    ws.conditional_formatting.add(
        rng, DataBarRule(start_type="min", end_type="max", color=color, showValue=True)
    )


def highlight_equal(ws: Any, rng: str, text: str, color: str = KEY_COLOR) -> None:
    """Fill cells of ``rng`` whose value equals ``text``."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    quoted = '"' + text.replace('"', '""') + '"'
    ws.conditional_formatting.add(
        rng,
        CellIsRule(operator="equal", formula=[quoted], fill=PatternFill("solid", bgColor=color)),
    )


def bar_chart(
    ws: Any,
    tr_: TableRange,
    value_cols: Sequence[int],
    category_col: int,
    anchor: str,
    *,
    title: str,
    axis_title: str = "",
    horizontal: bool = True,
    stacked: bool = False,
    max_rows: int | None = None,
    height: float | None = None,
    width: float = 18.0,
    thousands: int = 0,
) -> Any:
    """A native Excel bar chart of table columns ``value_cols`` against ``category_col``.

    Columns are 0-based positions in the written table; the series names come from the
    header row. ``max_rows`` limits the chart to the first rows (sort the table first).
    ``thousands``: the value axis shows values divided by ``1000**thousands`` (Excel's
    scaling commas in the number format, e.g. ``#,##0.0#,,`` for millions); the cells
    keep full precision and ``axis_title`` names the scaled unit.
    """
    from openpyxl.chart import BarChart, Reference

    last = tr_.last_row if max_rows is None else min(tr_.last_row, tr_.first_row + max_rows - 1)
    ch = BarChart()
    ch.type = "bar" if horizontal else "col"
    ch.title = title
    ch.style = 10
    if stacked:
        ch.grouping = "stacked"
        ch.overlap = 100
    for k in value_cols:
        ref = Reference(ws, min_col=tr_.col_of(k), min_row=tr_.header_row, max_row=last)
        ch.add_data(ref, titles_from_data=True)
    for s, color in zip(ch.series, SERIES_COLORS, strict=False):
        s.graphicalProperties.solidFill = color  # solid, distinct colours in every viewer
        s.graphicalProperties.line.solidFill = color
    ch.gapWidth = 60
    cats = Reference(ws, min_col=tr_.col_of(category_col), min_row=tr_.first_row, max_row=last)
    ch.set_categories(cats)
    ch.y_axis.title = axis_title
    ch.y_axis.majorGridlines = None
    ch.x_axis.delete = False
    ch.y_axis.delete = False
    if horizontal:
        ch.x_axis.scaling.orientation = "maxMin"  # first row at the top
    ch.y_axis.number_format = "#,##0.0#" + "," * thousands
    if len(value_cols) == 1:
        ch.legend = None
    else:
        ch.legend.position = "b"
    rows = last - tr_.first_row + 1
    per_row = 0.5 if stacked or len(value_cols) == 1 else 0.35 * len(value_cols)
    ch.height = height if height is not None else max(7.5, min(per_row * rows + 4, 30))
    ch.width = width
    ws.add_chart(ch, anchor)
    _CHARTED.add(ws)
    return ch


#: Worksheets that carry a chart (:func:`print_workbook` prints only their tables).
_CHARTED: weakref.WeakSet[Any] = weakref.WeakSet()
