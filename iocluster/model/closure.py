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

``column="consumption"`` (default)
    ``W`` = total household final consumption, domestic and imported: the column holds
    budget shares of domestic products, so it sums to the domestic share of household
    spending and every unit of income earned is spent once, part of it on imports. The
    implied marginal propensity to consume domestic products is then below 1 whatever
    the table says about income, so the Type II multipliers stay bounded by
    construction. (In the 2022 Uzbekistan table household consumption is 2.68 × total
    compensation of employees, since households also live on mixed income, transfers and
    remittances; dividing consumption by compensation alone makes the column sum to
    2.26, i.e. households re-spending 2.26 per unit earned, and Type II output
    multipliers up to 5.3.)
``column="income"``
    ``W`` = total household income: the sum of the income row, or ``household_income``
    when given (Miller & Blair 2009, §2.5.1: consumption per unit of household *income*,
    which there exceeds total labour income). Use it when the income row covers all
    household income (e.g. ``household_income`` = compensation + mixed income +
    transfers), else the propensity can exceed 1.

Whatever the closure, :func:`propensity_to_consume` gives the implied marginal
propensity to consume domestic products, ``Σᵢ h_cᵢ + h``; a value above 1 is warned about
(:class:`~iocluster.errors.AssumptionWarning`, naming it).

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
Extensions*, 2nd ed., Cambridge University Press, §2.5, §6.1–6.2.
Scottish Government (2021). *Input-Output Methodology Guide*, version 6, and "About
Supply, Use and Input-Output Tables: multipliers" (gov.scot): Type II effects from
households made endogenous on compensation of employees (mixed income excluded).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from iocluster.core.bordered import BorderedSystem
from iocluster.core.choices import ClosureChoice, ColumnBasis, IncomeKind
from iocluster.core.engine import Coefficients, FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import AssumptionWarning, InputError, NotProductiveError
from iocluster.table import IOTable

__all__ = [
    "DEFAULT_CLOSURE",
    "HOUSEHOLD_CODE",
    "ClosedModel",
    "Closure",
    "ClosureChoice",
    "chosen_closure",
    "close_households",
    "closed_coefficients",
    "closed_row_multipliers",
    "household_coefficients",
    "household_imports",
    "open_and_closed_row_multipliers",
    "propensity_sentence",
    "propensity_to_consume",
    "usable_closure",
]

#: Label of the household row/column appended to the sector codes.
HOUSEHOLD_CODE = "HH"

#: Codes of NACE rev. 2 section T (households as employers): ``T``, ``T97``, ``T97-98``.
_SECTION_T = re.compile(r"^T(?:$|[\d\s._-])")


