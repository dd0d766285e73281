"""Words of the scenario lab (``iocluster lab``) in English, Russian and Uzbek (Latin):
the page, the shock kinds, every field of every kind (label and help; the field specs'
English meanings are the model), the allowed values, the parameter boxes. Merged into
:data:`iocluster.reports.i18n.LABELS`; a test checks that every field and choice of every
shock kind has its words here.
"""

from __future__ import annotations

__all__ = ["LAB_LABELS"]

_PAGE: dict[str, tuple[str, str, str]] = {
    "lab_title": (
        "iocluster scenario lab",
        "Лаборатория сценариев iocluster",
        "iocluster ssenariylar laboratoriyasi",
    ),
    "lang_self_en": ("English", "English", "English"),
    "lang_self_ru": ("Русский", "Русский", "Русский"),
    "lang_self_uz": ("O'zbekcha", "O'zbekcha", "O'zbekcha"),
    "lab_tab_table": ("Table", "Таблица", "Jadval"),
    "lab_tab_explore": ("Explore", "Обзор", "Tahlil"),
    "lab_tab_scenario": ("Scenario", "Сценарий", "Ssenariy"),
    "lab_tab_results": ("Results", "Результаты", "Natijalar"),
    "lab_open_title": ("Open a table", "Открыть таблицу", "Jadvalni ochish"),
    "lab_choose_table": ("Table", "Таблица", "Jadval"),
    "lab_example": (
        "Bundled example (illustrative, 20 sectors)",
        "Встроенный пример (иллюстративный, 20 отраслей)",
        "Ichki namuna (namunaviy, 20 tarmoq)",
    ),
    "lab_start_table": (
        "Table given at start",
        "Таблица, указанная при запуске",
        "Ishga tushirishda berilgan jadval",
    ),
    "lab_open": ("Open", "Открыть", "Ochish"),
    "lab_upload_title": ("Upload a table", "Загрузить таблицу", "Jadvalni yuklash"),
    "lab_upload": (
        "A table file (xlsx, csv, npz)",
        "Файл таблицы (xlsx, csv, npz)",
        "Jadval fayli (xlsx, csv, npz)",
    ),
    "lab_browse": ("Choose a file…", "Выбрать файл…", "Faylni tanlash…"),
    "lab_no_file": ("no file chosen", "файл не выбран", "fayl tanlanmagan"),
    "lab_upload_note": (
        "Read with the same checks as the command line: size budgets, every cell that "
        "cannot be read named.",
        "Читается с теми же проверками, что и в командной строке: лимиты размера, "
        "каждая нечитаемая ячейка называется.",
        "Buyruq satridagi tekshiruvlar bilan o'qiladi: hajm cheklovlari, o'qib bo'lmaydigan "
        "har bir katak nomi bilan ko'rsatiladi.",
    ),
    "lab_no_table": (
        "Open a table first (tab «Table»).",
        "Сначала откройте таблицу (вкладка «Таблица»).",
        "Avval jadvalni oching («Jadval» bo'limi).",
    ),
    "lab_table_card": ("The table", "Таблица", "Jadval"),
    "lab_illustrative": ("Illustrative data", "Иллюстративные данные", "Namunaviy ma'lumotlar"),
    "lab_error_title": (
        "The input is wrong",
        "Ошибка во входных данных",
        "Kiritilgan ma'lumotlarda xato",
    ),
    "lab_unexpected": (
        "The lab could not finish this step ({kind}); nothing was changed. The terminal that "
        "started the lab shows the details.",
        "Лаборатория не смогла выполнить этот шаг ({kind}); ничего не изменено. Подробности "
        "в терминале, из которого она запущена.",
        "Laboratoriya bu qadamni bajara olmadi ({kind}); hech narsa o'zgarmadi. Tafsilotlar "
        "uni ishga tushirgan terminalda.",
    ),
    "lab_filter": (
        "Filter by code or name",
        "Фильтр по коду или названию",
        "Kod yoki nom bo'yicha saralash",
    ),
    "lab_rows": (
        "Rows {start}–{end} of {total}",
        "Строки {start}–{end} из {total}",
        "{total} tadan {start}–{end} qatorlar",
    ),
    "lab_new_shock": ("New shock", "Новый шок", "Yangi zarba"),
    "lab_kind": ("Kind of shock", "Вид шока", "Zarba turi"),
    "lab_add_shock": (
        "Add the shock to the scenario",
        "Добавить шок в сценарий",
        "Zarbani ssenariyga qo'shish",
    ),
    "lab_clusters": ("Clusters", "Кластеры", "Klasterlar"),
    "lab_no_clusters": ("No clusters yet.", "Кластеров пока нет.", "Hozircha klasterlar yo'q."),
    "lab_cluster_of_table": ("from the table", "из таблицы", "jadvaldan"),
    "lab_cluster_name": (
        "Name of a new cluster (letters, digits, _ and -)",
        "Название нового кластера (буквы, цифры, _ и -)",
        "Yangi klaster nomi (harflar, raqamlar, _ va -)",
    ),
    "lab_cluster_members": ("Its sectors", "Его отрасли", "Uning tarmoqlari"),
    "lab_add_cluster": ("Add the cluster", "Добавить кластер", "Klasterni qo'shish"),
    "lab_cluster_rule": (
        "A cluster needs a name of Latin letters, digits, _ and - and at least one sector.",
        "Кластеру нужно название из латинских букв, цифр, _ и - и хотя бы одна отрасль.",
        "Klasterga lotin harflari, raqamlar, _ va - dan iborat nom va kamida bitta tarmoq kerak.",
    ),
    "lab_clusters_file": (
        "Or read clusters from a file (TOML, CSV)",
        "Или прочитать кластеры из файла (TOML, CSV)",
        "Yoki klasterlarni fayldan o'qish (TOML, CSV)",
    ),
    "lab_settings": ("Run settings", "Параметры расчёта", "Hisob sozlamalari"),
    "lab_scenario_name": ("Scenario name", "Название сценария", "Ssenariy nomi"),
    "lab_draws": (
        "Monte Carlo draws (0: none)",
        "Испытаний Монте-Карло (0 — без них)",
        "Monte-Karlo sinovlari (0 — sinovsiz)",
    ),
    "lab_closure": (
        "Households (Type II closure)",
        "Домохозяйства (замыкание типа II)",
        "Uy xo'jaliklari (II tur yopilishi)",
    ),
    "closure_compensation": (
        "endogenous, income = compensation of employees",
        "эндогенны, доход = оплата труда",
        "endogen, daromad = mehnatga haq to'lash",
    ),
    "closure_value_added": (
        "endogenous, income = value added",
        "эндогенны, доход = добавленная стоимость",
        "endogen, daromad = qo'shilgan qiymat",
    ),
    "closure_none": (
        "exogenous (open model, no induced effects)",
        "экзогенны (открытая модель, без индуцированных эффектов)",
        "ekzogen (ochiq model, induktsiyalangan ta'sirlarsiz)",
    ),
    "lab_shocks": ("Shocks of the scenario", "Шоки сценария", "Ssenariy zarbalari"),
    "lab_no_shocks": (
        "No shocks yet: choose a kind, fill in the form and add it.",
        "Шоков пока нет: выберите вид, заполните форму и добавьте шок.",
        "Hozircha zarbalar yo'q: turini tanlang, shaklni to'ldiring va qo'shing.",
    ),
    "lab_remove": ("Remove", "Удалить", "O'chirish"),
    "lab_run": ("Run the scenario", "Рассчитать сценарий", "Ssenariyni hisoblash"),
    "lab_no_results": (
        "Run a scenario first (tab «Scenario»).",
        "Сначала рассчитайте сценарий (вкладка «Сценарий»).",
        "Avval ssenariyni hisoblang («Ssenariy» bo'limi).",
    ),
    "lab_run_done": ("Computed in {ms} ms", "Рассчитано за {ms} мс", "{ms} ms da hisoblandi"),
    "lab_reproduce": (
        "The same numbers from the command line, with the TOML file below:",
        "Те же числа из командной строки, с файлом TOML ниже:",
        "Xuddi shu sonlar buyruq satridan, quyidagi TOML fayli bilan:",
    ),
    "lab_dl_toml": ("Scenario file (TOML)", "Файл сценария (TOML)", "Ssenariy fayli (TOML)"),
    "lab_dl_xlsx": ("Excel report", "Отчёт Excel", "Excel hisoboti"),
    "lab_dl_json": ("Results (JSON)", "Результаты (JSON)", "Natijalar (JSON)"),
    "lab_national_codes": (
        "National codes (all regions, or the shock's region)",
        "Национальные коды (все регионы или регион шока)",
        "Milliy kodlar (barcha hududlar yoki zarba hududi)",
    ),
    "every_region": ("every region", "все регионы", "barcha hududlar"),
}

