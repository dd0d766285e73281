"""Write labelled result frames as table, CSV, JSON or Excel (DESIGN.md §5).

``--format json`` writes ``DataFrame.to_json(orient="split")`` for one frame, or an object
of such documents keyed by name for several, so scripts can read every result alike.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, TextIO

import pandas as pd

from iocluster.errors import InputError
from iocluster.io.atomic import atomic_folder, atomic_write
from iocluster.io.textsafe import csv_escape_frame
from iocluster.reports.sheet_export import labelled

__all__ = ["Format", "frames_to_json", "tidy_frame", "write_frames"]

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


def tidy_frame(frames: Frames) -> pd.DataFrame:
    """Several frames as one tidy (long) frame: a ``table`` column naming the frame, the
    index levels and text columns of every frame (blank where a frame has none), then
    ``variable`` and ``value`` (one row per number), so it loads with
    ``pandas.read_csv`` without options.

    >>> a = pd.DataFrame({"change": [1.0]}, index=pd.Index(["TEX"], name="sector"))
    >>> b = pd.DataFrame({"change": [2.0], "pct": [0.5]}, index=pd.Index(["x"], name="cluster"))
    >>> tidy_frame({"a": a, "b": b}).to_csv(index=False).splitlines()
    ['table,sector,cluster,variable,value', 'a,TEX,,change,1.0', 'b,,x,change,2.0', 'b,,x,pct,0.5']
    """
    longs: list[pd.DataFrame] = []
    keys: list[str] = []
    for name, df in _as_dict(frames).items():
        flat = labelled(df)
        flat.columns = [str(c) for c in flat.columns]
        ids = [c for c in flat.columns if not pd.api.types.is_numeric_dtype(flat[c])]
        labels = list(flat.columns[: len(flat.columns) - len(df.columns)])  # the row labels
        ids += [str(c) for c in labels if str(c) not in ids]
        values = [c for c in flat.columns if c not in ids]
        long = flat.melt(id_vars=ids, value_vars=values, var_name="variable", value_name="value")
        long.insert(0, "table", name)
        keys += [k for k in ids if k not in keys]
        longs.append(long)
    out = pd.concat(longs, ignore_index=True, sort=False)
    order = ["table", *keys, "variable", "value"]
    return out[order].astype({k: object for k in keys}).fillna({k: "" for k in keys})


def _csv_text(frames: Frames) -> str:
    if isinstance(frames, pd.DataFrame):
        return str(csv_escape_frame(frames).to_csv())
    return str(csv_escape_frame(tidy_frame(frames)).to_csv(index=False))


def write_frames(
    frames: Frames,
    fmt: Format = "table",
    output: Path | None = None,
    *,
    force: bool = False,
    stream: TextIO | None = None,
    top: int | None = None,
    prefer: Sequence[str] = (),
    width: int | None = None,
) -> None:
    """Write frames in ``fmt`` to ``output`` (atomically) or to ``stream`` (stdout).

    Several frames go to one workbook as one formatted sheet each
    (:mod:`iocluster.reports.sheet_export`), to a CSV stream or a ``.csv`` file as one
    tidy (long) table (:func:`tidy_frame`), and to a CSV path without the suffix as a
    folder of ``name.csv`` files. ``--format table`` prints one table per frame fitted to
    the terminal (:mod:`iocluster.reports.terminal`): at most ``top`` rows (``None``:
    all), numeric columns in the order ``prefer`` while they fit.
    """
    stream = stream or sys.stdout
    if fmt == "xlsx":
        if output is None:
            raise InputError("--format xlsx needs -o/--output PATH.xlsx")
        from iocluster.reports.sheet_export import write_sheets

        single = isinstance(frames, pd.DataFrame)
        atomic_write(output, lambda tmp: write_sheets(tmp, _as_dict(frames), single=single),
                     force=force)  # fmt: skip
        return
    if fmt == "json":
        text = frames_to_json(frames)
    elif fmt == "csv":
        folder_out = output is not None and output.suffix.lower() != ".csv"
        if output is not None and folder_out and not isinstance(frames, pd.DataFrame):
            # the files are written into a temporary sibling folder swapped into place
            # when complete: an interrupted run leaves no partial set of tables
            with atomic_folder(output, force=force) as folder:
                for name, df in frames.items():
                    csv_escape_frame(df).to_csv(folder / f"{name}.csv")
            return
        text = _csv_text(frames)
    elif fmt == "table":
        from iocluster.reports.terminal import render_frames

        buf = io.StringIO()
        render_frames(frames, buf, top=top, prefer=prefer, width=width)
        text = buf.getvalue()
    else:
        raise InputError(f"unknown format '{fmt}'; expected table, csv, json or xlsx")
    if output is None:
        stream.write(text if text.endswith("\n") else text + "\n")
    else:
        atomic_write(output, lambda p: p.write_text(text, encoding="utf-8"), force=force)
