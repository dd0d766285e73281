"""The Summary sheet of the analysis report and the headline numbers in words
(also printed by ``iocluster analyze``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from iocluster.pipeline.analyze import Analysis
from iocluster.reports.about import names_note
from iocluster.reports.analysis.layout import HEADER_ROW, money, sector_names, sheet_names
from iocluster.reports.check_words import check_label, status_label
from iocluster.reports.i18n import (
    money_text,
    number,
    percent,
    pick_power,
    scale_factor,
    scaled_unit,
    tr,
)
from iocluster.reports.impact.tables import bold, measure_label, measure_unit
from iocluster.reports.style import FORMATS, Column, write_table, write_title

__all__ = ["largest_multiplier", "ranked_key_sectors", "summary_sentences", "summary_sheet"]


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _unitless(template: str) -> str:
    """A sentence template whose amounts carry their own scaled unit (``money_text``)."""
    return template.replace(" {unit}", "")


def _scaled_rows(
    rows: list[tuple[str, object, str, str]], a: Analysis, lang: str
) -> list[tuple[str, object, str, str]]:
    """Money rows of the headline table each at its readable scale (trillion, billion,
    ...): the Summary is read; the data sheets keep the table's unit and full precision."""
    m = a.table.meta
    base = scale_factor(m.scale)
    out: list[tuple[str, object, str, str]] = []
    for label, value, unit, fmt in rows:
        if fmt == "money" and isinstance(value, float):
            power = pick_power([value], base)
            out.append((label, value * 10.0 ** (base - power),
                        scaled_unit(power, m.currency, lang), "money2"))  # fmt: skip
        else:
            out.append((label, value, unit, fmt))
    return out


def _ranked(a: Analysis) -> pd.Series:
    """Whether each sector (linkages order) enters the summary's rankings: the
    unflagged ones, or all with ``include_flagged`` (:mod:`iocluster.analysis.flags`)."""
    from iocluster.analysis.flags import flagged

    keep = ~flagged(a.linkages) | a.include_flagged
    return pd.Series(keep, index=a.linkages.index)


def ranked_key_sectors(a: Analysis) -> pd.DataFrame:
    """The key sectors the summary names, by U + S (largest first): the unflagged ones,
    or all with ``include_flagged``."""
    lk = a.linkages[_ranked(a)]
    key = lk[lk["key_sector"] == "key"]
    key = key.assign(_s=key["power_of_dispersion"] + key["sensitivity_of_dispersion"])
    return key.sort_values("_s", ascending=False, kind="stable")


def largest_multiplier(a: Analysis) -> tuple[str, float]:
    """The sector with the largest simple output multiplier among those the summary
    ranks, and the multiplier."""
    keep = _ranked(a).reindex(a.multipliers.index, fill_value=True)
    m = a.multipliers.loc[keep.to_numpy(), "output_simple"]
    return str(m.idxmax()), float(m.max())


def _flag_sentence(a: Analysis, lang: str) -> str:
    from iocluster.analysis.flags import flagged

    k = int(flagged(a.linkages).sum())
    if not k:
        return ""
    key = "sent_flagged_incl" if a.include_flagged else "sent_flagged"
    return tr(key, lang).format(k=k, n=len(a.linkages), sheet=tr("key_sectors", lang))


