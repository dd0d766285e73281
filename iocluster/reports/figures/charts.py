"""Report figures (matplotlib, the ``plots`` extra), written as PNG and SVG.

- :func:`~iocluster.reports.figures.quadrant.key_sector_quadrant` (module
  :mod:`.quadrant`): normalised backward against forward linkages;
- :func:`multipliers_by_sector`: direct, indirect and induced parts of the output
  multiplier of the top sectors, sorted by the simple (Type I) multiplier the summary
  names;
- :func:`impacts_by_sector` and :func:`impacts_by_cluster`: a scenario's changes in
  output, value added and jobs, with P5–P95 whiskers where Monte Carlo draws exist;
- :func:`value_added_chain`: the value added embodied in each cluster's final demand,
  split into the cluster's own sectors, services outside it and the rest;
- :func:`regional_heatmap`: location quotients, regions × sectors or clusters.

Large tables (136 sectors) stay readable: bar charts show the top ``top`` sectors and
one bar for the rest that names its statistic ("Other 116 sectors: mean" for
multipliers, ": sum" for changes); sectors with zero output are never drawn; a sector the
validation flags carries † (explained in the legend); every mark has a legend entry
(:mod:`.common`). Labels follow the report language (:mod:`iocluster.reports.i18n`);
sector names come from the table.

Figures are plain :class:`matplotlib.figure.Figure` objects drawn on the Agg canvas:
pyplot and its global state are not used, so nothing depends on a display.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.io.textsafe import plain_text_figures
from iocluster.reports.figures.common import (
    CLASS_COLORS,
    COLORS,
    flag_handle,
    is_flagged,
    lang_formatter,
    money_scale,
    new_figure,
    plain_axis,
    save_figure,
    sector_label,
    top_n,
)
from iocluster.reports.figures.quadrant import key_sector_quadrant
from iocluster.reports.i18n import number, tr

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "impacts_by_cluster",
    "impacts_by_sector",
    "key_sector_quadrant",
    "multipliers_by_sector",
    "regional_heatmap",
    "save_figure",
    "top_n",
    "value_added_chain",
]

Flags = Mapping[str, str]


def _producing(index: pd.Index, output: Mapping[str, float] | None) -> list[bool]:
    """Whether each sector of ``index`` produces (all when ``output`` is not given)."""
    if output is None:
        return [True] * len(index)
    return [float(output.get(str(c), 1.0)) > 0 for c in index]


@plain_text_figures
def multipliers_by_sector(
    multipliers: pd.DataFrame,
    *,
    measure: str = "output",
    names: Mapping[str, str] | None = None,
    lang: str = "en",
    top: int = 20,
    unit: str = "",
    flags: Flags | None = None,
    output: Mapping[str, float] | None = None,
) -> Any:
    """Stacked bars of the ``measure`` multiplier of the ``top`` sectors with the largest
    simple multiplier (direct + indirect, the Type I ranking the summary names), with
    the induced part on top when the frame has ``{measure}_induced``; one last bar is
    the mean of the other sectors, and says so. Sectors with zero ``output`` (code →
    output) are left out; ``flags`` (code → flags) mark flagged sectors with †."""
    parts = [p for p in ("direct", "indirect", "induced") if f"{measure}_{p}" in multipliers]
    if not parts:
        raise InputError(f"the multipliers frame has no '{measure}_direct' column")
    m = multipliers[_producing(multipliers.index, output)]
    simple = m[[f"{measure}_{p}" for p in parts if p != "induced"]].fillna(0).sum(axis=1)
    keep = top_n(simple, top, other=tr("other_mean", lang), how="mean", lang=lang).index
    rows = []
    for k in keep:
        if k in m.index:
            rows.append([float(m.loc[k, f"{measure}_{p}"]) for p in parts])
        else:
            rest = m.drop(index=[c for c in keep if c in m.index])
            rows.append([float(rest[f"{measure}_{p}"].mean()) for p in parts])
    data = np.nan_to_num(np.array(rows))
    labels = [sector_label(str(k), names, flags=flags) if k in m.index else str(k) for k in keep]
    fig = new_figure(9, 0.32 * len(keep) + 2.2)
    ax = fig.add_subplot()
    y = np.arange(len(keep))
    left = np.zeros(len(keep))
    for j, p in enumerate(parts):
        ax.barh(y, data[:, j], left=left, color=COLORS[p], label=tr(p, lang))
        left += data[:, j]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(unit or tr("per_unit_fd", lang))
    plain_axis(ax.xaxis, lang)
    title = (tr("fig_multipliers", lang) if measure == "output" else
             f"{tr('multipliers', lang)}: {_measure_title(measure, lang).lower()}")  # fmt: skip
    ax.set_title(f"{title}\n{tr('sorted_by_simple', lang)}", fontsize=10)
    handles, texts = ax.get_legend_handles_labels()
    if any(is_flagged(flags, k) for k in keep):
        h, t = flag_handle(lang)
        handles.append(h)
        texts.append(t)
    fig.legend(handles, texts, loc="outside lower center", ncol=min(len(handles), 4),
               fontsize=8, frameon=False)  # fmt: skip
    ax.grid(axis="x", alpha=0.25)
    return fig


def _measure_title(measure: str, lang: str) -> str:
    if measure.startswith("employment"):
        return tr("employment", lang)
    return tr(measure, lang)


def _change_legend(fig: Any, lang: str, *, other: bool, whiskers: bool, flagged: bool,
                   economy: bool = False) -> None:  # fmt: skip
    """The legend of the change charts: increase, decrease, and the marks drawn."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(color=COLORS["increase"]), Patch(color=COLORS["decrease"])]
    texts = [tr("increase", lang), tr("decrease", lang)]
    if other:
        handles.append(Patch(color=COLORS["other"]))
        texts.append(tr("other_sectors_sum", lang))
    if economy:
        handles.append(Patch(color=COLORS["economy"]))
        texts.append(tr("whole_economy", lang))
    if whiskers:
        handles.append(Line2D([], [], color="#202020", lw=1.2))
        texts.append(tr("p5_p95_whisker", lang))
    if flagged:
        h, t = flag_handle(lang)
        handles.append(h)
        texts.append(t)
    fig.legend(handles, texts, loc="outside lower center", ncol=len(handles), fontsize=8,
               frameon=False)  # fmt: skip


