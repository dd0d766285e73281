"""The labelled result frames of a scenario run, built once per run from the arrays of
:mod:`iocluster.scenarios.measures` (never a frame per scenario and a concatenation).

Index levels are built from each set of labels once (scenario names, measures, clusters,
sector codes: sorted, as :meth:`pandas.MultiIndex.from_tuples` would make them) and
repeated by their integer codes; text columns are taken from a string array the same
way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray

__all__ = ["LEVEL_COLUMNS", "Labels", "indexed", "labels", "multi_index", "sector_frame"]

#: The columns of the frames of totals, clusters and services content.
LEVEL_COLUMNS = ("baseline", "scenario", "change", "pct_change")


class Labels:
    """Unique labels as an index level (sorted, a slice of one string array made per run:
    :func:`labels`), for frames that repeat them: :meth:`codes` of positions for a
    :class:`pandas.MultiIndex`, :meth:`take` for a text column or a flat index."""

    def __init__(self, level: pd.Index, code: np.ndarray) -> None:
        self.name = level.name
        self.level = level
        self._code = code

    def __len__(self) -> int:
        return len(self._code)

    def codes(self, positions: np.ndarray) -> np.ndarray:
        """The level codes of the labels at ``positions``."""
        return self._code[positions]

    def take(self, positions: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """The labels at ``positions`` as a string array (a text column)."""
        return self.level.array.take(self._code[positions])

    def index(self, positions: np.ndarray) -> pd.Index:
        """The labels at ``positions`` as a flat index named :attr:`name`."""
        return pd.Index(self.take(positions), name=self.name, copy=False)


def labels(*sets: tuple[Sequence[str], str | None]) -> list[Labels]:
    """:class:`Labels` of each set of unique labels ``(labels, name)``, all converted to
    one string array at once (pandas' conversion costs the same for 2 labels or 300)."""
    items = [[str(v) for v in values] for values, _ in sets]
    orders = [sorted(range(len(it)), key=it.__getitem__) for it in items]
    flat = pd.Index(
        pd.array([it[k] for it, order in zip(items, orders, strict=True) for k in order],
                 dtype="str"), copy=False,
    )  # fmt: skip
    out, start = [], 0
    for it, order, (_, name) in zip(items, orders, sets, strict=True):
        code = np.empty(len(it), dtype=np.intp)
        code[order] = np.arange(len(it))
        out.append(Labels(flat[start : start + len(it)].rename(name), code))
        start += len(it)
    return out


def multi_index(parts: Sequence[tuple[Labels, np.ndarray]]) -> pd.MultiIndex:
    """A MultiIndex of the labels at the given positions, level by level."""
    levels: Any = [lab.level for lab, _ in parts]
    codes: Any = [lab.codes(pos) for lab, pos in parts]
    return pd.MultiIndex(
        levels=levels,
        codes=codes,
        names=[lab.name for lab, _ in parts],
        verify_integrity=False,
    )


@cache
def _columns(*names: str) -> pd.Index:
    """The column index of these names (made once: a frame's columns are read-only)."""
    return pd.Index(list(names))


def indexed(
    parts: Sequence[tuple[Labels, np.ndarray]],
    values: FloatArray,
    columns: Sequence[str],
    unit: str,
) -> pd.DataFrame:
    """A frame of ``values`` (rows × columns) indexed by :func:`multi_index` of ``parts``,
    its unit in ``attrs``."""
    df = pd.DataFrame(
        values.reshape(-1, len(columns)), index=multi_index(parts), columns=_columns(*columns)
    )
    df.attrs["unit"] = unit
    return df


def sector_frame(
    index: pd.Index,
    text: Mapping[str, object],
    values: FloatArray,
    columns: Sequence[str],
    unit: str,
) -> pd.DataFrame:
    """A frame indexed by sector code (``index``), its text columns (name → string
    array, e.g. :meth:`Labels.take`) first, then ``values`` (rows × columns)."""
    vals = values.reshape(-1, len(columns))
    data = dict(text)
    data.update({c: vals[:, k] for k, c in enumerate(columns)})
    df = pd.DataFrame(data, index=index, copy=False)
    df.attrs["unit"] = unit
    return df
