"""A table described in a few lines: size, units, blocks, totals and provenance
(what ``iocluster info`` prints)."""

from __future__ import annotations

from iocluster.core.engine import is_productive
from iocluster.table import IOTable

__all__ = ["table_summary"]


def table_summary(t: IOTable) -> dict[str, str]:
    """Item -> text: title, year, region, unit, source, sizes, blocks with their roles,
    total output, value added and imports, whether ``I − A`` is productive
    (:func:`iocluster.core.engine.is_productive`), and whether the table is illustrative.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> table_summary(miller_blair_2_3())["productive"]
    'True'
    """
    return {
        "title": t.meta.title,
        "year": "" if t.meta.year is None else str(t.meta.year),
        "region": t.meta.region,
        "unit": t.meta.unit,
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
        "total output": f"{t.x.sum():,.6g}",
        "total value added": f"{t.value_added.sum():,.6g}",
        "imports": f"{t.m.sum():,.6g} (by product)"
        if t.m is not None
        else f"{t.imported_inputs.sum():,.6g} (intermediate)",
        "productive": str(is_productive(t.leontief)),
        "illustrative": str(t.meta.illustrative),
    }
