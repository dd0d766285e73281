"""Layered chain diagram of the top structural paths (matplotlib, the ``plots`` extra).

Stage 0 (the target's own sectors) is the left column, each stage upstream one column
to the right; every path is a polyline through the sectors it passes, its width
proportional to the value it carries. matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.io.atomic import atomic_path
from iocluster.io.textsafe import plain_figure_text, plain_text_figures, save_reproducible

__all__ = ["plot_top_paths"]


@plain_text_figures
def plot_top_paths(
    paths: pd.DataFrame,
    *,
    path: str | Path | None = None,
    top: int = 15,
    unit: str = "",
    target: str | None = None,
    lang: str = "en",
    illustrative: bool = False,
) -> Any:
    """Draw the ``top`` paths of one target as a layered chain diagram.

    Each path is a coloured polyline through the sectors it passes (stage 0, the
    target's own sectors, on the left), its width proportional to its value; a legend
    beside the diagram lists every path by rank with its share of the target's value
    added, so shares never sit on top of each other when several paths end in one
    sector. The title counts the paths drawn.

    Parameters
    ----------
    paths : DataFrame
        As returned by :func:`iocluster.chains.structural_paths` (columns ``target``,
        ``path``, ``value``, ``share``).
    path : str or Path, optional
        Write the figure there (format from the suffix), atomically.
    top : int
        Paths drawn (the largest by value).
    unit : str
        Unused in the drawing (shares are unitless; kept for callers that pass it).
    target : str, optional
        Which target to draw (default the first).
    lang : str
        Report language of the title, stages and legend.
    illustrative : bool
        Stamp "ILLUSTRATIVE DATA" above it (a table marked illustrative).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from iocluster.reports.figures.common import new_figure
    from iocluster.reports.i18n import number, tr

    if paths.empty:
        raise InputError(Message("reports.no_paths"))
    name = target if target is not None else str(paths["target"].iloc[0])
    sel = paths[paths["target"] == name].nlargest(top, "value")
    seqs = [str(p).split(" ← ") for p in sel["path"]]
    depth = max(len(s) for s in seqs)
    stages: list[list[str]] = [[] for _ in range(depth)]
    for s in seqs:
        for k, code in enumerate(s):
            if code not in stages[k]:
                stages[k].append(code)
    ypos = {
        (k, c): -i + (len(col) - 1) / 2 for k, col in enumerate(stages) for i, c in enumerate(col)
    }
    tall = max(map(len, stages))
    vmax = float(sel["value"].abs().max()) or 1.0
    fig = new_figure(4.5 + 2.0 * depth, max(3.2, 1.6 + 0.42 * max(tall, len(seqs) * 0.62)))
    ax = fig.add_subplot()
    from matplotlib import colormaps

    cmap = colormaps["viridis"]
    for r, (s, v, sh) in enumerate(zip(seqs, sel["value"], sel["share"], strict=True)):
        xs = list(range(len(s)))
        ys = [ypos[(k, c)] for k, c in enumerate(s)]
        colour = cmap(0.9 * r / max(len(seqs) - 1, 1))
        shown = " ← ".join(c if len(c) <= 14 else c[:13] + "…" for c in s)
        label = f"{r + 1}. {shown}: {number(100 * float(sh), lang, 1)} %"
        if len(xs) == 1:  # the target's own value added: a marker, not a line
            ax.plot(xs, ys, "o", ms=6 + 10 * abs(v) / vmax, alpha=0.55, color=colour,
                    label=label)  # fmt: skip
        else:
            ax.plot(xs, ys, "-", lw=0.8 + 7.0 * abs(v) / vmax, alpha=0.6, color=colour,
                    label=label)  # fmt: skip
    for (k, c), yv in ypos.items():
        ax.text(k, yv, c if len(c) <= 14 else c[:13] + "…", ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.6"})  # fmt: skip
    ax.set_xticks(range(depth), [tr("stage", lang).format(k=k) for k in range(depth)])
    ax.set_yticks([])
    ax.set_xlim(-0.6, depth - 0.4)
    ax.set_ylim(-(tall - 1) / 2 - 0.8, (tall - 1) / 2 + 0.8)  # boxes clear of the axis
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(tr("fig_paths", lang).format(n=len(seqs), target=name))
    leg = fig.legend(loc="outside right center", fontsize=7, frameon=False,
                     title=tr("fig_paths_note", lang), title_fontsize=7)  # fmt: skip
    for h in leg.legend_handles:  # every path's colour at one readable width
        if h is not None and hasattr(h, "set_linewidth"):
            h.set_linewidth(3.0)
        if h is not None and hasattr(h, "set_markersize"):
            h.set_markersize(6.0)
    if illustrative:
        from iocluster.reports.figures.common import stamp_illustrative

        stamp_illustrative(fig, lang)
    if path is not None:
        p = Path(path)
        with atomic_path(p, force=True) as tmp:
            with plain_figure_text(fig):
                save_reproducible(fig, tmp, p.suffix.lstrip(".") or "png", dpi=150)
    return fig
