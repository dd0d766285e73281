"""The values a form offers for a field of a shock kind, from the table: cluster names and
sector codes for sector fields, final-demand roles and the table's categories, satellite
rows, tax instruments (:attr:`~iocluster.scenarios.fieldspec.FieldSpec.offers`). The Excel
template's drop-downs and the scenario lab's forms both read them here.

>>> from iocluster.datasets import miller_blair_2_3
>>> from iocluster.scenarios.kinds import FinalDemandShock
>>> spec = next(s for s in FinalDemandShock.specs() if s.key == "category")
>>> offered_values(spec, miller_blair_2_3())[-1]
'final_demand'
"""

from __future__ import annotations

from iocluster.scenarios.fieldspec import FieldSpec
from iocluster.scenarios.kinds import CATEGORY_ROLES
from iocluster.scenarios.taxes import TABLE_INSTRUMENT, production_tax_row
from iocluster.table import IOTable

__all__ = ["category_values", "offered_values", "table_cluster_names"]


def category_values(table: IOTable | None) -> list[str]:
    """Final-demand roles, then the table's own category names (without repeats)."""
    return list(dict.fromkeys([*CATEGORY_ROLES, *(table.fd_names if table else ())]))


def table_cluster_names(table: IOTable) -> list[str]:
    """The cluster names of the table's ``cluster`` (or ``clusters``) tag, sorted."""
    names: list[str] = []
    for tag in ("cluster", "clusters"):
        if tag in table.tags:
            names += sorted({v for v in table.tags[tag] if v})
    return list(dict.fromkeys(names))


def offered_values(spec: FieldSpec, table: IOTable) -> list[str]:
    """What a form offers for ``spec`` on ``table`` (empty: free text or not a list)."""
    if spec.value == "categories" or spec.offers == "categories":
        return category_values(table)
    if spec.offers == "satellites":
        return list(table.satellite_names)
    if spec.offers == "instruments":
        return [TABLE_INSTRUMENT] if production_tax_row(table) is not None else []
    if spec.value == "choice":
        return list(spec.choices)
    return []
