"""The domestic split of a total-use table (DESIGN.md §2).

Where imported products sit inside ``Z`` and ``Y`` (a total-use table, imports given as
a supply column ``m``), the domestic flows are estimated under the proportional-import
assumption. These functions work on arrays; :class:`~iocluster.table.IOTable` calls them
once per table (``table.import_shares``, ``table.domestic()``).

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., §2.3.
Eurostat (2008), *Manual of Supply, Use and Input-Output Tables*, §11.2 (imports).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import InputError

__all__ = ["ALL_USES_TEXT", "PROPORTIONAL_TEXT", "import_shares", "reexport_note", "split_flows"]

#: The import rule a domestic table states (its formulas as written in every language).
PROPORTIONAL_TEXT = Message(
    "model.import_rule.proportional",
    flows="Zᵈ = (I − μ̂)Z, Yᵈ = (I − μ̂)Y",
    share="μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ − eᵢ)",
)
ALL_USES_TEXT = Message("model.import_rule.all_uses", share="μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ)")


def import_shares(
    Z: FloatArray,
    Y: FloatArray,
    m: FloatArray,
    exports: FloatArray,
    codes: Sequence[str],
    rule: str = "proportional",
) -> tuple[FloatArray, tuple[str, ...]]:
    """Import share ``μᵢ`` of each product in its uses, and the re-export products.

    .. math:: \\mu_i = \\frac{m_i}{\\sum_j z_{ij} + \\sum_k y_{ik} - e_i}

    (rule ``"proportional"``: imports spread over uses other than exports ``e``). Where
    that gives ``μ > 1`` or a non-positive denominator (re-exports), and for every product
    under ``"all_uses"``, imports are spread over all uses including exports,
    ``μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ)``; the second value names the products that fell back.

    Raises
    ------
    InputError
        A product's imports exceed its total use.
    """
    uses = Z.sum(axis=1) + Y.sum(axis=1)
    n = len(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        all_uses = np.where(m == 0, 0.0, m / uses)
        fallback = np.zeros(n, dtype=bool)
        if rule == "all_uses":
            mu = all_uses
        else:
            net = uses - exports
            prop = np.where(m == 0, 0.0, m / net)
            fallback = (m != 0) & ((net <= 0) | (prop > 1))
            mu = np.where(fallback, all_uses, prop)
    bad = (m != 0) & ((uses <= 0) | ~np.isfinite(mu) | (mu > 1 + 1e-12) | (mu < 0))
    if np.any(bad):
        i = int(np.argmax(bad))
        said = Message("model.imports_exceed_use", sector=codes[i], imports=f"{m[i]:.6g}",
                       uses=f"{uses[i]:.6g}")  # fmt: skip
        raise InputError(said)
    names = tuple(c for c, b in zip(codes, fallback, strict=True) if b)
    return frozen_array(np.clip(mu, 0.0, 1.0), copy=False), names


def split_flows(
    Z: FloatArray,
    Y: FloatArray,
    mu: FloatArray,
    export_columns: FloatArray,
    keep_exports: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Domestic flows ``Zᵈ``, ``Yᵈ`` of a total-use table given the import shares ``μ``.

    .. math:: Z^d = (I - \\hat\\mu) Z,\\quad Y^d = (I - \\hat\\mu) Y
              \\text{ (exports stay domestic)}

    ``export_columns`` flags the export columns of ``Y``; ``keep_exports`` flags the
    products whose exports stay wholly domestic (all but the re-export products under the
    proportional rule; none under the all-uses rule). The import-use matrices are
    ``Zᵐ = Z − Zᵈ`` and ``Yᵐ = Y − Yᵈ``.
    """
    keep = 1.0 - mu
    Zd = Z * keep[:, None]
    Yd = Y * keep[:, None]
    if export_columns.any() and keep_exports.any():
        cells = np.ix_(keep_exports, export_columns)
        Yd[cells] = Y[cells]
    return frozen_array(Zd, copy=False), frozen_array(Yd, copy=False)


def reexport_note(products: Sequence[str]) -> Message:
    """The assumption stated (and warned) when products fall back to the all-uses rule."""
    return Message("model.reexports", products=sorted(products))
