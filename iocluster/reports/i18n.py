"""Report language: every word of a report, figure and terminal line, from the
catalogues (``iocluster/locale/<lang>/*.po``; :mod:`iocluster.core.messages`), in English,
Russian, Uzbek in Latin letters (``uz``) and in Cyrillic (``uz-Cyrl``).

Reports, figures and the terminal take their words from here (``--lang``, or
``IOCLUSTER_LANG``). Sector names come from the table, or from a names file in the
report's language (``--names``, :mod:`iocluster.io.names`); the report says when they are
in another language. A key no catalogue has is shown as the key itself (the catalogue
tests fail on it).

Numbers in running text follow the language through Babel (the Unicode CLDR's
conventions: ``1,817.4`` in English, ``1 817,4`` in Russian and Uzbek); money in
summaries and charts reads at its scale (:func:`money_text`: ``9,32 трлн сум``);
percentages get the decimals they need and floating-point noise prints as 0
(:func:`percent`). Cells keep full precision: Excel shows them in the reader's regional
format (the number format codes are stored locale-independently), which the About sheet
states.

>>> tr("multipliers", "ru"), tr("multipliers", "uz-Cyrl")
('Мультипликаторы', 'Мультипликаторлар')
>>> tr("no such key", "ru")
'no such key'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from iocluster.core.choices import Lang
from iocluster.core.messages import LANGS, check_lang, format_number, template

__all__ = [
    "LANGS",
    "Lang",
    "check_lang",
    "money_text",
    "money_unit",
    "number",
    "per_money",
    "percent",
    "pick_power",
    "scale_factor",
    "scaled_unit",
    "tr",
]


def tr(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang`` (English when the language lacks it; the key itself
    when no catalogue has it)."""
    return template(key, lang if lang in LANGS else "en") or key


def number(value: float, lang: str = "en", digits: int = 1, sign: bool = False) -> str:
    """A number for running text: thousands grouped, ``digits`` decimals, in the
    language's conventions (Babel, CLDR).

    >>> number(12345.678, "en"), number(-2.5, "en")
    ('12,345.7', '−2.5')
    >>> number(-12345.678, "ru", sign=True)
    '−12\xa0345,7'
    """
    return format_number(value, lang, f"{'+' if sign else ''}.{digits}f")


def percent(value: float, lang: str = "en", sign: bool = False) -> str:
    """A percentage (``value`` already in percent) with as many decimals as it needs.

    Two decimals from 0.01 %, two significant digits below that (down to 0.000001 %);
    smaller magnitudes (floating-point noise such as −2.2e-16) print as 0, never in
    scientific notation.

    >>> percent(0.51, "ru", sign=True), percent(1.601e-05, "en")
    ('+0,51', '0.000016')
    >>> percent(-2.2e-16, "en", sign=True), percent(12.3456, "uz-Cyrl")
    ('0', '12,35')
    """
    v = float(value)
    a = abs(v)
    if not np.isfinite(v):
        return "—"
    if a < 1e-6:
        return "0"
    digits = 2 if a >= 0.01 else min(8, 1 - int(np.floor(np.log10(a))))
    return number(v, lang, digits, sign)


#: Scale words by power of ten (catalogue keys ``scale.*``).
_POWER_WORDS = {12: "trillion", 9: "billion", 6: "million", 3: "thousand"}
_SCALE_POWER = {"thousand": 3, "million": 6, "mln": 6, "billion": 9, "mlrd": 9, "bn": 9,
                "trillion": 12}  # fmt: skip


def scale_factor(scale: str) -> int:
    """Power of ten of a table's scale word (``"million"`` → 6; none or unknown → 0)."""
    return _SCALE_POWER.get(scale.strip().lower(), 0) if scale else 0


def _currency(currency: str, lang: str) -> str:
    if not currency:
        return tr("currency_units", lang)
    code = currency.strip().upper()
    return template(f"currency.{code}", lang) or currency


