"""What the lab's pages show, as frames with their words in the page's language: the
table's overview and validation, multipliers and key sectors, and a scenario's results
(totals, direct / indirect / induced, by sector, cluster, shock and region, the fiscal
balance, Monte Carlo bands). Money is shown at a readable scale with its unit in the
header; numbers stay numbers (the page's grids sort them); the library's sentences are
rendered by :mod:`iocluster.reports.messages`. No new numbers: these only lay out the
library's results.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.model.closure import Closure
from iocluster.reports.check_words import check_label, flag_label, reason_text, status_label
from iocluster.reports.i18n import money_unit, pick_power, scale_factor, scaled_unit, tr
from iocluster.reports.impact.tables import measure_label, measure_unit, shock_words
from iocluster.reports.messages import message
from iocluster.table import IOTable

__all__ = [
    "by_cluster_frame",
    "by_region_frame",
    "by_sector_frame",
    "by_shock_frame",
    "effects_frame",
    "filter_rows",
    "fiscal_frame",
    "key_sectors_frame",
    "money_scale",
    "montecarlo_frame",
    "multiplier_measures",
    "multipliers_frame",
    "overview_rows",
    "totals_frame",
    "validation_frame",
]


def money_scale(
    table: IOTable, values: Sequence[float] | np.ndarray, lang: str
) -> tuple[float, str]:
    """``(divisor, unit)``: money in the table's unit shown where the largest of
    ``values`` reads 1 to 999 (``"трлн сум"``)."""
    base = scale_factor(table.meta.scale)
    power = max(pick_power(values, base), base)
    return 10.0 ** (power - base), scaled_unit(power, table.meta.currency, lang)


def _head(label: str, unit: str) -> str:
    return f"{label}, {unit}" if unit else label


def overview_rows(table: IOTable, lang: str) -> list[tuple[str, str]]:
    """The table's card: title, region, year, unit, sectors, kind, illustrative, source."""
    m = table.meta
    rows = [
        (tr("table", lang), m.title or tr("untitled", lang)),
        (tr("region", lang), m.region),
        (tr("year", lang), str(m.year) if m.year else ""),
        (tr("units_money", lang), money_unit(m.scale, m.currency, lang)),
        (tr("sectors_n", lang), str(table.n)),
        (tr("table_kind", lang), tr(f"kind_{table.kind}", lang)),
        (tr("lab_illustrative", lang), tr("yes", lang) if m.illustrative else tr("no", lang)),
        (tr("source", lang), m.source),
    ]
    return [(k, v) for k, v in rows if v]


def validation_frame(table: IOTable, lang: str) -> pd.DataFrame:
    """One row per check of :func:`iocluster.analysis.validate.validate_table`."""
    from iocluster.analysis.validate import validate_table

    v = validate_table(table).to_frame().reset_index()
    return pd.DataFrame(
        {
            tr("check", lang): [check_label(str(n), lang) for n in v["name"]],
            tr("status", lang): [status_label(str(s), lang) for s in v["status"]],
            tr("detail", lang): [message(d, lang) for d in v["detail"]],
        }
    )


def filter_rows(df: pd.DataFrame, query: str, columns: Sequence[str]) -> pd.DataFrame:
    """Rows whose ``columns`` contain ``query`` (case-insensitive; all when empty)."""
    q = query.strip().lower()
    if not q:
        return df
    hit = np.zeros(len(df), dtype=bool)
    for c in columns:
        hit |= df[c].astype(str).str.lower().str.contains(q, regex=False).to_numpy()
    return df[hit]


def multiplier_measures(table: IOTable) -> list[str]:
    """The multiplier measures of a table: output, value added, income and jobs (the
    employment row of :func:`iocluster.model.sectors.employment_satellite`)."""
    from iocluster.analysis.multipliers import available_measures, measure_name
    from iocluster.model.sectors import employment_satellite

    avail = available_measures(table)
    measures: list[str] = [m for m in ("output", "value_added", "income") if m in avail]
    emp = employment_satellite(table)
    if emp is not None and measure_name(emp) in avail:
        measures.append(measure_name(emp))
    return measures


