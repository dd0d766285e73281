"""``iocluster shock`` and ``iocluster scenario-template``."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    ClosureColumnOpt,
    ClosureOpt,
    ClustersOpt,
    DrawsOpt,
    ForceOpt,
    FormatOpt,
    JobsOpt,
    LangOpt,
    MaxDrawsOpt,
    OutFormat,
    OutputOpt,
    SchedulerOpt,
    SeedOpt,
    TableArg,
    closure_for,
    command_line,
    emit_results,
    input_files,
    jobs_or_all,
    load_result_table,
    load_table,
    read_scenario_file,
    say_wrote,
)
from iocluster.core.messages import Message


@command("shock")
def shock(
    table: TableArg,
    scenario: Annotated[Path, typer.Argument(help="help.shock.scenario")],
    clusters: ClustersOpt = None,
    closure: ClosureOpt = "compensation",
    closure_column: ClosureColumnOpt = "consumption",
    draws: DrawsOpt = None,
    max_draws: MaxDrawsOpt = None,
    seed: SeedOpt = None,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = "en",
) -> None:
    """The ``shock`` command (its help: ``help.shock``)."""
    from iocluster.io.clusters import read_clusters
    from iocluster.reports.impact.workbook import write_impact_workbook
    from iocluster.scenarios.run import run_scenarios
    from iocluster.scenarios.sweep import sweep_size

    t = load_result_table(table, lang)
    sf = read_scenario_file(scenario, t, max_draws=max_draws)
    extra = read_clusters(clusters, t) if clusters is not None else None
    cl = closure_for(t, closure, closure_column)
    progress = None
    n_draws = sf.draws if draws is None else draws
    runs = sum(sweep_size(sh.sweep) for sc in sf.scenarios for sh in sc.shocks if sh.sweep)
    bar = None
    if (n_draws or runs) and sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True)  # bar, percentage and time remaining (ETA)
        n_random = sum(s.is_random for s in sf.scenarios)
        task = bar.add_task("Monte Carlo" if n_draws else "", total=n_draws * n_random + runs)
        bar.start()

        def progress(k: int) -> None:
            bar.update(task, advance=k)

    try:
        res = run_scenarios(
            t, sf, clusters=extra, closure=cl, draws=draws, seed=seed, progress=progress,
            jobs=jobs_or_all(jobs), scheduler=scheduler,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.stop()
    files = input_files(table=table, clusters=clusters)
    res = replace(res, info=res.info.with_command(command_line()).with_inputs(files))
    if output is not None and (fmt == OutFormat.xlsx or output.suffix.lower() == ".xlsx"):
        write_impact_workbook(output, res, t, force=force, lang=lang)
        say_wrote(output)
        return
    if fmt == OutFormat.table:
        frames = {"totals": res.totals}
        if res.montecarlo is not None:
            frames["montecarlo"] = res.montecarlo
        if res.regions is not None:  # an interregional table (issue 16)
            frames["regions"] = res.regions
        if res.sweep is not None:  # parameter sweeps (issue 30): a row per run
            from iocluster.reports.impact.sweep_sheet import sweep_overview

            frames["sweep"] = sweep_overview(res.sweep)
        prefer = ("change", "pct_change", "mean", "p5", "p95", "p50", "value", "value_2")
        emit_results(frames, t, fmt, output, force, prefer=prefer, info=res.info)
        return
    emit_results(res.frames(), t, fmt, output, force, info=res.info, name="impacts")


@command("scenario-template")
def scenario_template(
    output: Annotated[Path, typer.Argument(help="help.scenario_template.output")],
    table: Annotated[
        Path | None, typer.Option("--table", help="help.scenario_template.table")
    ] = None,
    clusters: ClustersOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``scenario-template`` command (its help: ``help.scenario_template``)."""
    from iocluster.io.clusters import read_cluster_specs, read_clusters
    from iocluster.scenarios.template import write_scenario_template

    t = load_table(table) if table is not None else None
    specs = read_cluster_specs(clusters) if clusters is not None else None
    if clusters is not None and t is not None:
        read_clusters(clusters, t)  # every code of the file exists in the table
    write_scenario_template(output, t, clusters=specs, force=force)
    say_wrote(output)


@command("scenario-convert")
def scenario_convert(
    table: TableArg,
    source: Annotated[Path, typer.Argument(help="help.scenario_convert.source")],
    output: Annotated[Path, typer.Argument(help="help.scenario_convert.output")],
    force: ForceOpt = False,
) -> None:
    """The ``scenario-convert`` command (its help: ``help.scenario_convert``)."""
    from iocluster.errors import InputError
    from iocluster.io.atomic import atomic_write, check_writable
    from iocluster.scenarios.parse_mario import is_mario_workbook, mario_document
    from iocluster.scenarios.write_toml import readable_scenario_toml

    if output.suffix.lower() != ".toml":
        raise InputError(Message("cli.convert_toml", name=output.name))
    check_writable(output, force=force)
    t = load_table(table)
    if not is_mario_workbook(source):
        raise InputError(Message("cli.not_mario", name=source.name, sheets="z, Y, e, v"))
    doc = mario_document(source, t)
    header = f"Converted by iocluster scenario-convert from {source.name} against {table.name}."
    text = readable_scenario_toml(doc, header, output.name)  # what `shock` would accept
    atomic_write(output, lambda p: p.write_text(text, encoding="utf-8"), force=force)
    say_wrote(output, Message("cli.wrote.shocks", n=len(doc["scenario"][0]["shock"])))
