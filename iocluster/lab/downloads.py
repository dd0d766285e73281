"""The lab's downloads: the scenario as a TOML file that ``iocluster shock`` reads back,
the Excel impact report (:func:`iocluster.reports.impact.workbook.write_impact_workbook`,
in the page's language), and the results as the JSON document ``iocluster shock --format
json`` writes (the same numbers, unrounded)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from shiny import render

from iocluster.lab.document import Draft
from iocluster.lab.session import Opened, RunOutcome, shock_command

__all__ = ["register_downloads", "toml_header"]


def toml_header(o: Opened | None, draft: Draft, closure: str) -> str:
    """The comment the TOML file starts with: where it comes from and how to run it."""
    if o is None:
        return "Written by the iocluster scenario lab."
    cmd = shock_command(o, closure, f"{draft.name}.toml")  # type: ignore[arg-type]
    return f"Written by the iocluster scenario lab for {o.label}.\nRun it:\n  {cmd}"


def _with_command(out: RunOutcome, o: Opened, draft: Draft, closure: str) -> Any:
    cmd = shock_command(o, closure, f"{draft.name}.toml")  # type: ignore[arg-type]
    return dataclasses.replace(out.results, info=out.results.info.with_command(cmd))


def register_downloads(
    opened: Callable[[], Opened | None],
    outcome: Callable[[], RunOutcome | None],
    draft: Callable[[], Draft],
    closure: Callable[[], str],
    lang: Callable[[], str],
    workdir: Path,
) -> None:
    """Register the three downloads on the current session."""

    @render.download(filename=lambda: f"{draft().name}.toml")
    def dl_toml() -> Iterator[str]:
        d = draft()
        yield d.toml(toml_header(opened(), d, closure()))

    @render.download(filename=lambda: f"{draft().name}.xlsx")
    def dl_xlsx() -> str:
        from iocluster.reports.impact.workbook import write_impact_workbook

        o, out, d = opened(), outcome(), draft()
        assert o is not None and out is not None
        path = workdir / "reports" / f"{d.name}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_impact_workbook(
            path, _with_command(out, o, d, closure()), o.table, force=True, lang=lang()
        )
        return str(path)

    @render.download(filename=lambda: f"{draft().name}.json")
    def dl_json() -> Iterator[str]:
        from iocluster.reports.export import frames_to_json
        from iocluster.reports.units import display_units

        o, out, d = opened(), outcome(), draft()
        assert o is not None and out is not None
        res = _with_command(out, o, d, closure())
        frames = display_units(res.frames(), o.table, exact=True)
        yield frames_to_json(frames, info=res.info, name="impacts")