#: Shock kinds: name and what they change (``shock_kind_KIND``, ``shock_kind_KIND_help``).
_KINDS: dict[str, tuple[str, str, str]] = {
    "shock_kind_coefficients": (
        "Input coefficients",
        "Коэффициенты затрат",
        "Xarajat koeffitsiyentlari",
    ),
    "shock_kind_coefficients_help": (
        "Input coefficients of a block of suppliers × users change.",
        "Меняются коэффициенты затрат блока «поставщики × потребители».",
        "«Yetkazib beruvchilar × iste'molchilar» blokining xarajat koeffitsiyentlari o'zgaradi.",
    ),
    "shock_kind_import_substitution": (
        "Import substitution",
        "Импортозамещение",
        "Importni almashtirish",
    ),
    "shock_kind_import_substitution_help": (
        "A share of imported inputs or final demand is supplied at home instead.",
        "Доля импортных затрат или конечного спроса покрывается отечественным производством.",
        "Import xarajatlari yoki yakuniy talabning bir qismi mahalliy ishlab chiqarish bilan "
        "qoplanadi.",
    ),
    "shock_kind_final_demand": ("Final demand", "Конечный спрос", "Yakuniy talab"),
    "shock_kind_final_demand_help": (
        "Final demand of a category changes for some sectors.",
        "Меняется конечный спрос одной категории на продукцию отраслей.",
        "Bir toifadagi yakuniy talab tarmoqlar mahsulotiga o'zgaradi.",
    ),
    "shock_kind_productivity": ("Productivity", "Производительность", "Unumdorlik"),
    "shock_kind_productivity_help": (
        "Jobs or value added per unit of output change.",
        "Меняются занятость или добавленная стоимость на единицу выпуска.",
        "Ishlab chiqarish birligiga bandlik yoki qo'shilgan qiymat o'zgaradi.",
    ),
    "shock_kind_extraction": (
        "Hypothetical extraction",
        "Гипотетическое исключение",
        "Faraziy chiqarib tashlash",
    ),
    "shock_kind_extraction_help": (
        "Sectors, or the linkages between two groups, are removed.",
        "Исключаются отрасли или связи между двумя группами.",
        "Tarmoqlar yoki ikki guruh orasidagi aloqalar chiqarib tashlanadi.",
    ),
    "shock_kind_prices": ("Prices", "Цены", "Narxlar"),
    "shock_kind_prices_help": (
        "Prices set from outside, or unit value added changes (cost push).",
        "Цены задаются извне или меняется добавленная стоимость на единицу (рост издержек).",
        "Narxlar tashqaridan belgilanadi yoki birlik qo'shilgan qiymati o'zgaradi "
        "(xarajatlar bosimi).",
    ),
    "shock_kind_tax": ("Tax rate", "Ставка налога", "Soliq stavkasi"),
    "shock_kind_tax_help": (
        "The rate of a tax of the tax schedule changes; the fiscal balance is reported.",
        "Меняется ставка налога; показывается бюджетный баланс.",
        "Soliq stavkasi o'zgaradi; byudjet balansi ko'rsatiladi.",
    ),
    "shock_kind_subsidy": ("Subsidy rate", "Ставка субсидии", "Subsidiya stavkasi"),
    "shock_kind_subsidy_help": (
        "The rate of a subsidy changes; the fiscal balance is reported.",
        "Меняется ставка субсидии; показывается бюджетный баланс.",
        "Subsidiya stavkasi o'zgaradi; byudjet balansi ko'rsatiladi.",
    ),
    "shock_kind_investment": ("Investment", "Инвестиции", "Investitsiyalar"),
    "shock_kind_investment_help": (
        "Capital formation by asset type, spread over the products that make the asset.",
        "Накопление капитала по видам активов, распределённое по продуктам, из которых "
        "они создаются.",
        "Aktiv turlari bo'yicha kapital jamg'arish, ularni yaratuvchi mahsulotlarga taqsimlanadi.",
    ),
}

