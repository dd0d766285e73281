"""Terminal summary of ``iocluster analyze``: rich tables, or plain lines with ``--quiet``."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import typer

from iocluster.cli.common import said
from iocluster.io.textsafe import terminal_text as _t

__all__ = ["render_plain", "render_rich"]

TOP = 10
STATUS_STYLE = {"PASS": "green", "WARN": "yellow", "FAIL": "bold red"}


def _f(v: float, digits: int = 1, lang: str = "en") -> str:
    """A number in the language's format (ru/uz: space-grouped, decimal comma)."""
    from iocluster.reports.i18n import number

    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else number(v, lang, digits)


def _pct(share: float, lang: str) -> str:
    """A share (0.105) as a percentage in the language's format (``10.5%``, ``10,5 %``)."""
    from iocluster.reports.i18n import percent

    return "" if math.isnan(share) else percent(100 * share, lang) + ("%" if lang == "en" else " %")


def render_plain(a: Any, lang: str, written: list[Path]) -> None:
    """The summary in words, then the files written: one line each, no decoration."""
    from iocluster.cli.common import say_wrote
    from iocluster.reports.analysis.summary import summary_sentences

    for s in summary_sentences(a, lang):
        typer.echo(s)
    for p in written:
        say_wrote(p)


def _show(con: Any, lang: str, cols: list[Any], title: str, *, notes: tuple[str, ...] = (),
          prefer: tuple[str, ...] = ()) -> None:  # fmt: skip
    """One table fitted to the console (:func:`iocluster.reports.terminal.fit_table`)."""
    from iocluster.reports.terminal import fit_table

    for r in fit_table(cols, width=con.width, title=title, notes=notes, prefer=prefer,
                       title_left=True, lang=lang):  # fmt: skip
        con.print(r)


def render_rich(a: Any, lang: str, written: list[Path]) -> None:
    """Validation, headline, multipliers, key sectors and the scenario as tables that fit
    the terminal (one table each; long names wrap, columns that do not fit are named)."""
    from rich.console import Console

    from iocluster.core.messages import render
    from iocluster.reports.analysis.layout import jobs_per, jobs_unit, money
    from iocluster.reports.analysis.summary import summary_sentences
    from iocluster.reports.check_words import (
        check_label,
        flag_label,
        reason_text,
        status_label,
    )
    from iocluster.reports.i18n import tr
    from iocluster.reports.terminal import TextColumn as Col
    from iocluster.reports.terminal import key_sectors_first

    con = Console(highlight=False)
    t = a.table
    con.rule(f"[bold]{_t(t.meta.title or 'iocluster')}[/] — "
             f"{tr('n_sectors', lang).format(n=t.n)}, {money(a, lang)}")  # fmt: skip
    v = a.validation
    status = [str(x) for x in v["status"]]
    _show(con, lang, [
        Col(tr("check", lang), [check_label(str(n), lang) for n in v.index], key=True),
        Col(tr("status", lang), [status_label(x, lang) for x in status],
            styles=[STATUS_STYLE.get(x, "") for x in status]),
        Col(tr("detail", lang), ["" if x == "PASS" else render(d, lang)
                                 for x, d in zip(status, v["detail"], strict=True)]),
    ], tr("validation", lang))  # fmt: skip

    m = a.multipliers.sort_values("output_simple", ascending=False).head(TOP)
    codes = [str(c) for c in m.index]
    cols = [Col(tr("code", lang), codes, key=True),
            Col(tr("sector", lang), [t.names[t.codes.index(c)] for c in m.index])]  # fmt: skip
    spec = [("output_simple", f"{tr('output', lang)} ({tr('simple', lang)})", 3)]
    if a.closed:
        spec.append(("output_total", f"{tr('output', lang)} ({tr('type_II', lang)})*", 3))
    spec.append(("value_added_simple", f"{tr('value_added', lang)} ({tr('simple', lang)})", 3))
    if a.employment:
        from iocluster.analysis.multipliers import measure_name

        emp = measure_name(a.employment)
        # jobs per unit of money are small (0.0075 per million UZS): shown per billion
        spec.append((f"{emp}_simple", f"{tr('jobs', lang)}, {jobs_unit(a, lang)}", 2))
        m = m.assign(**{f"{emp}_simple": m[f"{emp}_simple"] * jobs_per(a)})
    cols += [
        Col(label, [_f(x, d, lang) for x in m[c]], numeric=True)
        for c, label, d in spec
    ]  # fmt: skip
    c = a.info.closure
    notes = (
        (f"* {tr('total_mult', lang)}: {render(c.sentence, lang)}",)
        if c is not None
        else ()
    )  # fmt: skip
    top = tr("top_n", lang).format(n=TOP)
    _show(con, lang, cols, f"{tr('multipliers', lang)} ({top})", notes=notes)

    lk = key_sectors_first(a.linkages, a.include_flagged).head(TOP)
    flags = [str(f or "") for f in lk["flag"]]
    kinds = [str(k) for k in lk["key_sector"]]
    _show(con, lang, [
        Col(tr("code", lang), [_t(c) + (" †" if f else "") for c, f in zip(lk.index, flags,
                                                                          strict=True)], key=True),
        Col(tr("sector", lang), [str(n) for n in lk["name"]]),
        Col(f"U ({tr('backward_total', lang).split(',')[0].lower()})",
            [_f(x, 3, lang) for x in lk["power_of_dispersion"]], numeric=True),
        Col(f"S ({tr('forward_total', lang).split(',')[0].lower()})",
            [_f(x, 3, lang) for x in lk["sensitivity_of_dispersion"]], numeric=True),
        Col(tr("class", lang), [tr(k, lang) for k in kinds],
            styles=["bold" if k == "key" else "" for k in kinds]),
    ], f"{tr('key_sectors', lang)} ({top})",
        notes=tuple(f"† {flag_label(f, lang)}: {reason_text(r, lang)} ({c})"
                    for c, f, r in zip(lk.index, flags, lk["reason"], strict=True)
                    if f))  # fmt: skip

    if a.impacts is not None:
        _render_scenario(con, a, lang)
    con.rule(tr("summary", lang))
    for s in summary_sentences(a, lang):
        con.print(_t(s))
    for p in written:
        con.print(f"[green]{said('cli.wrote')}[/] {_t(p)}")


