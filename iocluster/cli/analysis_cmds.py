"""Commands ``multipliers``, ``linkages`` and ``extract`` (thin: parse, call, render)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    DEFAULT_TOP,
    AllOpt,
    ClosureColumnOpt,
    ClosureOpt,
    ClustersOpt,
    ForceOpt,
    FormatOpt,
    IncludeFlaggedOpt,
    OutFormat,
    OutputOpt,
    TableArg,
    TopOpt,
    closure_for,
    emit,
    emit_results,
    info_for,
    load_result_table,
    load_table,
    rows_shown,
)
from iocluster.core.messages import Message
from iocluster.errors import LabelError

#: Labels of extraction results in persons (rounded to whole persons when shown).
_JOBS = ("employment", "employment_loss")
#: Columns a narrow terminal shows first (the others follow while they fit).
_MULTIPLIERS_FIRST = (
    "output_simple", "output_intra_regional", "output_feedback", "output_spillover",
    "output_type_II", "value_added_simple", "income_simple", "employment_total_simple",
)  # fmt: skip
_LINKAGES_FIRST = ("power_of_dispersion", "sensitivity_of_dispersion")
_EXTRACT_FIRST = ("output_loss", "output_loss_share", "employment_loss", "rank")


class ForwardBasis(StrEnum):
    """Forward linkages from the Ghosh (B, G) or the Leontief (A, L) matrices."""

    ghosh = "ghosh"
    leontief = "leontief"


class ExtractMode(StrEnum):
    """Hypothetical extraction modes."""

    total = "total"
    backward = "backward"
    forward = "forward"
    partial = "partial"


class ExtractConvention(StrEnum):
    """What the extracted sectors' final demand does (:mod:`iocluster.analysis.extraction`)."""

    linkages = "linkages"
    deletion = "deletion"


