"""The lab's interactive figures (plotly, drawn in the browser by the plotly.js that the
plotly package ships; nothing is fetched): key sectors, multipliers, the largest changes
by sector, Monte Carlo bands and the map of regions from their centres' coordinates (no
tiles). Each takes the lab's display frames or the library's results; words come from
:func:`iocluster.reports.i18n.tr`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from iocluster.reports.i18n import tr

__all__ = [
    "bands_figure",
    "bars_figure",
    "figure_html",
    "quadrant_figure",
    "region_map",
]

_BLUE, _RED, _GREY = "#1f77b4", "#d62728", "#7f7f7f"
_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def figure_html(fig: Any) -> str:
    """The figure as an HTML fragment (plotly.js is loaded once by the page)."""
    return str(fig.to_html(full_html=False, include_plotlyjs=False, config=_CONFIG))


def _layout(fig: Any, title: str, height: int = 460) -> Any:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
    )
    fig.update_xaxes(gridcolor="#eee", zerolinecolor="#999")
    fig.update_yaxes(gridcolor="#eee", zerolinecolor="#999")
    return fig


def quadrant_figure(keys: pd.DataFrame, lang: str) -> Any:
    """Power of dispersion (backward) against sensitivity of dispersion (forward), one
    point a sector, lines at the average 1; hovering names the sector and its flag."""
    import plotly.graph_objects as go

    code, name = keys[tr("code", lang)], keys[tr("sector", lang)]
    bx, fy = keys[tr("power_of_dispersion", lang)], keys[tr("sensitivity_of_dispersion", lang)]
    flag = keys[tr("flag", lang)].astype(str)
    key = (bx > 1) & (fy > 1)
    colour = np.where(flag != "", _GREY, np.where(key, _RED, _BLUE))
    text = [
        f"<b>{c}</b> {n}" + (f"<br>{f}" if f else "")
        for c, n, f in zip(code, name, flag, strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=bx,
            y=fy,
            mode="markers+text",
            text=[c if k else "" for c, k in zip(code, key, strict=True)],
            textposition="top center",
            hovertext=text,
            hoverinfo="text",
            marker={"color": colour, "size": 9, "line": {"width": 0.5, "color": "white"}},
        )
    )
    fig.add_hline(y=1, line_dash="dot", line_color=_GREY)
    fig.add_vline(x=1, line_dash="dot", line_color=_GREY)
    _layout(fig, tr("fig_quadrant", lang))
    fig.update_xaxes(title=f"{tr('power_of_dispersion', lang)} ({tr('index_1_avg', lang)})")
    fig.update_yaxes(title=f"{tr('sensitivity_of_dispersion', lang)} ({tr('index_1_avg', lang)})")
    return fig


def bars_figure(labels: list[str], values: np.ndarray, title: str, axis: str, top: int = 15) -> Any:
    """Horizontal bars of the ``top`` largest ``values`` by magnitude (decreases red)."""
    import plotly.graph_objects as go

    v = np.asarray(values, dtype=float)
    order = np.argsort(-np.abs(v), kind="stable")[:top][::-1]
    fig = go.Figure(
        go.Bar(
            x=v[order],
            y=[labels[i] for i in order],
            orientation="h",
            marker_color=[_RED if v[i] < 0 else _BLUE for i in order],
            hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
        )
    )
    _layout(fig, title, height=max(300, 26 * len(order) + 110))
    fig.update_xaxes(title=axis)
    fig.update_yaxes(automargin=True)
    return fig


def bands_figure(
    mc: pd.DataFrame, totals: pd.DataFrame, labels: Mapping[str, str], lang: str
) -> Any:
    """Each measure's change in % of its baseline: the point estimate, and P5–P95 of the
    Monte Carlo draws as a whisker."""
    import plotly.graph_objects as go

    m = mc.reset_index().set_index("measure")
    t = totals.reset_index().set_index("measure")
    names, mid, lo, hi = [], [], [], []
    for meas in m.index:
        base = float(t.loc[meas, "baseline"]) if meas in t.index else np.nan
        if not np.isfinite(base) or base == 0:
            continue
        names.append(labels.get(str(meas), str(meas)))
        mid.append(100 * float(t.loc[meas, "change"]) / base)
        lo.append(100 * float(m.loc[meas, "p5"]) / base)
        hi.append(100 * float(m.loc[meas, "p95"]) / base)
    mid_a, lo_a, hi_a = np.array(mid), np.array(lo), np.array(hi)
    fig = go.Figure(
        go.Scatter(
            x=mid_a,
            y=names,
            mode="markers",
            marker={"size": 10, "color": _BLUE},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": hi_a - mid_a,
                "arrayminus": mid_a - lo_a,
                "color": _GREY,
                "thickness": 2,
            },
            hovertemplate="%{y}: %{x:.3f} %<extra></extra>",
        )
    )
    _layout(fig, tr("p5_p95_whisker", lang), height=max(260, 40 * len(names) + 120))
    fig.update_xaxes(title=tr("pct_change", lang))
    fig.update_yaxes(automargin=True)
    return fig


def region_map(
    values: Mapping[str, float],
    centres: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    title: str,
    unit: str,
) -> Any:
    """The regions as circles at their centres (longitude, latitude; degrees of longitude
    shortened by cos(latitude) so the map is not stretched), area in proportion to the
    change, red where it falls; no map tiles."""
    import plotly.graph_objects as go

    keys = [k for k in values if k in centres]
    lat = np.array([centres[k][0] for k in keys])
    lon = np.array([centres[k][1] for k in keys])
    v = np.array([values[k] for k in keys], dtype=float)
    big = float(np.abs(v).max()) if v.size and np.abs(v).max() > 0 else 1.0
    size = 8 + 52 * np.sqrt(np.abs(v) / big)
    fig = go.Figure(
        go.Scatter(
            x=lon,
            y=lat,
            mode="markers+text",
            text=[names.get(k, k) for k in keys],
            textposition="bottom center",
            textfont={"size": 10},
            hovertext=[f"{names.get(k, k)}: {x:,.2f} {unit}" for k, x in zip(keys, v, strict=True)],
            hoverinfo="text",
            marker={
                "size": size,
                "color": np.where(v < 0, _RED, _BLUE),
                "opacity": 0.6,
                "line": {"width": 1, "color": "white"},
            },
        )
    )
    _layout(fig, title, height=520)
    mean_lat = float(np.nanmean(lat)) if lat.size else 0.0
    fig.update_yaxes(
        scaleanchor="x",
        scaleratio=1 / max(np.cos(np.radians(mean_lat)), 0.2),
        showticklabels=False,
        showgrid=False,
        zeroline=False,
    )
    lo, hi = (float(lon.min()), float(lon.max())) if lon.size else (0.0, 1.0)
    pad = 0.12 * (hi - lo) + 0.5  # room for the names at the edges
    fig.update_xaxes(
        showticklabels=False, showgrid=False, zeroline=False, range=[lo - pad, hi + pad]
    )
    return fig
