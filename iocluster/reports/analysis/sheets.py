"""Sheets of the analysis report: Validation, Multipliers, Key sectors, Cluster linkages
and Value-added chain (see :mod:`iocluster.reports.analysis.workbook`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from iocluster.core.messages import render
from iocluster.pipeline.analyze import Analysis
from iocluster.regional.interregional.analysis import SPLIT_PARTS
from iocluster.reports.analysis.layout import (
    CHART_TOP,
    HEADER_ROW,
    jobs_per,
    jobs_unit,
    money,
    new_sheet,
    sector_names,
)
from iocluster.reports.check_words import check_label, flag_label, reason_text, status_label
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import bold, change_columns
from iocluster.reports.style import (
    FAIL_COLOR,
    WARN_COLOR,
    Column,
    bar_chart,
    color_scale,
    data_bar,
    highlight_equal,
    write_table,
)

__all__ = ["cluster_sheets", "key_sectors_sheet", "multipliers_sheet", "validation_sheet"]


def _mult_label(measure: str, a: Analysis, lang: str) -> tuple[str, str, str]:
    """(label, unit, format) of one multiplier measure."""
    if measure == "output":
        return tr("output_multiplier", lang), tr("per_unit_fd", lang), "mult"
    if measure == "value_added":
        return tr("va_multiplier", lang), tr("per_unit_fd", lang), "mult"
    if measure == "income":
        return tr("income_multiplier", lang), tr("per_unit_fd", lang), "mult"
    return tr("employment_multiplier", lang), jobs_unit(a, lang), "money2"


def multipliers_sheet(wb: Any, a: Analysis, lang: str) -> None:
    m = a.multipliers
    df = m.copy()
    per = jobs_per(a)
    for meas in a.measures:  # employment per 1000 table units when needed (jobs_per)
        if meas not in ("output", "value_added", "income"):
            for kind in ("simple", "total"):
                if f"{meas}_{kind}" in df:
                    df[f"{meas}_{kind}"] = df[f"{meas}_{kind}"] * per
    df.insert(0, "name", [sector_names(a)[c] for c in df.index])
    df = df.sort_values("output_simple", ascending=False, kind="stable").reset_index()
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    cols = [
        Column("rank", tr("rank", lang), fmt="int", width=7),
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=min(45, max(len(s) for s in df["name"]) + 2)),
    ]
    kinds = [("simple", "simple")] + ([("total", "total_mult")] if a.closed else [])
    for meas in a.measures:
        label, unit, fmt = _mult_label(meas, a, lang)
        # Type I/II ratios: for income only (for output they repeat simple and total,
        # whose direct effect is 1)
        extra = [("type_I", "type_I")] + ([("type_II", "type_II")] if a.closed else [])
        for kind, key in kinds + (extra if meas == "income" else []):
            u = "" if kind.startswith("type") else unit
            cols.append(Column(f"{meas}_{kind}", f"{label}, {tr(key, lang)}", u, fmt))
            if f"{meas}_{kind}" == "output_simple":  # an interregional table's split
                cols += [
                    Column(f"output_{part}", f"{label}: {tr(part, lang).lower()}", u, fmt)
                    for part in SPLIT_PARTS
                    if f"output_{part}" in df
                ]
    sub = f"{a.table.meta.title} — {tr('sorted_by', lang)} {cols[3].label.lower()}"
    ws, row = new_sheet(wb, "multipliers", lang, sub)
    rng = write_table(ws, df, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    ws.auto_filter.ref = f"A{row}:{ws.cell(row=row, column=len(cols)).column_letter}{rng.last_row}"
    color_scale(ws, rng.data_range(3))
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    keys = [c.key for c in cols]
    vals = [keys.index(k) for k in ("output_simple", "output_total") if k in keys]
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_multipliers", lang),
        axis_title=tr("per_unit_fd", lang), max_rows=CHART_TOP,
    )  # fmt: skip


def key_sectors_sheet(wb: Any, a: Analysis, lang: str) -> None:
    """Key sectors first (then backward-, forward-oriented, weak; by U + S), the sectors
    the validation flags last with their flag and reason (ranked with the others under
    ``include_flagged``)."""
    from iocluster.analysis.flags import flagged
    from iocluster.reports.terminal import key_sectors_first

    lk = key_sectors_first(a.linkages, a.include_flagged)
    lk = lk.assign(extraction_loss=a.extraction["output_loss"].reindex(lk.index))
    lk["class"] = [tr(k, lang) for k in lk["key_sector"]]
    df = lk.reset_index()
    idx = tr("index_1_avg", lang)
    ghosh = str(a.linkages.attrs.get("forward_basis", "Ghosh")).startswith("Ghosh")
    fwd_unit = tr("per_unit_pi" if ghosh else "per_unit_fd", lang)
    cols = [
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=min(45, max(len(s) for s in df["name"]) + 2)),
        Column("class", tr("class", lang), width=22),
        Column("power_of_dispersion", tr("power_of_dispersion", lang), idx, "index"),
        Column("sensitivity_of_dispersion", tr("sensitivity_of_dispersion", lang), idx, "index"),
        Column("backward_total", tr("backward_total", lang), tr("per_unit_fd", lang), "mult"),
        Column("forward_total", tr("forward_total", lang), fwd_unit, "mult"),
        Column("extraction_loss", tr("extraction_loss", lang), money(a, lang), "money"),
    ]
    marked = flagged(df)
    if marked.any():
        df["flag"] = [flag_label(str(f), lang) for f in df["flag"]]
        df["reason"] = [reason_text(r, lang) for r in df["reason"]]
        cols.append(Column("flag", tr("flag", lang), width=30))
        cols.append(Column("reason", tr("reason", lang), width=60))
    basis = tr("ghosh_basis" if ghosh else "leontief_basis", lang)
    sub = f"{tr('forward_basis', lang)}: {basis}"
    if marked.any() and not a.include_flagged:
        sub += f" · {tr('set_aside_rows', lang).format(k=int(marked.sum()))}"
    ws, row = new_sheet(wb, "key_sectors", lang, sub)
    rng = write_table(ws, df, cols, row=row)
    ws.freeze_panes = f"C{row + 1}"
    highlight_equal(ws, rng.data_range(2), tr("key", lang))
    color_scale(ws, rng.data_range(3))
    color_scale(ws, rng.data_range(4))
    data_bar(ws, rng.data_range(7))
    from openpyxl.styles import Font

    for i in np.nonzero(marked)[0]:  # flagged rows in grey italics: read, not ranked
        for c in range(1, len(cols) + 1):
            ws.cell(row=rng.first_row + int(i), column=c).font = Font(italic=True, color="7F7F7F")


def validation_sheet(wb: Any, a: Analysis, lang: str) -> None:
    df = a.validation.reset_index()
    df["name"] = [check_label(str(n), lang) for n in df["name"]]
    df["status"] = [status_label(str(st), lang) for st in df["status"]]
    df["detail"] = [render(d, lang) for d in df["detail"]]
    cols = [
        Column("name", tr("check", lang), width=30),
        Column("status", tr("status", lang), width=10),
        Column("detail", tr("detail", lang), width=100),
        Column("value", tr("value", lang), fmt="0.000###"),
    ]
    ws, row = new_sheet(wb, "validation", lang, a.table.meta.title)
    rng = write_table(ws, df, cols, row=row)
    highlight_equal(ws, rng.data_range(1), status_label("PASS", lang))
    highlight_equal(ws, rng.data_range(1), status_label("WARN", lang), WARN_COLOR)
    highlight_equal(ws, rng.data_range(1), status_label("FAIL", lang), FAIL_COLOR)


def cluster_sheets(wb: Any, a: Analysis, lang: str) -> None:
    if a.cluster_linkages is not None:
        df = a.cluster_linkages.reset_index()
        df["class"] = [tr(k, lang) for k in df["key_sector"]]
        idx = tr("index_1_avg", lang)
        cols = [
            Column("cluster", tr("cluster", lang)),
            Column("sectors", tr("sectors_n", lang), fmt="int"),
            Column("output_share", tr("output_share", lang), fmt="share"),
            Column("power_of_dispersion", tr("power_of_dispersion", lang), idx, "index"),
            Column(
                "sensitivity_of_dispersion", tr("sensitivity_of_dispersion", lang), idx, "index"
            ),
            Column("class", tr("class", lang), width=22),
        ]
        ws, row = new_sheet(wb, "cluster_linkages", lang, a.table.meta.title)
        rng = write_table(ws, df, cols, row=row)
        highlight_equal(ws, rng.data_range(5), tr("key", lang))
    if a.chains is None:
        return
    df = a.chains.reset_index()
    u = money(a, lang)
    cols = [
        Column("cluster", tr("cluster", lang)),
        Column("final_demand", tr("final_demand", lang), u, "money"),
        Column("dva", tr("dva", lang), u, "money"),
        Column("dva_share", tr("dva_share", lang), fmt="share"),
        Column("cluster_va_share", tr("cluster_va_share", lang), fmt="share"),
        Column("services_va", tr("services_va", lang), u, "money"),
        Column("services_share", tr("services_share", lang), fmt="share"),
        Column("imported_inputs", tr("imported_inputs", lang), u, "money"),
        Column("import_content", tr("import_content", lang), fmt="share"),
    ]
    if df["jobs"].notna().any():
        cols.append(Column("jobs", tr("jobs", lang), tr("persons", lang), "persons"))
    ws, row = new_sheet(wb, "va_chain", lang, a.table.meta.title)
    rng = write_table(ws, df, cols, row=row)
    data_bar(ws, rng.data_range(6), "70AD47")
    if a.impacts is not None:
        sc = a.impacts.services_content.reset_index()
        r2 = rng.last_row + 3
        ws.cell(row=r2 - 1, column=1, value=tr("services_content", lang)).font = bold()
        write_table(ws, sc, change_columns(lang, "", "mult", "scenario_name", "cluster"), row=r2,
                    freeze=False)  # fmt: skip


def regions_sheet(wb: Any, a: Analysis, lang: str) -> None:
    """Interregional tables (issue 16): each region's output, value added and jobs with
    their shares of the nation, and its output multipliers split into intra-regional,
    feedback and spillover parts (:func:`~iocluster.regional.interregional.analysis.
    regional_overview`)."""
    if a.regions is None:
        return
    from iocluster.regional.interregional.analysis import region_names

    df = a.regions.reset_index()
    names = region_names(a.table, lang)
    df["region"] = [names.get(k, k) for k in df["region"]]
    share = tr("share_of_nation", lang)
    cols = [Column("region", tr("region_col", lang), width=20)]
    for key, label, unit, fmt in (
        ("output", "output", money(a, lang), "money"),
        ("value_added", "value_added", money(a, lang), "money"),
        ("jobs", "jobs", tr("persons", lang), "persons"),
    ):
        if key in df:
            cols.append(Column(key, tr(label, lang), unit, fmt))
            cols.append(Column(f"{key}_share_pct", f"{tr(label, lang)}: {share}", "%", "0.00"))
    per = tr("per_unit_fd", lang)
    for key, label in (
        ("intra_regional", "intra_regional"),
        ("feedback", "feedback"),
        ("spillover", "spillover"),
        ("total", "total_multiplier"),
    ):
        cols.append(Column(key, tr(label, lang), per, "mult"))
    ws, row = new_sheet(wb, "regions_sheet", lang, tr("regions_subtitle", lang))
    write_table(ws, df, cols, row=row)
    ws.freeze_panes = f"B{row + 1}"
    if a.region_spillovers is not None:  # origin × destination shares, below
        sp = (100.0 * a.region_spillovers).reset_index()
        first = sp.columns[0]
        sp[first] = [names.get(k, k) for k in sp[first]]
        at = row + len(df) + 3
        ws.cell(row=at - 1, column=1, value=tr("spillover_heatmap_title", lang))
        mcols = [Column(str(first), tr("origin_region", lang), width=20)]
        mcols += [Column(str(k), names.get(str(k), str(k)), "%", "0.0") for k in sp.columns[1:]]
        rng = write_table(ws, sp, mcols, row=at, freeze=False)
        for k in range(1, len(mcols)):
            color_scale(ws, rng.data_range(k))
