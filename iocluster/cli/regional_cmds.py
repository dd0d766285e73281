"""Commands: ``regionalize`` (location-quotient regional tables) and ``clusters``
(cluster identification from linkages)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    CURRENT_LANG,
    DEFAULT_TOP,
    AllOpt,
    ClustersOpt,
    ForceOpt,
    FormatOpt,
    OutFormat,
    OutputDirOpt,
    OutputOpt,
    RegionsOpt,
    SeedOpt,
    TableArg,
    TopOpt,
    emit,
    load_table,
    rows_shown,
    say_wrote,
)
from iocluster.core.choices import ClusterMethod, LQMethod, Measure
from iocluster.core.messages import Message
from iocluster.errors import InputError, RegionalDataError

# the regional-data options shared by regionalize and interregional
DeltaOpt = Annotated[float, typer.Option("--delta", help="help.opt.delta")]
MeasureOpt = Annotated[Measure, typer.Option("--measure", help="help.opt.measure")]
SatelliteOpt = Annotated[str | None, typer.Option("--satellite", help="help.opt.satellite")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="help.opt.sheet")]


#: The summary workbook ``regionalize --format xlsx`` writes beside the regional tables.
SUMMARY_NAME = "regional_summary.xlsx"


class TableFileFormat(StrEnum):
    """How regional tables are written."""

    xlsx = "xlsx"
    csv = "csv"


def _file_stem(region: str, used: set[str]) -> str:
    stem = re.sub(r"[^\w.\-]+", "_", region, flags=re.UNICODE).strip("._") or "region"
    base, k = stem, 2
    while stem.lower() in used:
        stem, k = f"{base}_{k}", k + 1
    used.add(stem.lower())
    return stem


def _statistics_text(statistics: Mapping[str, object], lang: str) -> str:
    """A clustering method's statistics for its title: ``name value`` pairs, the names
    as codes in English and in words of ``lang`` otherwise
    (:func:`~iocluster.reports.headers.column_header`).

    >>> _statistics_text({"modularity": 0.41234, "seed": 0}, "en")
    'modularity 0.4123, seed 0'
    """
    import math

    from iocluster.reports.headers import column_header

    def name(k: str) -> str:
        word = column_header(k, lang)
        return k if lang == "en" else word[:1].lower() + word[1:]

    def value(v: object) -> str:
        return f"{v:.4g}" if isinstance(v, float) and math.isfinite(v) else f"{v}"

    return ", ".join(f"{name(k)} {value(v)}" for k, v in statistics.items())


@command()
def regionalize(
    table: TableArg,
    employment: Annotated[
        Path,
        typer.Argument(
            help="help.regionalize.employment",
            show_default=False,
        ),
    ],
    output: OutputDirOpt = None,
    method: Annotated[
        LQMethod,
        typer.Option("--method", "-m", help="help.regionalize.method", case_sensitive=False),
    ] = "flq",
    delta: DeltaOpt = 0.3,
    measure: MeasureOpt = "employment",
    satellite: SatelliteOpt = None,
    sheet: SheetOpt = None,
    clusters: ClustersOpt = None,
    tables: Annotated[
        TableFileFormat,
        typer.Option("--tables", help="help.regionalize.tables"),
    ] = TableFileFormat.xlsx,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    force: ForceOpt = False,
) -> None:
    """The ``regionalize`` command (its help: ``help.regionalize``)."""
    import pandas as pd

    from iocluster.io import write_table
    from iocluster.io.atomic import atomic_folder
    from iocluster.io.regional import read_regional_data
    from iocluster.regional.regionalize import (
        cluster_location_quotients,
        regional_multipliers,
        regionalize_all,
        simple_location_quotients,
    )
    from iocluster.reports.export import write_frames

    if output is None:
        raise typer.BadParameter(
            "a folder for the regional tables is required", param_hint="'--output' / '-o'"
        )
    national = load_table(table)
    data = read_regional_data(
        employment,
        national,
        measure=measure,
        satellite=satellite,
        sheet=sheet if sheet is not None else 0,
    )
    from iocluster.io.clusters import read_clusters
    from iocluster.model.groups import tag_clusters

    groups = read_clusters(clusters, national) if clusters is not None else tag_clusters(national)
    regional = regionalize_all(national, data, method, delta)
    if output.exists() and not output.is_dir():
        raise InputError(Message("cli.output_not_folder", path=str(output)))
    # file names from region names: unique, and never a fixed name of the folder
    used = {Path(SUMMARY_NAME).stem.lower()}
    suffix = ".xlsx" if tables == TableFileFormat.xlsx else ""
    names = {r: f"{_file_stem(r, used)}{suffix}" for r in regional}
    frames: dict[str, pd.DataFrame] = {"multipliers": regional_multipliers(national, regional)}
    slq = pd.DataFrame(
        {r: simple_location_quotients(data.region(r), data.national) for r in data.regions},
        index=pd.Index(national.codes, name="code"),
    )
    slq.attrs["unit"] = "location quotient"
    frames["location_quotients"] = slq
    if groups:
        frames["specialisation"] = cluster_location_quotients(data, groups)
    summary = fmt == OutFormat.xlsx
    # every table (and the summary) into a temporary sibling folder swapped into place
    with atomic_folder(output, force=force) as tmp:
        for r, t in regional.items():
            write_table(t, tmp / names[r])
        if summary:
            write_frames(frames, fmt.value, tmp / SUMMARY_NAME, lang=CURRENT_LANG.get())
    for r in regional:  # stderr while the summary goes to stdout (a clean table, CSV, JSON)
        say_wrote(output / names[r], err=not summary)
    if summary:
        say_wrote(output / SUMMARY_NAME)
    else:
        emit(frames, fmt, None, force, top=rows_shown(top, show_all))


@command("clusters")
def clusters_cmd(
    table: TableArg,
    method: Annotated[
        ClusterMethod,
        typer.Option("--method", "-m", help="help.clusters.method", case_sensitive=False),
    ] = "feser-bergman",
    seed: SeedOpt = None,
    resolution: Annotated[
        float, typer.Option("--resolution", help="help.clusters.resolution")
    ] = 1.0,
    n_clusters: Annotated[
        int | None,
        typer.Option("--n-clusters", help="help.clusters.n_clusters"),
    ] = None,
    n_factors: Annotated[
        int | None,
        typer.Option("--n-factors", help="help.clusters.n_factors"),
    ] = None,
    min_size: Annotated[int, typer.Option("--min-size", help="help.clusters.min_size")] = 2,
    clusters_file: Annotated[
        Path | None,
        typer.Option("--clusters-file", help="help.clusters.clusters_file"),
    ] = None,
    secondary: Annotated[
        bool,
        typer.Option("--secondary", help="help.clusters.secondary"),
    ] = False,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``clusters`` command (its help: ``help.clusters``)."""

    from iocluster.io.atomic import atomic_write, check_writable
    from iocluster.regional.clustering import identify_clusters

    if min_size < 1:
        raise InputError(Message("cli.min_size", value=min_size))
    t = load_table(table)
    if clusters_file is not None:
        if clusters_file.suffix.lower() != ".toml":
            raise InputError(Message("cli.clusters_file_toml", name=clusters_file.name))
        check_writable(clusters_file, force=force)
    if output is not None:
        check_writable(output, force=force)
    result = identify_clusters(
        t,
        method,
        seed=0 if seed is None else seed,
        resolution=resolution,
        n_clusters=n_clusters,
        n_factors=n_factors,
        min_size=min_size,
    )
    stats = _statistics_text(result.statistics, CURRENT_LANG.get())
    result.clusters.attrs["title"] = Message("title.clusters.stats", method=method, stats=stats)
    emit(result.frames(), fmt, output, force, top=rows_shown(top, show_all))
    if clusters_file is not None:
        text = result.to_toml(secondary=secondary)
        atomic_write(clusters_file, lambda p: p.write_text(text, encoding="utf-8"), force=force)
        say_wrote(clusters_file, err=output is None)


