"""Supply-use tables and their transformation to a symmetric input-output table.

A supply-use system (Miller & Blair 2009, ch. 5; Eurostat 2008, ch. 11) holds the
make matrix ``V`` (industries × products; ``S = Vᵀ`` is Eurostat's supply table), the
use matrix ``U`` (products × industries), final demand ``Y`` by product, primary inputs
``W`` by industry, product output ``q = Vᵀ1`` and industry output ``g = V1``.
Two technology assumptions give a symmetric table:

* **industry technology** (each industry has one input structure for all its
  products), with market shares ``D = V q̂⁻¹``;
* **product (commodity) technology** (each product has one input structure wherever
  it is made), with product mix ``C = Vᵀ ĝ⁻¹``; needs as many products as industries
  and a non-singular ``V``, and may give negative flows.

Product-by-product tables keep final demand and map industry columns to products by
a column transform ``P``; industry-by-industry tables keep primary inputs and map
product rows to industries by a row transform ``T``:

================  =============================  =============================
assumption        product × product: ``Z = U P``  industry × industry: ``Z = T U``
================  =============================  =============================
industry tech.    ``P = ĝ⁻¹ V``  (Eurostat B)    ``T = V q̂⁻¹``  (Eurostat D)
product tech.     ``P = V⁻ᵀ q̂``  (Eurostat A)    ``T = ĝ V⁻ᵀ``  (Eurostat C)
================  =============================  =============================

so ``A = B D`` and ``A = B C⁻¹`` (product × product), ``A = D B`` and ``A = C⁻¹ B``
(industry × industry), with ``B = U ĝ⁻¹`` (Miller & Blair 2009, §5.3–5.4).
``W``, satellites ``F`` follow ``P`` (``W P``); ``Y`` and imports ``m`` follow ``T``.
Both identities carry over, because ``P1 = 1`` (so ``UP1 = U1``) and
``gᵀP = qᵀ`` (so ``1ᵀ(U + W)P = qᵀ``), and ``Tq = g``.

Products nobody produces (``q = 0``: e.g. non-comparable imports, scrap) cannot be
placed in a product or industry; their use by industries becomes a primary-input row
``"non-produced <code>"`` (role ``other``) and they leave the product list.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 5.
Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 11.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.linalg as sla
from numpy.typing import ArrayLike

from iocluster.core.choices import Basis, Technology
from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning, InputError
from iocluster.table import IOTable, TableMeta

__all__ = ["SupplyUse", "supply_use_from_arrays", "symmetric_table"]


def _arr(a: ArrayLike | None, shape: tuple[int, int], what: str) -> FloatArray:
    if a is None:
        return frozen_array(np.zeros(shape))
    arr = np.array(a, dtype=np.float64)
    if arr.ndim == 1 and shape[0] == 1:
        arr = arr.reshape(1, -1)
    if arr.shape != shape:
        raise InputError(f"{what} has shape {arr.shape}; expected {shape}")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{what} has a NaN or infinite value")
    return frozen_array(arr)


@dataclass(frozen=True, eq=False)
class SupplyUse:
    """A supply-use system (products × industries), as published.

    ``make`` is ``V`` (industries × products); build from Eurostat's supply table
    (products × industries) with ``make=supply.T``. ``use`` is products × industries;
    it is total use (domestic + imported) when ``imports`` is given, else domestic.
    """

    products: tuple[str, ...]
    industries: tuple[str, ...]
    make: FloatArray
    use: FloatArray
    Y: FloatArray
    fd_names: tuple[str, ...]
    fd_roles: tuple[str, ...]
    W: FloatArray
    va_names: tuple[str, ...]
    va_roles: tuple[str, ...]
    imports: FloatArray | None = None
    F: FloatArray | None = None
    satellite_names: tuple[str, ...] = ()
    satellite_units: tuple[str, ...] = ()
    product_names: tuple[str, ...] = ()
    industry_names: tuple[str, ...] = ()
    meta: TableMeta = field(default_factory=TableMeta)

    def __post_init__(self) -> None:
        p, i = len(self.products), len(self.industries)
        k, r, s = len(self.fd_names), len(self.va_names), len(self.satellite_names)
        object.__setattr__(self, "make", _arr(self.make, (i, p), "make matrix V"))
        object.__setattr__(self, "use", _arr(self.use, (p, i), "use matrix U"))
        object.__setattr__(self, "Y", _arr(self.Y, (p, k), "final use Y"))
        object.__setattr__(self, "W", _arr(self.W, (r, i), "primary inputs W"))
        object.__setattr__(self, "F", _arr(self.F, (s, i), "satellite rows F"))
        if self.imports is not None:
            m = _arr(np.asarray(self.imports).reshape(1, -1), (1, p), "imports")[0]
            object.__setattr__(self, "imports", m)
        if len(self.fd_roles) != k or len(self.va_roles) != r:
            raise InputError("every final-demand category and primary input needs a role")
        if not self.product_names:
            object.__setattr__(self, "product_names", self.products)
        if not self.industry_names:
            object.__setattr__(self, "industry_names", self.industries)
        if not self.satellite_units:
            object.__setattr__(self, "satellite_units", ("",) * s)

    @property
    def q(self) -> FloatArray:
        """Product output ``q = Vᵀ1`` (domestic production)."""
        return frozen_array(self.make.sum(axis=0))

    @property
    def g(self) -> FloatArray:
        """Industry output ``g = V1``."""
        return frozen_array(self.make.sum(axis=1))

    def check(self, rtol: float = 1e-6) -> None:
        """Raise if ``U1 + Y1 − m ≠ q`` or ``1ᵀU + 1ᵀW ≠ gᵀ`` beyond ``rtol``.

        Raises
        ------
        InputError
            Naming the first product or industry whose identity fails.
        """
        m = np.zeros(len(self.products)) if self.imports is None else self.imports
        rows = self.use.sum(1) + self.Y.sum(1) - m - self.q
        cols = self.use.sum(0) + self.W.sum(0) - self.g
        scale = max(1.0, float(np.abs(self.q).max(initial=0)))
        for what, res, names in (
            ("product", rows, self.products),
            ("industry", cols, self.industries),
        ):
            bad = np.abs(res) > rtol * scale
            if bad.any():
                j = int(np.argmax(bad))
                said = Message(f"ops.sut.unbalanced_{what}", name=names[j], gap=f"{res[j]:.6g}")
                raise InputError(said)


def _inv_diag(v: np.ndarray) -> np.ndarray:
    return np.divide(1.0, v, out=np.zeros_like(v), where=v != 0)


def symmetric_table(
    sut: SupplyUse,
    *,
    technology: Technology = "industry",
    basis: Basis = "product",
    rtol: float = 1e-6,
) -> IOTable:
    """Transform a supply-use system into a symmetric table.

    Parameters
    ----------
    technology : {"industry", "product"}
        Technology assumption (Miller & Blair 2009, §5.3–5.4).
    basis : {"product", "industry"}
        Product-by-product or industry-by-industry table.
    rtol : float
        Tolerance of the supply = use and output = inputs checks, relative to the
        largest product output (:meth:`SupplyUse.check`). Published tables rounded to
        the unit or to two decimals need a looser one (1e-4).

    Notes
    -----
    .. math::
        Z_{pp} = U P,\\ P = \\hat g^{-1} V \\text{ or } V^{-\\top} \\hat q;\\qquad
        Z_{ii} = T U,\\ T = V \\hat q^{-1} \\text{ or } \\hat g V^{-\\top}

    Product technology warns (:class:`AssumptionWarning`) when it yields negative
    flows.

    Raises
    ------
    InputError
        The system does not balance, or product technology on a non-square or
        singular make matrix.

    Examples
    --------
    With a diagonal make matrix (every industry makes one product) both assumptions
    return the use table itself:

    >>> s = SupplyUse(products=("p1", "p2"), industries=("i1", "i2"),
    ...     make=[[100.0, 0], [0, 200.0]], use=[[10.0, 40], [20, 30]],
    ...     Y=[[50.0], [150.0]], fd_names=("fd",), fd_roles=("other",),
    ...     W=[[70.0, 130.0]], va_names=("va",), va_roles=("value_added",))
    >>> symmetric_table(s, technology="product").Z.tolist()
    [[10.0, 40.0], [20.0, 30.0]]
    """
    if technology not in ("industry", "product") or basis not in ("product", "industry"):
        said = Message("ops.sut.choices", industry="'industry'", product="'product'")
        raise InputError(said)
    sut.check(rtol)
    p = _produced(sut)
    tr = _Transform.build(technology, p.V, np.asarray(sut.g), p.q)
    F = np.asarray(sut.F)
    if basis == "product":
        Z, Wn, F, x, Y, m = tr.right(p.U), tr.right(p.W), tr.right(F), p.q, p.Y, p.m
        codes, names = p.products, p.names
    else:
        Z, Wn, x, Y = tr.left(p.U), p.W, np.asarray(sut.g), tr.left(p.Y)
        m = None if p.m is None else tr.left(p.m[:, None])[:, 0]
        codes, names = sut.industries, sut.industry_names
    meta = _assumptions(sut.meta, technology, basis, p.dropped, Z)
    return IOTable(
        codes=tuple(codes),
        names=tuple(names),
        labels=tuple(codes),
        Z=frozen_array(Z),
        Y=frozen_array(Y),
        fd_names=sut.fd_names,
        fd_roles=sut.fd_roles,
        V=frozen_array(Wn),
        va_names=p.va_names,
        va_roles=p.va_roles,
        x=frozen_array(x),
        F=frozen_array(F),
        satellite_names=sut.satellite_names,
        satellite_units=sut.satellite_units,
        kind="domestic" if m is None else "total",
        m=None if m is None else frozen_array(m),
        meta=meta,
    )


@dataclass(frozen=True)
class _Produced:
    """The system restricted to produced products (``q ≠ 0``); the use of products nobody
    produces becomes a primary-input row each."""

    V: FloatArray
    U: FloatArray
    Y: FloatArray
    m: FloatArray | None
    q: FloatArray
    W: FloatArray
    va_names: tuple[str, ...]
    va_roles: tuple[str, ...]
    products: tuple[str, ...]
    names: tuple[str, ...]
    dropped: tuple[str, ...]


def _produced(sut: SupplyUse) -> _Produced:
    q = np.asarray(sut.q)
    keep = q != 0
    dropped = tuple(c for c, k in zip(sut.products, keep, strict=True) if not k)
    U = np.asarray(sut.use)
    return _Produced(
        V=np.asarray(sut.make)[:, keep],
        U=U[keep],
        Y=np.asarray(sut.Y)[keep],
        m=None if sut.imports is None else np.asarray(sut.imports)[keep],
        q=q[keep],
        W=np.vstack([np.asarray(sut.W), U[~keep]]),
        va_names=(*sut.va_names, *(f"non-produced {c}" for c in dropped)),
        va_roles=(*sut.va_roles, *("other",) * len(dropped)),
        products=tuple(c for c, k in zip(sut.products, keep, strict=True) if k),
        names=tuple(c for c, k in zip(sut.product_names, keep, strict=True) if k),
        dropped=dropped,
    )


@dataclass(frozen=True, eq=False)
class _Transform:
    """The transformation matrices of a technology assumption, applied without forming
    an inverse: ``M P`` (product basis) and ``T M`` (industry basis) with

    .. math:: P = \\hat g^{-1} V \\text{ or } V^{-\\top} \\hat q,\\qquad
              T = V \\hat q^{-1} \\text{ or } \\hat g V^{-\\top}

    (industry or product technology); ``V^{-⊤}`` is applied by solves against one LU
    factorisation of the make matrix ``V``.
    """

    V: FloatArray
    g: FloatArray
    q: FloatArray
    lu: Any = None  # LU of V, product technology only

    @classmethod
    def build(
        cls, technology: Technology, V: FloatArray, g: FloatArray, q: FloatArray
    ) -> _Transform:
        if technology == "industry":
            return cls(V, g, q)
        if V.shape[0] != V.shape[1]:
            said = Message("ops.sut.not_square", products=str(V.shape[1]),
                           industries=str(V.shape[0]))  # fmt: skip
            raise InputError(said)
        with warnings.catch_warnings():  # singularity is reported below
            warnings.simplefilter("ignore", sla.LinAlgWarning)
            lu = sla.lu_factor(V, check_finite=False)
        d = np.abs(np.diag(lu[0]))
        if not d.size or d.min() == 0.0:
            raise InputError(Message("ops.sut.singular"))
        anorm = float(np.abs(V).sum(axis=0).max())
        rcond = float(sla.lapack.dgecon(lu[0], anorm, norm="1")[0])
        if rcond < 1e-12:
            raise InputError(Message("ops.sut.nearly_singular"))
        return cls(V, g, q, lu)

    def right(self, M: np.ndarray) -> FloatArray:
        """``M P``: ``M ĝ⁻¹ V`` or ``M V⁻ᵀ q̂ = (V⁻¹ Mᵀ)ᵀ q̂``."""
        if self.lu is None:
            return np.asarray(M @ (_inv_diag(self.g)[:, None] * self.V))
        return np.asarray(sla.lu_solve(self.lu, M.T, check_finite=False).T * self.q)

    def left(self, M: np.ndarray) -> FloatArray:
        """``T M``: ``V q̂⁻¹ M`` or ``ĝ V⁻ᵀ M`` (a solve with ``Vᵀ``)."""
        if self.lu is None:
            return np.asarray((self.V * _inv_diag(self.q)) @ M)
        return np.asarray(self.g[:, None] * sla.lu_solve(self.lu, M, trans=1, check_finite=False))


def _assumptions(
    meta: TableMeta, technology: Technology, basis: Basis, dropped: Sequence[str], Z: FloatArray
) -> TableMeta:
    """The transformation stated in the metadata; negative flows warned and stated."""
    label = _TECHNOLOGY[technology]
    meta = meta.with_assumption(Message("ops.sut.symmetric", basis=_BASIS[basis], technology=label))
    if dropped:
        meta = meta.with_assumption(
            Message("ops.sut.non_produced", products=tuple(dropped), label="non-produced <code>")
        )
    neg = int(np.sum(Z < -1e-9 * max(1.0, float(np.abs(Z).max(initial=0)))))
    if neg:
        meta = meta.with_assumption(Message("ops.sut.negative_kept", technology=label, n=neg))
        warnings.warn(
            AssumptionWarning(Message("ops.sut.negative", technology=label, n=neg)), stacklevel=3
        )
    return meta


#: The technology assumptions and table bases in words.
_TECHNOLOGY = {
    "industry": Message("ops.technology.industry"),
    "product": Message("ops.technology.product"),
}
_BASIS = {"industry": Message("ops.basis.industry"), "product": Message("ops.basis.product")}


def supply_use_from_arrays(
    supply: ArrayLike,
    use: ArrayLike,
    final_use: ArrayLike,
    value_added: ArrayLike,
    *,
    products: Sequence[str],
    industries: Sequence[str],
    fd_names: Sequence[str] = ("final_demand",),
    fd_roles: Sequence[str] | None = None,
    va_names: Sequence[str] = ("value_added",),
    va_roles: Sequence[str] | None = None,
    imports: ArrayLike | None = None,
) -> SupplyUse:
    """A :class:`SupplyUse` from Eurostat-oriented arrays (supply = products × industries)."""
    return SupplyUse(
        products=tuple(products),
        industries=tuple(industries),
        make=np.asarray(supply, dtype=np.float64).T,
        use=np.asarray(use, dtype=np.float64),
        Y=np.asarray(final_use, dtype=np.float64).reshape(len(products), -1),
        fd_names=tuple(fd_names),
        fd_roles=tuple(fd_roles) if fd_roles is not None else ("other",) * len(fd_names),
        W=np.asarray(value_added, dtype=np.float64).reshape(len(va_names), -1),
        va_names=tuple(va_names),
        va_roles=tuple(va_roles) if va_roles is not None else ("value_added",) * len(va_names),
        imports=None if imports is None else np.asarray(imports, dtype=np.float64),
    )
