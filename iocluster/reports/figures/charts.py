"""Report figures (matplotlib, the ``plots`` extra), written as PNG and SVG.

- :func:`key_sector_quadrant`: normalised backward (power of dispersion) against forward
  (sensitivity of dispersion) linkages, quadrants at 1, points sized by output;
- :func:`multipliers_by_sector`: direct, indirect and induced parts of the output
  multiplier of the top sectors;
- :func:`impacts_by_sector` and :func:`impacts_by_cluster`: a scenario's changes in
  output, value added and jobs;
- :func:`value_added_chain`: the value added embodied in each cluster's final demand,
  split into the cluster's own sectors, services outside it and the rest;
- :func:`regional_heatmap`: location quotients, regions × sectors or clusters.

Large tables (136 sectors) stay readable: bar charts show the top ``top`` sectors and
one "other" bar (the sum of the rest for changes, their mean for multipliers); the
quadrant labels only the sectors furthest from the centre. Labels follow the report
language (:mod:`.i18n`); sector names come from the table.

Figures are plain :class:`matplotlib.figure.Figure` objects drawn on the Agg canvas:
pyplot and its global state are not used, so nothing depends on a display.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.errors import InputError
from iocluster.io.atomic import atomic_path
from iocluster.io.textsafe import plain_figure_text, plain_text_figures, save_reproducible
from iocluster.reports.i18n import number, pick_power, scale_factor, scaled_unit, tr

__all__ = [
    "impacts_by_cluster",
    "impacts_by_sector",
    "key_sector_quadrant",
    "multipliers_by_sector",
    "regional_heatmap",
    "save_figure",
    "top_n",
    "value_added_chain",
]

COLORS = {"direct": "#1F4E78", "indirect": "#5B9BD5", "induced": "#A9D18E", "other": "#BFBFBF"}
CLASS_COLORS = {
    "key": "#C00000",
    "backward-oriented": "#ED7D31",
    "forward-oriented": "#5B9BD5",
    "weak": "#7F7F7F",
}


def _figure(width: float, height: float) -> Any:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise InputError("figures need matplotlib: pip install 'iocluster[plots]'") from exc
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def lang_formatter(lang: str, *, percent: bool = False) -> Any:
    """A tick formatter in the report language: thousands grouped, decimal comma in ru
    and uz, as many decimals as the tick step needs, never an offset or ``1e6`` label;
    ``percent``: values are fractions shown as ``20 %``."""
    from matplotlib.ticker import Formatter

    class _Lang(Formatter):
        def _digits(self) -> int:
            locs = np.asarray(self._locs, dtype=float)
            locs = (100 * locs) if percent else locs
            steps = np.abs(np.diff(np.sort(locs)))
            steps = steps[steps > 0]
            if not steps.size:
                return 0
            return int(min(6, max(0, -np.floor(np.log10(steps.min()) + 1e-9))))

        _locs: list[float] = []  # noqa: RUF012 (replaced, never mutated)

        def set_locs(self, locs: Sequence[float]) -> None:
            self._locs = list(locs)

        def __call__(self, x: float, pos: int | None = None) -> str:
            v = 100 * x if percent else x
            text = number(v, lang, self._digits())
            return f"{text} %" if percent else text

    return _Lang()


def money_scale(values: Any, scale: str, currency: str, lang: str) -> tuple[float, str]:
    """``(factor, unit)``: multiply values in the table's unit (``scale`` ``currency``) by
    ``factor`` to read them in ``unit`` (trillion / billion / million / thousand)."""
    base = scale_factor(scale)
    power = pick_power(values, base)
    return 10.0 ** (base - power), scaled_unit(power, currency, lang)


def _plain_axis(axis: Any, lang: str, *, percent: bool = False, nbins: int = 6) -> None:
    """Linear axis with at most ``nbins`` ticks labelled in the report language."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(lang_formatter(lang, percent=percent))


def save_figure(
    fig: Any, stem: str | Path, *, formats: Sequence[str] = ("png", "svg"), force: bool = False
) -> list[Path]:
    """Write ``fig`` as ``stem.png`` and ``stem.svg`` (atomically); return the paths."""
    out = []
    for ext in formats:
        target = Path(stem).with_suffix(f".{ext}")
        with atomic_path(target, force=force) as tmp, plain_figure_text(fig):
            save_reproducible(fig, tmp, ext, dpi=150 if ext == "png" else None)
        out.append(target)
    return out


