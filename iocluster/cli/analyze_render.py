"""Terminal summary of ``iocluster analyze``: rich tables, or plain lines with ``--quiet``."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import typer

from iocluster.io.textsafe import terminal_text as _t

__all__ = ["render_plain", "render_rich"]

TOP = 10
STATUS_STYLE = {"PASS": "green", "WARN": "yellow", "FAIL": "bold red"}


def _f(v: float, digits: int = 1) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.{digits}f}"


def render_plain(a: Any, lang: str, written: list[Path]) -> None:
    """The summary in words, then the files written: one line each, no decoration."""
    from iocluster.reports.analysis.summary import summary_sentences

    for s in summary_sentences(a, lang):
        typer.echo(s)
    for p in written:
        typer.echo(f"wrote {p}")


def render_rich(a: Any, lang: str, written: list[Path]) -> None:
    """Validation, headline, multipliers, key sectors and the scenario as rich tables."""
    from rich.console import Console
    from rich.table import Table

    from iocluster.reports.analysis.layout import money
    from iocluster.reports.analysis.summary import summary_sentences
    from iocluster.reports.i18n import tr

    con = Console(highlight=False)
    t = a.table
    con.rule(f"[bold]{_t(t.meta.title or 'iocluster')}[/] — {t.n} {tr('sectors_n', lang).lower()}, "
             f"{money(a, lang)}")  # fmt: skip
    val = Table(title=tr("validation", lang), title_justify="left")
    val.add_column(tr("check", lang))
    val.add_column(tr("status", lang))
    val.add_column(tr("detail", lang), overflow="fold", max_width=70)
    for name, r in a.validation.iterrows():
        st = str(r["status"])
        val.add_row(_t(name), f"[{STATUS_STYLE.get(st, '')}]{st}[/]",
                    "" if st == "PASS" else _t(r["detail"]))  # fmt: skip
    con.print(val)

    m = a.multipliers.sort_values("output_simple", ascending=False).head(TOP)
    mt = Table(title=f"{tr('multipliers', lang)} (top {TOP})", title_justify="left")
    mt.add_column(tr("code", lang), no_wrap=True)
    mt.add_column(tr("sector", lang), max_width=26, overflow="ellipsis", no_wrap=True)
    cols = [("output_simple", f"{tr('output', lang)} ({tr('simple', lang)})", 3)]
    if a.closed:
        cols.append(("output_total", f"{tr('output', lang)} ({tr('type_II', lang)})*", 3))
    cols.append(("value_added_simple", f"VA ({tr('simple', lang)})", 3))
    if a.employment:
        from iocluster.analysis.multipliers import measure_name

        emp = measure_name(a.employment)
        cols.append((f"{emp}_simple", f"{tr('jobs', lang)} / {money(a, lang)}", 1))
    for _, label, _d in cols:
        mt.add_column(label, justify="right")
    for code, r in m.iterrows():
        mt.add_row(_t(code), _t(t.names[t.codes.index(code)]),
                   *[_f(r[c], d) for c, _l, d in cols])  # fmt: skip
    con.print(mt)
    if a.closed:
        con.print(f"[dim]* {tr('total_mult', lang)}: {a.closure}[/]")

    lk = a.linkages.assign(score=a.linkages["power_of_dispersion"]
                           + a.linkages["sensitivity_of_dispersion"])  # fmt: skip
    order = {"key": 0, "backward-oriented": 1, "forward-oriented": 2, "weak": 3}
    lk = lk.assign(_o=[order.get(k, 4) for k in lk["key_sector"]])
    lk = lk.sort_values(["_o", "score"], ascending=[True, False], kind="stable").head(TOP)
    kt = Table(title=f"{tr('key_sectors', lang)} (top {TOP})", title_justify="left")
    kt.add_column(tr("code", lang), no_wrap=True)
    kt.add_column(tr("sector", lang), max_width=26, overflow="ellipsis", no_wrap=True)
    kt.add_column(f"U ({tr('backward_total', lang).split(',')[0].lower()})", justify="right")
    kt.add_column(f"S ({tr('forward_total', lang).split(',')[0].lower()})", justify="right")
    kt.add_column(tr("class", lang), no_wrap=True)
    for code, r in lk.iterrows():
        style = "bold" if r["key_sector"] == "key" else ""
        flag = str(r.get("outlier", "") or "")
        mark = " †" if flag else ""
        kt.add_row(_t(code) + mark, _t(r["name"]), _f(r["power_of_dispersion"], 3),
                   _f(r["sensitivity_of_dispersion"], 3), tr(str(r["key_sector"]), lang),
                   style=style)  # fmt: skip
    con.print(kt)
    for flag in dict.fromkeys(f for f in lk.get("outlier", []) if f):
        con.print(f"[dim]† {tr('outlier', lang)}: {tr(f'outlier_{flag}', lang)}[/]")

    if a.impacts is not None:
        _render_scenario(con, a, lang)
    con.rule(tr("summary", lang))
    for s in summary_sentences(a, lang):
        con.print(_t(s))
    for p in written:
        con.print(f"[green]wrote[/] {_t(p)}")


def _render_scenario(con: Any, a: Any, lang: str) -> None:
    from rich.table import Table

    from iocluster.reports.i18n import tr
    from iocluster.reports.impact.tables import measure_label, measure_unit

    res = a.impacts
    for name in dict.fromkeys(res.totals.index.get_level_values(0)):
        tt = Table(title=f"{tr('scenario', lang)} «{_t(name)}»: {tr('impacts', lang).lower()}",
                   title_justify="left")  # fmt: skip
        for h in ("measure", "unit", "baseline", "scenario", "change", "pct_change"):
            left = h in ("measure", "unit")
            tt.add_column(tr(h, lang), justify="left" if left else "right", no_wrap=not left)
        eff = res.effects.loc[name]
        induced = any(not math.isnan(v) for v in eff["induced"])
        if induced:
            tt.add_column(f"{tr('total', lang)} (+{tr('induced', lang).lower()})", justify="right")
        for meas, r in res.totals.loc[name].iterrows():
            if meas == "price_level":
                continue
            unit = measure_unit(a.table, meas, lang)
            d = 0 if unit == tr("persons", lang) else 1
            row = [measure_label(meas, lang), unit, _f(r["baseline"], d),
                   _f(r["scenario"], d), _f(r["change"], d), _f(r["pct_change"], 2)]  # fmt: skip
            if induced:
                row.append(_f(eff.loc[meas, "total"], d) if meas in eff.index else "")
            tt.add_row(*row)
        con.print(tt)
        cl = res.clusters.loc[name]
        if len(cl):
            ct = Table(title=tr("impacts_by_cluster", lang), title_justify="left")
            ct.add_column(tr("cluster", lang))
            meas = [m for m in ("output", "value_added", a.employment) if m]
            for m in meas:
                ct.add_column(f"{measure_label(m, lang)} ({measure_unit(a.table, m, lang)})",
                              justify="right")  # fmt: skip
            for c in dict.fromkeys(cl.index.get_level_values(0)):
                ct.add_row(_t(c), *[_f(cl.loc[(c, m), "change"], 0 if m == a.employment else 1)
                                    if (c, m) in cl.index else "" for m in meas])  # fmt: skip
            con.print(ct)
        if a.chains is not None:
            sc = res.services_content.loc[name]
            vt = Table(title=tr("va_chain", lang), title_justify="left")
            for h in ("cluster", "dva_share", "services_share"):
                vt.add_column(tr(h, lang), justify="left" if h == "cluster" else "right")
            vt.add_column(
                f"{tr('services_va', lang)}: {tr('before', lang).lower()}", justify="right"
            )
            vt.add_column(tr("after", lang), justify="right")
            for c, r in a.chains.iterrows():
                b = sc.loc[c] if c in sc.index else None
                vt.add_row(_t(c), f"{r['dva_share']:.1%}", f"{r['services_share']:.1%}",
                           _f(b["baseline"], 3) if b is not None else "",
                           _f(b["scenario"], 3) if b is not None else "")  # fmt: skip
            con.print(vt)
