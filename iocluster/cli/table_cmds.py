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
    """The ``info`` command (its help: ``help.info``)."""
    import pandas as pd

    from iocluster.analysis.describe import table_summary

    rows = table_summary(load_table(table))
    df = pd.DataFrame({"value": list(rows.values())}, index=pd.Index(list(rows), name="item"))
    emit(df, fmt, output, force)


@command()
def leontief(
    table: TableArg,
    matrix: Annotated[
        Matrix, typer.Option("--matrix", "-m", help="help.leontief.matrix")
    ] = Matrix.L,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``leontief`` command (its help: ``help.leontief``)."""
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
    """The ``validate`` command (its help: ``help.validate``)."""
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
    output: Annotated[Path, typer.Argument(help="help.template.output")],
    force: ForceOpt = False,
) -> None:
    """The ``template`` command (its help: ``help.template``)."""
    from iocluster.io import write_template

    write_template(output, force=force)
    say_wrote(output)


@command()
def convert(
    source: Annotated[Path, typer.Argument(help="help.convert.source")],
    target: Annotated[Path, typer.Argument(help="help.convert.target")],
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--from",
            help="help.convert.layout",
        ),
    ] = None,
    country: Annotated[str | None, typer.Option(help="help.convert.country")] = None,
    make: Annotated[Path | None, typer.Option(help="help.convert.make")] = None,
    technology: Annotated[Technology, typer.Option(help="help.convert.technology")] = "industry",
    basis: Annotated[Basis | None, typer.Option(help="help.convert.basis")] = None,
    rtol: Annotated[
        float,
        typer.Option(
            help="help.convert.rtol",
            min=0.0,
        ),
    ] = 1e-6,
    currency: Annotated[str | None, typer.Option(help="help.convert.currency")] = None,
    scale: Annotated[str | None, typer.Option(help="help.convert.scale")] = None,
    title: Annotated[str | None, typer.Option(help="help.convert.title")] = None,
    year: Annotated[int | None, typer.Option(help="help.convert.year")] = None,
    region: Annotated[str | None, typer.Option(help="help.convert.region")] = None,
    source_note: Annotated[
        str | None, typer.Option("--source", help="help.convert.source_note")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """The ``convert`` command (its help: ``help.convert``)."""
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
