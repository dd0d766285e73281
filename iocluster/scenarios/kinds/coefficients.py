"""``coefficients``: change of the input coefficients ``a_ij`` on a block of supplier
``rows`` × user ``cols``, with a balancing rule (DESIGN.md §4).

``operation``: ``scale`` by ``value`` percent, ``add`` ``value`` (Δa) or ``set`` to
``value``. ``mode``: ``per_cell`` applies it to each cell; ``distribute`` applies it to
each user column's block total (the sum over ``rows``) and spreads the change over the
rows in proportion to their coefficients (equally if all are zero). ``balance``: what
gives way so the column sums stay: the change ``δ_j = Σ_i Δa_ij`` is taken from (given
to) ``value_added`` (every value-added row in proportion), ``imports`` (imported inputs
in proportion), ``other_inputs`` (the column's other domestic inputs in proportion);
``none`` lets the column sum change. Anything that would make a coefficient negative is
refused, naming the cell and the draw's value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from iocluster.core.engine import FloatArray, dense_block
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.scenarios.fieldspec import spec_field
from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.params import Param
from iocluster.scenarios.problems import at
from iocluster.scenarios.resolver import Resolution, Resolver
from iocluster.scenarios.work import TOL, Values, Work, refuse
from iocluster.table import IOTable

__all__ = ["BALANCE_RULES", "CoefficientShock"]

BALANCE_RULES = ("value_added", "imports", "other_inputs", "none")
Balance = Literal["value_added", "imports", "other_inputs", "none"]
_WHAT = {
    "value_added": Message("scenarios.gives_way.value_added"),
    "imports": Message("scenarios.gives_way.imports"),
    "other_inputs": Message("scenarios.gives_way.other_inputs"),
}


@dataclass(frozen=True)
class CoefficientShock(Shock):
    """Change of the coefficients ``a_ij`` on the block ``rows`` × ``cols`` (module
    docstring)."""

    kind: ClassVar[str] = "coefficients"
    summary: ClassVar[str] = "input coefficients of a block of suppliers × users"
    changes_inputs: ClassVar[bool] = True

    rows: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Supplying products whose input coefficients change",
        required=True,
    )  # fmt: skip
    cols: tuple[str, ...] = spec_field(
        (), value="sectors", meaning="Using sectors whose input coefficients change",
        required=True,
    )  # fmt: skip
    operation: Literal["scale", "add", "set"] = spec_field(
        "scale", value="choice", choices=("scale", "add", "set"),
        meaning="How value changes each coefficient aᵢⱼ",
        allowed_text="scale (value in %), add (Δa), set (a)", default_text="scale",
    )  # fmt: skip
    value: Param = spec_field(
        factory=Param, value="param", meaning="The change", required=True,
        unit="% (scale), Δa (add), a (set)",
    )  # fmt: skip
    mode: Literal["per_cell", "distribute"] = spec_field(
        "per_cell", value="choice", choices=("per_cell", "distribute"),
        meaning="Each cell, or each column's block total spread in proportion to its cells",
        default_text="per_cell",
    )  # fmt: skip
    balance: Balance = spec_field(
        "none", value="choice", choices=BALANCE_RULES, required=True,
        meaning="What gives way so each changed column still sums to its output ('none' "
        "leaves it unbalanced)",
        why_required=Message("scenarios.why.balance", rules=BALANCE_RULES, none="none"),
    )  # fmt: skip

    @classmethod
    def check_together(cls, shocks: Sequence[ResolvedShock], table: IOTable) -> None:
        """Two ``operation = "set"`` shocks of one scenario on the same cell would be
        resolved by file order without a word: refused, naming the cell and shocks."""
        seen: dict[tuple[int, int], ResolvedShock] = {}
        for rsh in shocks:
            assert isinstance(rsh.shock, CoefficientShock)
            if rsh.shock.operation != "set":
                continue
            for i in rsh.sets["rows"].tolist():
                for j in rsh.sets["cols"].tolist():
                    first = seen.setdefault((i, j), rsh)
                    if first is not rsh:
                        said = Message(
                            "scenarios.coefficient_set_twice", row=table.codes[i],
                            col=table.codes[j], shock=first.index,
                        )  # fmt: skip
                        raise ScenarioError(at(rsh.where(), said))

    def resolve(self, r: Resolver) -> Resolution:
        R, C = r.sectors("rows", self.rows), r.sectors("cols", self.cols)
        t = r.table
        if self.operation == "scale":
            r.check(self.value, "value", -100.0, None, Message("scenarios.range.scale"))
            r.require(
                bool(np.any(dense_block(t.A, R, C))), "rows",
                Message("scenarios.block_zero", field="operation", add="add", set="set"),
            )  # fmt: skip
        elif self.operation == "set":
            r.check(self.value, "value", 0.0, 1.0, Message("scenarios.range.coefficient"))
        if self.balance == "imports":
            r.require(
                t.domestic().Zm is not None or bool(np.any(np.asarray(t.va_rows("imports")))),
                "balance", Message("scenarios.no_imported_inputs"),
            )  # fmt: skip
        return Resolution(sets={"rows": R, "cols": C})

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        R, C = rs.sets["rows"], rs.sets["cols"]
        val = v["value"]
        vv = val[:, None]
        codes = w.b.table.codes
        for j in C.tolist():
            col = w.col(j)
            old = col[:, R]
            tot = old.sum(axis=1)
            if self.operation == "scale":
                new = old * (1.0 + vv / 100.0)
            elif self.mode == "per_cell":
                new = old + vv if self.operation == "add" else np.broadcast_to(vv, old.shape)
            else:
                share = np.where(
                    tot[:, None] > 0, old / np.where(tot > 0, tot, 1.0)[:, None], 1.0 / R.size
                )
                new = old + vv * share if self.operation == "add" else vv * share
            refuse(
                new < -TOL,
                lambda d, i, j, new: at(
                    rs.where("value"),
                    Message(
                        "scenarios.coefficient_negative",
                        operation=self.operation,
                        value=float(val[d]),
                        row=codes[int(R[i])],
                        col=codes[j],
                        result=float(new[d, i]),
                    ),
                ),
                j,
                new,
            )
            col[:, R] = np.maximum(new, 0.0)
            self._balance(w, rs, j, new.sum(axis=1) - tot, R)

    def _balance(
        self, w: Work, rs: ResolvedShock, j: int, delta: FloatArray, R: np.ndarray
    ) -> None:
        """Take the column's change ``delta`` (one per draw) from what gives way."""
        if self.balance == "none":
            return
        act = np.abs(delta) > TOL
        if not act.any():
            return
        others = None
        if self.balance == "value_added":
            have = w.get("va")[:, :, j].sum(axis=1)
        elif self.balance == "imports":
            have = w.get("m")[:, j].copy()
        else:
            others = np.ones(w.n, dtype=bool)
            others[R] = False
            have = w.col(j)[:, others].sum(axis=1)
        what, code = _WHAT[self.balance], w.b.table.codes[j]
        refuse(
            act & (have <= 0),
            lambda d: at(
                rs.where("balance"),
                Message(
                    "scenarios.nothing_to_offset", sector=code, what=what, change=float(delta[d])
                ),
            ),
        )
        refuse(
            act & (have - delta < -1e-12 * np.maximum(1.0, np.abs(have))),
            lambda d: at(
                rs.where("balance"),
                Message(
                    "scenarios.too_little_to_offset",
                    sector=code,
                    what=what,
                    have=float(have[d]),
                    change=float(delta[d]),
                ),
            ),
        )
        factor = np.where(act, np.maximum(have - delta, 0.0) / np.where(act, have, 1.0), 1.0)
        if self.balance == "value_added":
            w.arr("va")[:, :, j] *= factor[:, None]
        elif self.balance == "imports":
            m = w.arr("m")
            m[:, j] = np.where(act, np.maximum(m[:, j] - delta, 0.0), m[:, j])
            w.amcol(j)[:] *= factor[:, None]
        else:
            w.col(j)[:, others] *= factor[:, None]