@command()
def multipliers(
    table: TableArg,
    closure: ClosureOpt = "compensation",
    closure_column: ClosureColumnOpt = "consumption",
    corner: Annotated[
        bool,
        typer.Option(
            "--corner",
            help="help.multipliers.corner",
        ),
    ] = False,
    corner_value: Annotated[
        float | None,
        typer.Option("--corner-value", help="help.multipliers.corner_value"),
    ] = None,
    households: Annotated[
        bool, typer.Option("--households", help="help.multipliers.households")
    ] = False,
    by_region: Annotated[
        bool,
        typer.Option(
            "--by-region",
            help="help.multipliers.by_region",
        ),
    ] = False,
    convention: Annotated[
        Literal["iocluster", "cerr"],
        typer.Option(
            "--convention",
            help="help.multipliers.convention",
        ),
    ] = "iocluster",
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``multipliers`` command (its help: ``help.multipliers``)."""
    from iocluster.analysis.multipliers import KINDS, OPEN_KINDS
    from iocluster.analysis.multipliers import multipliers as compute
    from iocluster.errors import InputError
    from iocluster.regional.interregional.analysis import (
        is_interregional,
        multipliers_by_region,
        with_regional_split,
    )

    t = load_result_table(table)
    if by_region and not is_interregional(t):
        raise InputError(
            Message("cli.by_region_national", name=table.name, a="'region'", b="'sector'")
        )
    if convention == "cerr":
        from iocluster.interop.cerr import cerr_multipliers

        emit(cerr_multipliers(t), fmt, output, force, top=rows_shown(top, show_all),
             info=info_for(t, table), name="multipliers")  # fmt: skip
        return
    corner_spec = corner_value if corner_value is not None else corner
    spec = closure_for(t, closure, closure_column, corner_spec)
    kinds = KINDS if spec is not None else OPEN_KINDS
    df = with_regional_split(t, compute(t, kinds=kinds, closure=spec, households=households))
    if fmt == OutFormat.table:  # the terminal shows the most used columns first
        df = df.sort_values("output_simple", ascending=False, kind="stable")
    rows = rows_shown(top, show_all)
    info = info_for(t, table, spec)
    if by_region:
        frames = {"sectors": df, "regions": multipliers_by_region(t, df)}
        emit(frames, fmt, output, force, top=rows, prefer=("output", *_MULTIPLIERS_FIRST),
             info=info)  # fmt: skip
        return
    emit(df, fmt, output, force, top=rows, prefer=_MULTIPLIERS_FIRST, info=info,
         name="multipliers")  # fmt: skip


@command()
def linkages(
    table: TableArg,
    forward: Annotated[
        ForwardBasis,
        typer.Option("--forward", help="help.linkages.forward"),
    ] = ForwardBasis.ghosh,
    clusters: ClustersOpt = None,
    include_flagged: IncludeFlaggedOpt = False,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``linkages`` command (its help: ``help.linkages``)."""
    from iocluster.analysis.linkages import cluster_linkages
    from iocluster.analysis.linkages import linkages as compute
    from iocluster.io.clusters import read_clusters

    t = load_table(table)
    from iocluster.reports.terminal import key_sectors_first

    df = compute(t, forward=forward.value)
    shown = key_sectors_first(df, include_flagged) if fmt == OutFormat.table else df
    rows = rows_shown(top, show_all)
    info = info_for(t, table, clusters=clusters)
    if clusters is None:
        emit(shown, fmt, output, force, top=rows, prefer=_LINKAGES_FIRST, info=info,
             name="linkages")  # fmt: skip
        return
    groups = read_clusters(clusters, t)
    cl = cluster_linkages(t, groups, forward=forward.value)
    emit({"sectors": shown, "clusters": cl}, fmt, output, force, top=rows,
         prefer=_LINKAGES_FIRST, info=info)  # fmt: skip


@command()
def extract(
    table: TableArg,
    sectors: Annotated[str | None, typer.Option("--sectors", help="help.extract.sectors")] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="help.extract.cluster")] = None,
    clusters: ClustersOpt = None,
    each: Annotated[bool, typer.Option("--each", help="help.extract.each")] = False,
    mode: Annotated[
        ExtractMode, typer.Option("--mode", help="help.extract.mode")
    ] = ExtractMode.total,
    share: Annotated[
        float | None,
        typer.Option("--share", help="help.extract.share"),
    ] = None,
    users: Annotated[
        str | None,
        typer.Option(
            "--users",
            help="help.extract.users",
        ),
    ] = None,
    convention: Annotated[
        ExtractConvention,
        typer.Option(
            "--convention",
            help="help.extract.convention",
        ),
    ] = ExtractConvention.linkages,
    include_flagged: IncludeFlaggedOpt = False,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``extract`` command (its help: ``help.extract``)."""
    from iocluster.analysis.extraction import extract as run
    from iocluster.analysis.extraction import extract_each
    from iocluster.io.clusters import read_clusters
    from iocluster.model.groups import resolve_cluster

    chosen = sum([sectors is not None, cluster is not None, each])
    if chosen != 1:
        raise typer.BadParameter("give exactly one of --sectors, --cluster or --each")
    if cluster is not None and clusters is None:
        raise typer.BadParameter("--cluster needs --clusters FILE")
    if each and users is not None:
        raise typer.BadParameter("--users extracts one group's linkages; not with --each")
    t = load_table(table)
    m = mode.value
    conv = convention.value
    if each:
        how = {"mode": m, "share": share, "convention": conv}
        ranked = extract_each(t, include_flagged=include_flagged, **how)  # type: ignore[arg-type]
        if fmt == OutFormat.table:  # the title names the convention
            ranked = ranked.drop(columns="convention")
        emit_results(ranked, t, fmt, output, force, _JOBS, top=rows_shown(top, show_all),
                     prefer=_EXTRACT_FIRST, info=info_for(t, table),
                     name="extraction")  # fmt: skip
        return
    groups = read_clusters(clusters, t) if clusters is not None else {}

    def group(text: str, option: str) -> list[object]:
        """Codes, prefixes or a cluster name given to ``option``, checked against the table."""
        if text.strip().lower() in {k.lower() for k in groups}:
            return list(resolve_cluster(groups, text))
        codes: list[object] = [s.strip() for s in text.split(",") if s.strip()]
        try:
            t.select(codes)
        except LabelError as exc:
            raise LabelError(
                Message("cli.option_error", option=option, message=exc.message)
            ) from None
        return codes

    if cluster is not None:
        members: list[object] = list(resolve_cluster(groups, cluster))
    else:
        members = group(sectors or "", "--sectors")
    buyers = None if users is None else group(users, "--users")
    how = {"mode": m, "share": share, "convention": conv}
    result = run(t, members, users=buyers, **how)  # type: ignore[arg-type]
    emit_results(result.frames(), t, fmt, output, force, _JOBS, top=rows_shown(top, show_all),
                 info=info_for(t, table, clusters=clusters))  # fmt: skip
