"""Sectors the validation lists, flagged with the reason, and rankings that set them aside.

A ranking of sectors (key sectors, the largest multiplier, the output lost by extraction)
is only as good as the rows it reads. :func:`validate_table
<iocluster.analysis.validate.validate_table>` names the sectors whose rows it cannot
trust; :func:`sector_flags` gives each of them its flags and the reason, one flag per list:

``zero_output``
    The sector produces nothing (its coefficients are set to 0; check "zero-output
    sectors").
``identity``
    Its own row misses more than 1 % of its resources, or its own column more than 10 %
    of its output (checks "row identity", "column identity":
    :data:`~iocluster.analysis.validate.ROW_FAIL`,
    :data:`~iocluster.analysis.validate.COL_FLAG`).
``sales_above_output``
    Domestic intermediate sales above output, a Ghosh row sum above 1 (check
    "intermediate sales above output").
``negative_final_demand``
    Inventories or other final demand below −0.5 × output (check "negative final
    demand").
``linkage_outlier``
    A Rasmussen–Hirschman index beyond Tukey's far-out fence in such a sector (check
    "linkage outliers").

The rule (README, Conventions; the reports' About sheet): rankings and the summary's
sentences rank the unflagged sectors only and list the flagged ones after them, set
aside with their reason (:func:`rank_unflagged`); ``include_flagged=True``
(``--include-flagged``) restores the raw ranking, the flags still shown.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §12.1–12.2.
Tukey, J. W. (1977). *Exploratory Data Analysis*. Addison-Wesley (outer fences).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.analysis.artefacts import (
    FENCE,
    INDEX_TITLES,
    NEGATIVE_FD_SHARE,
    artefact_sectors,
    index_outliers,
    large_negative_final_demand,
    sales_above_output,
)
from iocluster.analysis.validate import COL_FLAG, ROW_FAIL, column_gaps, row_gaps
from iocluster.core.messages import Message
from iocluster.errors import NumericalError, TableIdentityError
from iocluster.table import IOTable

__all__ = [
    "FLAG_KINDS",
    "FLAG_RULE",
    "flagged",
    "rank_unflagged",
    "sector_flags",
    "set_aside_note",
]

#: The flags, in the order they are listed (one per validation list).
FLAG_KINDS = (
    "zero_output",
    "identity",
    "sales_above_output",
    "negative_final_demand",
    "linkage_outlier",
)
#: The rule, as the README and the About sheet state it.
FLAG_RULE = Message(
    "flag.rule", rows=ROW_FAIL, columns=COL_FLAG, share=NEGATIVE_FD_SHARE, fence=FENCE
)
#: A negative final-demand entry by its role: the codes of its phrase per unit of
#: output (``ratio``) and with zero output (``value``).
_NEGATIVE = {
    "inventories": ("flag.inventories", "flag.inventories_zero"),
    "other": ("flag.other_fd", "flag.other_fd_zero"),
}


def _joined(parts: Sequence[Message]) -> Message | str:
    """Phrases joined by "; " ("" for none)."""
    if not parts:
        return ""
    out = parts[0]
    for p in parts[1:]:
        out = Message("flag.then", first=out, then=p)
    return out


def _outliers(table: IOTable, bad: set[str]) -> list[tuple[str, str, float]]:
    try:
        return [o for o in index_outliers(table) if o[0] in bad]
    except (NumericalError, TableIdentityError):  # not productive: its own check says so
        return []


def sector_flags(table: IOTable) -> pd.DataFrame:
    """The flags of every sector and their reasons (see the module docstring).

    Returns
    -------
    DataFrame
        Index: sector codes (every sector, in table order); ``flag``: the flags of
        :data:`FLAG_KINDS` joined by ", " ("" for a sector no list names); ``reason``:
        one phrase per flag with its size, joined by "; " (a keyed
        :class:`~iocluster.core.messages.Message`; "" for an unflagged sector).

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> sector_flags(miller_blair_2_3())["flag"].tolist()
    ['', '']
    """
    codes = [str(c) for c in table.codes]
    found: dict[str, list[tuple[str, Message]]] = {c: [] for c in codes}
    x = np.asarray(table.x, dtype=np.float64)
    for c in np.asarray(codes)[x == 0]:
        found[str(c)].append(("zero_output", Message("flag.zero_output")))
    rows, cols = row_gaps(table), column_gaps(table)
    for c, r, k in zip(codes, rows, cols, strict=True):
        if abs(r) > ROW_FAIL:
            found[c].append(("identity", Message("flag.row_identity", gap=100 * float(r))))
        if abs(k) > COL_FLAG:
            found[c].append(("identity", Message("flag.column_identity", gap=100 * float(k))))
    for c, r in sales_above_output(table).items():
        found[str(c)].append(("sales_above_output", Message("flag.sales", ratio=float(r))))
    roles = dict(zip(table.fd_names, table.fd_roles, strict=True))
    for c, name, value, out in large_negative_final_demand(table):
        per_unit, zero = _NEGATIVE[roles[name]]
        phrase = Message(per_unit, ratio=value / out) if out > 0 else Message(zero, value=value)
        found[c].append(("negative_final_demand", phrase))
    for c, label, value in _outliers(table, artefact_sectors(table)):
        phrase = Message("flag.outlier", index=INDEX_TITLES[label], value=value, fence=FENCE)
        found[c].append(("linkage_outlier", phrase))
    order = {k: i for i, k in enumerate(FLAG_KINDS)}
    flag: list[str] = []
    reason: list[Message | str] = []
    for c in codes:
        items = sorted(found[c], key=lambda kr: order[kr[0]])
        flag.append(", ".join(dict.fromkeys(k for k, _ in items)))
        reason.append(_joined([r for _, r in items]))
    df = pd.DataFrame(
        {"flag": flag, "reason": pd.Series(reason, index=codes, dtype=object)},
        index=pd.Index(codes, name="code"),
    )
    df.attrs["rule"] = FLAG_RULE
    return df


def flagged(frame: pd.DataFrame) -> np.ndarray:
    """Whether each row of ``frame`` is flagged (a non-empty ``flag`` column; none is
    when the frame has no such column)."""
    if "flag" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return np.array([bool(f) for f in frame["flag"].fillna("")], dtype=bool)


def rank_unflagged(
    frame: pd.DataFrame,
    score: pd.Series | Sequence[float] | np.ndarray,
    *,
    groups: pd.Series | Sequence[int] | np.ndarray | None = None,
    include_flagged: bool = False,
    rank: str | None = None,
) -> pd.DataFrame:
    """``frame`` ranked by ``score`` (largest first) within ``groups`` (smallest group
    first, e.g. the key-sector class), its flagged rows after all the others unless
    ``include_flagged``; with ``rank``, a column of that name numbers the ranked rows
    (ties share the smaller rank; flagged rows set aside get <NA>).

    >>> df = pd.DataFrame({"loss": [5.0, 9.0, 7.0], "flag": ["", "identity", ""]},
    ...                   index=["a", "b", "c"])
    >>> rank_unflagged(df, df["loss"], rank="rank")["rank"].tolist()
    [1, 2, <NA>]
    >>> list(rank_unflagged(df, df["loss"], include_flagged=True).index)
    ['b', 'c', 'a']
    """
    s = np.asarray(score, dtype=np.float64)
    aside = flagged(frame) & (not include_flagged)
    g = np.zeros(len(frame)) if groups is None else np.asarray(groups, dtype=np.float64)
    key = pd.DataFrame({"aside": aside, "group": g, "score": -s, "pos": np.arange(len(frame))})
    order = key.sort_values(["aside", "group", "score", "pos"], kind="stable").index.to_numpy()
    out = frame.iloc[order].copy()
    if rank is not None:
        ranked = pd.Series(s[order], index=out.index).where(~aside[order])
        out[rank] = ranked.rank(ascending=False, method="min").astype("Int64")
    out.attrs = dict(frame.attrs)
    n_aside = int(aside.sum())
    if n_aside:
        out.attrs["note"] = set_aside_note(n_aside)
    return out


def set_aside_note(n: int) -> Message:
    """The caption of a ranking with ``n`` flagged sectors set aside."""
    return Message("flag.set_aside", n=n)
