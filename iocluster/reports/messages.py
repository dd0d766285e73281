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
    (
        r"Baseline output is the model solution x₀ = L y₀ with the table's domestic final "
        r"demand; scenario output solves \(I − A'\)x₁ = y₁ by rank-k \(Woodbury\) updates of the "
        r"base factorisation\.",
        "Базовый выпуск — решение модели x₀ = L y₀ при отечественном конечном спросе таблицы; "
        "выпуск сценария решает (I − A')x₁ = y₁ обновлениями ранга k (Вудбери) базового "
        "разложения.",
        "Bazaviy ishlab chiqarish — jadvalning mahalliy yakuniy talabida x₀ = L y₀ model "
        "yechimi; ssenariy ishlab chiqarishi (I − A')x₁ = y₁ ni bazaviy yoyilmani k-rangli "
        "(Vudberi) yangilash orqali yechadi.",
    ),
    (
        r"Imports: by product, imported inputs Aᵐx plus imported final demand\.",
        "Импорт: по продуктам, импортные затраты Aᵐx плюс импортный конечный спрос.",
        "Import: mahsulotlar bo'yicha, import xarajatlari Aᵐx va import yakuniy talab.",
    ),
    (
        r"Imports: imported inputs by using sector; totals add imported final demand\.",
        "Импорт: импортные затраты по отраслям-потребителям; итоги включают импортный конечный "
        "спрос.",
        "Import: iste'molchi tarmoqlar bo'yicha import xarajatlari; jamiga import yakuniy "
        "talab qo'shiladi.",
    ),
    (
        r"Services \(for the services content\): (?P<a>.+?) \(NACE sections G–T \(trade to "
        r"household services\) by the sector code's letter\)",
        "Услуги (для доли услуг): {a} (секции G–T ОКЭД (от торговли до услуг домохозяйств) по "
        "букве кода отрасли)",
        "Xizmatlar (xizmatlar ulushi uchun): {a} (IFUT G–T bo'limlari (savdodan uy "
        "xo'jaliklari xizmatlarigacha) tarmoq kodi harfi bo'yicha)",
    ),
    (
        r"Services \(for the services content\): (?P<a>.+?) \(sectors tagged 'services' in the "
        r"table's '(?P<c>[^']+)' column\)",
        "Услуги (для доли услуг): {a} (отрасли с меткой 'services' в столбце '{c}' таблицы)",
        "Xizmatlar (xizmatlar ulushi uchun): {a} (jadvalning '{c}' ustunida 'services' "
        "belgili tarmoqlar)",
    ),
    (
        r"Services \(for the services content\): (?P<a>.+)",
        "Услуги (для доли услуг): {a}",
        "Xizmatlar (xizmatlar ulushi uchun): {a}",
    ),
    (
        r"Absolute final-demand changes in categories other than exports are split into "
        r"domestic and imported parts by the product's import share; exports are domestic\.",
        "Абсолютные изменения конечного спроса (кроме экспорта) делятся на отечественную и "
        "импортную части по доле импорта продукта; экспорт — отечественный.",
        "Yakuniy talabning mutlaq o'zgarishlari (eksportdan tashqari) mahsulotning import "
        "ulushi bo'yicha mahalliy va import qismlarga bo'linadi; eksport — mahalliy.",
    ),
    (
        r"Prices: Leontief price model, imported inputs at unchanged prices; the price level "
        r"weights sectors by baseline domestic final demand\.",
        "Цены: ценовая модель Леонтьева, импортные затраты по неизменным ценам; уровень цен "
        "взвешивает отрасли по базовому отечественному конечному спросу.",
        "Narxlar: Leontyev narx modeli, import xarajatlari o'zgarmas narxlarda; narxlar "
        "darajasi tarmoqlarni bazaviy mahalliy yakuniy talab bo'yicha tortadi.",
    ),
    # assumptions: capacity-limited sectors (iocluster.scenarios.capacity)
    (
        r"Capacity-limited sectors \(mixed model, Miller & Blair 2009 §13\.1\): their output "
        r"is held at the baseline \(fixed_output\) or at most the capped growth \(capacity\); "
        r"their domestic final demand gives way by the change needed, met by imports "
        r"\(give_way = imports, the default: final users keep their supply\) or by exports "
        r"\(give_way = exports\)\. Solved against the base factorisation \(one batched solve, "
        r"no new inverse\)\. The Type II closed model holds them too: induced household "
        r"demand for a held product is met from abroad \(not counted in induced imports\)\.",
        "Отрасли с ограниченными мощностями (смешанная модель, Miller & Blair 2009, §13.1): "
        "их выпуск удерживается на базовом уровне (fixed_output) или растёт не больше "
        "заданного предела ('capacity'); конечный спрос на их отечественную продукцию "
        "уменьшается на необходимую величину, а недостающее покрывается импортом "
        "(give_way = 'imports', по умолчанию: конечные потребители сохраняют своё "
        "снабжение) или сокращением экспорта (give_way = 'exports'). Решается с базовым "
        "разложением (одно пакетное решение, без новой обратной матрицы). Замкнутая модель "
        "типа II также удерживает их выпуск: индуцированный спрос домохозяйств на такую "
        "продукцию покрывается из-за рубежа (не учитывается в индуцированном импорте).",
        "Quvvati cheklangan tarmoqlar (aralash model, Miller & Blair 2009, §13.1): ularning "
        "ishlab chiqarishi bazaviy darajada (fixed_output) yoki belgilangan o'sish "
        "chegarasidan oshmagan darajada ('capacity') ushlab turiladi; ularning mahalliy "
        "mahsulotiga yakuniy talab kerakli miqdorda kamayadi, yetishmagan qismi import "
        "(give_way = 'imports', standart holat: yakuniy iste'molchilar ta'minoti saqlanadi) "
        "yoki eksportni qisqartirish (give_way = 'exports') hisobiga qoplanadi. Bazaviy "
        "yoyilma bilan yechiladi (bitta paketli yechim, yangi teskari matritsasiz). II tur "
        "yopiq modeli ham ularning ishlab chiqarishini ushlab turadi: bunday mahsulotga uy "
        "xo'jaliklarining induktsiyalangan talabi chetdan qondiriladi (induktsiyalangan "
        "importda hisobga olinmaydi).",
    ),
    # assumptions: taxes and subsidies (iocluster.scenarios.fiscal, .taxes)
    (
        r"Tax schedule: (?P<s>.+?)(?: \(tax file (?P<tf>[^()]+)\))?\.",
        "Налоговые инструменты: {s}{tf}.",
        "Soliq vositalari: {s}{tf}.",
    ),
    (
        r"The tax file's taxes on production exceed the table's own net taxes on production "
        r"in (?P<n>\d+) sector\(s\) \((?P<a>[^)]*)\): the table's remainder is negative there "
        r"\(read as a net subsidy\); check the rates\.",
        "Налоги на производство из налогового файла превышают собственные чистые налоги на "
        "производство в таблице в отраслях ({n}: {a}): остаток таблицы там отрицателен "
        "(читается как чистая субсидия); проверьте ставки.",
        "Soliq faylidagi ishlab chiqarish soliqlari {n} ta tarmoqda ({a}) jadvalning o'z "
        "sof ishlab chiqarish soliqlaridan oshadi: u yerda jadval qoldig'i manfiy (sof "
        "subsidiya deb o'qiladi); stavkalarni tekshiring.",
    ),
    (
        r"Tax and subsidy shocks change rates; a tax on output or value added changes unit "
        r"costs, passed on to prices \(Leontief price model\) at the pass-through share "
        r"(?P<d>.+?) \(1 = full, the default\), the rest changes operating surplus\. Taxes on "
        r"consumption, compensation and operating surplus change revenue, not basic prices\.",
        "Шоки налогов и субсидий меняют ставки; налог на выпуск или добавленную стоимость "
        "меняет удельные издержки, которые переносятся в цены (ценовая модель Леонтьева) с "
        "долей переноса {d} (1 = полностью, по умолчанию), остальное меняет валовую "
        "прибыль. Налоги на потребление, оплату труда и валовую прибыль меняют поступления, "
        "но не базовые цены.",
        "Soliq va subsidiya zarbalari stavkalarni o'zgartiradi; ishlab chiqarish yoki "
        "qo'shilgan qiymatga soliq birlik xarajatlarini o'zgartiradi, ular narxlarga "
        "(Leontyev narx modeli) {d} o'tkazish ulushi bilan o'tadi (1 = to'liq, standart "
        "holat), qolgan qismi yalpi foydani o'zgartiradi. Iste'mol, mehnatga haq va yalpi "
        "foydaga soliqlar bazaviy narxlarni emas, tushumlarni o'zgartiradi.",
    ),
    (
        r"Export quantities respond to their price change with the elasticity (?P<d>.+?) "
        r"\(0 = fixed quantities, the default\); other final demand is fixed in quantity "
        r"\(the price model is not fed back into domestic demand\)\.",
        "Физические объёмы экспорта реагируют на изменение своих цен с эластичностью {d} "
        "(0 = объёмы неизменны, по умолчанию); остальной конечный спрос неизменен в "
        "натуральном выражении (результаты ценовой модели не передаются обратно в "
        "отечественный спрос).",
        "Eksportning natural hajmlari o'z narxi o'zgarishiga {d} elastiklik bilan javob "
        "beradi (0 = hajmlar o'zgarmas, standart holat); boshqa yakuniy talab natural "
        "hajmda o'zgarmas (narx modeli natijalari mahalliy talabga qaytarilmaydi).",
    ),
    (
        r"Fiscal balance: revenue lost = the rate change times the baseline base; revenue "
        r"from activity = the new rates times the change in the bases \(direct, indirect, "
        r"induced\), at the table's effective rates; net cost = revenue lost − revenue from "
        r"activity\. By year: the annual balance times the share of the change in force "
        r"\(phasing\)\. Induced consumption taxes count spending on domestic products\.",
        "Бюджетный баланс: потерянные поступления = изменение ставки × базовая налоговая "
        "база; поступления от вызванной активности = новые ставки × изменение налоговых баз "
        "(прямое, косвенное, индуцированное) по эффективным ставкам таблицы; чистые затраты "
        "= потерянные поступления − поступления от активности. По годам: годовой баланс × "
        "доля изменения, действующая в этом году ('phasing'). Индуцированные налоги на "
        "потребление учитывают только расходы на отечественную продукцию.",
        "Byudjet balansi: yo'qotilgan tushum = stavka o'zgarishi × bazaviy soliq bazasi; "
        "yuzaga kelgan faollikdan tushum = yangi stavkalar × soliq bazalarining o'zgarishi "
        "(to'g'ridan-to'g'ri, bilvosita, induktsiyalangan), jadvalning samarali "
        "stavkalarida; sof xarajat = yo'qotilgan tushum − faollikdan tushum. Yillar "
        "bo'yicha: yillik balans × o'sha yili amalda bo'lgan o'zgarish ulushi ('phasing'). "
        "Induktsiyalangan iste'mol soliqlari faqat mahalliy mahsulotlarga sarflarni "
        "hisobga oladi.",
    ),
    # assumptions: investment programmes (iocluster.scenarios.policy_results)
    (
        r"Investment programmes: amounts by asset type are spread over supplying products "
        r"by the bridge matrix \(default: the table's GFCF column, products assigned to "
        r"asset types by code: construction F; machinery C25, C27, C28, C33; transport "
        r"C29, C30; ICT C26, J58\.2, J62, J63; other the rest; a bridge file named in the "
        r"scenario file replaces the columns it gives\); each product's import share in "
        r"final uses \(the import rule\) leaks abroad, the rest is domestic final demand "
        r"for investment\.",
        "Инвестиционные программы: суммы по видам активов распределяются по "
        "продуктам-поставщикам матрицей-мостом (по умолчанию: столбец валового накопления "
        "основного капитала таблицы; продукты отнесены к видам активов по коду: "
        "строительство ('construction') — F; машины и оборудование ('machinery') — C25, "
        "C27, C28, C33; транспортные средства ('transport') — C29, C30; ИКТ ('ict') — C26, "
        "J58.2, J62, J63; прочее ('other') — остальные; файл-мост, указанный в файле "
        "сценария, заменяет заданные в нём столбцы); доля импорта каждого продукта в "
        "конечном использовании (правило импорта) уходит за рубеж, остальное — "
        "отечественный конечный спрос на инвестиции.",
        "Investitsiya dasturlari: aktiv turlari bo'yicha summalar ko'prik matritsasi orqali "
        "yetkazib beruvchi mahsulotlarga taqsimlanadi (standart holat: jadvalning asosiy "
        "kapitalning yalpi jamg'arilishi ustuni; mahsulotlar aktiv turlariga kod bo'yicha "
        "biriktirilgan: qurilish ('construction') — F; mashina va uskunalar ('machinery') "
        "— C25, C27, C28, C33; transport vositalari ('transport') — C29, C30; AKT ('ict') "
        "— C26, J58.2, J62, J63; boshqa ('other') — qolganlari; ssenariy faylida "
        "ko'rsatilgan ko'prik fayli o'zi bergan ustunlarni almashtiradi); har bir "
        "mahsulotning yakuniy foydalanishdagi import ulushi (import qoidasi) chetga chiqib "
        "ketadi, qolgani investitsiyalarga mahalliy yakuniy talab.",
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

#: A tax instrument's kind and base in the tax schedule sentence, "(tax on output)".
_TAX_KIND = {
    "tax": ("tax", "налог на", "soliq"),
    "subsidy": ("subsidy", "субсидия на", "subsidiya"),
}
_TAX_BASE = {
    "output": ("output", "выпуск", "ishlab chiqarishga"),
    "value_added": ("value added", "добавленную стоимость", "qo'shilgan qiymatga"),
    "compensation": ("compensation", "оплату труда", "mehnatga haq to'lashga"),
    "operating_surplus": ("operating surplus", "валовую прибыль", "yalpi foydaga"),
    "consumption": ("consumption", "потребление", "iste'molga"),
}
#: The sources of the tax schedule the library writes (the tax file's own are the user's).
_TAX_SOURCES: list[tuple[str, str, str]] = [
    (
        r"the table's row '([^']+)' per unit of output, less the tax file's taxes on production",
        r"строка таблицы '\1' на единицу выпуска за вычетом налогов на производство из "
        "налогового файла",
        r"jadvalning '\1' satri ishlab chiqarish birligiga, soliq faylidagi ishlab chiqarish "
        "soliqlari ayirilgan holda",
    ),
    (
        r"the table's row '([^']+)' per unit of output",
        r"строка таблицы '\1' на единицу выпуска",
        r"jadvalning '\1' satri ishlab chiqarish birligiga",
    ),
    (r"(?<=: )tax file(?=; |$)", "налоговый файл", "soliq fayli"),
]


def _tax_items(text: str, lang: str) -> str:
    """The instruments of the tax schedule sentence: ``name (kind on base): source``."""
    k = LANGS.index(lang)
    bases = "|".join(_TAX_BASE)
    out = re.sub(
        rf"(\S+) \((tax|subsidy) on ({bases})\): ",
        lambda m: f"{m.group(1)} ({_kind_base(m.group(2), m.group(3), k)}): ",
        text,
    )
    for en, ru, uz in _TAX_SOURCES:
        out = re.sub(en, (en, ru, uz)[k], out)
    return localize_numbers(out, lang)


def _kind_base(kind: str, base: str, k: int) -> str:
    """ "налог на выпуск", "ishlab chiqarishga soliq"."""
    if k == 2:
        return f"{_TAX_BASE[base][k]} {_TAX_KIND[kind][k]}"
    return f"{_TAX_KIND[kind][k]} {_TAX_BASE[base][k]}"


def _group(name: str, value: str | None, lang: str) -> str:
    k = LANGS.index(lang)
    if value is None:
        return ""
    if name == "p":  # the implied propensity sentence
        return " " + tr("propensity", lang) + ": " + localize_numbers(value, lang) + "."
    if name == "u":  # the table's unit, "million UZS"
        *scale, currency = value.split() or [""]
        return money_unit(" ".join(scale), currency, lang)
    if name in ("ms", "w"):  # what regional data measure: employment or output
        return _REGIONAL[value][k]
    if name in ("k", "src"):  # region keys, a file name: as given
        return value
    if name in ("d", "tf"):  # a distribution as the scenario file gives it; a file name
        return (
            value
            if name == "d"
            else " (" + ("", "налоговый файл ", "soliq fayli ")[k] + value + ")"
        )
    if name == "s":
        return _tax_items(value, lang)
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
