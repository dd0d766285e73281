"""Standard groups shared by the analyses (one definition each, used everywhere).

The *services* group decides what "services content" and "services share" mean in the
chains, scenario and report modules; the *employment* row decides which satellite row
jobs are counted from in extraction, regionalisation and reports. Both are defined once,
here.
"""

from __future__ import annotations

from iocluster.core.labels import looks_like_code, normalize_label
from iocluster.core.messages import Message
from iocluster.table import IOTable

__all__ = ["SERVICE_SECTIONS", "describe_services", "employment_satellite", "service_sectors"]

_EMPLOYMENT_WORDS = ("employ", "занят", "bandlik", "jobs")
_TOTAL_WORDS = ("total", "всего", "итого", "jami")

#: NACE rev. 2 sections of services: trade (G) to households as employers (T).
SERVICE_SECTIONS = "GHIJKLMNOPQRST"
_GROUP_TAGS = ("group", "groups", "sector_group")


def _tagged(table: IOTable) -> tuple[str, list[int]] | None:
    for tag in _GROUP_TAGS:
        if tag in table.tags:
            idx = [i for i, v in enumerate(table.tags[tag]) if v.strip().lower() == "services"]
            if idx:
                return tag, idx
    return None


def service_sectors(table: IOTable) -> list[int]:
    """Positions of the service sectors.

    The sectors tagged ``services`` in the table's ``group`` tag column when it has one;
    otherwise the sectors whose code is a NACE-style code (a letter, then digits, or a
    section letter alone) in sections G–T. Codes that are not NACE-like (``TEX``,
    ``AGR_COTTON``) are never guessed to be services. A region-qualified code of an
    interregional table (``fergana/H49-51``) is judged by its sector part.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3().replace(codes=("C13.1", "H49-51"))
    >>> service_sectors(t)
    [1]
    >>> service_sectors(t.replace(codes=("fergana/C13.1", "fergana/H49-51")))
    [1]
    """
    tagged = _tagged(table)
    if tagged is not None:
        return tagged[1]
    sectors = (c.rsplit("/", 1)[-1] for c in table.codes)
    return [
        i
        for i, c in enumerate(sectors)
        if looks_like_code(c) and normalize_label(c)[:1].upper() in SERVICE_SECTIONS
    ]


def describe_services(table: IOTable) -> Message:
    """How :func:`service_sectors` chose the services, for reports' assumptions."""
    tagged = _tagged(table)
    if tagged is not None:
        return Message("scenarios.services_tagged", services="services", column=tagged[0])
    return Message("scenarios.services_nace")


def employment_satellite(table: IOTable) -> str | None:
    """Name of the satellite row that holds total employment, or ``None``.

    A row named ``employment_total`` / ``employment total`` / ``employment``; else the
    only row whose name mentions employment (employ, занятость, bandlik, jobs); else, of
    several such rows, the one that says it is the total (total, всего, итого, jami).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3().replace(
    ...     F=[[1.0, 2.0], [3.0, 4.0]], satellite_names=("jobs_formal", "jobs_total"),
    ...     satellite_units=("persons", "persons"))
    >>> employment_satellite(t)
    'jobs_total'
    """
    names = list(table.satellite_names)
    low = [s.lower() for s in names]
    for want in ("employment_total", "employment total", "employment"):
        if want in low:
            return names[low.index(want)]
    hits = [n for n, s in zip(names, low, strict=True) if any(k in s for k in _EMPLOYMENT_WORDS)]
    if len(hits) == 1:
        return hits[0]
    totals = [n for n in hits if any(k in n.lower() for k in _TOTAL_WORDS)]
    return totals[0] if len(totals) == 1 else None
