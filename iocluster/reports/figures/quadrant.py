"""The key-sector quadrant: normalised backward (power of dispersion, U) against forward
(sensitivity of dispersion, S) linkages, quadrants at 1, points sized by output.

What it draws, and how it stays readable with 136 sectors or 1,904 region-sectors:

- **Zero-output sectors are not drawn** (their indices say nothing); the legend counts
  them.
- **Flags.** A sector the validation flags (:mod:`iocluster.analysis.flags`) is a hollow
  circle and its label ends in †; a sector whose index lies beyond Tukey's far-out
  fence is drawn *off scale*, as a triangle at the edge of the others' range, labelled
  with its true value. The legend names every mark: the classes (with counts), flagged,
  off scale, the dashed lines at index 1, the circle sizes.
- **Labels only where they can be read**, by a stated rule: off-scale sectors first,
  then the unflagged key sectors by U + S, then the other sectors furthest from (1, 1);
  at most ``label_top``, chosen among the first ``5 × label_top`` of that order. A label
  goes to the first free spot around its point (eight directions at five distances, a
  thin leader line beyond the first), where its box, measured by the renderer, stays in
  the axes and covers no other label, corner text or point, and where no leader line
  crosses another label; a point with no free spot stays unlabelled. The legend's title
  states the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.io.textsafe import plain_text_figures
from iocluster.reports.figures.common import (
    CLASS_COLORS,
    FLAG_MARK,
    lang_formatter,
    money_scale,
    new_figure,
)
from iocluster.reports.i18n import number, tr

__all__ = ["crosses", "key_sector_quadrant"]

#: Gaps between a label and its marker's edge (points): the first ring touches the
#: marker, the others are joined to it by a leader line.
_RINGS = (1.5, 11.0, 22.0, 34.0, 48.0)
#: Area (points²) of the triangle of an off-scale sector.
_OFF_SIZE = 90.0
_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1), (0, -1), (1, 0), (-1, 0))


def _sizes(x: np.ndarray) -> np.ndarray:
    """Marker areas (points²), proportional to output (20 + 380·√(x / max x))."""
    top = float(x.max()) if x.size else 0.0
    return 20 + 380 * np.sqrt(x / top) if top > 0 else np.full(x.size, 40.0)


def _off_scale(U: np.ndarray, S: np.ndarray) -> np.ndarray:
    """Sectors whose U or S lies beyond the far-out fence of the drawn sectors."""
    from iocluster.analysis.artefacts import far_out

    if U.size < 4:
        return np.zeros(U.size, dtype=bool)
    return np.asarray(far_out(pd.Series(U)) | far_out(pd.Series(S)), dtype=bool)


@plain_text_figures
def key_sector_quadrant(
    linkages: pd.DataFrame,
    *,
    output: Sequence[float] | np.ndarray | None = None,
    lang: str = "en",
    label_top: int = 20,
    title: str | None = None,
    output_unit: tuple[str, str] = ("", ""),
) -> Any:
    """Backward (``power_of_dispersion``) vs forward (``sensitivity_of_dispersion``)
    indices of ``linkages`` (:func:`iocluster.analysis.linkages.linkages`; its ``flag``
    column marks flagged sectors), see the module docstring.

    ``output`` sizes the points (area proportional to output; a size legend reads three
    sizes in ``output_unit`` = (scale, currency), at a readable scale) and leaves out the
    sectors that produce nothing. An axis with a range above 3× is drawn on a log scale,
    and its label says so.
    """
    codes = [str(c) for c in linkages.index]
    flags = [str(f or "") for f in linkages["flag"]] if "flag" in linkages else [""] * len(codes)
    x = np.ones(len(codes)) if output is None else np.asarray(output, dtype=float)
    drawn = (x > 0) & np.array(["zero_output" not in f for f in flags], dtype=bool)
    keep = np.nonzero(drawn)[0]
    U = linkages["power_of_dispersion"].to_numpy(dtype=float)[keep]
    S = linkages["sensitivity_of_dispersion"].to_numpy(dtype=float)[keep]
    cls = [str(linkages["key_sector"].iloc[i]) for i in keep]
    flagged = np.array([bool(flags[i]) for i in keep], dtype=bool)
    names = [codes[i] + (FLAG_MARK if flags[i] else "") for i in keep]
    sizes = _sizes(x[keep]) if output is not None else np.full(keep.size, 40.0)
    off = _off_scale(U, S)
    true_u, true_s = U.copy(), S.copy()
    if off.any() and (~off).any():
        U = np.minimum(U, 1.1 * max(float(U[~off].max()), 1.0))
        S = np.minimum(S, 1.1 * max(float(S[~off].max()), 1.0))
    for i in np.nonzero(off)[0]:
        shown = [number(v, lang, 1) for v, c in ((true_u[i], U[i]), (true_s[i], S[i])) if v != c]
        names[i] = f"{names[i]} ({' / '.join(shown)} {tr('off_scale', lang)})"

    fig = new_figure(8.5, 7.4)
    ax = fig.add_subplot()
    handles: list[Any] = []
    for k, color in CLASS_COLORS.items():
        m = np.array([c == k for c in cls], dtype=bool)
        solid, hollow = m & ~flagged & ~off, m & flagged & ~off
        if solid.any():
            ax.scatter(U[solid], S[solid], s=sizes[solid], c=color, alpha=0.7,
                       edgecolors="white")  # fmt: skip
        if hollow.any():
            ax.scatter(U[hollow], S[hollow], s=sizes[hollow], facecolors="none",
                       edgecolors=color, linewidths=1.3)  # fmt: skip
        for i in np.nonzero(m & off)[0]:
            marker = "^" if S[i] != true_s[i] else ">"
            ax.scatter([U[i]], [S[i]], s=_OFF_SIZE, marker=marker, c=color, edgecolors="black",
                       linewidths=0.8, zorder=3)  # fmt: skip
        handles.append(ax.scatter([], [], s=30, c=color, label=f"{tr(k, lang)} ({int(m.sum())})"))
    if flagged.any():
        text = f"{FLAG_MARK} {tr('fig_flagged', lang).format(k=int(flagged.sum()))}"
        handles.append(ax.scatter([], [], s=30, facecolors="none", edgecolors="#404040",
                                  linewidths=1.3, label=text))  # fmt: skip
    if off.any():
        handles.append(ax.scatter([], [], s=40, marker="^", c="#BFBFBF", edgecolors="black",
                                  linewidths=0.8, label=tr("fig_off_scale", lang)))  # fmt: skip
    handles.append(ax.axvline(1, color="#404040", lw=0.8, ls="--",
                              label=tr("fig_average_line", lang)))  # fmt: skip
    ax.axhline(1, color="#404040", lw=0.8, ls="--")
    logs = _scales(ax, U, S, lang)
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
    corners = _corner_names(ax, lang)
    rule = tr("fig_labels_rule", lang).format(k=label_top)
    n_zero = int((~drawn).sum())
    if n_zero:
        rule += "\n" + tr("fig_zero_output", lang).format(k=n_zero)
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=8, frameon=False,
               title=rule, title_fontsize=7.5)  # fmt: skip
    if output is not None and x.max() > 0:
        _size_legend(fig, ax, x[keep], output_unit, lang)
    ax.grid(alpha=0.25)
    far = np.hypot(np.log(np.maximum(U, 1e-9)), np.log(np.maximum(S, 1e-9)))
    score = true_u + true_s
    key_first = sorted(
        range(len(U)),
        key=lambda i: (not off[i], not (cls[i] == "key" and not flagged[i]),
                       -score[i] if cls[i] == "key" and not flagged[i] else -far[i]),
    )  # fmt: skip
    sizes = np.where(off, _OFF_SIZE, sizes)
    _label_points(ax, U, S, sizes, names, key_first[: 5 * label_top], label_top, corners)
    return fig


def _scales(ax: Any, U: np.ndarray, S: np.ndarray, lang: str) -> dict[str, bool]:
    """Log scale on an axis whose values span more than 3×; labels in ``lang``."""
    from matplotlib.ticker import LogLocator, NullFormatter

    logs = {"x": False, "y": False}
    for values, xy in ((U, "x"), (S, "y")):
        axis = getattr(ax, f"{xy}axis")
        if values.size and values.min() > 0 and values.max() / values.min() > 3:
            getattr(ax, f"set_{xy}scale")("log")  # a few extreme sectors would squash the rest
            axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            axis.set_minor_formatter(NullFormatter())
            logs[xy] = True
        axis.set_major_formatter(lang_formatter(lang))
    return logs


def _corner_names(ax: Any, lang: str) -> list[Any]:
    """The quadrants' names in their corners (texts the labels must leave free)."""
    corner = {"fontsize": 9, "color": "#595959", "style": "italic", "alpha": 0.8}
    at = {"key": (0.99, 0.99, "right", "top"), "forward-oriented": (0.01, 0.99, "left", "top"),
          "backward-oriented": (0.99, 0.01, "right", "bottom"),
          "weak": (0.01, 0.01, "left", "bottom")}  # fmt: skip
    return [ax.text(u, v, tr(k, lang), transform=ax.transAxes, ha=ha, va=va, **corner)
            for k, (u, v, ha, va) in at.items()]  # fmt: skip


