"""The ``--closure`` options shared by ``multipliers``, ``analyze`` and ``shock``.

One place decides which Type II closure a command runs and what happens when the table
cannot be closed: the Type I results are still computed and the Type II ones are left
out with one warning saying how to obtain them (README, Conventions).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from iocluster.closure import Closure, usable_closure
from iocluster.table import IOTable

__all__ = [
    "ClosureColumn",
    "ClosureColumnOpt",
    "ClosureIncome",
    "ClosureIncomeOpt",
    "closure_for",
]


class ClosureIncome(StrEnum):
    """Household income row of the Type II closure."""

    compensation = "compensation"
    value_added = "value_added"


class ClosureColumn(StrEnum):
    """Denominator of the household column of the Type II closure."""

    consumption = "consumption"
    income = "income"


ClosureIncomeOpt = Annotated[
    ClosureIncome,
    typer.Option(
        "--closure",
        help="Household income row of the Type II closure: compensation of employees "
        "(default) or value_added.",
    ),
]
ClosureColumnOpt = Annotated[
    ClosureColumn,
    typer.Option(
        "--closure-column",
        help="Household column per unit of total household consumption (default: budget "
        "shares, propensity to consume below 1) or per unit of the income row (income).",
    ),
]


def closure_for(
    table: IOTable,
    income: str = "compensation",
    column: str = "consumption",
    corner: bool | float = False,
) -> Closure | None:
    """The closure to run, or ``None`` with one warning when ``table`` cannot be closed
    (:func:`iocluster.closure.usable_closure`)."""
    return usable_closure(table, Closure(income=income, column=column, corner=corner))  # type: ignore[arg-type]