def top_n(values: pd.Series, top: int, *, other: str = "other", how: str = "sum") -> pd.Series:
    """The ``top`` largest entries by absolute value and one ``other`` entry for the rest.

    ``how``: ``"sum"`` (changes add up) or ``"mean"`` (multipliers do not).

    >>> s = pd.Series({"a": 5.0, "b": -7.0, "c": 1.0, "d": 2.0})
    >>> top_n(s, 2).to_dict()
    {'b': -7.0, 'a': 5.0, 'other (2)': 3.0}
    """
    order = values.abs().sort_values(ascending=False, kind="stable").index
    if len(values) <= top + 1:
        return values.loc[order]
    head = values.loc[order[:top]]
    rest = values.loc[order[top:]]
    agg = float(rest.sum() if how == "sum" else rest.mean())
    label = f"{other} ({len(rest)})"
    return pd.concat([head, pd.Series({label: agg})])


def _label(code: str, names: dict[str, str] | None, width: int = 38) -> str:
    if not names or code not in names:
        return code
    name = names[code]
    text = f"{code} {name}" if name and name != code else code
    return text if len(text) <= width else text[: width - 1] + "…"


@plain_text_figures
def key_sector_quadrant(
    linkages: pd.DataFrame,
    *,
    output: Sequence[float] | np.ndarray | None = None,
    lang: str = "en",
    label_top: int = 25,
    title: str | None = None,
    output_unit: tuple[str, str] = ("", ""),
) -> Any:
    """Backward (``power_of_dispersion``) vs forward (``sensitivity_of_dispersion``) indices.

    Points are coloured by class (key, backward-, forward-oriented, weak) and sized by
    ``output`` when given (area proportional to output; a size legend reads three sizes
    in ``output_unit`` = (scale, currency) of the table, at a readable scale). Codes
    label off-scale sectors, key sectors, then those furthest from (1, 1), at most
    ``label_top`` (more when there are more key sectors, up to twice that), and never on
    top of each other (measured text extents). An axis with a range above 3× is drawn on
    a log scale, and its label says so. Sectors flagged in a column ``outlier``
    (:func:`iocluster.analysis.artefacts.linkage_outliers`) are drawn at the edge of the
    other sectors' range, hollow, and labelled with their true values, so one artefact
    does not squash the scale.
    """
    U = linkages["power_of_dispersion"].to_numpy(dtype=float)
    S = linkages["sensitivity_of_dispersion"].to_numpy(dtype=float)
    cls = list(linkages["key_sector"])
    flagged = (
        np.array([bool(f) for f in linkages["outlier"]])
        if "outlier" in linkages
        else np.zeros(len(U), dtype=bool)
    )
    true_u, true_s = U.copy(), S.copy()
    if flagged.any() and (~flagged).any():
        U = np.minimum(U, 1.1 * max(float(U[~flagged].max()), 1.0))
        S = np.minimum(S, 1.1 * max(float(S[~flagged].max()), 1.0))
    fig = _figure(8.5, 7)
    ax = fig.add_subplot()
    sizes = np.full(len(U), 40.0)
    if output is not None:
        x = np.asarray(output, dtype=float)
        sizes = 20 + 380 * np.sqrt(x / x.max()) if x.max() > 0 else sizes
    for k, color in CLASS_COLORS.items():
        m = np.array([c == k for c in cls])
        if m.any():
            ax.scatter(U[m], S[m], s=sizes[m], c=color, alpha=0.7, edgecolors="white",
                       label=f"{tr(k, lang)} ({int(m.sum())})")  # fmt: skip
    ax.axvline(1, color="#404040", lw=0.8, ls="--")
    ax.axhline(1, color="#404040", lw=0.8, ls="--")
    from matplotlib.ticker import LogLocator, NullFormatter

    logs = {"x": False, "y": False}
    for values, xy in ((U, "x"), (S, "y")):
        axis = getattr(ax, f"{xy}axis")
        if values.min() > 0 and values.max() / values.min() > 3:
            getattr(ax, f"set_{xy}scale")("log")  # a few extreme sectors would squash the rest
            axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            axis.set_minor_formatter(NullFormatter())
            logs[xy] = True
        axis.set_major_formatter(lang_formatter(lang))
    far = np.hypot(np.log(np.maximum(U, 1e-9)), np.log(np.maximum(S, 1e-9)))
    keys = [i for i, c in enumerate(cls) if c == "key"]
    # off-scale sectors first (their label carries their true value), then key sectors
    order = sorted(range(len(U)), key=lambda i: (not flagged[i], cls[i] != "key", -far[i]))
    names = [str(c) for c in linkages.index]
    for i in np.nonzero(flagged)[0]:
        ax.scatter(U[i], S[i], s=sizes[i], facecolors="none", edgecolors="#C00000", lw=1.5)
        shown = [number(v, lang, 1) for v, c in ((true_u[i], U[i]), (true_s[i], S[i])) if v != c]
        names[i] = f"{names[i]} ({' / '.join(shown)} {tr('off_scale', lang)})"
    lo_u, hi_u = ax.get_xlim()
    lo_s, hi_s = ax.get_ylim()
    ax.set_xlim(min(lo_u, 0.95), max(hi_u, 1.05))
    ax.set_ylim(min(lo_s, 0.95), max(hi_s, 1.05))
    log = f"; {tr('log_scale', lang)}"
    ax.set_xlabel(tr("power_of_dispersion", lang) + f"\n{tr('index_1_avg', lang)}"
                  + (log if logs["x"] else ""))  # fmt: skip
    ax.set_ylabel(tr("sensitivity_of_dispersion", lang) + f"\n{tr('index_1_avg', lang)}"
                  + (log if logs["y"] else ""))  # fmt: skip
    ax.set_title(title or tr("fig_quadrant", lang))
    corner = {"fontsize": 9, "color": "#595959", "style": "italic", "alpha": 0.8}
    ax.text(0.99, 0.99, tr("key", lang), transform=ax.transAxes, ha="right", va="top", **corner)
    ax.text(0.01, 0.99, tr("forward-oriented", lang), transform=ax.transAxes, va="top", **corner)
    ax.text(0.99, 0.01, tr("backward-oriented", lang), transform=ax.transAxes, ha="right",
            **corner)  # fmt: skip
    ax.text(0.01, 0.01, tr("weak", lang), transform=ax.transAxes, **corner)
    classes = fig.legend(loc="outside lower center", ncol=4, fontsize=8, frameon=False,
                         markerscale=0.6)  # fmt: skip
    for h in classes.legend_handles:  # class colours at one size: size is the other legend
        if h is not None and hasattr(h, "set_sizes"):
            h.set_sizes([30.0])
    if output is not None and np.max(output) > 0:
        _size_legend(fig, np.asarray(output, dtype=float), output_unit, lang)
    ax.grid(alpha=0.25)
    corners = [t for t in ax.texts if t.get_text() in {tr(k, lang) for k in CLASS_COLORS}]
    _label_points(ax, U, S, names, order, label_top, len(keys) + int(flagged.sum()),
                  avoid=corners)  # fmt: skip
    return fig


