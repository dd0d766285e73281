"""Apply shocks: new coefficients, final demand and satellite coefficients.

The result of a scenario (for one set of parameter values) is an
:class:`AppliedScenario`: the change of the domestic coefficients as a low-rank term

.. math:: \\Delta A = E_R\\,\\Delta_R + \\Delta_C\\,E_C^\\top

(``R`` rows changed across every column, by extraction; ``C`` columns changed on the
other rows), the new domestic and imported final demand, and the new value-added,
import and satellite coefficients. Nothing is re-factorised here; see
:mod:`iocluster.core.woodbury`.

Balancing rules keep each changed column's sum of domestic inputs, imported inputs,
value added and other costs: the change ``δ_j = Σ_i Δa_ij`` is taken from (given to)
value added (all rows in proportion), imported inputs (in proportion), or the column's
other domestic inputs (in proportion); ``none`` lets the column sum change. Anything
that would make a coefficient negative or a domestic column sum reach 1 is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from iocluster.core.engine import Coefficients, FloatArray, dense_block
from iocluster.core.mixed import capped_final_demand
from iocluster.core.woodbury import LowRank
from iocluster.errors import NotProductiveError, ScenarioError
from iocluster.scenarios.price_system import solve_prices
from iocluster.scenarios.spec import (
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    InvestmentShock,
    PriceShock,
    ProductivityShock,
    TaxShock,
)
from iocluster.scenarios.taxes import TABLE_INSTRUMENT, TaxSchedule, production_tax_row
from iocluster.scenarios.validate import ResolvedScenario, ResolvedShock
from iocluster.table import NOT_VALUE_ADDED, IOTable

__all__ = ["AppliedScenario", "Base", "apply_scenario", "point_values"]

TOL = 1e-12


@dataclass(frozen=True, eq=False)
class Base:
    """The baseline quantities of a table that scenarios change (computed once)."""

    table: IOTable

    @property
    def A(self) -> Coefficients:
        """Domestic coefficients (sparse for a large sparse table: only the rows and
        columns a scenario changes are taken dense, by :func:`dense_block`)."""
        return self.table.A

    @cached_property
    def x(self) -> FloatArray:
        """Output."""
        return np.asarray(self.table.x)

    @cached_property
    def tax_rows(self) -> tuple[int | None, int | None]:
        """Rows of :attr:`va` of the net taxes on production and of the operating surplus
        (None where the table has none)."""
        keep = np.flatnonzero(self.va_mask).tolist()
        row = production_tax_row(self.table)
        tax = keep.index(row) if row is not None and row in keep else None
        roles = [self.table.va_roles[i] for i in keep]
        return tax, (roles.index("operating_surplus") if "operating_surplus" in roles else None)

    @cached_property
    def x_model(self) -> FloatArray:
        """The model's baseline output ``x₀ = L y₀`` (the impacts' baseline)."""
        return np.asarray(self.table.leontief.solve(self.y.sum(axis=1)))

    @cached_property
    def inv_x(self) -> FloatArray:
        """1/x (0 where x = 0)."""
        return np.where(self.x > 0, 1.0 / np.where(self.x > 0, self.x, 1.0), 0.0)

    @cached_property
    def y(self) -> FloatArray:
        """Domestic final demand, n × categories."""
        return np.asarray(self.table.domestic().Y)

    @cached_property
    def ym(self) -> FloatArray:
        """Imported final demand, n × categories (zeros for a domestic table)."""
        Ym = self.table.domestic().Ym
        return np.zeros_like(self.y) if Ym is None else np.asarray(Ym)

    @cached_property
    def va_mask(self) -> np.ndarray:
        """Primary-input rows that are value added at basic prices (as
        ``IOTable.value_added``: roles outside :data:`iocluster.table.NOT_VALUE_ADDED`)."""
        roles = self.table.va_roles
        return np.array([r not in NOT_VALUE_ADDED for r in roles], dtype=bool)

    @cached_property
    def va(self) -> FloatArray:
        """Value-added coefficients by row (rows of ``V`` except imports) × sectors."""
        return np.asarray(self.table.V)[self.va_mask] * self.inv_x

    @cached_property
    def comp_rows(self) -> np.ndarray:
        """Rows of :attr:`va` that are compensation of employees."""
        roles = [r for r, keep in zip(self.table.va_roles, self.va_mask, strict=True) if keep]
        return np.array([r == "compensation" for r in roles], dtype=bool)

    @cached_property
    def m(self) -> FloatArray:
        """Imported-input coefficients by using sector."""
        return np.asarray(self.table.imported_inputs) * self.inv_x

    @cached_property
    def f(self) -> FloatArray:
        """Satellite coefficients (satellite rows × sectors)."""
        return np.asarray(self.table.F) * self.inv_x

    @cached_property
    def other(self) -> FloatArray:
        """Costs per unit of output not in A, value added or imports (e.g. missing taxes)."""
        return 1.0 - self.A.sum(axis=0) - self.va.sum(axis=0) - self.m

    @cached_property
    def Am(self) -> FloatArray | None:
        """Imported-input coefficients by product, ``Aᵐ = Zᵐ x̂⁻¹`` (None if unknown)."""
        Zm = self.table.domestic().Zm
        return None if Zm is None else np.asarray(Zm) * self.inv_x

    def am_column(self, j: int) -> FloatArray:
        """Imported-input coefficients of column ``j`` by product (zeros if unknown)."""
        return np.zeros(self.table.n) if self.Am is None else self.Am[:, j].copy()

    @cached_property
    def mu(self) -> FloatArray:
        """Import shares of products in final uses other than exports."""
        return np.asarray(self.table.import_shares)

    @cached_property
    def export_cats(self) -> np.ndarray:
        """Mask of (foreign) export categories."""
        return np.array([r == "exports" for r in self.table.fd_roles], dtype=bool)

    @cached_property
    def interregional_cats(self) -> np.ndarray:
        """Mask of a regional table's net sales to the rest of the country."""
        return np.array([r == "interregional" for r in self.table.fd_roles], dtype=bool)


