"""Bundled tables: the Miller & Blair (2009) §2.3 example and the illustrative economy.

The data files live in the project's top-level ``data/`` folder (inside the wheel as
``iocluster/_data``).
"""

from __future__ import annotations

from pathlib import Path

from iocluster.table import IOTable, TableMeta

__all__ = ["data_path", "example_economy", "miller_blair_2_3", "miller_blair_households"]


def data_path(name: str) -> Path:
    """Path of a bundled data file (``data/NAME`` in a checkout, ``_data`` in a wheel)."""
    package = Path(__file__).resolve().parents[1]  # iocluster/
    for base in (package / "_data", package.parent / "data"):
        if (base / name).exists():
            return base / name
    raise FileNotFoundError(package.parent / "data" / name)


def miller_blair_2_3() -> IOTable:
    """The two-sector table of Miller & Blair (2009), Table 2.3.

    Z = [[150, 500], [200, 100]], final demand (350, 1700), payments sector (value
    added) (650, 1400), output (1000, 2000).

    >>> t = miller_blair_2_3()
    >>> t.x.tolist()
    [1000.0, 2000.0]
    """
    return IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[350.0], [1700.0]],
        V=[[650.0, 1400.0]],
        codes=["S1", "S2"],
        names=["Sector 1", "Sector 2"],
        fd_names=["final_demand"],
        fd_roles=["other"],
        va_names=["payments_sector"],
        va_roles=["value_added"],
        meta=TableMeta(
            title="Miller & Blair (2009) Table 2.3 two-sector example",
            currency="$",
            source="Miller, R.E. and Blair, P.D. (2009), Input-Output Analysis, 2nd ed., Table 2.3",
        ),
    )


def miller_blair_households() -> IOTable:
    """Miller & Blair (2009) Table 2.3 with households (§2.5.1): labour payments 300 and
    500 (coefficients 0.30 and 0.25 of outputs 1000 and 2000), household consumption
    (50, 400), other final demand (300, 1300).

    The closed-model examples of §2.5.1 and §6.2 use it with a household income of 1000
    and a corner coefficient 0.05.

    >>> t = miller_blair_households()
    >>> t.compensation.tolist(), t.Y[:, 0].tolist()
    ([300.0, 500.0], [50.0, 400.0])
    """
    return IOTable.from_arrays(
        Z=[[150.0, 500.0], [200.0, 100.0]],
        Y=[[50.0, 300.0], [400.0, 1300.0]],
        V=[[300.0, 500.0], [350.0, 900.0]],
        codes=["1", "2"],
        fd_names=["households", "other"],
        fd_roles=["household", "other"],
        va_names=["labour", "other"],
        va_roles=["compensation", "other"],
        meta=TableMeta(
            title="Miller & Blair (2009) Table 2.3 with households (§2.5.1)",
            currency="$",
            source="Miller, R.E. and Blair, P.D. (2009), Input-Output Analysis, 2nd ed., "
            "Table 2.3 and §2.5.1",
        ),
    )


def example_economy() -> IOTable:
    """The illustrative 18-sector cluster economy (synthetic; see ``data/README.md``)."""
    from iocluster.io import read_table

    return read_table(data_path("example_economy.xlsx"))
