"""Sector names in several languages from a small file (``--names FILE``).

A CSV file or workbook with a header row ``code, name_en, name_ru, name_uz,
name_uz_cyrl`` (any of the name columns may be missing or blank; extra columns are
ignored; an Uzbek Cyrillic report takes ``name_uz_cyrl``, else the ``name_uz`` name
written in Cyrillic by rule, :mod:`iocluster.core.uzcyrl`)::

    code,name_en,name_ru,name_uz
    C13.1,Textile yarn and thread,Пряжа и нити текстильные,To'qimachilik ipi va iplar
    C14,Wearing apparel,Одежда,Kiyim
    meta:region,Uzbekistan,Узбекистан,O'zbekiston

Rows whose code is ``meta:title``, ``meta:region``, ``meta:source`` or ``meta:notes``
translate the table's metadata the same way (reports show them in the title and the
About sheet).

:func:`apply_sector_names` puts the names of one language on a table (codes matched
after label normalisation, so Cyrillic look-alikes in codes match); sectors the file
leaves blank, or does not list, keep the table's names. The table states where its names
came from among its assumptions, so every report says so.

:func:`names_language` guesses the language the table's own names are written in
(Cyrillic: Russian; Latin with Uzbek letters o‘, g‘, sh, ch: Uzbek; other Latin:
English), so a report can say that names are shown in one language only.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from iocluster.core.labels import normalize_label, normalize_text
from iocluster.core.messages import Message
from iocluster.core.uzcyrl import to_cyrillic
from iocluster.errors import InputError, Location
from iocluster.table import IOTable

__all__ = [
    "META_FIELDS",
    "NAME_COLUMNS",
    "apply_sector_names",
    "names_in_language",
    "names_language",
    "read_sector_names",
]

#: Name column of each report language.
NAME_COLUMNS = {"en": "name_en", "ru": "name_ru", "uz": "name_uz", "uz-Cyrl": "name_uz_cyrl"}
#: Metadata a names file may translate (rows ``meta:title`` ...).
META_FIELDS = ("title", "region", "source", "notes")


def read_sector_names(path: str | Path) -> dict[str, dict[str, str]]:
    """``{language: {code: name}}`` from a names file (see the module docstring).

    Raises
    ------
    InputError
        No ``code`` column, no ``name_*`` column, or a code listed twice (naming the
        file and row).
    """
    from iocluster.io.frames import read_frame

    p = Path(path)
    df = read_frame(p)
    header = {normalize_text(str(c)).lower(): c for c in df.columns}
    if "code" not in header:
        raise InputError(Message("io.names.no_code"), Location(file=p))
    langs = {lang: header[col] for lang, col in NAME_COLUMNS.items() if col in header}
    if not langs:
        raise InputError(Message("io.names.no_name"), Location(file=p))
    out: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    seen: dict[str, int] = {}
    for row, r in df.iterrows():
        code = normalize_text("" if r[header["code"]] is None else str(r[header["code"]]))
        if not code:
            continue
        if code in seen:
            raise InputError(
                Message("io.names.twice", sector=code, first=str(seen[code]), second=str(row)),
                Location(file=p, cell=Message("io.where.row", row=str(row))),
            )
        seen[code] = int(str(row))
        for lang, col in langs.items():
            v = r[col]
            name = normalize_text("" if v is None else str(v))
            if name:
                out[lang][code] = name
    return out


def apply_sector_names(table: IOTable, path: str | Path, lang: str) -> IOTable:
    """``table`` with the sector names of ``lang`` from the names file at ``path``.

    Codes of the file that the table does not have are an error naming them (a typo
    would otherwise leave a name silently untranslated).
    """
    p = Path(path)
    names = read_sector_names(p)
    col = NAME_COLUMNS.get(lang, f"name_{lang}")
    by_key = {normalize_label(c): i for i, c in enumerate(table.codes)}
    metas = {f"meta:{f}" for f in META_FIELDS}
    every = set().union(*(set(v) for v in names.values())) - metas
    unknown = sorted(c for c in every if normalize_label(c) not in by_key)
    if unknown:
        if len(unknown) > 8:
            raise InputError(
                Message("io.names.unknown_more", codes=unknown[:8], n=len(unknown) - 8),
                Location(file=p),
            )
        raise InputError(Message("io.names.unknown", codes=unknown), Location(file=p))
    own = names.get(lang, {})
    if lang == "uz-Cyrl":  # Uzbek in Latin letters where no Cyrillic name is given
        own = {**{c: to_cyrillic(n) for c, n in names.get("uz", {}).items()}, **own}
    chosen = {c: n for c, n in own.items() if c not in metas}
    texts = {c[5:]: n for c, n in own.items() if c in metas}
    if not chosen and not texts:
        raise InputError(Message("io.names.empty_column", column=col), Location(file=p))
    new = list(table.names)
    for code, name in chosen.items():
        new[by_key[normalize_label(code)]] = name
    m = table.meta
    meta = dataclasses.replace(
        m,
        title=texts.get("title", m.title),
        region=texts.get("region", m.region),
        source=texts.get("source", m.source),
        notes=texts.get("notes", m.notes),
    )
    if chosen:  # metadata alone leaves the names (and the report's note on them) as they are
        meta = meta.with_assumption(
            Message("names.from_file", file=p.name, column=col, named=len(chosen), total=table.n)
        )
    if lang == "uz-Cyrl" and set(chosen) - set(names.get("uz-Cyrl", {})):
        meta = meta.with_assumption(TRANSLITERATED)
    return table.replace(names=tuple(new), meta=meta)


#: The rule of Uzbek Cyrillic names made from Uzbek Latin ones.
TRANSLITERATED = Message("names.transliterated", module="iocluster.core.uzcyrl")


def names_in_language(table: IOTable, lang: str) -> IOTable:
    """``table`` with sector names a report in ``lang`` can show without a names file:
    Uzbek Latin names written in Cyrillic for an ``uz-Cyrl`` report (the rule stated in
    the table's assumptions); the table as it is otherwise."""
    if lang != "uz-Cyrl" or names_language(table.names) != "uz":
        return table
    names = tuple(to_cyrillic(n) for n in table.names)
    return table.replace(names=names, meta=table.meta.with_assumption(TRANSLITERATED))


_UZ_WORDS = re.compile(r"\b(va|bo'yicha|xizmatlar|mahsulotlar|ishlab|chiqarish)\b", re.I)


def names_language(names: Sequence[str]) -> str:
    """The language most names are written in: ``"ru"`` (Cyrillic), ``"uz-Cyrl"``
    (Cyrillic with the Uzbek letters ў қ ғ ҳ), ``"uz"`` (Latin with Uzbek spelling),
    ``"en"`` (other Latin), or ``""`` (no letters, e.g. codes).

    >>> names_language(["Одежда", "Пряжа и нити"])
    'ru'
    >>> names_language(["Wearing apparel", "Textiles"])
    'en'
    >>> names_language(["Kiyim-kechak", "To'qimachilik mahsulotlari va iplar"])
    'uz'
    """
    counts = {"ru": 0, "uz-Cyrl": 0, "uz": 0, "en": 0}
    for name in names:
        cyr = len(re.findall(r"[А-Яа-яЁёЎўҚқҒғҲҳ]", name))
        lat = len(re.findall(r"[A-Za-z]", name))
        if cyr == 0 and lat == 0:
            continue
        if cyr >= lat:
            counts["uz-Cyrl" if re.search(r"[ЎўҚқҒғҲҳ]", name) else "ru"] += 1
        elif _UZ_WORDS.search(name) or re.search(r"[oOgG][ʻ'‘’`]", name):
            counts["uz"] += 1
        else:
            counts["en"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ""
