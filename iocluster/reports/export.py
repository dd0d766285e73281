"""Write labelled result frames as table, CSV, JSON or Excel (DESIGN.md §5).

``--format json`` writes ``DataFrame.to_json(orient="split")`` for one frame, or an object
of such documents keyed by name for several, so scripts can read every result alike.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, TextIO

import pandas as pd

from iocluster.errors import InputError
from iocluster.io.atomic import atomic_folder, atomic_write, check_writable
from iocluster.io.textsafe import csv_escape_frame, force_text_cells, terminal_text

__all__ = ["Format", "frames_to_json", "write_frames"]

Format = Literal["table", "csv", "json", "xlsx"]
Frames = pd.DataFrame | Mapping[str, pd.DataFrame]


def _as_dict(frames: Frames) -> dict[str, pd.DataFrame]:
    return {"result": frames} if isinstance(frames, pd.DataFrame) else dict(frames)


def frames_to_json(frames: Frames) -> str:
    """JSON text: one ``orient="split"`` document, or an object of them keyed by name."""
    if isinstance(frames, pd.DataFrame):
        return frames.to_json(orient="split", double_precision=15)
    doc = {k: json.loads(v.to_json(orient="split", double_precision=15)) for k, v in frames.items()}
    return json.dumps(doc, ensure_ascii=False)


def _csv_text(frames: Frames) -> str:
    if isinstance(frames, pd.DataFrame):
        return str(csv_escape_frame(frames).to_csv())
    buf = io.StringIO()
    for name, df in frames.items():
        buf.write(f"# {name}\n")
        csv_escape_frame(df).to_csv(buf)
        buf.write("\n")
    return buf.getvalue()


def _cell(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    return str(v)


def _chunks(widths: list[int], fixed: int, room: int) -> list[list[int]]:
    """Column positions split into groups that fit ``room`` next to the index columns."""
    groups: list[list[int]] = [[]]
    used = fixed
    for k, w in enumerate(widths):
        if groups[-1] and used + w > room:
            groups.append([])
            used = fixed
        groups[-1].append(k)
        used += w
    return groups


def _render_table(frames: Frames, stream: TextIO, max_rows: int = 60) -> None:
    """Rich tables; a MultiIndex shows one column per level (a repeated label is blank),
    and a frame too wide for the console is shown in several tables of its columns."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=max(120, Console().width), soft_wrap=False)
    for name, df in _as_dict(frames).items():
        title = name if not isinstance(frames, pd.DataFrame) else df.attrs.get("title")
        unit = df.attrs.get("unit")
        levels = [str(n or "") for n in df.index.names]
        shown = df if len(df) <= max_rows else df.head(max_rows)
        keys: list[list[str]] = []
        previous: tuple[object, ...] = ()
        for idx in shown.index:
            key = idx if isinstance(idx, tuple) else (idx,)
            # blank the leading levels that repeat the row above (as pandas prints them)
            same = 0
            while same < len(key) - 1 and same < len(previous) and key[same] == previous[same]:
                same += 1
            previous = key
            keys.append(["" if k < same else terminal_text(v) for k, v in enumerate(key)])
        body = [[terminal_text(_cell(v)) for v in shown[c].tolist()] for c in shown.columns]
        width = [
            max([len(str(c)), *map(len, col)]) + 3 for c, col in zip(df.columns, body, strict=True)
        ]
        fixed = sum(max([len(n), *(len(k[i]) for k in keys)]) + 3 for i, n in enumerate(levels))
        groups = _chunks(width, fixed, console.width - 4)
        for g, cols in enumerate(groups):
            more = f" ({g + 1}/{len(groups)})" if len(groups) > 1 and title else ""
            last = g == len(groups) - 1
            notes = [f"unit: {unit}" if unit else "", str(df.attrs.get("closure", ""))]
            caption = "\n".join(n for n in notes if n) if last and any(notes) else None
            table = Table(title=terminal_text(f"{title}{more}") if title else None, caption=caption)
            for n in levels:
                table.add_column(n, style="bold")
            for k in cols:
                c = df.columns[k]
                numeric = pd.api.types.is_numeric_dtype(df[c])
                table.add_column(terminal_text(c), justify="right" if numeric else "left")
            for i, labels in enumerate(keys):
                table.add_row(*labels, *(body[k][i] for k in cols))
            if len(df) > max_rows:
                note = f"… {len(df) - max_rows} more rows (use --format csv or -o)"
                table.add_row(note, *[""] * (len(levels) - 1 + len(cols)))
            console.print(table)


def write_frames(
    frames: Frames,
    fmt: Format = "table",
    output: Path | None = None,
    *,
    force: bool = False,
    stream: TextIO | None = None,
) -> None:
    """Write frames in ``fmt`` to ``output`` (atomically) or to ``stream`` (stdout).

    Several frames go to one CSV stream as ``# name`` sections, to one workbook as one
    sheet each, and to a CSV *path* as a folder of ``name.csv`` files.
    """
    stream = stream or sys.stdout
    if fmt == "xlsx":
        if output is None:
            raise InputError("--format xlsx needs -o/--output PATH.xlsx")

        def _xlsx(tmp: Path) -> None:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                for name, df in _as_dict(frames).items():
                    df.to_excel(xw, sheet_name=name[:31])
                force_text_cells(xw.book)  # labels are text, never formulas

        atomic_write(output, _xlsx, force=force)
        return
    if fmt == "json":
        text = frames_to_json(frames)
    elif fmt == "csv":
        if output is not None and not isinstance(frames, pd.DataFrame):
            for name in frames:  # refused before anything is written
                check_writable(output / f"{name}.csv", force=force)
            # the files are written into a temporary sibling folder swapped into place
            # when complete: an interrupted run leaves no partial set of tables
            with atomic_folder(output) as folder:
                for name, df in frames.items():
                    csv_escape_frame(df).to_csv(folder / f"{name}.csv")
            return
        text = _csv_text(frames)
    elif fmt == "table":
        buf = io.StringIO()
        _render_table(frames, buf)
        text = buf.getvalue()
    else:
        raise InputError(f"unknown format '{fmt}'; expected table, csv, json or xlsx")
    if output is None:
        stream.write(text if text.endswith("\n") else text + "\n")
    else:
        atomic_write(output, lambda p: p.write_text(text, encoding="utf-8"), force=force)