#: Field labels (``field_KEY``).
_FIELDS: dict[str, tuple[str, str, str]] = {
    "field_note": ("Note", "Примечание", "Izoh"),
    "field_region": ("Region", "Регион", "Hudud"),
    "field_rows": ("Suppliers", "Поставщики", "Yetkazib beruvchilar"),
    "field_cols": ("Users", "Потребители", "Iste'molchilar"),
    "field_operation": ("Operation", "Операция", "Amal"),
    "field_value": ("Size of the change", "Величина изменения", "O'zgarish miqdori"),
    "field_mode": ("Applied to", "Применяется к", "Qo'llanadi"),
    "field_balance": ("What gives way", "Что уступает", "Nima kamayadi"),
    "field_products": ("Imported products", "Импортные продукты", "Import mahsulotlari"),
    "field_users": ("Using sectors", "Отрасли-потребители", "Iste'molchi tarmoqlar"),
    "field_categories": (
        "Final-demand categories",
        "Категории конечного спроса",
        "Yakuniy talab toifalari",
    ),
    "field_share": ("Share", "Доля", "Ulush"),
    "field_sectors": ("Sectors", "Отрасли", "Tarmoqlar"),
    "field_category": (
        "Final-demand category",
        "Категория конечного спроса",
        "Yakuniy talab toifasi",
    ),
    "field_change": ("Change", "Изменение", "O'zgarish"),
    "field_unit": ("Unit of the change", "Единица изменения", "O'zgarish birligi"),
    "field_target": ("What changes", "Что меняется", "Nima o'zgaradi"),
    "field_productivity": ("Read as productivity", "Как производительность", "Unumdorlik sifatida"),
    "field_satellite": ("Employment row", "Строка занятости", "Bandlik satri"),
    "field_from": ("From (suppliers)", "От (поставщики)", "Kimdan (yetkazib beruvchilar)"),
    "field_to": ("To (users)", "К (потребители)", "Kimga (iste'molchilar)"),
    "field_both_directions": ("Both directions", "В обе стороны", "Ikki yo'nalishda"),
    "field_keep_final_demand": (
        "Keep their final demand",
        "Сохранить их конечный спрос",
        "Yakuniy talabini saqlash",
    ),
    "field_instrument": ("Instrument", "Инструмент", "Vosita"),
    "field_pass_through": ("Pass-through to prices", "Перенос в цены", "Narxlarga o'tkazish"),
    "field_export_elasticity": (
        "Export price elasticity",
        "Ценовая эластичность экспорта",
        "Eksportning narx elastikligi",
    ),
    "field_asset": ("Asset type", "Вид актива", "Aktiv turi"),
    "field_amount": ("Amount", "Сумма", "Miqdor"),
}