def summary_sentences(a: Analysis, lang: str = "en") -> list[str]:
    """The headline numbers in words (the Summary sheet and the terminal summary).

    Rankings (key sectors, the largest multiplier) name the sectors the validation does
    not flag and say how many were set aside; with ``a.include_flagged`` they rank every
    sector and mark the flagged ones †."""
    t = a.table
    scale, cur = t.meta.scale, t.meta.currency

    def cash(v: float, sign: bool = False) -> str:
        return money_text(float(v), scale, cur, lang, sign=sign)

    out = []
    jobs = ""
    if a.employment is not None:
        jobs = tr("sent_jobs", lang).format(
            jobs=number(float(t.satellite(a.employment).sum()), lang, 0)
        )
    out.append(_unitless(tr("sent_economy", lang)).format(
        output=cash(t.x.sum()), va=cash(t.value_added.sum()), jobs=jobs))  # fmt: skip
    st = a.validation["status"]
    bad = [f"{check_label(str(n), lang)}: {status_label(str(s), lang)}"
           for n, s in st.items() if s != "PASS"]  # fmt: skip
    bad = bad[:3] + ([f"+{len(bad) - 3}"] if len(bad) > 3 else [])
    out.append(tr("sent_checks", lang).format(
        passed=int((st == "PASS").sum()), total=len(st),
        worst=(" (" + "; ".join(bad) + ")") if bad else ""))  # fmt: skip
    from iocluster.analysis.flags import flagged

    flag_text = _flag_sentence(a, lang)
    if flag_text:
        out.append(flag_text)
    key = ranked_key_sectors(a)
    mark = ["†" if f else "" for f in flagged(key)]
    shown = [f"{c}{m} ({_short(n)})" for c, m, n in zip(key.index[:5], mark[:5], key["name"][:5],
                                                       strict=True)]  # fmt: skip
    if len(key) > 5:
        shown.append(f"+{len(key) - 5}")
    all_key = a.linkages["key_sector"] == "key"
    aside = int((all_key & ~_ranked(a)).sum())
    names = (", ".join(shown) or "—") + (tr("key_aside", lang).format(k=aside) if aside else "")
    out.append(tr("sent_key", lang).format(n=len(key), names=names))
    top, best = largest_multiplier(a)
    sector = f"{top} ({_short(sector_names(a)[top])})"
    out.append(tr("sent_mult", lang).format(sector=sector, value=number(best, lang, 3)))
    if a.impacts is not None:
        res: Any = a.impacts
        for name in dict.fromkeys(res.totals.index.get_level_values(0)):
            tot = res.totals.loc[name]
            jobs = ""
            if a.employment is not None and a.employment in tot.index:
                e = tot.loc[a.employment]
                jobs = tr("sent_scenario_jobs", lang).format(
                    d_jobs=number(e["change"], lang, 0, True),
                    p_jobs=percent(e["pct_change"], lang, True),
                )
            o, v = tot.loc["output"], tot.loc["value_added"]
            out.append(
                _unitless(tr("sent_scenario", lang)).format(
                    name=name,
                    d_out=cash(o["change"], True),
                    p_out=percent(o["pct_change"], lang, True),
                    d_va=cash(v["change"], True),
                    p_va=percent(v["pct_change"], lang, True),
                    jobs=jobs,
                )
            )
            eff = res.effects.loc[name]
            if np.isfinite(eff.loc["output", "induced"]):
                tot_out = cash(eff.loc["output", "total"], True)
                out.append(_unitless(tr("sent_induced", lang)).format(tot_out=tot_out))
            sc = res.services_content
            if sc.empty or name not in sc.index.get_level_values("scenario_name"):
                continue  # no clusters: no services content to report
            for cname, r in sc.loc[name].iterrows():
                if abs(r["change"]) >= 5e-4 and cname != "services":
                    out.append(tr("sent_services", lang).format(
                        cluster=cname, before=number(r["baseline"], lang, 3),
                        after=number(r["scenario"], lang, 3)))  # fmt: skip
    return out


def summary_sheet(wb: Any, a: Analysis, lang: str) -> None:
    ws = wb.active
    ws.title = tr("summary", lang)[:31]
    m = a.table.meta
    sub = " · ".join(s for s in (m.title, m.region, str(m.year or ""), money(a, lang)) if s)
    write_title(ws, tr("report_title", lang), sub)
    t = a.table
    cur, persons = money(a, lang), tr("persons", lang)
    rows: list[tuple[str, object, str, str]] = [
        (tr("total_output", lang), float(t.x.sum()), cur, "money"),
        (tr("total_va", lang), float(t.value_added.sum()), cur, "money"),
    ]
    if a.employment is not None:
        jobs = float(t.satellite(a.employment).sum())
        rows.append((tr("total_jobs", lang), jobs, persons, "persons"))
    st = a.validation["status"]
    rows.append((tr("checks_passed", lang), f"{int((st == 'PASS').sum())} / {len(st)}", "", ""))
    rows.append((tr("top_key_sectors", lang), len(ranked_key_sectors(a)), "", "int"))
    top, best = largest_multiplier(a)
    label = f"{tr('largest_multiplier', lang)}: {top}"
    rows.append((label, best, tr("per_unit_fd", lang), "mult"))
    if a.impacts is not None:
        res: Any = a.impacts
        for (name, meas), r in res.totals.iterrows():
            if meas == "price_level":
                continue
            label = f"{tr('scenario_effect', lang)} «{name}»*: {measure_label(meas, lang)}"
            unit = measure_unit(a.table, meas, lang)
            rows.append(
                (label, float(r["change"]), unit, "persons" if unit == persons else "money")
            )
    df = pd.DataFrame(_scaled_rows(rows, a, lang), columns=["indicator", "value", "unit", "fmt"])
    cols = [
        Column("indicator", tr("indicator", lang), width=58),
        Column("value", tr("value", lang), fmt="money", width=18),
        Column("unit", tr("unit", lang), width=26),
    ]
    ws.cell(row=HEADER_ROW - 1, column=1, value=tr("headline", lang)).font = bold()
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
    ws.cell(row=r, column=1, value=tr("in_words", lang)).font = bold()
    for k, s in enumerate(summary_sentences(a, lang), start=1):
        ws.merge_cells(start_row=r + k, start_column=1, end_row=r + k, end_column=6)
        c = ws.cell(row=r + k, column=1, value=s)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r + k].height = 15 * max(1, -(-len(s) // 120))
    r = r + k + 2
    ws.cell(row=r, column=1, value=tr("sheets_in_report", lang)).font = bold()
    for k, name in enumerate(sheet_names(a, lang)[1:], start=1):
        c = ws.cell(row=r + k, column=1, value=name)
        c.hyperlink = f"#'{name}'!A1"
        c.style = "Hyperlink"
    r = r + k + 2
    if a.info.illustrative:
        ws.cell(row=r, column=1, value=tr("illustrative", lang)).font = bold()
        r += 1
    note = names_note(a.table, lang)
    if note:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        c = ws.cell(row=r, column=1, value=note)
        c.font = Font(italic=True, color="595959")
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * max(1, -(-len(note) // 120))
