"""Write labelled result frames as table, CSV, JSON or Excel (DESIGN.md §5).

``--format json`` writes ``DataFrame.to_json(orient="split")`` for one frame, or an object
of such documents keyed by name for several, so scripts can read every result alike.
Given what produced the results (a :class:`~iocluster.model.provenance.RunInfo`), every
format carries it: JSON as an object with a ``meta`` key beside the frames (a single
frame then under its name), CSV written to a file or folder with a Frictionless
``datapackage.json`` descriptor (:mod:`iocluster.reports.datapackage`), a workbook in each
sheet's header and an About sheet.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

import pandas as pd

from iocluster.core.messages import Message, render
from iocluster.errors import InputError
from iocluster.io.atomic import atomic_folder, atomic_write, check_writable
from iocluster.io.textsafe import csv_escape_frame
from iocluster.model.provenance import RunInfo
from iocluster.reports.datapackage import descriptor_text
from iocluster.reports.headers import readable_values
from iocluster.reports.sheet_export import labelled

__all__ = [
    "Format",
    "descriptor_path",
    "frames_from_json",
    "frames_to_json",
    "in_language",
    "tidy_frame",
    "write_frames",
]

Format = Literal["table", "csv", "json", "xlsx"]
Frames = pd.DataFrame | Mapping[str, pd.DataFrame]


def in_language(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """``frame`` with its keyed messages (a flag's reason, a check's detail, a note or the
    closure in ``attrs``) written in ``lang``: text any format can hold.

    >>> from iocluster.core.messages import Message
    >>> df = pd.DataFrame({"reason": [Message("flag.zero_output"), ""]})
    >>> df.attrs["note"] = Message("flag.set_aside", n=1)
    >>> out = in_language(df, "ru")
    >>> out["reason"].tolist(), out.attrs["note"][:9]
    (['нулевой выпуск', ''], '1 отрасль')
    """

    def text(v: Any) -> Any:
        if isinstance(v, Message):
            return render(v, lang)
        if isinstance(v, list | tuple) and any(isinstance(x, Message) for x in v):
            return [text(x) for x in v]
        return v

    cols = [
        c
        for c in frame.columns
        if frame[c].dtype == object and any(isinstance(v, Message) for v in frame[c])
    ]
    attrs = {k: text(v) for k, v in frame.attrs.items()}
    if not cols and attrs == frame.attrs:
        return frame
    out = frame.copy() if cols else frame.copy(deep=False)
    for c in cols:
        out[c] = [text(v) for v in frame[c]]
    out.attrs = attrs
    return out


def _as_dict(frames: Frames) -> dict[str, pd.DataFrame]:
    return {"result": frames} if isinstance(frames, pd.DataFrame) else dict(frames)


def frames_to_json(frames: Frames, info: RunInfo | None = None, name: str = "result") -> str:
    """JSON text: one ``orient="split"`` document, or an object of them keyed by name;
    with ``info``, always an object: ``meta`` (what produced the results) and the frames
    (a single frame under ``name``)."""
    if isinstance(frames, pd.DataFrame) and info is None:
        return frames.to_json(orient="split", double_precision=15)
    named = {name: frames} if isinstance(frames, pd.DataFrame) else dict(frames)
    doc: dict[str, object] = {"meta": info.to_dict()} if info is not None else {}
    doc.update(
        {k: json.loads(v.to_json(orient="split", double_precision=15)) for k, v in named.items()}
    )
    return json.dumps(doc, ensure_ascii=False)


#: the two columns :func:`tidy_frame` adds
_TIDY = ("variable", "value")


def tidy_frame(frames: Frames) -> pd.DataFrame:
    """Several frames as one tidy (long) frame: a ``table`` column naming the frame, the
    index levels and text columns of every frame (blank where a frame has none), then
    ``variable`` and ``value`` (one row per number), so it loads with
    ``pandas.read_csv`` without options.

    >>> a = pd.DataFrame({"change": [1.0]}, index=pd.Index(["TEX"], name="sector"))
    >>> b = pd.DataFrame({"change": [2.0], "pct": [0.5]}, index=pd.Index(["x"], name="cluster"))
    >>> tidy_frame({"a": a, "b": b}).to_csv(index=False).splitlines()
    ['table,sector,cluster,variable,value', 'a,TEX,,change,1.0', 'b,,x,change,2.0', 'b,,x,pct,0.5']
    >>> paths = pd.DataFrame({"path": ["A > B"], "value": [0.5]})  # a column named value
    >>> tidy_frame({"paths": paths}).to_csv(index=False).splitlines()
    ['table,path,variable,value', 'paths,A > B,value,0.5']
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
        # a frame's own "value" or "variable" column (a structural path's value) is a
        # variable like the others: melted under other names first (pandas refuses a
        # value_name that is a column), a text column of that name keeps it with "_label"
        clash = {c: f"{c}_label" for c in ids if c in _TIDY}
        ids = [clash.get(c, c) for c in ids]
        flat = flat.rename(columns=clash)
        long = flat.melt(id_vars=ids, value_vars=values, var_name="\0v", value_name="\0x")
        long = long.rename(columns={"\0v": "variable", "\0x": "value"})
        long.insert(0, "table", name)
        keys += [k for k in ids if k not in keys]
        longs.append(long)
    out = pd.concat(longs, ignore_index=True, sort=False)
    order = ["table", *keys, "variable", "value"]
    return out[order].astype({k: object for k in keys}).fillna({k: "" for k in keys})


