"""Reference tables built from published numbers (tests/reference_values.py)."""

from __future__ import annotations

import numpy as np

from iocluster.table import IOTable, TableMeta
from tests import reference_values as ref


def eurostat_germany() -> IOTable:
    """Eurostat Manual of Supply, Use and Input-Output Tables (2008), ch. 15 (Tables 15.4/15.5).

    Six-sector domestic product-by-product table; imports and net taxes on products are
    primary-input rows; employment in 1000 persons.
    """
    V = np.vstack(
        [
            ref.EUROSTAT_15_IMPORTS,
            ref.EUROSTAT_15_TAXES_LESS_SUBSIDIES_ON_PRODUCTS,
            ref.EUROSTAT_15_COMPENSATION_EMPLOYEES,
            ref.EUROSTAT_15_OTHER_NET_TAXES_ON_PRODUCTION,
            ref.EUROSTAT_15_CONSUMPTION_FIXED_CAPITAL,
            ref.EUROSTAT_15_NET_OPERATING_SURPLUS,
        ]
    )
    return IOTable.from_arrays(
        Z=ref.EUROSTAT_15_Z,
        Y=ref.EUROSTAT_15_FD,
        V=V,
        x=ref.EUROSTAT_15_X,
        codes=ref.EUROSTAT_15_SECTORS,
        fd_names=ref.EUROSTAT_15_FD_LABELS,
        fd_roles=["household", "government", "investment", "inventories", "exports"],
        va_names=[
            "imports",
            "taxes_less_subsidies_on_products",
            "compensation_of_employees",
            "other_net_taxes_on_production",
            "consumption_of_fixed_capital",
            "net_operating_surplus",
        ],
        va_roles=[
            "imports",
            "taxes_products",
            "compensation",
            "taxes_production",
            "operating_surplus",
            "operating_surplus",
        ],
        F=np.vstack([ref.EUROSTAT_15_EMPLOYMENT]),
        satellite_names=["employment"],
        satellite_units=["1000 persons"],
        meta=TableMeta(
            title="Eurostat Manual 2008, ch. 15 six-sector example",
            currency="EUR",
            scale="million",
            source="Eurostat (2008), Manual of Supply, Use and Input-Output Tables, Table 15.4",
        ),
    )