def _render_scenario(con: Any, a: Any, lang: str) -> None:
    from iocluster.reports.i18n import tr
    from iocluster.reports.impact.tables import measure_label, measure_unit
    from iocluster.reports.terminal import TextColumn as Col

    res = a.impacts
    for name in dict.fromkeys(res.totals.index.get_level_values(0)):
        eff = res.effects.loc[name]
        induced = any(not math.isnan(v) for v in eff["induced"])
        rows = [(m, r) for m, r in res.totals.loc[name].iterrows() if m != "price_level"]
        units = [measure_unit(a.table, m, lang) for m, _r in rows]
        digits = [0 if u == tr("persons", lang) else 1 for u in units]

        def col(key: str, rows: list[Any] = rows, digits: list[int] = digits) -> Any:
            return Col(tr(key, lang), [_f(r[key], d, lang) for (_m, r), d in zip(rows, digits,
                                                                            strict=True)],
                       numeric=True)  # fmt: skip

        cols = [Col(tr("measure", lang), [measure_label(m, lang) for m, _r in rows], key=True),
                Col(tr("unit", lang), units), col("baseline"), col("scenario"), col("change"),
                Col(tr("pct_change", lang), [_pct(r["pct_change"] / 100, lang) for _m, r in rows],
                    numeric=True)]  # fmt: skip
        prefer: tuple[str, ...] = (tr("change", lang), tr("pct_change", lang))
        if induced:
            head = f"{tr('total', lang)} (+{tr('induced', lang).lower()})"
            cols.append(Col(head, [_f(eff.loc[m, "total"], d, lang) if m in eff.index else ""
                                   for (m, _r), d in zip(rows, digits, strict=True)],
                            numeric=True))  # fmt: skip
            prefer += (head,)
        title = f"{tr('scenario', lang)} «{name}»: {tr('impacts', lang).lower()}"
        _show(con, lang, cols, title, prefer=prefer)
        cl = res.clusters.loc[name]
        if len(cl):
            names = list(dict.fromkeys(cl.index.get_level_values(0)))
            meas = [m for m in ("output", "value_added", a.employment) if m]
            cols = [Col(tr("cluster", lang), [str(c) for c in names], key=True)]
            for m in meas:
                d = 0 if m == a.employment else 1
                cols.append(Col(f"{measure_label(m, lang)} ({measure_unit(a.table, m, lang)})",
                                [_f(cl.loc[(c, m), "change"], d, lang) if (c, m) in cl.index else ""
                                 for c in names], numeric=True))  # fmt: skip
            _show(con, lang, cols, tr("impacts_by_cluster", lang))
        if a.chains is not None:
            sc = res.services_content.loc[name]
            ch = a.chains
            before = [sc.loc[c, "baseline"] if c in sc.index else math.nan for c in ch.index]
            after = [sc.loc[c, "scenario"] if c in sc.index else math.nan for c in ch.index]
            _show(con, lang, [
                Col(tr("cluster", lang), [str(c) for c in ch.index], key=True),
                Col(tr("dva_share", lang), [_pct(x, lang) for x in ch["dva_share"]], numeric=True),
                Col(tr("services_share", lang), [_pct(x, lang) for x in ch["services_share"]],
                    numeric=True),
                Col(f"{tr('services_va', lang)}: {tr('before', lang).lower()}",
                    [_f(x, 3, lang) for x in before], numeric=True),
                Col(tr("after", lang), [_f(x, 3, lang) for x in after], numeric=True),
            ], tr("va_chain", lang))  # fmt: skip