def _size_legend(fig: Any, x: Any, unit: tuple[str, str], lang: str) -> None:
    """Three reference circles (the largest output, a tenth and a hundredth of it, at
    the quadrant's area scale) with their output at a readable scale."""
    top = float(x.max())
    factor, words = money_scale([top], unit[0], unit[1], lang)
    handles, labels = [], []
    for share in (1.0, 0.1, 0.01):
        v = top * share
        size = 20 + 380 * np.sqrt(share)
        handles.append(fig.axes[0].scatter([], [], s=size, c="#BFBFBF", edgecolors="#7F7F7F"))
        labels.append(number(v * factor, lang, 1 if v * factor >= 10 else 2))
    fig.legend(handles, labels, loc="outside right center", fontsize=8, frameon=False,
               title=f"{tr('bubble_size', lang)},\n{words}", title_fontsize=8,
               labelspacing=1.6, borderpad=1.0)  # fmt: skip


def _label_points(
    ax: Any,
    X: Any,
    Y: Any,
    labels: list[str],
    order: list[int],
    top: int,
    n_key: int,
    avoid: Sequence[Any] = (),
) -> None:
    """Label up to ``max(top, n_key)`` points in ``order``: each label goes to the first
    of eight positions around its point where its drawn box (measured by the renderer)
    overlaps no label already placed, no text in ``avoid`` and stays inside the axes; a
    point with no free position is left unlabelled (codes cut at the first ", ")."""
    fig = ax.figure
    fig.canvas.draw()  # fixes the layout, limits and scales: data → pixel transforms hold
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = [t.get_window_extent(renderer).expanded(1.05, 1.2) for t in avoid]
    limit = max(top, min(n_key, 2 * top))
    spots = ((4, 3, "left", "bottom"), (4, -3, "left", "top"), (-4, 3, "right", "bottom"),
             (-4, -3, "right", "top"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
             (9, 0, "left", "center"), (-9, 0, "right", "center"))  # fmt: skip
    done = 0
    for i in order:
        if done >= limit:
            break
        text = labels[i].split(", ")[0] + ("…" if ", " in labels[i] else "")
        for dx, dy, ha, va in spots:
            ann = ax.annotate(text, (X[i], Y[i]), xytext=(dx, dy), textcoords="offset points",
                              fontsize=8, ha=ha, va=va)  # fmt: skip
            box = ann.get_window_extent(renderer)
            inside = (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
                      and box.y1 <= frame.y1)  # fmt: skip
            if inside and not any(box.overlaps(b) for b in placed):
                placed.append(box.expanded(1.04, 1.1))
                done += 1
                break
            ann.remove()


@plain_text_figures
def multipliers_by_sector(
    multipliers: pd.DataFrame,
    *,
    measure: str = "output",
    names: dict[str, str] | None = None,
    lang: str = "en",
    top: int = 20,
    unit: str = "",
) -> Any:
    """Stacked bars of the ``measure`` multiplier of the top sectors: direct, indirect,
    and induced (when the frame has ``{measure}_induced``); "other" is the mean of the
    remaining sectors."""
    parts = [p for p in ("direct", "indirect", "induced") if f"{measure}_{p}" in multipliers]
    if not parts:
        raise InputError(f"the multipliers frame has no '{measure}_direct' column")
    total = multipliers[[f"{measure}_{p}" for p in parts]].fillna(0).sum(axis=1)
    keep = top_n(total, top, other=tr("other", lang), how="mean").index
    rows = []
    for k in keep:
        if k in multipliers.index:
            rows.append([float(multipliers.loc[k, f"{measure}_{p}"]) for p in parts])
        else:
            rest = multipliers.drop(index=[c for c in keep if c in multipliers.index])
            rows.append([float(rest[f"{measure}_{p}"].mean()) for p in parts])
    data = np.nan_to_num(np.array(rows))
    labels = [_label(str(k), names) for k in keep]
    fig = _figure(9, 0.32 * len(keep) + 1.8)
    ax = fig.add_subplot()
    y = np.arange(len(keep))
    left = np.zeros(len(keep))
    for j, p in enumerate(parts):
        ax.barh(y, data[:, j], left=left, color=COLORS[p], label=tr(p, lang))
        left += data[:, j]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(unit or tr("per_unit_fd", lang))
    _plain_axis(ax.xaxis, lang)
    ax.set_title(tr("fig_multipliers", lang) if measure == "output" else
                 f"{tr('multipliers', lang)}: {_measure_title(measure, lang).lower()}")  # fmt: skip
    fig.legend(loc="outside lower center", ncol=len(parts), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.25)
    return fig


def _measure_title(measure: str, lang: str) -> str:
    if measure.startswith("employment"):
        return tr("employment", lang)
    return tr(measure, lang)


@plain_text_figures
def impacts_by_sector(
    by_sector: pd.DataFrame,
    *,
    scenario: str | None = None,
    measures: Sequence[str] = ("output", "value_added"),
    units: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
    lang: str = "en",
    top: int = 15,
    ranges: pd.DataFrame | None = None,
    money: dict[str, tuple[str, str]] | None = None,
) -> Any:
    """One panel per measure: the change by sector of one scenario (top ``top`` by size,
    the rest summed as "other"). ``by_sector`` as :class:`ImpactResults.by_sector`;
    ``ranges`` as :attr:`ImpactResults.montecarlo_by_sector`: each sector's P5–P95 of
    the Monte Carlo draws as a whisker on its bar. ``money``: measure → (scale,
    currency) of the table for money measures, drawn at a readable scale (trillion,
    billion, ...) named in the axis label."""
    scen = scenario if scenario is not None else str(by_sector["scenario_name"].iloc[0])
    df = by_sector[by_sector["scenario_name"] == scen]
    measures = [m for m in measures if m in set(df["measure"])]
    if not measures:
        raise InputError(f"no impacts to draw for scenario '{scen}'")
    fig = _figure(5.2 * len(measures), 0.3 * (top + 1) + 2)
    fig.get_layout_engine().set(wspace=0.06)  # tick labels of neighbouring panels apart
    axes = fig.subplots(1, len(measures), squeeze=False)[0]
    whiskers = False
    for ax, m in zip(axes, measures, strict=True):
        s = top_n(df[df["measure"] == m]["change"], top, other=tr("other", lang))
        colors = [COLORS["other"] if k not in df.index else
                  ("#2E75B6" if v >= 0 else "#C00000") for k, v in s.items()]  # fmt: skip
        labels = [_label(str(k), names, 30) for k in s.index]
        unit = (units or {}).get(m, "")
        factor = 1.0
        if money and m in money:
            factor, unit = money_scale(s.to_numpy(), *money[m], lang)
        _change_panel(ax, s * factor, colors, labels, 8, _measure_title(m, lang), unit, lang)
        if ranges is not None:
            r = ranges[(ranges["scenario_name"] == scen) & (ranges["measure"] == m)]
            r = r.assign(p5=r["p5"] * factor, p95=r["p95"] * factor)
            whiskers |= _whiskers(ax, [str(k) for k in s.index], r)
    title = f"{tr('fig_impacts_sector', lang)}: {scen}"
    if whiskers:
        title += f" ({tr('fig_p5_p95', lang)})"
    fig.suptitle(title)
    return fig


def _whiskers(ax: Any, order: list[str], ranges: pd.DataFrame) -> bool:
    """P5–P95 lines on the bars of the sectors that have them (not on "other"); whether
    any was drawn."""
    ys = [y for y, k in enumerate(order) if k in ranges.index]
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
    _plain_axis(ax.xaxis, lang, nbins=4)
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
) -> Any:
    """One panel per measure: the change by cluster (``ImpactResults.clusters``); money
    measures at a readable scale as in :func:`impacts_by_sector`."""
    df = clusters.reset_index()
    scen = scenario if scenario is not None else str(df["scenario_name"].iloc[0])
    df = df[df["scenario_name"] == scen]
    measures = [m for m in measures if m in set(df["measure"])]
    if not measures:
        raise InputError(f"no cluster impacts to draw for scenario '{scen}'")
    n = df["cluster"].nunique()
    fig = _figure(4.6 * len(measures), 0.35 * n + 2)
    fig.get_layout_engine().set(wspace=0.06)  # tick labels of neighbouring panels apart
    axes = fig.subplots(1, len(measures), squeeze=False)[0]
    for ax, m in zip(axes, measures, strict=True):
        s = df[df["measure"] == m].set_index("cluster")["change"]
        colors = ["#2E75B6" if v >= 0 else "#C00000" for v in s]
        unit = (units or {}).get(m, "")
        factor = 1.0
        if money and m in money:
            factor, unit = money_scale(s.to_numpy(), *money[m], lang)
        _change_panel(ax, s * factor, colors, list(s.index), 9, _measure_title(m, lang), unit,
                      lang)  # fmt: skip
    fig.suptitle(f"{tr('fig_impacts_cluster', lang)}: {scen}")
    return fig


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
    fig = _figure(9, 0.45 * len(chains) + 2.6)
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
    _plain_axis(ax.xaxis, lang, percent=True)
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
        raise InputError("no location quotients to draw")
    r, c = data.shape
    fig = _figure(min(2.5 + 0.8 * c, 18), min(1.8 + 0.32 * r, 30))
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