@dataclass(frozen=True, eq=False)
class AppliedScenario:
    """A scenario applied for one set of parameter values (see the module docstring)."""

    name: str
    rows: np.ndarray
    row_delta: FloatArray
    cols: np.ndarray
    col_delta: FloatArray
    y: FloatArray
    ym: FloatArray
    va: FloatArray
    m: FloatArray
    f: FloatArray
    other: FloatArray
    price_fixed: Mapping[int, float]
    am_cols: Mapping[int, FloatArray]
    #: mixed model: change of domestic final demand of each sector held at a fixed or
    #: capped output, and how much of it exports (rest: imports) took
    held: Mapping[int, float] = field(default_factory=dict)
    held_exports: Mapping[int, float] = field(default_factory=dict)
    #: tax shocks: change of each instrument's rate by sector (share of its base)
    tax_delta: Mapping[str, FloatArray] = field(default_factory=dict)
    #: investment shocks: (asset, amount, domestic demand by product, imports by product)
    investment: tuple[tuple[str, float, FloatArray, FloatArray], ...] = ()

    def low_rank(self) -> tuple[FloatArray, FloatArray]:
        """``(U, V)`` with ``ΔA = U Vᵀ`` (n × k each)."""
        n = self.y.shape[0]
        ER = np.zeros((n, self.rows.size))
        ER[self.rows, np.arange(self.rows.size)] = 1.0
        EC = np.zeros((n, self.cols.size))
        EC[self.cols, np.arange(self.cols.size)] = 1.0
        return np.hstack([ER, self.col_delta]), np.hstack([self.row_delta.T, EC])

    def new_A(self, A: FloatArray) -> FloatArray:
        """The full new coefficient matrix (for tests and brute-force checks)."""
        U, V = self.low_rank()
        return A + U @ V.T

    @property
    def changes_A(self) -> bool:
        """Whether any domestic coefficient changes."""
        return bool(self.rows.size or np.any(self.col_delta))


def point_values(rs: ResolvedScenario) -> list[dict[str, float]]:
    """Point estimates of every shock's parameters."""
    return [{k: p.point() for k, p in s.shock.params().items()} for s in rs.shocks]


