"""The Type II household closure: households made endogenous (DESIGN.md §2).

The open model is bordered by a household row (income per unit of output) and a
household column (household consumption of domestic output per unit of household
income), households placed last with the label ``"HH"``:

.. math::

    \\bar A = \\begin{pmatrix} A & h_c \\\\ h_r & h \\end{pmatrix},\\qquad
    h_r = w\\,\\hat x^{-1},\\qquad h_c = \\frac{c^d}{W},

with ``w`` the income row (compensation of employees by default, or total value added),
``c^d`` domestic household final consumption (``table.domestic()``, categories of role
``household``), ``W`` the household income the column is expressed per unit of, and
``h`` the corner cell (0 by default).

Conventions (the sources differ, so each is an option; defaults follow DESIGN.md §2):

``column="income"`` (default)
    ``W`` = total household income: the sum of the income row, or ``household_income``
    when given (Miller & Blair 2009, §2.5.1: consumption per unit of household *income*,
    which there exceeds total labour income).
``column="consumption"``
    ``W`` = total household final consumption, domestic and imported: the column holds
    budget shares of domestic goods (it sums to the domestic share of consumption,
    all income is spent). Used where the consumption function is a propensity to
    consume out of income of one.

Corner cell (``corner``): ``False`` (default) sets it to 0. A number gives the
coefficient itself (per unit of household income, as M&B's 0.05). ``True`` computes it
from the table as *compensation paid by households as employers*: the income-row value
of the sectors of NACE rev. 2 section T (codes ``T``, ``T97``, ``T97-98`` ...; activities of
households as employers of domestic personnel, whose output is that compensation),
divided by ``W``; those sectors' entries in the household column are moved into the
corner (set to 0) so the flow is not counted twice. A table without section T has no
data for the corner, and ``corner=True`` is then an error asking for a number.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, §2.5 and §6.2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from iocluster.core.bordered import BorderedSystem
from iocluster.core.engine import FloatArray, frozen_array
from iocluster.errors import InputError, NotProductiveError
from iocluster.table import IOTable

__all__ = [
    "HOUSEHOLD_CODE",
    "ClosedModel",
    "Closure",
    "ClosureChoice",
    "close_households",
    "closed_coefficients",
    "closed_row_multipliers",
    "household_coefficients",
    "open_and_closed_row_multipliers",
]

#: Label of the household row/column appended to the sector codes.
HOUSEHOLD_CODE = "HH"

#: Codes of NACE rev. 2 section T (households as employers): ``T``, ``T97``, ``T97-98``.
_SECTION_T = re.compile(r"^T(?:$|[\d\s._-])")

IncomeKind = Literal["compensation", "value_added"]
#: What a user chooses on the command line: an income row, or ``"none"`` (open model only).
ClosureChoice = Literal["none", "compensation", "value_added"]
ColumnBasis = Literal["income", "consumption"]


@dataclass(frozen=True)
class Closure:
    """How households are made endogenous for Type II (total) multipliers.

    Parameters
    ----------
    income : {"compensation", "value_added"}
        The household row: compensation of employees (default) or total value added,
        per unit of output.
    column : {"income", "consumption"}
        Denominator of the household column: total household income (default; the
        income row total or ``household_income``), or total household consumption.
    corner : bool or float
        ``False`` (default): corner cell 0. A float: the corner coefficient itself.
        ``True``: compensation paid by households as employers (NACE section T), see
        the module docstring.
    household_income : float, optional
        Total household income ``W`` when it differs from the income-row total (e.g.
        transfers or mixed income); only used with ``column="income"``.

    Examples
    --------
    >>> Closure().describe()  # doctest: +NORMALIZE_WHITESPACE
    'Type II closure (households endogenous): household row = compensation of employees
    per unit of output; household column = domestic household final consumption per unit
    of total household income (= total compensation of employees); corner cell 0.'
    """

    income: IncomeKind = "compensation"
    column: ColumnBasis = "income"
    corner: bool | float = False
    household_income: float | None = None

    def __post_init__(self) -> None:
        if self.income not in ("compensation", "value_added"):
            raise InputError(
                f"closure income must be 'compensation' or 'value_added', got '{self.income}'"
            )
        if self.column not in ("income", "consumption"):
            raise InputError(
                f"closure column basis must be 'income' or 'consumption', got '{self.column}'"
            )
        if not isinstance(self.corner, bool):
            c = float(self.corner)
            if not (np.isfinite(c) and 0.0 <= c < 1.0):
                raise InputError(f"closure corner coefficient must be in [0, 1), got {c}")
        if self.household_income is not None and not (
            np.isfinite(self.household_income) and self.household_income > 0
        ):
            raise InputError(
                f"closure household_income must be positive, got {self.household_income}"
            )

    @property
    def income_label(self) -> str:
        """``"compensation of employees"`` or ``"value added"``."""
        return "compensation of employees" if self.income == "compensation" else "value added"

    def describe(self) -> str:
        """One sentence naming the closure, for reports."""
        if self.column == "income":
            basis = "total household income"
            basis += (
                f" (given: {self.household_income:,.6g})"
                if self.household_income is not None
                else f" (= total {self.income_label})"
            )
        else:
            basis = "total household final consumption (domestic and imported)"
        if isinstance(self.corner, bool):
            corner = (
                "corner cell = compensation paid by households as employers (NACE section T)"
                if self.corner
                else "corner cell 0"
            )
        else:
            corner = f"corner cell {float(self.corner):.6g}"
        return (
            f"Type II closure (households endogenous): household row = {self.income_label} "
            f"per unit of output; household column = domestic household final consumption "
            f"per unit of {basis}; {corner}."
        )


@dataclass(frozen=True, eq=False)
class ClosedModel:
    """The closed (n+1)×(n+1) model: coefficients, its system (bordered against the open
    factorisation) and labels."""

    A: FloatArray
    leontief: BorderedSystem
    codes: tuple[str, ...]
    household_row: FloatArray
    household_column: FloatArray
    corner: float
    closure: Closure

    @property
    def n(self) -> int:
        """Number of producing sectors (the closed system has ``n + 1`` rows)."""
        return len(self.codes) - 1


def household_coefficients(
    table: IOTable, closure: Closure
) -> tuple[FloatArray, FloatArray, float]:
    """The household row ``h_r``, household column ``h_c`` and corner ``h`` of a closure."""
    if closure.income == "compensation":
        if not table.has_compensation:
            raise InputError(
                "the table has no compensation-of-employees row (primary-input role "
                "'compensation'), needed for the Type II closure; use the value-added "
                "closure (--closure value_added) or add the row"
            )
        w = np.asarray(table.compensation, dtype=np.float64)
    else:
        w = np.asarray(table.value_added, dtype=np.float64)
    if "household" not in table.fd_roles:
        raise InputError(
            "the table has no household final-consumption category (final-demand role "
            f"'household'; categories: {', '.join(table.fd_names) or 'none'}), needed for the "
            "Type II closure"
        )
    d = table.domestic()
    hh = [i for i, r in enumerate(table.fd_roles) if r == "household"]
    c_dom = d.Y[:, hh].sum(axis=1)
    h_r = np.asarray(table.coefficients(w))
    if closure.column == "income":
        W = closure.household_income if closure.household_income is not None else float(w.sum())
        what = f"total {closure.income_label}"
    else:
        c_imp = d.Ym[:, hh].sum() if d.Ym is not None else 0.0
        W = float(c_dom.sum() + c_imp)
        what = "total household consumption"
    if not W > 0:
        raise InputError(f"{what} is {W:.6g}; the household column needs a positive total")
    h_c = c_dom / W
    if isinstance(closure.corner, bool):
        corner = 0.0
        if closure.corner:
            t_sec = [i for i, c in enumerate(table.codes) if _SECTION_T.match(c)]
            if not t_sec:
                raise InputError(
                    "the corner cell is computed from compensation paid by households as "
                    "employers (NACE section T), but the table has no sector whose code "
                    "starts with 'T'; give the corner coefficient as a number instead"
                )
            corner = float(w[t_sec].sum()) / W
            h_c = h_c.copy()
            h_c[t_sec] = 0.0
    else:
        corner = float(closure.corner)
    return frozen_array(h_r), frozen_array(h_c), corner


def _assemble(table: IOTable, closure: Closure) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    h_r, h_c, corner = household_coefficients(table, closure)
    n = table.n
    Ab = np.zeros((n + 1, n + 1))
    Ab[:n, :n] = table.A
    Ab[:n, n] = h_c
    Ab[n, :n] = h_r
    Ab[n, n] = corner
    return frozen_array(Ab, copy=False), h_r, h_c, corner


def closed_coefficients(table: IOTable, closure: Closure | None = None) -> FloatArray:
    """The closed coefficient matrix ``Ā`` ((n+1)×(n+1), households last).

    .. math:: \\bar A = \\begin{pmatrix} A & h_c \\\\ h_r & h \\end{pmatrix}

    Examples
    --------
    Miller & Blair (2009), §2.5.1: labour coefficients (0.30, 0.25), household
    consumption (50, 400) out of a household income of 1000, corner 0.05.

    >>> from iocluster.datasets import miller_blair_households
    >>> t = miller_blair_households()
    >>> closed_coefficients(t, Closure(corner=0.05, household_income=1000.0))
    array([[0.15, 0.25, 0.05],
           [0.2 , 0.05, 0.4 ],
           [0.3 , 0.25, 0.05]])
    """
    return _assemble(table, closure or Closure())[0]


def closed_row_multipliers(
    table: IOTable,
    closure: Closure,
    rows: FloatArray,
    household_rows: FloatArray | None = None,
) -> FloatArray:
    """Row multipliers of the closed model, ``c̄ᵀ L̄`` over the sector columns, without a
    second factorisation (bordering against ``table.leontief``).

    For coefficient rows ``C`` (n × k) and their household entries ``c_h`` (k,), solve
    ``(I − Ā)ᵀ [p; q] = [C; c_h]``. With ``u = (I − A)^{-T} h_r`` and
    ``p_0 = (I − A)^{-T} C``:

    .. math:: q = \\frac{c_h + h_c^{\\top} p_0}{1 - h - h_c^{\\top} u},\\qquad p = p_0 + u\\,q

    Returns ``p`` (n × k, or (n,) for one row): entry ``(j, m)`` is ``Σᵢ c̄ᵢₘ L̄ᵢⱼ``.

    Raises
    ------
    NotProductiveError
        If ``1 − h − h_cᵀu ≤ 0``: households re-spend at least all the income they earn.
    """
    return open_and_closed_row_multipliers(table, closure, rows, household_rows)[1]


def open_and_closed_row_multipliers(
    table: IOTable,
    closure: Closure,
    rows: FloatArray,
    household_rows: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray]:
    """``(Cᵀ L, c̄ᵀ L̄)``: open and closed row multipliers from one transposed solve.

    See :func:`closed_row_multipliers`.
    """
    h_r, h_c, corner = household_coefficients(table, closure)
    C = np.asarray(rows, dtype=np.float64)
    one = C.ndim == 1
    C2 = C.reshape(table.n, -1)
    ch = (
        np.zeros(C2.shape[1])
        if household_rows is None
        else np.asarray(household_rows, dtype=np.float64).reshape(-1)
    )
    sol = table.leontief.solve_transposed(np.column_stack([C2, h_r]))
    p0, u = sol[:, :-1], sol[:, -1]
    denom = 1.0 - corner - float(h_c @ u)
    if not denom > 0:
        raise NotProductiveError(
            f"the closed model is not productive ({closure.describe()}): households "
            f"re-spend {1 - denom:.4g} per unit of income they earn"
        )
    q = (ch + h_c @ p0) / denom
    p = p0 + np.outer(u, q)
    if one:
        return p0[:, 0], p[:, 0]
    return p0, p


def close_households(table: IOTable, closure: Closure | None = None) -> ClosedModel:
    """Close the model with respect to households; ``I − Ā`` is solved by bordering
    against ``table.leontief`` (:class:`~iocluster.core.bordered.BorderedSystem`), without a
    second factorisation.

    Raises
    ------
    InputError
        If the table has no compensation row (for the compensation closure) or no
        household final-consumption category.
    NotProductiveError
        If the closed model is not productive (households re-spend at least all the
        income they earn).
    """
    closure = closure or Closure()
    Ab, h_r, h_c, corner = _assemble(table, closure)
    try:
        system = BorderedSystem(table.leontief, column=h_c, row=h_r, corner=corner)
    except NotProductiveError as exc:
        raise NotProductiveError(
            f"the closed model is not productive ({closure.describe()}): {exc.message}"
        ) from exc
    return ClosedModel(
        A=Ab,
        leontief=system,
        codes=(*table.codes, HOUSEHOLD_CODE),
        household_row=h_r,
        household_column=h_c,
        corner=corner,
        closure=closure,
    )