def _size_legend(fig: Any, ax: Any, x: Any, unit: tuple[str, str], lang: str) -> None:
    """Three reference circles (the largest output, a tenth and a hundredth of it, at
    the quadrant's area scale) with their output at a readable scale."""
    top = float(x.max())
    factor, words = money_scale([top], unit[0], unit[1], lang)
    handles, labels = [], []
    for share in (1.0, 0.1, 0.01):
        v = top * share
        handles.append(ax.scatter([], [], s=20 + 380 * np.sqrt(share), c="#BFBFBF",
                                  edgecolors="#7F7F7F"))  # fmt: skip
        labels.append(number(v * factor, lang, 1 if v * factor >= 10 else 2))
    fig.legend(handles, labels, loc="outside right center", fontsize=8, frameon=False,
               title=f"{tr('bubble_size', lang)},\n{words}", title_fontsize=8,
               labelspacing=1.6, borderpad=1.0)  # fmt: skip


def _spots(own: float, dpi: float) -> list[tuple[float, float, str, str, bool]]:
    """Candidate offsets ``(dx, dy)`` in pixels from a marker of radius ``own`` pixels,
    with the text's alignment and whether a leader line joins it to its point, nearest
    first. The text's nearest corner or edge lies ``own`` + a ring's gap from the centre,
    so a label never covers its own marker."""
    out = []
    for ring, gap in enumerate(_RINGS):
        r = own + gap * dpi / 72
        for ux, uy in _DIRECTIONS:
            norm = np.hypot(ux, uy)
            dx, dy = r * ux / norm, r * uy / norm
            ha = "left" if ux > 0 else "right" if ux < 0 else "center"
            va = "bottom" if uy > 0 else "top" if uy < 0 else "center"
            out.append((dx, dy, ha, va, ring > 0))
    return out