class _Work:
    """Mutable working copies while shocks are applied (internal)."""

    def __init__(self, base: Base) -> None:
        self.b = base
        self.cols: dict[int, FloatArray] = {}
        self.amcols: dict[int, FloatArray] = {}
        self.rows: set[int] = set()
        self.y = base.y.copy()
        self.ym = base.ym.copy()
        self.va = base.va.copy()
        self.m = base.m.copy()
        self.f = base.f.copy()
        self.other = base.other.copy()
        self.fixed: dict[int, float] = {}
        self.tax_delta: dict[str, FloatArray] = {}
        self.elastic: list[tuple[np.ndarray, float]] = []
        self.investment: list[tuple[str, float, FloatArray, FloatArray]] = []

    def col(self, j: int) -> FloatArray:
        if j not in self.cols:
            self.cols[j] = dense_block(self.b.A, cols=[j])[:, 0]
        return self.cols[j]

    def amcol(self, j: int) -> FloatArray:
        if j not in self.amcols:
            self.amcols[j] = self.b.am_column(j)
        return self.amcols[j]


def _balance(w: _Work, rs: ResolvedShock, j: int, delta: float, rows: np.ndarray) -> None:
    s = rs.shock
    assert isinstance(s, CoefficientShock)
    code = w.b.table.codes[j]
    if abs(delta) <= TOL or s.balance == "none":
        return
    if s.balance == "value_added":
        tot = float(w.va[:, j].sum())
        what, have = "value added", tot
    elif s.balance == "imports":
        tot = float(w.m[j])
        what, have = "imported inputs", tot
    else:
        col = w.col(j)
        others = np.ones(col.size, dtype=bool)
        others[rows] = False
        tot = float(col[others].sum())
        what, have = "other domestic inputs", tot
    if have <= 0:
        # nothing to scale in proportion: the change would break the column's cost sum
        raise ScenarioError(
            f"{rs.where('balance')}: sector '{code}' has no {what} to offset a coefficient "
            f"change of {delta:.6g} per unit of output; choose another balance rule"
        )
    if have - delta < -1e-12 * max(1.0, abs(have)):
        raise ScenarioError(
            f"{rs.where('balance')}: sector '{code}' has {what} of {have:.6g} per unit of "
            f"output, too little to offset a coefficient increase of {delta:.6g}"
        )
    factor = max(have - delta, 0.0) / have
    if s.balance == "value_added":
        w.va[:, j] *= factor
    elif s.balance == "imports":
        w.m[j] = max(w.m[j] - delta, 0.0)
        w.amcol(j)[:] *= factor
    else:
        col = w.col(j)
        col[others] *= factor


def _coefficients(w: _Work, rs: ResolvedShock, v: float) -> None:
    s = rs.shock
    assert isinstance(s, CoefficientShock)
    R, C = rs.sets["rows"], rs.sets["cols"]
    if s.operation == "scale" and not np.any(dense_block(w.b.A, R, C)):
        raise ScenarioError(
            f"{rs.where('rows')}: every coefficient of the block is zero; scaling it has no "
            "effect (use operation 'add' or 'set')"
        )
    for j in C:
        col = w.col(int(j))
        old = col[R].copy()
        tot = float(old.sum())
        share = old / tot if tot > 0 else np.full(old.size, 1.0 / old.size)
        if s.operation == "scale":
            new = old * (1.0 + v / 100.0)
        elif s.operation == "add":
            new = old + v if s.mode == "per_cell" else old + v * share
        else:
            new = np.full(old.size, v) if s.mode == "per_cell" else v * share
        if np.any(new < -TOL):
            i = int(R[int(np.argmin(new))])
            raise ScenarioError(
                f"{rs.where('value')}: {s.operation} {v:g} would make the coefficient "
                f"a[{w.b.table.codes[i]}, {w.b.table.codes[int(j)]}] negative "
                f"({float(new.min()):.6g})"
            )
        col[R] = np.maximum(new, 0.0)
        _balance(w, rs, int(j), float(new.sum() - tot), R)


def _import_substitution(w: _Work, rs: ResolvedShock, theta: float) -> None:
    P = rs.sets["products"]
    for j in rs.sets.get("users", np.array([], dtype=np.intp)):
        am = w.amcol(int(j))
        moved = theta * am[P]
        am[P] -= moved
        w.col(int(j))[P] += moved
        w.m[j] = max(w.m[j] - float(moved.sum()), 0.0)
    if rs.categories:
        c = np.asarray(rs.categories, dtype=np.intp)
        moved2 = theta * w.ym[np.ix_(P, c)]
        w.ym[np.ix_(P, c)] -= moved2
        w.y[np.ix_(P, c)] += moved2


