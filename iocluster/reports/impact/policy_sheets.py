"""Sheets of the policy instruments in the impact workbook: *Tax impacts* (IMPLAN's
layout: net revenue by instrument and by effect — rate change, direct, indirect,
induced — and the fiscal balance by period), *Capacity limits* (the mixed model: output
held, what gave way) and *Investment* (domestic supply and import leakage by asset).
Each is written only when a scenario uses the instrument; words from the catalogues
(:mod:`iocluster.reports.i18n`)."""

from __future__ import annotations

from typing import Any

from iocluster.reports.analysis.layout import HEADER_ROW
from iocluster.reports.i18n import number, tr
from iocluster.reports.impact.tables import bold, table_money
from iocluster.reports.style import Column, write_table, write_title
from iocluster.scenarios.results import ImpactResults
from iocluster.table import IOTable

__all__ = [
    "capacity_sheet",
    "investment_sheet",
    "policy_sentences",
    "policy_sheet_names",
    "policy_sheets",
    "tax_sheet",
]


def policy_sheet_names(res: ImpactResults, lang: str) -> list[str]:
    """Names of the policy sheets this result gets, in order."""
    out = []
    if res.taxes is not None:
        out.append(tr("tax_impacts", lang))
    if res.capacity is not None:
        out.append(tr("capacity_limits", lang))
    if res.investment is not None:
        out.append(tr("investment", lang))
    return out


def _sheet(wb: Any, key: str, title: str, sub: str, lang: str) -> Any:
    ws = wb.create_sheet(tr(key, lang))
    write_title(ws, title, sub)
    return ws


def tax_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str) -> Any:
    """Net revenue change by scenario and instrument, then the fiscal balance."""
    assert res.taxes is not None and res.fiscal is not None
    money = table_money(table, lang)
    d = res.taxes.reset_index()
    d["instrument"] = [tr("total", lang) if i == "total" else i for i in d["instrument"]]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=24),
        Column("instrument", tr("instrument", lang), width=34),
        Column("baseline", tr("baseline_revenue", lang), money, "money"),
        Column("rate_change", tr("rate_change", lang), money, "money"),
        *(Column(k, tr(k, lang), money, "money") for k in ("direct", "indirect", "induced")),
        Column("total", tr("total", lang), money, "money"),
    ]
    ws = _sheet(wb, "tax_impacts", tr("tax_impacts_title", lang), tr("tax_impacts_sub", lang), lang)
    rng = write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    r = rng.last_row + 3
    ws.cell(row=r - 1, column=1, value=tr("fiscal_balance", lang)).font = bold()
    f = res.fiscal.reset_index()
    f["period"] = [tr("annual", lang) if p == "annual" else p for p in f["period"]]
    fcols = [
        Column("scenario_name", tr("scenario", lang), width=24),
        Column("period", tr("period", lang), width=34),
        Column("baseline_revenue", tr("baseline_revenue", lang), money, "money"),
        Column("revenue_lost", tr("revenue_lost", lang), money, "money"),
        Column("revenue_from_activity", tr("revenue_from_activity", lang), money, "money"),
        Column("net_cost", tr("net_cost", lang), money, "money"),
    ]
    write_table(ws, f, fcols, row=r, freeze=False)
    return ws


def capacity_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str) -> Any:
    """Every held sector: output before, with and without the limit, and what gave way."""
    assert res.capacity is not None
    money = table_money(table, lang)
    d = res.capacity.reset_index()
    names = dict(zip(table.codes, table.names, strict=True))
    d.insert(2, "name", [names[c] for c in d["code"]])
    keys = [
        "baseline_output", "scenario_output", "unconstrained_output",
        "final_demand_change", "exports_change", "imports_change",
    ]  # fmt: skip
    cols = [
        Column("scenario_name", tr("scenario", lang), width=24),
        Column("code", tr("code", lang)),
        Column("name", tr("sector", lang), width=40),
        *(Column(k, tr(k, lang), money, "money") for k in keys),
    ]
    ws = _sheet(wb, "capacity_limits", tr("capacity_title", lang), tr("capacity_sub", lang), lang)
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    return ws


def investment_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str) -> Any:
    """Each programme's amount, domestic supply, import leakage and domestic share."""
    assert res.investment is not None
    money = table_money(table, lang)
    d = res.investment.reset_index()
    d["asset"] = [tr(f"asset_{a}", lang) for a in d["asset"]]
    cols = [
        Column("scenario_name", tr("scenario", lang), width=24),
        Column("asset", tr("asset", lang), width=28),
        Column("amount", tr("amount", lang), money, "money"),
        Column("domestic", tr("domestic_supply", lang), money, "money"),
        Column("imports", tr("import_leakage", lang), money, "money"),
        Column("domestic_share", tr("domestic_share", lang), fmt="share"),
    ]
    ws = _sheet(wb, "investment", tr("investment_title", lang), "", lang)
    write_table(ws, d, cols, row=HEADER_ROW)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    return ws


def policy_sheets(wb: Any, table: IOTable, res: ImpactResults, lang: str) -> None:
    """Write every policy sheet the result has."""
    if res.taxes is not None:
        tax_sheet(wb, table, res, lang)
    if res.capacity is not None:
        capacity_sheet(wb, table, res, lang)
    if res.investment is not None:
        investment_sheet(wb, table, res, lang)


def policy_sentences(res: ImpactResults, name: str, table: IOTable, lang: str) -> list[str]:
    """Headline sentences of scenario ``name``: its fiscal balance and held sectors."""
    u, out = table_money(table, lang), []
    if res.fiscal is not None and (name, "annual") in res.fiscal.index:
        f = res.fiscal.reset_index()
        f = f[(f["scenario_name"] == name) & (f["period"] == "annual")]
        lost = float(f["revenue_lost"].iloc[0])
        back = float(f["revenue_from_activity"].iloc[0])
        net = float(f["net_cost"].iloc[0])
        if lost:
            out.append(
                tr("sent_fiscal", lang).format(
                    lost=number(lost, lang, 1),
                    back=number(back, lang, 1),
                    net=number(net, lang, 1),
                    unit=u,
                )
            )
        elif back:
            out.append(
                tr("sent_fiscal_activity", lang).format(back=number(back, lang, 1, True), unit=u)
            )
    if res.capacity is not None and name in res.capacity.index.get_level_values(0):
        cap = res.capacity.reset_index()
        cap = cap[cap["scenario_name"] == name]
        for code, z, imp in zip(
            cap["code"].tolist(),
            cap["final_demand_change"].tolist(),
            cap["imports_change"].tolist(),
            strict=True,
        ):
            out.append(
                tr("sent_capacity", lang).format(
                    sector=code,
                    z=number(float(z), lang, 1, True),
                    imp=number(float(imp), lang, 1, True),
                    unit=u,
                )
            )
    return out