def frames_from_json(text: str) -> tuple[dict[str, object], dict[str, pd.DataFrame]]:
    """``(meta, frames)`` of a JSON document :func:`frames_to_json` wrote (``meta`` empty
    when it has none; a bare ``orient="split"`` document is the frame ``result``).

    >>> df = pd.DataFrame({"v": [1.5]}, index=pd.Index(["S1"], name="code"))
    >>> meta, frames = frames_from_json(frames_to_json({"x": df}))
    >>> meta, float(frames["x"].loc["S1", "v"])
    ({}, 1.5)
    """
    doc = json.loads(text)
    if "data" in doc and "columns" in doc:
        doc = {"result": doc}
    meta = doc.pop("meta", {})
    return meta, {k: _split_frame(v) for k, v in doc.items()}


def _split_frame(d: dict[str, Any]) -> pd.DataFrame:
    """A frame from an ``orient="split"`` document (a multi-level index as tuples, which
    ``pandas.read_json`` does not read back)."""
    index = d.get("index", [])
    if index and isinstance(index[0], list):
        idx: pd.Index = pd.MultiIndex.from_tuples([tuple(i) for i in index])
    else:
        idx = pd.Index(index)
    return pd.DataFrame(d["data"], index=idx, columns=d["columns"])


def descriptor_path(output: Path) -> Path:
    """Where the data package descriptor of the CSV file ``output`` goes."""
    return output.with_name(f"{output.stem}.datapackage.json")


def _write_descriptor(frames: Frames, output: Path, info: RunInfo, name: str, force: bool) -> None:
    """``NAME.datapackage.json`` beside the CSV file ``output`` (one resource: the frame,
    or the tidy table of several)."""
    one = frames if isinstance(frames, pd.DataFrame) else tidy_frame(frames)
    text = descriptor_text({name: one}, {name: output.name}, info, name)
    target = descriptor_path(output)
    atomic_write(target, lambda p: p.write_text(text, encoding="utf-8"), force=force)


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
    info: RunInfo | None = None,
    name: str = "result",
    lang: str = "en",
) -> None:
    """Write frames in ``fmt`` to ``output`` (atomically) or to ``stream`` (stdout);
    keyed messages in cells and notes are written in ``lang`` (:func:`in_language`), and
    in the terminal table and the workbook the headers and categorical values too
    (:mod:`iocluster.reports.headers`; CSV and JSON keep the codes);
    ``info`` (what produced them) goes with them in every format but the terminal's and
    a CSV stream (module docstring); ``name`` names a single frame.

    Several frames go to one workbook as one formatted sheet each
    (:mod:`iocluster.reports.sheet_export`), to a CSV stream or a ``.csv`` file as one
    tidy (long) table (:func:`tidy_frame`), and to a CSV path without the suffix as a
    folder of ``name.csv`` files. ``--format table`` prints one table per frame fitted to
    the terminal (:mod:`iocluster.reports.terminal`): at most ``top`` rows (``None``:
    all), numeric columns in the order ``prefer`` while they fit.
    """
    stream = stream or sys.stdout
    frames = (
        in_language(frames, lang)
        if isinstance(frames, pd.DataFrame)
        else {k: in_language(v, lang) for k, v in frames.items()}
    )
    if fmt == "table":  # a person reads it: categorical values in words (xlsx: per sheet)
        frames = (
            readable_values(frames, lang)
            if isinstance(frames, pd.DataFrame)
            else {k: readable_values(v, lang) for k, v in frames.items()}
        )
    if fmt == "xlsx":
        if output is None:
            said = Message("cli.xlsx_needs_output", format="--format xlsx", option="-o/--output",
                           path="PATH.xlsx")  # fmt: skip
            raise InputError(said)
        from iocluster.reports.sheet_export import write_sheets

        single = isinstance(frames, pd.DataFrame)
        atomic_write(
            output,
            lambda tmp: write_sheets(tmp, _as_dict(frames), single=single, info=info, lang=lang),
            force=force,
        )
        return
    if fmt == "json":
        text = frames_to_json(frames, info, name)
    elif fmt == "csv":
        folder_out = output is not None and output.suffix.lower() != ".csv"
        if output is not None and folder_out and not isinstance(frames, pd.DataFrame):
            # the files are written into a temporary sibling folder swapped into place
            # when complete: an interrupted run leaves no partial set of tables
            with atomic_folder(output, force=force) as folder:
                for key, df in frames.items():
                    csv_escape_frame(df).to_csv(folder / f"{key}.csv")
                if info is not None:
                    paths = {k: f"{k}.csv" for k in frames}
                    text = descriptor_text(frames, paths, info, name)
                    (folder / "datapackage.json").write_text(text, encoding="utf-8")
            return
        text = _csv_text(frames)
        if output is not None and info is not None:  # refused before anything is written
            check_writable(output, force=force)
            check_writable(descriptor_path(output), force=force)
    elif fmt == "table":
        from iocluster.reports.terminal import render_frames

        buf = io.StringIO()
        render_frames(frames, buf, top=top, prefer=prefer, width=width, lang=lang)
        text = buf.getvalue()
    else:
        raise InputError(
            Message("cli.unknown_format", format=fmt, a="table", b="csv", c="json", d="xlsx")
        )
    if output is None:
        stream.write(text if text.endswith("\n") else text + "\n")
        return
    atomic_write(output, lambda p: p.write_text(text, encoding="utf-8"), force=force)
    if fmt == "csv" and info is not None:
        _write_descriptor(frames, output, info, name, force)
