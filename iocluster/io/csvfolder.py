"""The canonical CSV folder: one ``BLOCK.csv`` per block plus ``metadata.json``.

This is also the layout of the published 2022 Uzbekistan files (which have no
``accounts.csv`` or ``metadata.json``: roles are then recognised from the column names
and the units stay empty). Floats are written with ``repr`` (shortest round-trip form),
so write → read is exact; the rows of a numeric block are joined as text at once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.assemble import assemble
from iocluster.io.atomic import atomic_folder
from iocluster.io.canonical import ACCOUNTS, BLOCKS, README, meta_to_dict, table_blocks
from iocluster.io.cells import load_csv
from iocluster.io.textsafe import csv_escape
from iocluster.table import IOTable

__all__ = ["is_csv_folder", "read_csv_folder", "write_csv_folder"]

META_FILE = "metadata.json"
#: blocks of a sector-code column and numbers (read by the block parser when large)
NUMERIC_BLOCKS = frozenset(BLOCKS) - {"sectors"} | {"employment"}


def is_csv_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding ``intermediate_use.csv``."""
    return (Path(path) / "intermediate_use.csv").is_file()


def _text(v: Any) -> str:
    return float.__repr__(v) if isinstance(v, float) else str(csv_escape(v))


def _quoted(text: str) -> str:
    """A CSV field as the ``csv`` module writes it (quoted only when it must be)."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_rows(fh: Any, rows: Iterable[list[Any]]) -> None:
    """Write rows as CSV; a row of a label and floats (every row of a numeric block)
    is one string join of ``repr`` texts (the shortest that reads back to the same
    double), about twice as fast as ``pandas.DataFrame.to_csv`` of the same block."""
    w = csv.writer(fh, lineterminator="\n")
    rep = float.__repr__
    for row in rows:
        if len(row) > 1 and isinstance(row[0], str) and all(type(v) is float for v in row[1:]):
            fh.write(_quoted(_text(row[0])) + "," + ",".join(map(rep, row[1:])) + "\n")
        else:
            w.writerow([_text(v) for v in row])


def write_csv_folder(table: IOTable, path: str | Path, *, force: bool = False) -> Path:
    """Write ``table`` as a canonical CSV folder at ``path``, atomically.

    The folder is written beside the target under a temporary name and swapped into
    place (:func:`~iocluster.io.atomic.atomic_folder`): without ``force`` a folder that is
    not empty is refused; with it, only the files iocluster wrote there are replaced.

    >>> import tempfile, pathlib
    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mb"
    >>> _ = write_csv_folder(miller_blair_2_3(), p)
    >>> sorted(f.name for f in p.iterdir())[:3]  # the first: the list of files written
    ['.iocluster-outputs', 'README.txt', 'accounts.csv']
    """
    target = Path(path)
    blocks = table_blocks(table)
    with atomic_folder(target, force=force) as tmp:  # one swap: never a mix of two writers
        for name, rows in blocks.items():
            with open(tmp / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
                _write_rows(fh, rows)
        (tmp / META_FILE).write_text(
            json.dumps(meta_to_dict(table), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (tmp / "README.txt").write_text(README, encoding="utf-8")
    return target


def read_csv_folder(path: str | Path, *, mapping: Mapping[str, str] | None = None) -> IOTable:
    """Read a canonical CSV folder (or the Uzbekistan layout, which is the same)."""
    folder = Path(path)
    if not is_csv_folder(folder):
        raise TableFormatError(
            Message(
                "io.folder.not_table",
                main="intermediate_use.csv",
                others=["sectors.csv", "final_demand.csv", "value_added.csv", "supply.csv"],
            ),
            Location(folder),
        )
    grids = {}
    for block in (*BLOCKS, ACCOUNTS, "employment"):
        f = folder / f"{block}.csv"
        if f.is_file():
            grids[block] = load_csv(f, delimiter=",", numeric=block in NUMERIC_BLOCKS)
    meta: dict[str, Any] = {}
    mf = folder / META_FILE
    if mf.is_file():
        try:
            meta = json.loads(mf.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise TableFormatError(
                Message("io.json.invalid", detail=exc.msg, line=str(exc.lineno)),
                Location(mf),
            ) from exc
        if not isinstance(meta, dict):
            raise TableFormatError(Message("io.json.not_object"), Location(mf))
    return assemble(grids, meta, mapping=mapping)
