"""The Excel report of ``iocluster analyze`` (written atomically, styled by :mod:`.style`).

Sheets, in order (names in the report language, :mod:`.i18n`; English shown):

``Summary``
    Headline numbers (indicator, value, unit) and the same in words; the sheet list.
``Validation``
    One row per table check: status (coloured), detail, value.
``Multipliers``
    By sector, ranked by the simple output multiplier: output (simple, Type I, total,
    Type II), value added, labour income and employment (simple and total); a native
    bar chart of the top sectors.
``Key sectors``
    Total backward and forward linkages, the Rasmussen–Hirschman indices, the class
    (key sectors highlighted) and the output lost if the sector were extracted.
``Cluster linkages`` and ``Value-added chain`` (when the table has clusters)
    Linkages of each cluster; the value-added content of its final demand (and, with a
    scenario, the services value added per unit of its final demand before and after).
``Impacts``, ``Impacts by sector``, ``Impacts by cluster`` (with a scenario)
    Totals (baseline, scenario, change, % change), the direct / indirect / induced split,
    Monte Carlo percentiles when drawn; changes by sector and by cluster with charts.
``About``
    Table provenance, checks, closure and import assumptions, the scenario, the program
    version and the command line (:func:`.style.about_rows`).

Every table's header row is row :data:`HEADER_ROW` (title above it), units are in the
headers, and the numbers are the library's results unrounded (formats only display).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.io.atomic import atomic_write
from iocluster.reports.analysis import Analysis
from iocluster.reports.i18n import money_unit, number, tr
from iocluster.reports.style import (
    FAIL_COLOR,
    FORMATS,
    WARN_COLOR,
    Column,
    about_rows,
    bar_chart,
    color_scale,
    data_bar,
    highlight_equal,
    print_setup,
    write_about_sheet,
    write_table,
    write_title,
)

__all__ = ["HEADER_ROW", "sheet_names", "summary_sentences", "write_analysis_workbook"]

#: Row of every table's header (title in row 1, subtitle in row 2).
HEADER_ROW = 4
CHART_TOP = 20


def sheet_names(a: Analysis, lang: str = "en") -> list[str]:
    """The report's sheet names, in order, for analysis ``a``."""
    keys = ["summary", "validation", "multipliers", "key_sectors"]
    if a.cluster_linkages is not None:
        keys.append("cluster_linkages")
    if a.chains is not None:
        keys.append("va_chain")
    if a.impacts is not None:
        keys += ["impacts", "impacts_by_sector", "impacts_by_cluster"]
    keys.append("about")
    return [tr(k, lang)[:31] for k in keys]


def _sheet(wb: Any, key: str, lang: str, subtitle: str = "") -> tuple[Any, int]:
    ws = wb.create_sheet(tr(key, lang)[:31])
    write_title(ws, tr(key, lang), subtitle)
    return ws, HEADER_ROW


def _u(a: Analysis, lang: str) -> str:
    """The monetary unit in the report language."""
    return money_unit(a.table.meta.scale, a.table.meta.currency, lang)


def _jobs_unit(a: Analysis, lang: str) -> str:
    return f"{tr('persons', lang)} / {_u(a, lang)}"


def _mult_label(measure: str, a: Analysis, lang: str) -> tuple[str, str, str]:
    """(label, unit, format) of one multiplier measure."""
    if measure == "output":
        return tr("output_multiplier", lang), tr("per_unit_fd", lang), "mult"
    if measure == "value_added":
        return tr("va_multiplier", lang), tr("per_unit_fd", lang), "mult"
    if measure == "income":
        return tr("income_multiplier", lang), tr("per_unit_fd", lang), "mult"
    return tr("employment_multiplier", lang), _jobs_unit(a, lang), "money"


def _names(a: Analysis) -> dict[str, str]:
    return dict(zip(a.table.codes, a.table.names, strict=True))