def scaled_unit(power: int, currency: str, lang: str = "en") -> str:
    """The money unit ``10**power`` of ``currency`` in words (``9`` → "billion UZS").

    >>> scaled_unit(12, "UZS", "ru"), scaled_unit(0, "UZS", "uz"), scaled_unit(9, "UZS", "uz-Cyrl")
    ('трлн сум', "so'm", 'млрд сўм')
    """
    word = tr(f"scale.{_POWER_WORDS[power]}", lang) if power in _POWER_WORDS else ""
    return " ".join(s for s in (word, _currency(currency, lang)) if s)


def pick_power(values: Any, base_power: int) -> int:
    """The scale (power of ten: 0, 3, 6, 9, 12) at which the largest of ``values`` (in
    units of ``10**base_power``) reads as 1 to 999 (trillion at most)."""
    arr = np.abs(np.asarray(values, dtype=float))
    arr = arr[np.isfinite(arr)]
    big = float(arr.max()) if arr.size else 0.0
    if big <= 0:
        return base_power
    magnitude = np.log10(big) + base_power
    return int(min(12, max(0, 3 * int(np.floor(magnitude / 3)))))


def per_money(values: Any, scale: str, currency: str, lang: str = "en") -> tuple[float, str]:
    """``(factor, money)`` for a quantity per unit of money (jobs per million UZS): the
    smallest factor among 1, 1000, 10⁶ at which the median of ``values`` reads at least
    1, and the money unit it is then per (``"billion UZS"`` for a table in million UZS
    at factor 1000), so employment multipliers never show as 0.0.

    >>> per_money([0.0075, 0.02, 0.001], "million", "UZS", "ru")
    (1000.0, 'млрд сум')
    >>> per_money([4.5, 2.0], "billion", "UZS", "en")
    (1.0, 'billion UZS')
    """
    arr = np.abs(np.asarray(values, dtype=float)).ravel()
    arr = arr[np.isfinite(arr) & (arr > 0)]
    med = float(np.median(arr)) if arr.size else 1.0
    factor = next((f for f in (1.0, 1e3) if med * f >= 1), 1e6)
    k = round(float(np.log10(factor)))
    base = scale_factor(scale)
    if k == 0:
        return factor, money_unit(scale, currency, lang)
    if base + k <= 12 and not (scale and base == 0):
        return factor, scaled_unit(base + k, currency, lang)
    return factor, f"{number(factor, lang, 0)} {money_unit(scale, currency, lang)}"


def money_text(
    value: float, scale: str, currency: str, lang: str = "en", *, sign: bool = False
) -> str:
    """A money amount in words at a readable scale: ``value`` in the table's unit
    (``scale`` ``currency``), shown in trillion / billion / million / thousand with
    three or four significant digits (one decimal from 10, two below).

    >>> money_text(1817369373.7, "million", "UZS", "en")
    '1,817.4 trillion UZS'
    >>> money_text(9315392.6, "million", "UZS", "ru", sign=True)
    '+9,32 трлн сум'
    >>> money_text(-3745.0, "million", "UZS", "uz")
    "−3,75 mlrd so'm"
    """
    base = scale_factor(scale)
    power = pick_power([value], base)
    shown = float(value) * 10.0 ** (base - power)
    digits = 1 if abs(shown) >= 10 else 2
    return f"{number(shown, lang, digits, sign)} {scaled_unit(power, currency, lang)}"


def money_unit(scale: str, currency: str, lang: str = "en") -> str:
    """The monetary unit in the report language (scale words and known currencies).

    >>> money_unit("billion", "UZS", "ru"), money_unit("billion", "UZS", "uz")
    ('млрд сум', "mlrd so'm")
    >>> money_unit("", "EUR", "ru")
    'EUR'
    """
    power = scale_factor(scale)
    sc = tr(f"scale.{_POWER_WORDS[power]}", lang) if power in _POWER_WORDS else scale
    cu = _currency(currency, lang) if currency else ""
    return " ".join(s for s in (sc, cu) if s) or tr("currency_units", lang)
