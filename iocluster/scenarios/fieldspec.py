"""How a field of a shock kind is written, checked and documented: one :class:`FieldSpec`
per field, attached to the field of the kind's dataclass (:func:`spec_field`).

The parser (:mod:`iocluster.scenarios.parse_toml`), the Excel sheet's columns
(:mod:`iocluster.scenarios.parse_excel`), the template's drop-downs
(:mod:`iocluster.scenarios.template`), the field table of the README and of the template
(:mod:`iocluster.scenarios.fields`) and the generic range checks of
:mod:`iocluster.scenarios.validate` all read these specs: a field is declared once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from iocluster.core.messages import Message

__all__ = ["NAMES_TEXT", "PARAM_TEXT", "FieldSpec", "ValueType", "field_specs", "spec_field"]

#: What a field's value is: sector references, final-demand categories, a parameter
#: (a number, a range or a distribution), one of ``choices``, a boolean, free text, a
#: region key, a phasing table ``{year = share}``, or a sweep of parameters
#: (:mod:`iocluster.scenarios.sweep`).
ValueType = Literal[
    "sectors", "categories", "param", "choice", "bool", "text", "region", "phasing", "sweep"
]

NAMES_TEXT = "codes, prefixes (C13*), sector names or cluster names"
PARAM_TEXT = (
    "a number, a range [low, high] (uniform) or {dist = triangular | normal | uniform, "
    "low, mode, high, mean, sd}"
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a shock kind.

    ``lo``/``hi`` bound a parameter's every possible value (checked against the table
    before anything runs, :mod:`iocluster.scenarios.validate`); ``behaviour`` marks a
    parameter that belongs to the sectors rather than to the shock (an export price
    elasticity: applied once per sector, whatever the number of shocks naming it).
    """

    value: ValueType
    meaning: str
    choices: tuple[str, ...] = ()
    required: bool = False
    #: what the message adds when a required field is missing
    why_required: Message | str = ""
    #: the default as the documentation states it ("" for a required field)
    default_text: str = ""
    #: the allowed values as documented, when they are not derived from ``value``
    allowed_text: str = ""
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    #: how the bounds read in a message and the field table (``scenarios.range.*``)
    range_text: Message | str = ""
    behaviour: bool = False
    #: False for a field the Excel scenario sheet has no column for (TOML files only)
    in_sheet: bool = True
    #: what a form offers for a text field, from the table (the lab's drop-down, the
    #: template's list; typing another value stays allowed): ``categories`` (final-demand
    #: roles and the table's categories), ``satellites`` (the table's satellite rows),
    #: ``instruments`` (the tax instruments the table itself has); "" for none
    offers: Literal["", "categories", "satellites", "instruments"] = ""
    #: the name in files when it differs from the attribute (``from`` for ``from_``)
    key: str = ""
    #: the attribute (set by :func:`field_specs`)
    name: str = ""

    @property
    def allowed(self) -> str:
        """The allowed values, as the field table documents them."""
        if self.allowed_text:
            return self.allowed_text
        if self.value == "sectors":
            return NAMES_TEXT
        if self.value == "param":
            return PARAM_TEXT + (f"; {self.range_text}" if str(self.range_text) else "")
        if self.value == "choice":
            return ", ".join(self.choices)
        if self.value == "bool":
            return "true, false"
        return "text"

    @property
    def default(self) -> str:
        """The default as documented (``required`` when the file must state it)."""
        return "required" if self.required else self.default_text


def spec_field(default: Any = dataclasses.MISSING, *, factory: Any = None, **spec: Any) -> Any:
    """A dataclass field carrying its :class:`FieldSpec` (``spec`` are its arguments)."""
    meta = {"spec": FieldSpec(**spec)}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


#: The specs of each class, made once (every shock's parameters are read through them,
#: per scenario and per batch of draws).
_SPECS: dict[type, tuple[FieldSpec, ...]] = {}


def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """The specs of a dataclass's fields, in declaration order, named."""
    if cls not in _SPECS:
        _SPECS[cls] = _named_specs(cls)
    return _SPECS[cls]


def _named_specs(cls: type) -> tuple[FieldSpec, ...]:
    out = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("spec")
        if spec is not None:
            out.append(dataclasses.replace(spec, name=f.name, key=spec.key or f.name))
    return tuple(out)
