"""Figures of an interregional table (issue 16): the region × region spillover heat map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.reports.figures.common import new_figure
from iocluster.reports.i18n import tr

__all__ = ["spillover_heatmap"]


def spillover_heatmap(
    shares: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    lang: str = "en",
    title: str | None = None,
) -> Any:
    """Heat map of an origin × destination matrix of shares (rows sum to 1): where a unit
    of each region's final demand raises output. Shares are written in the cells (in %)."""
    data = shares.to_numpy(dtype=float)
    if data.size == 0:
        raise InputError(Message("reports.no_regions"))
    label = dict(names or {})
    rows = [label.get(str(k), str(k)) for k in shares.index]
    cols = [label.get(str(k), str(k)) for k in shares.columns]
    r, c = data.shape
    fig = new_figure(min(3.0 + 0.55 * c, 16), min(2.5 + 0.45 * r, 14))
    ax = fig.add_subplot()
    im = ax.imshow(100.0 * data, cmap="Blues", vmin=0.0, aspect="auto")
    ax.set_xticks(np.arange(c), cols, rotation=90, fontsize=8)  # upright boxes never overlap
    ax.set_yticks(np.arange(r), rows, fontsize=8)
    ax.set_xlabel(tr("destination_region", lang))
    ax.set_ylabel(tr("origin_region", lang))
    top = float(np.nanmax(data)) if np.isfinite(data).any() else 1.0
    for i in range(r):
        for j in range(c):
            if np.isfinite(data[i, j]):
                ax.text(j, i, f"{100 * data[i, j]:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if data[i, j] > 0.6 * top else "black")  # fmt: skip
    fig.colorbar(im, ax=ax, label="%")
    ax.set_title(title or tr("spillover_heatmap_title", lang), fontsize=10)
    return fig
