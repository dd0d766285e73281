"""Sheets of the impact workbook beyond the shared impact tables
(:mod:`iocluster.reports.impact.workbook`):
cluster detail, multipliers before and after, decomposition, prices, Monte Carlo, and
every sector and measure in detail.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from iocluster.reports.analysis.layout import CHART_TOP, HEADER_ROW
from iocluster.reports.i18n import per_money, tr
from iocluster.reports.impact.tables import (
    bold,
    change_column,
    change_columns,
    measure_label,
    measure_unit,
    money_axis,
    shock_words,
    table_money,
    unit_formats,
)
from iocluster.reports.style import (
    Column,
    bar_chart,
    color_scale,
    data_bar,
    write_table,
    write_title,
)
from iocluster.scenarios.results import ImpactResults
from iocluster.table import IOTable

__all__ = [
    "clusters_extra",
    "decomposition_sheet",
    "detail_sheet",
    "montecarlo_sector_sheet",
    "montecarlo_sheet",
    "multipliers_sheet",
    "prices_sheet",
]


def _sheet(wb: Any, name: str, title: str, subtitle: str = "") -> Any:
    ws = wb.create_sheet(name)
    write_title(ws, title, subtitle)
    return ws


def _names(table: IOTable) -> dict[str, str]:
    return dict(zip(table.codes, table.names, strict=True))


def _name_col(df: pd.DataFrame, lang: str = "en") -> Column:
    widest = max(map(len, df["name"]), default=len(tr("sector", lang)))
    return Column("name", tr("sector", lang), width=min(45, widest + 2))


def _ranked(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows of each scenario (in file order) by decreasing ``|key|``."""
    order = {n: i for i, n in enumerate(dict.fromkeys(df["scenario_name"]))}
    d = df.assign(_s=[order[s] for s in df["scenario_name"]], _o=-df[key].abs())
    return d.sort_values(["_s", "_o"], kind="stable")


def _first_scenario_rows(df: pd.DataFrame) -> int:
    return int((df["scenario_name"] == df["scenario_name"].iloc[0]).sum()) if len(df) else 0


def clusters_extra(ws: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> None:
    """Below the change by cluster: services content before/after, then every measure."""
    sc = res.services_content.reset_index()
    r = ws.max_row + 3
    title = tr("services_content", lang)
    ws.cell(row=r - 1, column=1, value=title).font = bold()
    cols = change_columns(lang, tr("per_unit_fd", lang), "mult", "scenario_name", "cluster")
    rng = write_table(ws, sc, cols, row=r, freeze=False)
    r = rng.last_row + 3
    ws.cell(row=r - 1, column=1, value=tr("imp_by_cluster_all", lang)).font = bold()
    cl = res.clusters.reset_index()
    cl["unit"] = [measure_unit(table, m, lang) for m in cl["measure"]]
    cl["measure"] = [measure_label(m, lang) for m in cl["measure"]]
    cols = change_columns(lang, "", "money", "scenario_name", "cluster", "measure")
    cols.insert(3, Column("unit", tr("unit", lang), width=18))
    rng = write_table(ws, cl, cols, row=r, freeze=False)
    unit_formats(ws, rng, list(cl["unit"]), range(4, 7), lang)


def _mult_unit(table: IOTable, measure: str, lang: str = "en", per: str = "") -> tuple[str, str]:
    if measure in table.satellite_names:
        unit = measure_unit(table, measure, lang)
        if unit == tr("persons", lang):
            return tr("jobs_mult_unit", lang).format(unit=per), "money2"
        return f"{unit} / {per}", "money2"
    return tr("per_unit_fd", lang), "mult"


def multipliers_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """Multipliers of the cluster sectors before and after, output first (charted)."""
    m = res.multipliers.reset_index()
    order = {k: i for i, k in enumerate(dict.fromkeys(m["measure"]))}
    sorder = {k: i for i, k in enumerate(dict.fromkeys(m["scenario_name"]))}
    m = m.assign(_s=m["scenario_name"].map(sorder), _m=m["measure"].map(order))
    m = m.sort_values(["_s", "_m"], kind="stable")
    m.insert(2, "name", [_names(table)[c] for c in m["code"]])
    # satellite multipliers (jobs) per 1000 table units when they would read as 0.0
    sat = m["measure"].isin(table.satellite_names).to_numpy()
    meta = table.meta
    factor, per = per_money(m.loc[sat, "before"], meta.scale, meta.currency, lang)
    for c in ("before", "after", "change"):
        m[c] = m[c].astype(float).where(~sat, m[c].astype(float) * factor)
    units = [_mult_unit(table, k, lang, per) for k in m["measure"]]
    m["unit"] = [u for u, _ in units]
    m["label"] = [measure_label(k, lang) for k in m["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("code", tr("code", lang)),
        _name_col(m, lang),
        Column("label", tr("measure", lang)),
        Column("unit", tr("unit", lang), width=26),
        Column("before", tr("before", lang), fmt="mult"),
        Column("after", tr("after", lang), fmt="mult"),
        Column("change", tr("change", lang), fmt="mult"),
    ]
    ws = _sheet(wb, tr("multipliers", lang)[:31], tr("imp_mult_title", lang),
                tr("imp_mult_sub", lang))  # fmt: skip
    rng = write_table(ws, m, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    from iocluster.reports.style import FORMATS

    for i, (_, fmt) in enumerate(units):
        if fmt != "mult":
            for k in (5, 6, 7):
                ws.cell(row=rng.first_row + i, column=rng.col_of(k)).number_format = FORMATS[fmt]
    n_out = int(((m["_s"] == 0) & (m["measure"] == "output")).sum())
    bar_chart(
        ws, rng, [5, 6], 1, f"J{HEADER_ROW}", title=tr("imp_mult_chart", lang),
        axis_title=tr("per_unit_fd", lang), max_rows=min(n_out, CHART_TOP),
        height=max(7.5, 0.9 * min(n_out, CHART_TOP) + 4),
    )  # fmt: skip
    return ws


def decomposition_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """Output change = technology effect + final-demand effect, ranked, stacked chart."""
    d = _ranked(res.decomposition.reset_index(), "change")
    d.insert(2, "name", [_names(table)[c] for c in d["code"]])
    u = table_money(table, lang)
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("code", tr("code", lang)),
        _name_col(d, lang),
        Column("change", tr("imp_output_change", lang), u, "money"),
        Column("technology", tr("imp_technology", lang), u, "money"),
        Column("final_demand", tr("imp_fd_effect", lang), u, "money"),
    ]
    sub = tr("imp_decomp_sub", lang)
    ws = _sheet(wb, tr("imp_decomp_sheet", lang)[:31], tr("imp_decomp_title", lang), sub)
    rng = write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    data_bar(ws, rng.data_range(3))
    n = min(CHART_TOP, _first_scenario_rows(d))
    k, unit = money_axis(table, d["change"].to_numpy(dtype=float), lang)
    bar_chart(
        ws, rng, [4, 5], 1, f"H{HEADER_ROW}", title=tr("imp_decomp_chart", lang),
        axis_title=unit, stacked=True, max_rows=n, thousands=k,
    )  # fmt: skip
    return ws


def by_shock_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """The change of every measure by shock: each shock alone against the baseline, the
    interaction remainder, and the scenario's total (the parts add up to it exactly)."""
    assert res.by_shock is not None
    d = res.by_shock.reset_index()
    d["shock"] = [shock_words(str(k), lang) for k in d["shock"]]
    measures = list(res.by_shock.columns)
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("shock", tr("shock", lang), width=44),
        *(change_column(table, m, lang) for m in measures),
    ]
    sub = tr("imp_shock_sub", lang)
    ws = _sheet(wb, tr("imp_shock_sheet", lang)[:31], tr("imp_shock_title", lang), sub)
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    return ws


def prices_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """Cost-push price changes by sector (Leontief price model), largest first."""
    p = res.prices.reset_index()
    p = _ranked(p, "pct_change")
    p.insert(2, "name", [_names(table)[c] for c in p["code"]])
    idx = tr("index_base_1", lang)
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("code", tr("code", lang)),
        _name_col(p, lang),
        Column("baseline", tr("imp_base_price", lang), idx, "0.0000"),
        Column("scenario", tr("imp_scen_price", lang), idx, "0.0000"),
        Column("pct_change", tr("pct_change", lang), fmt="0.00"),
    ]
    sub = tr("imp_prices_sub", lang)
    ws = _sheet(wb, tr("imp_prices_sheet", lang)[:31], tr("imp_prices_title", lang), sub)
    rng = write_table(ws, p, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    color_scale(ws, rng.data_range(5), diverging=True)
    return ws


def montecarlo_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """P5 / P50 / P95 (and the mean) of the change of every measure."""
    assert res.montecarlo is not None
    mc = res.montecarlo.reset_index()
    mc["unit"] = [measure_unit(table, k, lang) for k in mc["measure"]]
    mc["measure"] = [measure_label(k, lang) for k in mc["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("measure", tr("measure", lang)),
        Column("unit", tr("unit", lang), width=18),
        Column("mean", tr("mean", lang), fmt="money"),
    ] + [Column(q, q.upper(), fmt="money") for q in ("p5", "p50", "p95")]
    cols.append(Column("draws", tr("draws", lang), fmt="int"))
    sub = tr("imp_change_from_base", lang)
    ws = _sheet(wb, tr("mc_sheet", lang)[:31], tr("montecarlo", lang), sub)
    rng = write_table(ws, mc, cols, row=HEADER_ROW)
    unit_formats(ws, rng, list(mc["unit"]), range(3, 7), lang)
    return ws


def _by_sector_measure(table: IOTable, frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A frame indexed by sector code with a ``measure`` column, ready for a long sheet:
    sector names, units and translated measure labels added."""
    bs = frame.reset_index()
    bs.insert(2, "name", [_names(table)[c] for c in bs["code"]])
    bs["unit"] = [measure_unit(table, k, lang) for k in bs["measure"]]
    bs["measure"] = [measure_label(k, lang) for k in bs["measure"]]
    return bs


def _long_sheet(
    wb: Any,
    bs: pd.DataFrame,
    values: list[Column],
    name: str,
    title: str,
    subtitle: str,
    lang: str = "en",
) -> Any:
    """Scenario, code, name, measure, unit, then ``values``: frozen, filterable, whole
    persons for employment."""
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("code", tr("code", lang)),
        _name_col(bs, lang),
        Column("measure", tr("measure", lang), width=24),
        Column("unit", tr("unit", lang), width=18),
        *values,
    ]
    ws = _sheet(wb, name, title, subtitle)
    rng = write_table(ws, bs, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    last = ws.cell(row=1, column=len(cols)).column_letter
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{rng.last_row}"
    money = [5 + k for k, c in enumerate(values) if c.fmt == "money"]  # not % columns
    unit_formats(ws, rng, list(bs["unit"]), money, lang)
    return ws


def montecarlo_sector_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """P5 / P50 / P95 (and the mean) of every sector's change, by measure (filterable)."""
    assert res.montecarlo_by_sector is not None
    values = [Column("mean", tr("mean", lang), fmt="money")]
    values += [Column(q, q.upper(), fmt="money") for q in ("p5", "p50", "p95")]
    bs = _by_sector_measure(table, res.montecarlo_by_sector, lang)
    title, note = tr("montecarlo_by_sector", lang), tr("montecarlo_by_sector_note", lang)
    return _long_sheet(wb, bs, values, tr("mc_sector_sheet", lang)[:31], title, note, lang)


def detail_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """Baseline, scenario, change and % change of every measure in every sector."""
    values = change_columns(lang, "", "money", "scenario_name", "code")[2:]
    bs = _by_sector_measure(table, res.by_sector, lang)
    title, note = tr("imp_detail_title", lang), tr("open_model_note", lang)
    return _long_sheet(wb, bs, values, tr("imp_detail_sheet", lang)[:31], title, note, lang)


def by_region_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """Interregional tables (issue 16): the change of output, value added and jobs by
    region with each region's share of the total change, then the origin × destination
    matrix of the output change (:func:`iocluster.scenarios.regions.regional_impacts`)."""
    from iocluster.regional.interregional.analysis import region_names

    regions = res.regions
    assert regions is not None
    names = region_names(table, lang)
    d = regions.reset_index()
    d["region"] = [names.get(k, k) for k in d["region"]]
    cols = [
        Column("scenario_name", tr("scenario", lang)),
        Column("region", tr("region_col", lang), width=20),
    ]
    for key in regions.columns:
        if key.endswith(" share %"):
            cols.append(
                Column(
                    key,
                    f"{measure_label(key.removesuffix(' share %'), lang)}: "
                    f"{tr('share_of_change', lang)}",
                    "%",
                    "0.00",
                )
            )
        else:
            cols.append(change_column(table, key, lang))
    ws = _sheet(wb, tr("by_region", lang), tr("by_region_title", lang), tr("by_region_sub", lang))
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    sp = res.spillovers
    if sp is not None:
        out = sp.xs("output", level="measure").reset_index()
        out["origin"] = [names.get(k, k) for k in out["origin"]]
        row = HEADER_ROW + len(d) + 3
        ws.cell(row=row - 1, column=1, value=tr("spillover_matrix", lang))
        unit = measure_unit(table, "output", lang)
        mcols = [
            Column("scenario_name", tr("scenario", lang)),
            Column("origin", tr("origin_region", lang), width=20),
            *(Column(k, names.get(str(k), str(k)), unit, "money") for k in sp.columns),
        ]
        write_table(ws, out, mcols, row=row, freeze=False)
    return ws
