"""The base of every shock kind and the resolved shock.

A shock kind is one module of :mod:`iocluster.scenarios.kinds`: a frozen dataclass whose
fields carry their :class:`~iocluster.scenarios.fieldspec.FieldSpec` (type, unit,
default, allowed values, documentation), with two methods:

``resolve(r)``
    the shock's names resolved against a table (:class:`~iocluster.scenarios.resolver.
    Resolver`), with the checks only a table can answer;
``apply(w, rs, v)``
    its rule, vectorised over the ``D`` draws of a batch (:class:`~iocluster.scenarios.
    work.Work`; a point estimate is the batch of one): ``v[field]`` holds one value per
    draw.

The parser, the Excel sheet and template, the field documentation, validation and the
Monte Carlo all read the kind from here, so a rule is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from iocluster.core.messages import Message
from iocluster.scenarios.fieldspec import FieldSpec, field_specs, spec_field
from iocluster.scenarios.params import Param, shock_label, shock_where
from iocluster.scenarios.resolver import IntArray, Resolution, Resolver
from iocluster.scenarios.sweep import Sweep
from iocluster.scenarios.work import Values, Work
from iocluster.table import IOTable

__all__ = ["ResolvedShock", "Shock"]


@dataclass(frozen=True)
class Shock:
    """Base of every shock: its kind, an optional note and, on an interregional table,
    the ``region`` its sector fields are restricted to ("" for every region)."""

    #: the kind's name in scenario files
    kind: ClassVar[str] = "shock"
    #: what the kind changes, in one line (documentation)
    summary: ClassVar[str] = ""
    #: whether its rule changes domestic input coefficients (named when A' is not productive)
    changes_inputs: ClassVar[bool] = False

    note: str = spec_field(
        "", value="text", meaning="A note kept with the shock", default_text="empty"
    )
    region: str = spec_field(
        "",
        value="region",
        meaning="On an interregional table: the region the shock's sector fields are "
        "restricted to (national codes and clusters select that region's sectors)",
        allowed_text="a region key (fergana, tashkent_city, …)",
        default_text="every region",
    )
    sweep: Sweep = spec_field(
        (),
        value="sweep",
        in_sheet=False,
        meaning="Run the scenario at each value (or pair of values) of one or two of the "
        "shock's parameters, the others at their point estimates: the totals of every "
        "measure at each, as a sensitivity table and figure (the field's own value stays "
        "the point estimate of the other results; TOML files)",
        allowed_text="{field = [v1, v2, …]} or {field = {from = a, to = b, step = s}}; one or "
        "two of the kind's parameters (two: every pair); at most one shock per scenario",
        default_text="none",
    )

    @classmethod
    def specs(cls) -> tuple[FieldSpec, ...]:
        """Every field of the kind, the common ones (``note``, ``region``) first."""
        return field_specs(cls)

    @classmethod
    def own_specs(cls) -> tuple[FieldSpec, ...]:
        """The kind's own fields (without the common ones)."""
        common = {s.name for s in field_specs(Shock)}
        return tuple(s for s in cls.specs() if s.name not in common)

    def _param_fields(self, behaviour: bool) -> dict[str, Param]:
        out = {}
        for s in self.specs():
            if s.value == "param" and s.behaviour == behaviour:
                p = getattr(self, s.name)
                if p is not None:
                    out[s.key] = p
        return out

    def params(self) -> dict[str, Param]:
        """The shock's parameters by field (the values its rule reads)."""
        return self._param_fields(False)

    def responses(self) -> dict[str, Param]:
        """Behavioural parameters it states for its sectors (applied once per sector by
        :mod:`iocluster.scenarios.apply`, not by the shock's rule)."""
        return self._param_fields(True)

    def is_linear(self) -> bool:
        """Whether results are linear in the shock's size: one shock of size ``c`` equals
        two of ``c/2`` (the metamorphic tests split such shocks)."""
        return False

    @classmethod
    def check_together(cls, shocks: Sequence[ResolvedShock], table: IOTable) -> None:
        """Checks across the shocks of this kind in one scenario (none by default)."""

    def resolve(self, r: Resolver) -> Resolution:
        """The shock's names resolved against ``r.table`` (see the module docstring)."""
        raise NotImplementedError

    def apply(self, w: Work, rs: ResolvedShock, v: Values) -> None:
        """The shock's rule on ``w`` for every draw (see the module docstring)."""
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class ResolvedShock:
    """A shock with its names resolved to positions (:class:`Resolution`)."""

    shock: Shock
    index: int
    scenario: str
    sets: Mapping[str, IntArray] = field(default_factory=dict)
    categories: tuple[int, ...] = ()
    satellites: tuple[int, ...] = ()
    data: Mapping[str, np.ndarray] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The shock's kind."""
        return self.shock.kind

    def where(self, fld: str = "") -> Message:
        """Location text for messages."""
        return shock_where(self.scenario, self.index, self.shock.kind, fld)

    def label(self) -> str:
        """``"shock 2 (final_demand): textile exports"`` — index, kind and note
        (:func:`~iocluster.scenarios.params.shock_label`)."""
        return shock_label(self.index, self.shock.kind, self.shock.note or "")
