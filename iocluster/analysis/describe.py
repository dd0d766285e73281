"""A table described in a few lines: size, units, blocks, totals and provenance
(what ``iocluster info`` prints)."""

from __future__ import annotations

import math

from iocluster.core.engine import is_productive
from iocluster.table import IOTable

__all__ = ["plain_amount", "table_summary"]


def plain_amount(value: float, unit: str = "") -> str:
    """An amount in plain notation (never ``1.8e+09``) with its unit: whole numbers with
    thousands separators from 1,000, four significant digits below.

    >>> plain_amount(1817369373.71, "million UZS")
    '1,817,369,374 million UZS'
    >>> plain_amount(0.04567), plain_amount(0.0)
    ('0.04567', '0')
    """
    if value == 0 or not math.isfinite(value):
        text = "0" if value == 0 else str(value)
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    else:
        digits = min(8, max(0, 3 - math.floor(math.log10(abs(value)))))
        text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def table_summary(t: IOTable) -> dict[str, str]:
    """Item -> text: title, year, region, unit, source, sizes, blocks with their roles,
    total output, value added and imports in the table's unit, each satellite row's
    total in its unit, whether ``I − A`` is productive
    (:func:`iocluster.core.engine.is_productive`), and whether the table is illustrative.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> table_summary(miller_blair_2_3())["productive"]
    'True'
    """
    unit = t.meta.unit
    imports = (
        f"{plain_amount(float(t.m.sum()), unit)} (by product)"
        if t.m is not None
        else f"{plain_amount(float(t.imported_inputs.sum()), unit)} (intermediate)"
    )
    satellites = {
        f"{n} (total)": plain_amount(float(t.F[k].sum()), u or "(no unit stated)")
        for k, (n, u) in enumerate(zip(t.satellite_names, t.satellite_units, strict=True))
    }
    return {
        "title": t.meta.title,
        "year": "" if t.meta.year is None else str(t.meta.year),
        "region": t.meta.region,
        "unit": unit,
        "source": t.meta.source,
        "sectors": str(t.n),
        "table kind": f"{t.kind} use",
        "final-demand categories": ", ".join(
            f"{n} ({r})" for n, r in zip(t.fd_names, t.fd_roles, strict=True)
        ),
        "primary inputs": ", ".join(
            f"{n} ({r})" for n, r in zip(t.va_names, t.va_roles, strict=True)
        ),
        "satellite rows": ", ".join(
            f"{n} [{u}]" for n, u in zip(t.satellite_names, t.satellite_units, strict=True)
        ),
        "total output": plain_amount(float(t.x.sum()), unit),
        "total value added": plain_amount(float(t.value_added.sum()), unit),
        "imports": imports,
        **satellites,
        "productive": str(is_productive(t.leontief)),
        "illustrative": str(t.meta.illustrative),
    }