def _box(px: float, py: float, dx: float, dy: float, ha: str, va: str, w: float, h: float
         ) -> tuple[float, float, float, float]:  # fmt: skip
    """``(x0, y0, x1, y1)`` in pixels of a ``w`` × ``h`` text anchored at the offset."""
    ax_ = px + dx
    ay = py + dy
    x0 = ax_ if ha == "left" else ax_ - w if ha == "right" else ax_ - w / 2
    y0 = ay if va == "bottom" else ay - h if va == "top" else ay - h / 2
    return x0, y0, x0 + w, y0 + h


def crosses(seg: tuple[float, float, float, float], box: Sequence[float]) -> bool:
    """Whether the segment ``(x0, y0, x1, y1)`` meets the box ``(x0, y0, x1, y1)``
    (Liang–Barsky clipping).

    >>> crosses((0, 0, 10, 10), (4, 4, 6, 6)), crosses((0, 0, 10, 0), (4, 1, 6, 2))
    (True, False)
    """
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def _label_points(
    ax: Any,
    X: np.ndarray,
    Y: np.ndarray,
    sizes: np.ndarray,
    labels: list[str],
    order: list[int],
    limit: int,
    avoid: Sequence[Any] = (),
) -> None:
    """Label at most ``limit`` of the points in ``order`` where the label can be read
    (see the module docstring): a label's box stays in the axes, covers no other label,
    no text of ``avoid`` and no other marker; its leader line (from the point to the
    middle of its box, as matplotlib draws it) crosses no other label, and no leader line
    already drawn crosses its box."""
    fig = ax.figure
    fig.canvas.draw()  # fixes the layout, limits and scales: data → pixel transforms hold
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    dpi = fig.dpi
    pts = ax.transData.transform(np.column_stack([X, Y]))
    radius = np.sqrt(sizes) / 2 * dpi / 72 + 1.0  # marker radius in pixels, one pixel spare
    placed = [b.extents for b in (t.get_window_extent(renderer).expanded(1.05, 1.2)
                                  for t in avoid)]  # fmt: skip
    lines: list[tuple[float, float, float, float]] = []
    done = 0
    pad = 1.5
    for i in order:
        if done >= limit:
            break
        probe = ax.text(0, 0, labels[i], fontsize=8)
        ext = probe.get_window_extent(renderer)
        w, h = ext.width, ext.height
        probe.remove()
        others = np.ones(len(X), dtype=bool)
        others[i] = False
        for dx, dy, ha, va, lead in _spots(float(radius[i]), dpi):
            box = _box(pts[i, 0], pts[i, 1], dx, dy, ha, va, w, h)
            x0, y0, x1, y1 = box
            if x0 < frame.x0 or y0 < frame.y0 or x1 > frame.x1 or y1 > frame.y1:
                continue
            if any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in placed):
                continue
            seg = (pts[i, 0], pts[i, 1], (x0 + x1) / 2, (y0 + y1) / 2)
            if lead and any(crosses(seg, b) for b in placed):
                continue
            if any(crosses(line, box) for line in lines):
                continue
            # the nearest point of the box to each other marker's centre
            cx = np.clip(pts[others, 0], x0, x1)
            cy = np.clip(pts[others, 1], y0, y1)
            if np.any(np.hypot(cx - pts[others, 0], cy - pts[others, 1]) < radius[others]):
                continue
            arrow = (
                {"arrowstyle": "-", "lw": 0.5, "color": "#595959", "shrinkA": 0,
                 "shrinkB": float(radius[i] * 72 / dpi)}
                if lead else None
            )  # fmt: skip
            ax.annotate(labels[i], (X[i], Y[i]), xytext=(dx * 72 / dpi, dy * 72 / dpi),
                        textcoords="offset points", fontsize=8, ha=ha, va=va,
                        arrowprops=arrow)  # fmt: skip
            placed.append((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
            if lead:
                lines.append(seg)
            done += 1
            break
