"""The figure of a parameter sweep (:mod:`iocluster.scenarios.sweep`): the % change of
every measure at each value of one swept field (a line chart), or of the headline
measures at each pair of values of two fields (heat maps, a diverging scale centred on
no change). Percentages put money, persons and the price level on one axis."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.reports.figures.common import lang_formatter, new_figure, plain_axis
from iocluster.reports.i18n import number, tr
from iocluster.reports.impact.tables import shock_words

__all__ = ["sweep_figure"]

#: At most this many runs are marked by a dot on the lines, and cells annotated.
MARKED = 30
ANNOTATED = 150


def _digits(values: np.ndarray) -> int:
    """Decimals that tell the values of a grid apart (0 to 4)."""
    steps = np.abs(np.diff(np.unique(values)))
    steps = steps[steps > 0]
    return 0 if not steps.size else int(min(4, max(0, -math.floor(math.log10(steps.min()) + 1e-9))))


def sweep_figure(
    sweep: pd.DataFrame,
    scenario: str,
    *,
    labels: Mapping[str, str],
    headline: Sequence[str] = ("output", "value_added"),
    lang: str = "en",
) -> Any:
    """The figure of ``scenario``'s sweep (rows of ``sweep`` as
    :func:`~iocluster.scenarios.sweep_run.run_sweeps` makes them): a line per measure of
    ``labels`` (measure → its label in ``lang``) for one field; for two fields a heat map
    per measure of ``headline`` (those present)."""
    try:
        d = pd.DataFrame(sweep.xs(scenario, level="scenario_name"))
    except KeyError:
        raise InputError(Message("sweep.none_in_scenario", scenario=scenario)) from None
    measures = [m for m in labels if m in d.index.get_level_values("measure")]
    pct = d["pct_change"].unstack("measure")[measures]
    first = pd.DataFrame(d.xs(measures[0], level="measure"))
    names = [str(first["field"].iloc[0])]
    if str(first["field_2"].iloc[0]):
        names.append(str(first["field_2"].iloc[0]))
    title = tr("sweep_fig_title", lang).format(scenario=scenario, fields=", ".join(names))
    shock = shock_words(str(first["shock"].iloc[0]), lang)
    fields = [f"{name} ({shock})" for name in names]
    if len(fields) == 1:
        return _lines(first["value"].to_numpy(), pct, labels, fields[0], title, lang)
    shown = [m for m in headline if m in measures] or measures[:1]
    return _heat_maps(first, pct, shown, labels, fields, title, lang)


def _lines(
    x: np.ndarray, pct: pd.DataFrame, labels: Mapping[str, str], field: str, title: str,
    lang: str,
) -> Any:  # fmt: skip
    fig = new_figure(8.0, 4.6)
    ax = fig.add_subplot()
    marker = "o" if len(x) <= MARKED else None
    for m in pct.columns:
        y = pct[m].to_numpy(dtype=float)
        if np.isfinite(y).any():
            ax.plot(x, y, marker=marker, markersize=4, linewidth=1.6, label=labels[m])
    ax.axhline(0.0, color="#7F7F7F", linewidth=0.8)
    ax.set_xlabel(field)
    ax.set_ylabel(tr("sweep_axis", lang))
    plain_axis(ax.xaxis, lang)
    plain_axis(ax.yaxis, lang)
    ax.grid(True, color="#E7E6E6", linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10)
    return fig


def _heat_maps(
    first: pd.DataFrame, pct: pd.DataFrame, shown: Sequence[str], labels: Mapping[str, str],
    fields: Sequence[str], title: str, lang: str,
) -> Any:  # fmt: skip
    rows = list(dict.fromkeys(first["value"].tolist()))
    cols = list(dict.fromkeys(first["value_2"].tolist()))
    R, C = len(rows), len(cols)
    k = len(shown)
    ncols = min(2, k)
    nrows = -(-k // ncols)
    fig = new_figure(
        min(4.0 + 3.8 * ncols + 0.25 * C * ncols, 18), min(1.2 + nrows * (2.2 + 0.3 * R), 16)
    )
    axes = fig.subplots(nrows, ncols, squeeze=False)
    rd, cd = _digits(np.asarray(rows)), _digits(np.asarray(cols))
    for a, m in enumerate(shown):
        ax = axes[a // ncols][a % ncols]
        z = pct[m].to_numpy(dtype=float).reshape(R, C)
        top = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 0.0
        top = top if top > 0 else 1.0
        im = ax.imshow(z, cmap="RdBu_r", vmin=-top, vmax=top, aspect="auto", origin="lower")
        step_c, step_r = max(1, -(-C // 10)), max(1, -(-R // 10))
        ax.set_xticks(np.arange(0, C, step_c), [number(v, lang, cd) for v in cols[::step_c]],
                      fontsize=8)  # fmt: skip
        ax.set_yticks(np.arange(0, R, step_r), [number(v, lang, rd) for v in rows[::step_r]],
                      fontsize=8)  # fmt: skip
        ax.set_xlabel(fields[1])
        ax.set_ylabel(fields[0])
        if R * C <= ANNOTATED:
            zd = _digits(np.abs(z[np.isfinite(z)])) if np.isfinite(z).any() else 0
            for i in range(R):
                for j in range(C):
                    if np.isfinite(z[i, j]):
                        dark = abs(z[i, j]) > 0.6 * top
                        ax.text(j, i, number(z[i, j], lang, max(zd, 1)), ha="center", va="center",
                                fontsize=7, color="white" if dark else "black")  # fmt: skip
        bar = fig.colorbar(im, ax=ax, label="%")
        bar.ax.yaxis.set_major_formatter(lang_formatter(lang))
        ax.set_title(labels[m], fontsize=9)
    for a in range(k, nrows * ncols):
        axes[a // ncols][a % ncols].set_visible(False)
    fig.suptitle(f"{title}\n{tr('sweep_axis', lang)}", fontsize=10)
    return fig
