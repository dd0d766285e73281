"""Shock parameters and the location text of scenario messages.

Parameters (:class:`Param`) are a fixed value, a range ``[low, high]`` (uniform), or a
distribution (``uniform``, ``triangular``, ``normal`` truncated to ``[low, high]``). A
scenario with any random parameter runs as a seeded Monte Carlo; its point estimate uses
:meth:`Param.point` (the value, the midpoint of a uniform range, the mode of a
triangular and the mean of a normal distribution).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import ScenarioError, Text
from iocluster.io.magnitude import check_value
from iocluster.scenarios.problems import at

__all__ = [
    "Dist", "Param", "alone_name", "number", "place_key", "place_setting", "read_shock_label",
    "shock_label", "shock_of", "shock_where", "split_alone",
]  # fmt: skip

Dist = Literal["fixed", "uniform", "triangular", "normal"]


def _plain(v: float) -> str:
    """A number without an exponent when it is large: 2000000, 0.5, 1e-05."""
    text = f"{v:.12g}"
    return f"{v:.0f}" if "e+" in text else text


@dataclass(frozen=True)
class Param:
    """A shock parameter: a value, or a distribution to draw it from.

    Examples
    --------
    >>> Param.fixed(5.0).point(), Param("uniform", low=0.0, high=10.0).point()
    (5.0, 5.0)
    >>> import numpy as np
    >>> Param("triangular", low=0, mode=2, high=4).sample(np.random.default_rng(0), 3).shape
    (3,)
    """

    dist: Dist = "fixed"
    value: float = 0.0
    low: float = float("nan")
    high: float = float("nan")
    mode: float = float("nan")
    mean: float = float("nan")
    sd: float = float("nan")

    @classmethod
    def fixed(cls, value: float) -> Param:
        """A fixed value."""
        return cls("fixed", value=float(value))

    @property
    def is_random(self) -> bool:
        """Whether the parameter is drawn (anything but a fixed value)."""
        return self.dist != "fixed"

    def point(self) -> float:
        """The point estimate: value, uniform midpoint, triangular mode, normal mean."""
        if self.dist == "fixed":
            return self.value
        if self.dist == "uniform":
            return 0.5 * (self.low + self.high)
        if self.dist == "triangular":
            return self.mode
        return self.mean

    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value the parameter can take."""
        if self.dist == "fixed":
            return self.value, self.value
        if self.dist == "normal":
            lo = self.low if np.isfinite(self.low) else -np.inf
            hi = self.high if np.isfinite(self.high) else np.inf
            return lo, hi
        return self.low, self.high

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws (a normal is truncated to its bounds by rejection)."""
        if self.dist == "fixed":
            return np.full(size, self.value)
        if self.dist == "uniform":
            return rng.uniform(self.low, self.high, size)
        if self.dist == "triangular":
            if self.low == self.high:
                return np.full(size, self.low)
            return rng.triangular(self.low, self.mode, self.high, size)
        lo, hi = self.bounds()
        out = rng.normal(self.mean, self.sd, size)
        bad = (out < lo) | (out > hi)
        for _ in range(1000):
            if not bad.any():
                break
            out[bad] = rng.normal(self.mean, self.sd, int(bad.sum()))
            bad = (out < lo) | (out > hi)
        return np.clip(out, lo, hi)

    def said(self) -> Message | str:
        """How a message names this parameter: :meth:`describe`."""
        return self.describe()

    def describe(self) -> str:
        """Short text, e.g. ``"20"`` or ``"uniform[10, 30]"``; numbers as a scenario file
        writes them (an amount of 2 000 000 is not "2e+06").

        >>> Param.fixed(2_000_000).describe(), Param("uniform", low=-2, high=-1).describe()
        ('2000000', 'uniform[-2, -1]')
        """
        g = _plain
        if self.dist == "fixed":
            return g(self.value)
        if self.dist == "uniform":
            return f"uniform[{g(self.low)}, {g(self.high)}]"
        if self.dist == "triangular":
            return f"triangular({g(self.low)}, {g(self.mode)}, {g(self.high)})"
        lo, hi = self.bounds()
        return f"normal(mean {g(self.mean)}, sd {g(self.sd)}, bounds [{g(lo)}, {g(hi)}])"


#: joins a scenario's name and a shock's position (0-based) in the name of that shock run
#: alone, for the contributions by shock (:meth:`~iocluster.scenarios.validate.
#: ResolvedScenario.alone`)
_ALONE = "\x00"


def alone_name(scenario: str, k: int) -> str:
    """The internal name of shock ``k`` (0-based) of ``scenario`` run alone."""
    return f"{scenario}{_ALONE}{k}"


def split_alone(name: str) -> tuple[str, int | None]:
    """``(scenario, k)`` of an :func:`alone_name`; ``(name, None)`` for a scenario.

    >>> split_alone(alone_name("s", 1)), split_alone("s")
    (('s', 1), ('s', None))
    """
    scenario, _, k = name.partition(_ALONE)
    return scenario, (int(k) if k else None)


#: the label of a shock in result frames (By shock rows, sweeps): a code, written by
#: :func:`shock_label` and read back by :func:`read_shock_label` only
_LABEL = re.compile(r"shock (\d+) \((\w+)\)(?:: (.*))?\Z", re.DOTALL)


def shock_label(index: int, kind: str, note: str = "") -> str:
    """The label of shock ``index`` in result frames: a code like a measure's, the same in
    every language (reports say it in theirs from :func:`read_shock_label`).

    >>> shock_label(2, "final_demand", "textile exports")
    'shock 2 (final_demand): textile exports'
    """
    return f"shock {index} ({kind})" + (f": {note}" if note else "")


def read_shock_label(label: str) -> tuple[int, str, str] | None:
    """``(index, kind, note)`` of a :func:`shock_label`; None for any other label (the
    rows ``interaction`` and ``total`` of the contributions by shock).

    >>> read_shock_label(shock_label(2, "tax", "a: b")), read_shock_label("total")
    ((2, 'tax', 'a: b'), None)
    """
    m = _LABEL.match(label)
    return (int(m.group(1)), m.group(2), m.group(3) or "") if m else None


def shock_where(scenario: str, index: int | None = None, kind: str = "", fld: str = "") -> Message:
    """The place of a problem in a scenario file, said in the message's language.

    >>> str(shock_where("x", 2, "coefficients", "rows"))
    "scenario 'x', shock 2 (coefficients), field 'rows'"
    >>> from iocluster.core.messages import render
    >>> render(shock_where("x", 2, "coefficients", "rows"), "ru")
    "сценарий 'x', шок 2 (coefficients), поле 'rows'"
    """
    name, k = split_alone(scenario)
    if k is not None:  # a shock run alone: said as such, under its scenario's name
        where = Message("scenarios.place.alone", scenario=name, index=k + 1)
    else:
        where = Message("scenarios.place.scenario", scenario=scenario)
    if index is not None:
        code = "scenarios.place.shock_kind" if kind else "scenarios.place.shock"
        where = Message(code, where=where, index=index, kind=kind)
    if fld:
        where = Message("scenarios.place.field", where=where, field=fld)
    return where


def shock_of(text: object) -> tuple[str, int] | None:
    """``(scenario, shock index)`` of the first shock a problem's place names (read from
    the keyed place :func:`shock_where` made, never from its words); None when it names
    no shock.

    >>> from iocluster.scenarios.problems import at
    >>> shock_of(at(shock_where("x", 2, "tax", "rate"), "bad")), shock_of("plain text")
    (('x', 2), None)
    """
    if not isinstance(text, Message):
        return None
    if text.code in ("scenarios.place.shock", "scenarios.place.shock_kind"):
        scen = text.params.get("where")
        if isinstance(scen, Message) and scen.code == "scenarios.place.scenario":
            return str(scen.params["scenario"]), int(text.params["index"])
    for v in text.params.values():
        for part in v if isinstance(v, list | tuple) else (v,):
            found = shock_of(part)
            if found is not None:
                return found
    return None


def place_key(where: str | Text, key: object) -> Message:
    """``where.key``: a key inside the place ``where`` (``…, field 'phasing'.2025``)."""
    return Message("scenarios.place.key", where=where, key=str(key))


def place_setting(scenario: str, key: str) -> Message:
    """A scenario's own setting (``scenario 'x', 'capacity'``)."""
    return Message("scenarios.place.setting", where=shock_where(scenario), key=key)


def number(v: object, where: str | Text) -> float:
    """A finite number within the tables' rule on magnitudes (:func:`~iocluster.io.
    magnitude.check_value`), or a :class:`ScenarioError` naming ``where``."""
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise ScenarioError(at(where, Message("scenarios.expected_number", value=repr(v))))
    try:
        f = float(v)
    except ValueError:
        raise ScenarioError(
            at(where, Message("scenarios.expected_number", value=repr(v)))
        ) from None
    if not math.isfinite(f):
        raise ScenarioError(at(where, Message("scenarios.expected_finite", value=repr(v))))
    return check_value(f, where, ScenarioError)  # the tables' rule: at most 1e20


@dataclass(frozen=True)
class SweepRange(Param):
    """The values of a sweep, checked as one range ``[low, high]`` (a uniform
    distribution over them) and named as the sweep in messages.

    >>> str(SweepRange("uniform", low=-150.0, high=10.0).said())
    'its sweep (values from −150 to 10)'
    """

    def said(self) -> Message:
        lo, hi = self.bounds()
        return Message("scenarios.sweep_values", low=lo, high=hi)
