"""Options and helpers shared by the commands: every option that more than one command
takes is declared here once (type, flag, help), so a new option or help text is written
in one place; choice sets come from the library's ``Literal`` types
(:mod:`iocluster.core.choices`). The library itself is imported inside the commands, so
``iocluster --help`` does not load numpy, pandas or scipy."""

from __future__ import annotations

from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iocluster.core.choices import ClosureChoice, ColumnBasis, Lang
from iocluster.core.messages import Message, check_lang

if TYPE_CHECKING:  # the library is imported when a command runs, not for --help
    from iocluster.errors import IOClusterError, Text
    from iocluster.model.closure import Closure
    from iocluster.model.provenance import InputFile, RunInfo
    from iocluster.reports.export import Frames
    from iocluster.scenarios.spec import ScenarioFile
    from iocluster.table import IOTable

__all__ = [
    "CURRENT_LANG",
    "DEFAULT_TOP",
    "AllOpt",
    "ClosureColumnOpt",
    "ClosureOpt",
    "ClustersOpt",
    "DrawsOpt",
    "ExporterOpt",
    "ForceOpt",
    "FormatOpt",
    "IncludeFlaggedOpt",
    "JobsOpt",
    "LangOpt",
    "NamesOpt",
    "OutFormat",
    "OutputDirOpt",
    "OutputOpt",
    "RegionsOpt",
    "ScenarioOpt",
    "SeedOpt",
    "ServicesOpt",
    "TableArg",
    "TopOpt",
    "check_lang",
    "closure_for",
    "command_line",
    "emit",
    "emit_results",
    "error_text",
    "in_language",
    "info_for",
    "input_files",
    "jobs_or_all",
    "load_result_table",
    "load_table",
    "read_scenario_file",
    "rows_shown",
    "said",
    "say_wrote",
]


class OutFormat(StrEnum):
    """Output formats of table-producing commands."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


TableArg = Annotated[
    Path,
    typer.Argument(help="help.opt.table", show_default=False),
]
FormatOpt = Annotated[
    OutFormat, typer.Option("--format", "-f", help="help.opt.format", case_sensitive=False)
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="help.opt.output")]
ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]
ClustersOpt = Annotated[
    Path | None,
    typer.Option(
        "--clusters",
        help="help.opt.clusters",
    ),
]
ScenarioOpt = Annotated[Path | None, typer.Option("--scenario", "-s", help="help.opt.scenario")]
ServicesOpt = Annotated[
    str | None,
    typer.Option(
        "--services",
        help="help.opt.services",
    ),
]
ExporterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exporter",
        help="help.opt.exporter",
    ),
]
DrawsOpt = Annotated[
    int | None,
    typer.Option("--draws", min=0, help="help.opt.draws"),
]
MaxDrawsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-draws",
        min=0,
        help="help.opt.max_draws",
    ),
]
SeedOpt = Annotated[int | None, typer.Option("--seed", min=0, help="help.opt.seed")]
ClosureOpt = Annotated[
    ClosureChoice,
    typer.Option(
        "--closure",
        help="help.opt.closure",
        case_sensitive=False,
    ),
]
ClosureColumnOpt = Annotated[
    ColumnBasis,
    typer.Option(
        "--closure-column",
        help="help.opt.closure_column",
        case_sensitive=False,
    ),
]
OutputDirOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="help.opt.output_dir"),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="help.opt.jobs",
    ),
]
#: Rows a terminal table shows by default (``--top``); ``--all`` shows every row.
DEFAULT_TOP = 20
TopOpt = Annotated[
    int,
    typer.Option("--top", min=1, help="help.opt.top"),
]
AllOpt = Annotated[bool, typer.Option("--all", help="help.opt.all")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="help.opt.scheduler",
    ),
]
NamesOpt = Annotated[
    Path | None,
    typer.Option(
        "--names",
        help="help.opt.names",
        metavar="FILE",
    ),
]
RegionsOpt = Annotated[
    Path | None,
    typer.Option(
        "--regions",
        help="help.opt.regions",
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="IOCLUSTER_LANG",
        help="help.opt.lang",
        case_sensitive=False,
    ),
]
#: The language of the running command (set by :func:`iocluster.cli.app.command`).
CURRENT_LANG: ContextVar[str] = ContextVar("iocluster_lang", default="en")


def in_language(text: object) -> str:
    """A library message (a keyed :class:`~iocluster.core.messages.Message`) in the
    running command's language; plain text as it is."""
    from iocluster.reports.messages import message

    return message(text, CURRENT_LANG.get())