def _final_demand(w: _Work, rs: ResolvedShock, v: float) -> None:
    s = rs.shock
    assert isinstance(s, FinalDemandShock)
    S, c = rs.sets["sectors"], np.asarray(rs.categories, dtype=np.intp)
    if s.unit == "percent":
        w.y[np.ix_(S, c)] *= 1.0 + v / 100.0
        w.ym[np.ix_(S, c)] *= 1.0 + v / 100.0
        return
    tot = w.y[np.ix_(S, c)] + w.ym[np.ix_(S, c)]
    if s.mode == "distribute":
        grand = float(tot.sum())
        add = v * (tot / grand if grand > 0 else np.full(tot.shape, 1.0 / tot.size))
    else:
        rowsum = tot.sum(axis=1, keepdims=True)
        add = v * np.where(rowsum > 0, tot / np.where(rowsum > 0, rowsum, 1.0), 1.0 / len(c))
    dom = np.where(w.b.export_cats[c][None, :], 1.0, 1.0 - w.b.mu[S][:, None])
    w.y[np.ix_(S, c)] += add * dom
    w.ym[np.ix_(S, c)] += add * (1.0 - dom)
    if np.any(w.y[np.ix_(S, c)] + w.ym[np.ix_(S, c)] < -1e-9 * max(1.0, abs(v))):
        raise ScenarioError(f"{rs.where('change')}: {v:g} makes a final demand negative")


def _productivity(w: _Work, rs: ResolvedShock, v: float) -> None:
    s = rs.shock
    assert isinstance(s, ProductivityShock)
    S = rs.sets["sectors"]
    factor = 1.0 / (1.0 + v / 100.0) if s.productivity else 1.0 + v / 100.0
    if s.target == "employment":
        sats = np.asarray(rs.satellites, dtype=np.intp)
        w.f[np.ix_(sats, S)] *= factor
    else:
        w.va[:, S] *= factor


def _extraction(w: _Work, rs: ResolvedShock) -> None:
    s = rs.shock
    assert isinstance(s, ExtractionShock)
    if "sectors" in rs.sets:
        S = rs.sets["sectors"]
        for j in S:
            w.col(int(j))[:] = 0.0
        w.rows.update(int(i) for i in S)
        if not s.keep_final_demand:
            w.y[S, :] = 0.0
        return
    G1, G2 = rs.sets["from"], rs.sets["to"]
    for j in G2:
        w.col(int(j))[G1] = 0.0
    if s.both_directions:
        for j in G1:
            w.col(int(j))[G2] = 0.0


def _prices(w: _Work, rs: ResolvedShock, v: float) -> None:
    s = rs.shock
    assert isinstance(s, PriceShock)
    S = rs.sets["sectors"]
    if s.target == "value_added":
        w.other[S] += w.va[:, S].sum(axis=0) * v / 100.0
    else:
        for i in S:
            w.fixed[int(i)] = w.fixed.get(int(i), 1.0) * (1.0 + v / 100.0)


def _tax(w: _Work, rs: ResolvedShock, vals: Mapping[str, float], sched: TaxSchedule) -> None:
    """A tax or subsidy rate change: the rate of ``instrument`` in ``sectors`` changes by
    ``change`` % of itself (or points of its base); a tax on output or value added
    changes the net tax per unit of output ``Δt`` (a subsidy with the opposite sign),
    of which ``pass_through`` reaches unit costs (prices) and the rest the operating
    surplus. The table's tax row carries ``Δt`` where it has one."""
    s = rs.shock
    assert isinstance(s, TaxShock)
    inst = sched.get(s.instrument)
    assert inst is not None  # validate._check_instruments
    S = rs.sets["sectors"]
    v = vals["change"]
    r0 = inst.rates[S] + w.tax_delta.get(inst.name, np.zeros(w.b.table.n))[S]
    dr = r0 * v / 100.0 if s.unit == "percent" else np.full(S.size, v / 100.0)
    if np.any(r0 + dr < -1e-12) and inst.name != TABLE_INSTRUMENT:
        raise ScenarioError(f"{rs.where('change')}: {v:g} points make the rate negative")
    w.tax_delta.setdefault(inst.name, np.zeros(w.b.table.n))[S] += dr
    if inst.base in ("output", "value_added"):
        per_unit = np.ones(S.size) if inst.base == "output" else w.b.va[:, S].sum(axis=0)
        dt = inst.sign * dr * per_unit
        share = vals["pass_through"]
        tax_row, os_row = w.b.tax_rows
        if tax_row is None:
            w.other[S] += dt
        else:
            w.va[tax_row, S] += dt
        if os_row is None:
            w.other[S] -= (1.0 - share) * dt
        else:
            w.va[os_row, S] -= (1.0 - share) * dt
    if vals.get("export_elasticity", 0.0):
        w.elastic.append((S, vals["export_elasticity"]))


