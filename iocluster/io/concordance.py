"""Read a sector concordance (old codes -> new groups) from CSV or an Excel sheet, for
:func:`iocluster.operations.aggregate.aggregate`."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iocluster.core.labels import normalize_label, normalize_text
from iocluster.core.messages import Message
from iocluster.errors import InputError, Location
from iocluster.io.cells import cell_text
from iocluster.io.frames import numbers, read_frame
from iocluster.operations.aggregate import Concordance, normalise_columns

__all__ = ["read_concordance"]


def read_concordance(path: str | Path, sheet: str | None = None) -> Concordance:
    """Read a concordance from CSV or an Excel sheet.

    Two layouts are recognised:

    * a mapping: columns ``code`` and ``group`` (optional ``weight`` for a split,
      optional ``name`` for the group's display name), one row per pair;
    * a weights matrix: first column the old codes, other columns the new codes.
    """
    p = Path(path)
    loc = Location(file=p, sheet=sheet)
    df = read_frame(p, sheet)
    cols = {c.lower(): c for c in df.columns}
    if "code" in cols and "group" in cols:
        codes = [normalize_label(cell_text(c)) for c in df[cols["code"]]]
        groups = [normalize_label(cell_text(g)) for g in df[cols["group"]]]
        blank = [r for r, c, g in zip(df.index, codes, groups, strict=True) if not c or not g]
        if blank:
            raise InputError(Message("io.concordance.blank", row=str(blank[0])), loc)
        weights = (
            numbers(df[[cols["weight"]]], blank=None)[:, 0]
            if "weight" in cols
            else np.ones(len(df))
        )
        names = {}
        if "name" in cols:
            names = {
                g: normalize_text(nm)
                for g, nm in zip(groups, df[cols["name"]], strict=True)
                if nm is not None
            }
        source = tuple(dict.fromkeys(codes))
        target = tuple(dict.fromkeys(groups))
        W = np.zeros((len(target), len(source)))
        si = {c: i for i, c in enumerate(source)}
        ti = {g: i for i, g in enumerate(target)}
        for c, g, w in zip(codes, groups, weights, strict=True):
            W[ti[g], si[c]] += w
        if "weight" in cols:
            W = normalise_columns(W, source, loc)
        tn = tuple(names.get(g, g) for g in target)
        return Concordance(source=source, target=target, W=W, target_names=tn)
    if df.shape[1] < 2:
        raise InputError(Message("io.concordance.layout", columns="'code,group'"), loc)
    source = tuple(normalize_label(cell_text(c)) for c in df.iloc[:, 0])
    target = tuple(normalize_label(c) for c in df.columns[1:])
    W = numbers(df.iloc[:, 1:]).T
    return Concordance(source=source, target=target, W=normalise_columns(W, source, loc))
