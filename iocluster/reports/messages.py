"""Library texts a report shows, in the report language: a keyed
:class:`~iocluster.core.messages.Message` from the catalogues (validation checks, flags,
the closure, ...), or an English sentence of a layer not yet keyed (import rule,
services, prices, scenarios) by pattern.

The layers not yet keyed write these texts in English with their numbers inside. The
reports translate them here by pattern: each known English sentence is a regular expression
whose groups (codes, numbers, lists) are carried into the Russian or Uzbek sentence,
numbers rewritten in the language's format (space thousands separator, decimal comma).
A text no pattern knows is returned unchanged (English), and the report-language test
(``tests/test_report_language.py``) fails on it, so a new library sentence cannot slip
into a Russian or Uzbek report unnoticed.

>>> message(Message("check.productive.pass", rho=0.3461), "ru")
'спектральный радиус A = 0,3461 < 1'
>>> message("Imports: by product, imported inputs Aᵐx plus imported final demand.", "uz")
"Import: mahsulotlar bo'yicha, import xarajatlari Aᵐx va import yakuniy talab."
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from iocluster.core.messages import Message, render
from iocluster.core.uzcyrl import to_cyrillic
from iocluster.reports.i18n import LANGS, money_unit, number, tr

if TYPE_CHECKING:
    from iocluster.errors import IOClusterError

__all__ = ["error_text", "keyed", "localize_numbers", "message"]

#: Words inside lists of a detail (final-demand roles, index names), English -> (ru, uz).
_WORDS: list[tuple[str, str, str]] = [
    ("inventories", "запасы", "zaxiralar"),
    ("exports domestic", "экспорт отечественный", "eksport mahalliy"),
    ("imports", "импорт", "import"),
]


def _cyrillic(f: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """Uzbek in Cyrillic: the Uzbek (Latin) text in the Cyrillic orthography, until the
    library's sentences come as keyed messages with their own uz-Cyrl catalogue."""

    @functools.wraps(f)
    def wrapper(text: str, lang: str) -> str:
        if lang == "uz-Cyrl":
            return to_cyrillic(f(text, "uz"))
        return f(text, lang)

    return wrapper


_NUM = re.compile(
    r"(?<![\w.⁰-⁹₀-₉])([-−+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(e[+-]\d+)?(?![\w⁰-⁹₀-₉])"
)


def _one_number(m: re.Match[str], lang: str) -> str:
    sign, whole, frac, exp = m.group(1), m.group(2), m.group(3) or "", m.group(4) or ""
    if lang == "en":
        return m.group(0)
    value = float((whole + frac + exp).replace(",", ""))
    if exp:  # scientific notation: a plain number with three significant digits
        digits = 2 - int(f"{value:e}".split("e")[1])
        text = number(round(value, digits), lang, max(0, digits))
    elif "," not in whole and not frac and len(whole) <= 4:
        text = whole  # a small integer or a year: as written
    else:
        text = number(value, lang, len(frac) - 1 if frac else 0)
    return ("−" if sign in "-−" and sign else sign) + text


@_cyrillic
def localize_numbers(text: str, lang: str) -> str:
    """Rewrite the English-formatted numbers in ``text`` in the format of ``lang``
    (codes such as ``C23.2`` or ``H49-51`` are left alone).

    >>> localize_numbers("B07.1 15.70× output (67,733 vs 4,313); 3.24532e+07", "ru")
    'B07.1 15,70× output (67\\xa0733 vs 4\\xa0313); 32\\xa0500\\xa0000'
    """
    return _NUM.sub(lambda m: _one_number(m, lang), text)


def _inner(text: str, lang: str) -> str:
    """A captured part (a list of codes and numbers): numbers and known words."""
    k = LANGS.index(lang)
    if text == "none":  # an empty list
        return ("none", "нет", "yo'q")[k]
    out = localize_numbers(text, lang)
    out = re.sub(r"(?<=\d) (thousand|million|billion|trillion) ([A-Z]{3})\b",
                 lambda m: " " + money_unit(m.group(1), m.group(2), lang), out)  # fmt: skip
    out = re.sub(r" and (\d+) more$", lambda m: " " + tr("and_more", lang).format(n=m.group(1)),
                 out)  # fmt: skip
    for en, ru, uz in _WORDS:
        out = out.replace(en, (en, ru, uz)[k])
    return out