def error_text(exc: IOClusterError) -> str:
    """An error in the running command's language: where it is (file, sheet, cell), then
    what is wrong (:func:`iocluster.reports.messages.error_text`, which the lab uses too)."""
    from iocluster.reports.messages import error_text as in_lang

    return in_lang(exc, CURRENT_LANG.get())


def said(key: str, **params: object) -> str:
    """A terminal word or line of the command line in the running command's language
    (the ``cli`` catalogue: ``wrote``, ``error:``, ``warning:``)."""
    from iocluster.core.messages import Message, render

    return render(Message(key, params), CURRENT_LANG.get())


IncludeFlaggedOpt = Annotated[
    bool,
    typer.Option(
        "--include-flagged",
        help="help.opt.include_flagged",
    ),
]


def closure_for(
    table: IOTable,
    income: ClosureChoice = "compensation",
    column: ColumnBasis = "consumption",
    corner: bool | float = False,
) -> Closure | None:
    """The Type II closure a command runs: ``None`` for ``--closure none``, or when
    ``table`` cannot be closed (then with one warning saying how to obtain the Type II
    results, :func:`iocluster.model.closure.usable_closure`)."""
    from iocluster.model.closure import chosen_closure

    return chosen_closure(table, income, column, corner)


def command_line() -> str:
    """The running command as a shell line (quoted), for the results' provenance: its
    name, its arguments and every option given on the command line (or by an environment
    variable), as parsed (the same whether typed or invoked from a test or a notebook);
    the settings it resolved to are recorded beside it (:class:`RunInfo`)."""
    import shlex

    try:  # typer carries its own copy of click (0.2x)
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - a typer on click itself
        from click import get_current_context  # type: ignore[no-redef]

    ctx = get_current_context(silent=True)
    if ctx is None:
        return ""
    parts = ctx.command_path.split()
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        source = ctx.get_parameter_source(param.name or "")
        if value is None or getattr(source, "name", "") not in ("COMMANDLINE", "ENVIRONMENT"):
            continue
        if param.param_type_name == "argument":
            parts.append(str(value))
            continue
        flag = max(param.opts, key=len)
        if isinstance(value, bool):  # --figures / --no-figures
            off = list(getattr(param, "secondary_opts", ())) or [flag]
            parts.append(flag if value else off[0])
        else:
            parts += [flag, str(getattr(value, "value", value))]
    return " ".join(shlex.quote(p) for p in parts)


def input_files(**paths: Path | None) -> list[InputFile]:
    """The files a command read, by role (``table=``, ``clusters=``, ``names=``,
    ``regional_data=``, ``regions=``), with their checksums and, where a file says so, why
    it is illustrative (:mod:`iocluster.io.illustrative`)."""
    from iocluster.io.illustrative import file_reason
    from iocluster.model.provenance import InputFile

    out = []
    for role, p in paths.items():
        if p is not None:
            reason = "" if role == "table" or p.is_dir() else file_reason(p)
            out.append(InputFile.of(role.replace("_", " "), p, reason))
    return out


def info_for(
    table: IOTable, path: Path, closure: Closure | None = None, **files: Path | None
) -> RunInfo:
    """What produced a command's results: the table read from ``path``, the closure as
    resolved (``None``: the open model), the other input ``files`` and the command line."""
    from iocluster.model.provenance import run_info

    inputs = input_files(table=path, **files)
    return run_info(table, closure, inputs=inputs, command=command_line())


def jobs_or_all(jobs: int | None) -> int:
    """``--jobs``, or every core this process may use when it is not given (the Monte
    Carlo caps any number at the cores and at its units of work)."""
    from iocluster.core.budget import usable_cores

    return jobs or usable_cores()