@dataclass(frozen=True)
class Closure:
    """How households are made endogenous for Type II (total) multipliers.

    Parameters
    ----------
    income : {"compensation", "value_added"}
        The household row: compensation of employees (default) or total value added,
        per unit of output.
    column : {"consumption", "income"}
        Denominator of the household column: total household final consumption
        (default; the column is the budget share of domestic products), or total
        household income (the income row total or ``household_income``).
    corner : bool or float
        ``False`` (default): corner cell 0. A float: the corner coefficient itself.
        ``True``: compensation paid by households as employers (NACE section T), see
        the module docstring.
    household_income : float, optional
        Total household income ``W`` when it differs from the income-row total (e.g.
        transfers or mixed income); only with ``column="income"``.

    Examples
    --------
    >>> str(Closure().describe())  # doctest: +NORMALIZE_WHITESPACE
    'Type II closure (households endogenous): household row = compensation of employees
    per unit of output; household column = domestic household final consumption per unit
    of total household final consumption (domestic and imported; budget shares, all
    income spent); corner cell 0.'
    """

    income: IncomeKind = "compensation"
    column: ColumnBasis = "consumption"
    corner: bool | float = False
    household_income: float | None = None

    def __post_init__(self) -> None:
        if self.income not in ("compensation", "value_added"):
            said = Message("model.closure.bad_income", value=str(self.income),
                           a="'compensation'", b="'value_added'")  # fmt: skip
            raise InputError(said)
        if self.column not in ("income", "consumption"):
            said = Message("model.closure.bad_column", value=str(self.column),
                           a="'income'", b="'consumption'")  # fmt: skip
            raise InputError(said)
        if not isinstance(self.corner, bool):
            c = float(self.corner)
            if not (np.isfinite(c) and 0.0 <= c < 1.0):
                raise InputError(Message("model.closure.bad_corner", value=f"{c}"))
        if self.household_income is not None and not (
            np.isfinite(self.household_income) and self.household_income > 0
        ):
            said = Message("model.closure.bad_household_income", field="household_income",
                           value=f"{self.household_income}")  # fmt: skip
            raise InputError(said)
        if self.household_income is not None and self.column != "income":
            said = Message("model.closure.household_income_column", field="household_income",
                           setting="column='income'")  # fmt: skip
            raise InputError(said)

    @property
    def income_label(self) -> str:
        """``"compensation of employees"`` or ``"value added"``."""
        return str(self.income_text)

    @property
    def income_text(self) -> Message:
        """The household row in words of any language."""
        if self.income == "compensation":
            return Message("model.closure.compensation")
        return Message("model.closure.value_added")

    def describe(self) -> Message:
        """One sentence naming the closure, for reports (``str()`` of it is English)."""
        if self.column == "income":
            basis = (
                Message("model.closure.basis_given", income=float(self.household_income))
                if self.household_income is not None
                else Message("model.closure.basis_income", row=self.income_text)
            )
        else:
            basis = Message("model.closure.basis_consumption")
        if isinstance(self.corner, bool):
            corner = Message(
                "model.closure.corner_section_t" if self.corner else "model.closure.corner_zero"
            )
        else:
            corner = Message("model.closure.corner", value=float(self.corner))
        return Message("model.closure", row=self.income_text, basis=basis, corner=corner)


#: The default closure (README, Conventions): compensation of employees, consumption-share
#: household column, corner 0. Wherever a closure is optional, ``None`` is the open model.
DEFAULT_CLOSURE = Closure()


@dataclass(frozen=True, eq=False)
class ClosedModel:
    """The closed (n+1)×(n+1) model: coefficients, its system (bordered against the open
    factorisation) and labels."""

    A: Coefficients  # sparse when the table's A is
    leontief: BorderedSystem
    codes: tuple[str, ...]
    household_row: FloatArray
    household_column: FloatArray
    corner: float
    closure: Closure
    #: imported household consumption per unit of household income (import leakage)
    household_imports: float = 0.0

    @property
    def n(self) -> int:
        """Number of producing sectors (the closed system has ``n + 1`` rows)."""
        return len(self.codes) - 1

    @property
    def propensity(self) -> float:
        """Implied marginal propensity to consume domestic products, ``Σ h_c + h``."""
        return float(self.household_column.sum()) + self.corner

    def describe(self) -> Message:
        """The closure's sentence and its implied propensity to consume, for reports."""
        return closure_sentence(self.closure.describe(), self.propensity)


def propensity_sentence(mpc: float) -> Message:
    """``"Implied marginal propensity to consume domestic products: 0.846."``"""
    return Message("model.closure.propensity", mpc=mpc)


def closure_sentence(closure: Message | str, mpc: float) -> Message:
    """The closure's sentence (:meth:`Closure.describe`) followed by its implied
    propensity to consume."""
    return Message(
        "model.closure.with_propensity", closure=closure, propensity=propensity_sentence(mpc)
    )


def _warn_propensity(mpc: float, closure: Closure) -> None:
    if mpc > 1.0 + 1e-9:
        warnings.warn(
            AssumptionWarning(
                Message("model.closure.propensity_above_one", mpc=mpc, closure=closure.describe())
            ),
            stacklevel=3,
        )


#: The columns of the Type II results (left out when a table cannot be closed).
_TYPE_II = ("induced", "total", "type_II")