@command()
def interregional(
    table: TableArg,
    regional_data: Annotated[
        Path,
        typer.Argument(
            help="help.interregional.regional_data",
            show_default=False,
        ),
    ],
    output: OutputOpt = None,
    regions: RegionsOpt = None,
    beta: Annotated[float, typer.Option("--beta", help="help.interregional.beta")] = 1.0,
    method: Annotated[
        LQMethod,
        typer.Option("--method", "-m", help="help.interregional.method", case_sensitive=False),
    ] = "flq",
    delta: DeltaOpt = 0.3,
    measure: MeasureOpt = "employment",
    satellite: SatelliteOpt = None,
    sheet: SheetOpt = None,
    concordance: Annotated[
        Path | None,
        typer.Option(
            "--concordance",
            help="help.interregional.concordance",
        ),
    ] = None,
    fd_weights: Annotated[
        Path | None,
        typer.Option(
            "--final-demand-weights",
            help="help.interregional.fd_weights",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """The ``interregional`` command (its help: ``help.interregional``)."""
    from iocluster.cli.paths import check_inputs
    from iocluster.io import check_table_target, write_table
    from iocluster.io.concordance import read_concordance
    from iocluster.io.regional import (
        default_regions_file,
        read_region_values,
        read_regional_data,
        read_regions,
    )
    from iocluster.regional.interregional.build import build_interregional

    if output is None:
        raise typer.BadParameter("where to write the table is required", param_hint="'-o'")
    check_table_target(output, force=force)
    national = load_table(table)
    conc = read_concordance(concordance) if concordance is not None else None
    data = read_regional_data(
        regional_data,
        national,
        measure=measure,
        satellite=satellite,
        sheet=sheet if sheet is not None else 0,
        concordance=conc,
    )
    regions_path = regions if regions is not None else default_regions_file(table)
    check_inputs([("--regions", regions_path)])  # the default one is an input too
    regs = read_regions(regions_path)
    try:  # every region of the data must be in the regions file: name both files
        regs.subset(data.regions)
    except RegionalDataError as exc:
        raise RegionalDataError(
            Message(
                "cli.regions_mismatch",
                name=regional_data.name,
                message=exc.message,
                regions=regions_path.name,
            )
        ) from None
    weights = read_region_values(fd_weights) if fd_weights is not None else None
    t = build_interregional(
        national, data, regs, beta=beta, delta=delta, method=method, fd_weights=weights
    )
    write_table(t, output, force=force)
    say_wrote(
        output,
        Message("cli.wrote.interregional", n=t.n, regions=len(data.regions), sectors=national.n),
    )
