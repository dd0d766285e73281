"""The shock kinds: one module each (fields, resolution against a table, vectorised
rule; :mod:`iocluster.scenarios.kinds.base`). :data:`KINDS` is the registry every layer
reads (parser, Excel sheet and template, field documentation, validation, rules).

A new kind is a module here and its class in :data:`KINDS` (ARCHITECTURE.md).
"""

from __future__ import annotations

from iocluster.scenarios.kinds.base import ResolvedShock, Shock
from iocluster.scenarios.kinds.coefficients import BALANCE_RULES, CoefficientShock
from iocluster.scenarios.kinds.extraction import ExtractionShock
from iocluster.scenarios.kinds.final_demand import CATEGORY_ROLES, FinalDemandShock
from iocluster.scenarios.kinds.import_substitution import ImportSubstitutionShock
from iocluster.scenarios.kinds.investment import InvestmentShock
from iocluster.scenarios.kinds.prices import PriceShock
from iocluster.scenarios.kinds.productivity import ProductivityShock
from iocluster.scenarios.kinds.tax import SubsidyShock, TaxShock

__all__ = [
    "BALANCE_RULES",
    "CATEGORY_ROLES",
    "KINDS",
    "SHOCK_KINDS",
    "CoefficientShock",
    "ExtractionShock",
    "FinalDemandShock",
    "ImportSubstitutionShock",
    "InvestmentShock",
    "PriceShock",
    "ProductivityShock",
    "ResolvedShock",
    "Shock",
    "SubsidyShock",
    "TaxShock",
]

#: Every shock kind by its name in scenario files, in documentation order.
KINDS: dict[str, type[Shock]] = {
    cls.kind: cls
    for cls in (
        CoefficientShock,
        ImportSubstitutionShock,
        FinalDemandShock,
        ProductivityShock,
        ExtractionShock,
        PriceShock,
        TaxShock,
        SubsidyShock,
        InvestmentShock,
    )
}
SHOCK_KINDS = tuple(KINDS)