def _multipliers_sheet(wb: Any, a: Analysis, lang: str) -> None:
    m = a.multipliers
    df = m.copy()
    df.insert(0, "name", [_names(a)[c] for c in df.index])
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
    sub = f"{a.table.meta.title} — {tr('sorted_by', lang)} {cols[3].label.lower()}"
    ws, row = _sheet(wb, "multipliers", lang, sub)
    rng = write_table(ws, df, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    ws.auto_filter.ref = f"A{row}:{ws.cell(row=row, column=len(cols)).column_letter}{rng.last_row}"
    color_scale(ws, rng.data_range(3))
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [3] + ([4] if a.closed else [])
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_multipliers", lang),
        axis_title=tr("per_unit_fd", lang), max_rows=CHART_TOP,
    )  # fmt: skip


def _key_sectors_sheet(wb: Any, a: Analysis, lang: str) -> None:
    lk = a.linkages.copy()
    ext = a.extraction["output_loss"].reindex(lk.index)
    lk["extraction_loss"] = ext
    lk["class"] = [tr(k, lang) for k in lk["key_sector"]]
    lk["score"] = lk["power_of_dispersion"] + lk["sensitivity_of_dispersion"]
    order = {"key": 0, "backward-oriented": 1, "forward-oriented": 2, "weak": 3}
    lk["_o"] = [order.get(k, 4) for k in lk["key_sector"]]
    df = lk.sort_values(["_o", "score"], ascending=[True, False], kind="stable").reset_index()
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
        Column("extraction_loss", tr("extraction_loss", lang), _u(a, lang), "money"),
    ]
    basis = str(a.linkages.attrs.get("forward_basis", ""))
    ws, row = _sheet(wb, "key_sectors", lang, f"{tr('forward_basis', lang)}: {basis}")
    rng = write_table(ws, df, cols, row=row)
    ws.freeze_panes = f"C{row + 1}"
    highlight_equal(ws, rng.data_range(2), tr("key", lang))
    color_scale(ws, rng.data_range(3))
    color_scale(ws, rng.data_range(4))
    data_bar(ws, rng.data_range(7))


def _validation_sheet(wb: Any, a: Analysis, lang: str) -> None:
    df = a.validation.reset_index()
    cols = [
        Column("name", tr("check", lang), width=30),
        Column("status", tr("status", lang), width=10),
        Column("detail", tr("detail", lang), width=100),
        Column("value", tr("value", lang), fmt="0.000###"),
    ]
    ws, row = _sheet(wb, "validation", lang, a.table.meta.title)
    rng = write_table(ws, df, cols, row=row)
    highlight_equal(ws, rng.data_range(1), "PASS")
    highlight_equal(ws, rng.data_range(1), "WARN", WARN_COLOR)
    highlight_equal(ws, rng.data_range(1), "FAIL", FAIL_COLOR)


def _cluster_sheets(wb: Any, a: Analysis, lang: str) -> None:
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
        ws, row = _sheet(wb, "cluster_linkages", lang, a.table.meta.title)
        rng = write_table(ws, df, cols, row=row)
        highlight_equal(ws, rng.data_range(5), tr("key", lang))
    if a.chains is None:
        return
    df = a.chains.reset_index()
    u = _u(a, lang)
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
    ws, row = _sheet(wb, "va_chain", lang, a.table.meta.title)
    rng = write_table(ws, df, cols, row=row)
    data_bar(ws, rng.data_range(6), "70AD47")
    if a.impacts is not None:
        sc = a.impacts.services_content.reset_index()  # type: ignore[attr-defined]
        r2 = rng.last_row + 3
        ws.cell(row=r2 - 1, column=1, value=tr("services_content", lang)).font = _bold()
        write_table(ws, sc, _change_cols(lang, "", "mult", "scenario_name", "cluster"), row=r2,
                    freeze=False)  # fmt: skip


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True, size=12)


def _change_cols(lang: str, unit: str, fmt: str, *labels: str) -> list[Column]:
    keys = {"scenario_name": "scenario", "measure": "measure", "cluster": "cluster"}
    cols = [Column(k, tr(keys.get(k, k), lang), width=30 if k == "measure" else 18) for k in labels]
    return [
        *cols,
        Column("baseline", tr("baseline", lang), unit, fmt),
        Column("scenario", tr("scenario", lang), unit, fmt),
        Column("change", tr("change", lang), unit, fmt),
        Column("pct_change", tr("pct_change", lang), fmt="0.00"),
    ]


