"""Options and helpers shared by the commands: table loading, output options."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iocluster.reports.export import Frames, write_frames
from iocluster.table import IOTable

__all__ = ["ForceOpt", "FormatOpt", "OutFormat", "OutputOpt", "TableArg", "emit", "load_table"]


class OutFormat(StrEnum):
    """Output formats of table-producing commands."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


TableArg = Annotated[
    Path,
    typer.Argument(help="Table file (.xlsx, .csv) or a folder of CSV files.", show_default=False),
]
FormatOpt = Annotated[
    OutFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this path instead of stdout.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing output.")]


def load_table(path: Path) -> IOTable:
    """Read any table the readers understand (workbook, CSV, CSV folder)."""
    from iocluster.io import read_table

    return read_table(path)


def emit(frames: Frames, fmt: OutFormat, output: Path | None, force: bool) -> None:
    """Write result frames as the user asked (stdout, or atomically to ``output``)."""
    write_frames(frames, fmt.value, output, force=force)
