"""Analyses of an interregional table: regions of its sectors, effects by region,
region × region spillovers and the intra-regional / feedback / spillover split of
output multipliers.

Notation (Miller & Blair 2009, §3.3): the interregional coefficients :math:`A` have
blocks :math:`A^{rs}` (inputs from region :math:`r` per unit of output in region
:math:`s`) and :math:`L = (I - A)^{-1}` blocks :math:`L^{rs}`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from iocluster.core.engine import Coefficients, FloatArray, dense_block, factorise, frozen_array
from iocluster.core.messages import Message, render
from iocluster.core.uzcyrl import to_cyrillic
from iocluster.errors import InputError
from iocluster.regional.interregional.build import REGION_TAG, SECTOR_TAG
from iocluster.table import IOTable

__all__ = [
    "SPLIT_PARTS",
    "is_interregional",
    "multiplier_decomposition",
    "multipliers_by_region",
    "region_layout",
    "region_members",
    "region_names",
    "region_names_in_sector_names",
    "region_totals",
    "regional_overview",
    "regional_summary",
    "spillover_matrix",
    "spillover_shares",
    "split_by_region",
    "with_regional_split",
]

#: The parts of an output multiplier on an interregional table (Miller & Blair 2009, §3.3).
SPLIT_PARTS = ("intra_regional", "feedback", "spillover")


def is_interregional(table: IOTable) -> bool:
    """Whether the table carries the ``region`` and ``sector`` tags of
    :func:`~iocluster.regional.interregional.build.build_interregional`."""
    return REGION_TAG in table.tags and SECTOR_TAG in table.tags


def region_layout(table: IOTable) -> tuple[tuple[str, ...], np.ndarray]:
    """The region keys in order of first appearance and each sector's region position.

    Raises
    ------
    InputError
        The table has no ``region`` tag (not built by ``iocluster interregional``).
    """
    if REGION_TAG not in table.tags:
        raise InputError(
            Message(
                "regional.no_region_tag", tag=REGION_TAG,
                command="iocluster interregional TABLE REGIONAL_DATA -o OUT",
            )
        )  # fmt: skip
    tags = table.tags[REGION_TAG]
    keys = tuple(dict.fromkeys(tags))
    pos = {k: i for i, k in enumerate(keys)}
    return keys, np.array([pos[v] for v in tags], dtype=np.intp)


def region_members(table: IOTable, region: str) -> np.ndarray:
    """Positions of the sectors of one region (key, case-insensitive)."""
    keys, where = region_layout(table)
    lower = {k.lower(): i for i, k in enumerate(keys)}
    k = lower.get(region.strip().lower())
    if k is None:
        from iocluster.errors import close_matches

        said = Message(
            "scenarios.unknown_region", region=region, hint=close_matches(region, keys), keys=keys
        )
        raise InputError(said)
    return np.flatnonzero(where == k)


def region_totals(table: IOTable, values: ArrayLike) -> FloatArray:
    """Sum of a sector vector (N,) or matrix (N, k) within each region: (R,) or (R, k)."""
    keys, where = region_layout(table)
    v = np.asarray(values, dtype=np.float64)
    out = np.zeros((len(keys), *v.shape[1:]))
    np.add.at(out, where, v)
    return frozen_array(out, copy=False)


def split_by_region(table: IOTable, impulse: ArrayLike) -> tuple[list[int], FloatArray]:
    """The regions with a non-zero part of ``impulse`` (N,) and those parts as the
    columns of an (N, k) matrix (zero outside the region): one right-hand side per
    region for one batched solve.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3().replace(codes=("a/X", "b/X")).with_tags("region", ["a", "b"])
    >>> active, rhs = split_by_region(t, [0.0, 2.0])
    >>> active, rhs.tolist()
    ([1], [[0.0], [2.0]])
    """
    _, where = region_layout(table)
    dy = np.asarray(impulse, dtype=np.float64)
    active = [int(k) for k in np.unique(where[dy != 0])]
    rhs = np.zeros((table.n, len(active)))
    for col, k in enumerate(active):
        rhs[where == k, col] = dy[where == k]
    return active, rhs


def spillover_matrix(
    table: IOTable, impulse: ArrayLike, coefficients: ArrayLike | None = None
) -> pd.DataFrame:
    """Where the effects of an impulse in each region land: an origin × destination matrix.

    .. math:: M_{sr} = \\sum_{i \\in r} c_i\\, (L\\, \\Delta y^{(s)})_i

    with :math:`\\Delta y^{(s)}` the part of ``impulse`` (N,) in region :math:`s` and
    :math:`c` the coefficient row of a measure (ones: output; value added or jobs per
    unit of output). Row :math:`s` sums to the total effect of region :math:`s`'s
    impulse; its diagonal is what stays in :math:`s`. One solve with one right-hand side
    per region with an impulse.
    """
    keys = region_layout(table)[0]
    c = np.ones(table.n) if coefficients is None else np.asarray(coefficients, dtype=np.float64)
    active, rhs = split_by_region(table, impulse)
    M = np.zeros((len(keys), len(keys)))
    if active:
        dx = np.asarray(table.leontief.solve(rhs)).reshape(table.n, len(active))
        M[active, :] = np.asarray(region_totals(table, c[:, None] * dx)).T
    df = pd.DataFrame(M, index=pd.Index(keys, name="origin"), columns=list(keys))
    df.columns.name = "destination"
    return df


def _block_column_sums(A: Coefficients, idx: np.ndarray) -> FloatArray:
    """Column sums of :math:`(I - A^{ss})^{-1}` for the block ``idx``."""
    sub = dense_block(A, idx, idx)
    return np.asarray(factorise(sub).solve_transposed(np.ones(idx.size)))


def multiplier_decomposition(table: IOTable) -> pd.DataFrame:
    """Each sector's simple output multiplier split into intra-regional, feedback and
    spillover parts (Miller & Blair 2009, §3.3: interregional feedbacks).

    For sector :math:`j` of region :math:`s`:

    .. math::
        \\underbrace{\\mathbf 1^\\top L_{\\cdot, (s,j)}}_{\\text{total}} =
        \\underbrace{\\mathbf 1^\\top (I - A^{ss})^{-1} e_j}_{\\text{intra-regional}}
        + \\underbrace{\\mathbf 1^\\top \\left(L^{ss} - (I - A^{ss})^{-1}\\right) e_j}_{
          \\text{feedback}}
        + \\underbrace{\\sum_{r \\ne s} \\mathbf 1^\\top L^{rs} e_j}_{\\text{spillover}}

    The intra-regional part ignores every purchase from other regions (the region's own
    single-region multiplier); the feedback is what returns to region :math:`s` because
    the other regions buy from it in turn (non-negative); the spillover is the output
    raised in the other regions. The three parts add up to the total by construction.
    Cost: one factorisation per region block and R + 1 transposed solves.
    """
    keys, where = region_layout(table)
    A = table.A
    sysL = table.leontief
    total = np.asarray(sysL.solve_transposed(np.ones(table.n)))
    ind = np.zeros((table.n, len(keys)))
    ind[np.arange(table.n), where] = 1.0
    own_all = np.asarray(sysL.solve_transposed(ind)).reshape(table.n, len(keys))
    in_region = own_all[np.arange(table.n), where]
    intra = np.zeros(table.n)
    for k in range(len(keys)):
        idx = np.flatnonzero(where == k)
        intra[idx] = _block_column_sums(A, idx)
    feedback = in_region - intra
    spill = total - in_region
    df = pd.DataFrame(
        {
            "region": [keys[k] for k in where],
            "sector": list(table.tags.get(SECTOR_TAG, table.codes)),
            "intra_regional": intra,
            "feedback": feedback,
            "spillover": spill,
            "total": total,
        },
        index=pd.Index(table.codes, name="code"),
    )
    df.attrs["unit"] = "output per unit of final demand"
    df.attrs["title"] = Message("title.multiplier_split")
    return df


def regional_summary(table: IOTable, values: Sequence[tuple[str, ArrayLike]]) -> pd.DataFrame:
    """Region totals of named sector vectors (e.g. output, value added, jobs)."""
    keys, _ = region_layout(table)
    return pd.DataFrame(
        {name: np.asarray(region_totals(table, v)) for name, v in values},
        index=pd.Index(keys, name="region"),
    )


def regional_overview(table: IOTable, employment: str | None = None) -> pd.DataFrame:
    """One row per region: output, value added, jobs (satellite ``employment``) and their
    shares of the nation, and the output-weighted mean of the sectors' output multipliers
    split into intra-regional, feedback and spillover parts
    (:func:`multiplier_decomposition`)."""
    keys, _ = region_layout(table)
    x = np.asarray(table.x)
    cols: dict[str, np.ndarray] = {
        "output": np.asarray(region_totals(table, x)),
        "value_added": np.asarray(region_totals(table, table.value_added)),
    }
    if employment is not None:
        cols["jobs"] = np.asarray(region_totals(table, table.satellite(employment)))
    df = pd.DataFrame(cols, index=pd.Index(keys, name="region"))
    for c in list(cols):
        df[f"{c}_share_pct"] = 100.0 * df[c] / df[c].sum()
    dec = multiplier_decomposition(table)
    parts = [*SPLIT_PARTS, "total"]
    means = _output_weighted(table, dec[parts].to_numpy())
    for k, part in enumerate(parts):
        df[part] = means[:, k]
    df.attrs["unit"] = f"{table.meta.unit}; jobs in persons; multipliers per unit of final demand"
    df.attrs["title"] = Message("title.regional_summary")
    return df


def region_names(table: IOTable, lang: str = "en") -> dict[str, str]:
    """Region key → its name in ``lang`` (tags ``region_en``/``region_ru``/``region_uz``
    of :func:`~iocluster.regional.interregional.build.build_interregional`; the key
    where the table has no names)."""
    keys, where = region_layout(table)
    names = _tag_in(table, lang) or table.tags.get("region_en")
    if not names:
        return {k: k for k in keys}
    first = {int(w): i for i, w in reversed(list(enumerate(where)))}
    return {k: names[first[i]] or k for i, k in enumerate(keys)}


def _tag_in(table: IOTable, lang: str) -> tuple[str, ...] | None:
    """The region names of the table in ``lang``; in Uzbek Cyrillic, the Uzbek (Latin)
    names written in Cyrillic (:mod:`iocluster.core.uzcyrl`) where the table has none."""
    names = table.tags.get(f"region_{lang}")
    if names is None and lang == "uz-Cyrl" and "region_uz" in table.tags:
        names = tuple(to_cyrillic(n) for n in table.tags["region_uz"])
    return names


def region_names_in_sector_names(table: IOTable, lang: str) -> IOTable:
    """``table`` whose sector names end with the region's name in ``lang``: the builder
    writes the region in the language of the table's names ("Пряжа (Ферганская область)"
    for a Russian-named table); an Uzbek report reads "Пряжа (Farg'ona viloyati)"; the
    title's "— interregional, 14 regions" likewise.
    Unchanged when the table is not interregional or has no region names in ``lang``."""
    loc = _tag_in(table, lang)
    if lang == "en" or not loc or not is_interregional(table):
        return table
    # the builder names the region in the language of the table's names (en or ru)
    spelled = [table.tags[f"region_{k}"] for k in ("en", "ru", "uz") if f"region_{k}" in table.tags]
    names = []
    for i, (name, r) in enumerate(zip(table.names, loc, strict=True)):
        tail = next((f" ({s[i]})" for s in spelled if s[i] and name.endswith(f" ({s[i]})")), "")
        names.append(f"{name[: -len(tail)]} ({r})" if tail and r else name)
    n = len(dict.fromkeys(table.tags[REGION_TAG]))
    suffix = Message("regional.title_tail", n=n)  # the builder's, written in English
    title = table.meta.title
    if title.endswith(f" — {suffix}"):
        title = f"{title[: -len(str(suffix))]}{render(suffix, lang)}"
    meta = dataclasses.replace(table.meta, title=title)
    return table.replace(names=tuple(names), meta=meta)


def spillover_shares(table: IOTable) -> pd.DataFrame:
    """Where each region's final demand raises output: the origin × destination
    :func:`spillover_matrix` of every region's own domestic final demand (its rows of
    :math:`Y^d 1`), each row divided by its sum (rows sum to 1; the diagonal is the
    share that stays in the region). One solve with one right-hand side per region."""
    M = spillover_matrix(table, table.final_demand_total())
    tot = M.sum(axis=1)
    out = M.div(tot.where(tot != 0, 1.0), axis=0)
    out.attrs["unit"] = "share of the output effect"
    out.attrs["title"] = Message("title.spillover_shares")
    return out


def _output_weighted(table: IOTable, values: ArrayLike) -> FloatArray:
    """Output-weighted means of sector values (N, k) within each region (R, k): the
    average over the region's output, 0 for a region without output."""
    x = np.asarray(table.x)
    v = np.asarray(values, dtype=np.float64)
    out = np.asarray(region_totals(table, v * x[:, None]))
    size = np.asarray(region_totals(table, x))
    return frozen_array(out / np.where(size > 0, size, 1.0)[:, None], copy=False)