def _measure_unit(a: Analysis, measure: str, lang: str) -> str:
    if measure in a.table.satellite_names:
        u = a.table.satellite_units[a.table.satellite_names.index(measure)]
        return tr("persons", lang) if u in ("", "persons") else u
    if measure == "price_level":
        return "index"
    return _u(a, lang)


def _measure_label(measure: str, lang: str) -> str:
    if measure.startswith("employment"):
        rest = measure[len("employment") :].strip("_ ")
        return tr("employment", lang) + (f" ({rest})" if rest else "")
    return tr(measure, lang)


def _unit_formats(ws: Any, rng: Any, units: list[str], cols: range, lang: str) -> None:
    """Whole persons for rows in persons, four decimals for a price index."""
    for i, unit in enumerate(units):
        fmt = {tr("persons", lang): "persons", "index": "0.0000"}.get(unit)
        if fmt is None:
            continue
        for k in cols:
            ws.cell(row=rng.first_row + i, column=rng.col_of(k)).number_format = FORMATS.get(
                fmt, fmt
            )


def _impacts_sheets(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    tot = res.totals.reset_index()
    tot["unit"] = [_measure_unit(a, m, lang) for m in tot["measure"]]
    tot["measure"] = [_measure_label(m, lang) for m in tot["measure"]]
    cols = _change_cols(lang, "", "money", "scenario_name", "measure")
    cols.insert(2, Column("unit", tr("unit", lang), width=16))
    ws, row = _sheet(wb, "impacts", lang, tr("open_model_note", lang))
    rng = write_table(ws, tot, cols, row=row)
    _unit_formats(ws, rng, list(tot["unit"]), range(3, 6), lang)
    data_bar(ws, rng.data_range(6))
    eff = res.effects.reset_index()
    eff["unit"] = [_measure_unit(a, m, lang) for m in eff["measure"]]
    eff["measure"] = [_measure_label(m, lang) for m in eff["measure"]]
    r2 = rng.last_row + 3
    ws.cell(row=r2 - 1, column=1, value=tr("effects_title", lang)).font = _bold()
    ecols = [
        Column("scenario_name", tr("scenario", lang), width=18),
        Column("measure", tr("measure", lang), width=30),
        Column("unit", tr("unit", lang), width=16),
    ] + [Column(k, tr(k, lang), fmt="money") for k in ("direct", "indirect", "induced", "total")]
    rng2 = write_table(ws, eff, ecols, row=r2, freeze=False)
    _unit_formats(ws, rng2, list(eff["unit"]), range(3, 7), lang)
    bar_chart(
        ws, rng2, [3, 4, 5], 1, f"J{HEADER_ROW}", title=tr("effects_title", lang),
        stacked=True, max_rows=2, height=7.5,
    )  # fmt: skip
    if res.montecarlo is not None:
        mc = res.montecarlo.reset_index()
        mc["measure"] = [_measure_label(m, lang) for m in mc["measure"]]
        r3 = rng2.last_row + 3
        ws.cell(row=r3 - 1, column=1, value=tr("montecarlo", lang)).font = _bold()
        mcols = [
            Column("scenario_name", tr("scenario", lang), width=18),
            Column("measure", tr("measure", lang), width=18),
            Column("mean", tr("mean", lang), fmt="money"),
        ] + [Column(p, p.upper(), fmt="money") for p in ("p5", "p50", "p95")]
        mcols.append(Column("draws", tr("draws", lang), fmt="int"))
        write_table(ws, mc, mcols, row=r3, freeze=False)
    _by_sector_sheet(wb, a, lang)
    _by_cluster_sheet(wb, a, lang)


def _wide(df: pd.DataFrame, index: list[str]) -> pd.DataFrame:
    w = df.pivot_table(index=index, columns="measure", values="change", sort=False)
    return w.reset_index()


def _by_sector_sheet(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    bs = res.by_sector.reset_index()
    w = _wide(bs, ["scenario_name", "code"])
    out0 = bs[bs["measure"] == "output"].set_index(["scenario_name", "code"])["pct_change"]
    w["output_pct"] = [
        out0.get((s, c), np.nan) for s, c in zip(w["scenario_name"], w["code"], strict=True)
    ]
    w.insert(2, "name", [_names(a)[c] for c in w["code"]])
    w["_o"] = [-abs(v) for v in w["output"]]
    order = {n: i for i, n in enumerate(dict.fromkeys(w["scenario_name"]))}
    w["_s"] = [order[s] for s in w["scenario_name"]]
    w = w.sort_values(["_s", "_o"], kind="stable")
    measures = [m for m in dict.fromkeys(bs["measure"]) if m != "price_level"]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=16),
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=min(45, max(len(s) for s in w["name"]) + 2)),
    ]
    for m in measures:
        unit = _measure_unit(a, m, lang)
        fmt = "persons" if unit == tr("persons", lang) else "money"
        cols.append(
            Column(m, f"{_measure_label(m, lang)}: {tr('change', lang).lower()}", unit, fmt)
        )
    cols.append(Column("output_pct", f"{tr('output', lang)}: {tr('pct_change', lang).lower()}",
                       fmt="0.00"))  # fmt: skip
    ws, row = _sheet(wb, "impacts_by_sector", lang, tr("open_model_note", lang))
    rng = write_table(ws, w, cols, row=row)
    ws.freeze_panes = f"D{row + 1}"
    data_bar(ws, rng.data_range(3))
    n_first = int((w["_s"] == 0).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [3] + [k for k, c in enumerate(cols) if c.key == "value_added"]
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_sector", lang), axis_title=_u(a, lang),
        max_rows=min(CHART_TOP, n_first),
    )  # fmt: skip


