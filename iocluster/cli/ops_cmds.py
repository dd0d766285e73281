"""Table operations: ``update`` (RAS/GRAS), ``aggregate``, ``import-format``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
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
)
from iocluster.errors import InputError, LabelError, Location
from iocluster.io.atomic import check_writable
from iocluster.table import IOTable

__all__ = ["aggregate_cmd", "import_format", "update"]

SaveOpt = Annotated[
    Path | None,
    typer.Option("--save", help="Also write the new table (canonical .xlsx or CSV folder)."),
]


class Method(StrEnum):
    """Balancing method."""

    auto = "auto"
    ras = "ras"
    gras = "gras"


class Layout(StrEnum):
    """Published layouts ``import-format`` reads."""

    icio = "icio"
    wiod = "wiod"
    bea = "bea"
    sut = "sut"


class Tech(StrEnum):
    """Technology assumption."""

    industry = "industry"
    product = "product"


def _vector(path: Path, table: IOTable, what: str) -> np.ndarray:
    """A ``code,value`` CSV as a vector in table order (every sector exactly once)."""
    from iocluster.io.cells import cell_text
    from iocluster.io.frames import numbers, read_frame

    df = read_frame(path)
    if df.shape[1] < 2:
        raise InputError(f"expected two columns 'code,value' for the {what}", Location(path))
    vals = numbers(df.iloc[:, [1]], blank=None)[:, 0]
    codes = [cell_text(v).strip() for v in df.iloc[:, 0]]
    if "" in codes:
        row = df.index[codes.index("")]
        raise InputError(f"row {row}: expected a sector code for the {what}", Location(path))
    try:
        idx = table.sector_index(codes)
    except LabelError as exc:
        raise LabelError(exc.message, Location(path)) from None
    seen: set[int] = set()
    for i in idx:
        if i in seen:
            raise InputError(
                f"sector '{table.codes[i]}' appears twice in the {what}", Location(path)
            )
        seen.add(i)
    missing = sorted(set(range(table.n)) - set(idx))
    if missing:
        raise InputError(f"no {what} for sector '{table.codes[missing[0]]}'", Location(path))
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
    if output is not None:
        check_writable(output, force=force)
    if save is not None:
        from iocluster.io import write_table

        write_table(t, save, force=force)
        typer.echo(f"wrote {save} ({t.n} sectors)", err=True)
    emit(frames, fmt, output, force)


@command("update")
def update(
    table: TableArg,
    rows: Annotated[Path, typer.Option("--rows", help="CSV code,value: new Z row sums u.")],
    columns: Annotated[
        Path, typer.Option("--columns", help="CSV code,value: new Z column sums v.")
    ],
    totals: Annotated[
        Path | None, typer.Option("--totals", help="CSV code,value: new output x.")
    ] = None,
    method: Annotated[Method, typer.Option(help="Balancing method.")] = Method.auto,
    tol: Annotated[float, typer.Option(help="Relative margin tolerance.")] = 1e-12,
    max_iter: Annotated[int, typer.Option(help="Iteration cap.")] = 10_000,
    save: SaveOpt = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Update a table's intermediate flows to new row and column totals (RAS / GRAS)."""
    from iocluster.ras import update_table

    t = load_table(table)
    u, v = _vector(rows, t, "row totals"), _vector(columns, t, "column totals")
    x = None if totals is None else _vector(totals, t, "output")
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
    concordance: Annotated[Path, typer.Argument(help="CSV/xlsx: code,group or a weights matrix.")],
    fd: Annotated[
        Path | None, typer.Option("--fd", help="Concordance of final-demand categories.")
    ] = None,
    save: SaveOpt = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Aggregate (or split) sectors with a concordance, keeping every identity."""
    from iocluster.aggregate import aggregate, read_concordance

    t = load_table(table)
    new = aggregate(t, read_concordance(concordance), None if fd is None else read_concordance(fd))
    _save_and_emit(new, _frames(new), save, fmt, output, force)


@command("import-format")
def import_format(
    source: Annotated[Path, typer.Argument(help="ICIO/WIOD/SUT file, or the BEA use table.")],
    target: Annotated[Path, typer.Argument(help="Canonical workbook (.xlsx) or CSV folder.")],
    layout: Annotated[Layout, typer.Option("--from", help="Layout of SOURCE.")],
    country: Annotated[str | None, typer.Option(help="Country (ICIO; WIOD world table).")] = None,
    year: Annotated[int | None, typer.Option(help="Year (WIOD; BEA sheet).")] = None,
    make: Annotated[Path | None, typer.Option(help="BEA make table.")] = None,
    technology: Annotated[Tech, typer.Option(help="SUT/BEA technology.")] = Tech.industry,
    basis: Annotated[Tech | None, typer.Option(help="product or industry table.")] = None,
    rtol: Annotated[
        float,
        typer.Option(
            help="Tolerance of the balance checks, relative to output (1e-4 for tables "
            "rounded to the printed unit).",
            min=0.0,
        ),
    ] = 1e-6,
    force: ForceOpt = False,
) -> None:
    """Read a published layout (ICIO, WIOD NIOT/WIOT, BEA, supply-use); write it canonically."""
    from iocluster.io import formats as f
    from iocluster.io import write_table

    if layout is Layout.icio:
        if not country:
            raise InputError("--country is needed for an ICIO table (e.g. --country AUS)")
        t = f.read_icio(source, country, rtol=rtol)
    elif layout is Layout.wiod:
        t = f.read_wiod(source, year=year, country=country, rtol=rtol)
    elif layout is Layout.bea:
        if make is None:
            raise InputError("--make is needed for BEA tables (the make table file)")
        b = (basis or Tech.industry).value
        t = f.read_bea(source, make, sheet=None if year is None else str(year),
                       technology=technology.value, basis=b, rtol=rtol)  # type: ignore[arg-type]  # fmt: skip
    else:
        b = (basis or Tech.product).value
        t = f.read_sut(source, technology=technology.value, basis=b, rtol=rtol)  # type: ignore[arg-type]
    write_table(t, target, force=force)
    typer.echo(f"wrote {target} ({t.n} sectors)")
