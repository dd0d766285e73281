"""Table operations: ``update`` (RAS/GRAS) and ``aggregate``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    ForceOpt,
    FormatOpt,
    OutFormat,
    OutputOpt,
    TableArg,
    emit,
    load_table,
    say_wrote,
)
from iocluster.core.messages import Message
from iocluster.errors import InputError, LabelError, Location

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from iocluster.table import IOTable


__all__ = ["aggregate_cmd", "update"]

SaveOpt = Annotated[
    Path | None,
    typer.Option("--save", help="help.opt.save"),
]


class Method(StrEnum):
    """Balancing method."""

    auto = "auto"
    ras = "ras"
    gras = "gras"


def _vector(path: Path, table: IOTable, what: Message) -> np.ndarray:
    """A ``code,value`` CSV as a vector in table order (every sector exactly once)."""
    import numpy as np

    from iocluster.io.cells import cell_text
    from iocluster.io.frames import numbers, read_frame

    df = read_frame(path)
    if df.shape[1] < 2:
        raise InputError(
            Message("cli.vector.two_columns", columns="'code,value'", what=what), Location(path)
        )
    vals = numbers(df.iloc[:, [1]], blank=None)[:, 0]
    codes = [cell_text(v).strip() for v in df.iloc[:, 0]]
    if "" in codes:
        row = df.index[codes.index("")]
        raise InputError(Message("cli.vector.no_code", row=str(row), what=what), Location(path))
    try:
        idx = table.sector_index(codes)
    except LabelError as exc:
        raise LabelError(exc.message, Location(path)) from None
    seen: set[int] = set()
    for i in idx:
        if i in seen:
            raise InputError(
                Message("cli.vector.twice", sector=table.codes[i], what=what), Location(path)
            )
        seen.add(i)
    missing = sorted(set(range(table.n)) - set(idx))
    if missing:
        raise InputError(
            Message("cli.vector.missing", sector=table.codes[missing[0]], what=what), Location(path)
        )
    out = np.zeros(table.n)
    out[idx] = vals
    return out


def _frames(t: IOTable) -> dict[str, pd.DataFrame]:
    frames = {"Z": t.frame("Z"), "Y": t.frame("Y"), "V": t.frame("V"), "supply": t.frame("supply")}
    for df in frames.values():
        df.attrs["unit"] = t.meta.unit
    return frames


def _save_and_emit(
    t: IOTable,
    frames: dict[str, pd.DataFrame],
    save: Path | None,
    fmt: OutFormat,
    output: Path | None,
    force: bool,
) -> None:
    """Write the new table (``--save``) and the frames; an output that may not be
    overwritten is refused before anything is written."""
    from iocluster.io import check_table_target, write_table
    from iocluster.io.atomic import check_writable

    if output is not None:
        check_writable(output, force=force)
    if save is not None:
        check_table_target(save, force=force)
        write_table(t, save, force=force)
        say_wrote(save, Message("count.sectors", n=t.n), err=output is None)
    emit(frames, fmt, output, force)


@command("update")
def update(
    table: TableArg,
    rows: Annotated[Path, typer.Option("--rows", help="help.update.rows")],
    columns: Annotated[Path, typer.Option("--columns", help="help.update.columns")],
    totals: Annotated[Path | None, typer.Option("--totals", help="help.update.totals")] = None,
    method: Annotated[Method, typer.Option(help="help.update.method")] = Method.auto,
    tol: Annotated[float, typer.Option(help="help.update.tol")] = 1e-12,
    max_iter: Annotated[int, typer.Option(help="help.update.max_iter")] = 10_000,
    save: SaveOpt = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``update`` command (its help: ``help.update``)."""
    import pandas as pd

    from iocluster.operations.ras import update_table

    t = load_table(table)
    u = _vector(rows, t, Message("cli.vector.row_totals"))
    v = _vector(columns, t, Message("cli.vector.column_totals"))
    x = None if totals is None else _vector(totals, t, Message("cli.vector.output"))
    new, res = update_table(t, u, v, output=x, method=method.value, tol=tol, max_iter=max_iter)
    frames = _frames(new)
    frames["convergence"] = pd.DataFrame(
        {"value": [res.method, res.iterations, res.max_error]},
        index=pd.Index(["method", "iterations", "max_margin_error"], name="item"),
    )
    _save_and_emit(new, frames, save, fmt, output, force)


@command("aggregate")
def aggregate_cmd(
    table: TableArg,
    concordance: Annotated[Path, typer.Argument(help="help.aggregate.concordance")],
    fd: Annotated[Path | None, typer.Option("--fd", help="help.aggregate.fd")] = None,
    save: SaveOpt = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``aggregate`` command (its help: ``help.aggregate``)."""
    from iocluster.io.concordance import read_concordance
    from iocluster.operations.aggregate import aggregate

    t = load_table(table)
    new = aggregate(t, read_concordance(concordance), None if fd is None else read_concordance(fd))
    _save_and_emit(new, _frames(new), save, fmt, output, force)