@plain_text_figures
def impacts_by_sector(
    by_sector: pd.DataFrame,
    *,
    scenario: str | None = None,
    measures: Sequence[str] = ("output", "value_added"),
    units: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "en",
    top: int = 15,
    ranges: pd.DataFrame | None = None,
    money: dict[str, tuple[str, str]] | None = None,
    flags: Flags | None = None,
    output: Mapping[str, float] | None = None,
) -> Any:
    """One panel per measure: the change by sector of one scenario (top ``top`` by size,
    the rest summed in one bar that says so). ``by_sector`` as
    :class:`ImpactResults.by_sector`; ``ranges`` as
    :attr:`ImpactResults.montecarlo_by_sector`: each sector's P5–P95 of the Monte Carlo
    draws as a whisker on its bar. ``money``: measure → (scale, currency) of the table for
    money measures, drawn at a readable scale (trillion, billion, ...) named in the axis
    label. Sectors with zero ``output`` are left out; ``flags`` mark flagged ones †."""
    scen = scenario if scenario is not None else str(by_sector["scenario_name"].iloc[0])
    df = by_sector[by_sector["scenario_name"] == scen]
    df = df[_producing(df.index, output)]
    measures = [m for m in measures if m in set(df["measure"])]
    if not measures:
        raise InputError(Message("reports.no_impacts", scenario=scen))
    fig = new_figure(5.2 * len(measures), 0.3 * (top + 1) + 2.4)
    fig.get_layout_engine().set(wspace=0.06)  # tick labels of neighbouring panels apart
    axes = fig.subplots(1, len(measures), squeeze=False)[0]
    whiskers = other = marked = False
    for ax, m in zip(axes, measures, strict=True):
        s = top_n(df[df["measure"] == m]["change"], top, other=tr("other_sum", lang), lang=lang)
        inside = [k in df.index for k in s.index]
        other |= not all(inside)
        colors = [COLORS["other"] if not i else COLORS["increase" if v >= 0 else "decrease"]
                  for i, v in zip(inside, s, strict=True)]  # fmt: skip
        labels = [sector_label(str(k), names, 30, flags) if i else str(k)
                  for k, i in zip(s.index, inside, strict=True)]  # fmt: skip
        marked |= any(is_flagged(flags, k) for k, i in zip(s.index, inside, strict=True) if i)
        unit = (units or {}).get(m, "")
        factor = 1.0
        if money and m in money:
            factor, unit = money_scale(s.to_numpy(), *money[m], lang)
        _change_panel(ax, s * factor, colors, labels, 8, _measure_title(m, lang), unit, lang)
        if ranges is not None:
            r = ranges[(ranges["scenario_name"] == scen) & (ranges["measure"] == m)]
            r = r.assign(p5=r["p5"] * factor, p95=r["p95"] * factor)
            drawn = [str(k) if i else "" for k, i in zip(s.index, inside, strict=True)]
            whiskers |= _whiskers(ax, drawn, r)
    title = f"{tr('fig_impacts_sector', lang)}: {scen}"
    if whiskers:
        title += f" ({tr('fig_p5_p95', lang)})"
    fig.suptitle(title)
    _change_legend(fig, lang, other=other, whiskers=whiskers, flagged=marked)
    return fig