def with_regional_split(table: IOTable, multipliers: pd.DataFrame) -> pd.DataFrame:
    """A multipliers frame (index sector code, :func:`iocluster.analysis.multipliers.
    multipliers`) with the simple output multiplier's intra-regional, feedback and
    spillover parts after it (columns ``output_intra_regional``, ``output_feedback``,
    ``output_spillover``; :func:`multiplier_decomposition`); the frame itself when the
    table is not interregional or the frame has no ``output_simple``.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.analysis.multipliers import multipliers
    >>> t = miller_blair_2_3().replace(codes=("a/X", "b/X")).with_tags("region", ["a", "b"])
    >>> t = t.with_tags("sector", ["X", "X"])
    >>> m = with_regional_split(t, multipliers(t, ["output"], kinds=["simple"]))
    >>> m.round(4).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'output_simple': [1.5182, 1.4521], 'output_intra_regional': [1.1765, 1.0526],
     'output_feedback': [0.0777, 0.0695], 'output_spillover': [0.264, 0.33]}
    """
    if not is_interregional(table) or "output_simple" not in multipliers:
        return multipliers
    dec = multiplier_decomposition(table).reindex(multipliers.index)
    out = multipliers.copy()
    at = list(out.columns).index("output_simple") + 1
    for k, part in enumerate(SPLIT_PARTS):
        out.insert(at + k, f"output_{part}", dec[part].to_numpy())
    out.attrs = dict(multipliers.attrs)
    return out


