"""Options and helpers shared by the commands: every option that more than one command
takes is declared here once (type, flag, help), so a new option or help text is written
in one place; choice sets come from the library's own ``Literal`` types."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iocluster.model.closure import ClosureChoice
from iocluster.reports.export import Frames, write_frames
from iocluster.reports.i18n import Lang
from iocluster.table import IOTable

__all__ = [
    "ClosureOpt",
    "ClustersOpt",
    "DrawsOpt",
    "ForceOpt",
    "FormatOpt",
    "LangOpt",
    "OutFormat",
    "OutputDirOpt",
    "OutputOpt",
    "ScenarioOpt",
    "SeedOpt",
    "TableArg",
    "emit",
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
ClustersOpt = Annotated[
    Path | None,
    typer.Option(
        "--clusters",
        help="Clusters file: TOML [clusters] name = [codes] or CSV code,cluster "
        "(codes or prefixes such as C13*).",
    ),
]
ScenarioOpt = Annotated[
    Path | None, typer.Option("--scenario", "-s", help="Scenario file (.toml or .xlsx).")
]
DrawsOpt = Annotated[
    int | None,
    typer.Option("--draws", min=0, help="Monte Carlo draws (for parameters given as ranges)."),
]
SeedOpt = Annotated[int | None, typer.Option("--seed", min=0, help="Random seed (reproducible).")]
ClosureOpt = Annotated[
    ClosureChoice,
    typer.Option(
        "--closure",
        help="Type II closure: the household income row (compensation or value_added); "
        "none: the open model only, no induced effects.",
        case_sensitive=False,
    ),
]
OutputDirOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Folder for the files it writes (workbooks, figures)."),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", help="Report language: en, ru or uz (Latin).", case_sensitive=False),
]


def load_table(path: Path) -> IOTable:
    """Read any table the readers understand (workbook, CSV, CSV folder), within the
    sector budget (``IOCLUSTER_MAX_SECTORS``: estimated before reading, exact after)."""
    from iocluster.io import read_table
    from iocluster.io.magnitude import check_magnitudes
    from iocluster.io.presize import check_sectors, check_table_size

    check_table_size(path)
    t = read_table(path)
    check_sectors(t.n, path)
    check_magnitudes(t, path)  # a cell of 1e300 is named, never turned into inf/NaN
    return t


def emit(frames: Frames, fmt: OutFormat, output: Path | None, force: bool) -> None:
    """Write result frames as the user asked (stdout, or atomically to ``output``)."""
    write_frames(frames, fmt.value, output, force=force)
