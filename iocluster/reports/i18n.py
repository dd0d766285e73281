"""Report language: headings and labels in English, Russian and Uzbek (Latin).

Reports, figures and the terminal summary of ``iocluster analyze`` take their words from
here (``--lang en|ru|uz``). Sector names are not translated: they come from the table.
A key without a translation falls back to English, so a new label never breaks a report.

>>> tr("multipliers", "ru")
'Мультипликаторы'
>>> tr("multipliers", "uz")
'Multiplikatorlar'
>>> tr("no such key", "ru")
'no such key'
"""

from __future__ import annotations

from typing import get_args

from iocluster.core.choices import Lang
from iocluster.errors import InputError

__all__ = ["LABELS", "LANGS", "Lang", "check_lang", "money_unit", "number", "tr"]

LANGS: tuple[Lang, ...] = get_args(Lang)

#: key -> (English, Russian, Uzbek Latin)
LABELS: dict[str, tuple[str, str, str]] = {
    # sheets
    "summary": ("Summary", "Сводка", "Xulosa"),
    "validation": ("Validation", "Проверка", "Tekshiruv"),
    "multipliers": ("Multipliers", "Мультипликаторы", "Multiplikatorlar"),
    "key_sectors": ("Key sectors", "Ключевые отрасли", "Asosiy tarmoqlar"),
    "cluster_linkages": ("Cluster linkages", "Связи кластеров", "Klaster aloqalari"),
    "impacts": ("Impacts", "Эффекты", "Ta'sirlar"),
    "impacts_by_sector": ("Impacts by sector", "Эффекты по отраслям", "Tarmoqlar bo'yicha ta'sir"),
    "impacts_by_cluster": (
        "Impacts by cluster",
        "Эффекты по кластерам",
        "Klasterlar bo'yicha ta'sir",
    ),
    "va_chain": ("Value-added chain", "Цепочка добавленной стоимости", "Qo'shilgan qiymat zanjiri"),
    "about": ("About", "О расчёте", "Hisob haqida"),
    # common headers
    "code": ("Code", "Код", "Kod"),
    "sector": ("Sector", "Отрасль", "Tarmoq"),
    "cluster": ("Cluster", "Кластер", "Klaster"),
    "scenario": ("Scenario", "Сценарий", "Ssenariy"),
    "measure": ("Measure", "Показатель", "Ko'rsatkich"),
    "indicator": ("Indicator", "Показатель", "Ko'rsatkich"),
    "value": ("Value", "Значение", "Qiymat"),
    "unit": ("Unit", "Единица", "Birlik"),
    "item": ("Item", "Пункт", "Band"),
    "section": ("Section", "Раздел", "Bo'lim"),
    "check": ("Check", "Проверка", "Tekshiruv"),
    "status": ("Status", "Статус", "Holat"),
    "detail": ("Detail", "Подробности", "Tafsilot"),
    "rank": ("Rank", "Ранг", "O'rin"),
    "baseline": ("Baseline", "База", "Bazaviy"),
    "change": ("Change", "Изменение", "O'zgarish"),
    "pct_change": ("Change, %", "Изменение, %", "O'zgarish, %"),
    "before": ("Before", "До", "Oldin"),
    "after": ("After", "После", "Keyin"),
    "share": ("Share", "Доля", "Ulush"),
    "direct": ("Direct", "Прямой", "To'g'ridan-to'g'ri"),
    "indirect": ("Indirect", "Косвенный", "Bilvosita"),
    "induced": ("Induced", "Индуцированный", "Induktsiyalangan"),
    "total": ("Total", "Всего", "Jami"),
    "other": ("Other", "Прочие", "Boshqalar"),
    "persons": ("persons", "чел.", "kishi"),
    "index_1_avg": ("index, 1 = average", "индекс, 1 = среднее", "indeks, 1 = o'rtacha"),
    "per_unit_fd": (
        "per unit of final demand",
        "на единицу конечного спроса",
        "yakuniy talab birligiga",
    ),
    "per_unit_pi": (
        "per unit of primary input",
        "на единицу первичных затрат",
        "birlamchi xarajat birligiga",
    ),
    "jobs_per": ("persons per", "чел. на", "kishi /"),
    # measures
    "output": ("Output", "Выпуск", "Ishlab chiqarish"),
    "value_added": ("Value added", "Добавленная стоимость", "Qo'shilgan qiymat"),
    "compensation": ("Compensation of employees", "Оплата труда", "Mehnatga haq to'lash"),
    "income": ("Labour income", "Доходы от труда", "Mehnat daromadi"),
    "imports": ("Imports", "Импорт", "Import"),
    "exports": ("Foreign exports", "Экспорт (за рубеж)", "Eksport (xorijga)"),
    "interregional": (
        "Net sales to other regions",
        "Чистый вывоз в другие регионы",
        "Boshqa hududlarga sof sotuv",
    ),
    "employment": ("Employment", "Занятость", "Bandlik"),
    "price_level": ("Price level", "Уровень цен", "Narxlar darajasi"),
    # multiplier kinds
    "simple": ("simple", "простой", "oddiy"),
    "type_I": ("Type I", "тип I", "I tur"),
    "type_II": ("Type II", "тип II", "II tur"),
    "total_mult": ("total (Type II model)", "полный (модель типа II)", "to'liq (II tur model)"),
    "output_multiplier": (
        "Output multiplier",
        "Мультипликатор выпуска",
        "Ishlab chiqarish multiplikatori",
    ),
    "va_multiplier": (
        "Value-added multiplier",
        "Мультипликатор добавленной стоимости",
        "Qo'shilgan qiymat multiplikatori",
    ),
    "income_multiplier": ("Income multiplier", "Мультипликатор доходов", "Daromad multiplikatori"),
    "employment_multiplier": (
        "Employment multiplier",
        "Мультипликатор занятости",
        "Bandlik multiplikatori",
    ),
    # linkages
    "backward_total": ("Backward linkage, total", "Обратная связь, полная", "Orqaga aloqa, to'liq"),
    "forward_total": ("Forward linkage, total", "Прямая связь, полная", "Oldinga aloqa, to'liq"),
    "power_of_dispersion": (
        "Power of dispersion (backward index)",
        "Сила рассеяния (индекс обратной связи)",
        "Tarqalish kuchi (orqaga indeks)",
    ),
    "sensitivity_of_dispersion": (
        "Sensitivity of dispersion (forward index)",
        "Чувствительность рассеяния (индекс прямой связи)",
        "Tarqalish sezgirligi (oldinga indeks)",
    ),
    "class": ("Class", "Тип", "Turi"),
    "key": ("key", "ключевая", "asosiy"),
    "backward-oriented": ("backward-oriented", "обратно ориентированная", "orqaga yo'naltirilgan"),
    "forward-oriented": ("forward-oriented", "прямо ориентированная", "oldinga yo'naltirilgan"),
    "weak": ("weak", "слабая", "kuchsiz"),
    "output_share": ("Share of output", "Доля в выпуске", "Ishlab chiqarishdagi ulush"),
    "sectors_n": ("Sectors", "Отраслей", "Tarmoqlar soni"),
    "extraction_loss": (
        "Output lost if extracted",
        "Потеря выпуска при исключении",
        "Chiqarib tashlanganda yo'qotilgan ishlab chiqarish",
    ),
    # value-added chain
    "final_demand": ("Final demand", "Конечный спрос", "Yakuniy talab"),
    "dva": (
        "Domestic value added",
        "Отечественная добавленная стоимость",
        "Mahalliy qo'shilgan qiymat",
    ),
    "dva_share": (
        "Domestic value added per unit of final demand",
        "Отечественная добавленная стоимость на единицу конечного спроса",
        "Yakuniy talab birligiga mahalliy qo'shilgan qiymat",
    ),
    "services_va": (
        "Services value added",
        "Добавленная стоимость услуг",
        "Xizmatlar qo'shilgan qiymati",
    ),
    "services_share": (
        "Services share of value added",
        "Доля услуг в добавленной стоимости",
        "Qo'shilgan qiymatda xizmatlar ulushi",
    ),
    "imported_inputs": ("Imported inputs", "Импортные затраты", "Import xarajatlari"),
    "import_content": ("Import content", "Импортоёмкость", "Import sig'imi"),
    "jobs": ("Jobs", "Рабочие места", "Ish o'rinlari"),
    "services_content": (
        "Services value added per unit of cluster final demand",
        "Добавленная стоимость услуг на единицу конечного спроса кластера",
        "Klaster yakuniy talabi birligiga xizmatlar qo'shilgan qiymati",
    ),
    # summary sheet
    "report_title": (
        "Input-output analysis report",
        "Отчёт межотраслевого анализа",
        "Tarmoqlararo tahlil hisoboti",
    ),
    "table": ("Table", "Таблица", "Jadval"),
    "year": ("Year", "Год", "Yil"),
    "region": ("Region", "Регион", "Hudud"),
    "units_money": ("Monetary unit", "Денежная единица", "Pul birligi"),
    "headline": ("Headline numbers", "Основные показатели", "Asosiy ko'rsatkichlar"),
    "total_output": ("Total output", "Общий выпуск", "Jami ishlab chiqarish"),
    "total_va": ("Total value added", "Общая добавленная стоимость", "Jami qo'shilgan qiymat"),
    "total_jobs": ("Total employment", "Общая занятость", "Jami bandlik"),
    "checks_passed": ("Checks passed", "Проверок пройдено", "O'tgan tekshiruvlar"),
    "top_key_sectors": ("Key sectors", "Ключевые отрасли", "Asosiy tarmoqlar"),
    "largest_multiplier": (
        "Largest output multiplier",
        "Наибольший мультипликатор выпуска",
        "Eng katta ishlab chiqarish multiplikatori",
    ),
    "scenario_effect": ("Scenario effect", "Эффект сценария", "Ssenariy ta'siri"),
    "illustrative": (
        "Illustrative data: describes no real economy.",
        "Иллюстративные данные: не описывают реальную экономику.",
        "Namunaviy ma'lumotlar: real iqtisodiyotni tavsiflamaydi.",
    ),
    "sheets_in_report": ("Sheets in this report", "Листы отчёта", "Hisobot varaqlari"),
    # about sheet
    "program": ("Program", "Программа", "Dastur"),
    "command": ("Command line", "Командная строка", "Buyruq satri"),
    "created": ("Created", "Создан", "Yaratilgan"),
    "source": ("Source", "Источник", "Manba"),
    "notes": ("Notes", "Примечания", "Izohlar"),
    "table_kind": ("Table kind", "Тип таблицы", "Jadval turi"),
    "closure": (
        "Household closure (Type II)",
        "Замыкание по домохозяйствам (тип II)",
        "Uy xo'jaliklari yopilishi (II tur)",
    ),
    "propensity": (
        "Marginal propensity to consume domestic products (implied by the closure)",
        "Предельная склонность к потреблению отечественной продукции (следует из замыкания)",
        "Mahalliy mahsulotlarni iste'mol qilishga chegaraviy moyillik (yopilishdan kelib chiqadi)",
    ),
    "outlier": ("Outlier", "Выброс", "Keskin qiymat"),
    "outlier_outlier": (
        "index far above the others",
        "индекс намного выше остальных",
        "indeks boshqalardan ancha yuqori",
    ),
    "outlier_artefact": (
        "data artefact: sales above output or negative inventories (see Validation)",
        "артефакт данных: продажи больше выпуска или отрицательные запасы (см. Проверка)",
        "ma'lumot xatoligi: sotuv ishlab chiqarishdan ko'p yoki zaxira manfiy (Tekshiruvga qarang)",
    ),
    "off_scale": ("off scale", "за пределами шкалы", "shkaladan tashqarida"),
    "mc_sheet": ("Monte Carlo", "Монте-Карло", "Monte-Karlo"),
    "mc_sector_sheet": (
        "Monte Carlo by sector",
        "Монте-Карло по отраслям",
        "Monte-Karlo tarmoqlar bo'yicha",
    ),
    "assumption": ("Assumption", "Допущение", "Faraz"),
    "import_assumption": ("Imports", "Импорт", "Import"),
    "scenario_file": ("Scenario file", "Файл сценария", "Ssenariy fayli"),
    "shock": ("Shock", "Шок", "Zarba"),
    "forward_basis": ("Forward linkages", "Прямые связи", "Oldinga aloqalar"),
    "provenance": ("Table provenance", "Происхождение таблицы", "Jadval manbasi"),
    "checks": ("Checks", "Проверки", "Tekshiruvlar"),
    "assumptions": ("Assumptions", "Допущения", "Faraz(lar)"),
    "reproduce": ("Reproduce", "Воспроизведение", "Qayta hisoblash"),
    # figures
    "fig_quadrant": (
        "Key sectors: backward vs forward linkages",
        "Ключевые отрасли: обратные и прямые связи",
        "Asosiy tarmoqlar: orqaga va oldinga aloqalar",
    ),
    "fig_multipliers": (
        "Output multipliers by sector",
        "Мультипликаторы выпуска по отраслям",
        "Tarmoqlar bo'yicha ishlab chiqarish multiplikatorlari",
    ),
    "fig_impacts_sector": (
        "Scenario impacts by sector",
        "Эффекты сценария по отраслям",
        "Tarmoqlar bo'yicha ssenariy ta'siri",
    ),
    "fig_impacts_cluster": (
        "Scenario impacts by cluster",
        "Эффекты сценария по кластерам",
        "Klasterlar bo'yicha ssenariy ta'siri",
    ),
    "fig_va_chain": (
        "Where the value of each cluster's final demand is created",
        "Где создаётся стоимость конечного спроса каждого кластера",
        "Har bir klaster yakuniy talabi qiymati qayerda yaratiladi",
    ),
    "fig_regional": (
        "Regional specialisation (location quotients)",
        "Региональная специализация (коэффициенты локализации)",
        "Hududiy ixtisoslashuv (lokalizatsiya koeffitsientlari)",
    ),
    # sentences of the summary sheet and the terminal summary
    "sent_economy": (
        "The economy produces {output} {unit} of output and {va} {unit} of value added{jobs}.",
        "Экономика производит {output} {unit} выпуска и {va} {unit} добавленной стоимости{jobs}.",
        "Iqtisodiyot {output} {unit} mahsulot va {va} {unit} qo'shilgan qiymat yaratadi{jobs}.",
    ),
    "sent_jobs": (", employing {jobs} persons", ", занято {jobs} человек", ", {jobs} kishi band"),
    "sent_checks": (
        "{passed} of {total} table checks passed{worst}.",
        "Пройдено {passed} из {total} проверок таблицы{worst}.",
        "Jadvalning {total} ta tekshiruvidan {passed} tasi o'tdi{worst}.",
    ),
    "sent_key": (
        "Key sectors (both linkage indices above 1): {n} — {names}.",
        "Ключевых отраслей (оба индекса связей выше 1): {n} — {names}.",
        "Asosiy tarmoqlar (ikkala aloqa indeksi 1 dan yuqori): {n} ta — {names}.",
    ),
    "sent_mult": (
        "The largest output multiplier is {sector}: {value} {unit} of output in the economy "
        "per {unit} of final demand for its products.",
        "Наибольший мультипликатор выпуска у отрасли {sector}: {value} {unit} выпуска в "
        "экономике на {unit} конечного спроса на её продукцию.",
        "Eng katta ishlab chiqarish multiplikatori {sector} tarmog'ida: uning mahsulotiga "
        "{unit} yakuniy talab iqtisodiyotda {value} {unit} ishlab chiqarish beradi.",
    ),
    "sent_scenario": (
        "Scenario '{name}': output {d_out} {unit} ({p_out} %), value added {d_va} {unit} "
        "({p_va} %){jobs}.",
        "Сценарий «{name}»: выпуск {d_out} {unit} ({p_out} %), добавленная стоимость "
        "{d_va} {unit} ({p_va} %){jobs}.",
        "«{name}» ssenariysi: ishlab chiqarish {d_out} {unit} ({p_out} %), qo'shilgan qiymat "
        "{d_va} {unit} ({p_va} %){jobs}.",
    ),
    "sent_scenario_jobs": (
        ", employment {d_jobs} persons ({p_jobs} %)",
        ", занятость {d_jobs} чел. ({p_jobs} %)",
        ", bandlik {d_jobs} kishi ({p_jobs} %)",
    ),
    "sent_trade": (
        "Exports change by {d_exp} {unit} and imports by {d_imp} {unit}: the trade balance "
        "changes by {d_bal} {unit}.",
        "Экспорт изменяется на {d_exp} {unit}, импорт на {d_imp} {unit}: торговый баланс "
        "изменяется на {d_bal} {unit}.",
        "Eksport {d_exp} {unit} ga, import {d_imp} {unit} ga o'zgaradi: savdo balansi "
        "{d_bal} {unit} ga o'zgaradi.",
    ),
    "sent_induced": (
        "With the induced effects of household spending (Type II) the total change in "
        "output is {tot_out} {unit}.",
        "С учётом индуцированного эффекта расходов домохозяйств (тип II) выпуск "
        "изменяется на {tot_out} {unit}.",
        "Uy xo'jaliklari xarajatlarining induktsiyalangan ta'siri (II tur) bilan ishlab "
        "chiqarish jami {tot_out} {unit} ga o'zgaradi.",
    ),
    "sent_services": (
        "Services value added per unit of final demand of cluster '{cluster}': {before} "
        "before, {after} after.",
        "Добавленная стоимость услуг на единицу конечного спроса кластера «{cluster}»: "
        "{before} до, {after} после.",
        "«{cluster}» klasteri yakuniy talabi birligiga xizmatlar qo'shilgan qiymati: "
        "oldin {before}, keyin {after}.",
    ),
    "in_words": ("In words", "Кратко", "Qisqacha"),
    "open_model_note": (
        "Impacts: open model (direct and indirect effects)",
        "Эффекты: открытая модель (прямые и косвенные)",
        "Ta'sirlar: ochiq model (to'g'ridan-to'g'ri va bilvosita)",
    ),
    "effects_title": (
        "Effects: direct, indirect and induced",
        "Эффекты: прямые, косвенные и индуцированные",
        "Ta'sirlar: to'g'ridan-to'g'ri, bilvosita va induktsiyalangan",
    ),
    "montecarlo": (
        "Monte Carlo: percentiles of the change",
        "Монте-Карло: перцентили изменения",
        "Monte-Karlo: o'zgarish persentillari",
    ),
    "montecarlo_by_sector": (
        "Monte Carlo by sector: percentiles of each sector's change",
        "Монте-Карло по отраслям: перцентили изменения каждой отрасли",
        "Monte-Karlo tarmoqlar bo'yicha: har bir tarmoq o'zgarishining persentillari",
    ),
    "montecarlo_by_sector_note": (
        "Each sector's own distribution: sector percentiles do not add up to the total's",
        "Распределение каждой отрасли: перцентили отраслей не суммируются в итог",
        "Har bir tarmoqning o'z taqsimoti: tarmoq persentillari jamiga qo'shilmaydi",
    ),
    "fig_p5_p95": (
        "lines: P5–P95 of the Monte Carlo draws",
        "линии: P5–P95 по испытаниям Монте-Карло",
        "chiziqlar: Monte-Karlo sinovlarining P5–P95",
    ),
    "draws": ("Draws", "Испытаний", "Sinovlar"),
    "seed": ("Seed", "Начальное число генератора", "Generator boshlang'ich soni"),
    "mean": ("Mean", "Среднее", "O'rtacha"),
    "cluster_va_share": (
        "Cluster's own share of value added",
        "Доля самого кластера в добавленной стоимости",
        "Klasterning o'z qo'shilgan qiymat ulushi",
    ),
    "sorted_by": ("sorted by", "сортировка:", "saralash:"),
    "region_col": ("Region", "Регион", "Hudud"),
    "by_region": ("By region", "По регионам", "Hududlar bo'yicha"),
    "by_region_title": (
        "Where the effects land: change by region",
        "Где возникают эффекты: изменение по регионам",
        "Ta'sir qayerda paydo bo'ladi: hududlar bo'yicha o'zgarish",
    ),
    "share_of_change": ("share of the change", "доля изменения", "o'zgarishdagi ulush"),
    "spillover_matrix": (
        "Output change by origin region (rows) and destination region (columns)",
        "Изменение выпуска по региону-источнику (строки) и региону-получателю (столбцы)",
        "Ishlab chiqarish o'zgarishi: manba hudud (qatorlar) va qabul qiluvchi hudud (ustunlar)",
    ),
    "origin_region": ("Origin region", "Регион-источник", "Manba hudud"),
    "destination_region": ("Destination region", "Регион-получатель", "Qabul qiluvchi hudud"),
    "spillover_heatmap_title": (
        "Where a unit of each region's final demand raises output (% of the effect)",
        "Где единица конечного спроса региона увеличивает выпуск (% эффекта)",
        "Hudud yakuniy talabining birligi ishlab chiqarishni qayerda oshiradi (ta'sirning %)",
    ),
    "regions_sheet": ("Regions", "Регионы", "Hududlar"),
    "regions_subtitle": (
        "Size of each region and its output multipliers split into intra-regional, feedback "
        "and spillover parts (output-weighted means; Miller & Blair 2009, §3.3)",
        "Размер каждого региона и его мультипликаторы выпуска: внутрирегиональная часть, "
        "обратная связь и перетоки в другие регионы (средние, взвешенные по выпуску)",
        "Har bir hududning hajmi va ishlab chiqarish multiplikatorlari: hudud ichidagi qism, "
        "qaytar ta'sir va boshqa hududlarga o'tish (ishlab chiqarish bo'yicha o'rtacha)",
    ),
    "intra_regional": ("Intra-regional", "Внутрирегиональный", "Hudud ichidagi"),
    "feedback": ("Feedback", "Обратная связь", "Qaytar ta'sir"),
    "spillover": ("Spillover", "Перетоки", "Boshqa hududlarga"),
    "total_multiplier": ("Total", "Всего", "Jami"),
    "share_of_nation": ("share of the nation", "доля страны", "mamlakatdagi ulushi"),
    "services": ("services", "услуги", "xizmatlar"),
    "cluster_members": ("cluster sectors", "отрасли кластера", "klaster tarmoqlari"),
    "other_sectors": ("other sectors", "прочие отрасли", "boshqa tarmoqlar"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` lower-cased, or raise :class:`InputError` naming the choices."""
    key = lang.strip().lower()
    if key not in LANGS:
        raise InputError(f"unknown report language '{lang}'; expected one of {', '.join(LANGS)}")
    return key


def tr(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang`` (English when there is no translation)."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    text = entry[LANGS.index(lang)] if lang in LANGS else entry[0]
    return text or entry[0]


def number(value: float, lang: str = "en", digits: int = 1, sign: bool = False) -> str:
    """A number for running text: thousands grouped, ``digits`` decimals.

    English groups with commas and uses a decimal point; Russian and Uzbek group with a
    narrow no-break space and use a decimal comma.

    >>> number(12345.678, "en")
    '12,345.7'
    >>> number(-2.5, "en")
    '−2.5'
    >>> number(-12345.678, "ru", sign=True)
    '−12\u202f345,7'
    """
    text = f"{abs(value):,.{digits}f}"
    if lang in ("ru", "uz"):
        text = text.replace(",", "\u202f").replace(".", ",")
    if value < 0 and round(abs(value), digits) != 0:
        return "−" + text
    return ("+" if sign and value > 0 else "") + text


_SCALES = {
    "thousand": ("thousand", "тыс.", "ming"),
    "million": ("million", "млн", "mln"),
    "billion": ("billion", "млрд", "mlrd"),
    "mln": ("million", "млн", "mln"),
    "mlrd": ("billion", "млрд", "mlrd"),
    "bn": ("billion", "млрд", "mlrd"),
}
_CURRENCIES = {"UZS": ("UZS", "сум", "so'm"), "USD": ("USD", "долл. США", "AQSH dollari")}


def money_unit(scale: str, currency: str, lang: str = "en") -> str:
    """The monetary unit in the report language (scale words and known currencies).

    >>> money_unit("billion", "UZS", "ru")
    'млрд сум'
    >>> money_unit("billion", "UZS", "uz")
    "mlrd so'm"
    >>> money_unit("", "EUR", "ru")
    'EUR'
    """
    k = LANGS.index(lang) if lang in LANGS else 0
    sc = _SCALES.get(scale.strip().lower(), (scale,) * 3)[k] if scale else ""
    cu = _CURRENCIES.get(currency.strip().upper(), (currency,) * 3)[k] if currency else ""
    return " ".join(s for s in (sc, cu) if s) or "currency units"
