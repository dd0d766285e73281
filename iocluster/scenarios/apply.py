"""Apply a scenario's shocks for ``D`` draws of its parameters at once.

Each shock kind's rule (:mod:`iocluster.scenarios.kinds`) changes the working arrays of a
:class:`~iocluster.scenarios.work.Work` in file order; a point estimate is the batch of
one draw (:func:`apply_scenario`). The result, :class:`AppliedDraws`, holds the change
of the domestic coefficients as a low-rank term

.. math:: \\Delta A_d = E_R\\,\\Delta_R + \\Delta_{C,d}\\,E_C^\\top

(``R`` rows changed across every column, by extraction, the same for every draw; ``C``
columns changed on the other rows), the new domestic and imported final demand, and the
new value-added, import and satellite coefficients. Nothing is re-factorised here; see
:mod:`iocluster.core.woodbury`.

After the shocks, behaviours of sectors are applied once per sector (whatever the number
of shocks naming them): exports respond to the scenario's price change with their price
elasticity ``ε``, ``Δe = ε (p' − 1) e₀`` (:func:`_export_response`). Then the mixed
model holds fixed or capped outputs (:func:`hold_outputs`). A column sum of domestic
coefficients reaching 1 is refused, naming the shock and the draw's values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from iocluster.core.engine import FloatArray, dense_block
from iocluster.core.messages import Message
from iocluster.core.mixed import capped_final_demand
from iocluster.core.woodbury import LowRank
from iocluster.errors import NotProductiveError, ScenarioError
from iocluster.scenarios.base import Base
from iocluster.scenarios.params import place_setting
from iocluster.scenarios.price_system import solve_prices
from iocluster.scenarios.problems import at
from iocluster.scenarios.validate import ResolvedScenario
from iocluster.scenarios.work import TOL, Work

__all__ = [
    "TOL",
    "AppliedDraws",
    "AppliedScenario",
    "Base",
    "apply_draws",
    "apply_scenario",
    "draw_prices",
    "point_values",
]

#: Parameter values of a scenario: one mapping per shock, then one per response
#: (:meth:`ResolvedScenario.param_sets`); each value is one number per draw.
DrawValues = Sequence[Mapping[str, FloatArray]]


@dataclass(frozen=True, eq=False)
class AppliedScenario:
    """A scenario applied for one set of parameter values (one draw of
    :class:`AppliedDraws`; see the module docstring)."""

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
        """``(U, V)`` with ``ΔA = U Vᵀ`` (n × k each; made once, read-only)."""
        return self._low_rank

    @cached_property
    def _low_rank(self) -> tuple[FloatArray, FloatArray]:
        n = self.y.shape[0]
        kR, k = self.rows.size, self.rows.size + self.cols.size
        U, V = np.zeros((n, k)), np.zeros((n, k))
        U[self.rows, np.arange(kR)] = 1.0
        U[:, kR:] = self.col_delta
        V[:, :kR] = self.row_delta.T
        V[self.cols, np.arange(kR, k)] = 1.0
        U.flags.writeable = V.flags.writeable = False
        return U, V

    def new_A(self, A: FloatArray) -> FloatArray:
        """The full new coefficient matrix (for tests and brute-force checks)."""
        U, V = self.low_rank()
        return A + U @ V.T

    @property
    def changes_A(self) -> bool:
        """Whether any domestic coefficient changes."""
        return bool(self.rows.size or np.any(self.col_delta))


@dataclass(frozen=True, eq=False)
class AppliedDraws:
    """A scenario applied for ``D`` draws: the arrays of :class:`AppliedScenario` with a
    leading draw axis (``rows`` and ``row_delta`` are the same for every draw)."""

    name: str
    rows: np.ndarray
    row_delta: FloatArray
    cols: np.ndarray
    col_delta: FloatArray  # D × n × |C|
    y: FloatArray
    ym: FloatArray
    va: FloatArray
    m: FloatArray
    f: FloatArray
    other: FloatArray
    price_fixed: Mapping[int, FloatArray]
    am_cols: Mapping[int, FloatArray]
    tax_delta: Mapping[str, FloatArray]
    investment: tuple[tuple[str, FloatArray, FloatArray, FloatArray], ...]
    held: tuple[Mapping[int, float], ...] = ()
    held_exports: tuple[Mapping[int, float], ...] = ()

    @property
    def D(self) -> int:
        """The number of draws."""
        return int(self.y.shape[0])

    def draw(self, d: int) -> AppliedScenario:
        """Draw ``d`` as an :class:`AppliedScenario`."""
        return AppliedScenario(
            name=self.name,
            rows=self.rows,
            row_delta=self.row_delta,
            cols=self.cols,
            col_delta=self.col_delta[d],
            y=self.y[d],
            ym=self.ym[d],
            va=self.va[d],
            m=self.m[d],
            f=self.f[d],
            other=self.other[d],
            price_fixed={i: float(p[d]) for i, p in self.price_fixed.items()},
            am_cols={j: c[d] for j, c in self.am_cols.items()},
            held=self.held[d] if self.held else {},
            held_exports=self.held_exports[d] if self.held_exports else {},
            tax_delta={k: v[d] for k, v in self.tax_delta.items()},
            investment=tuple(
                (a, float(x[d]), dom[d], imp[d]) for a, x, dom, imp in self.investment
            ),
        )


def point_values(rs: ResolvedScenario) -> list[dict[str, FloatArray]]:
    """Point estimates of every parameter (one draw)."""
    return [{k: np.array([p.point()]) for k, p in ps.items()} for ps in rs.param_sets()]


def apply_scenario(
    base: Base, rs: ResolvedScenario, values: Sequence[Mapping[str, float]] | None = None
) -> AppliedScenario:
    """Apply the shocks of ``rs`` with parameter ``values`` (one mapping per shock, then
    per response; the point estimates by default): :func:`apply_draws` for one draw.

    Raises
    ------
    ScenarioError
        Naming scenario, shock and field when a coefficient would turn negative, a
        column sum of domestic coefficients would reach 1, or balancing is impossible.
    """
    vals = None
    if values is not None:
        vals = [
            {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in m.items()} for m in values
        ]
    return apply_draws(base, rs, vals, 1).draw(0)


def apply_draws(
    base: Base, rs: ResolvedScenario, values: DrawValues | None = None, D: int = 1
) -> AppliedDraws:
    """Apply the shocks of ``rs`` for ``D`` draws: ``values[k][field]`` holds ``D`` values
    (one mapping per shock, then per response, as :meth:`ResolvedScenario.param_sets`;
    missing trailing mappings take the point estimates)."""
    points = point_values(rs)
    vals = list(values if values is not None else points)
    vals += [{k: np.repeat(v, D) for k, v in p.items()} for p in points[len(vals) :]]
    w = Work(base, D, rs.taxes)
    for rsh, v in zip(rs.shocks, vals, strict=False):
        rsh.shock.apply(w, rsh, v)
    applied = _finish(w, rs)
    eps = _elasticities(base, rs, vals[len(rs.shocks) :], D)
    if eps is not None:
        applied = _export_response(base, applied, eps)
    if rs.fixed or rs.caps:
        applied = hold_outputs(base, rs, applied)
    return applied


def _finish(w: Work, rs: ResolvedScenario) -> AppliedDraws:
    """The low-rank change of ``A`` and the working arrays as an :class:`AppliedDraws`;
    refuses a domestic column sum reaching 1."""
    base, D = w.b, w.D
    A = base.A
    C = np.array(sorted(w.cols), dtype=np.intp)
    n = base.table.n
    newC = np.empty((D, n, C.size))
    for k, j in enumerate(C.tolist()):
        newC[:, :, k] = w.cols[j]
    sums = newC.sum(axis=1)  # D × |C|
    if (sums >= 1.0).any():
        d, k = (int(i) for i in np.argwhere(sums >= 1.0)[0])
        j = int(C[k])
        changing = [r for r in rs.shocks if r.shock.changes_inputs]
        culprit = next(
            (r for r in changing if any(j in set(v.tolist()) for v in r.sets.values())),
            changing[0] if changing else rs.shocks[0],
        )
        said = Message(
            "scenarios.unproductive_column", sector=base.table.codes[j], total=float(sums[d, k])
        )
        raise ScenarioError(at(culprit.where(), said))
    R = np.array(sorted(w.rows), dtype=np.intp)
    col_delta = newC - dense_block(A, cols=C)[None, :, :] if C.size else newC
    if R.size:
        col_delta[:, R, :] = 0.0
    return AppliedDraws(
        name=rs.name,
        rows=R,
        row_delta=-dense_block(A, R) if R.size else np.zeros((0, n)),
        cols=C,
        col_delta=col_delta,
        y=w.get("y"),
        ym=w.get("ym"),
        va=w.get("va"),
        m=w.get("m"),
        f=w.get("f"),
        other=w.get("other"),
        price_fixed=dict(w.fixed),
        am_cols=dict(w.amcols),
        tax_delta=dict(w.tax_delta),
        investment=tuple(w.investment),
    )


def _elasticities(
    base: Base, rs: ResolvedScenario, vals: Sequence[Mapping[str, FloatArray]], D: int
) -> FloatArray | None:
    """Export price elasticity of every sector and draw (D × n), once per sector; None
    when no sector responds."""
    if not rs.responses:
        return None
    eps = np.zeros((D, base.table.n))
    for resp, v in zip(rs.responses, vals, strict=True):
        eps[:, resp.sectors] = np.asarray(v[resp.field])[:, None]
    return eps if np.any(eps) else None


def draw_prices(base: Base, a: AppliedDraws) -> FloatArray:
    """Leontief prices ``p'`` of every draw (D × n; :mod:`iocluster.scenarios.price_system`):
    one transposed solve for all draws when the draws share ``A'`` and no price is set
    exogenously, else one low-rank solve per draw."""
    c = a.va.sum(axis=1) + a.m + a.other  # D × n
    t = base.table
    if not a.price_fixed and not a.rows.size and not np.any(a.col_delta):
        return np.asarray(t.leontief.solve_transposed(c.T)).T
    out = np.empty_like(c)
    for d in range(a.D):
        one = a.draw(d)
        U, V = one.low_rank()
        out[d] = solve_prices(t.leontief, base.A, U, V, c[d], one.price_fixed)
    return out


def _export_response(base: Base, a: AppliedDraws, eps: FloatArray) -> AppliedDraws:
    """Exports of every sector with an elasticity ``ε`` respond once to the scenario's
    price change, to first order around the baseline: ``Δe = ε (p' − 1) e₀`` added to the
    exports the shocks set (never below zero; quantities, so they stay domestic). Being
    linear in the price change, the response of several shocks is the sum of theirs."""
    p = draw_prices(base, a)
    exp = np.flatnonzero(base.export_cats)
    y = np.array(a.y, copy=True)
    response = (eps * (p - 1.0))[:, :, None] * base.y[None, :, exp]
    y[:, :, exp] = np.maximum(y[:, :, exp] + response, 0.0)
    return replace(a, y=y)


def hold_outputs(base: Base, rs: ResolvedScenario, a: AppliedDraws) -> AppliedDraws:
    """The mixed model (Miller & Blair 2009, §13.1; :mod:`iocluster.core.mixed`), draw by
    draw: the fixed sectors' output stays at the baseline ``x₀ = L y₀`` and capped
    sectors' output at most ``x₀ (1 + cap/100)``; their domestic final demand changes by
    ``z`` so that ``x₁ = L' y₁`` meets the limits. Who gives way
    (``rs.scenario.give_way``): ``imports`` — final users' supply is kept, the shortfall
    ``−z`` is imported (a surplus displaces imports, then goes to exports); ``exports`` —
    exports change by ``z`` (beyond the product's exports, the rest is imported)."""
    x0 = base.x_model
    fixed = {i: float(x0[i]) for i in rs.fixed}
    caps = {i: float(x0[i]) * (1.0 + pct / 100.0) for i, pct in rs.caps.items()}
    y, ym = np.array(a.y, copy=True), np.array(a.ym, copy=True)
    held, took_all = [], []
    for d in range(a.D):
        U, V = a.draw(d).low_rank()
        try:
            S, z = capped_final_demand(
                base.table.leontief, LowRank(U, V) if U.shape[1] else None, y[d].sum(1),
                fixed, caps,
            )  # fmt: skip
        except NotProductiveError as exc:
            raise ScenarioError(at(place_setting(rs.name, "fixed_output"), exc.message)) from exc
        took: dict[int, float] = {}
        for i, zi in zip(S, z.tolist(), strict=True):
            took[i] = _give_way(base, y[d], ym[d], i, zi, rs.scenario.give_way)
        held.append(dict(zip(S, z.tolist(), strict=True)))
        took_all.append(took)
    return replace(a, y=y, ym=ym, held=tuple(held), held_exports=tuple(took_all))


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
