"""Data artefacts that distort rankings: checks that name the sectors (issue 14).

Published tables balance some rows with large negative inventories or other final
demand. The accounts then close, but the Leontief and Ghosh models read the rows as
they stand: in the 2022 Uzbekistan table iron ore (B07.1) sells 67,733 million UZS of
domestic product to intermediate use against an output of 4,313 (balanced by
inventories of −264,169), so its direct Ghosh forward linkage is 15.7 and its
sensitivity-of-dispersion index 15.3, far above every other sector's. Three checks
(:func:`artefact_checks`, run by :func:`iocluster.analysis.validate.validate_table`) flag such
rows, each WARN naming the sectors:

intermediate sales above output
    Domestic intermediate sales exceed output, :math:`\\sum_j z^d_{ij} > x_i`, i.e. a
    row sum of the Ghosh allocation matrix :math:`B = \\hat x^{-1} Z^d` above 1 (Miller
    & Blair 2009, §12.1): more than the whole output is sold to other producers.
negative final demand
    Inventories or other final demand (the categories allowed to be negative) below
    :data:`NEGATIVE_FD_SHARE` × output.
linkage outliers
    A Rasmussen–Hirschman index (power or sensitivity of dispersion) beyond Tukey's
    far-out fence :math:`Q_3 + 3\\,(Q_3 - Q_1)` across sectors (Tukey 1977), in a
    sector with one of the two artefacts above: its rank comes from the data artefact,
    not from its linkages.

:func:`linkage_outliers` gives the same flags for a linkage frame, so reports can mark
the sectors (the analysis report's key-sector table and figure do).

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, §12.1–12.2.
Tukey, J. W. (1977). *Exploratory Data Analysis*. Addison-Wesley (outer fences).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iocluster.analysis.checks import Check, listed
from iocluster.core.messages import Message
from iocluster.errors import NumericalError, TableIdentityError
from iocluster.table import IOTable

__all__ = [
    "FENCE",
    "NEGATIVE_FD_SHARE",
    "artefact_checks",
    "artefact_sectors",
    "category_words",
    "far_out",
    "index_outliers",
    "intermediate_sales_ratio",
    "large_negative_final_demand",
    "linkage_outliers",
    "sales_above_output",
]

#: Negative inventories or other final demand beyond this share of output are flagged.
NEGATIVE_FD_SHARE = 0.5
#: Tukey's far-out fence: Q3 + FENCE × IQR.
FENCE = 3.0
#: Relative tolerance: sales equal to output up to rounding are not flagged.
_TOL = 1e-6


#: The roles a final-demand category may be negative in, in words.
ROLE_TITLES = {
    "inventories": Message("check.role.inventories"),
    "other": Message("check.role.other"),
}


def category_words(name: str, role: str) -> Message | str:
    """A final-demand category: its role in words when the table names it by its role
    ("inventories", or "fergana/inventories" in a multi-region table), else the table's
    own name.

    >>> str(category_words("r1/inventories", "inventories")), category_words("Stocks", "other")
    ('r1/inventories', 'Stocks')
    """
    prefix, _, last = name.strip().rpartition("/")
    if last.lower() != role or role not in ROLE_TITLES:
        return name
    if prefix:
        return Message("check.role.prefixed", prefix=prefix, role=ROLE_TITLES[role])
    return ROLE_TITLES[role]


#: The dispersion indices by the name :func:`index_outliers` gives them, in words.
INDEX_TITLES = {
    "power of dispersion": Message("check.index.power"),
    "sensitivity of dispersion": Message("check.index.sensitivity"),
}


def intermediate_sales_ratio(table: IOTable) -> pd.Series:
    """Domestic intermediate sales per unit of output, :math:`\\sum_j z^d_{ij} / x_i`
    (the row sums of the Ghosh matrix ``B``; NaN where output is 0).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> intermediate_sales_ratio(miller_blair_2_3()).round(3).tolist()  # 650/1000, 300/2000
    [0.65, 0.15]
    """
    d = table.domestic()
    x = np.asarray(table.x, dtype=np.float64)
    sales = np.asarray(d.Z, dtype=np.float64).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(x > 0, sales / np.where(x > 0, x, 1.0), np.nan)
    return pd.Series(ratio, index=pd.Index(table.codes, name="code"), name="sales_to_output")


def large_negative_final_demand(
    table: IOTable, share: float = NEGATIVE_FD_SHARE
) -> list[tuple[str, str, float, float]]:
    """``(code, category, value, output)`` of inventories or other final demand below
    ``−share × output``, largest relative to output first."""
    x = np.asarray(table.x, dtype=np.float64)
    out: list[tuple[str, str, float, float, float]] = []
    for k, (name, role) in enumerate(zip(table.fd_names, table.fd_roles, strict=True)):
        if role not in ("inventories", "other"):
            continue
        y = np.asarray(table.Y[:, k], dtype=np.float64)
        for i in np.nonzero(y < -share * np.abs(x))[0]:
            rel = -y[i] / x[i] if x[i] > 0 else np.inf
            out.append((table.codes[i], name, float(y[i]), float(x[i]), rel))
    out.sort(key=lambda r: -r[4])
    return [r[:4] for r in out]


def sales_above_output(table: IOTable) -> pd.Series:
    """:func:`intermediate_sales_ratio` of the sectors whose domestic intermediate sales
    exceed their output (beyond rounding), largest first."""
    ratio = intermediate_sales_ratio(table)
    return ratio[ratio > 1.0 + _TOL].sort_values(ascending=False)


def artefact_sectors(table: IOTable, share: float = NEGATIVE_FD_SHARE) -> set[str]:
    """Codes of sectors with intermediate sales above output or a large negative final
    demand (see the module docstring)."""
    codes = {str(c) for c in sales_above_output(table).index}
    return codes | {c for c, *_ in large_negative_final_demand(table, share)}


def far_out(values: pd.Series) -> pd.Series:
    """Whether each value lies beyond Tukey's far-out fence ``Q3 + FENCE·(Q3 − Q1)``.

    >>> far_out(pd.Series([1.0, 1.1, 0.9, 1.0, 15.3])).tolist()
    [False, False, False, False, True]
    """
    q1, q3 = values.quantile([0.25, 0.75])
    return values > q3 + FENCE * (q3 - q1)


def linkage_outliers(table: IOTable, linkages: pd.DataFrame) -> pd.Series:
    """Per sector: ``""``; ``"outlier"`` when its power or sensitivity of dispersion is
    beyond the far-out fence; ``"artefact"`` when it is and the sector also has one of
    the data artefacts (its rank comes from the data). ``linkages`` is
    :func:`iocluster.analysis.linkages.linkages` of ``table``.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.analysis.linkages import linkages
    >>> t = miller_blair_2_3()
    >>> linkage_outliers(t, linkages(t)).tolist()
    ['', '']
    """
    bad = artefact_sectors(table)
    far = pd.Series(False, index=linkages.index)
    for col in ("power_of_dispersion", "sensitivity_of_dispersion"):
        far |= far_out(linkages[col].astype(float))
    flags = [("artefact" if str(c) in bad else "outlier") if f else "" for c, f in far.items()]
    return pd.Series(flags, index=linkages.index, name="outlier", dtype=object)


def index_outliers(table: IOTable) -> list[tuple[str, str, float]]:
    """``(code, index name, value)`` of far-out dispersion indices, from column sums of
    ``L`` and row sums of ``G`` (cheap: no entries of ``L``)."""
    from iocluster.model.leontief import ghosh_row_sums, leontief_column_sums

    n = table.n
    out: list[tuple[str, str, float]] = []
    for label, total in (
        ("power of dispersion", np.asarray(leontief_column_sums(table))),
        ("sensitivity of dispersion", np.asarray(ghosh_row_sums(table))),
    ):
        s = float(total.sum())
        if not s > 0:
            continue
        idx = pd.Series(n * total / s, index=list(table.codes))
        out += [(str(c), label, float(idx[c])) for c in idx.index[far_out(idx)]]
    return out


def artefact_checks(table: IOTable) -> list[Check]:
    """The three WARN-or-PASS checks of the module docstring (run by
    :func:`iocluster.analysis.validate.validate_table`)."""
    checks: list[Check] = []
    x = dict(zip(table.codes, np.asarray(table.x), strict=True))
    over = sales_above_output(table)
    if len(over):
        items = [
            Message(
                "check.sales.item",
                sector=str(c),
                ratio=float(r),
                sales=float(r * x[str(c)]),
                output=float(x[str(c)]),
            )
            for c, r in over.items()
        ]
        checks.append(
            Check(
                "intermediate sales above output",
                "WARN",
                Message("check.sales.warn", n=len(over), items=listed(items)),
                float(over.iloc[0]),
            )
        )
    else:
        checks.append(Check("intermediate sales above output", "PASS", Message("check.sales.pass")))
    neg = large_negative_final_demand(table)
    if neg:
        roles = dict(zip(table.fd_names, table.fd_roles, strict=True))
        entries = [
            Message(
                "check.negative_fd.item",
                sector=c,
                category=category_words(k, roles[k]),
                value=v,
                ratio=-v / o if o > 0 else np.inf,
                output=o,
            )
            for c, k, v, o in neg
        ]
        detail = Message(
            "check.negative_fd.warn", n=len(neg), share=NEGATIVE_FD_SHARE, items=listed(entries)
        )
        checks.append(Check("negative final demand", "WARN", detail, float(len(neg))))
    else:
        detail = Message("check.negative_fd.pass", share=NEGATIVE_FD_SHARE)
        checks.append(Check("negative final demand", "PASS", detail))
    bad = artefact_sectors(table)
    try:
        flagged = [o for o in index_outliers(table) if o[0] in bad]
    except (NumericalError, TableIdentityError):  # not productive: reported by its own check
        flagged = []
    if flagged:
        found = [
            Message("check.outliers.item", sector=c, index=INDEX_TITLES[label], value=v)
            for c, label, v in flagged
        ]
        detail = Message("check.outliers.warn", fence=FENCE, items=listed(found))
        checks.append(Check("linkage outliers", "WARN", detail, max(v for *_, v in flagged)))
    else:
        checks.append(Check("linkage outliers", "PASS", Message("check.outliers.pass")))
    return checks
