"""The labelled result frames of a scenario run, built once per run from the arrays of
:mod:`iocluster.scenarios.measures` (never a frame per scenario and a concatenation).

Index levels are built from each set of labels once (scenario names, measures, clusters,
sector codes: sorted, as :meth:`pandas.MultiIndex.from_tuples` would make them) and
repeated by their integer codes; text columns are taken from a string array the same
way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray

__all__ = ["Labels", "indexed", "sector_frame"]

#: The columns of the frames of totals, clusters and services content.
LEVEL_COLUMNS = ("baseline", "scenario", "change", "pct_change")


class Labels:
    """Unique labels as an index level (sorted) and as a string array, for frames that
    repeat them: :meth:`codes` of positions for a :class:`pandas.MultiIndex`,
    :meth:`take` for a text column or a flat index."""

    def __init__(self, labels: Sequence[str], name: str | None = None) -> None:
        items = [str(v) for v in labels]
        order = sorted(range(len(items)), key=items.__getitem__)
        self.name = name
        self.level = pd.Index([items[k] for k in order], name=name)
        self._code = np.empty(len(items), dtype=np.intp)
        self._code[order] = np.arange(len(items))
        self._items = items
        self._array: pd.api.extensions.ExtensionArray | None = None

    def __len__(self) -> int:
        return len(self._items)

    def codes(self, positions: np.ndarray) -> np.ndarray:
        """The level codes of the labels at ``positions``."""
        return self._code[positions]

    def take(self, positions: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """The labels at ``positions`` as a string array (a text column)."""
        if self._array is None:
            self._array = pd.array(self._items, dtype="str")
        return self._array.take(positions)

    def index(self, positions: np.ndarray) -> pd.Index:
        """The labels at ``positions`` as a flat index named :attr:`name`."""
        return pd.Index(self.take(positions), name=self.name, copy=False)


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


def indexed(
    parts: Sequence[tuple[Labels, np.ndarray]],
    values: FloatArray,
    columns: Sequence[str],
    unit: str,
) -> pd.DataFrame:
    """A frame of ``values`` (rows × columns) indexed by :func:`multi_index` of ``parts``,
    its unit in ``attrs``."""
    df = pd.DataFrame(
        values.reshape(-1, len(columns)), index=multi_index(parts), columns=list(columns)
    )
    df.attrs["unit"] = unit
    return df


def sector_frame(
    codes: Labels,
    rows: np.ndarray,
    text: Sequence[tuple[str, Labels, np.ndarray]],
    values: FloatArray,
    columns: Sequence[str],
    unit: str,
) -> pd.DataFrame:
    """A frame indexed by sector code (the codes at positions ``rows``), its text columns
    (name, labels, positions) first, then ``values`` (rows × columns)."""
    vals = values.reshape(-1, len(columns))
    data: dict[str, object] = {name: lab.take(pos) for name, lab, pos in text}
    data.update({c: vals[:, k] for k, c in enumerate(columns)})
    df = pd.DataFrame(data, index=codes.index(rows), copy=False)
    df.attrs["unit"] = unit
    return df