def _by_cluster_sheet(wb: Any, a: Analysis, lang: str) -> None:
    res: Any = a.impacts
    cl = res.clusters.reset_index()
    w = _wide(cl, ["scenario_name", "cluster"])
    measures = [m for m in dict.fromkeys(cl["measure"])]
    cols = [Column("scenario_name", tr("scenario", lang), width=16),
            Column("cluster", tr("cluster", lang))]  # fmt: skip
    for m in measures:
        unit = _measure_unit(a, m, lang)
        fmt = "persons" if unit == tr("persons", lang) else "money"
        cols.append(
            Column(m, f"{_measure_label(m, lang)}: {tr('change', lang).lower()}", unit, fmt)
        )
    ws, row = _sheet(wb, "impacts_by_cluster", lang, tr("open_model_note", lang))
    rng = write_table(ws, w, cols, row=row)
    n_first = int((w["scenario_name"] == w["scenario_name"].iloc[0]).sum())
    anchor = f"{ws.cell(row=1, column=len(cols) + 2).column_letter}{HEADER_ROW}"
    vals = [k for k, c in enumerate(cols) if c.key in ("output", "value_added")]
    bar_chart(
        ws, rng, vals, 1, anchor, title=tr("fig_impacts_cluster", lang), axis_title=_u(a, lang),
        max_rows=n_first,
    )  # fmt: skip


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def summary_sentences(a: Analysis, lang: str = "en") -> list[str]:
    """The headline numbers in words (the Summary sheet and the terminal summary)."""
    t, u = a.table, _u(a, lang)
    out = []
    jobs = ""
    if a.employment is not None:
        jobs = tr("sent_jobs", lang).format(
            jobs=number(float(t.satellite(a.employment).sum()), lang, 0)
        )
    out.append(tr("sent_economy", lang).format(
        output=number(float(t.x.sum()), lang), va=number(float(t.value_added.sum()), lang),
        unit=u, jobs=jobs))  # fmt: skip
    st = a.validation["status"]
    bad = [f"{n}: {s}" for n, s in st.items() if s != "PASS"]
    out.append(tr("sent_checks", lang).format(
        passed=int((st == "PASS").sum()), total=len(st),
        worst=(" (" + "; ".join(bad[:3]) + ")") if bad else ""))  # fmt: skip
    key = a.linkages[a.linkages["key_sector"] == "key"]
    key = key.assign(_s=key["power_of_dispersion"] + key["sensitivity_of_dispersion"])
    key = key.sort_values("_s", ascending=False)
    shown = [f"{c} ({_short(n)})" for c, n in zip(key.index[:5], key["name"][:5], strict=True)]
    if len(key) > 5:
        shown.append(f"+{len(key) - 5}")
    out.append(tr("sent_key", lang).format(n=len(key), names=", ".join(shown) or "—"))
    top = str(a.multipliers["output_simple"].idxmax())
    best = float(a.multipliers["output_simple"].max())
    sector = f"{top} ({_short(_names(a)[top])})"
    out.append(tr("sent_mult", lang).format(sector=sector, value=number(best, lang, 3), unit=u))
    if a.impacts is not None:
        res: Any = a.impacts
        for name in dict.fromkeys(res.totals.index.get_level_values(0)):
            tot = res.totals.loc[name]
            jobs = ""
            if a.employment is not None and a.employment in tot.index:
                e = tot.loc[a.employment]
                jobs = tr("sent_scenario_jobs", lang).format(
                    d_jobs=number(e["change"], lang, 0, True),
                    p_jobs=number(e["pct_change"], lang, 2, True),
                )
            o, v = tot.loc["output"], tot.loc["value_added"]
            out.append(
                tr("sent_scenario", lang).format(
                    name=name,
                    unit=u,
                    d_out=number(o["change"], lang, 1, True),
                    p_out=number(o["pct_change"], lang, 2, True),
                    d_va=number(v["change"], lang, 1, True),
                    p_va=number(v["pct_change"], lang, 2, True),
                    jobs=jobs,
                )
            )
            eff = res.effects.loc[name]
            if np.isfinite(eff.loc["output", "induced"]):
                tot_out = number(float(eff.loc["output", "total"]), lang, 1, True)
                out.append(tr("sent_induced", lang).format(tot_out=tot_out, unit=u))
            sc = res.services_content.loc[name]
            for cname, r in sc.iterrows():
                if abs(r["change"]) >= 5e-4 and cname != "services":
                    out.append(tr("sent_services", lang).format(
                        cluster=cname, before=number(r["baseline"], lang, 3),
                        after=number(r["scenario"], lang, 3)))  # fmt: skip
    return out