def _income_and_spending(
    table: IOTable, closure: Closure
) -> tuple[FloatArray, FloatArray, float, float]:
    """The income row ``w``, domestic household consumption by product, imported household
    consumption (total) and the denominator ``W`` of the household column."""
    if closure.income == "compensation":
        if not table.has_compensation:
            raise InputError(
                Message(
                    "model.closure.no_compensation",
                    role="compensation",
                    option="--closure value_added",
                )
            )
        w = np.asarray(table.compensation, dtype=np.float64)
    else:
        w = np.asarray(table.value_added, dtype=np.float64)
    if "household" not in table.fd_roles:
        have = tuple(table.fd_names) or Message("model.closure.none")
        raise InputError(Message("model.closure.no_household", role="household", categories=have))
    d = table.domestic()
    hh = [i for i, r in enumerate(table.fd_roles) if r == "household"]
    c_dom = d.Y[:, hh].sum(axis=1)
    c_imp = float(d.Ym[:, hh].sum()) if d.Ym is not None else 0.0
    if closure.column == "income":
        W = closure.household_income if closure.household_income is not None else float(w.sum())
        what = Message("model.closure.total_row", row=closure.income_text)
    else:
        W = float(c_dom.sum() + c_imp)
        what = Message("model.closure.total_consumption")
    if not W > 0:
        raise InputError(Message("model.closure.total_not_positive", what=what, total=W))
    return w, c_dom, c_imp, W


def household_imports(table: IOTable, closure: Closure) -> float:
    """Imported household consumption per unit of the household income of ``closure``
    (the closed model's import leakage of household spending, ``c^m / W``)."""
    _, _, c_imp, W = _income_and_spending(table, closure)
    return c_imp / W


def household_coefficients(
    table: IOTable, closure: Closure
) -> tuple[FloatArray, FloatArray, float]:
    """The household row ``h_r``, household column ``h_c`` and corner ``h`` of a closure."""
    w, c_dom, _, W = _income_and_spending(table, closure)
    h_r = np.asarray(table.coefficients(w))
    h_c = c_dom / W
    if isinstance(closure.corner, bool):
        corner = 0.0
        if closure.corner:
            t_sec = [i for i, c in enumerate(table.codes) if _SECTION_T.match(c)]
            if not t_sec:
                raise InputError(Message("model.closure.no_section_t", letter="T"))
            corner = float(w[t_sec].sum()) / W
            h_c = h_c.copy()
            h_c[t_sec] = 0.0
    else:
        corner = float(closure.corner)
    _warn_propensity(float(h_c.sum()) + corner, closure)
    return frozen_array(h_r), frozen_array(h_c), corner


def propensity_to_consume(table: IOTable, closure: Closure = DEFAULT_CLOSURE) -> float:
    """The closure's implied marginal propensity to consume domestic products.

    .. math:: \\text{mpc} = \\sum_i h_{c,i} + h

    the domestic spending (sector column sum plus the corner cell) of one unit of the
    household income the closure creates (Miller & Blair 2009, §2.5.1, §6.2). Above 1 the
    closed model re-spends more than it pays out; a warning names the value.

    Examples
    --------
    Miller & Blair (2009) §2.5.1: consumption 50 + 400 and a corner of 0.05 per 1000 of
    household income give 0.5.

    >>> from iocluster.table import IOTable
    >>> t = IOTable.from_arrays(
    ...     Z=[[150, 500], [200, 100]], Y=[[50, 300], [400, 1300]],
    ...     V=[[300, 500], [350, 900]], codes=["1", "2"],
    ...     fd_names=["households", "other"], fd_roles=["household", "other"],
    ...     va_names=["labour", "other"], va_roles=["compensation", "other"])
    >>> mb = Closure(column="income", corner=0.05, household_income=1000.0)
    >>> round(propensity_to_consume(t, mb), 12)
    0.5
    """
    _, h_c, corner = household_coefficients(table, closure)
    return float(h_c.sum()) + corner


