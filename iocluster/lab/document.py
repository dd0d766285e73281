"""The scenario a lab session builds, as data: the shocks as the TOML tables a scenario
file holds, the clusters, the run settings (:class:`Draft`), and the document
:func:`iocluster.scenarios.write_toml.scenario_toml` writes and ``iocluster shock``
reads back (:meth:`Draft.document`).

A form's values become a shock table by the kind's field specs
(:func:`shock_table`): the same keys, types and defaults as the TOML language, so
nothing about a field is written twice.

>>> d = Draft(name="exports").with_shock({"kind": "final_demand", "sectors": ["TEX"],
...     "category": "exports", "change": 10.0})
>>> print(d.toml().splitlines()[4])
name = "exports"
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from iocluster.scenarios.fieldspec import FieldSpec
from iocluster.scenarios.kinds import KINDS
from iocluster.scenarios.params import Param
from iocluster.scenarios.write_toml import scenario_toml

__all__ = [
    "DISTS",
    "Draft",
    "ParamInput",
    "default_param",
    "form_specs",
    "shock_table",
    "toml_value",
]

#: How a parameter is given in a form: a value, a range or a distribution.
DISTS = ("fixed", "uniform", "triangular", "normal")


@dataclass(frozen=True)
class ParamInput:
    """A parameter as a form holds it: ``dist`` (:data:`DISTS`) and its numbers (None
    where a box is empty)."""

    dist: str = "fixed"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = None

    def toml(self) -> Any:
        """The TOML value: a number, ``[low, high]`` or a ``{dist = …}`` table (None when
        the boxes it needs are empty)."""
        need = {
            "fixed": ("value",),
            "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
            "normal": ("mean", "sd"),
        }[self.dist]
        vals = {k: getattr(self, k) for k in need}
        if any(v is None or not math.isfinite(v) for v in vals.values()):
            return None
        if self.dist == "fixed":
            return float(vals["value"])
        if self.dist == "uniform":
            return [float(vals["low"]), float(vals["high"])]
        out: dict[str, Any] = {"dist": self.dist, **{k: float(v) for k, v in vals.items()}}
        if self.dist == "normal":  # optional bounds of the truncated normal
            out |= {k: float(v) for k in ("low", "high") if (v := getattr(self, k)) is not None}
        return out


def toml_value(v: Any) -> str:
    """A field's value as the TOML file writes it (``["TEX", "APPAREL"]``, ``10.0``).

    >>> toml_value(["TEX", "APPAREL"]), toml_value({"dist": "triangular", "low": 1.0})
    ('["TEX", "APPAREL"]', '{dist = "triangular", low = 1.0}')
    """
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + "}"
    return scenario_toml({"x": v}).split(" = ", 1)[1].strip()


def form_specs(kind: str) -> tuple[FieldSpec, ...]:
    """The fields a form shows for ``kind``: its own fields, then the common ones
    (``region`` only on interregional tables, decided by the caller), without the fields
    that only a TOML file can hold (a phasing table, a parameter sweep: the lab runs
    point estimates and Monte Carlo; a sweep is written in the scenario file)."""
    cls = KINDS[kind]
    specs = (*cls.own_specs(), *(s for s in cls.specs() if s not in cls.own_specs()))
    return tuple(s for s in specs if s.value not in ("phasing", "sweep"))


def default_param(kind: str, spec: FieldSpec) -> ParamInput:
    """The form's starting value of a parameter: the kind's default (``pass_through``
    1), or empty boxes for a required one."""
    fld = next(f for f in dataclasses.fields(KINDS[kind]) if f.name == spec.name)
    value: Any = fld.default
    if fld.default_factory is not dataclasses.MISSING:
        value = fld.default_factory()
    if isinstance(value, Param) and not spec.required:
        return ParamInput("fixed", value=value.point())
    return ParamInput()


def shock_table(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The TOML table of a shock from a form's ``values`` by field key: names lists,
    :class:`ParamInput`, choices, booleans and text. Empty fields are left out (the
    parser then names a required one as missing), and so is ``False``."""
    out: dict[str, Any] = {"kind": kind}
    for spec in form_specs(kind):
        v = values.get(spec.key)
        if v is None:
            continue
        if spec.value in ("sectors", "categories"):
            items = v if isinstance(v, Sequence) and not isinstance(v, str) else [v]
            names = [t for t in (str(s).strip() for s in items) if t]
            if names:
                out[spec.key] = names
        elif spec.value == "param":
            t = v.toml() if isinstance(v, ParamInput) else v
            if t is not None:
                out[spec.key] = t
        elif spec.value == "bool":
            if bool(v):
                out[spec.key] = True
        elif spec.value == "choice":
            if s := str(v).strip():  # stated even when it is the default: the file reads whole
                out[spec.key] = s
        else:
            s = str(v).strip()
            if s:
                out[spec.key] = s
    return out


@dataclass(frozen=True)
class Draft:
    """A lab session's scenario: name, shocks (TOML tables), clusters, draws and seed."""

    name: str = "lab_scenario"
    shocks: tuple[Mapping[str, Any], ...] = ()
    clusters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    draws: int = 0
    seed: int = 12345

    def with_shock(self, shock: Mapping[str, Any]) -> Draft:
        """The draft with ``shock`` added last."""
        return dataclasses.replace(self, shocks=(*self.shocks, dict(shock)))

    def without_shock(self, index: int) -> Draft:
        """The draft without shock ``index`` (1-based, as messages number shocks)."""
        return dataclasses.replace(
            self, shocks=tuple(s for i, s in enumerate(self.shocks, 1) if i != index)
        )

    def with_cluster(self, name: str, members: Sequence[str]) -> Draft:
        """The draft with cluster ``name`` (replacing one of that name)."""
        kept = tuple((n, m) for n, m in self.clusters if n != name)
        return dataclasses.replace(self, clusters=(*kept, (name, tuple(members))))

    def document(self) -> dict[str, Any]:
        """The scenario document (TOML layout) of the draft."""
        doc: dict[str, Any] = {"seed": int(self.seed), "draws": int(self.draws)}
        if self.clusters:
            doc["clusters"] = {n: list(m) for n, m in self.clusters}
        doc["scenario"] = [{"name": self.name, "shock": [dict(s) for s in self.shocks]}]
        return doc

    def toml(self, header: str = "") -> str:
        """The scenario file's text."""
        return scenario_toml(self.document(), header)
