"""The explore tab's server part: the closure stated, multipliers of the chosen measure
and key sectors (sortable grids, filtered by code or name), the sectors with the largest
multipliers and the key-sector figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shiny import Inputs, reactive, render, ui

from iocluster.lab.charts import bars_figure, figure_html, quadrant_figure
from iocluster.lab.layout import grid_summary, on_page
from iocluster.lab.session import Opened, guarded
from iocluster.lab.views import (
    filter_rows,
    key_sectors_frame,
    multiplier_measures,
    multipliers_frame,
)
from iocluster.model.closure import chosen_closure
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import measure_label
from iocluster.reports.messages import message

__all__ = ["register_explore"]


def register_explore(
    input: Inputs,
    lang: Callable[[], str],
    opened: Callable[[], Opened | None],
    shown: Callable[[], Any],  # the open table with names in the page's language
    get: Callable[[str], Any],
) -> None:
    """Register the explore tab's outputs on the current session."""

    @reactive.calc
    def closure() -> Any:
        o = opened()
        choice = str(input.closure()) if "closure" in input else "compensation"
        return None if o is None else guarded(lambda: chosen_closure(o.table, choice))[0]  # type: ignore[arg-type]

    @render.ui
    @on_page
    def explore_head() -> Any:
        L, o = lang(), opened()
        if o is None:
            return ui.p(tr("lab_no_table", L))
        from iocluster.model.provenance import run_info

        info = run_info(o.table, closure())
        text = (
            message(info.closure.text, L) if info.closure is not None else tr("open_model_note", L)
        )
        return ui.div(ui.h3(tr("closure", L)), ui.p(text), class_="lab-card")

    @render.ui
    @on_page
    def measure_ui() -> Any:
        L, o = lang(), opened()
        if o is None:
            return None
        ms = multiplier_measures(o.table)
        pick = get("mult_measure")
        return ui.input_select(
            "mult_measure",
            tr("measure", L),
            {m: measure_label(m, L) for m in ms},
            selected=pick if pick in ms else ms[0],
        )

    @reactive.calc
    def mult_frame() -> Any:
        L, o = lang(), opened()
        if o is None or "mult_measure" not in input:
            return None
        measure = str(input.mult_measure())
        return guarded(lambda: multipliers_frame(shown(), closure(), L, measure))[0]

    @render.data_frame
    def mult_grid() -> Any:
        df = mult_frame()
        if df is None:
            return None
        df = filter_rows(df, str(input.mult_filter()), df.columns[:2])
        return render.DataGrid(df, height="420px", summary=grid_summary(lang()))

    @render.ui
    @on_page
    def mult_chart() -> Any:
        """The sectors with the largest simple multiplier of the measure (the grid's
        first column of values), as in the analysis report's figure."""
        df, L = mult_frame(), lang()
        if df is None:
            return None
        labels = [f"{c} {n}" for c, n in zip(df.iloc[:, 0], df.iloc[:, 1], strict=True)]
        title = str(df.columns[2])  # "Output: simple", as the grid says it
        fig = bars_figure(labels, df.iloc[:, 2].to_numpy(float), title, tr("per_unit_fd", L))
        return ui.HTML(figure_html(fig))

    @render.data_frame
    def keys_grid() -> Any:
        L, o = lang(), opened()
        if o is None:
            return None
        df = keys_frame()
        if df is None:
            return None
        df = filter_rows(df, str(input.keys_filter()), df.columns[:2])
        return render.DataGrid(df, height="420px", summary=grid_summary(L))

    @reactive.calc
    def keys_frame() -> Any:
        o = opened()
        return None if o is None else guarded(lambda: key_sectors_frame(shown(), lang()))[0]

    @render.ui
    @on_page
    def quadrant() -> Any:
        df = keys_frame()
        return None if df is None else ui.HTML(figure_html(quadrant_figure(df, lang())))
