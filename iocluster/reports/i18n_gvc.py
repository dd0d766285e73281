"""Words of the trade-in-value-added sheets and figure (issue 31) in English, Russian and
Uzbek (Latin); merged into :data:`iocluster.reports.i18n.LABELS`. OECD indicator codes
(``EXGR_DVA`` …) stay as the OECD writes them in every language."""

from __future__ import annotations

__all__ = ["GVC_LABELS"]

#: key -> (English, Russian, Uzbek Latin)
GVC_LABELS: dict[str, tuple[str, str, str]] = {
    "tiva_sheet": (
        "Trade in value added",
        "Торговля в добавленной стоимости",
        "Qo'shilgan qiymat savdosi",
    ),
    "tiva_sheet_name": ("Value added in exports", "ДС в экспорте", "Eksportdagi QQ"),
    "tiva_sector_sheet": (
        "Value added by exporter",
        "ДС по экспортёрам",
        "Eksportchilar bo'yicha QQ",
    ),
    "kww_sheet": ("Exports decomposed", "Разложение экспорта", "Eksport tarkibi"),
    "tiva_sub_national": (
        "Value added embodied in gross exports (OECD indicators EXGR_DVA, EXGR_FVA, "
        "EXGR_SERV_DVA): domestic value added, import content and other primary inputs add "
        "up to gross exports",
        "Добавленная стоимость в валовом экспорте (показатели ОЭСР EXGR_DVA, EXGR_FVA, "
        "EXGR_SERV_DVA): отечественная добавленная стоимость, импортная составляющая и "
        "прочие первичные затраты в сумме дают валовой экспорт",
        "Yalpi eksportdagi qo'shilgan qiymat (IHTT ko'rsatkichlari EXGR_DVA, EXGR_FVA, "
        "EXGR_SERV_DVA): ichki qo'shilgan qiymat, import tarkibi va boshqa birlamchi "
        "xarajatlar yig'indisi yalpi eksportga teng",
    ),
    "tiva_sub_mrio": (
        "Value added embodied in gross exports to other regions (OECD indicators EXGR_DVA, "
        "EXGR_FVA, EXGR_DVAFXSH): domestic and foreign value added and other primary inputs "
        "add up to gross exports",
        "Добавленная стоимость в валовом экспорте в другие регионы (показатели ОЭСР "
        "EXGR_DVA, EXGR_FVA, EXGR_DVAFXSH): отечественная и иностранная добавленная "
        "стоимость и прочие первичные затраты в сумме дают валовой экспорт",
        "Boshqa hududlarga yalpi eksportdagi qo'shilgan qiymat (IHTT ko'rsatkichlari "
        "EXGR_DVA, EXGR_FVA, EXGR_DVAFXSH): ichki va xorijiy qo'shilgan qiymat hamda boshqa "
        "birlamchi xarajatlar yig'indisi yalpi eksportga teng",
    ),
    "tiva_by_region": ("By exporting region", "По регионам-экспортёрам", "Eksportchi hududlar"),
    "tiva_by_cluster": ("By cluster", "По кластерам", "Klasterlar bo'yicha"),
    "tiva_by_sector": ("By exporting sector", "По отраслям-экспортёрам", "Eksportchi tarmoqlar"),
    "tiva_services": (
        "Which services: value added of each service sector in exports",
        "Какие услуги: добавленная стоимость отраслей услуг в экспорте",
        "Qaysi xizmatlar: eksportdagi xizmat tarmoqlarining qo'shilgan qiymati",
    ),
    "tiva_origins": (
        "Where the value added in each region's exports comes from",
        "Откуда добавленная стоимость в экспорте каждого региона",
        "Har bir hudud eksportidagi qo'shilgan qiymat qayerdan",
    ),
    "tiva_final_demand": (
        "Value added of each origin in each destination's final demand",
        "Добавленная стоимость каждого источника в конечном спросе каждого региона",
        "Har bir manba qo'shilgan qiymatining har bir hudud yakuniy talabidagi hissasi",
    ),
    "gross_exports": ("Gross exports", "Валовой экспорт", "Yalpi eksport"),
    "exports_intermediate": (
        "Exports of intermediates",
        "Экспорт промежуточной продукции",
        "Oraliq mahsulotlar eksporti",
    ),
    "exports_final": (
        "Exports of final goods",
        "Экспорт конечной продукции",
        "Yakuniy mahsulotlar eksporti",
    ),
    "dva_exports": (
        "Domestic value added",
        "Отечественная добавленная стоимость",
        "Ichki qo'shilgan qiymat",
    ),
    "fva_exports": (
        "Foreign value added",
        "Иностранная добавленная стоимость",
        "Xorijiy qo'shilgan qiymat",
    ),
    "import_content_exports": ("Import content", "Импортная составляющая", "Import tarkibi"),
    "other_inputs_exports": (
        "Other primary inputs (net taxes on products, unexplained part)",
        "Прочие первичные затраты (чистые налоги на продукты, необъяснённая часть)",
        "Boshqa birlamchi xarajatlar (mahsulot soliqlari, izohlanmagan qism)",
    ),
    "services_dva_exports": (
        "Domestic services value added",
        "Отечественная ДС услуг",
        "Xizmatlarning ichki QQ",
    ),
    "services_fva_exports": (
        "Foreign services value added",
        "Иностранная ДС услуг",
        "Xizmatlarning xorijiy QQ",
    ),
    "dvafx_exports": (
        "Domestic value added in other regions' exports",
        "Отечественная ДС в экспорте других регионов",
        "Boshqa hududlar eksportidagi ichki QQ",
    ),
    "share_of_exports": (
        "share of gross exports",
        "доля в валовом экспорте",
        "yalpi eksportdagi ulush",
    ),
    "gvc_participation": (
        "GVC participation (backward + forward)",
        "Участие в ГЦС (назад + вперёд)",
        "GQZ ishtiroki (orqaga + oldinga)",
    ),
    "gvc_position": (
        "GVC position, ln(1 + forward) − ln(1 + backward)",
        "Позиция в ГЦС, ln(1 + вперёд) − ln(1 + назад)",
        "GQZdagi o'rin, ln(1 + oldinga) − ln(1 + orqaga)",
    ),
    "gvc_note": (
        "GVC: global value chains. Backward participation is the foreign value-added share "
        "of gross exports (EXGR_FVASH), forward participation the domestic value added in "
        "other regions' exports as a share of gross exports (EXGR_DVAFXSH); Koopman, "
        "Powers, Wang & Wei (2010).",
        "ГЦС: глобальные цепочки стоимости. Участие назад: доля иностранной добавленной "
        "стоимости в валовом экспорте (EXGR_FVASH); участие вперёд: отечественная "
        "добавленная стоимость в экспорте других регионов как доля валового экспорта "
        "(EXGR_DVAFXSH); Koopman, Powers, Wang & Wei (2010).",
        "GQZ: global qiymat zanjirlari. Orqaga ishtirok: yalpi eksportdagi xorijiy "
        "qo'shilgan qiymat ulushi (EXGR_FVASH); oldinga ishtirok: boshqa hududlar "
        "eksportidagi ichki qo'shilgan qiymatning yalpi eksportga nisbati (EXGR_DVAFXSH); "
        "Koopman, Powers, Wang & Wei (2010).",
    ),
    "origin_col": (
        "Origin of value added",
        "Источник добавленной стоимости",
        "Qo'shilgan qiymat manbai",
    ),
    "exporter_col": ("Exporter", "Экспортёр", "Eksportchi"),
    "destination_col": ("Final demand of", "Конечный спрос", "Yakuniy talab"),
    "outside_region": (
        "Outside the table (abroad)",
        "За пределами таблицы (за рубежом)",
        "Jadvaldan tashqarida (xorijda)",
    ),
    "other_inputs_short": (
        "Other primary inputs",
        "Прочие первичные затраты",
        "Boshqa birlamchi xarajatlar",
    ),
    "all_exports": ("All exports", "Весь экспорт", "Butun eksport"),
    "services_sector_col": ("Service sector", "Отрасль услуг", "Xizmat tarmog'i"),
    # KWW (2014) terms of gross exports
    "kww_sub": (
        "Gross exports split into value-added terms (Koopman, Wang & Wei 2014): the terms "
        "add up to gross exports",
        "Валовой экспорт по слагаемым добавленной стоимости (Koopman, Wang & Wei 2014): "
        "слагаемые в сумме дают валовой экспорт",
        "Yalpi eksportning qo'shilgan qiymat qismlari (Koopman, Wang & Wei 2014): qismlar "
        "yig'indisi yalpi eksportga teng",
    ),
    "kww_dva_fin": (
        "Domestic VA in final goods exports",
        "Отечественная ДС в экспорте конечной продукции",
        "Yakuniy mahsulot eksportidagi ichki QQ",
    ),
    "kww_dva_int": (
        "Domestic VA in intermediates absorbed by the importer",
        "Отечественная ДС в промежуточной продукции, потреблённой импортёром",
        "Importchi iste'mol qilgan oraliq mahsulotdagi ichki QQ",
    ),
    "kww_dva_intrex": (
        "Domestic VA in intermediates re-exported to third regions",
        "Отечественная ДС в промежуточной продукции, реэкспортированной в третьи регионы",
        "Uchinchi hududlarga qayta eksport qilingan oraliq mahsulotdagi ichki QQ",
    ),
    "kww_rdv_fin": (
        "Domestic VA returning home in final imports",
        "Отечественная ДС, вернувшаяся в импорте конечной продукции",
        "Yakuniy mahsulot importida qaytgan ichki QQ",
    ),
    "kww_rdv_int": (
        "Domestic VA returning home in intermediate imports",
        "Отечественная ДС, вернувшаяся в импорте промежуточной продукции",
        "Oraliq mahsulot importida qaytgan ichki QQ",
    ),
    "kww_ddc": (
        "Domestic double counting",
        "Двойной счёт отечественной ДС",
        "Ichki QQ ning ikki marta hisobi",
    ),
    "kww_fva_fin": (
        "Foreign VA in final goods exports",
        "Иностранная ДС в экспорте конечной продукции",
        "Yakuniy mahsulot eksportidagi xorijiy QQ",
    ),
    "kww_fva_int": (
        "Foreign VA in intermediate exports",
        "Иностранная ДС в экспорте промежуточной продукции",
        "Oraliq mahsulot eksportidagi xorijiy QQ",
    ),
    "kww_fdc": (
        "Foreign double counting",
        "Двойной счёт иностранной ДС",
        "Xorijiy QQ ning ikki marta hisobi",
    ),
    "va_abbrev": (
        "VA: value added (here every primary input but imports from outside the table)",
        "ДС: добавленная стоимость (здесь все первичные затраты, кроме импорта из-за "
        "пределов таблицы)",
        "QQ: qo'shilgan qiymat (bu yerda jadvaldan tashqaridan importdan boshqa barcha "
        "birlamchi xarajatlar)",
    ),
    # figure
    "fig_tiva": (
        "Value added in gross exports",
        "Добавленная стоимость в валовом экспорте",
        "Yalpi eksportdagi qo'shilgan qiymat",
    ),
    "dva_not_services": (
        "Domestic value added, goods sectors",
        "Отечественная ДС, отрасли товаров",
        "Ichki QQ, tovar tarmoqlari",
    ),
    "fig_tiva_exports": ("exports {value}", "экспорт {value}", "eksport {value}"),
    "fig_tiva_top": (
        "{n} largest exporters of {total}",
        "{n} крупнейших экспортёров из {total}",
        "{total} tadan {n} ta eng yirik eksportchi",
    ),
}
