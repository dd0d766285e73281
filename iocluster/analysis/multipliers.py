"""Output, income, value-added, import and satellite multipliers (Miller & Blair ch. 6).

For a measure with coefficients ``c`` per unit of output (``1`` for output,
compensation / x for income, value added / x, imported inputs / x, employment / x ...)
the effects of one unit of final demand for sector ``j`` are

.. math::

    \\text{direct}_j = c_j,\\qquad
    \\text{simple}_j = (c^{\\top} L)_j,\\qquad
    \\text{total}_j = (\\bar c^{\\top} \\bar L)_j \\;(j \\le n),

    \\text{indirect} = \\text{simple} - \\text{direct},\\quad
    \\text{induced} = \\text{total} - \\text{simple},\\quad
    \\text{Type I} = \\frac{\\text{simple}}{\\text{direct}},\\quad
    \\text{Type II} = \\frac{\\text{total}}{\\text{direct}},

where ``L̄`` is the Leontief inverse of the model closed with respect to households
(:mod:`iocluster.model.closure`) and ``c̄ = (c, c_h)``. ``direct`` is the *initial* effect of
the unit of final demand (IMPLAN / RIMS II usage; 1 for output), so ``indirect`` holds
Miller & Blair's first-round "direct" and the later indirect rounds, and
``direct + indirect + induced = total``. Type I and Type II are ``NaN`` where the direct
coefficient is 0.

The household entry ``c_h`` is 0 except for the measure that is the closure's own
income row, where it is the corner cell: the total income multiplier is then Miller &
Blair's household row of ``L̄``. Output multipliers sum the sector rows only (the
"truncated" Type II output multiplier of M&B §6.2.3) unless ``households=True``.

Everything is one open factorisation (``table.leontief``) and one transposed solve with
all measures as right-hand sides; the closed model is solved by bordering
(:func:`iocluster.model.closure.closed_row_multipliers`), never by a second factorisation.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 6.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.core.engine import FloatArray
from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.model.closure import (
    DEFAULT_CLOSURE,
    Closure,
    closure_sentence,
    household_coefficients,
    open_and_closed_row_multipliers,
)
from iocluster.table import IOTable

__all__ = [
    "KINDS",
    "OPEN_KINDS",
    "available_measures",
    "income_multipliers",
    "measure_coefficients",
    "measure_name",
    "multipliers",
    "output_multipliers",
    "value_added_multipliers",
]

#: Multiplier kinds, in column order.
KINDS = ("direct", "indirect", "simple", "induced", "total", "type_I", "type_II")
#: Kinds of the open model (no household closure needed).
OPEN_KINDS = ("direct", "indirect", "simple", "type_I")


def measure_name(name: str) -> str:
    """The multiplier measure of a satellite row: its name as a lower-case identifier
    (``"Employment (total)"`` → ``"employment_total"``), as in the ``{measure}_{kind}``
    column names.

    >>> measure_name("Employment (total)")
    'employment_total'
    """
    return re.sub(r"[^0-9a-zA-Z_]+", "_", normalize_text(name)).strip("_").lower() or "satellite"


def _has_imports(table: IOTable) -> bool:
    return table.kind == "total" or table.Zm is not None or "imports" in table.va_roles


def available_measures(table: IOTable) -> list[str]:
    """Measures the table supports: ``output``, ``income`` (if it has compensation),
    ``value_added``, ``imports`` (if it records imports) and one per satellite row.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> available_measures(miller_blair_2_3())
    ['output', 'value_added']
    """
    out = ["output"]
    if table.has_compensation:
        out.append("income")
    out.append("value_added")
    if _has_imports(table):
        out.append("imports")
    out.extend(measure_name(s) for s in table.satellite_names)
    return out


def measure_coefficients(table: IOTable, measure: str) -> tuple[FloatArray, str]:
    """Coefficients per unit of output of one measure, and its unit per unit of output."""
    money = table.meta.unit
    if measure == "output":
        return np.ones(table.n), money
    if measure == "income":
        if not table.has_compensation:
            raise InputError(
                Message(
                    "analysis.income_needs_compensation", measure="'income'", role="'compensation'"
                )
            )
        return np.asarray(table.coefficients(table.compensation)), money
    if measure == "value_added":
        return np.asarray(table.coefficients(table.value_added)), money
    if measure == "imports":
        if not _has_imports(table):
            raise InputError(Message("analysis.imports_needed", measure="'imports'", block="Zm"))
        return np.asarray(table.coefficients(table.imported_inputs)), money
    for name, unit, row in zip(table.satellite_names, table.satellite_units, table.F, strict=True):
        if measure_name(name) == measure or name == measure:
            return np.asarray(table.coefficients(row)), unit or "units"
    from iocluster.core.labels import close_hint
    from iocluster.errors import LabelError

    offered = tuple(available_measures(table))
    hint = close_hint(measure, offered)
    raise LabelError(
        Message("analysis.unknown_measure", measure=measure, hint=hint, offered=offered)
    )


def multipliers(
    table: IOTable,
    measures: Sequence[str] | None = None,
    *,
    kinds: Sequence[str] = KINDS,
    closure: Closure | None = DEFAULT_CLOSURE,
    households: bool = False,
) -> pd.DataFrame:
    """Multipliers of every requested measure and kind, as one labelled frame.

    Parameters
    ----------
    table : IOTable
    measures : sequence of str, optional
        Default: :func:`available_measures`.
    kinds : sequence of str
        Any of :data:`KINDS`. Closed-model kinds (``total``, ``induced``, ``type_II``)
        need a household category and, for the default closure, a compensation row.
    closure : Closure or None
        The Type II closure (default :data:`~iocluster.model.closure.DEFAULT_CLOSURE`);
        ``None`` is the open model, which has no closed-model kinds.
    households : bool
        Include the household row in output multipliers (closed model only).

    Returns
    -------
    DataFrame
        Index: sector codes; columns ``{measure}_{kind}``; ``attrs``: ``unit`` (per
        measure, per unit of final demand), ``closure`` (its description and the
        implied propensity to consume), ``propensity`` (that number; closed kinds only),
        ``assumptions``.

    Examples
    --------
    Miller & Blair (2009), §6.2.1: simple output multipliers 1.5182 and 1.4521.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> m = multipliers(miller_blair_2_3(), ["output"], kinds=["simple", "type_I"])
    >>> m.round(4)  # doctest: +NORMALIZE_WHITESPACE
          output_simple  output_type_I
    code
    S1           1.5182         1.5182
    S2           1.4521         1.4521
    """
    measures = list(measures) if measures is not None else available_measures(table)
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise InputError(Message("analysis.unknown_kind", kind=bad[0], allowed=KINDS))
    if not measures:
        raise InputError(Message("analysis.no_measure"))
    coefs, units = zip(*(measure_coefficients(table, m) for m in measures), strict=True)
    C = np.column_stack(coefs)
    closed = any(k not in OPEN_KINDS for k in kinds)
    if closed and closure is None:
        said = Message("analysis.closed_kinds", a="induced", b="total", c="type_II", none="None")
        raise InputError(said)
    if closed:
        assert closure is not None
        ch = np.zeros(len(measures))
        income_measure = "income" if closure.income == "compensation" else "value_added"
        _, h_c, corner = household_coefficients(table, closure)
        mpc = float(h_c.sum()) + corner
        for i, m in enumerate(measures):
            if m == income_measure:
                ch[i] = corner
            elif m == "output" and households:
                ch[i] = 1.0
        simple, total = open_and_closed_row_multipliers(table, closure, C, ch)
    else:
        simple = table.leontief.solve_transposed(C)
        total = np.full_like(simple, np.nan)
    data: dict[str, FloatArray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, m in enumerate(measures):
            d, s, t = C[:, i], simple[:, i], total[:, i]
            values = {
                "direct": d,
                "indirect": s - d,
                "simple": s,
                "induced": t - s,
                "total": t,
                "type_I": np.where(d != 0, s / np.where(d != 0, d, 1.0), np.nan),
                "type_II": np.where(d != 0, t / np.where(d != 0, d, 1.0), np.nan),
            }
            for k in kinds:
                data[f"{m}_{k}"] = values[k]
    df = pd.DataFrame(data, index=pd.Index(table.codes, name="code"))
    money = table.meta.unit
    df.attrs["unit"] = "; ".join(
        f"{m}: {u} per {money} of final demand" for m, u in zip(measures, units, strict=True)
    )
    title = table.meta.title
    df.attrs["title"] = (
        Message("title.multipliers.of", title=title) if title else Message("title.multipliers")
    )
    if closed and closure is not None:
        df.attrs["closure"] = closure_sentence(closure.describe(), mpc)
        df.attrs["propensity"] = mpc
    df.attrs["assumptions"] = list(table.domestic().meta.assumptions)
    return df


def output_multipliers(
    table: IOTable, *, closure: Closure | None = DEFAULT_CLOSURE, households: bool = False
) -> pd.DataFrame:
    """Output multipliers of every kind (see :func:`multipliers`).

    Miller & Blair (2009) §6.2: the Table 2.3 economy closed as in §2.5.1 has Type II
    (truncated) output multipliers 1.8924 and 1.7733.

    >>> from iocluster.datasets import miller_blair_households
    >>> t = miller_blair_households()
    >>> m = output_multipliers(t, closure=Closure("compensation", "income", 0.05, 1000.0))
    >>> m["output_type_II"].round(4).tolist()
    [1.8924, 1.7733]
    """
    return multipliers(table, ["output"], closure=closure, households=households)


def income_multipliers(
    table: IOTable, *, closure: Closure | None = DEFAULT_CLOSURE
) -> pd.DataFrame:
    """Income (compensation of employees) multipliers of every kind."""
    return multipliers(table, ["income"], closure=closure)


def value_added_multipliers(
    table: IOTable, *, closure: Closure | None = DEFAULT_CLOSURE
) -> pd.DataFrame:
    """Value-added multipliers of every kind."""
    return multipliers(table, ["value_added"], closure=closure)
