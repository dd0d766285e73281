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
from iocluster.io.atomic import atomic_path, atomic_write

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
        return frames.to_csv()
    buf = io.StringIO()
    for name, df in frames.items():
        buf.write(f"# {name}\n")
        df.to_csv(buf)
        buf.write("\n")
    return buf.getvalue()


def _render_table(frames: Frames, stream: TextIO, max_rows: int = 60) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, width=max(120, Console().width), soft_wrap=False)
    for name, df in _as_dict(frames).items():
        title = name if not isinstance(frames, pd.DataFrame) else df.attrs.get("title")
        unit = df.attrs.get("unit")
        caption = f"unit: {unit}" if unit else None
        table = Table(title=title, caption=caption, show_lines=False)
        table.add_column(str(df.index.name or ""), style="bold")
        for c in df.columns:
            table.add_column(
                str(c), justify="right" if pd.api.types.is_numeric_dtype(df[c]) else "left"
            )
        shown = df if len(df) <= max_rows else df.head(max_rows)
        for idx, row in shown.iterrows():
            cells = [Text(str(idx))]
            for v in row.tolist():
                if isinstance(v, float):
                    cells.append(Text(f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"))
                else:
                    cells.append(Text(str(v)))
            table.add_row(*cells)
        if len(df) > max_rows:
            table.add_row(
                f"… {len(df) - max_rows} more rows (use --format csv or -o)",
                *[""] * len(df.columns),
            )
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

        atomic_write(output, _xlsx, force=force)
        return
    if fmt == "json":
        text = frames_to_json(frames)
    elif fmt == "csv":
        if output is not None and not isinstance(frames, pd.DataFrame):
            output.mkdir(parents=True, exist_ok=True)
            for name, df in frames.items():
                with atomic_path(output / f"{name}.csv", force=force) as tmp:
                    df.to_csv(tmp)
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
