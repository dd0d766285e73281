"""``iocluster analyze``: the main job — one table (and a scenario) to a report and figures.

Terminal: validation summary, key multipliers and key sectors, and the scenario's impacts
and value-added chain as rich tables (plain text with ``--quiet``). In ``-o DIR``:
``analysis.xlsx`` (:mod:`iocluster.reports.analysis.workbook`) and ``figures/`` (PNG and
SVG, :mod:`iocluster.reports.figures.charts.charts`).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    ClosureColumnOpt,
    ClosureOpt,
    ClustersOpt,
    DrawsOpt,
    ForceOpt,
    IncludeFlaggedOpt,
    JobsOpt,
    LangOpt,
    MaxDrawsOpt,
    NamesOpt,
    OutputDirOpt,
    ScenarioOpt,
    SchedulerOpt,
    SeedOpt,
    TableArg,
    closure_for,
    command_line,
    input_files,
    jobs_or_all,
    load_result_table,
    read_scenario_file,
)
from iocluster.core.messages import Message

__all__ = ["REPORT_NAME", "analyze", "write_figures"]

#: File name of the Excel report inside the output folder.
REPORT_NAME = "analysis.xlsx"


def write_figures(a: Any, folder: Path, *, lang: str = "en", force: bool = False) -> list[Path]:
    """Draw every figure the analysis supports into ``folder`` (PNG and SVG each)."""
    from iocluster.reports.figures import save_figure
    from iocluster.reports.figures.analysis import analysis_figures

    out: list[Path] = []
    for stem, fig in analysis_figures(a, lang):
        out += save_figure(fig, folder / stem, force=force)
    return out


@contextmanager
def _progress(show: bool) -> Iterator[tuple[Callable[[str], None], Callable[[int], None] | None]]:
    if not show:
        yield (lambda _s: None), None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("analysing")
        mc_task: list[Any] = []

        def step(name: str) -> None:
            bar.update(task, description=f"analysing: {name}")

        def draws(k: int) -> None:
            if not mc_task:
                mc_task.append(bar.add_task("Monte Carlo draws", total=None))
            bar.update(mc_task[0], advance=k)

        yield step, draws


def _render(a: Any, lang: str, quiet: bool, written: list[Path]) -> None:
    from iocluster.cli.analyze_render import render_plain, render_rich

    if quiet:
        render_plain(a, lang, written)
    else:
        render_rich(a, lang, written)


@command("analyze")
def analyze(
    table: TableArg,
    scenario: ScenarioOpt = None,
    clusters: ClustersOpt = None,
    names: NamesOpt = None,
    output: OutputDirOpt = None,
    lang: LangOpt = "en",
    figures: Annotated[
        bool, typer.Option("--figures/--no-figures", help="help.analyze.figures")
    ] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="help.analyze.quiet")] = False,
    closure: ClosureOpt = "compensation",
    closure_column: ClosureColumnOpt = "consumption",
    draws: DrawsOpt = None,
    max_draws: MaxDrawsOpt = None,
    seed: SeedOpt = None,
    jobs: JobsOpt = None,
    include_flagged: IncludeFlaggedOpt = False,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``analyze`` command (its help: ``help.analyze``)."""
    from iocluster.errors import OutputExistsError
    from iocluster.pipeline.analyze import analyze
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    report = output / REPORT_NAME if output is not None else None
    if output is not None and output.exists() and not output.is_dir():
        raise OutputExistsError(Message("cli.output_is_file", path=str(output)))
    t = load_result_table(table, lang)
    if names is not None:
        from iocluster.io.names import apply_sector_names

        t = apply_sector_names(t, names, lang)
    sf = read_scenario_file(scenario, t, max_draws=max_draws) if scenario is not None else None
    extra = None
    if clusters is not None:
        from iocluster.io.clusters import read_clusters

        extra = read_clusters(clusters, t)
    show = not quiet and sys.stderr.isatty()
    with _progress(show) as (step, mc):
        spec = closure_for(t, closure, closure_column)
        a = analyze(t, scenario_file=sf, clusters=extra, progress=step, mc_progress=mc,
                    closure=spec, draws=draws, seed=seed, jobs=jobs_or_all(jobs),
                    include_flagged=include_flagged, scheduler=scheduler)  # fmt: skip
        files = input_files(table=table, clusters=clusters, names=names)
        info = a.info.with_command(command_line()).with_inputs(files)
        a = dataclasses.replace(a, info=info)
        written: list[Path] = []
        if report is not None:
            assert output is not None
            from iocluster.io.atomic import atomic_folder

            # the workbook and every figure go into a temporary sibling folder, renamed
            # into place when complete: an interrupted run leaves no partial report
            with atomic_folder(output, force=force) as tmp:
                step("figures")
                if figures:
                    written += write_figures(a, tmp / "figures", lang=lang, force=True)
                step("report")
                written.insert(0, write_analysis_workbook(tmp / REPORT_NAME, a, lang=lang,
                                                          force=True))  # fmt: skip
            written = [output / p.relative_to(tmp) for p in written]
    _render(a, lang, quiet, written)