def _whiskers(ax: Any, order: list[str], ranges: pd.DataFrame) -> bool:
    """P5–P95 lines on the bars of the sectors that have them (not on "other"); whether
    any was drawn."""
    ys = [y for y, k in enumerate(order) if k and k in ranges.index]
    if ys:
        r = ranges.loc[[order[y] for y in ys]]
        ax.hlines(ys, r["p5"], r["p95"], color="#202020", lw=1.2, zorder=3)
    return bool(ys)


def _change_panel(
    ax: Any,
    s: pd.Series,
    colors: list[str],
    labels: list[str],
    fontsize: int,
    title: str,
    unit: str,
    lang: str,
) -> None:
    """Horizontal bars of one measure's change (largest first), zero line, unit label."""
    y = np.arange(len(s))
    ax.barh(y, s.to_numpy(), color=colors)
    ax.set_yticks(y, labels, fontsize=fontsize)
    ax.invert_yaxis()
    ax.axvline(0, color="#404040", lw=0.8)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(f"{tr('change', lang)}" + (f" ({unit})" if unit else ""))
    plain_axis(ax.xaxis, lang, nbins=5)
    ax.grid(axis="x", alpha=0.25)


@plain_text_figures
def impacts_by_cluster(
    clusters: pd.DataFrame,
    *,
    scenario: str | None = None,
    measures: Sequence[str] = ("output", "value_added"),
    units: dict[str, str] | None = None,
    lang: str = "en",
    money: dict[str, tuple[str, str]] | None = None,
    totals: pd.DataFrame | None = None,
    ranges: pd.DataFrame | None = None,
) -> Any:
    """One panel per measure: the change by cluster (``ImpactResults.clusters``); money
    measures at a readable scale as in :func:`impacts_by_sector`.

    ``totals`` (``ImpactResults.totals``) adds a last bar, the whole economy; ``ranges``
    (``ImpactResults.montecarlo``: P5–P95 of the total change over the Monte Carlo
    draws) puts its whisker on that bar. The draws are summarised in total and by
    sector, not by cluster (clusters overlap and are defined per report): the cluster
    bars are point estimates, and the figure says so."""
    df = clusters.reset_index()
    scen = scenario if scenario is not None else str(df["scenario_name"].iloc[0])
    df = df[df["scenario_name"] == scen]
    measures = [m for m in measures if m in set(df["measure"])]
    if not measures:
        raise InputError(Message("reports.no_cluster_impacts", scenario=scen))
    n = df["cluster"].nunique() + (totals is not None)
    longest = max(len(str(c)) for c in [*df["cluster"], tr("whole_economy", lang)])
    # each panel: its bars (about 3 inches) beside the cluster names (9 pt)
    fig = new_figure((3.0 + 0.075 * longest) * len(measures), 0.35 * n + 2.4)
    fig.get_layout_engine().set(wspace=0.06)  # tick labels of neighbouring panels apart
    axes = fig.subplots(1, len(measures), squeeze=False)[0]
    whiskers = False
    economy = tr("whole_economy", lang)
    for ax, m in zip(axes, measures, strict=True):
        s = df[df["measure"] == m].set_index("cluster")["change"]
        colors = [COLORS["increase" if v >= 0 else "decrease"] for v in s]
        total = _total(totals, scen, m)
        if total is not None:
            s = pd.concat([s, pd.Series({economy: total})])
            colors.append(COLORS["economy"])
        unit = (units or {}).get(m, "")
        factor = 1.0
        if money and m in money:
            factor, unit = money_scale(s.to_numpy(), *money[m], lang)
        _change_panel(ax, s * factor, colors, list(s.index), 9, _measure_title(m, lang), unit,
                      lang)  # fmt: skip
        band = _total(ranges, scen, m, ("p5", "p95"))
        if total is not None and band is not None:
            ax.hlines([len(s) - 1], band[0] * factor, band[1] * factor, color="black", lw=1.6,
                      zorder=3)  # fmt: skip
            whiskers = True
    title = f"{tr('fig_impacts_cluster', lang)}: {scen}"
    if whiskers:
        title += f"\n{tr('no_cluster_draws', lang)}"
    fig.suptitle(title)
    _change_legend(fig, lang, other=False, whiskers=whiskers, flagged=False,
                   economy=totals is not None)  # fmt: skip
    return fig


