"""Sheets of the impact workbook beyond the shared impact tables
(:mod:`iocluster.reports.impact.workbook`):
cluster detail, multipliers before and after, decomposition, prices, Monte Carlo, and
every sector and measure in detail.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from iocluster.reports.analysis.layout import CHART_TOP, HEADER_ROW
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import (
    bold,
    change_column,
    change_columns,
    measure_label,
    measure_unit,
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
    "NOISE",
    "clusters_extra",
    "decomposition_sheet",
    "denoise",
    "detail_sheet",
    "montecarlo_sector_sheet",
    "montecarlo_sheet",
    "multipliers_sheet",
    "prices_sheet",
]

LANG = "en"
#: Relative size below which a change is floating-point round-off (written as 0).
NOISE = 1e-12


def denoise(change: pd.Series, scale: pd.Series) -> pd.Series:
    """``change`` with round-off (``|change| <= NOISE · |scale|``) set to exactly 0."""
    c = change.astype(float)
    return c.where(c.abs() > NOISE * scale.abs().clip(lower=1.0), 0.0)


def _sheet(wb: Any, name: str, title: str, subtitle: str = "") -> Any:
    ws = wb.create_sheet(name)
    write_title(ws, title, subtitle)
    return ws


def _names(table: IOTable) -> dict[str, str]:
    return dict(zip(table.codes, table.names, strict=True))


def _name_col(df: pd.DataFrame) -> Column:
    widest = max(map(len, df["name"]), default=len(tr("sector", LANG)))
    return Column("name", tr("sector", LANG), width=min(45, widest + 2))


def _ranked(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows of each scenario (in file order) by decreasing ``|key|``."""
    order = {n: i for i, n in enumerate(dict.fromkeys(df["scenario_name"]))}
    d = df.assign(_s=[order[s] for s in df["scenario_name"]], _o=-df[key].abs())
    return d.sort_values(["_s", "_o"], kind="stable")


def _first_scenario_rows(df: pd.DataFrame) -> int:
    return int((df["scenario_name"] == df["scenario_name"].iloc[0]).sum()) if len(df) else 0


def clusters_extra(ws: Any, table: IOTable, res: ImpactResults) -> None:
    """Below the change by cluster: services content before/after, then every measure."""
    sc = res.services_content.reset_index()
    r = ws.max_row + 3
    title = "Services content: services value added per unit of cluster final demand"
    ws.cell(row=r - 1, column=1, value=title).font = bold()
    cols = change_columns(LANG, tr("per_unit_fd", LANG), "mult", "scenario_name", "cluster")
    rng = write_table(ws, sc, cols, row=r, freeze=False)
    r = rng.last_row + 3
    ws.cell(row=r - 1, column=1, value="Baseline and scenario by cluster").font = bold()
    cl = res.clusters.reset_index()
    cl["unit"] = [measure_unit(table, m, LANG) for m in cl["measure"]]
    cl["measure"] = [measure_label(m, LANG) for m in cl["measure"]]
    cols = change_columns(LANG, "", "money", "scenario_name", "cluster", "measure")
    cols.insert(3, Column("unit", tr("unit", LANG), width=18))
    rng = write_table(ws, cl, cols, row=r, freeze=False)
    unit_formats(ws, rng, list(cl["unit"]), range(4, 7), LANG)


def _mult_unit(table: IOTable, measure: str) -> tuple[str, str]:
    if measure in table.satellite_names:
        return f"{measure_unit(table, measure, LANG)} / {table_money(table, LANG)}", "money2"
    return tr("per_unit_fd", LANG), "mult"


