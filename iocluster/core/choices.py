"""Every choice set of the library, defined once as a ``Literal`` type.

The library modules use these types; the command line takes its ``--option`` choices
from them (typer reads ``Literal`` types), and ``typing.get_args`` gives the tuples the
library validates against. The module imports nothing heavy, so the command line can
declare its options without loading numpy, pandas or scipy (``iocluster --help`` stays
fast).
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "Basis",
    "ClosureChoice",
    "ClusterMethod",
    "ColumnBasis",
    "ImportRule",
    "IncomeKind",
    "LQMethod",
    "Lang",
    "Layout",
    "Measure",
    "TableKind",
    "Technology",
]

#: Household income row of the Type II closure.
IncomeKind = Literal["compensation", "value_added"]
#: What a user chooses on the command line: an income row, or ``"none"`` (open model only).
ClosureChoice = Literal["none", "compensation", "value_added"]
#: Denominator of the household column of the Type II closure.
ColumnBasis = Literal["income", "consumption"]
#: How a total-use table is split into domestic and imported parts.
ImportRule = Literal["proportional", "all_uses"]
#: Whether ``Z`` and ``Y`` hold domestic flows only or total use.
TableKind = Literal["domestic", "total"]
#: Location-quotient methods of regionalisation.
LQMethod = Literal["slq", "cilq", "flq", "aflq"]
#: What a regional data file holds.
Measure = Literal["employment", "output"]
#: Cluster identification methods.
ClusterMethod = Literal["feser-bergman", "louvain", "mst"]
#: Layouts ``convert --from`` reads besides the canonical and published-sheet ones.
Layout = Literal["icio", "wiod", "bea", "sut"]
#: Technology assumption of a supply-use transformation.
Technology = Literal["industry", "product"]
#: Product-by-product or industry-by-industry symmetric table.
Basis = Literal["product", "industry"]
#: Report languages: English, Russian, Uzbek in Latin and in Cyrillic letters.
Lang = Literal["en", "ru", "uz", "uz-Cyrl"]