def _assemble(
    table: IOTable, closure: Closure
) -> tuple[Coefficients, FloatArray, FloatArray, float]:
    h_r, h_c, corner = household_coefficients(table, closure)
    n = table.n
    A = table.A
    if sp.issparse(A):  # a sparse table's closed matrix is sparse too
        col, row = sp.csc_array(h_c[:, None]), sp.csc_array(h_r[None, :])
        blocks = [[A, col], [row, sp.csc_array(np.array([[corner]]))]]
        return sp.block_array(blocks, format="csc"), h_r, h_c, corner
    Ab = np.zeros((n + 1, n + 1))
    Ab[:n, :n] = A
    Ab[:n, n] = h_c
    Ab[n, :n] = h_r
    Ab[n, n] = corner
    return frozen_array(Ab, copy=False), h_r, h_c, corner


def closed_coefficients(table: IOTable, closure: Closure = DEFAULT_CLOSURE) -> Coefficients:
    """The closed coefficient matrix ``Ā`` ((n+1)×(n+1), households last); sparse when
    the table's ``A`` is.

    .. math:: \\bar A = \\begin{pmatrix} A & h_c \\\\ h_r & h \\end{pmatrix}

    Examples
    --------
    Miller & Blair (2009), §2.5.1: labour coefficients (0.30, 0.25), household
    consumption (50, 400) out of a household income of 1000, corner 0.05.

    >>> from iocluster.datasets import miller_blair_households
    >>> t = miller_blair_households()
    >>> closed_coefficients(t, Closure("compensation", "income", 0.05, 1000.0))
    array([[0.15, 0.25, 0.05],
           [0.2 , 0.05, 0.4 ],
           [0.3 , 0.25, 0.05]])
    """
    return _assemble(table, closure)[0]


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
            Message(
                "model.closure.not_productive_respend",
                closure=closure.describe(),
                respend=1 - float(denom),
            )
        )
    q = (ch + h_c @ p0) / denom
    p = p0 + np.outer(u, q)
    if one:
        return p0[:, 0], p[:, 0]
    return p0, p


def close_households(table: IOTable, closure: Closure = DEFAULT_CLOSURE) -> ClosedModel:
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
    Ab, h_r, h_c, corner = _assemble(table, closure)
    try:
        system = BorderedSystem(table.leontief, column=h_c, row=h_r, corner=corner)
    except NotProductiveError as exc:
        raise NotProductiveError(
            Message("model.closure.not_productive", closure=closure.describe(), reason=exc.message)
        ) from exc
    return ClosedModel(
        A=Ab,
        leontief=system,
        codes=(*table.codes, HOUSEHOLD_CODE),
        household_row=h_r,
        household_column=h_c,
        corner=corner,
        closure=closure,
        household_imports=household_imports(table, closure),
    )


def usable_closure(table: IOTable, closure: Closure) -> Closure | None:
    """``closure`` when ``table`` can be closed with it; else ``None`` and one warning
    saying what is missing and how to obtain the Type II results (the Type I ones are
    still computed by the caller)."""
    if "household" not in table.fd_roles:
        said = Message("model.closure.unusable_household", role="household", results=_TYPE_II)
    elif closure.income == "compensation" and not table.has_compensation:
        said = Message(
            "model.closure.unusable_compensation",
            role="compensation",
            option="--closure value_added",
            results=_TYPE_II,
        )
    else:
        return closure
    warnings.warn(AssumptionWarning(said), stacklevel=2)
    return None


def chosen_closure(
    table: IOTable,
    income: ClosureChoice = "compensation",
    column: ColumnBasis = "consumption",
    corner: bool | float = False,
) -> Closure | None:
    """The Type II closure a user chose (``--closure``, the lab's closure box): ``None``
    for ``"none"``, or when ``table`` cannot be closed (then with the one warning of
    :func:`usable_closure` saying how to obtain the Type II results)."""
    if income == "none":
        return None
    return usable_closure(table, Closure(income=income, column=column, corner=corner))
