"""The clusters of a lab session's scenario: the table's own (its cluster tag), those
defined on the page (a name and its sectors) and those read from a clusters file (TOML
or CSV, as ``--clusters`` reads them); they go into the scenario file's ``[clusters]``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from shiny import Inputs, reactive, render, ui

from iocluster.lab import forms
from iocluster.lab.document import Draft
from iocluster.lab.layout import on_page, problem_card
from iocluster.lab.session import Opened, Problem, guarded, safe_name
from iocluster.reports.i18n import tr
from iocluster.scenarios.offers import table_cluster_names

__all__ = ["NAME_CHARACTERS", "register_clusters"]

#: A cluster's name is a TOML bare key: Latin letters, digits, ``_`` and ``-``.
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def register_clusters(
    input: Inputs,
    lang: Callable[[], str],
    opened: Callable[[], Opened | None],
    shown: Callable[[], Any],  # the open table with names in the page's language
    draft: reactive.Value[Draft],
    cluster_fault: reactive.Value[Problem | None],
    workdir: Path,
) -> None:
    """Register the clusters card's outputs and events on the current session."""

    @render.ui
    @on_page
    def clusters_view() -> Any:
        L, d = lang(), draft()
        o = opened()
        tagged = table_cluster_names(o.table) if o is not None else []
        items = [
            ui.tags.li(ui.tags.code(n), ": ", ui.tags.code(", ".join(m))) for n, m in d.clusters
        ]
        items += [
            ui.tags.li(ui.tags.code(n), f" ({tr('lab_cluster_of_table', L)})") for n in tagged
        ]
        return ui.tags.ul(*items) if items else ui.p(tr("lab_no_clusters", L))

    @render.ui
    @on_page
    def cluster_members_ui() -> Any:
        o, L = opened(), lang()
        if o is None:
            return None
        return ui.input_selectize(
            "cluster_members",
            tr("lab_cluster_members", L),
            forms.sector_choices(shown(), [], L)[tr("sector", L)],
            multiple=True,
            remove_button=True,
        )

    @reactive.effect
    @reactive.event(input.add_cluster)
    def _add_cluster() -> None:
        name = str(input.cluster_name() or "").strip()
        members = list(input.cluster_members() or []) if "cluster_members" in input else []
        if not name or not set(name) <= NAME_CHARACTERS or not members:
            cluster_fault.set(Problem(tr("lab_cluster_rule", lang())))
            return
        cluster_fault.set(None)
        draft.set(draft().with_cluster(name, members))

    @reactive.effect
    @reactive.event(input.clusters_file)
    def _clusters_file() -> None:
        files = input.clusters_file()
        if not files:
            return
        from iocluster.io.clusters import read_cluster_specs

        f = files[0]

        def read() -> dict[str, list[str]]:
            target = workdir / "clusters" / safe_name(f["name"])
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(f["datapath"]).replace(target)
            return read_cluster_specs(target)

        specs, problem, _ = guarded(read)
        cluster_fault.set(problem)
        if specs:
            d = draft()
            for n, m in specs.items():
                d = d.with_cluster(n, m)
            draft.set(d)

    @render.ui
    @on_page
    def cluster_problem() -> Any:
        p = cluster_fault()
        return None if p is None else problem_card(p, lang())