def multipliers_by_region(table: IOTable, multipliers: pd.DataFrame) -> pd.DataFrame:
    """Each region's multipliers: the output-weighted mean of every multiplier column of
    its sectors (the multiplier of a unit of final demand spread like the region's
    output), with the region's output. Ratios (Type I and II) are left out: a mean of
    ratios is no multiplier. The intra-regional, feedback and spillover parts of
    :func:`with_regional_split` still add up to the simple output multiplier.

    Raises
    ------
    InputError
        The table has no ``region`` tag.
    """
    keys, _ = region_layout(table)
    cols = [c for c in multipliers.columns if "type_" not in str(c)
            and pd.api.types.is_numeric_dtype(multipliers[c])]  # fmt: skip
    values = multipliers[cols].reindex(list(table.codes)).to_numpy(dtype=float)
    df = pd.DataFrame(
        np.asarray(_output_weighted(table, np.nan_to_num(values))),
        index=pd.Index(keys, name="region"),
        columns=cols,
    )
    df.insert(0, "output", np.asarray(region_totals(table, table.x)))
    df.attrs["unit"] = (
        f"output: {table.meta.unit}; multipliers per unit of final demand, output-weighted "
        "means of the region's sectors"
    )
    df.attrs["title"] = Message("title.multipliers_by_region")
    return df
