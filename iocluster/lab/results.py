"""The results tab: how long the run took, the command line that gives the same numbers,
the downloads, then totals, the direct / indirect / induced split, Monte Carlo bands,
the changes by sector, cluster and shock, the fiscal balance of tax shocks and, on an
interregional table, the map of the regions."""

from __future__ import annotations

from typing import Any

from shiny import ui

from iocluster.lab.charts import bands_figure, bars_figure, figure_html, region_map
from iocluster.lab.document import Draft
from iocluster.lab.layout import card, html_table
from iocluster.lab.session import LabConfig, Opened, RunOutcome, shock_command
from iocluster.lab.views import (
    by_cluster_frame,
    by_region_frame,
    by_shock_frame,
    effects_frame,
    fiscal_frame,
    money_scale,
    montecarlo_frame,
    totals_frame,
)
from iocluster.reports.i18n import number, tr
from iocluster.reports.impact.tables import measure_label
from iocluster.reports.messages import message
from iocluster.table import IOTable

__all__ = ["regions_panel", "results_panel"]


def results_panel(
    out: RunOutcome, o: Opened, t: IOTable, draft: Draft, closure: str, lang: str
) -> Any:
    """Everything the results tab shows for one run (``t``: the table as shown, names in
    the page's language)."""
    res = out.results
    cmd = shock_command(o, closure, f"{draft.name}.toml")  # type: ignore[arg-type]
    ms = number(out.seconds * 1000, lang, 0)
    parts: list[Any] = [
        card(
            tr("lab_run_done", lang).format(ms=ms, name=draft.name),
            ui.p(tr("lab_reproduce", lang)),
            ui.tags.code(cmd, class_="lab-cmd", id="lab-command"),
            ui.div(
                ui.download_button("dl_toml", tr("lab_dl_toml", lang)),
                ui.download_button("dl_xlsx", tr("lab_dl_xlsx", lang)),
                ui.download_button("dl_json", tr("lab_dl_json", lang)),
                class_="d-flex gap-2 mt-3",
            ),
        ),
        *[ui.div(message(w, lang), class_="alert alert-warning py-1") for w in out.warnings],
        card(tr("summary", lang), html_table(totals_frame(res, t, lang), lang, "totals-table")),
        card(tr("effects_title", lang), html_table(effects_frame(res, t, lang), lang)),
    ]
    mc = montecarlo_frame(res, t, lang)
    if not mc.empty:
        parts.append(
            card(
                tr("montecarlo", lang),
                ui.div(ui.HTML(figure_html(bands_chart(res, lang))), id="bands-chart"),
                html_table(mc, lang),
            )
        )
    parts.append(
        card(
            tr("impacts_by_sector", lang),
            ui.div(ui.HTML(figure_html(sector_chart(res, t, lang))), id="sector-chart"),
            ui.output_data_frame("sector_grid"),
        )
    )
    for title, frame in (
        ("impacts_by_cluster", by_cluster_frame(res, t, lang)),
        ("imp_shock_title", by_shock_frame(res, t, lang)),
        ("fiscal_balance", fiscal_frame(res, t, lang)),
    ):
        if not frame.empty:
            parts.append(card(tr(title, lang), html_table(frame, lang)))
    if res.by_region is not None:
        parts.append(ui.output_ui("region_view"))
    return ui.div(*parts)


def bands_chart(res: Any, lang: str) -> Any:
    """P5–P95 of the draws around the point estimate, in % of the baseline."""
    labels = {m: measure_label(m, lang) for m in res.totals.reset_index()["measure"]}
    return bands_figure(res.montecarlo, res.totals, labels, lang)


def sector_chart(res: Any, t: IOTable, lang: str) -> Any:
    """The largest output changes by sector, at a readable scale."""
    b = res.by_sector.reset_index()
    b = b[b["measure"] == "output"]
    names = dict(zip(t.codes, t.names, strict=True))
    div, unit = money_scale(t, b["change"].to_numpy(float), lang)
    return bars_figure(
        [f"{c} {names.get(c, '')[:28]}" for c in b["code"]],
        b["change"].to_numpy(float) / div,
        tr("fig_impacts_sector", lang),
        f"{tr('change', lang)}, {unit}",
    )


def regions_panel(res: Any, o: Opened, t: IOTable, config: LabConfig, lang: str) -> Any:
    """The change by region: a map from the regions' centres (when a regions file is
    known) and the table."""
    from iocluster.regional.interregional.analysis import region_names

    names = region_names(t, lang)
    frame = by_region_frame(res, t, lang, names)
    parts: list[Any] = []
    centres = _centres(config, o)
    if centres:
        b = res.by_region.reset_index()
        b = b[b["measure"] == "output"]
        vals = dict(zip(b["region"].astype(str), b["change"].astype(float), strict=True))
        div, unit = money_scale(t, list(vals.values()), lang)
        fig = region_map(
            {k: v / div for k, v in vals.items()},
            centres,
            names,
            f"{measure_label('output', lang)}: {tr('change', lang).lower()}",
            unit,
        )
        parts.append(ui.HTML(figure_html(fig)))
    parts.append(html_table(frame, lang))
    return card(tr("by_region", lang), *parts)


def _centres(config: LabConfig, o: Opened) -> dict[str, tuple[float, float]]:
    """Region key → (latitude, longitude) of its centre, from the regions file given at
    start or found beside the table (empty when none is known)."""
    from pathlib import Path

    from iocluster.io.regional import default_regions_file, read_regions

    try:
        path = config.regions or default_regions_file(Path(o.path))
        return {r.key: (r.lat, r.lon) for r in read_regions(path).regions}
    except Exception:  # no regions file: the table alone is shown
        return {}
