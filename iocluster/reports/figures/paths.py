"""Layered chain diagram of the top structural paths (matplotlib, the ``plots`` extra).

Stage 0 (the target's own sectors) is the left column, each stage upstream one column
to the right; every path is a polyline through the sectors it passes, its width
proportional to the value it carries. matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

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
) -> Any:
    """Draw the ``top`` paths of one target as a layered chain diagram.

    Parameters
    ----------
    paths : DataFrame
        As returned by :func:`iocluster.chains.structural_paths` (columns ``target``,
        ``path``, ``value``, ``share``).
    path : str or Path, optional
        Write the figure there (format from the suffix), atomically.
    target : str, optional
        Which target to draw (default the first).

    Returns
    -------
    matplotlib.figure.Figure
    """
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise InputError("figures need matplotlib: pip install 'iocluster[plots]'") from exc
    if paths.empty:
        raise InputError("no paths to draw")
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
    vmax = float(sel["value"].abs().max()) or 1.0
    fig, ax = plt.subplots(figsize=(2.2 + 2.0 * depth, 1.0 + 0.45 * max(map(len, stages))))
    cmap = plt.get_cmap("viridis")
    for r, (s, v, sh) in enumerate(zip(seqs, sel["value"], sel["share"], strict=True)):
        xs = list(range(len(s)))
        ys = [ypos[(k, c)] for k, c in enumerate(s)]
        colour = cmap(r / max(len(seqs) - 1, 1))
        ax.plot(xs, ys, "-", lw=0.8 + 7.0 * abs(v) / vmax, alpha=0.55, color=colour)
        ax.annotate(
            f"{100 * sh:.1f}%", (xs[-1], ys[-1]), textcoords="offset points",
            xytext=(0, -13), ha="center", fontsize=7, color=colour,
        )  # fmt: skip
    for (k, c), yv in ypos.items():
        ax.text(k, yv, c if len(c) <= 14 else c[:13] + "…", ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.6"})  # fmt: skip
    ax.set_xticks(range(depth), [f"stage {k}" for k in range(depth)])
    ax.set_yticks([])
    ax.set_xlim(-0.6, depth - 0.2)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"Top {len(seqs)} value-added paths: {name}" + (f" ({unit})" if unit else ""))
    fig.tight_layout()
    if path is not None:
        p = Path(path)
        with atomic_path(p, force=True) as tmp:
            with plain_figure_text(fig):
                save_reproducible(fig, tmp, p.suffix.lstrip(".") or "png", dpi=150)
        plt.close(fig)
    return fig
