"""Options and helpers shared by the commands: table loading, output options."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iocluster.reports.export import Frames, write_frames
from iocluster.table import IOTable

__all__ = [
    "ForceOpt",
    "FormatOpt",
    "OutFormat",
    "OutputOpt",
    "TableArg",
    "emit",
    "emit_results",
    "load_result_table",
    "load_table",
]


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


def load_result_table(path: Path) -> IOTable:
    """:func:`load_table` for commands whose results are money amounts (``shock``,
    ``analyze``, ``multipliers``, ``chains``): warns once when the table states no unit."""
    from iocluster.reports.units_display import warn_if_no_unit

    t = load_table(path)
    warn_if_no_unit(t, path.name)
    return t


def emit_results(
    frames: Frames,
    table: IOTable,
    fmt: OutFormat,
    output: Path | None,
    force: bool,
    persons: tuple[str, ...] = (),
) -> None:
    """:func:`emit` after :func:`~iocluster.reports.units_display.display_units`: jobs in
    whole persons (JSON keeps exact numbers) and captions that name persons and shares."""
    from iocluster.reports.units_display import display_units

    write_frames(
        display_units(frames, table, exact=fmt == OutFormat.json, persons=persons),
        fmt.value,
        output,
        force=force,
    )
