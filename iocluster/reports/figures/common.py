"""What every report figure shares: the canvas, colours, axes in the report language,
sector labels and their flags, the "ILLUSTRATIVE" stamp, and writing PNG and SVG.

Rules every figure follows (issue 29):

- **Enough ticks.** A numeric axis carries at least three labelled ticks and at most
  ``nbins`` (:func:`plain_axis`), in the report language, never an offset ("1e6").
- **Aggregates name their statistic.** The bar of the sectors left out of a chart says
  how many they are and whether it is their sum or their mean (:func:`top_n`).
- **Flags are marked.** A sector the validation flags carries a † in its label, and the
  legend says what † means (:func:`flag_handle`).
- **Illustrative inputs say so.** A figure drawn from a table marked illustrative
  carries "ILLUSTRATIVE DATA" above it (:func:`stamp_illustrative`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.io.atomic import atomic_path
from iocluster.io.textsafe import plain_figure_text, save_reproducible
from iocluster.reports.i18n import number, pick_power, scale_factor, scaled_unit, tr

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "FLAG_MARK",
    "flag_handle",
    "is_flagged",
    "lang_formatter",
    "money_scale",
    "new_figure",
    "plain_axis",
    "save_figure",
    "sector_label",
    "stamp_illustrative",
    "top_n",
]

COLORS = {
    "direct": "#1F4E78",
    "indirect": "#5B9BD5",
    "induced": "#A9D18E",
    "other": "#BFBFBF",
    "increase": "#2E75B6",
    "decrease": "#C00000",
    "economy": "#A6A6A6",
}
CLASS_COLORS = {
    "key": "#C00000",
    "backward-oriented": "#ED7D31",
    "forward-oriented": "#5B9BD5",
    "weak": "#7F7F7F",
}
#: Appended to the label of a sector the validation flags.
FLAG_MARK = "†"
#: Fewest labelled ticks on a numeric axis.
MIN_TICKS = 3


def new_figure(width: float, height: float) -> Any:
    """A matplotlib figure on the Agg canvas (no pyplot, no display), constrained layout."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the extra
        said = Message(
            "reports.figures_need", package="matplotlib", command="pip install 'iocluster[plots]'"
        )
        raise InputError(said) from exc
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
            """The fewest decimals (at most 6) that write every tick exactly (a step of
            0.25 needs two: 0.25, 0.5, 0.75 — never 0.2, 0.5, 0.8)."""
            locs = np.asarray(self._locs, dtype=float)
            locs = (100 * locs) if percent else locs
            tol = 1e-9 * max(1.0, float(np.abs(locs).max())) if locs.size else 1.0
            for d in range(7):
                scaled = locs * 10.0**d
                if np.all(np.abs(scaled - np.round(scaled)) <= tol * 10.0**d):
                    return d
            return 6

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


def plain_axis(axis: Any, lang: str, *, percent: bool = False, nbins: int = 6) -> None:
    """Linear axis with :data:`MIN_TICKS` to ``nbins`` ticks labelled in the report
    language (steps 1, 2, 2.5, 5)."""
    from matplotlib.ticker import MaxNLocator

    locator = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], min_n_ticks=MIN_TICKS)
    axis.set_major_locator(locator)
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


def top_n(
    values: pd.Series, top: int, *, other: str = "other ({k})", how: str = "sum", lang: str = "en"
) -> pd.Series:
    """The ``top`` largest entries by absolute value and one entry for the rest, labelled
    ``other`` with ``{k}`` the number of entries it stands for, written in ``lang`` (say
    "Other {k} sectors: sum", :func:`iocluster.reports.i18n.tr` ``other_sum`` /
    ``other_mean``).

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
    return pd.concat([head, pd.Series({other.format(k=number(len(rest), lang, 0)): agg})])


def is_flagged(flags: Mapping[str, str] | None, code: object) -> bool:
    """Whether the validation flags sector ``code`` (``flags``: code → its flags, as
    :func:`iocluster.analysis.flags.sector_flags` gives them)."""
    return bool(flags and flags.get(str(code), ""))


def sector_label(
    code: str,
    names: Mapping[str, str] | None,
    width: int = 38,
    flags: Mapping[str, str] | None = None,
) -> str:
    """``code name`` cut to ``width`` characters, with :data:`FLAG_MARK` when flagged."""
    mark = FLAG_MARK if is_flagged(flags, code) else ""
    if not names or code not in names:
        return code + mark
    name = names[code]
    text = f"{code}{mark} {name}" if name and name != code else code + mark
    return text if len(text) <= width else text[: width - 1] + "…"


def flag_handle(lang: str) -> tuple[Any, str]:
    """A legend entry (an empty handle and its text) saying what † means."""
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker="none"), tr("fig_flagged_mark", lang)


def stamp_illustrative(fig: Any, lang: str) -> Any:
    """Put "ILLUSTRATIVE DATA — not official statistics" (in ``lang``) above ``fig``: a
    line of its own, before the figure's overall title when it has one."""
    stamp = tr("illustrative_stamp", lang)
    old = fig._suptitle.get_text() if fig._suptitle is not None else ""
    if stamp in old:
        return fig
    if old:
        fig.suptitle(f"{stamp}\n{old}", color="#202020")
    else:
        fig.suptitle(stamp, color="#C00000", fontweight="bold", fontsize=11)
    fig._suptitle.set_gid("illustrative")
    return fig