def multipliers_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """Multipliers of the cluster sectors before and after, output first (charted)."""
    m = res.multipliers.reset_index()
    order = {k: i for i, k in enumerate(dict.fromkeys(m["measure"]))}
    sorder = {k: i for i, k in enumerate(dict.fromkeys(m["scenario_name"]))}
    m = m.assign(_s=m["scenario_name"].map(sorder), _m=m["measure"].map(order))
    m = m.sort_values(["_s", "_m"], kind="stable")
    m["change"] = denoise(m["change"], m["before"])
    m.insert(2, "name", [_names(table)[c] for c in m["code"]])
    units = [_mult_unit(table, k) for k in m["measure"]]
    m["unit"] = [u for u, _ in units]
    m["label"] = [measure_label(k, LANG) for k in m["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("code", tr("code", LANG)),
        _name_col(m),
        Column("label", tr("measure", LANG)),
        Column("unit", tr("unit", LANG), width=26),
        Column("before", tr("before", LANG), fmt="mult"),
        Column("after", tr("after", LANG), fmt="mult"),
        Column("change", tr("change", LANG), fmt="mult"),
    ]
    ws = _sheet(wb, "Multipliers", "Multipliers before and after",
                "Simple multipliers (open model) of the cluster sectors")  # fmt: skip
    rng = write_table(ws, m, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    from iocluster.reports.style import FORMATS

    for i, (_, fmt) in enumerate(units):
        if fmt != "mult":
            for k in (5, 6, 7):
                ws.cell(row=rng.first_row + i, column=rng.col_of(k)).number_format = FORMATS[fmt]
    n_out = int(((m["_s"] == 0) & (m["measure"] == "output")).sum())
    bar_chart(
        ws, rng, [5, 6], 1, f"J{HEADER_ROW}", title="Output multipliers before and after",
        axis_title=tr("per_unit_fd", LANG), max_rows=min(n_out, CHART_TOP),
        height=max(7.5, 0.9 * min(n_out, CHART_TOP) + 4),
    )  # fmt: skip
    return ws


def decomposition_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """Output change = technology effect + final-demand effect, ranked, stacked chart."""
    d = _ranked(res.decomposition.reset_index(), "change")
    d.insert(2, "name", [_names(table)[c] for c in d["code"]])
    u = table_money(table, LANG)
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("code", tr("code", LANG)),
        _name_col(d),
        Column("change", "Output change", u, "money"),
        Column("technology", "Technology (coefficient) effect", u, "money"),
        Column("final_demand", "Final-demand effect", u, "money"),
    ]
    sub = "Structural decomposition, polar average (Dietzenbacher & Los 1998)"
    ws = _sheet(wb, "Decomposition", "Decomposition of the output change", sub)
    rng = write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    data_bar(ws, rng.data_range(3))
    n = min(CHART_TOP, _first_scenario_rows(d))
    bar_chart(
        ws, rng, [4, 5], 1, f"H{HEADER_ROW}", title="Output change: technology and final demand",
        axis_title=u, stacked=True, max_rows=n,
    )  # fmt: skip
    return ws


def by_shock_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """The change of every measure by shock: each shock alone against the baseline, the
    interaction remainder, and the scenario's total (the parts add up to it exactly)."""
    assert res.by_shock is not None
    d = res.by_shock.reset_index()
    measures = list(res.by_shock.columns)
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("shock", "Shock", width=44),
        *(change_column(table, m, LANG) for m in measures),
    ]
    sub = (
        "Each shock alone against the baseline; interaction = the scenario's change less "
        "the sum of the shocks alone, so the rows add up to the total"
    )
    ws = _sheet(wb, "By shock", "What each shock contributes", sub)
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    return ws


def prices_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """Cost-push price changes by sector (Leontief price model), largest first."""
    p = res.prices.reset_index()
    p["pct_change"] = denoise(p["pct_change"], 100.0 * p["baseline"])
    p = _ranked(p, "pct_change")
    p.insert(2, "name", [_names(table)[c] for c in p["code"]])
    idx = "index, baseline = 1"
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("code", tr("code", LANG)),
        _name_col(p),
        Column("baseline", "Baseline price", idx, "0.0000"),
        Column("scenario", "Scenario price", idx, "0.0000"),
        Column("pct_change", tr("pct_change", LANG), fmt="0.00"),
    ]
    sub = "Leontief price model (Miller & Blair 2009, §2.6); imported inputs at unchanged prices"
    ws = _sheet(wb, "Prices", "Prices: cost-push changes by sector", sub)
    rng = write_table(ws, p, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    color_scale(ws, rng.data_range(5), diverging=True)
    return ws


def montecarlo_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """P5 / P50 / P95 (and the mean) of the change of every measure."""
    assert res.montecarlo is not None
    mc = res.montecarlo.reset_index()
    mc["unit"] = [measure_unit(table, k, LANG) for k in mc["measure"]]
    mc["measure"] = [measure_label(k, LANG) for k in mc["measure"]]
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("measure", tr("measure", LANG)),
        Column("unit", tr("unit", LANG), width=18),
        Column("mean", tr("mean", LANG), fmt="money"),
    ] + [Column(q, q.upper(), fmt="money") for q in ("p5", "p50", "p95")]
    cols.append(Column("draws", tr("draws", LANG), fmt="int"))
    ws = _sheet(wb, "Monte Carlo", tr("montecarlo", LANG), "Change from the baseline")
    rng = write_table(ws, mc, cols, row=HEADER_ROW)
    unit_formats(ws, rng, list(mc["unit"]), range(3, 7), LANG)
    return ws