def multipliers_frame(
    table: IOTable, closure: Closure | None, lang: str, measure: str = "output"
) -> pd.DataFrame:
    """One measure's multipliers by sector: simple and Type I, and with a closure total
    and Type II (Miller & Blair 2009, ch. 6)."""
    from iocluster.analysis.multipliers import multipliers

    kinds = ("simple", "type_I") + (("total", "type_II") if closure is not None else ())
    M = multipliers(table, [measure], kinds=kinds, closure=closure)
    out = pd.DataFrame({tr("code", lang): list(table.codes), tr("sector", lang): list(table.names)})
    for k in kinds:
        label = f"{measure_label(measure, lang)}: {tr('total_mult' if k == 'total' else k, lang)}"
        out[label] = np.round(M[f"{measure}_{k}"].to_numpy(dtype=float), 4)
    return out


def key_sectors_frame(table: IOTable, lang: str) -> pd.DataFrame:
    """Key sectors (Rasmussen's indices, Miller & Blair 2009 §12.2) with the flags of the
    sectors the validation sets aside, and why."""
    from iocluster.analysis.linkages import linkages

    L = linkages(table)
    return pd.DataFrame(
        {
            tr("code", lang): list(L.index),
            tr("sector", lang): list(L["name"]),
            tr("class", lang): [tr(str(k), lang) for k in L["key_sector"]],
            tr("power_of_dispersion", lang): np.round(L["power_of_dispersion"].to_numpy(float), 3),
            tr("sensitivity_of_dispersion", lang): np.round(
                L["sensitivity_of_dispersion"].to_numpy(float), 3
            ),
            tr("flag", lang): [flag_label(str(f), lang) for f in L["flag"]],
            tr("reason", lang): [reason_text(r, lang) for r in L["reason"]],
        }
    )


def _shown(table: IOTable, measure: str, values: np.ndarray, lang: str) -> tuple[np.ndarray, str]:
    """Values of one measure at a readable scale, and their unit."""
    unit = measure_unit(table, measure, lang)
    if unit == tr("persons", lang):
        return np.round(values, 0), unit
    if measure == "price_level":
        return np.round(values, 4), unit
    div, money = money_scale(table, values, lang)
    return np.round(values / div, 2), money


def totals_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """Baseline, scenario, change and % change of every measure, each row at its scale."""
    t = res.totals.reset_index()  # type: ignore[attr-defined]
    rows = []
    for _, r in t.iterrows():
        vals = np.array([r["baseline"], r["scenario"], r["change"]], dtype=float)
        shown, unit = _shown(table, str(r["measure"]), vals, lang)
        rows.append(
            [measure_label(str(r["measure"]), lang), unit, *shown, round(float(r["pct_change"]), 3)]
        )
    cols = [
        tr("measure", lang),
        tr("unit", lang),
        tr("baseline", lang),
        f"{tr('scenario', lang)}, {tr('value', lang).lower()}",
        tr("change", lang),
        tr("pct_change", lang),
    ]
    return pd.DataFrame(rows, columns=cols)


def effects_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """The change of every measure split into direct, indirect and induced effects."""
    e = res.effects.reset_index()  # type: ignore[attr-defined]
    rows = []
    for _, r in e.iterrows():
        vals = np.array([r["direct"], r["indirect"], r["induced"], r["total"]], dtype=float)
        shown, unit = _shown(table, str(r["measure"]), vals, lang)
        rows.append([measure_label(str(r["measure"]), lang), unit, *shown])
    cols = [tr("measure", lang), tr("unit", lang)] + [
        tr(k, lang) for k in ("direct", "indirect", "induced", "total")
    ]
    return pd.DataFrame(rows, columns=cols)


