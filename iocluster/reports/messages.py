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