def load_table(path: Path) -> IOTable:
    """Read any table the readers understand, with every check of an untrusted file
    (:func:`iocluster.io.checked.read_checked_table`)."""
    from iocluster.io.checked import read_checked_table

    return read_checked_table(path)


def read_scenario_file(path: Path, table: IOTable, *, max_draws: int | None = None) -> ScenarioFile:
    """Read a scenario file against ``table``; the files it names (its tax file, its
    bridge file) are inputs of the command from then on: an output at one of them is
    refused before anything is written (:func:`iocluster.cli.paths.check_inputs`)."""
    from iocluster.cli.paths import check_inputs
    from iocluster.scenarios.run import read_scenarios, referenced_paths

    sf = read_scenarios(path, table, max_draws=max_draws)
    check_inputs(referenced_paths(sf))
    return sf


def rows_shown(top: int, show_all: bool) -> int | None:
    """Rows of a terminal table: ``--top N``, or every row (``None``) with ``--all``."""
    return None if show_all else top


def say_wrote(path: Path, what: str | Text = "", *, err: bool = False) -> None:
    """The line every command prints for each file or folder it writes (on stderr with
    ``err``, when stdout carries the command's table); ``what`` in the command's
    language."""
    shown = in_language(what)
    typer.echo(f"{said('cli.wrote')} {path}{f' ({shown})' if shown else ''}", err=err)


def _said(frames: Frames, fmt: OutFormat, output: Path | None) -> None:
    if output is None:
        return
    if fmt == OutFormat.csv and not hasattr(frames, "columns") and output.suffix != ".csv":
        say_wrote(output, Message("cli.wrote.csv_files", n=len(frames)))
    else:
        say_wrote(output)


def emit(
    frames: Frames,
    fmt: OutFormat,
    output: Path | None,
    force: bool,
    *,
    top: int | None = None,
    prefer: tuple[str, ...] = (),
    info: RunInfo | None = None,
    name: str = "result",
) -> None:
    """Write result frames as the user asked (stdout, or atomically to ``output``, then
    ``wrote PATH``); a terminal table shows at most ``top`` rows (``None``: all). ``info``
    (what produced them) goes into JSON, CSV descriptors and workbooks; ``name`` names a
    single frame there. Everything is in the running command's language (headers and
    categorical values only where a person reads them: the terminal table and the
    workbook; CSV and JSON keep the codes)."""
    from iocluster.reports.export import descriptor_path, write_frames

    write_frames(
        frames,
        fmt.value,
        output,
        force=force,
        top=top,
        prefer=prefer,
        info=info,
        name=name,
        lang=CURRENT_LANG.get(),
    )
    _said(frames, fmt, output)
    if info is not None and fmt == OutFormat.csv and output is not None:
        if output.suffix.lower() == ".csv":
            say_wrote(descriptor_path(output))


def load_result_table(path: Path, lang: str = "en") -> IOTable:
    """:func:`load_table` for commands whose results are money amounts (``shock``,
    ``analyze``, ``multipliers``, ``chains``): warns once when the table states no unit;
    for a report in ``lang``, an interregional table's sector names name their region in
    that language, and Uzbek Latin names read in Cyrillic in an ``uz-Cyrl`` one."""
    from iocluster.io.names import names_in_language
    from iocluster.reports.units import warn_if_no_unit

    t = load_table(path)
    warn_if_no_unit(t, path.name)
    if lang != "en":
        from iocluster.regional.interregional.analysis import region_names_in_sector_names

        t = region_names_in_sector_names(t, lang)
    return names_in_language(t, lang)


def emit_results(
    frames: Frames,
    table: IOTable,
    fmt: OutFormat,
    output: Path | None,
    force: bool,
    persons: tuple[str, ...] = (),
    *,
    top: int | None = None,
    prefer: tuple[str, ...] = (),
    info: RunInfo | None = None,
    name: str = "result",
) -> None:
    """:func:`emit` after :func:`~iocluster.reports.units.display_units`: jobs in
    whole persons (JSON keeps exact numbers) and captions that name persons and shares."""
    from iocluster.reports.units import display_units

    shown = display_units(frames, table, exact=fmt == OutFormat.json, persons=persons)
    emit(shown, fmt, output, force, top=top, prefer=prefer, info=info, name=name)
