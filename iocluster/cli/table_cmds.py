"""Commands on one table: info, leontief (validate, template, convert, analyze follow)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

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
from iocluster.engine import is_productive


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
    t = load_table(table)
    rows = {
        "title": t.meta.title,
        "year": "" if t.meta.year is None else str(t.meta.year),
        "region": t.meta.region,
        "unit": t.meta.unit,
        "source": t.meta.source,
        "sectors": str(t.n),
        "table kind": f"{t.kind} use",
        "final-demand categories": ", ".join(
            f"{n} ({r})" for n, r in zip(t.fd_names, t.fd_roles, strict=True)
        ),
        "primary inputs": ", ".join(
            f"{n} ({r})" for n, r in zip(t.va_names, t.va_roles, strict=True)
        ),
        "satellite rows": ", ".join(
            f"{n} [{u}]" for n, u in zip(t.satellite_names, t.satellite_units, strict=True)
        ),
        "total output": f"{t.x.sum():,.6g}",
        "total value added": f"{t.value_added.sum():,.6g}",
        "imports": "" if t.m is None else f"{t.m.sum():,.6g}",
        "productive": str(is_productive(t.leontief)),
        "illustrative": str(t.meta.illustrative),
    }
    df = pd.DataFrame({"value": list(rows.values())}, index=pd.Index(list(rows), name="item"))
    emit(df, fmt, output, force)


@command()
def leontief(
    table: TableArg,
    matrix: Annotated[
        Matrix, typer.Option("--matrix", "-m", help="A, L (Leontief inverse), B or G (Ghosh).")
    ] = Matrix.L,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export A, the Leontief inverse L, Ghosh B or its inverse G, labelled by sector code."""
    from iocluster.leontief import ghosh_inverse, leontief_inverse

    t = load_table(table)
    arr = {
        Matrix.A: lambda: t.A,
        Matrix.L: lambda: leontief_inverse(t),
        Matrix.B: lambda: t.B,
        Matrix.G: lambda: ghosh_inverse(t),
    }[matrix]()
    idx = pd.Index(t.codes, name="code")
    df = pd.DataFrame(arr, index=idx, columns=list(t.codes))
    df.attrs["title"] = f"{matrix.value} ({t.meta.title})" if t.meta.title else matrix.value
    emit(df, fmt, output, force)