def _summary_sheet(wb: Any, a: Analysis, lang: str) -> None:
    ws = wb.active
    ws.title = tr("summary", lang)[:31]
    m = a.table.meta
    sub = " · ".join(s for s in (m.title, m.region, str(m.year or ""), _u(a, lang)) if s)
    write_title(ws, tr("report_title", lang), sub)
    t = a.table
    money, persons = _u(a, lang), tr("persons", lang)
    rows: list[tuple[str, object, str, str]] = [
        (tr("total_output", lang), float(t.x.sum()), money, "money"),
        (tr("total_va", lang), float(t.value_added.sum()), money, "money"),
    ]
    if a.employment is not None:
        jobs = float(t.satellite(a.employment).sum())
        rows.append((tr("total_jobs", lang), jobs, persons, "persons"))
    st = a.validation["status"]
    rows.append((tr("checks_passed", lang), f"{int((st == 'PASS').sum())} / {len(st)}", "", ""))
    n_key = int((a.linkages["key_sector"] == "key").sum())
    rows.append((tr("top_key_sectors", lang), n_key, "", "int"))
    top = str(a.multipliers["output_simple"].idxmax())
    best = float(a.multipliers["output_simple"].max())
    label = f"{tr('largest_multiplier', lang)}: {top}"
    rows.append((label, best, tr("per_unit_fd", lang), "mult"))
    if a.impacts is not None:
        res: Any = a.impacts
        for (name, meas), r in res.totals.iterrows():
            if meas == "price_level":
                continue
            label = f"{tr('scenario_effect', lang)} «{name}»*: {_measure_label(meas, lang)}"
            unit = _measure_unit(a, meas, lang)
            rows.append(
                (label, float(r["change"]), unit, "persons" if unit == persons else "money")
            )
    df = pd.DataFrame(rows, columns=["indicator", "value", "unit", "fmt"])
    cols = [
        Column("indicator", tr("indicator", lang), width=58),
        Column("value", tr("value", lang), fmt="money", width=18),
        Column("unit", tr("unit", lang), width=26),
    ]
    ws.cell(row=HEADER_ROW - 1, column=1, value=tr("headline", lang)).font = _bold()
    rng = write_table(ws, df, cols, row=HEADER_ROW, freeze=False)
    from openpyxl.styles import Alignment, Font

    for i, fmt in enumerate(df["fmt"]):
        cell = ws.cell(row=rng.first_row + i, column=2)
        cell.number_format = FORMATS.get(fmt, "General")
        cell.alignment = Alignment(horizontal="right")

    r = rng.last_row + 2
    if a.impacts is not None:
        note = ws.cell(row=rng.last_row + 1, column=1, value="* " + tr("open_model_note", lang))
        note.font = Font(italic=True, color="595959")
        r += 1
    ws.cell(row=r, column=1, value=tr("in_words", lang)).font = _bold()
    for k, s in enumerate(summary_sentences(a, lang), start=1):
        ws.merge_cells(start_row=r + k, start_column=1, end_row=r + k, end_column=6)
        c = ws.cell(row=r + k, column=1, value=s)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r + k].height = 15 * max(1, -(-len(s) // 120))
    r = r + k + 2
    ws.cell(row=r, column=1, value=tr("sheets_in_report", lang)).font = _bold()
    for k, name in enumerate(sheet_names(a, lang)[1:], start=1):
        c = ws.cell(row=r + k, column=1, value=name)
        c.hyperlink = f"#'{name}'!A1"
        c.style = "Hyperlink"
    if m.illustrative:
        ws.cell(row=r + k + 2, column=1, value=tr("illustrative", lang)).font = _bold()


def _scenario_pairs(a: Analysis) -> list[tuple[str, str]]:
    if a.scenario_file is None:
        return []
    from iocluster.reports.impact_workbook import scenario_rows

    sf: Any = a.scenario_file
    pairs = [("file", str(sf.source))]
    for sc in sf.scenarios:
        if sc.description:
            pairs.append((sc.name, sc.description))
    for _, r in scenario_rows(sf).iterrows():
        where = (
            r["scenario"] if r["shock"] == "" else f"{r['scenario']} #{r['shock']} ({r['kind']})"
        )
        pairs.append((f"{where}: {r['field']}", str(r["value"])))
    return pairs


def write_analysis_workbook(
    path: str | Path, a: Analysis, *, lang: str = "en", command: str = "", force: bool = False
) -> Path:
    """Write the analysis report of ``a`` to ``path`` atomically (see the module docstring)."""
    from openpyxl import Workbook

    wb = Workbook()
    _summary_sheet(wb, a, lang)
    _validation_sheet(wb, a, lang)
    _multipliers_sheet(wb, a, lang)
    _key_sectors_sheet(wb, a, lang)
    _cluster_sheets(wb, a, lang)
    if a.impacts is not None:
        _impacts_sheets(wb, a, lang)
    rows = about_rows(
        a.table, lang=lang, checks=a.validation, closure=a.closure, assumptions=a.assumptions,
        scenario=_scenario_pairs(a), command=command,
    )  # fmt: skip
    write_about_sheet(wb, rows, lang)
    for ws in wb.worksheets:
        first = ws is wb.worksheets[0]
        area = None
        if ws._charts:
            from openpyxl.utils import get_column_letter

            last = max(c.column for c in ws[HEADER_ROW] if c.value is not None)
            area = f"A1:{get_column_letter(last)}{ws.max_row}"
        repeat = None if first else f"{HEADER_ROW}:{HEADER_ROW}"
        print_setup(ws, repeat_rows=repeat, print_area=area)
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
