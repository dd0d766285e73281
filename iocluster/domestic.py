"""The domestic split of a total-use table (DESIGN.md §2).

Where imported products sit inside ``Z`` and ``Y`` (a total-use table, imports given as
a supply column ``m``), the domestic flows are estimated under the proportional-import
assumption. :class:`~iocluster.table.IOTable` calls these functions once per table
(``table.import_shares``, ``table.domestic()``).

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., §2.3.
Eurostat (2008), *Manual of Supply, Use and Input-Output Tables*, §11.2 (imports).
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import TYPE_CHECKING

import numpy as np

from iocluster.engine import FloatArray, frozen_array
from iocluster.errors import AssumptionWarning, InputError

if TYPE_CHECKING:
    from iocluster.table import IOTable

__all__ = ["import_shares", "split_domestic"]

PROPORTIONAL_TEXT = (
    "Domestic flows estimated from a total-use table under the proportional-import "
    "assumption: each product's imports spread over its intermediate and final uses other "
    "than exports, Zᵈ = (I − μ̂)Z, Yᵈ = (I − μ̂)Y, exports domestic "
    "(μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ − eᵢ))."
)
ALL_USES_TEXT = (
    "Domestic flows estimated from a total-use table: each product's imports spread over all "
    "its uses, exports included, in proportion to use (μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ))."
)


def import_shares(table: IOTable) -> tuple[FloatArray, tuple[str, ...]]:
    """Import share ``μᵢ`` of each product in its uses, and the re-export products.

    .. math:: \\mu_i = \\frac{m_i}{\\sum_j z_{ij} + \\sum_k y_{ik} - e_i}

    (rule ``"proportional"``: imports spread over uses other than exports). Where that
    gives ``μ > 1`` or a non-positive denominator (re-exports), and for every product under
    ``"all_uses"``, imports are spread over all uses including exports,
    ``μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ)``; the second value names the products that fell back.
    Zero shares for a domestic table.

    Raises
    ------
    InputError
        A product's imports exceed its total use.
    """
    if table.kind == "domestic" or table.m is None:
        return frozen_array(np.zeros(table.n), copy=False), ()
    uses = table.Z.sum(axis=1) + table.Y.sum(axis=1)
    m = table.m
    with np.errstate(divide="ignore", invalid="ignore"):
        all_uses = np.where(m == 0, 0.0, m / uses)
        fallback = np.zeros(table.n, dtype=bool)
        if table.import_rule == "all_uses":
            mu = all_uses
        else:
            net = uses - table.exports
            prop = np.where(m == 0, 0.0, m / net)
            fallback = (m != 0) & ((net <= 0) | (prop > 1))
            mu = np.where(fallback, all_uses, prop)
    bad = (m != 0) & ((uses <= 0) | ~np.isfinite(mu) | (mu > 1 + 1e-12) | (mu < 0))
    if np.any(bad):
        i = int(np.argmax(bad))
        raise InputError(
            f"sector '{table.codes[i]}': imports {m[i]:.6g} exceed its total use "
            f"{uses[i]:.6g}; cannot split domestic and imported use"
        )
    names = tuple(c for c, b in zip(table.codes, fallback, strict=True) if b)
    return frozen_array(np.clip(mu, 0.0, 1.0), copy=False), names


def split_domestic(table: IOTable) -> IOTable:
    """The domestic table: ``Zᵈ``, ``Yᵈ`` and the import-use matrices ``Zᵐ``, ``Yᵐ``.

    .. math:: Z^d = (I - \\hat\\mu) Z,\\quad Y^d = (I - \\hat\\mu) Y
              \\text{ (exports stay domestic)},\\quad Z^m = Z - Z^d,\\ Y^m = Y - Y^d

    A domestic table is returned unchanged. The assumption is added to
    ``meta.assumptions``; products that fall back to the all-uses rule are named in an
    :class:`~iocluster.errors.AssumptionWarning`.
    """
    if table.kind == "domestic":
        return table
    mu = table.import_shares
    fallback = table.reexport_products
    keep = 1.0 - mu
    Zd = table.Z * keep[:, None]
    Yd = table.Y * keep[:, None]
    exp = np.array([r == "exports" for r in table.fd_roles], dtype=bool)
    if table.import_rule == "proportional" and exp.any():
        fallen = set(fallback)
        rows = np.array([c not in fallen for c in table.codes], dtype=bool)
        Yd[np.ix_(rows, exp)] = table.Y[np.ix_(rows, exp)]
    meta = table.meta.with_assumption(
        ALL_USES_TEXT if table.import_rule == "all_uses" else PROPORTIONAL_TEXT
    )
    if fallback:
        note = (
            f"Imports exceed use net of exports (re-exports) for {', '.join(sorted(fallback))}: "
            "their imports are spread over all uses including exports."
        )
        meta = meta.with_assumption(note)
        warnings.warn(note, AssumptionWarning, stacklevel=4)
    return dataclasses.replace(
        table,
        Z=frozen_array(Zd, copy=False),
        Y=frozen_array(Yd, copy=False),
        kind="domestic",
        Zm=frozen_array(table.Z - Zd, copy=False),
        Ym=frozen_array(table.Y - Yd, copy=False),
        meta=meta,
    )