_SAME_FOR_TAX = {  # tax and subsidy shocks have the same fields
    "sectors": (
        "Sectors whose rate changes",
        "Отрасли, у которых меняется ставка",
        "Stavkasi o'zgaradigan tarmoqlar",
    ),
    "instrument": (
        "The instrument of the tax schedule (the table's own net taxes on "
        "production: table_net_taxes_on_production)",
        "Инструмент налогового графика (собственные чистые налоги на производство "
        "таблицы: table_net_taxes_on_production)",
        "Soliq jadvalidagi vosita (jadvalning ishlab chiqarishga sof soliqlari: "
        "table_net_taxes_on_production)",
    ),
    "change": (
        "The change of the rate: % of the rate, or percentage points",
        "Изменение ставки: % от ставки или процентные пункты",
        "Stavka o'zgarishi: stavkaning %i yoki foiz punktlari",
    ),
    "unit": (
        "percent: of the current rate (−50 halves it); points: percentage points of the base",
        "проценты: от текущей ставки (−50 — вдвое ниже); пункты: процентные пункты базы",
        "foiz: joriy stavkadan (−50 — ikki barobar kam); punktlar: bazaning foiz punktlari",
    ),
    "pass_through": (
        "Share of the cost change passed on to prices (0 to 1)",
        "Доля изменения издержек, переносимая в цены (от 0 до 1)",
        "Xarajatlar o'zgarishining narxlarga o'tadigan ulushi (0 dan 1 gacha)",
    ),
    "export_elasticity": (
        "Price elasticity of the sectors' exports (−50 to 0), applied once per sector",
        "Ценовая эластичность экспорта отраслей (от −50 до 0), применяется один раз на отрасль",
        "Tarmoqlar eksportining narx "
        "elastikligi (−50 dan 0 gacha), har bir tarmoqqa bir marta "
        "qo'llanadi",
    ),
}