def _investment(w: _Work, rs: ResolvedShock, amount: float) -> None:
    """An investment programme: ``amount`` of the asset spread over products by the
    bridge column, split into domestic and imported supply by the import share μ of
    each product (final uses other than exports), added to final demand for
    investment (:mod:`iocluster.scenarios.investment`)."""
    s = rs.shock
    assert isinstance(s, InvestmentShock)
    col = np.asarray(rs.sets["bridge"], dtype=float)
    cat = int(rs.categories[0])
    total = amount * col
    dom = total * (1.0 - w.b.mu)
    imp = total - dom
    w.y[:, cat] += dom
    w.ym[:, cat] += imp
    w.investment.append((s.asset, amount, dom, imp))


def _export_response(base: Base, w: _Work, a: AppliedScenario) -> AppliedScenario:
    """Exports of the sectors of tax shocks with an export price elasticity ``ε``:
    ``e₁ = e (1 + ε (p' − 1))`` with ``p'`` the scenario's Leontief prices
    (:mod:`iocluster.scenarios.price_system`); quantities, so exports stay domestic."""
    U, V = a.low_rank()
    c = a.va.sum(axis=0) + a.m + a.other
    p = solve_prices(base.table.leontief, base.A, U, V, c, a.price_fixed)
    y = a.y.copy()
    exp = np.flatnonzero(base.export_cats)
    for S, eps in w.elastic:
        y[np.ix_(S, exp)] *= np.maximum(1.0 + eps * (p[S] - 1.0), 0.0)[:, None]
    return replace(a, y=y)


def apply_scenario(
    base: Base, rs: ResolvedScenario, values: Sequence[Mapping[str, float]] | None = None
) -> AppliedScenario:
    """Apply the shocks of ``rs`` in order, with parameter ``values`` (one mapping per
    shock; the point estimates by default).

    Raises
    ------
    ScenarioError
        Naming scenario, shock and field when a coefficient would turn negative, a
        column sum of domestic coefficients would reach 1, or balancing is impossible.
    """
    values = list(values) if values is not None else point_values(rs)
    w = _Work(base)
    for rsh, vals in zip(rs.shocks, values, strict=True):
        s = rsh.shock
        if isinstance(s, CoefficientShock):
            _coefficients(w, rsh, vals["value"])
        elif isinstance(s, ImportSubstitutionShock):
            _import_substitution(w, rsh, vals["share"])
        elif isinstance(s, FinalDemandShock):
            _final_demand(w, rsh, vals["change"])
        elif isinstance(s, ProductivityShock):
            _productivity(w, rsh, vals["change"])
        elif isinstance(s, ExtractionShock):
            _extraction(w, rsh)
        elif isinstance(s, PriceShock):
            _prices(w, rsh, vals["change"])
        elif isinstance(s, TaxShock):
            assert rs.taxes is not None  # validate_file builds it for tax shocks
            _tax(w, rsh, vals, rs.taxes)
        elif isinstance(s, InvestmentShock):
            _investment(w, rsh, vals["amount"])
    A = base.A
    C = np.array(sorted(w.cols), dtype=np.intp)
    newC = np.column_stack([w.cols[int(j)] for j in C]) if C.size else np.zeros((A.shape[0], 0))
    sums = newC.sum(axis=0)
    if np.any(sums >= 1.0):
        j = int(C[int(np.argmax(sums))])
        changing = [
            r for r in rs.shocks if isinstance(r.shock, CoefficientShock | ImportSubstitutionShock)
        ]  # only these change the input coefficients
        culprit = next(
            (r for r in changing if any(j in set(v.tolist()) for v in r.sets.values())),
            changing[0] if changing else rs.shocks[0],
        )
        raise ScenarioError(
            f"{culprit.where()}: the domestic input coefficients of sector "
            f"'{base.table.codes[j]}' would sum to {float(sums.max()):.6g}; they must stay "
            "below 1 or the economy is unproductive"
        )
    R = np.array(sorted(w.rows), dtype=np.intp)
    col_delta = newC - dense_block(A, cols=C)
    col_delta[R, :] = 0.0
    row_delta = -dense_block(A, R)
    applied = AppliedScenario(
        name=rs.name,
        rows=R,
        row_delta=row_delta,
        cols=C,
        col_delta=col_delta,
        y=w.y,
        ym=w.ym,
        va=w.va,
        m=w.m,
        f=w.f,
        other=w.other,
        price_fixed=dict(w.fixed),
        am_cols=dict(w.amcols),
        tax_delta=dict(w.tax_delta),
        investment=tuple(w.investment),
    )
    if w.elastic:
        applied = _export_response(base, w, applied)
    if rs.fixed or rs.caps:
        applied = hold_outputs(base, rs, applied)
    return applied


