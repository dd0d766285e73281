"""``iocluster tiva`` (trade in value added) and ``iocluster decompose`` (gross-exports
decompositions of a multiregional table)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import (
    DEFAULT_TOP,
    AllOpt,
    ClustersOpt,
    ExporterOpt,
    ForceOpt,
    FormatOpt,
    LangOpt,
    OutFormat,
    OutputOpt,
    ServicesOpt,
    TableArg,
    TopOpt,
    emit,
    info_for,
    load_result_table,
    rows_shown,
    say_wrote,
)
from iocluster.core.messages import Message

if TYPE_CHECKING:
    from iocluster.regional.multiregional.tiva import TradeInValueAdded
    from iocluster.table import IOTable

__all__ = ["decompose", "table_clusters", "tiva"]


def table_clusters(path: Path, table: IOTable) -> dict[str, list[int]]:
    """The clusters of a clusters file as sector positions; on a multiregional table a
    national code (``C13*``) selects the sector in every region, ``TUR/C13`` one region."""
    from iocluster.errors import LabelError, Location
    from iocluster.io.clusters import read_cluster_specs, read_clusters
    from iocluster.regional.interregional.analysis import is_interregional
    from iocluster.scenarios.region_refs import select_national

    if not is_interregional(table):
        return read_clusters(path, table)
    out: dict[str, list[int]] = {}
    for name, codes in read_cluster_specs(path).items():
        try:
            qualified = any("/" in c for c in codes)
            out[name] = table.select(codes) if qualified else select_national(table, codes)
        except LabelError as exc:
            raise LabelError(
                Message("io.clusters.in_cluster", name=name, message=exc.message),
                Location(file=path),
            ) from None
    return out


@command()
def tiva(
    table: TableArg,
    clusters: ClustersOpt = None,
    services: ServicesOpt = None,
    exporter: ExporterOpt = None,
    figure: Annotated[
        Path | None,
        typer.Option(help="help.tiva.figure"),
    ] = None,
    lang: LangOpt = "en",
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``tiva`` command (its help: ``help.tiva``)."""
    from iocluster.chains import resolve_group
    from iocluster.io.atomic import check_writable
    from iocluster.regional.interregional.analysis import is_interregional, region_names
    from iocluster.regional.multiregional.tiva import trade_in_value_added

    for path in (figure, output):  # refused before anything is written
        if path is not None:
            check_writable(path, force=force)
    t = load_result_table(table, lang)
    groups = table_clusters(clusters, t) if clusters is not None else {}
    serv = None if services is None else resolve_group(t, services, groups)
    multi = is_interregional(t)
    keys = _exporter_keys(t, exporter, table) if exporter else []
    r = trade_in_value_added(t, clusters=groups, services=serv, detail=keys or None)
    if keys:
        r = _only_exporters(r, keys)
    info = info_for(t, table, clusters=clusters)
    if figure is not None:
        from iocluster.reports.figures.charts import save_figure
        from iocluster.reports.figures.tiva import value_added_in_exports

        frame = r.by_cluster if r.by_cluster is not None and len(r.by_cluster) else (
            r.by_region if r.by_region is not None else r.by_sector)  # fmt: skip
        names = region_names(t, lang) if multi else dict(zip(t.codes, t.names, strict=True))
        fig = value_added_in_exports(frame, lang=lang, money=(t.meta.scale, t.meta.currency),
                                     national=not multi, labels=names)  # fmt: skip
        if info.is_illustrative:
            from iocluster.reports.figures.common import stamp_illustrative

            fig = stamp_illustrative(fig, lang)
        for p in save_figure(fig, figure.with_suffix(""), force=force,
                             formats=(figure.suffix.lstrip(".") or "png",)):  # fmt: skip
            say_wrote(p, err=output is None)
    if output is not None and (fmt == OutFormat.xlsx or output.suffix.lower() == ".xlsx"):
        from iocluster.regional.multiregional.decompose import kww_decomposition
        from iocluster.reports.tiva import write_tiva_workbook

        kww = kww_decomposition(t) if multi else None
        write_tiva_workbook(output, r, t, lang=lang, kww=kww, info=info, force=force)
        say_wrote(output)
        return
    emit(r.frames(), fmt, output, force, top=rows_shown(top, show_all),
         prefer=("exports", "dva", "fva", "dva_share", "services_dva_share"),
         info=info)  # fmt: skip


def _only_exporters(r: TradeInValueAdded, keys: list[str]) -> TradeInValueAdded:
    """The result with the by-sector and by-cluster rows of the regions ``keys`` only."""
    import dataclasses

    sectors = r.by_sector[r.by_sector["region"].isin(keys)]
    sectors.attrs = dict(r.by_sector.attrs)
    clusters = r.by_cluster
    if clusters is not None and len(clusters):
        clusters = clusters[clusters.index.get_level_values("region").isin(keys)]
        clusters.attrs = dict(r.by_cluster.attrs)  # type: ignore[union-attr]
    return dataclasses.replace(r, by_sector=sectors, by_cluster=clusters)


def _exporter_keys(t: IOTable, exporter: list[str] | None, path: Path) -> list[str]:
    """The region keys of ``--exporter``, each checked against the table (one message
    naming the table file when it has no regions or not that one)."""
    from iocluster.errors import InputError, Location
    from iocluster.regional.multiregional.layout import region_blocks

    try:
        b = region_blocks(t)
        return [b.regions[b.region_index(e)] for e in exporter or []]
    except InputError as exc:
        raise InputError(exc.message, Location(file=path)) from None


@command()
def decompose(
    table: TableArg,
    bilateral: Annotated[
        bool,
        typer.Option(
            "--bilateral",
            help="help.decompose.bilateral",
        ),
    ] = False,
    exporter: ExporterOpt = None,
    top: TopOpt = DEFAULT_TOP,
    show_all: AllOpt = False,
    fmt: FormatOpt = OutFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The ``decompose`` command (its help: ``help.decompose``)."""
    from iocluster.regional.multiregional.decompose import (
        kww_decomposition,
        wwz_decomposition,
    )

    t = load_result_table(table)
    keys = _exporter_keys(t, exporter, table)  # a multiregional table, or one message
    rows = rows_shown(top, show_all)
    info = info_for(t, table)
    if bilateral:
        emit(wwz_decomposition(t, keys or None), fmt, output, force, top=rows,
             prefer=("exports", "dva_fin", "dva_int"), info=info, name="wwz")  # fmt: skip
        return
    from iocluster.regional.multiregional.tiva import trade_in_value_added

    kww = kww_decomposition(t)
    gvc = trade_in_value_added(t, services=[], detail=[]).by_region
    assert gvc is not None
    part = gvc[["exports", "fva_share", "dvafx_share", "gvc_participation", "gvc_position"]]
    part.attrs = dict(gvc.attrs)
    if keys:
        kww, part = kww.loc[keys], part.loc[keys]
    emit({"kww": kww, "gvc_participation": part}, fmt, output, force, top=rows,
         prefer=("exports", "vax", "rdv", "fva", "pdc"), info=info)  # fmt: skip
