"""``iocluster chains``: embodied value added, production layers and structural paths."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    ClustersOpt,
    ForceOpt,
    FormatOpt,
    OutFormat,
    OutputOpt,
    ServicesOpt,
    TableArg,
    emit_results,
    info_for,
    load_result_table,
    load_table,
    read_scenario_file,
    say_wrote,
)
from iocluster.core.messages import Message
from iocluster.errors import InputError

__all__ = ["chains", "parse_threshold"]

_NUM = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%?)\s*$")


def parse_threshold(text: str) -> tuple[float, bool]:
    """``"0.01%"`` → ``(1e-4, False)`` (relative); ``"5000"`` → ``(5000.0, True)`` (absolute).

    >>> parse_threshold("0.01%")
    (0.0001, False)
    >>> parse_threshold("2.5e3")
    (2500.0, True)
    """
    m = _NUM.match(text)
    if m is None or float(m.group(1)) <= 0:
        raise InputError(Message("cli.threshold", text=text))
    value = float(m.group(1))
    return (value / 100.0, False) if m.group(2) else (value, True)


@command()
def chains(
    table: TableArg,
    target: Annotated[
        list[str],
        typer.Option(
            "--target",
            "-t",
            help="help.chains.target",
        ),
    ],
    demand: Annotated[
        str | None,
        typer.Option(help="help.chains.demand"),
    ] = None,
    clusters: ClustersOpt = None,
    services: ServicesOpt = None,
    threshold: Annotated[str, typer.Option(help="help.chains.threshold")] = "0.01%",
    depth: Annotated[int, typer.Option(help="help.chains.depth", min=0)] = 12,
    top: Annotated[int, typer.Option(help="help.chains.top", min=0)] = 50,
    intensity: Annotated[str, typer.Option(help="help.chains.intensity")] = "value_added",
    compare: Annotated[
        Path | None,
        typer.Option(help="help.chains.compare"),
    ] = None,
    scenario: Annotated[
        Path | None,
        typer.Option(help="help.chains.scenario"),
    ] = None,
    figure: Annotated[Path | None, typer.Option(help="help.chains.figure")] = None,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``chains`` command (its help: ``help.chains``)."""
    from iocluster.chains import default_services, resolve_group
    from iocluster.chains.report import chain_frames
    from iocluster.io.atomic import check_writable
    from iocluster.table import IOTable

    thr, absolute = parse_threshold(threshold)
    for path in (figure, output):  # a folder is refused before anything is written
        if path is not None:
            check_writable(path, force=force)
    t = load_result_table(table)
    groups: dict[str, list[int]] = {}
    if clusters is not None:
        from iocluster.io.clusters import read_clusters

        groups = read_clusters(clusters, t)
    scenario_tables: dict[str, IOTable] = {}
    if scenario is not None:
        from iocluster.scenarios.table import scenario_tables as tables_of
        from iocluster.scenarios.validate import validate_file

        sf = read_scenario_file(scenario, t)
        groups = validate_file(sf, t, groups)[1]
        scenario_tables = tables_of(t, sf, groups)
    serv = default_services(t) if services is None else resolve_group(t, services, groups)
    compared = {"": load_table(compare)} if compare is not None else {}
    frames = chain_frames(
        t,
        target,
        services=serv,
        demand=demand,
        groups=groups,
        intensity=intensity,
        threshold=thr,
        absolute=absolute,
        max_depth=depth,
        top=top or None,
        compare={**compared, **scenario_tables},
    )
    paths = frames["paths"]
    info = info_for(t, table, clusters=clusters)
    if figure is not None:
        from iocluster.reports.figures.paths import plot_top_paths

        plot_top_paths(paths, path=figure, unit=str(paths.attrs.get("unit", "")),
                       illustrative=info.is_illustrative)  # fmt: skip
        say_wrote(figure, err=output is None)
    # the terminal shows the paths --top lists (all with --top 0)
    emit_results(frames, t, fmt, output, force, top=top or None, info=info)