def hold_outputs(base: Base, rs: ResolvedScenario, a: AppliedScenario) -> AppliedScenario:
    """The mixed model (Miller & Blair 2009, §13.1; :mod:`iocluster.core.mixed`): the
    fixed sectors' output stays at the baseline ``x₀ = L y₀`` and capped sectors' output
    at most ``x₀ (1 + cap/100)``; their domestic final demand changes by ``z`` so that
    ``x₁ = L' y₁`` meets the limits. Who gives way (``rs.scenario.give_way``):
    ``imports`` — final users' supply is kept, the shortfall ``−z`` is imported (a
    surplus displaces imports, then goes to exports); ``exports`` — exports change by
    ``z`` (beyond the product's exports, the rest is imported)."""
    x0 = base.x_model
    fixed = {i: float(x0[i]) for i in rs.fixed}
    caps = {i: float(x0[i]) * (1.0 + pct / 100.0) for i, pct in rs.caps.items()}
    U, V = a.low_rank()
    try:
        S, z = capped_final_demand(
            base.table.leontief, LowRank(U, V) if U.shape[1] else None, a.y.sum(1), fixed, caps
        )
    except NotProductiveError as exc:
        raise ScenarioError(f"scenario '{rs.name}', 'fixed_output': {exc.message}") from exc
    y, ym = a.y.copy(), a.ym.copy()
    took: dict[int, float] = {}
    for i, zi in zip(S, z.tolist(), strict=True):
        took[i] = _give_way(base, y, ym, i, zi, rs.scenario.give_way)
    return replace(a, y=y, ym=ym, held=dict(zip(S, z.tolist(), strict=True)), held_exports=took)


def _spread(row: FloatArray, cats: np.ndarray, amount: float) -> FloatArray:
    """``amount`` spread over ``cats`` of a final-demand row in proportion to |row|
    (equally where the row is zero there)."""
    out = np.zeros(row.size)
    wts = np.abs(row[cats])
    out[cats] = amount * (wts / wts.sum() if wts.sum() > 0 else 1.0 / cats.size)
    return out


def _give_way(base: Base, y: FloatArray, ym: FloatArray, i: int, z: float, rule: str) -> float:
    """Put ``z`` into the domestic final demand of product ``i`` (in place); returns the
    part that exports took (the rest changes imports)."""
    exp = np.flatnonzero(base.export_cats)
    other = np.flatnonzero(~base.export_cats & ~base.interregional_cats)
    to_exports = 0.0
    if rule == "exports" and exp.size:
        to_exports = max(z, -float(y[i, exp].sum()))  # exports no lower than zero
    elif rule == "imports" and exp.size and z > 0:
        to_exports = max(z - float(ym[i, other].sum()), 0.0)  # surplus beyond imports
    rest = z - to_exports
    if to_exports:
        y[i] += _spread(y[i], exp, to_exports)
    if rest and other.size:
        d = _spread(y[i] + ym[i], other, rest)
        y[i] += d
        ym[i] -= d  # final users keep their supply: imports make up the difference
    elif rest:
        y[i] += _spread(y[i], exp, rest)
        to_exports += rest
    return to_exports
