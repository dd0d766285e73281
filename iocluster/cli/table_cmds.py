"""Commands on one table: info, validate, template, convert, leontief."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    DEFAULT_TOP,
    AllOpt,
    ForceOpt,
    FormatOpt,
    OutFormat,
    OutputOpt,
    TableArg,
    TopOpt,
    emit,
    info_for,
    load_table,
    rows_shown,
    said,
    say_wrote,
)
from iocluster.core.choices import Basis, Layout, Technology
from iocluster.core.messages import Message


class Matrix(StrEnum):
    """Matrices ``iocluster leontief`` exports."""

    A = "A"
    L = "L"
    B = "B"
    G = "G"


@command()
def info(
    table: TableArg,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Describe a table: size, units, blocks, totals and provenance."""
    import pandas as pd

    from iocluster.analysis.describe import table_summary

    rows = table_summary(load_table(table))
    df = pd.DataFrame({"value": list(rows.values())}, index=pd.Index(list(rows), name="item"))
    emit(df, fmt, output, force)


@command()
def leontief(
    table: TableArg,
    matrix: Annotated[
        Matrix, typer.Option("--matrix", "-m", help="A, L (Leontief inverse), B or G (Ghosh).")
    ] = Matrix.L,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export A, the Leontief inverse L, Ghosh B or its inverse G, labelled by sector code."""
    import pandas as pd

    from iocluster.core.engine import as_dense
    from iocluster.model.leontief import ghosh_inverse, leontief_inverse

    t = load_table(table)
    arr = {
        Matrix.A: lambda: as_dense(t.A),
        Matrix.L: lambda: leontief_inverse(t),
        Matrix.B: lambda: t.B,
        Matrix.G: lambda: ghosh_inverse(t),
    }[matrix]()
    idx = pd.Index(t.codes, name="code")
    df = pd.DataFrame(arr, index=idx, columns=list(t.codes))
    title = t.meta.title
    df.attrs["title"] = (
        Message("title.matrix", matrix=matrix.value, title=title) if title else matrix.value
    )
    emit(df, fmt, output, force, top=rows_shown(top, show_all), info=info_for(t, table),
         name=matrix.value)  # fmt: skip


@command()
def validate(
    table: TableArg,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Check identities, signs, units and productiveness: PASS / WARN / FAIL; exit 1 on FAIL."""
    from iocluster.analysis.validate import validate_table

    report = validate_table(load_table(table))
    df = report.to_frame()
    df.attrs["title"] = Message("title.validation", name=table.name)
    if fmt == OutFormat.table:  # name, status and detail in one table (the detail has the numbers)
        df = df[["status", "detail"]]
    emit(df, fmt, output, force)
    if not report.ok:
        failed = ", ".join(c.name for c in report.checks if c.status == "FAIL")
        line = said("cli.validation_failed", name=table.name, checks=failed)
        typer.echo(f"{said('cli.error')} {line}", err=True)
        raise typer.Exit(code=1)


@command()
def template(
    output: Annotated[Path, typer.Argument(help="Where to write the empty workbook (.xlsx).")],
    force: ForceOpt = False,
) -> None:
    """Write an empty, documented canonical workbook to fill in."""
    from iocluster.io import write_template

    write_template(output, force=force)
    say_wrote(output)


@command()
def convert(
    source: Annotated[
        Path, typer.Argument(help="The table (file or CSV folder); with --bea, the use table.")
    ],
    target: Annotated[Path, typer.Argument(help="Canonical workbook (.xlsx) or CSV folder.")],
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--from",
            help="Layout of SOURCE when it is not a canonical or published-sheet table: "
            "OECD ICIO, WIOD (national or world table), BEA make/use, supply-use.",
        ),
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country (ICIO; WIOD world table).")] = None,
    make: Annotated[Path | None, typer.Option(help="BEA make table.")] = None,
    technology: Annotated[
        Technology, typer.Option(help="Supply-use/BEA technology assumption.")
    ] = "industry",
    basis: Annotated[Basis | None, typer.Option(help="Product or industry table.")] = None,
    rtol: Annotated[
        float,
        typer.Option(
            help="Tolerance of the balance checks of --from layouts, relative to output "
            "(1e-4 for tables rounded to the printed unit).",
            min=0.0,
        ),
    ] = 1e-6,
    currency: Annotated[str | None, typer.Option(help="Currency, e.g. UZS.")] = None,
    scale: Annotated[str | None, typer.Option(help="Scale, e.g. million.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the table.")] = None,
    year: Annotated[
        int | None, typer.Option(help="Reference year (also picks the year in WIOD/BEA files).")
    ] = None,
    region: Annotated[str | None, typer.Option(help="Country or region.")] = None,
    source_note: Annotated[str | None, typer.Option("--source", help="Provenance.")] = None,
    force: ForceOpt = False,
) -> None:
    """Read a table in any supported layout and write it in the canonical format.

    Metadata options (currency, scale, ...) are written into the output, so every later
    command reports results in the right unit.
    """
    from iocluster.io import check_table_target, write_table

    if layout is None:
        layout_only = {"--country": country, "--make": make, "--basis": basis}
        stray = [k for k, v in layout_only.items() if v is not None]
        stray += ["--technology"] if technology != "industry" else []
        stray += ["--rtol"] if rtol != 1e-6 else []
        if stray:
            raise typer.BadParameter(f"{', '.join(stray)}: only with --from icio|wiod|bea|sut")
    check_table_target(target, force=force)
    if layout is None:
        t = load_table(source)
    else:
        from iocluster.io.formats import read_layout

        t = read_layout(
            source,
            layout,
            country=country,
            year=year,
            make=make,
            technology=technology,
            basis=basis,
            rtol=rtol,
        )
        from iocluster.io.magnitude import check_magnitudes
        from iocluster.io.presize import check_sectors

        check_sectors(t.n, source)
        check_magnitudes(t, source)
    given = {
        "currency": currency,
        "scale": scale,
        "title": title,
        "year": year,
        "region": region,
        "source": source_note,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if changes:
        t = t.with_meta(**changes)
    write_table(t, target, force=force)
    say_wrote(target, Message("count.sectors", n=t.n))