#: (pattern, Russian, Uzbek). Groups are carried over through :func:`_inner`.
_PATTERNS: list[tuple[str, str, str]] = [
    # multi-region tables read whole or as one country's table (issue 31)
    (
        r"Multiregional table of (?P<n>\d+) regions: codes region/sector, final-demand "
        r"categories region/category \(the region that buys\); sales between regions are "
        r"trade, final demand of role 'exports' goes outside the table's regions\.",
        "Многорегиональная таблица из {n} регионов: коды регион/отрасль, категории "
        "конечного спроса регион/категория (регион-покупатель); продажи между регионами — "
        "торговля, конечный спрос с ролью 'exports' уходит за пределы регионов таблицы.",
        "{n} ta hududdan iborat ko'p hududli jadval: kodlar hudud/tarmoq, yakuniy talab "
        "toifalari hudud/toifa (sotib oluvchi hudud); hududlar o'rtasidagi sotuv — savdo, "
        "'exports' rolidagi yakuniy talab jadval hududlaridan tashqariga chiqadi.",
    ),
    (
        r"National table of (?P<r>\S+) from a multi-region table: other regions' rows in "
        r"(?P=r)'s columns are imports by product \(Zm, Ym\); (?P=r)'s sales to other "
        r"regions form the exports column\.",
        "Национальная таблица {r} из многорегиональной: строки других регионов в столбцах "
        "{r} — импорт по продуктам (Zm, Ym); продажи {r} другим регионам образуют столбец "
        "экспорта.",
        "Ko'p hududli jadvaldan {r} milliy jadvali: {r} ustunlaridagi boshqa hududlar "
        "satrlari — mahsulotlar bo'yicha import (Zm, Ym); {r} ning boshqa hududlarga sotuvi "
        "eksport ustunini tashkil etadi.",
    ),
    # assumptions: imports
    (
        r"Domestic flows estimated from a total-use table under the proportional-import "
        r"assumption: each product's imports spread over its intermediate and final uses other "
        r"than exports, (?P<f>[^.]*\.)",
        "Отечественные потоки оценены по таблице общего использования в предположении "
        "пропорционального импорта: импорт каждого продукта распределён по его промежуточному "
        "и конечному использованию, кроме экспорта, {f}",
        "Mahalliy oqimlar jami foydalanish jadvalidan mutanosib import farazi bilan baholangan: "
        "har bir mahsulot importi uning eksportdan boshqa oraliq va yakuniy foydalanishlariga "
        "taqsimlangan, {f}",
    ),
    (
        r"Domestic flows estimated from a total-use table: each product's imports spread over "
        r"all its uses, exports included, in proportion to use (?P<f>[^.]*\.)",
        "Отечественные потоки оценены по таблице общего использования: импорт каждого продукта "
        "распределён по всем его использованиям, включая экспорт, пропорционально {f}",
        "Mahalliy oqimlar jami foydalanish jadvalidan baholangan: har bir mahsulot importi "
        "uning barcha foydalanishlariga, eksport bilan birga, mutanosib taqsimlangan {f}",
    ),
    (
        r"Imports exceed use net of exports \(re-exports\) for (?P<a>.+): their imports are "
        r"spread over all uses including exports\.",
        "Импорт превышает использование за вычетом экспорта (реэкспорт) для {a}: их импорт "
        "распределён по всем использованиям, включая экспорт.",
        "{a} uchun import eksportsiz foydalanishdan ko'p (qayta eksport): ularning importi "
        "barcha foydalanishlarga, eksport bilan birga, taqsimlangan.",
    ),
    # assumptions: the interregional table (iocluster.regional.interregional.build)
    (
        r"Interregional table of (?P<n>\d+) regions \((?P<k>[^)]*)\) from regional "
        r"(?P<ms>employment|output) \((?P<src>[^)]*)\): regional output x\^r_i = x_i·s\^r_i "
        r"with s\^r_i the region's share of the sector's regional total \(a sector no region "
        r"reports is shared by the regions' totals\)\.",
        "Межрегиональная таблица {n} регионов ({k}) по региональным данным {ms} ({src}): "
        "региональный выпуск x^r_i = x_i·s^r_i, где s^r_i — доля региона в региональном "
        "итоге отрасли (отрасль, по которой нет данных ни одного региона, распределяется "
        "пропорционально итогам регионов).",
        "{n} ta hududning hududlararo jadvali ({k}) hududiy {ms} ma'lumotlari bo'yicha "
        "({src}): hududiy ishlab chiqarish x^r_i = x_i·s^r_i, bu yerda s^r_i — hududning "
        "tarmoq hududiy jamidagi ulushi (hech bir hudud ma'lumot bermagan tarmoq hududlar "
        "jamiga mutanosib taqsimlanadi).",
    ),
    (
        r"Regional technology = national: each sector uses the national domestic "
        r"coefficients a_ij whatever region supplies the input; primary inputs, imports "
        r"from abroad and satellite rows at national coefficients per unit of output\.",
        "Региональная технология = национальная: каждая отрасль использует национальные "
        "коэффициенты отечественных затрат a_ij независимо от того, какой регион поставляет "
        "затраты; первичные затраты, импорт из-за рубежа и сателлитные строки — по "
        "национальным коэффициентам на единицу выпуска.",
        "Hududiy texnologiya = milliy: har bir tarmoq xarajatni qaysi hudud yetkazib "
        "berishidan qat'i nazar milliy mahalliy xarajat koeffitsientlari a_ij dan "
        "foydalanadi; birlamchi xarajatlar, chetdan import va yo'ldosh satrlar — ishlab "
        "chiqarish birligiga milliy koeffitsientlarda.",
    ),
    (
        r"Final demand: foreign exports made where the product is made \(share s\^r_i\); "
        r"residents' final demand by the region's share of (?P<w>the given final-demand "
        r"weights|regional employment|regional output); imported final use is not "
        r"regionalised; negative final demand \(inventory drawdowns\) is where the product is "
        r"made \(share s\^r_i\) and adds to what that region supplies\.",
        "Конечный спрос: экспорт за рубеж относится к региону, где произведён продукт "
        "(доля s^r_i); конечный спрос резидентов — по доле региона в {w}; импортное конечное "
        "использование по регионам не распределяется; отрицательный конечный спрос "
        "(сокращение запасов) относится к региону, где произведён продукт (доля s^r_i), и "
        "прибавляется к поставкам этого региона.",
        "Yakuniy talab: chetga eksport mahsulot ishlab chiqarilgan hududga tegishli "
        "(s^r_i ulushi); rezidentlarning yakuniy talabi — hududning {w} ulushi bo'yicha; "
        "import yakuniy foydalanish hududlarga taqsimlanmaydi; manfiy yakuniy talab "
        "(zaxiralarning kamayishi) mahsulot ishlab chiqarilgan hududga tegishli (s^r_i "
        "ulushi) va o'sha hudud yetkazib beradigan hajmga qo'shiladi.",
    ),
    (
        r"Self-supply by (?P<q>\S+(?: \(δ = [^)]*\))?) location quotients: a region buys "
        r"ℓ_ij = a_ij·min\(1, LQ_ij\) of each input within itself, and min\(1, LQ_ii\) of its "
        r"residents' final demand, never more than it makes for the home market \(capped "
        r"for (?P<n>\d+) product-region pairs\)\.",
        "Самообеспечение по коэффициентам локализации {q}: регион покупает у себя "
        "ℓ_ij = a_ij·min(1, LQ_ij) каждого вида затрат и min(1, LQ_ii) конечного спроса "
        "своих резидентов, но не больше, чем производит для своего рынка (ограничено для "
        "пар «продукт — регион»: {n}).",
        "O'z-o'zini ta'minlash {q} joylashuv koeffitsientlari bo'yicha: hudud har bir "
        "xarajatning ℓ_ij = a_ij·min(1, LQ_ij) qismini va rezidentlari yakuniy talabining "
        "min(1, LQ_ii) qismini o'zidan sotib oladi, lekin o'z bozori uchun ishlab "
        "chiqarganidan ko'p emas ({n} ta mahsulot–hudud jufti uchun cheklangan).",
    ),
    (
        r"The rest is traded between regions by a doubly constrained gravity model with "
        r"distance decay d\^\(-β\), β = (?P<b>\S+) \(Disdier & Head 2008, mean distance "
        r"elasticity of trade ≈ 0\.9\), great-circle distances between regional centres; "
        r"every user in a region buys from the other regions in the same proportions\.",
        "Остальное распределяется между регионами дважды ограниченной гравитационной "
        "моделью с затуханием по расстоянию d^(-β), β = {b} (Disdier & Head 2008: средняя "
        "эластичность торговли по расстоянию ≈ 0,9); расстояния между региональными "
        "центрами — по дуге большого круга; каждый потребитель в регионе закупает у других "
        "регионов в одних и тех же пропорциях.",
        "Qolgan qismi hududlar o'rtasida masofa bo'yicha so'nishi d^(-β), β = {b} bo'lgan "
        "ikki tomonlama cheklangan gravitatsiya modeli orqali taqsimlanadi (Disdier & Head "
        "2008: savdoning masofa bo'yicha o'rtacha elastikligi ≈ 0,9); hudud markazlari "
        "orasidagi masofalar katta doira yoyi bo'yicha; hududdagi har bir iste'molchi "
        "boshqa hududlardan bir xil nisbatlarda sotib oladi.",
    ),
]