def by_sector_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """The change of every measure by sector (wide), ranked by the output change."""
    b = res.by_sector.reset_index()  # type: ignore[attr-defined]
    w = b.pivot_table(index="code", columns="measure", values="change", sort=False)
    w = w.reindex([c for c in table.codes if c in w.index])
    names = dict(zip(table.codes, table.names, strict=True))
    out = pd.DataFrame(
        {tr("code", lang): list(w.index), tr("sector", lang): [names[c] for c in w.index]}
    )
    for m in w.columns:
        shown, unit = _shown(table, str(m), w[m].to_numpy(dtype=float), lang)
        out[_head(f"{measure_label(str(m), lang)}: {tr('change', lang).lower()}", unit)] = shown
    if "output" in w.columns:
        out = out.iloc[np.argsort(-np.abs(w["output"].to_numpy(dtype=float)), kind="stable")]
    return out.reset_index(drop=True)


def by_cluster_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """The change of every measure by cluster (wide)."""
    c = res.clusters.reset_index()  # type: ignore[attr-defined]
    if c.empty:
        return pd.DataFrame()
    w = c.pivot_table(index="cluster", columns="measure", values="change", sort=False)
    out = pd.DataFrame({tr("cluster", lang): list(w.index)})
    for m in w.columns:
        shown, unit = _shown(table, str(m), w[m].to_numpy(dtype=float), lang)
        out[_head(f"{measure_label(str(m), lang)}: {tr('change', lang).lower()}", unit)] = shown
    return out


def by_shock_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """Each shock's contribution to the change of every measure."""
    s = res.by_shock  # type: ignore[attr-defined]
    if s is None or s.empty:
        return pd.DataFrame()
    s = s.reset_index()
    out = pd.DataFrame({tr("shock", lang): [shock_words(str(v), lang) for v in s["shock"]]})
    for m in [c for c in s.columns if c not in ("scenario_name", "shock")]:
        shown, unit = _shown(table, str(m), s[m].to_numpy(dtype=float), lang)
        out[_head(measure_label(str(m), lang), unit)] = shown
    return out


def by_region_frame(res: object, table: IOTable, lang: str, names: dict[str, str]) -> pd.DataFrame:
    """An interregional table's change by region (output, value added, jobs)."""
    br = res.by_region  # type: ignore[attr-defined]
    if br is None or br.empty:
        return pd.DataFrame()
    b = br.reset_index()
    w = b.pivot_table(index="region", columns="measure", values="change", sort=False)
    out = pd.DataFrame({tr("region_col", lang): [names.get(str(k), str(k)) for k in w.index]})
    for m in w.columns:
        shown, unit = _shown(table, str(m), w[m].to_numpy(dtype=float), lang)
        out[_head(f"{measure_label(str(m), lang)}: {tr('change', lang).lower()}", unit)] = shown
    return out


def fiscal_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """The fiscal balance of tax and subsidy shocks (IMPLAN's tax impact layout)."""
    f = res.fiscal  # type: ignore[attr-defined]
    if f is None or f.empty:
        return pd.DataFrame()
    f = f.reset_index()
    cols = [c for c in f.columns if c not in ("scenario_name", "period")]
    out = pd.DataFrame(
        {tr("period", lang): [tr(str(p), lang) for p in f.get("period", ["total"] * len(f))]}
    )
    for c in cols:  # each column at its own scale: revenue in trillions, changes in billions
        div, unit = money_scale(table, f[c].to_numpy(dtype=float), lang)
        out[_head(tr(c, lang), unit)] = np.round(f[c].to_numpy(dtype=float) / div, 2)
    return out


def montecarlo_frame(res: object, table: IOTable, lang: str) -> pd.DataFrame:
    """P5, P50, P95 and mean of the change of every measure over the draws."""
    mc = res.montecarlo  # type: ignore[attr-defined]
    if mc is None:
        return pd.DataFrame()
    m = mc.reset_index()
    rows = []
    for _, r in m.iterrows():
        vals = np.array([r["p5"], r["p50"], r["p95"], r["mean"]], dtype=float)
        shown, unit = _shown(table, str(r["measure"]), vals, lang)
        rows.append([measure_label(str(r["measure"]), lang), unit, *shown, int(r["draws"])])
    cols = [
        tr("measure", lang),
        tr("unit", lang),
        "P5",
        "P50",
        "P95",
        tr("mean", lang),
        tr("draws", lang),
    ]
    return pd.DataFrame(rows, columns=cols)