def _by_sector_measure(table: IOTable, frame: pd.DataFrame) -> pd.DataFrame:
    """A frame indexed by sector code with a ``measure`` column, ready for a long sheet:
    sector names, units and translated measure labels added."""
    bs = frame.reset_index()
    bs.insert(2, "name", [_names(table)[c] for c in bs["code"]])
    bs["unit"] = [measure_unit(table, k, LANG) for k in bs["measure"]]
    bs["measure"] = [measure_label(k, LANG) for k in bs["measure"]]
    return bs


def _long_sheet(
    wb: Any, bs: pd.DataFrame, values: list[Column], name: str, title: str, subtitle: str
) -> Any:
    """Scenario, code, name, measure, unit, then ``values``: frozen, filterable, whole
    persons for employment."""
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("code", tr("code", LANG)),
        _name_col(bs),
        Column("measure", tr("measure", LANG), width=24),
        Column("unit", tr("unit", LANG), width=18),
        *values,
    ]
    ws = _sheet(wb, name, title, subtitle)
    rng = write_table(ws, bs, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    last = ws.cell(row=1, column=len(cols)).column_letter
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{rng.last_row}"
    money = [5 + k for k, c in enumerate(values) if c.fmt == "money"]  # not % columns
    unit_formats(ws, rng, list(bs["unit"]), money, LANG)
    return ws


def montecarlo_sector_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """P5 / P50 / P95 (and the mean) of every sector's change, by measure (filterable)."""
    assert res.montecarlo_by_sector is not None
    values = [Column("mean", tr("mean", LANG), fmt="money")]
    values += [Column(q, q.upper(), fmt="money") for q in ("p5", "p50", "p95")]
    bs = _by_sector_measure(table, res.montecarlo_by_sector)
    title, note = tr("montecarlo_by_sector", LANG), tr("montecarlo_by_sector_note", LANG)
    return _long_sheet(wb, bs, values, "Monte Carlo by sector", title, note)


def detail_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """Baseline, scenario, change and % change of every measure in every sector."""
    values = change_columns(LANG, "", "money", "scenario_name", "code")[2:]
    bs = _by_sector_measure(table, res.by_sector)
    title, note = "Impacts by sector and measure", tr("open_model_note", LANG)
    return _long_sheet(wb, bs, values, "Impacts detail", title, note)


def by_region_sheet(wb: Any, table: IOTable, res: ImpactResults) -> Any:
    """Interregional tables (issue 16): the change of output, value added and jobs by
    region with each region's share of the total change, then the origin × destination
    matrix of the output change (:func:`iocluster.scenarios.regions.regional_impacts`)."""
    from iocluster.regional.interregional.analysis import region_names

    regions = res.extra["regions"]
    assert isinstance(regions, pd.DataFrame)
    names = region_names(table, LANG)
    d = regions.reset_index()
    d["region"] = [names.get(k, k) for k in d["region"]]
    cols = [
        Column("scenario_name", tr("scenario", LANG)),
        Column("region", tr("region_col", LANG), width=20),
    ]
    for key in regions.columns:
        if key.endswith(" share %"):
            cols.append(
                Column(
                    key,
                    f"{measure_label(key.removesuffix(' share %'), LANG)}: "
                    f"{tr('share_of_change', LANG)}",
                    "%",
                    "0.00",
                )
            )
        else:
            cols.append(change_column(table, key, LANG))
    ws = _sheet(
        wb, tr("by_region", LANG), tr("by_region_title", LANG), str(regions.attrs.get("title", ""))
    )
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    sp = res.extra.get("spillovers")
    if isinstance(sp, pd.DataFrame):
        out = sp.xs("output", level="measure").reset_index()
        out["origin"] = [names.get(k, k) for k in out["origin"]]
        row = HEADER_ROW + len(d) + 3
        ws.cell(row=row - 1, column=1, value=tr("spillover_matrix", LANG))
        unit = measure_unit(table, "output", LANG)
        mcols = [
            Column("scenario_name", tr("scenario", LANG)),
            Column("origin", tr("origin_region", LANG), width=20),
            *(Column(k, names.get(str(k), str(k)), unit, "money") for k in sp.columns),
        ]
        write_table(ws, out, mcols, row=row, freeze=False)
    return ws