#: Help under each field (``help_KIND_KEY``; ``help_any_KEY`` for the common fields).
_HELP: dict[str, tuple[str, str, str]] = {
    "help_any_note": (
        "A note kept with the shock",
        "Примечание, хранимое вместе с шоком",
        "Zarba bilan saqlanadigan izoh",
    ),
    "help_any_region": (
        "The region the shock's sectors are taken from (interregional tables)",
        "Регион, отрасли которого затрагивает шок (межрегиональные таблицы)",
        "Zarba tarmoqlari olinadigan hudud (hududlararo jadvallar)",
    ),
    "help_coefficients_rows": (
        "Supplying products whose input coefficients change",
        "Продукты-поставщики, коэффициенты затрат которых меняются",
        "Xarajat koeffitsiyentlari o'zgaradigan yetkazib beruvchi mahsulotlar",
    ),
    "help_coefficients_cols": (
        "Using sectors whose input coefficients change",
        "Отрасли-потребители, коэффициенты затрат которых меняются",
        "Xarajat koeffitsiyentlari o'zgaradigan iste'molchi tarmoqlar",
    ),
    "help_coefficients_operation": (
        "How the value changes each coefficient: scale in %, add Δa, or set a",
        "Как величина меняет каждый коэффициент: умножить (в %), прибавить Δa или задать a",
        "Miqdor har bir "
        "koeffitsiyentni qanday o'zgartiradi: %da ko'paytirish, "
        "Δa qo'shish yoki a belgilash",
    ),
    "help_coefficients_value": (
        "The change: % (scale), Δa (add) or a (set)",
        "Изменение: % (умножение), Δa (прибавление) или a (задание)",
        "O'zgarish: % (ko'paytirish), Δa (qo'shish) yoki a (belgilash)",
    ),
    "help_coefficients_mode": (
        "Each cell, or each column's block total spread in proportion to its cells",
        "Каждая ячейка или итог блока по столбцу, распределённый пропорционально ячейкам",
        "Har bir katak yoki ustun bo'yicha blok jami kataklarga mutanosib taqsimlanadi",
    ),
    "help_coefficients_balance": (
        "What gives way so each changed column still sums to its output",
        "Что уменьшается, чтобы каждый изменённый столбец по-прежнему давал в сумме выпуск",
        "Har bir o'zgargan ustun yig'indisi ishlab chiqarishga teng qolishi uchun nima kamayadi",
    ),
    "help_import_substitution_products": (
        "Imported products partly bought at home instead",
        "Импортные продукты, частично заменяемые отечественными",
        "Qisman mahalliy mahsulot bilan almashtiriladigan import mahsulotlari",
    ),
    "help_import_substitution_users": (
        "Sectors whose imported inputs are substituted",
        "Отрасли, импортные затраты которых замещаются",
        "Import xarajatlari almashtiriladigan tarmoqlar",
    ),
    "help_import_substitution_categories": (
        "Final-demand categories whose imports are substituted",
        "Категории конечного спроса, импорт которых замещается",
        "Importi almashtiriladigan yakuniy talab toifalari",
    ),
    "help_import_substitution_share": (
        "Share θ of those imports now supplied at home (0 to 1)",
        "Доля θ этого импорта, теперь производимая внутри страны (от 0 до 1)",
        "Endi mamlakat ichida ishlab chiqariladigan import ulushi θ (0 dan 1 gacha)",
    ),
    "help_final_demand_sectors": (
        "Sectors whose final demand changes",
        "Отрасли, конечный спрос на продукцию которых меняется",
        "Mahsulotiga yakuniy talab o'zgaradigan tarmoqlar",
    ),
    "help_final_demand_category": (
        "The final demand that changes: a role or a category of the table",
        "Меняющийся конечный спрос: роль или категория таблицы",
        "O'zgaradigan yakuniy talab: rol yoki jadval toifasi",
    ),
    "help_final_demand_change": (
        "The change, in % or in table units (see the unit)",
        "Изменение в % или в единицах таблицы (см. единицу)",
        "O'zgarish, %da yoki jadval birliklarida (birlikka qarang)",
    ),
    "help_final_demand_unit": (
        "percent, or absolute (table units)",
        "проценты или абсолютная величина (единицы таблицы)",
        "foiz yoki mutlaq miqdor (jadval birliklari)",
    ),
    "help_final_demand_mode": (
        "Each sector, or the total spread in proportion to the category's demand",
        "Каждая отрасль или итог, распределённый пропорционально спросу категории",
        "Har bir tarmoq yoki toifa talabiga mutanosib taqsimlanadigan jami",
    ),
    "help_productivity_sectors": (
        "Sectors whose coefficients change",
        "Отрасли, коэффициенты которых меняются",
        "Koeffitsiyentlari o'zgaradigan tarmoqlar",
    ),
    "help_productivity_target": (
        "Jobs per unit of output, or value added per unit",
        "Занятость на единицу выпуска или добавленная стоимость на единицу",
        "Ishlab chiqarish birligiga bandlik yoki qo'shilgan qiymat",
    ),
    "help_productivity_change": (
        "Percent change of the coefficient (or of productivity)",
        "Изменение коэффициента (или производительности) в %",
        "Koeffitsiyent (yoki unumdorlik) o'zgarishi, %",
    ),
    "help_productivity_productivity": (
        "Read the change as productivity: coefficient ÷ (1 + change/100)",
        "Понимать изменение как рост производительности: коэффициент ÷ (1 + изменение/100)",
        "O'zgarishni unumdorlik deb o'qish: koeffitsiyent ÷ (1 + o'zgarish/100)",
    ),
    "help_productivity_satellite": (
        "The employment row changed (default every row)",
        "Изменяемая строка занятости (по умолчанию все строки)",
        "O'zgaradigan bandlik satri (odatda barcha satrlar)",
    ),
    "help_extraction_sectors": (
        "Sectors extracted: their rows and columns of A set to 0",
        "Исключаемые отрасли: их строки и столбцы A обнуляются",
        "Chiqarib tashlanadigan tarmoqlar: A dagi satr va ustunlari nolga tenglanadi",
    ),
    "help_extraction_from": (
        "Suppliers whose linkages to the second group are removed",
        "Поставщики, связи которых со второй группой удаляются",
        "Ikkinchi guruh bilan aloqalari olib tashlanadigan yetkazib beruvchilar",
    ),
    "help_extraction_to": (
        "Users whose inputs from the first group are removed",
        "Потребители, затраты которых из первой группы удаляются",
        "Birinchi guruhdan xarajatlari olib tashlanadigan iste'molchilar",
    ),
    "help_extraction_both_directions": (
        "Also remove the linkages back",
        "Удалить и обратные связи",
        "Teskari aloqalarni ham olib tashlash",
    ),
    "help_extraction_keep_final_demand": (
        "Keep the extracted sectors' final demand",
        "Сохранить конечный спрос исключённых отраслей",
        "Chiqarilgan tarmoqlarning yakuniy talabini saqlash",
    ),
    "help_prices_sectors": (
        "Sectors whose price or unit value added changes",
        "Отрасли, у которых меняется цена или добавленная стоимость на единицу",
        "Narxi yoki birlik qo'shilgan qiymati o'zgaradigan tarmoqlar",
    ),
    "help_prices_target": (
        "The price set from outside, or unit value added (cost push)",
        "Цена, задаваемая извне, или добавленная стоимость на единицу (рост издержек)",
        "Tashqaridan belgilanadigan narx yoki birlik qo'shilgan qiymati (xarajatlar bosimi)",
    ),
    "help_prices_change": (
        "Percent change (negative: cheaper)",
        "Изменение в % (отрицательное — дешевле)",
        "O'zgarish, % (manfiy — arzonroq)",
    ),
    "help_investment_asset": (
        "Asset type bought",
        "Приобретаемый вид актива",
        "Sotib olinadigan aktiv turi",
    ),
    "help_investment_amount": (
        "Amount of capital formation in table units, spread over "
        "products and split into domestic and imported supply",
        "Объём накопления капитала в единицах таблицы, распределяемый "
        "по продуктам и делимый на отечественные и импортные поставки",
        "Jadval birliklarida kapital jamg'arish hajmi, mahsulotlarga "
        "taqsimlanadi va mahalliy va import yetkazib berishga "
        "bo'linadi",
    ),
}
for _kind in ("tax", "subsidy"):
    _HELP |= {f"help_{_kind}_{k}": v for k, v in _SAME_FOR_TAX.items()}

