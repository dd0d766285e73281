"""The trade-in-value-added figure (issue 31): what each cluster's (or region's) gross
exports are made of, in the report language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.io.textsafe import plain_text_figures
from iocluster.reports.figures.common import new_figure, plain_axis
from iocluster.reports.i18n import money_text, number, tr

__all__ = ["value_added_in_exports"]

#: Bars drawn at most (the largest exporters); the figure says how many were left out.
TOP = 20
#: Segments at least this wide (share of gross exports) say their share inside.
MIN_LABELLED = 0.06
_DARK = ("#1F4E78", "#70AD47", "#ED7D31")


@plain_text_figures
def value_added_in_exports(
    frame: pd.DataFrame,
    *,
    lang: str = "en",
    money: tuple[str, str] = ("", ""),
    national: bool = True,
    labels: Mapping[str, str] | None = None,
    top: int = TOP,
) -> Any:
    """Horizontal bars, one per row of ``frame`` (a cluster or region of
    :class:`~iocluster.regional.multiregional.tiva.TradeInValueAdded`), splitting its
    gross exports into domestic value added of goods sectors, of services, the import
    content (foreign value added on a multiregional table) and other primary inputs, as
    shares of gross exports (written inside segments of 6 % and more); each bar says its
    gross exports at a readable scale.

    ``money`` is the table's (scale, currency); ``labels`` display names of the rows.
    Rows without exports are left out; with more than ``top`` rows the largest exporters
    are drawn and the title says so.
    """
    need = ("exports", "dva", "fva", "other", "services_dva")
    missing = [c for c in need if c not in frame]
    if missing:
        raise InputError(f"the trade-in-value-added frame lacks columns {', '.join(missing)}")
    df = frame[frame["exports"] > 0]
    if df.empty:
        raise InputError(Message("reports.no_exports"))
    total = len(df)
    df = df.sort_values("exports", ascending=False, kind="stable").head(top)
    names = dict(labels or {})
    rows = [" / ".join(names.get(str(p), str(p)) for p in k) if isinstance(k, tuple)
            else names.get(str(k), str(k)) for k in df.index]  # fmt: skip
    e = df["exports"].to_numpy(dtype=float)
    parts = [
        (df["dva"] - df["services_dva"], tr("dva_not_services", lang), "#1F4E78", None),
        (df["services_dva"], tr("services_dva_exports", lang), "#70AD47", None),
        (df["fva"], tr("import_content_exports" if national else "fva_exports", lang),
         "#ED7D31", None),
        (df["other"], tr("other_inputs_short", lang), "white", "///"),
    ]  # fmt: skip
    fig = new_figure(10, 0.42 * len(df) + 2.8)
    ax = fig.add_subplot()
    y = np.arange(len(df))
    left = np.zeros(len(df))
    for values, label, color, hatch in parts:
        v = values.to_numpy(dtype=float) / e
        if not (np.abs(v) > 0.002).any():
            continue  # a part no bar shows gets no legend entry
        ax.barh(y, v, left=left, color=color, label=label, hatch=hatch,
                edgecolor="#7F7F7F" if hatch else None, lw=0.6 if hatch else 0)  # fmt: skip
        for j in np.flatnonzero(v >= MIN_LABELLED):  # the share, inside its segment
            ax.text(left[j] + v[j] / 2, y[j], f"{number(100 * v[j], lang, 0)} %",
                    ha="center", va="center", fontsize=7,
                    color="white" if color in _DARK else "black")  # fmt: skip
        left += v
    scale, currency = money
    for k in range(len(df)):
        ax.text(1.01, y[k], tr("fig_tiva_exports", lang).format(
            value=money_text(e[k], scale, currency, lang)), va="center", fontsize=8)  # fmt: skip
    ax.set_yticks(y, rows)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.0)
    plain_axis(ax.xaxis, lang, percent=True)
    ax.set_xlabel(tr("share_of_exports", lang).capitalize())
    title = tr("fig_tiva", lang)
    if total > len(df):
        title += "\n" + tr("fig_tiva_top", lang).format(n=len(df), total=number(total, lang, 0))
    ax.set_title(title)
    fig.legend(loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig
