"""Report language: headings and labels in English, Russian and Uzbek (Latin).

Reports, figures and the terminal summary of ``iocluster analyze`` take their words from
here (``--lang en|ru|uz``). Sector names come from the table, or from a names file in
the report's language (``analyze --names``, :mod:`iocluster.io.names`); the report says
when they are in another language. A key without a translation falls back to English
(``tests/test_report_language.py`` fails on it in a ru/uz report).

Numbers in running text follow the language (:func:`number`: ``1 817,4`` in ru/uz,
``1,817.4`` in en); money in summaries and charts reads at its scale
(:func:`money_text`: ``9,32 трлн сум``); percentages get the decimals they need and
floating-point noise prints as 0 (:func:`percent`). Cells keep full precision: Excel
shows them in the reader's regional format (the number format codes are stored
locale-independently), which the About sheet states.

>>> tr("multipliers", "ru")
'Мультипликаторы'
>>> tr("multipliers", "uz")
'Multiplikatorlar'
>>> tr("no such key", "ru")
'no such key'
"""

from __future__ import annotations

from typing import Any, get_args

import numpy as np

from iocluster.core.choices import Lang
from iocluster.errors import InputError
from iocluster.reports.i18n_gvc import GVC_LABELS
from iocluster.reports.i18n_policy import POLICY_LABELS
from iocluster.reports.i18n_sweep import SWEEP_LABELS

__all__ = [
    "LABELS",
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
    # what produced a result (RunInfo): About sheets, sheet headers, figures
    "illustrative_mark": ("ILLUSTRATIVE", "ИЛЛЮСТРАТИВНО", "NAMUNAVIY"),
    "illustrative_why": (
        "Illustrative because of",
        "Иллюстративно из-за",
        "Namunaviy, sababi",
    ),
    "input_files": ("Input file", "Входной файл", "Kiruvchi fayl"),
    "marked_illustrative": (
        "marked illustrative in its metadata",
        "помечена как иллюстративная в метаданных",
        "metama'lumotlarida namunaviy deb belgilangan",
    ),
    "table_checksum": (
        "Table checksum (SHA-256 of its numbers, codes, roles and unit)",
        "Контрольная сумма таблицы (SHA-256 её чисел, кодов, ролей и единицы)",
        "Jadval nazorat yig'indisi (sonlari, kodlari, rollari va birligining SHA-256)",
    ),
    "household_imports": (
        "Imported household consumption per unit of household income (the closure's "
        "import leakage, in induced imports)",
        "Импортное потребление домохозяйств на единицу их дохода (утечка в импорт при "
        "замыкании; входит в индуцированный импорт)",
        "Uy xo'jaliklari daromadining birligiga import iste'moli (yopilishdagi importga "
        "sizib chiqish; induksiyalangan importga kiradi)",
    ),
    "open_model_closure": (
        "Open model: no Type II closure, no induced effects.",
        "Открытая модель: без замыкания типа II, без индуцированных эффектов.",
        "Ochiq model: II tur yopilishi yo'q, induksiyalangan ta'sirlar yo'q.",
    ),
    "role_table": ("table", "таблица", "jadval"),
    "role_scenario": ("scenario file", "файл сценариев", "ssenariylar fayli"),
    "role_taxes": ("tax file", "налоговый файл", "soliq fayli"),
    "role_bridge": ("investment bridge", "инвестиционная матрица-мост", "investitsiya ko'prigi"),
    "role_clusters": ("clusters file", "файл кластеров", "klasterlar fayli"),
    "role_regional data": ("regional data", "региональные данные", "hududiy ma'lumotlar"),
    "role_regions": ("regions file", "файл регионов", "hududlar fayli"),
    "role_names": ("names file", "файл названий", "nomlar fayli"),
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
    "assumptions": ("Assumptions", "Допущения", "Farazlar"),
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
        "The largest output multiplier is {sector}: {value} of output in the economy per "
        "unit of final demand for its products.",
        "Наибольший мультипликатор выпуска у отрасли {sector}: {value} выпуска в экономике "
        "на единицу конечного спроса на её продукцию.",
        "Eng katta ishlab chiqarish multiplikatori {sector} tarmog'ida: uning mahsulotiga "
        "yakuniy talab birligi iqtisodiyotda {value} ishlab chiqarish beradi.",
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
        "Eksport {d_exp} {unit}ga, import {d_imp} {unit}ga o'zgaradi: savdo balansi "
        "{d_bal} {unit}ga o'zgaradi.",
    ),
    "sent_induced": (
        "With the induced effects of household spending (Type II) the total change in "
        "output is {tot_out} {unit}.",
        "С учётом индуцированного эффекта расходов домохозяйств (тип II) выпуск "
        "изменяется на {tot_out} {unit}.",
        "Uy xo'jaliklari xarajatlarining induktsiyalangan ta'siri (II tur) bilan ishlab "
        "chiqarish jami {tot_out} {unit}ga o'zgaradi.",
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
    "by_region_sub": (
        "Change by region and each region's share of the total change (%)",
        "Изменение по регионам и доля каждого региона в общем изменении (%)",
        "Hududlar bo'yicha o'zgarish va har bir hududning umumiy o'zgarishdagi ulushi (%)",
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
    # terminal tables (reports/terminal.py): notes under a table cut to fit
    "rows_not_shown": (
        "… {n} more rows not shown (--top N for more, --all for every row, or --format csv "
        "/ -o FILE)",
        "… ещё строк не показано: {n} (--top N — больше, --all — все строки, или --format "
        "csv / -o ФАЙЛ)",
        "… yana {n} ta qator ko'rsatilmadi (--top N — ko'proq, --all — barcha qatorlar, "
        "yoki --format csv / -o FAYL)",
    ),
    "columns_not_shown": (
        "columns not shown: {cols} (--format csv / -o FILE, or a wider terminal)",
        "не показанные столбцы: {cols} (--format csv / -o ФАЙЛ или более широкий терминал)",
        "ko'rsatilmagan ustunlar: {cols} (--format csv / -o FAYL yoki kengroq terminal)",
    ),
    # units, sub-labels and small words
    "currency_units": ("currency units", "денежных единиц", "pul birligi"),
    "index_unit": ("index", "индекс", "indeks"),
    "index_base_1": ("index, baseline = 1", "индекс, база = 1", "indeks, bazaviy = 1"),
    "formal": ("formal", "формальная", "rasmiy"),
    "informal": ("informal", "неформальная", "norasmiy"),
    "total_sub": ("total", "всего", "jami"),
    "top_n": ("top {n}", "первые {n}", "eng yirik {n} ta"),
    "n_sectors": ("{n} sectors", "{n} отраслей", "{n} ta tarmoq"),
    "and_more": ("and {n} more", "и ещё {n}", "va yana {n} ta"),
    "untitled": ("(untitled)", "(без названия)", "(nomsiz)"),
    "library_call": ("(library call)", "(вызов из библиотеки)", "(kutubxona chaqiruvi)"),
    "file": ("file", "файл", "fayl"),
    "clusters_paren": ("(clusters)", "(кластеры)", "(klasterlar)"),
    "yes": ("yes", "да", "ha"),
    "no": ("no", "нет", "yo'q"),
    "kind_total": (
        "total use (domestic and imported)",
        "общее использование (отечественная и импортная продукция)",
        "jami foydalanish (mahalliy va import mahsulotlar)",
    ),
    "kind_domestic": (
        "domestic use",
        "использование отечественной продукции",
        "mahalliy mahsulotlardan foydalanish",
    ),
    "PASS": ("PASS", "пройдена", "o'tdi"),
    "WARN": ("WARN", "внимание", "ogohlantirish"),
    "FAIL": ("FAIL", "не пройдена", "o'tmadi"),
    "ghosh_basis": (
        "Ghosh (rows of B and G = x̂⁻¹Lx̂)",
        "модель Гоша (строки B и G = x̂⁻¹Lx̂)",
        "Gosh modeli (B va G = x̂⁻¹Lx̂ satrlari)",
    ),
    "leontief_basis": (
        "Leontief (rows of A, L)",
        "модель Леонтьева (строки A, L)",
        "Leontyev modeli (A, L satrlari)",
    ),
    "jobs_mult_unit": ("persons per {unit}", "чел. на {unit}", "kishi / {unit}"),
    "numbers_note": (
        "Numbers in cells are stored in full precision and shown in your spreadsheet's "
        "regional format (thousands separator, decimal sign); text uses the report language's "
        "format.",
        "Числа в ячейках хранятся с полной точностью и отображаются в региональном формате "
        "вашей программы (разделитель разрядов, десятичный знак); в тексте — по правилам "
        "русского языка.",
        "Kataklardagi sonlar to'liq aniqlikda saqlanadi va jadval dasturingizning hududiy "
        "formatida ko'rsatiladi (xonalar ajratgichi, o'nlik belgisi); matnda o'zbek tili "
        "qoidalari bo'yicha.",
    ),
    "numbers_item": ("Number format", "Формат чисел", "Son formati"),
    "names_item": ("Sector names", "Названия отраслей", "Tarmoq nomlari"),
    "names_only": (
        "The table gives sector names in {langs} only; they are shown as the table gives "
        "them (give translations with --names FILE: code, name_en, name_ru, name_uz).",
        "Таблица содержит названия отраслей только на {langs} языке; они показаны как в "
        "таблице (переводы можно задать файлом --names FILE: code, name_en, name_ru, "
        "name_uz).",
        "Jadvalda tarmoq nomlari faqat {langs} tilida berilgan; ular jadvaldagidek "
        "ko'rsatiladi (tarjimalarni --names FILE fayli bilan bering: code, name_en, "
        "name_ru, name_uz).",
    ),
    "lang_en": ("English", "английском", "ingliz"),
    "lang_ru": ("Russian", "русском", "rus"),
    "lang_uz": ("Uzbek", "узбекском", "o'zbek"),
    "lang_other": ("another language", "другом языке", "boshqa"),
    # the impact workbook of `shock`
    "imp_report_title": (
        "Scenario impact report",
        "Отчёт о влиянии сценария",
        "Ssenariy ta'siri hisoboti",
    ),
    "imp_clusters_sheet": ("Clusters", "Кластеры", "Klasterlar"),
    "imp_by_cluster_all": (
        "Baseline and scenario by cluster",
        "База и сценарий по кластерам",
        "Klasterlar bo'yicha bazaviy va ssenariy",
    ),
    "imp_mult_title": (
        "Multipliers before and after",
        "Мультипликаторы до и после",
        "Multiplikatorlar oldin va keyin",
    ),
    "imp_mult_sub": (
        "Simple multipliers (open model) of the cluster sectors",
        "Простые мультипликаторы (открытая модель) отраслей кластеров",
        "Klaster tarmoqlarining oddiy multiplikatorlari (ochiq model)",
    ),
    "imp_mult_chart": (
        "Output multipliers before and after",
        "Мультипликаторы выпуска до и после",
        "Ishlab chiqarish multiplikatorlari oldin va keyin",
    ),
    "imp_output_change": ("Output change", "Изменение выпуска", "Ishlab chiqarish o'zgarishi"),
    "imp_technology": (
        "Technology (coefficient) effect",
        "Эффект технологии (коэффициентов)",
        "Texnologiya (koeffitsientlar) ta'siri",
    ),
    "imp_fd_effect": (
        "Final-demand effect",
        "Эффект конечного спроса",
        "Yakuniy talab ta'siri",
    ),
    "imp_decomp_sheet": ("Decomposition", "Декомпозиция", "Dekompozitsiya"),
    "imp_decomp_title": (
        "Decomposition of the output change",
        "Декомпозиция изменения выпуска",
        "Ishlab chiqarish o'zgarishining dekompozitsiyasi",
    ),
    "imp_decomp_sub": (
        "Structural decomposition, polar average (Dietzenbacher & Los 1998)",
        "Структурная декомпозиция, среднее полярных разложений (Dietzenbacher & Los 1998)",
        "Tarkibiy dekompozitsiya, qutbiy yoyilmalar o'rtachasi (Dietzenbacher & Los 1998)",
    ),
    "imp_decomp_chart": (
        "Output change: technology and final demand",
        "Изменение выпуска: технология и конечный спрос",
        "Ishlab chiqarish o'zgarishi: texnologiya va yakuniy talab",
    ),
    "imp_shock_sheet": ("By shock", "По шокам", "Zarbalar bo'yicha"),
    "imp_shock_title": (
        "What each shock contributes",
        "Вклад каждого шока",
        "Har bir zarbaning hissasi",
    ),
    "imp_shock_sub": (
        "Each shock alone against the baseline; interaction = the scenario's change less "
        "the sum of the shocks alone, so the rows add up to the total",
        "Каждый шок отдельно относительно базы; взаимодействие = изменение сценария минус "
        "сумма отдельных шоков, поэтому строки складываются в итог",
        "Har bir zarba alohida bazaga nisbatan; o'zaro ta'sir = ssenariy o'zgarishi minus "
        "alohida zarbalar yig'indisi, shuning uchun satrlar jamiga teng",
    ),
    "imp_interaction": ("interaction", "взаимодействие", "o'zaro ta'sir"),
    "imp_base_price": ("Baseline price", "Базовая цена", "Bazaviy narx"),
    "imp_scen_price": ("Scenario price", "Цена в сценарии", "Ssenariydagi narx"),
    "imp_prices_sheet": ("Prices", "Цены", "Narxlar"),
    "imp_prices_title": (
        "Prices: cost-push changes by sector",
        "Цены: изменения издержек по отраслям",
        "Narxlar: tarmoqlar bo'yicha xarajat o'zgarishlari",
    ),
    "imp_prices_sub": (
        "Leontief price model (Miller & Blair 2009, §2.6); imported inputs at unchanged prices",
        "Ценовая модель Леонтьева (Miller & Blair 2009, §2.6); импортные затраты по "
        "неизменным ценам",
        "Leontyev narx modeli (Miller & Blair 2009, §2.6); import xarajatlari o'zgarmas narxlarda",
    ),
    "imp_change_from_base": (
        "Change from the baseline",
        "Изменение относительно базы",
        "Bazaga nisbatan o'zgarish",
    ),
    "imp_detail_sheet": ("Impacts detail", "Эффекты подробно", "Ta'sirlar batafsil"),
    "imp_detail_title": (
        "Impacts by sector and measure",
        "Эффекты по отраслям и показателям",
        "Tarmoqlar va ko'rsatkichlar bo'yicha ta'sir",
    ),
    "imp_roundoff": (
        "Rounding noise: a change smaller than 10⁻¹² of its measure's baseline total (for "
        "prices and multipliers, of their baseline value) is floating-point noise and is "
        "written as exactly 0, in every sheet and file.",
        "Погрешность вычислений: изменение меньше 10⁻¹² базового итога своего показателя "
        "(для цен и мультипликаторов — их базового значения) считается погрешностью "
        "вычислений и записано как 0 на всех листах и во всех файлах.",
        "Hisoblash xatoligi: o'z ko'rsatkichining bazaviy jamidan 10⁻¹² qismidan kichik "
        "o'zgarish (narxlar va multiplikatorlar uchun — bazaviy qiymatidan) hisoblash "
        "xatoligi hisoblanadi va barcha varaqlar va fayllarda aynan 0 deb yozilgan.",
    ),
    "imp_no_draws": ("none (point estimates)", "нет (точечные оценки)", "yo'q (nuqtaviy baholar)"),
    # figures
    "log_scale": ("log scale", "логарифмическая шкала", "logarifmik shkala"),
    "bubble_size": ("Circle area: output", "Площадь круга: выпуск", "Doira yuzi: ishlab chiqarish"),
    "unallocated": (
        "Not in value added or imports (net taxes on products, unbalanced remainder)",
        "Вне добавленной стоимости и импорта (чистые налоги на продукты, невязка)",
        "Qo'shilgan qiymat va importdan tashqari (mahsulot soliqlari, nomuvofiqlik)",
    ),
    "stage": ("stage {k}", "этап {k}", "{k}-bosqich"),
    "fig_paths": (
        "Top {n} value-added paths: {target}",
        "Первые {n} путей добавленной стоимости: {target}",
        "Qo'shilgan qiymatning eng yirik {n} ta yo'li: {target}",
    ),
    "fig_paths_note": (
        "Path (target ← suppliers): share of the target's value added;\nline width ∝ value",
        "Путь (цель ← поставщики): доля в добавленной стоимости цели;\nтолщина линии ∝ величине",
        "Yo'l (maqsad ← yetkazib beruvchilar): maqsad qo'shilgan qiymatidagi ulush;\n"
        "chiziq qalinligi ∝ qiymat",
    ),
    "path_rank": ("path rank", "номер пути", "yo'l o'rni"),
    "paths_of": ("{n} of {total} paths", "{n} из {total} путей", "{total} ta yo'ldan {n} tasi"),
    "share_of_fd": ("Share of final demand", "Доля в конечном спросе", "Yakuniy talabdagi ulush"),
    # sectors the validation flags (issue 29; iocluster.analysis.flags)
    "flag": ("Flag (validation)", "Отметка проверки", "Tekshiruv belgisi"),
    "reason": ("Reason", "Причина", "Sabab"),
    "flag_zero_output": ("zero output", "нулевой выпуск", "nol ishlab chiqarish"),
    "flag_identity": ("identity failure", "нарушено тождество", "ayniyat buzilgan"),
    "flag_sales_above_output": (
        "sales above output",
        "продажи больше выпуска",
        "sotuv ishlab chiqarishdan ko'p",
    ),
    "flag_negative_final_demand": (
        "negative final demand",
        "отрицательный конечный спрос",
        "manfiy yakuniy talab",
    ),
    "flag_linkage_outlier": (
        "linkage outlier",
        "выброс индекса связей",
        "aloqa indeksining keskin qiymati",
    ),
    "flagged_sectors": ("Flagged sectors", "Отмеченные отрасли", "Belgilangan tarmoqlar"),
    "flagged_count": (
        "Flagged: {k} of {n} sectors ({codes}).",
        "Отмечено отраслей: {k} из {n} ({codes}).",
        "Belgilangan: {n} ta tarmoqdan {k} tasi ({codes}).",
    ),
    "sent_flagged": (
        "{k} of {n} sectors are flagged by the validation (data artefacts, outliers, zero "
        "output or identity failures): the rankings below set them aside (flag and reason: "
        "sheet «{sheet}»).",
        "{k} из {n} отраслей отмечены проверкой (артефакты данных, выбросы, нулевой выпуск "
        "или нарушенные тождества): рейтинги ниже их не учитывают (отметка и причина — на "
        "листе «{sheet}»).",
        "{n} ta tarmoqdan {k} tasi tekshiruvda belgilangan (ma'lumot xatoliklari, keskin "
        "qiymatlar, nol ishlab chiqarish yoki buzilgan ayniyatlar): quyidagi reytinglar "
        "ularni hisobga olmaydi (belgi va sabab — «{sheet}» varag'ida).",
    ),
    "sent_flagged_incl": (
        "{k} of {n} sectors are flagged by the validation (data artefacts, outliers, zero "
        "output or identity failures): the rankings below include them, marked †.",
        "{k} из {n} отраслей отмечены проверкой (артефакты данных, выбросы, нулевой выпуск "
        "или нарушенные тождества): рейтинги ниже включают их (отмечены †).",
        "{n} ta tarmoqdan {k} tasi tekshiruvda belgilangan (ma'lumot xatoliklari, keskin "
        "qiymatlar, nol ishlab chiqarish yoki buzilgan ayniyatlar): quyidagi reytinglar "
        "ularni ham o'z ichiga oladi († bilan belgilangan).",
    ),
    "key_aside": (
        "; {k} more flagged by the validation and set aside",
        "; ещё {k} отмечены проверкой и не учитываются",
        "; yana {k} tasi tekshiruvda belgilangan va hisobga olinmagan",
    ),
    "set_aside_rows": (
        "Flagged sectors (set aside, not ranked): last {k} rows",
        "Отмеченные отрасли (не ранжируются): последние {k} строк",
        "Belgilangan tarmoqlar (saralanmaydi): oxirgi {k} ta satr",
    ),
    "fig_flagged": (
        "flagged by validation ({k})",
        "отмечены проверкой ({k})",
        "tekshiruvda belgilangan ({k})",
    ),
    "fig_flagged_mark": (
        "† flagged by validation",
        "† отмечено проверкой",
        "† tekshiruvda belgilangan",
    ),
    "fig_off_scale": (
        "off scale (at the edge; label: true value)",
        "за пределами шкалы (у края; в подписи — значение)",
        "shkaladan tashqarida (chetda; yozuvda — qiymat)",
    ),
    "fig_average_line": (
        "index = 1 (average)",
        "индекс = 1 (среднее)",
        "indeks = 1 (o'rtacha)",
    ),
    "fig_zero_output": (
        "{k} sectors with zero output not drawn",
        "отрасли с нулевым выпуском не показаны: {k}",
        "ishlab chiqarishi nol {k} ta tarmoq ko'rsatilmagan",
    ),
    "fig_labels_rule": (
        "labels: off-scale, then key sectors by U + S, then furthest from (1, 1); at most {k}, "
        "where they can be read",
        "подписи: за пределами шкалы, затем ключевые по U + S, затем самые далёкие от (1, 1); "
        "не более {k}, где читаются",
        "yozuvlar: shkaladan tashqaridagilar, so'ng U + S bo'yicha asosiylar, so'ng (1, 1) dan "
        "eng uzoqlari; ko'pi bilan {k} ta, o'qiladigan joyda",
    ),
    "other_mean": (
        "Other {k} sectors: mean",
        "Прочие {k} отраслей: среднее",
        "Boshqa {k} ta tarmoq: o'rtacha",
    ),
    "other_sum": (
        "Other {k} sectors: sum",
        "Прочие {k} отраслей: сумма",
        "Boshqa {k} ta tarmoq: yig'indi",
    ),
    "other_sectors_sum": (
        "other sectors: sum",
        "прочие отрасли: сумма",
        "boshqa tarmoqlar: yig'indi",
    ),
    "sorted_by_simple": (
        "sorted by the simple (Type I) output multiplier",
        "по убыванию простого мультипликатора выпуска (тип I)",
        "oddiy (I tur) ishlab chiqarish multiplikatori bo'yicha tartiblangan",
    ),
    "increase": ("increase", "рост", "o'sish"),
    "decrease": ("decrease", "снижение", "kamayish"),
    "whole_economy": (
        "Whole economy (all sectors)",
        "Вся экономика (все отрасли)",
        "Butun iqtisodiyot (barcha tarmoqlar)",
    ),
    "p5_p95_whisker": (
        "P5–P95 of the Monte Carlo draws",
        "P5–P95 по испытаниям Монте-Карло",
        "Monte-Karlo sinovlarining P5–P95",
    ),
    "no_cluster_draws": (
        "whiskers: the whole economy; clusters are point estimates (the draws are summarised "
        "in total and by sector)",
        "усы: вся экономика; кластеры — точечные оценки (испытания обобщены в целом и по отраслям)",
        "mo'ylovlar: butun iqtisodiyot; klasterlar — nuqtaviy baholar (sinovlar jami va "
        "tarmoqlar bo'yicha umumlashtirilgan)",
    ),
    "illustrative_stamp": (
        "ILLUSTRATIVE DATA — not official statistics",
        "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ — не официальная статистика",
        "NAMUNAVIY MA'LUMOTLAR — rasmiy statistika emas",
    ),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` lower-cased, or raise :class:`InputError` naming the choices."""
    key = lang.strip().lower()
    if key not in LANGS:
        raise InputError(f"unknown report language '{lang}'; expected one of {', '.join(LANGS)}")
    return key


# words of the policy-instrument sheets (tax impacts, capacity, investment)
LABELS.update({k: v for k, v in POLICY_LABELS.items() if k not in LABELS})
# words of the trade-in-value-added sheets and figure (issue 31)
LABELS.update({k: v for k, v in GVC_LABELS.items() if k not in LABELS})
# words of the parameter sweep's sheet and figure (issue 30)
LABELS.update({k: v for k, v in SWEEP_LABELS.items() if k not in LABELS})


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
    return ("+" if sign and value > 0 and round(value, digits) != 0 else "") + text


def percent(value: float, lang: str = "en", sign: bool = False) -> str:
    """A percentage (``value`` already in percent) with as many decimals as it needs.

    Two decimals from 0.01 %, two significant digits below that (down to 0.000001 %);
    smaller magnitudes (floating-point noise such as −2.2e-16) print as 0, never in
    scientific notation.

    >>> percent(0.51, "ru", sign=True)
    '+0,51'
    >>> percent(1.601e-05, "en")
    '0.000016'
    >>> percent(-2.2e-16, "en", sign=True)
    '0'
    >>> percent(12.3456, "uz")
    '12,35'
    """
    v = float(value)
    a = abs(v)
    if not np.isfinite(v):
        return "—"
    if a < 1e-6:
        return "0"
    digits = 2 if a >= 0.01 else min(8, 1 - int(np.floor(np.log10(a))))
    return number(v, lang, digits, sign)


#: Scale words by power of ten (English, Russian, Uzbek).
_POWERS: dict[int, tuple[str, str, str]] = {
    12: ("trillion", "трлн", "trln"),
    9: ("billion", "млрд", "mlrd"),
    6: ("million", "млн", "mln"),
    3: ("thousand", "тыс.", "ming"),
}
_SCALE_POWER = {"thousand": 3, "million": 6, "mln": 6, "billion": 9, "mlrd": 9, "bn": 9,
                "trillion": 12}  # fmt: skip


def scale_factor(scale: str) -> int:
    """Power of ten of a table's scale word (``"million"`` → 6; none or unknown → 0)."""
    return _SCALE_POWER.get(scale.strip().lower(), 0) if scale else 0


def _currency(currency: str, lang: str) -> str:
    k = LANGS.index(lang) if lang in LANGS else 0
    if not currency:
        return tr("currency_units", lang)
    return _CURRENCIES.get(currency.strip().upper(), (currency,) * 3)[k]


def scaled_unit(power: int, currency: str, lang: str = "en") -> str:
    """The money unit ``10**power`` of ``currency`` in words (``9`` → "billion UZS").

    >>> scaled_unit(12, "UZS", "ru")
    'трлн сум'
    >>> scaled_unit(0, "UZS", "uz")
    "so'm"
    """
    k = LANGS.index(lang) if lang in LANGS else 0
    word = _POWERS[power][k] if power in _POWERS else ""
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
    return " ".join(s for s in (sc, cu) if s) or tr("currency_units", lang)
