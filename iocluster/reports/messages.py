"""Library texts a report shows, in the report language: validation checks (name and
detail) and the assumptions the model states (closure, import rule, services, prices).

The analysis layers write these texts in English with their numbers inside
(:mod:`iocluster.analysis.validate`, :mod:`iocluster.model.closure`, ...). The reports
translate them here by pattern: each known English sentence is a regular expression
whose groups (codes, numbers, lists) are carried into the Russian or Uzbek sentence,
numbers rewritten in the language's format (space thousands separator, decimal comma).
A text no pattern knows is returned unchanged (English), and the report-language test
(``tests/test_report_language.py``) fails on it, so a new library sentence cannot slip
into a Russian or Uzbek report unnoticed.

>>> message("spectral radius of A = 0.3461 < 1", "ru")
'спектральный радиус A = 0,3461 < 1'
>>> message("all outputs >= 0", "uz")
'barcha ishlab chiqarish hajmlari ≥ 0'
>>> check_name("row identity", "ru")
'тождество строк'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from iocluster.core.messages import Message, render
from iocluster.core.uzcyrl import to_cyrillic
from iocluster.reports.i18n import LANGS, money_unit, number, tr

__all__ = [
    "check_name",
    "flag_label",
    "flag_reason",
    "localize_numbers",
    "message",
    "status_label",
]

#: Check name -> (Russian, Uzbek).
CHECK_NAMES: dict[str, tuple[str, str]] = {
    "row identity": ("тождество строк", "satrlar ayniyati"),
    "column identity": ("тождество столбцов", "ustunlar ayniyati"),
    "output non-negative": ("неотрицательный выпуск", "manfiy bo'lmagan ishlab chiqarish"),
    "intermediate flows": ("промежуточные потоки", "oraliq oqimlar"),
    "final demand": ("конечный спрос", "yakuniy talab"),
    "primary inputs and satellites": (
        "первичные затраты и сателлитные строки",
        "birlamchi xarajatlar va yo'ldosh satrlar",
    ),
    "zero-output sectors": ("отрасли с нулевым выпуском", "ishlab chiqarishi nol tarmoqlar"),
    "units and scale": ("единицы и масштаб", "birliklar va masshtab"),
    "productive": ("продуктивность", "mahsuldorlik"),
    "conditioning": ("обусловленность", "shartlanganlik"),
    "intermediate sales above output": (
        "промежуточные продажи больше выпуска",
        "oraliq sotuv ishlab chiqarishdan ko'p",
    ),
    "negative final demand": ("отрицательный конечный спрос", "manfiy yakuniy talab"),
    "linkage outliers": ("выбросы индексов связей", "aloqa indekslarining keskin qiymatlari"),
}

#: Words inside lists of a detail (final-demand roles, index names), English -> (ru, uz).
_WORDS: list[tuple[str, str, str]] = [
    ("sensitivity of dispersion", "чувствительность рассеяния", "tarqalish sezgirligi"),
    ("power of dispersion", "сила рассеяния", "tarqalish kuchi"),
    ("inventories", "запасы", "zaxiralar"),
    ("exports domestic", "экспорт отечественный", "eksport mahalliy"),
    ("compensation", "оплата труда", "mehnatga haq"),
    ("imports", "импорт", "import"),
    ("satellite", "сателлит", "yo'ldosh"),
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
    out = re.sub(r"× output \(([^)]*) vs ([^)]*)\)",
                 lambda m: (f"× {_W['output_gen'][k]} ({m.group(1)}{_W['vs'][k]} {m.group(2)})"),
                 out)  # fmt: skip
    out = out.replace("× output", f"× {_W['output_gen'][k]}")
    for en, ru, uz in _WORDS:
        out = out.replace(en, (en, ru, uz)[k])
    return out


_W = {
    "output_gen": ("output", "выпуска", "ishlab chiqarish"),
    "vs": (" vs", " при выпуске", "; ishlab chiqarish"),
}

#: (pattern, Russian, Uzbek). Groups are carried over through :func:`_inner`.
_PATTERNS: list[tuple[str, str, str]] = [
    # validation: row and column identities
    (
        r"uses = output \+ imports; max \|residual\| (?P<a>.+)",
        "использование = выпуск + импорт; макс. |невязка| {a}",
        "foydalanish = ishlab chiqarish + import; maks. |nomuvofiqlik| {a}",
    ),
    (
        r"uses = output; max \|residual\| (?P<a>.+)",
        "использование = выпуск; макс. |невязка| {a}",
        "foydalanish = ishlab chiqarish; maks. |nomuvofiqlik| {a}",
    ),
    (
        r"uses = output \+ imports fails by more than (?P<q>\S+) of resources: (?P<a>.+)",
        "использование ≠ выпуск + импорт более чем на {q} ресурсов: {a}",
        "foydalanish ≠ ishlab chiqarish + import, farq resurslarning {q} idan ko'p: {a}",
    ),
    (
        r"uses = output fails by more than (?P<q>\S+) of resources: (?P<a>.+)",
        "использование ≠ выпуск более чем на {q} ресурсов: {a}",
        "foydalanish ≠ ishlab chiqarish, farq resurslarning {q} idan ko'p: {a}",
    ),
    (
        r"uses = output \+ imports within (?P<q>\S+) of resources; largest: (?P<a>.+)",
        "использование = выпуск + импорт с точностью до {q} ресурсов; наибольшие: {a}",
        "foydalanish = ishlab chiqarish + import, resurslarning {q} aniqligida; eng kattalari: {a}",
    ),
    (
        r"uses = output within (?P<q>\S+) of resources; largest: (?P<a>.+)",
        "использование = выпуск с точностью до {q} ресурсов; наибольшие: {a}",
        "foydalanish = ishlab chiqarish, resurslarning {q} aniqligida; eng kattalari: {a}",
    ),
    (
        r"output = inputs; max \|residual\| (?P<a>.+)",
        "выпуск = затраты; макс. |невязка| {a}",
        "ishlab chiqarish = xarajatlar; maks. |nomuvofiqlik| {a}",
    ),
    (
        r"output − intermediate inputs − primary inputs leaves (?P<a>\S+) of total output "
        r"\((?P<b>[^)]+)\); a primary-input row \(e\.g\. net taxes on products\) may be missing; "
        r"beyond (?P<q>\S+) of the sector's output: (?P<c>.+)",
        "выпуск − промежуточные затраты − первичные затраты = {a} общего выпуска ({b}); "
        "возможно, не хватает строки первичных затрат (например, чистых налогов на продукты); "
        "больше {q} выпуска отрасли: {c}",
        "ishlab chiqarish − oraliq xarajatlar − birlamchi xarajatlar = jami ishlab "
        "chiqarishning {a} ({b}); birlamchi xarajatlar satri (masalan, mahsulotlarga sof "
        "soliqlar) yetishmasligi mumkin; tarmoq ishlab chiqarishining {q} idan ko'p: {c}",
    ),
    (
        r"output − intermediate inputs − primary inputs leaves (?P<a>\S+) of total output "
        r"\((?P<b>[^)]+)\); a primary-input row \(e\.g\. net taxes on products\) may be missing; "
        r"every sector within (?P<q>\S+) of its output; largest: (?P<c>.+)",
        "выпуск − промежуточные затраты − первичные затраты = {a} общего выпуска ({b}); "
        "возможно, не хватает строки первичных затрат (например, чистых налогов на продукты); "
        "у каждой отрасли в пределах {q} её выпуска; наибольшие: {c}",
        "ishlab chiqarish − oraliq xarajatlar − birlamchi xarajatlar = jami ishlab "
        "chiqarishning {a} ({b}); birlamchi xarajatlar satri (masalan, mahsulotlarga sof "
        "soliqlar) yetishmasligi mumkin; har bir tarmoqda o'z ishlab chiqarishining {q} "
        "doirasida; eng kattalari: {c}",
    ),
    # validation: signs
    (r"all outputs >= 0", "все выпуски ≥ 0", "barcha ishlab chiqarish hajmlari ≥ 0"),
    (r"negative output: (?P<a>.+)", "отрицательный выпуск: {a}", "manfiy ishlab chiqarish: {a}"),
    (r"no negative flows", "отрицательных потоков нет", "manfiy oqimlar yo'q"),
    (
        r"(?P<n>\d+) negative flows: (?P<a>.+)",
        "отрицательных потоков: {n}: {a}",
        "{n} ta manfiy oqim: {a}",
    ),
    (
        r"no negative final demand outside inventories",
        "отрицательного конечного спроса вне запасов нет",
        "zaxiralardan tashqari manfiy yakuniy talab yo'q",
    ),
    (
        r"negative final demand \(not inventories\): (?P<a>.+)",
        "отрицательный конечный спрос (не запасы): {a}",
        "manfiy yakuniy talab (zaxiralar emas): {a}",
    ),
    (
        r"compensation, imports, satellites >= 0",
        "оплата труда, импорт, сателлитные строки ≥ 0",
        "mehnatga haq, import, yo'ldosh satrlar ≥ 0",
    ),
    (r"negative: (?P<a>.+)", "отрицательные: {a}", "manfiy: {a}"),
    (r"every sector produces", "все отрасли производят", "har bir tarmoq ishlab chiqaradi"),
    (
        r"(?P<n>\d+) sectors with zero output \(coefficients set to 0\): (?P<a>.+)",
        "отраслей с нулевым выпуском: {n} (коэффициенты приравнены к 0): {a}",
        "ishlab chiqarishi nol bo'lgan {n} ta tarmoq (koeffitsientlar 0): {a}",
    ),
    # validation: units, productiveness
    (
        r"unit (?P<u>.+); input shares < 1",
        "единица: {u}; доли затрат < 1",
        "birlik: {u}; xarajat ulushlari < 1",
    ),
    (
        r"intermediate inputs reach or exceed output \(mixed units or a misread cell\?\): "
        r"(?P<a>.+)",
        "промежуточные затраты не меньше выпуска (смешаны единицы или ячейка прочитана "
        "неверно?): {a}",
        "oraliq xarajatlar ishlab chiqarishdan kam emas (birliklar aralashganmi yoki katak "
        "noto'g'ri o'qilganmi?): {a}",
    ),
    (
        r"the table states no currency or scale; .*",
        "в таблице не указаны валюта и масштаб; результаты в «денежных единицах» (укажите их "
        "в листе метаданных или командой iocluster convert --currency --scale)",
        "jadvalda valyuta va masshtab ko'rsatilmagan; natijalar «pul birligi»da (ularni "
        "metama'lumotlar varag'ida yoki iocluster convert --currency --scale bilan bering)",
    ),
    (
        r"spectral radius of A = (?P<a>\S+) < 1",
        "спектральный радиус A = {a} < 1",
        "A ning spektral radiusi = {a} < 1",
    ),
    (
        r"spectral radius of A = (?P<a>\S+) >= 1: no solution",
        "спектральный радиус A = {a} ≥ 1: решения нет",
        "A ning spektral radiusi = {a} ≥ 1: yechim yo'q",
    ),
    (
        r"sparse LU factorised without zero pivots",
        "разреженное LU-разложение без нулевых ведущих элементов",
        "siyrak LU yoyilmasi nol yetakchi elementlarsiz",
    ),
    (
        r"condition number of I − A ≈ (?P<a>\S+)",
        "число обусловленности I − A ≈ {a}",
        "I − A shartlanganlik soni ≈ {a}",
    ),
    # data artefacts
    (
        r"(?P<n>\d+) sectors sell more to domestic intermediate use than they produce "
        r"\(balanced by negative final demand or a data error; their forward linkages are "
        r"inflated\): (?P<a>.+)",
        "отраслей, продающих на промежуточное потребление больше, чем производят: {n} "
        "(уравновешено отрицательным конечным спросом или ошибка данных; их прямые связи "
        "завышены): {a}",
        "{n} ta tarmoq oraliq iste'molga ishlab chiqarganidan ko'p sotadi (manfiy yakuniy "
        "talab bilan muvozanatlangan yoki ma'lumot xatosi; ularning oldinga aloqalari "
        "oshirilgan): {a}",
    ),
    (
        r"no sector sells more than it makes",
        "ни одна отрасль не продаёт больше, чем производит",
        "hech bir tarmoq ishlab chiqarganidan ko'p sotmaydi",
    ),
    (
        r"(?P<n>\d+) inventories or other final-demand entries below −(?P<k>\S+) × output: "
        r"(?P<a>.+)",
        "запасов или иных элементов конечного спроса ниже −{k} × выпуска: {n}: {a}",
        "{n} ta zaxira yoki boshqa yakuniy talab qiymati −{k} × ishlab chiqarishdan past: {a}",
    ),
    (
        r"no inventories or other final demand below −(?P<k>\S+) × output",
        "запасов или иного конечного спроса ниже −{k} × выпуска нет",
        "−{k} × ishlab chiqarishdan past zaxira yoki boshqa yakuniy talab yo'q",
    ),
    (
        r"linkage indices beyond Q3 \+ (?P<k>\S+)·IQR in sectors with the artefacts above; their "
        r"key-sector rank reflects the data, not the linkages: (?P<a>.+)",
        "индексы связей выше Q3 + {k}·IQR в отраслях с указанными выше артефактами; их место "
        "среди ключевых отраслей отражает данные, а не связи: {a}",
        "yuqoridagi xatoliklari bor tarmoqlarda aloqa indekslari Q3 + {k}·IQR dan yuqori; "
        "ularning asosiy tarmoqlar orasidagi o'rni aloqalarni emas, ma'lumotlarni aks "
        "ettiradi: {a}",
    ),
    (
        r"no linkage-index outlier comes from such rows",
        "выбросов индексов связей из таких строк нет",
        "bunday satrlardan aloqa indeksi keskin qiymatlari yo'q",
    ),
    # the flags of sectors (iocluster.analysis.flags): the rule and each reason
    (
        r"Sectors the validation lists \(zero output; a row or column identity failing by more "
        r"than (?P<rw>\S+) of resources or (?P<cl>\S+) of output; intermediate sales above "
        r"output; inventories or other final demand below −(?P<fd>\S+) × output; a linkage "
        r"index beyond Q3 \+ (?P<k>\S+)·IQR in such a sector\) are flagged with the reason; "
        r"rankings rank the other sectors and list the flagged ones after them "
        r"\(--include-flagged ranks them with the others\)\.",
        "Отрасли из списков проверки (нулевой выпуск; тождество строки или столбца нарушено "
        "более чем на {rw} ресурсов или {cl} выпуска; промежуточные продажи больше выпуска; "
        "запасы или прочий конечный спрос ниже −{fd} × выпуска; индекс связей выше "
        "Q3 + {k}·IQR в такой отрасли) отмечаются с указанием причины; рейтинги ранжируют "
        "остальные отрасли, а отмеченные перечисляют после них (--include-flagged ранжирует "
        "их вместе с остальными).",
        "Tekshiruv ro'yxatlaridagi tarmoqlar (nol ishlab chiqarish; satr yoki ustun ayniyati "
        "resurslarning {rw} yoki ishlab chiqarishning {cl} idan ko'proq buzilgan; oraliq "
        "sotuv ishlab chiqarishdan ko'p; zaxiralar yoki boshqa yakuniy talab −{fd} × ishlab "
        "chiqarishdan past; bunday tarmoqda aloqa indeksi Q3 + {k}·IQR dan yuqori) sababi "
        "bilan belgilanadi; reytinglar qolgan tarmoqlarni saralaydi, belgilanganlarni esa "
        "ulardan keyin keltiradi (--include-flagged ularni boshqalar bilan birga saralaydi).",
    ),
    (r"zero output", "нулевой выпуск", "nol ishlab chiqarish"),
    (
        r"row identity: uses − resources = (?P<a>\S+) % of resources",
        "тождество строки: использование − ресурсы = {a} % ресурсов",
        "satr ayniyati: foydalanish − resurslar = resurslarning {a} %",
    ),
    (
        r"column identity: output − inputs = (?P<a>\S+) % of output",
        "тождество столбца: выпуск − затраты = {a} % выпуска",
        "ustun ayniyati: ishlab chiqarish − xarajatlar = ishlab chiqarishning {a} %",
    ),
    (
        r"intermediate sales = (?P<a>\S+) × output",
        "промежуточные продажи = {a} × выпуск",
        "oraliq sotuv = {a} × ishlab chiqarish",
    ),
    (
        r"inventories = (?P<a>\S+) × output",
        "запасы = {a} × выпуск",
        "zaxiralar = {a} × ishlab chiqarish",
    ),
    (
        r"other final demand = (?P<a>\S+) × output",
        "прочий конечный спрос = {a} × выпуск",
        "boshqa yakuniy talab = {a} × ishlab chiqarish",
    ),
    (
        r"inventories = (?P<a>\S+) with zero output",
        "запасы = {a} при нулевом выпуске",
        "zaxiralar = {a}, ishlab chiqarish nol",
    ),
    (
        r"other final demand = (?P<a>\S+) with zero output",
        "прочий конечный спрос = {a} при нулевом выпуске",
        "boshqa yakuniy talab = {a}, ishlab chiqarish nol",
    ),
    (
        r"(?P<i>sensitivity of dispersion|power of dispersion) = (?P<a>\S+) > Q3 \+ (?P<k>\S+)·IQR",
        "{i} = {a} > Q3 + {k}·IQR",
        "{i} = {a} > Q3 + {k}·IQR",
    ),
    # sector names (iocluster.io.names)
    (
        r"Sector names from (?P<f>.+) \((?P<c>name_\w+) column; (?P<n>\d+) of (?P<t>\d+) sectors, "
        r"the others as the table gives them\)\.",
        "Названия отраслей из файла {f} (столбец {c}; {n} из {t} отраслей, остальные — как в "
        "таблице).",
        "Tarmoq nomlari {f} faylidan ({c} ustuni; {t} ta tarmoqdan {n} tasi, qolganlari "
        "jadvaldagidek).",
    ),
    # assumptions: closure
    (
        r"Type II closure \(households endogenous\): household row = (?P<r>compensation of "
        r"employees|value added) per unit of output; household column = domestic household final "
        r"consumption per unit of total household final consumption \(domestic and imported; "
        r"budget shares, all income spent\); (?P<c>[^.]+)\.(?: Implied marginal propensity to "
        r"consume domestic products: (?P<p>\S+)\.)?",
        "Замыкание типа II (домохозяйства эндогенны): строка домохозяйств = {r} на единицу "
        "выпуска; столбец домохозяйств = потребление домохозяйствами отечественной продукции на "
        "единицу всего конечного потребления домохозяйств (отечественного и импортного; доли "
        "бюджета, весь доход расходуется); {c}.{p}",
        "II tur yopilishi (uy xo'jaliklari endogen): uy xo'jaliklari satri = ishlab chiqarish "
        "birligiga {r}; uy xo'jaliklari ustuni = uy xo'jaliklarining mahalliy mahsulot "
        "iste'moli, uy xo'jaliklari jami yakuniy iste'moli birligiga (mahalliy va import; "
        "byudjet ulushlari, butun daromad sarflanadi); {c}.{p}",
    ),
    (
        r"Type II closure \(households endogenous\): household row = (?P<r>compensation of "
        r"employees|value added) per unit of output; household column = domestic household final "
        r"consumption per unit of total household income \((?P<i>[^)]*)\); (?P<c>[^.]+)\.(?: "
        r"Implied marginal propensity to consume domestic products: (?P<p>\S+)\.)?",
        "Замыкание типа II (домохозяйства эндогенны): строка домохозяйств = {r} на единицу "
        "выпуска; столбец домохозяйств = потребление домохозяйствами отечественной продукции на "
        "единицу всего дохода домохозяйств ({i}); {c}.{p}",
        "II tur yopilishi (uy xo'jaliklari endogen): uy xo'jaliklari satri = ishlab chiqarish "
        "birligiga {r}; uy xo'jaliklari ustuni = uy xo'jaliklarining mahalliy mahsulot "
        "iste'moli, uy xo'jaliklari jami daromadi birligiga ({i}); {c}.{p}",
    ),
    (
        r"Open model: no Type II closure; induced effects not computed\.",
        "Открытая модель: без замыкания типа II; индуцированные эффекты не рассчитаны.",
        "Ochiq model: II tur yopilishisiz; induktsiyalangan ta'sirlar hisoblanmagan.",
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
]

#: Parts of the closure sentence (row, corner).
_CLOSURE_PARTS: list[tuple[str, str, str]] = [
    ("compensation of employees", "оплата труда", "mehnatga haq to'lash"),
    ("value added", "добавленная стоимость", "qo'shilgan qiymat"),
    (
        "corner cell = compensation paid by households as employers (NACE section T)",
        "угловая ячейка = оплата труда, выплачиваемая домохозяйствами как работодателями "
        "(секция T)",
        "burchak katagi = uy xo'jaliklari ish beruvchi sifatida to'laydigan mehnat haqi "
        "(T bo'limi)",
    ),
    ("corner cell 0", "угловая ячейка 0", "burchak katagi 0"),
    ("corner cell", "угловая ячейка", "burchak katagi"),
    ("given:", "задан:", "berilgan:"),
    ("= total compensation of employees", "= вся оплата труда", "= jami mehnatga haq"),
    ("= total value added", "= вся добавленная стоимость", "= jami qo'shilgan qiymat"),
]

_COMPILED = [(re.compile(p + r"\Z", re.S), ru, uz) for p, ru, uz in _PATTERNS]


def _group(name: str, value: str | None, lang: str) -> str:
    k = LANGS.index(lang)
    if value is None:
        return ""
    if name == "p":  # the implied propensity sentence
        return " " + tr("propensity", lang) + ": " + localize_numbers(value, lang) + "."
    if name == "u":  # the table's unit, "million UZS"
        *scale, currency = value.split() or [""]
        return money_unit(" ".join(scale), currency, lang)
    if name in ("k", "src"):  # region keys, a file name: as given
        return value
    if name in ("r", "c", "i"):
        for part in _CLOSURE_PARTS:
            value = value.replace(part[0], part[k])
    return _inner(value, lang)


def message(text: Message | str, lang: str) -> str:
    """A library message in ``lang``: a keyed :class:`Message` from the catalogues; an
    English sentence of a layer not yet keyed by pattern (unchanged when English or
    when no pattern knows it)."""
    if isinstance(text, Message):
        return render(text, lang)
    return _by_pattern(str(text), lang)


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


@_cyrillic
def flag_reason(text: str, lang: str) -> str:
    """A sector's ``reason`` (:func:`iocluster.analysis.flags.sector_flags`: phrases
    joined by "; ") in ``lang``.

    >>> flag_reason("intermediate sales = 2.33 × output; inventories = -1.94 × output", "ru")
    'промежуточные продажи = 2,33 × выпуск; запасы = −1,94 × выпуск'
    """
    if lang == "en" or not text:
        return text
    return "; ".join(_translate(part, lang) or part for part in text.split("; "))


def flag_label(flags: str, lang: str) -> str:
    """A sector's ``flag`` (kinds joined by ", ") in words of ``lang``.

    >>> flag_label("sales_above_output, identity", "uz")
    "sotuv ishlab chiqarishdan ko'p, ayniyat buzilgan"
    """
    return ", ".join(tr(f"flag_{k.strip()}", lang) for k in flags.split(",") if k.strip())


@_cyrillic
def check_name(name: str, lang: str) -> str:
    """A validation check's name in ``lang`` (unknown names unchanged)."""
    if lang not in ("ru", "uz") or name not in CHECK_NAMES:
        return name
    return CHECK_NAMES[name][0 if lang == "ru" else 1]


def status_label(status: str, lang: str) -> str:
    """PASS / WARN / FAIL in ``lang``."""
    return tr(status, lang) if status in ("PASS", "WARN", "FAIL") else status
