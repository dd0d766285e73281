"""Parameter sweeps in the scenario language: a scenario run at every value (or every
pair of values) of one or two parameters of one of its shocks — the deterministic
counterpart of the Monte Carlo, reported as a sensitivity table and a figure.

The sweep is a field of the shock whose parameters it varies (TOML files)::

    [[scenario.shock]]
    kind = "final_demand"
    sectors = ["C13*", "C14"]
    category = "exports"
    change = 10                              # the point estimate (every other result)
    sweep = { change = [0, 5, 10, 20] }      # or { change = { from = 0, to = 20, step = 5 } }

Two fields make a grid of every pair (``sweep = { change = [0, 10, 20],
export_elasticity = [-2, -1, 0] }``: 9 runs). The swept fields are the shock's
parameters (a number each run; the fields' own value stays the point estimate of the
scenario's other results); the other parameters take their point estimates. A range
``{from, to, step}`` counts as the array it stands for (its values ``from + k step`` up
to ``to``); a scenario's runs are within the draws budget
(:data:`iocluster.core.budget.DRAWS`, ``--max-draws``).

>>> read_sweep({"change": {"from": 0, "to": 20, "step": 5}}, "x")
(('change', (0.0, 5.0, 10.0, 15.0, 20.0)),)
>>> sweep_grid(read_sweep({"a": [1, 2], "b": [10, 20, 30]}, "x")).tolist()[:4]
[[1.0, 10.0], [1.0, 20.0], [1.0, 30.0], [2.0, 10.0]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from iocluster.core.budget import TOML_ARRAY
from iocluster.core.engine import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError, Text
from iocluster.scenarios.params import number, place_key

__all__ = ["Sweep", "describe_values", "read_sweep", "sweep_grid", "sweep_size"]

#: A sweep: ``((field, values), …)``, one or two fields in the order written.
Sweep = tuple[tuple[str, tuple[float, ...]], ...]

#: The keys of a range, and a range and a list as a scenario file writes them (said in
#: the errors, the same in every language: the words of the messages are in ``sweep.po``).
_RANGE = ("from", "to", "step")
_RANGE_TEXT = "{from = …, to = …, step = …}"
_LIST_TEXT = "[a, b, …]"


def _values(v: object, where: str | Text) -> tuple[float, ...]:
    """A list of numbers, or a range ``{from, to, step}`` expanded."""
    if isinstance(v, list | tuple):
        if not v:
            raise ScenarioError(Message("sweep.no_values", where=where))
        TOML_ARRAY.check(len(v), Message("sweep.number_of_values", where=where))
        return tuple(number(x, where) for x in v)
    if isinstance(v, Mapping):
        unknown = [k for k in v if k not in _RANGE]
        missing = [k for k in _RANGE if k not in v]
        if unknown or missing:
            code = "sweep.range_unknown_key" if unknown else "sweep.range_missing_key"
            key = (unknown or missing)[0]
            raise ScenarioError(Message(code, where=where, syntax=_RANGE_TEXT, key=key))
        lo, hi, step = (number(v[k], place_key(where, k)) for k in _RANGE)
        if step == 0 or (hi - lo) / step < 0:
            raise ScenarioError(
                Message("sweep.step_does_not_lead", where=where, step=step, low=lo, high=hi,
                        difference="to − from")
            )  # fmt: skip
        count = math.floor((hi - lo) / step * (1 + 1e-12) + 1e-9) + 1
        TOML_ARRAY.check(count, Message("sweep.number_of_range_values", where=where))
        return tuple(float(f"{x:.12g}") for x in lo + step * np.arange(count))  # 0.3, not 0.30…04
    raise ScenarioError(
        Message("sweep.expected_values", where=where, values=_LIST_TEXT, syntax=_RANGE_TEXT)
    )


def read_sweep(v: object, where: str | Text) -> Sweep:
    """A shock's ``sweep`` table: one or two fields, each a list of values or a range
    (module docstring). Which fields a shock may sweep is checked by the parser."""
    if not isinstance(v, Mapping) or not 1 <= len(v) <= 2:
        raise ScenarioError(
            Message("sweep.expected_fields", where=where, one="{change = [0, 5, 10]}",
                    range="{change = {from = 0, to = 20, step = 5}}")
        )  # fmt: skip
    return tuple((str(k), _values(x, place_key(where, k))) for k, x in v.items())


def sweep_size(sweep: Sweep) -> int:
    """The number of runs: the values of one field, or the pairs of two."""
    return math.prod(len(values) for _, values in sweep)


def sweep_grid(sweep: Sweep) -> FloatArray:
    """Every run's values (runs × fields): the first field's values in order, the
    second's varying fastest."""
    axes = np.meshgrid(*[np.asarray(v) for _, v in sweep], indexing="ij")
    return np.column_stack([a.ravel() for a in axes]) if axes else np.zeros((1, 0))


def describe_values(values: tuple[float, ...]) -> str:
    """A sweep's values as text, long ones cut: ``0, 5, 10`` or ``0, 0.5, …, 20 (41)``.

    >>> describe_values((0.0, 5.0, 10.0)), describe_values(tuple(range(41)))
    ('0, 5, 10', '0, 1, …, 40 (41)')
    """
    if len(values) <= 6:
        return ", ".join(f"{v:g}" for v in values)
    return f"{values[0]:g}, {values[1]:g}, …, {values[-1]:g} ({len(values)})"