#: Allowed values of the choice fields (``opt_VALUE``) and the parameter boxes.
_OPTIONS: dict[str, tuple[str, str, str]] = {
    "opt_scale": ("scale by %", "умножить (в %)", "%da ko'paytirish"),
    "opt_add": ("add Δa", "прибавить Δa", "Δa qo'shish"),
    "opt_set": ("set a", "задать a", "a ni belgilash"),
    "opt_per_cell": ("each cell (sector)", "каждая ячейка (отрасль)", "har bir katak (tarmoq)"),
    "opt_distribute": ("the total, spread", "итог с распределением", "jami, taqsimlangan"),
    "opt_value_added": ("value added", "добавленная стоимость", "qo'shilgan qiymat"),
    "opt_imports": ("imported inputs", "импортные затраты", "import xarajatlari"),
    "opt_other_inputs": (
        "other domestic inputs",
        "прочие отечественные затраты",
        "boshqa mahalliy xarajatlar",
    ),
    "opt_none": (
        "nothing (the column sum changes)",
        "ничего (сумма столбца меняется)",
        "hech narsa (ustun yig'indisi o'zgaradi)",
    ),
    "opt_percent": ("percent", "проценты", "foiz"),
    "opt_absolute": (
        "absolute (table units)",
        "абсолютная (единицы таблицы)",
        "mutlaq (jadval birliklari)",
    ),
    "opt_points": ("percentage points", "процентные пункты", "foiz punktlari"),
    "opt_employment": (
        "jobs per unit of output",
        "занятость на единицу выпуска",
        "ishlab chiqarish birligiga bandlik",
    ),
    "opt_price": ("price", "цена", "narx"),
    "opt_machinery": ("machinery and equipment", "машины и оборудование", "mashina va uskunalar"),
    "opt_construction": ("construction", "строительство", "qurilish"),
    "opt_transport": ("transport equipment", "транспортные средства", "transport vositalari"),
    "opt_ict": (
        "ICT equipment and software",
        "ИКТ-оборудование и программы",
        "AKT uskunalari va dasturlar",
    ),
    "opt_other": ("other assets", "прочие активы", "boshqa aktivlar"),
    "dist_fixed": ("a value", "число", "son"),
    "dist_uniform": ("a range (uniform)", "диапазон (равномерный)", "oraliq (tekis)"),
    "dist_triangular": (
        "triangular distribution",
        "треугольное распределение",
        "uchburchak taqsimot",
    ),
    "dist_normal": ("normal distribution", "нормальное распределение", "normal taqsimot"),
    "param_value": ("value", "значение", "qiymat"),
    "param_low": ("low", "минимум", "eng kichik"),
    "param_high": ("high", "максимум", "eng katta"),
    "param_mode": ("most likely", "наиболее вероятное", "eng ehtimolli"),
    "param_mean": ("mean", "среднее", "o'rtacha"),
    "param_sd": ("standard deviation", "стандартное отклонение", "standart chetlanish"),
}

LAB_LABELS: dict[str, tuple[str, str, str]] = {**_PAGE, **_KINDS, **_FIELDS, **_HELP, **_OPTIONS}
