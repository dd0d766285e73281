"""Role vocabulary: which account a row or column label names (DESIGN.md §3).

Labels are recognised in English, Russian and Uzbek (Latin) by the word stems in
:data:`VOCABULARY`, tried in order (the first rule whose stem occurs in the label wins,
so "taxes on production" is a tax, not output, and "total output" is output, not a
total). The vocabulary is data: extend it here, not in the readers.

A recognised label is a :class:`Role`: its ``kind`` says where it goes

========== =========================================================================
kind       meaning
========== =========================================================================
``fd``     a final-demand category (``role`` one of ``FD_ROLES``)
``va``     a primary-input row (``role`` one of ``VA_ROLES``)
``gva``    gross value added: a total of the ``va`` rows (checked, not stored, when
           its components are present)
``sat``    a satellite row (``unit`` e.g. ``"persons"``)
``imports`` imports: a supply column (``m``) or, as a row, imported inputs
``output`` output ``x``
``total``  a total or subtotal (checked against its parts, then dropped)
``ignore`` dropped on the user's explicit request (only through a mapping)
========== =========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.table import FD_ROLES, VA_ROLES

__all__ = ["VOCABULARY", "Role", "mapping_role", "recognise", "simplify"]


@dataclass(frozen=True)
class Role:
    """Where a labelled row or column belongs."""

    kind: str
    role: str = ""
    unit: str = ""


#: (kind, role, unit, stems): stems are matched as substrings of the simplified label
#: (lower case, ``_`` as space, apostrophes unified). Order matters: first match wins.
VOCABULARY: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("va", "taxes_products", "", (
        "taxes on products", "taxes less subsidies on products", "tax on products",
        "налоги на продукты", "чистые налоги на продукты", "mahsulotlarga soliq",
        "mahsulotga soliq",
    )),
    ("va", "taxes_production", "", (
        "taxes on production", "tax on production", "taxes", "tax ", "налог", "soliq",
    )),
    ("va", "compensation", "", (
        "compensation", "wages", "оплата труда", "заработная плата", "mehnatga haq",
        "ish haqi",
    )),
    ("va", "operating_surplus", "", (
        "operating surplus", "mixed income", "gross profit", "валовая прибыль",
        "смешанный доход", "yalpi foyda", "aralash daromad",
    )),
    ("gva", "value_added", "", (
        "value added", "gva", "добавленная стоимость", "qo'shilgan qiymat",
    )),
    ("output", "", "", (
        "output", "выпуск", "ishlab chiqarish",
    )),
    ("fd", "interregional", "", (
        "outflows", "to other regions", "to the rest of the country", "interregional",
        "inter-regional", "вывоз в другие регион", "межрегиональн", "boshqa hududlarga",
    )),
    ("imports", "imports", "", ("import", "импорт")),
    ("fd", "exports", "", ("export", "экспорт", "eksport")),
    ("sat", "", "persons", (
        "employment", "employed", "jobs", "занятост", "занятые", "численность", "bandlik",
        "band aholi",
    )),
    ("fd", "household", "", (
        "household", "домашн", "домохозяйств", "население", "uy xo'jalik",
        "private consumption", "private final consumption", "частное потребление",
        "личное потребление", "xususiy iste'mol", "aholi iste'mol",
    )),
    ("fd", "npish", "", (
        "npish", "non-profit", "некоммерческ", "нкоодх", "notijorat",
    )),
    ("fd", "government", "", (
        "government", "государствен", "госуправлен", "davlat",
    )),
    ("fd", "inventories", "", (
        "inventor", "change in stocks", "changes in stocks", "запас", "zaxira",
    )),
    ("fd", "investment", "", (
        "gross fixed capital", "fixed capital", "gfcf", "capital formation", "investment",
        "основного капитала", "валовое накопление", "накопление", "investitsiya",
        "asosiy kapital", "jamg'arish",
    )),
    ("total", "", "", (
        "total", "итого", "всего", "jami", "intermediate consumption",
        "intermediate use", "промежуточное потребление", "промежуточный спрос",
        "oraliq iste'mol", "resources", "ресурсы",
    )),
    ("fd", "other", "", (
        "final demand", "final use", "final consumption", "конечное", "конечный",
        "yakuniy",
    )),
)  # fmt: skip

_APOSTROPHES = re.compile("[\u2018\u2019\u02bb\u02bc`\u00b4]")


def simplify(label: object) -> str:
    """Lower-case, ``_`` and ``-`` runs as spaces, apostrophes unified, whitespace collapsed.

    >>> simplify("Mehnatga haq to\u2018lash")
    "mehnatga haq to'lash"
    >>> simplify("compensation_of_employees")
    'compensation of employees'
    """
    s = _APOSTROPHES.sub("'", normalize_text(label).lower().replace("_", " "))
    return " ".join(s.split())


def recognise(label: object) -> Role | None:
    """The role a label names, or ``None`` if no vocabulary stem occurs in it.

    Examples
    --------
    >>> recognise("Оплата труда")
    Role(kind='va', role='compensation', unit='')
    >>> recognise("Uy xo'jaliklari")
    Role(kind='fd', role='household', unit='')
    >>> recognise("Total output").kind, recognise("Итого").kind
    ('output', 'total')
    >>> recognise("Yalpi qo'shilgan qiymat").kind
    'gva'
    >>> recognise("Private consumption").role, recognise("Final consumption expenditure").role
    ('household', 'other')
    >>> recognise("Intermediate consumption").kind
    'total'
    >>> recognise("Textiles") is None
    True
    """
    s = simplify(label) + " "
    for kind, role, unit, stems in VOCABULARY:
        if any(stem in s for stem in stems):
            return Role(kind, role, unit)
    return None


_EXTRA = {
    "output": Role("output"),
    "total": Role("total"),
    "ignore": Role("ignore"),
    "gva": Role("gva", "value_added"),
    "satellite": Role("sat"),
    "employment": Role("sat", "", "persons"),
}


def mapping_role(value: str, *, axis: str) -> Role:
    """Interpret a user mapping value (``label -> role``) for a row or column.

    ``axis`` is ``"row"`` or ``"column"``. Accepted values: a final-demand role (columns),
    a primary-input role (rows), ``imports`` (a supply column, or an imports row),
    ``output``, ``total``, ``gva``, ``satellite`` or ``satellite:UNIT``, ``employment``
    (satellite in persons), ``ignore``.

    >>> mapping_role("household", axis="column")
    Role(kind='fd', role='household', unit='')
    >>> mapping_role("satellite:hectares", axis="row")
    Role(kind='sat', role='', unit='hectares')
    """
    v = value.strip()
    if v.startswith("satellite:"):
        return Role("sat", "", v.split(":", 1)[1].strip())
    if v in _EXTRA:
        return _EXTRA[v]
    if v == "imports":
        return Role("imports", "imports")
    if axis == "column" and v in FD_ROLES:
        return Role("fd", v)
    if axis == "row" and v in VA_ROLES:
        return Role("va", v)
    allowed = FD_ROLES if axis == "column" else VA_ROLES
    expected = [*allowed, *_EXTRA, "satellite:UNIT"]
    if axis == "column":
        raise InputError(Message("io.roles.invalid_column", role=value, expected=expected))
    raise InputError(Message("io.roles.invalid_row", role=value, expected=expected))


def lookup(label: object, mapping: Mapping[str, str] | None, *, axis: str) -> Role | None:
    """The role of ``label``: the user's mapping first (matched after normalisation),
    then :func:`recognise`."""
    if mapping:
        key = normalize_text(label)
        for k, v in mapping.items():
            if normalize_text(k) == key or simplify(k) == simplify(key):
                return mapping_role(v, axis=axis)
    return recognise(label)