def _total(
    frame: pd.DataFrame | None, scen: str, measure: str, cols: Sequence[str] = ("change",)
) -> Any:
    """``frame.loc[(scen, measure), cols]`` (one value, or a tuple for several columns);
    ``None`` when the frame or the row is missing."""
    if frame is None or (scen, measure) not in frame.index:
        return None
    row: Any = frame.loc[(scen, measure)]
    values = tuple(float(row[c]) for c in cols)
    return values[0] if len(values) == 1 else values


@plain_text_figures
def value_added_chain(chains: pd.DataFrame, *, lang: str = "en") -> Any:
    """Per unit of each cluster's final demand: value added in its own sectors, in
    services outside it, in other sectors, and imported inputs (``Analysis.chains``)."""
    need = ("va_own", "va_services_outside", "va_other", "imported_inputs", "final_demand")
    missing = [c for c in need if c not in chains]
    if missing:
        raise InputError(f"the value-added chain frame lacks columns {', '.join(missing)}")
    fd = chains["final_demand"].to_numpy(dtype=float)
    parts = [
        ("va_own", tr("cluster_members", lang).capitalize(), "#1F4E78"),
        ("va_services_outside", tr("services", lang).capitalize(), "#70AD47"),
        ("va_other", tr("other_sectors", lang).capitalize(), "#A5A5A5"),
        ("imported_inputs", tr("imported_inputs", lang), "#ED7D31"),
    ]
    fig = new_figure(9, 0.45 * len(chains) + 2.6)
    ax = fig.add_subplot()
    y = np.arange(len(chains))
    left = np.zeros(len(chains))
    for col, label, color in parts:
        v = chains[col].to_numpy(dtype=float) / np.where(fd > 0, fd, 1.0)
        ax.barh(y, v, left=left, color=color, label=label)
        left += v
    rest = np.clip(1.0 - left, 0.0, None)
    if (rest > 0.005).any():  # net taxes on products, other primary inputs, residuals
        ax.barh(y, rest, left=left, color="white", edgecolor="#7F7F7F", hatch="///", lw=0.6,
                label=tr("unallocated", lang))  # fmt: skip
        left = left + rest
    ax.set_yticks(y, list(chains.index))
    ax.invert_yaxis()
    ax.set_xlim(0, max(1.0, float(left.max()) * 1.02))
    plain_axis(ax.xaxis, lang, percent=True)
    ax.set_xlabel(tr("share_of_fd", lang))
    ax.set_title(tr("fig_va_chain", lang))
    fig.legend(loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    return fig


@plain_text_figures
def regional_heatmap(
    lq: pd.DataFrame, *, lang: str = "en", title: str | None = None, annotate: bool | None = None
) -> Any:
    """Heat map of location quotients: rows (clusters or sectors) × region columns.

    The colour scale is centred on 1 (no specialisation); values are written in the
    cells when the map is small enough to read them.
    """
    from matplotlib.colors import TwoSlopeNorm

    data = lq.to_numpy(dtype=float)
    if data.size == 0:
        raise InputError(Message("reports.no_lq"))
    r, c = data.shape
    fig = new_figure(min(2.5 + 0.8 * c, 18), min(1.8 + 0.32 * r, 30))
    ax = fig.add_subplot()
    vmax = max(float(np.nanmax(data)), 1.01)
    vmin = min(float(np.nanmin(data)), 0.99)
    im = ax.imshow(data, cmap="RdBu_r", norm=TwoSlopeNorm(vcenter=1.0, vmin=vmin, vmax=vmax),
                   aspect="auto")  # fmt: skip
    ax.set_xticks(np.arange(c), [str(x) for x in lq.columns], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(np.arange(r), [str(x) for x in lq.index], fontsize=8)
    if annotate if annotate is not None else r * c <= 400:
        for i in range(r):
            for j in range(c):
                if np.isfinite(data[i, j]):
                    dark = abs(data[i, j] - 1) > 0.5 * (vmax - 1 if data[i, j] > 1 else 1 - vmin)
                    ax.text(j, i, number(data[i, j], lang, 2), ha="center", va="center", fontsize=7,
                            color="white" if dark else "black")  # fmt: skip
    bar = fig.colorbar(im, ax=ax, shrink=0.8, label="LQ")
    bar.ax.yaxis.set_major_formatter(lang_formatter(lang))
    ax.set_title(title or tr("fig_regional", lang))
    return fig
