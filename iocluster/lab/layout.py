"""The lab's page in one language: the header with the language switch and the four
tabs (table, explore, scenario, results) with their inputs and the places the server
fills. Every word comes from :func:`iocluster.reports.i18n.tr`; the languages are
:data:`iocluster.reports.i18n.LANGS`, so a new language appears without a change here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from shiny import ui

from iocluster.core.choices import ClosureChoice
from iocluster.lab.session import TABLE_SUFFIXES, Problem
from iocluster.reports.i18n import LANGS, number, percent, tr
from iocluster.scenarios.kinds import KINDS

__all__ = [
    "CSS",
    "UPLOAD_JS",
    "file_input",
    "grid_summary",
    "html_table",
    "language_name",
    "on_page",
    "page",
    "problem_card",
]

Getter = Callable[[str], Any]

#: The page's own style; the file input's "Upload complete" (Shiny's English) is hidden.
CSS = """
body { background: #f7f8fa; }
.lab-head { display: flex; align-items: center; gap: 1rem; padding: .6rem 0; }
.lab-head h1 { font-size: 1.35rem; margin: 0; flex: 1; }
.lab-head .form-group { margin: 0; width: 11rem; }
.shiny-file-input-progress .progress-bar { font-size: 0; }
.lab-card { background: white; border: 1px solid #dee2e6; border-radius: .4rem;
            padding: 1rem; margin-bottom: 1rem; }
.lab-card h3 { font-size: 1.05rem; margin-bottom: .6rem; }
.lab-problem { border-left: 4px solid #d62728; background: #fff5f5; }
.lab-problem ul { margin-bottom: 0; }
.lab-param .form-group { width: 8.5rem; margin-bottom: .2rem; }
.lab-toml { font-size: .8rem; max-height: 24rem; overflow: auto; background: #f3f4f6;
            padding: .6rem; }
.lab-cmd { font-size: .85rem; background: #f3f4f6; padding: .5rem; display: block; }
.table-sm td, .table-sm th { padding: .2rem .5rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
.lab-scroll { overflow-x: auto; }
.lab-upload-problem:empty { display: none; }
"""

#: Refuses a file above the upload budget in the browser, before anything is sent: the
#: message of its :func:`file_input` (in the page's language) names the file and its size.
#: It listens in the capture phase, so Shiny's own upload never starts for that file (the
#: server's guard, :func:`iocluster.lab.upload_guard`, still refuses what gets past it).
UPLOAD_JS = """
document.addEventListener('change', function (e) {
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
  const box = input.closest('[data-upload-limit]');
  if (!box) return;
  const said = box.querySelector('.lab-upload-problem');
  said.textContent = '';
  const big = [...input.files].find(f => f.size > Number(box.dataset.uploadLimit));
  if (!big) return;
  e.stopImmediatePropagation();
  input.value = '';
  const mb = new Intl.NumberFormat(box.dataset.lang, {maximumSignificantDigits: 3});
  said.textContent = box.dataset.tooLarge
    .replace('{name}', big.name).replace('{size}', mb.format(big.size / 1e6));
}, true);
"""

CLOSURES: tuple[ClosureChoice, ...] = ("compensation", "value_added", "none")


def file_input(id: str, label: str, accept: list[str], lang: str) -> Any:
    """Shiny's file input, in ``lang``, inside a box that carries the upload budget and its
    message for :data:`UPLOAD_JS` (a file above the budget is refused in the browser,
    named, with its size, in the page's language)."""
    from iocluster.core.budget import UPLOAD_BYTES

    limit = UPLOAD_BYTES.limit
    mb = limit / 1e6  # two significant digits at least: 200, 1.5, 0.015 (MB)
    digits = max(0, 1 - math.floor(math.log10(mb))) if mb > 0 else 0
    too_large = tr("lab_upload_too_large", lang).replace("{limit}", number(mb, lang, digits))
    return ui.div(
        ui.input_file(
            id,
            label,
            accept=accept,
            button_label=tr("lab_browse", lang),
            placeholder=tr("lab_no_file", lang),
        ),
        ui.div(class_="lab-upload-problem text-danger small"),
        {"data-upload-limit": str(limit), "data-too-large": too_large, "data-lang": lang},
    )


def card(title: str, *body: Any, cls: str = "") -> Any:
    """A titled card of the page (``cls``: more CSS classes)."""
    return ui.div(ui.h3(title), *body, class_=f"lab-card {cls}".strip())


def problem_card(p: Problem, lang: str) -> Any:
    """A wrong input's located message (the command line's), or the lab's own fault."""
    if p.unexpected:
        return ui.div(
            ui.p(tr("lab_unexpected", lang).format(kind=p.message)), class_="lab-card lab-problem"
        )
    text, problems = p.in_language(lang)
    items = ui.tags.ul(*[ui.tags.li(x) for x in problems]) if problems else None
    return ui.div(
        ui.tags.strong(tr("lab_error_title", lang)),
        ui.p(text, class_="mb-1"),
        items,
        class_="lab-card lab-problem",
        id="lab-problem",
    )


def html_table(df: pd.DataFrame, lang: str, id: str = "") -> Any:
    """A small frame as an HTML table, numbers in the language's format."""
    head = ui.tags.tr(
        *[ui.tags.th(str(c), class_="num" if df[c].dtype.kind in "fi" else "") for c in df.columns]
    )
    rows = []
    for _, r in df.iterrows():
        cells = []
        for c in df.columns:
            v = r[c]
            if isinstance(v, float | int | np.floating | np.integer) and not isinstance(v, bool):
                x = float(v)  # whole numbers (persons) whole, others as percent() reads them
                shown = number(x, lang, 0) if x.is_integer() else percent(x, lang)
                cells.append(ui.tags.td(shown, class_="num"))
            else:
                cells.append(ui.tags.td(str(v)))
        rows.append(ui.tags.tr(*cells))
    table = ui.tags.table(
        ui.tags.thead(head),
        ui.tags.tbody(*rows),
        class_="table table-sm table-striped",
        id=id or None,
    )
    return ui.div(table, class_="lab-scroll")


def _table_tab(lang: str, choices: dict[str, str]) -> Any:
    return ui.div(
        ui.row(
            ui.column(
                6,
                card(
                    tr("lab_open_title", lang),
                    ui.input_select("table_choice", tr("lab_choose_table", lang), choices),
                    ui.input_action_button(
                        "open_table", tr("lab_open", lang), class_="btn-primary"
                    ),
                ),
            ),
            ui.column(
                6,
                card(
                    tr("lab_upload_title", lang),
                    file_input("upload", tr("lab_upload", lang), list(TABLE_SUFFIXES), lang),
                    ui.div(tr("lab_upload_note", lang), class_="form-text"),
                ),
            ),
        ),
        ui.output_ui("table_view"),
    )


def _explore_tab(lang: str) -> Any:
    return ui.div(
        ui.output_ui("explore_head"),
        card(
            tr("multipliers", lang),
            ui.div(
                ui.output_ui("measure_ui"),
                ui.input_text("mult_filter", tr("lab_filter", lang)),
                class_="d-flex gap-3",
            ),
            ui.row(
                ui.column(7, ui.output_data_frame("mult_grid")),
                ui.column(5, ui.output_ui("mult_chart")),
            ),
        ),
        ui.row(
            ui.column(6, card(tr("key_sectors", lang), ui.output_ui("quadrant"))),
            ui.column(
                6,
                card(
                    tr("key_sectors", lang),
                    ui.input_text("keys_filter", tr("lab_filter", lang)),
                    ui.output_data_frame("keys_grid"),
                ),
            ),
        ),
    )


def _scenario_tab(lang: str, get: Getter) -> Any:
    kinds = {k: tr(f"shock_kind_{k}", lang) for k in KINDS}
    return ui.row(
        ui.column(
            5,
            card(
                tr("lab_new_shock", lang),
                ui.input_select(
                    "kind", tr("lab_kind", lang), kinds, selected=get("kind") or next(iter(kinds))
                ),
                ui.output_ui("kind_help"),
                ui.output_ui("shock_form"),
                ui.input_action_button(
                    "add_shock", tr("lab_add_shock", lang), class_="btn-primary"
                ),
                ui.output_ui("form_problem"),
            ),
            card(
                tr("lab_clusters", lang),
                ui.output_ui("clusters_view"),
                ui.input_text(
                    "cluster_name", tr("lab_cluster_name", lang), get("cluster_name") or ""
                ),
                ui.output_ui("cluster_members_ui"),
                ui.input_action_button("add_cluster", tr("lab_add_cluster", lang)),
                ui.hr(),
                file_input("clusters_file", tr("lab_clusters_file", lang), [".toml", ".csv"], lang),
                ui.output_ui("cluster_problem"),
            ),
        ),
        ui.column(
            7,
            card(
                tr("lab_settings", lang),
                ui.div(
                    ui.input_text(
                        "scen_name",
                        tr("lab_scenario_name", lang),
                        get("scen_name") or "lab_scenario",
                    ),
                    ui.input_numeric("draws", tr("lab_draws", lang), get("draws") or 0, min=0),
                    ui.input_numeric("seed", tr("seed", lang), get("seed") or 12345, min=0),
                    ui.input_select(
                        "closure",
                        tr("lab_closure", lang),
                        {str(c): tr(f"closure_{c}", lang) for c in CLOSURES},
                        selected=get("closure") or "compensation",
                    ),
                    class_="d-flex flex-wrap gap-3",
                ),
            ),
            card(
                tr("lab_shocks", lang),
                ui.output_ui("shocks_view"),
                ui.input_action_button("run", tr("lab_run", lang), class_="btn-success btn-lg"),
                ui.output_ui("run_status"),
            ),
            card(tr("scenario_file", lang) + " (TOML)", ui.output_ui("toml_view")),
        ),
    )


def page(lang: str, tab: str, choices: dict[str, str], get: Getter) -> Any:
    """The whole page in ``lang`` with tab ``tab`` open."""
    langs = {str(code): language_name(code) for code in LANGS}
    return ui.div(
        ui.div(
            ui.h1(f"iocluster · {tr('lab_title', lang)}"),
            ui.input_select("lang", None, langs, selected=lang),
            class_="lab-head",
        ),
        ui.navset_tab(
            ui.nav_panel(tr("lab_tab_table", lang), _table_tab(lang, choices), value="table"),
            ui.nav_panel(tr("lab_tab_explore", lang), _explore_tab(lang), value="explore"),
            ui.nav_panel(tr("lab_tab_scenario", lang), _scenario_tab(lang, get), value="scenario"),
            ui.nav_panel(
                tr("lab_tab_results", lang), ui.output_ui("results_view"), value="results"
            ),
            id="tabs",
            selected=tab,
        ),
        class_="container-fluid",
    )


def language_name(code: str) -> str:
    """A language's name in itself ("Русский"), or its code when no name is written."""
    key = f"lang_self_{code}"
    name = tr(key, code)
    return code if name == key else name


def on_page(fn: Callable[[], Any]) -> Callable[[], Any]:
    """A page output that shows a fault as a message, never an exception's text or a
    traceback (:func:`iocluster.lab.session.guarded`)."""
    import functools

    from iocluster.lab.session import guarded

    @functools.wraps(fn)
    def wrapper() -> Any:
        value, problem, _ = guarded(fn)
        if problem is None:
            return value
        lang = "en"
        try:
            from shiny.session import get_current_session

            session = get_current_session()
            if session is not None and "lang" in session.input:
                lang = str(session.input["lang"]())
        except Exception:  # no session: the message in English
            pass
        return problem_card(problem, lang)

    return wrapper


def grid_summary(lang: str) -> str:
    """The data grid's "rows … of …" line in ``lang``."""
    return tr("lab_rows", lang)
