"""The "Sweep" sheet of the impact workbook: for every scenario with a parameter sweep,
the sensitivity table (a row per run: the swept values, the change of every measure in
its unit, then its % change), for two fields the % change of the headline measures as
grids with a diverging colour scale (heat maps), and the figure
(:func:`iocluster.reports.figures.sweep.sweep_figure`) beside the table."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from iocluster.core.messages import Message, render
from iocluster.reports.analysis.layout import HEADER_ROW
from iocluster.reports.i18n import tr
from iocluster.reports.impact.tables import bold, change_column, measure_label, shock_words
from iocluster.reports.style import Column, color_scale, write_table, write_title
from iocluster.scenarios.results import ImpactResults
from iocluster.table import IOTable

__all__ = ["headline_measures", "sweep_overview", "sweep_sheet"]

#: Said beside the table where the figure would be, when matplotlib is not installed.
_NO_FIGURE = Message(
    "sweep_no_figure", package="matplotlib", install='pip install "iocluster[plots]"'
)


def headline_measures(table: IOTable) -> list[str]:
    """Output, value added and total employment (when the table has it)."""
    from iocluster.model.sectors import employment_satellite

    jobs = employment_satellite(table)
    return ["output", "value_added", *([jobs] if jobs else [])]


def _figure_png(res: ImpactResults, table: IOTable, scenario: str, lang: str) -> bytes | None:
    """The sweep figure of ``scenario`` as PNG bytes (None without matplotlib)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return None
    from iocluster.io.textsafe import plain_figure_text, save_reproducible
    from iocluster.reports.figures.common import stamp_illustrative
    from iocluster.reports.figures.sweep import sweep_figure

    assert res.sweep is not None
    measures = list(dict.fromkeys(res.sweep.index.get_level_values("measure")))
    labels = {m: measure_label(m, lang) for m in measures}
    fig = sweep_figure(res.sweep, scenario, labels=labels, headline=headline_measures(table),
                       lang=lang)  # fmt: skip
    if res.info.is_illustrative:
        stamp_illustrative(fig, lang)
    buf = io.BytesIO()
    with plain_figure_text(fig):
        save_reproducible(fig, buf, "png", dpi=110)
    return buf.getvalue()


def _wide(d: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """One row per run: its values, the change of every measure, then its % change."""
    first = d.xs(measures[0], level="measure")
    out = pd.DataFrame({"run": first.index.to_numpy(), "value": first["value"].to_numpy(),
                        "value_2": first["value_2"].to_numpy()})  # fmt: skip
    for key, col in (("", "change"), ("_pct", "pct_change")):
        wide = d[col].unstack("measure")
        for m in measures:
            out[m + key] = wide[m].to_numpy()
    return out


def sweep_overview(sweep: pd.DataFrame) -> pd.DataFrame:
    """The sweeps one row per run (the terminal's table): the swept values and the change
    of every measure, indexed by scenario and run."""
    measures = list(dict.fromkeys(sweep.index.get_level_values("measure")))
    parts = []
    for scenario in dict.fromkeys(sweep.index.get_level_values("scenario_name")):
        wide = _wide(pd.DataFrame(sweep.xs(scenario, level="scenario_name")), measures)
        wide = wide.drop(columns=[m + "_pct" for m in measures]).assign(scenario_name=scenario)
        parts.append(wide.set_index(["scenario_name", "run"]))
    out = pd.concat(parts)
    if out["value_2"].isna().all():
        out = out.drop(columns="value_2")
    out.attrs["unit"] = sweep.attrs.get("unit", "")
    return out


def sweep_sheet(wb: Any, table: IOTable, res: ImpactResults, lang: str = "en") -> Any:
    """The Sweep sheet (module docstring), one block per scenario with a sweep."""
    assert res.sweep is not None
    ws = wb.create_sheet(tr("sweep_sheet", lang)[:31])
    write_title(ws, tr("sweep_title", lang), tr("sweep_sub", lang))
    sweep = res.sweep
    measures = list(dict.fromkeys(sweep.index.get_level_values("measure")))
    row = HEADER_ROW - 1
    for scenario in dict.fromkeys(sweep.index.get_level_values("scenario_name")):
        d = pd.DataFrame(sweep.xs(scenario, level="scenario_name"))
        first = d.iloc[0]
        two = bool(first["field_2"])
        fields = [str(first["field"]), *([str(first["field_2"])] if two else [])]
        shock = shock_words(str(first["shock"]), lang)
        head = tr("sweep_of", lang).format(scenario=scenario, fields=", ".join(fields), shock=shock)
        ws.cell(row=row, column=1, value=head).font = bold()
        wide = _wide(d, measures)
        pct = tr("sweep_pct", lang)
        cols = [
            Column("run", tr("sweep_run", lang), fmt="int"),
            Column("value", fields[0], fmt="0.####"),
            *([Column("value_2", fields[1], fmt="0.####")] if two else []),
            *(change_column(table, m, lang) for m in measures),
            *(Column(m + "_pct", f"{measure_label(m, lang)}: {pct}", fmt="0.00") for m in measures),
        ]
        rng = write_table(ws, wide, cols, row=row + 1, freeze=row == HEADER_ROW - 1)
        png = _figure_png(res, table, scenario, lang)
        if png is not None:
            from openpyxl.drawing.image import Image

            ws.add_image(
                Image(io.BytesIO(png)), ws.cell(row=row + 1, column=rng.last_col + 2).coordinate
            )
        else:
            ws.cell(row=row + 1, column=rng.last_col + 2, value=render(_NO_FIGURE, lang))
        row = rng.last_row + 3
        if two:
            row = _grids(ws, d, table, fields, row, lang)
        row += 30 if png is not None and rng.last_row - rng.header_row < 30 else 0
    return ws


def _grids(ws: Any, d: pd.DataFrame, table: IOTable, fields: list[str], row: int, lang: str) -> int:
    """The % change of each headline measure on the grid of the two fields, coloured
    around no change (a heat map); returns the next free row."""
    from openpyxl.utils import get_column_letter

    for m in headline_measures(table):
        if m not in d.index.get_level_values("measure"):
            continue
        part = d.xs(m, level="measure")
        grid = part.pivot_table(index="value", columns="value_2", values="pct_change", sort=False)
        title = tr("sweep_grid", lang).format(measure=measure_label(m, lang), first=fields[0],
                                              second=fields[1])  # fmt: skip
        ws.cell(row=row, column=1, value=title).font = bold()
        frame = grid.reset_index()
        frame.columns = [str(c) for c in frame.columns]
        cols = [Column("value", fields[0], fmt="0.####")]
        cols += [Column(str(c), str(c), fmt="0.00") for c in frame.columns[1:]]
        rng = write_table(ws, frame, cols, row=row + 1, freeze=False)
        first_col, last_col = get_column_letter(rng.col_of(1)), get_column_letter(rng.last_col)
        color_scale(ws, f"{first_col}{rng.first_row}:{last_col}{rng.last_row}", diverging=True)
        row = rng.last_row + 3
    return row
