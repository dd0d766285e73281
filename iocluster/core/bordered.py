"""A Leontief system bordered by one row and column, solved against the open system's
factorisation (the Type II closed model without a second factorisation)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike

from iocluster.core.engine import (
    FloatArray,
    LinearSystem,
    abs_sums,
    all_finite,
    as_rhs,
    check_factorisation,
    check_finite_solution,
    frozen_array,
)
from iocluster.core.messages import Message
from iocluster.errors import InputError, NotProductiveError

__all__ = ["BorderedSystem"]


@dataclass(frozen=True, eq=False)
class BorderedSystem:
    """``I − Ā`` for ``A`` bordered by a column ``h_c``, a row ``h_r`` and a corner ``h``,
    solved against the factorisation of ``I − A`` (no second factorisation).

    .. math::

        \\begin{pmatrix} I - A & -h_c \\\\ -h_r & 1 - h \\end{pmatrix}
        \\begin{pmatrix} x_1 \\\\ x_2 \\end{pmatrix}
        = \\begin{pmatrix} b_1 \\\\ b_2 \\end{pmatrix}:\\quad
        u = (I - A)^{-1} b_1,\\quad w = (I - A)^{-1} h_c,\\quad
        x_2 = \\frac{b_2 + h_r u}{1 - h - h_r w},\\quad x_1 = u + w\\,x_2,

    and transposed alike with ``(I − A)ᵀ`` and ``v = (I − A)^{-T} h_rᵀ``. ``w`` and ``v``
    are solved once; each solve then costs one solve with the open system plus O(n).
    For ``A ≥ 0`` productive and a non-negative border, ``Ā`` is productive exactly when
    the Schur complement ``1 − h − h_r w`` is positive.

    Raises
    ------
    NotProductiveError
        If the Schur complement is not positive.

    References
    ----------
    Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., §2.5 and
    App. A (partitioned inverse).

    Examples
    --------
    Miller & Blair (2009), §2.5.1: the closed model's ``L̄``, first column.

    >>> from iocluster.core.engine import factorise
    >>> sys = BorderedSystem(
    ...     factorise([[0.15, 0.25], [0.2, 0.05]]), [0.05, 0.4], [0.3, 0.25], 0.05)
    >>> np.round(sys.solve([1.0, 0.0, 0.0]), 4)
    array([1.3651, 0.5273, 0.5698])
    """

    base: LinearSystem
    column: FloatArray
    row: FloatArray
    corner: float = 0.0

    def __post_init__(self) -> None:
        m = self.base.n
        for name in ("column", "row"):
            v = frozen_array(getattr(self, name))
            if v.shape != (m,) or not all_finite(v):
                raise InputError(f"border {name} must be {m} finite numbers, got shape {v.shape}")
            object.__setattr__(self, name, v)
        object.__setattr__(self, "corner", float(self.corner))
        if not self.schur > 0:
            said = Message("engine.bordered_not_productive", schur=f"{self.schur:.4g}")
            raise NotProductiveError(said)
        check_factorisation(self, self._norms, transposed=True)  # once: the bordering is fixed

    @property
    def n(self) -> int:
        """Number of unknowns (the open system's plus one)."""
        return self.base.n + 1

    @cached_property
    def _w(self) -> FloatArray:
        return self.base.solve(self.column)

    @cached_property
    def _v(self) -> FloatArray:
        return self.base.solve_transposed(self.row)

    @cached_property
    def schur(self) -> float:
        """The Schur complement ``1 − h − h_r (I − A)⁻¹ h_c``."""
        return 1.0 - self.corner - float(self.row @ self._w)

    @cached_property
    def _schur_t(self) -> float:
        return 1.0 - self.corner - float(self.column @ self._v)

    def solve(self, rhs: ArrayLike) -> FloatArray:
        """Solve ``(I − Ā) x = rhs`` for one vector or the columns of a matrix."""
        return self._solve(rhs, transposed=False)

    def solve_transposed(self, rhs: ArrayLike) -> FloatArray:
        """Solve ``(I − Ā)ᵀ p = rhs``."""
        return self._solve(rhs, transposed=True)

    def inverse(self) -> FloatArray:
        """``(I − Ā)⁻¹`` (formed by solving against ``I``)."""
        return self.solve(np.eye(self.n))

    def matvec(self, x: FloatArray, *, transposed: bool = False) -> FloatArray:
        """``(I − Ā) x`` (or ``(I − Ā)ᵀ x``) without forming ``I − Ā``."""
        m = self.base.n
        col, row = (self.row, self.column) if transposed else (self.column, self.row)
        top = self.base.matvec(x[:m], transposed=transposed) - np.multiply.outer(col, x[m])
        bottom = (1.0 - self.corner) * x[m] - row @ x[:m]
        return np.concatenate([top, np.asarray(bottom)[None]])

    def _solve(self, rhs: ArrayLike, *, transposed: bool) -> FloatArray:
        x = self.solve_unchecked(as_rhs(rhs, self.n), transposed=transposed)
        check_finite_solution(x)
        return x

    def solve_unchecked(self, b: FloatArray, *, transposed: bool) -> FloatArray:
        """The bordered solve of ``b`` (one solve with the open system and ``O(n)``); its
        backward error is checked once, when the system is built
        (:func:`~iocluster.core.engine.check_factorisation`), as the open system's."""
        m = self.base.n
        if transposed:
            u = self.base.solve_transposed(b[:m])
            x2 = (b[m] + self.column @ u) / self._schur_t
            x1 = u + np.multiply.outer(self._v, x2)
        else:
            u = self.base.solve(b[:m])
            x2 = (b[m] + self.row @ u) / self.schur
            x1 = u + np.multiply.outer(self._w, x2)
        return np.concatenate([x1, np.asarray(x2)[None]])

    @cached_property
    def _norms(self) -> tuple[float, float]:
        """Bounds of ``(‖Ā − I‖₁, ‖Ā − I‖∞)`` for the residual check: from the open
        system's norms when it has them (no pass over ``A``; at most twice the true
        norm), else from the absolute sums of its ``A``."""
        hc, hr, h = np.abs(self.column), np.abs(self.row), abs(self.corner)
        norms = getattr(self.base, "norms", None)
        if norms is not None and np.isfinite(norms).all():
            col_max, row_max = norms
            one = max(col_max + float(hr.max(initial=0.0)), float(hc.sum()) + h)
            inf = max(row_max + float(hc.max(initial=0.0)), float(hr.sum()) + h)
            return one, inf
        A = getattr(self.base, "A", None)
        m = self.base.n
        col, row, _ = abs_sums(A) if A is not None else (np.zeros(m), np.zeros(m), True)
        one = max(float((col + hr).max(initial=0.0)), float(hc.sum()) + h)
        inf = max(float((row + hc).max(initial=0.0)), float(hr.sum()) + h)
        return one, inf