_COMPILED = [(re.compile(p + r"\Z", re.S), ru, uz) for p, ru, uz in _PATTERNS]

#: The measure of regional data in the interregional table's sentences.
_REGIONAL = {
    "employment": ("employment", "о занятости", "bandlik"),
    "output": ("output", "о выпуске", "ishlab chiqarish"),
    "regional employment": ("regional employment", "региональной занятости", "hududiy bandlikdagi"),
    "regional output": ("regional output", "региональном выпуске", "hududiy ishlab chiqarishdagi"),
    "the given final-demand weights": (
        "the given final-demand weights",
        "заданных весах конечного спроса",
        "berilgan yakuniy talab vaznlaridagi",
    ),
}


def _group(name: str, value: str | None, lang: str) -> str:
    k = LANGS.index(lang)
    if value is None:
        return ""
    if name == "u":  # the table's unit, "million UZS"
        *scale, currency = value.split() or [""]
        return money_unit(" ".join(scale), currency, lang)
    if name in ("ms", "w"):  # what regional data measure: employment or output
        return _REGIONAL[value][k]
    if name in ("k", "src"):  # region keys, a file name: as given
        return value
    return _inner(value, lang)


def message(text: Message | str, lang: str) -> str:
    """A library message in ``lang``: a keyed :class:`Message` from the catalogues; an
    English sentence of a layer not yet keyed by pattern (unchanged when English or
    when no pattern knows it)."""
    if isinstance(text, Message):
        return render(text, lang)
    return _by_pattern(str(text), lang)


def keyed(text: object, lang: str) -> str:
    """A keyed :class:`Message` in ``lang``; any other text (a user's word, an English
    sentence not yet keyed) as it is."""
    return render(text, lang) if isinstance(text, Message) else str(text)


def error_text(exc: IOClusterError, lang: str = "en") -> str:
    """An error as the user reads it in ``lang``: where it is (file, sheet, cell), then
    what is wrong (its keyed message in ``lang``). The command line writes errors with it
    in ``--lang``, the lab in the page's language."""
    where = ""
    loc = exc.location
    if loc is not None and str(loc):
        parts = [Path(loc.file).name] if loc.file is not None else []
        if loc.sheet is not None:
            parts.append(render(Message("cli.sheet", name=loc.sheet), lang))
        if loc.cell is not None:
            parts.append(keyed(loc.cell, lang))
        where = ", ".join(parts) + ": "
    return where + keyed(exc.message, lang)


@_cyrillic
def _by_pattern(text: str, lang: str) -> str:
    if lang not in LANGS or lang == "en":
        return text
    flat = " ".join(text.split())
    whole = _translate(flat, lang)
    if whole is not None:
        return whole
    parts = _SENTENCE.split(flat)
    if len(parts) == 1:
        return text
    out, i = [], 0
    while i < len(parts):  # the longest run of sentences a pattern knows, then the rest
        for j in range(len(parts), i, -1):
            done = _translate(" ".join(parts[i:j]), lang)
            if done is not None:
                out.append(done)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return " ".join(out)


#: A sentence boundary: a full stop, a space, a capital letter.
_SENTENCE = re.compile(r"(?<=\.) (?=[A-Z])")


def _translate(text: str, lang: str) -> str | None:
    """``text`` in ``lang`` by the first pattern matching it whole; None if none does."""
    for rx, ru, uz in _COMPILED:
        m = rx.match(text)
        if m is not None:
            template = ru if lang == "ru" else uz
            return template.format(**{k: _group(k, v, lang) for k, v in m.groupdict().items()})
    return None
