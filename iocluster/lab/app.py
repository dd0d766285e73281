"""The lab's Shiny application: one session per browser tab, holding that tab's table,
scenario and results only (:mod:`iocluster.lab.session` does the work, :mod:`.layout`
lays out the page, :mod:`.views` and :mod:`.charts` show the results).

Every event handler runs through :func:`iocluster.lab.session.guarded`: a wrong input
shows the command line's located message, a fault of the lab its type, never a traceback.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path
from typing import Any

import plotly
from shiny import App, Inputs, Outputs, Session, reactive, render, ui

from iocluster.core.messages import Message
from iocluster.lab import forms
from iocluster.lab.charts import bars_figure, figure_html
from iocluster.lab.clusters import register_clusters
from iocluster.lab.document import Draft, shock_table, toml_value
from iocluster.lab.explore import register_explore
from iocluster.lab.layout import CSS, UPLOAD_JS, grid_summary, html_table, on_page, problem_card
from iocluster.lab.layout import page as page_layout
from iocluster.lab.results import regions_panel, results_panel
from iocluster.lab.session import (
    EXAMPLE,
    START,
    LabConfig,
    Opened,
    Problem,
    RunOutcome,
    check_draft,
    folder_tables,
    guarded,
    open_choice,
    open_upload,
)
from iocluster.lab.views import (
    overview_rows,
    validation_frame,
)
from iocluster.reports.i18n import tr
from iocluster.reports.messages import message
from iocluster.scenarios.offers import table_cluster_names

__all__ = ["make_app"]

_PLOTLY = Path(plotly.__file__).parent / "package_data"


def _choices(config: LabConfig, lang: str) -> dict[str, str]:
    out = {EXAMPLE: tr("lab_example", lang)}
    if config.table is not None:
        out[START] = f"{tr('lab_start_table', lang)}: {config.table.name}"
    if config.root is not None:
        out |= {p: p for p in folder_tables(config.root)}
    return out


def _warm_up() -> None:
    """Build one figure while the page loads: plotly's first figure costs a few hundred
    milliseconds of imports and validators, which should not fall on the first run."""
    import numpy as np

    figure_html(bars_figure(["a", "b"], np.array([1.0, -1.0]), "", ""))


def make_app(config: LabConfig) -> App:
    """The lab for ``config`` (the start table, the lab's folder, the regions file)."""
    import threading

    threading.Thread(target=_warm_up, daemon=True).start()
    app_ui = ui.page_fluid(
        ui.head_content(
            ui.tags.title("iocluster lab"),
            ui.tags.style(CSS),
            ui.tags.script(UPLOAD_JS),
            ui.tags.script(src="plotly/plotly.min.js"),
        ),
        ui.output_ui("page"),
    )

    def server(input: Inputs, output: Outputs, session: Session) -> None:
        opened: reactive.Value[Opened | None] = reactive.value(None)
        table_problem: reactive.Value[Problem | None] = reactive.value(None)
        table_warnings: reactive.Value[tuple[Message | str, ...]] = reactive.value(())
        draft: reactive.Value[Draft] = reactive.value(Draft())
        form_fault: reactive.Value[Problem | None] = reactive.value(None)
        cluster_fault: reactive.Value[Problem | None] = reactive.value(None)
        outcome: reactive.Value[RunOutcome | None] = reactive.value(None)
        run_problem: reactive.Value[Problem | None] = reactive.value(None)
        workdir = Path(tempfile.mkdtemp(prefix="iocluster-lab-"))
        session.on_ended(lambda: shutil.rmtree(workdir, ignore_errors=True))

        def get(key: str) -> Any:
            """A widget's current value, or None before it exists (not a dependency)."""
            with reactive.isolate():
                return input[key]() if key in input else None

        def lang() -> str:
            return str(input.lang()) if "lang" in input else config.lang

        @render.ui
        @on_page
        def page() -> Any:
            L = lang()
            return page_layout(L, get("tabs") or "table", _choices(config, L), get)

        def set_table(fn: Any) -> None:
            value, problem, said = guarded(fn)
            table_problem.set(problem)
            table_warnings.set(said)
            if value is not None:
                opened.set(value)
                outcome.set(None)
                run_problem.set(None)

        @reactive.effect
        @reactive.event(input.open_table)
        def _open() -> None:
            set_table(lambda: open_choice(config, str(input.table_choice())))

        @reactive.effect
        @reactive.event(input.upload)
        def _upload() -> None:
            files = input.upload()
            if files:
                f = files[0]
                set_table(lambda: open_upload(f["name"], Path(f["datapath"]), workdir / "tables"))

        @render.ui
        @on_page
        def table_view() -> Any:
            L, o, p = lang(), opened(), table_problem()
            parts: list[Any] = [problem_card(p, L)] if p is not None else []
            parts += [
                ui.div(message(w, L), class_="alert alert-warning py-1") for w in table_warnings()
            ]
            if o is None:
                return ui.div(*parts, ui.p(tr("lab_no_table", L)))
            rows = [ui.tags.tr(ui.tags.th(k), ui.tags.td(v)) for k, v in overview_rows(shown(), L)]
            rows.insert(0, ui.tags.tr(ui.tags.th(tr("file", L)), ui.tags.td(ui.tags.code(o.label))))
            val, vp, _ = guarded(lambda: validation_frame(shown(), L))
            return ui.div(
                *parts,
                ui.div(
                    ui.h3(tr("lab_table_card", L)),
                    ui.tags.table(*rows, class_="table table-sm", id="table-overview"),
                    class_="lab-card",
                ),
                ui.div(
                    ui.h3(tr("validation", L)),
                    html_table(val, L) if val is not None else problem_card(vp, L),  # type: ignore[arg-type]
                    class_="lab-card",
                ),
            )

        @reactive.calc
        def shown() -> Any:
            """The open table with its names in the page's language (same numbers)."""
            o = opened()
            if o is None:
                return None
            t, _, _ = guarded(lambda: o.shown(lang()))
            return t if t is not None else o.table

        register_explore(input, lang, opened, shown, get)

        # --- scenario -------------------------------------------------------------------
        def clusters() -> list[str]:
            o = opened()
            have = table_cluster_names(o.table) if o is not None else []
            return list(dict.fromkeys([*(n for n, _ in draft().clusters), *have]))

        def regions() -> list[str]:
            o = opened()
            from iocluster.regional.interregional.analysis import is_interregional, region_layout

            return list(region_layout(o.table)[0]) if o and is_interregional(o.table) else []

        @render.ui
        @on_page
        def kind_help() -> Any:
            from iocluster.scenarios.kinds import KINDS

            kind = str(input.kind())
            return ui.div(
                tr(f"shock_kind_{kind}_help", lang()),
                " ",
                ui.tags.code(KINDS[kind].kind),
                class_="form-text mb-2",
            )

        @render.ui
        @on_page
        def shock_form() -> Any:
            o, L = opened(), lang()
            if o is None:
                return ui.p(tr("lab_no_table", L))
            return forms.shock_form(
                str(input.kind()), shown(), clusters(), L, get, regions=regions()
            )

        def settings(d: Draft) -> Draft:
            name = str(get("scen_name") or "").strip() or "lab_scenario"
            draws, seed = get("draws"), get("seed")
            return dataclasses.replace(
                d,
                name=name,
                draws=int(draws) if isinstance(draws, int | float) and draws >= 0 else 0,
                seed=int(seed) if isinstance(seed, int | float) and seed >= 0 else 12345,
            )

        @reactive.effect
        @reactive.event(input.add_shock)
        def _add() -> None:
            o = opened()
            if o is None:
                form_fault.set(Problem(tr("lab_no_table", lang())))
                return
            kind = str(input.kind())
            new = draft().with_shock(shock_table(kind, forms.read_form(kind, get)))
            _, problem, _ = guarded(lambda: check_draft(o, settings(new)))
            form_fault.set(problem)
            if problem is None:
                draft.set(new)

        def shown_problem(fault: reactive.Value[Problem | None]) -> Any:
            p = fault()
            return None if p is None else problem_card(p, lang())

        @render.ui
        @on_page
        def form_problem() -> Any:
            return shown_problem(form_fault)

        @render.ui
        @on_page
        def shocks_view() -> Any:
            L, d = lang(), draft()
            if not d.shocks:
                return ui.p(tr("lab_no_shocks", L))
            items = []
            for i, s in enumerate(d.shocks, 1):
                fields = "; ".join(f"{k} = {toml_value(v)}" for k, v in s.items() if k != "kind")
                items.append(
                    ui.tags.li(
                        ui.tags.strong(f"{i}. {tr('shock_kind_' + str(s['kind']), L)}"),
                        " ",
                        ui.tags.code(fields),
                    )
                )
            return ui.div(
                ui.tags.ol(*items, class_="list-unstyled", id="shock-list"),
                ui.div(
                    ui.input_select(
                        "remove_which", None, {str(i): str(i) for i in range(1, len(d.shocks) + 1)}
                    ),
                    ui.input_action_button("remove_shock", tr("lab_remove", L), class_="btn-sm"),
                    class_="d-flex gap-2 align-items-start mb-3",
                ),
            )

        @reactive.effect
        @reactive.event(input.remove_shock)
        def _remove() -> None:
            draft.set(draft().without_shock(int(input.remove_which())))

        @render.ui
        @on_page
        def toml_view() -> Any:
            for key in ("scen_name", "draws", "seed"):  # the preview follows the settings
                if key in input:
                    input[key]()
            d = settings(draft())
            return ui.tags.pre(ui.tags.code(d.toml()), class_="lab-toml", id="toml-text")

        register_clusters(input, lang, opened, shown, draft, cluster_fault, workdir)

        # --- run and results -----------------------------------------------------------
        @reactive.effect
        @reactive.event(input.run)
        def _run() -> None:
            from iocluster.lab.session import run_draft

            o = opened()
            if o is None:
                run_problem.set(Problem(tr("lab_no_table", lang())))
                return
            d = settings(draft())
            res, problem, said = guarded(lambda: run_draft(o, d, str(input.closure())))  # type: ignore[arg-type]
            run_problem.set(problem)
            outcome.set(None if res is None else dataclasses.replace(res, warnings=said))
            if res is not None:
                ui.update_navs("tabs", selected="results")

        @render.ui
        @on_page
        def run_status() -> Any:
            return shown_problem(run_problem)

        @output(suspend_when_hidden=False)  # drawn with the run, not after the tab shows
        @render.ui
        @on_page
        def results_view() -> Any:
            L, o, out = lang(), opened(), outcome()
            if o is None or out is None:
                p = run_problem()
                return problem_card(p, L) if p is not None else ui.p(tr("lab_no_results", L))
            return results_panel(out, o, shown(), settings(draft()), str(input.closure()), L)

        @output(suspend_when_hidden=False)  # drawn with the run, not after the tab shows
        @render.data_frame
        def sector_grid() -> Any:
            from iocluster.lab.views import by_sector_frame

            L, o, out = lang(), opened(), outcome()
            if o is None or out is None:
                return None
            return render.DataGrid(
                by_sector_frame(out.results, shown(), L), height="420px", summary=grid_summary(L)
            )

        @output(suspend_when_hidden=False)  # drawn with the run, not after the tab shows
        @render.ui
        @on_page
        def region_view() -> Any:
            L, o, out = lang(), opened(), outcome()
            if o is None or out is None or out.results.by_region is None:
                return None
            return regions_panel(out.results, o, shown(), config, L)

        from iocluster.lab.downloads import register_downloads

        register_downloads(
            opened, outcome, lambda: settings(draft()), lambda: str(input.closure()), lang, workdir
        )

    return App(app_ui, server, static_assets={"/plotly": _PLOTLY})
