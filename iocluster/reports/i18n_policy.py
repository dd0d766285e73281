"""Words of the policy-instrument sheets (tax impacts, capacity limits, investment) in
English, Russian and Uzbek (Latin); merged into :data:`iocluster.reports.i18n.LABELS`."""

from __future__ import annotations

__all__ = ["POLICY_LABELS"]

#: key -> (English, Russian, Uzbek Latin)
POLICY_LABELS: dict[str, tuple[str, str, str]] = {
    "tax_impacts": ("Tax impacts", "Налоговые эффекты", "Soliq ta'sirlari"),
    "tax_impacts_title": (
        "Tax impacts: net revenue by instrument and effect",
        "Налоговые эффекты: чистые поступления по инструментам и эффектам",
        "Soliq ta'sirlari: vositalar va ta'sirlar bo'yicha sof tushumlar",
    ),
    "tax_impacts_sub": (
        "Change in net tax revenue (subsidies count negative): the rate change at baseline "
        "activity, then revenue from the direct, indirect and induced change in activity at "
        "the new rates",
        "Изменение чистых налоговых поступлений (субсидии со знаком минус): изменение ставки "
        "при базовой активности, затем поступления от прямого, косвенного и "
        "индуцированного изменения активности по новым ставкам",
        "Sof soliq tushumlarining o'zgarishi (subsidiyalar manfiy): bazaviy faollikda stavka "
        "o'zgarishi, so'ng yangi stavkalarda to'g'ridan-to'g'ri, bilvosita va "
        "induktsiyalangan faollik o'zgarishidan tushumlar",
    ),
    "instrument": ("Instrument", "Инструмент", "Vosita"),
    "tax_base": ("Base", "База", "Baza"),
    "tax_kind": ("Tax or subsidy", "Налог или субсидия", "Soliq yoki subsidiya"),
    "rate_change": ("Rate change", "Изменение ставки", "Stavka o'zgarishi"),
    "baseline_revenue": ("Baseline revenue", "Базовые поступления", "Bazaviy tushumlar"),
    "fiscal_balance": ("Fiscal balance", "Бюджетный баланс", "Byudjet balansi"),
    "period": ("Period", "Период", "Davr"),
    "annual": ("annual", "за год", "yillik"),
    "revenue_lost": (
        "Revenue lost (direct cost)",
        "Потерянные поступления (прямые затраты)",
        "Yo'qotilgan tushum (to'g'ridan-to'g'ri xarajat)",
    ),
    "revenue_from_activity": (
        "Revenue from the induced activity",
        "Поступления от вызванной активности",
        "Yuzaga kelgan faollikdan tushum",
    ),
    "net_cost": ("Net cost to the budget", "Чистые затраты бюджета", "Byudjetning sof xarajati"),
    "capacity_limits": ("Capacity limits", "Ограничения мощностей", "Quvvat cheklovlari"),
    "capacity_title": (
        "Capacity-limited sectors: output held, what gave way",
        "Отрасли с ограниченными мощностями: выпуск зафиксирован, что уступило",
        "Quvvati cheklangan tarmoqlar: ishlab chiqarish qayd etilgan, nima o'rin bo'shatdi",
    ),
    "capacity_sub": (
        "Mixed model (Miller & Blair 2009, §13.1): the final demand for the held products "
        "changes so that their output stays at the limit",
        "Смешанная модель (Miller & Blair 2009, §13.1): конечный спрос на продукцию с "
        "ограничением меняется так, чтобы выпуск оставался на пределе",
        "Aralash model (Miller & Blair 2009, §13.1): cheklangan mahsulotlarga yakuniy talab "
        "ishlab chiqarish chegarada qolishi uchun o'zgaradi",
    ),
    "baseline_output": ("Baseline output", "Базовый выпуск", "Bazaviy ishlab chiqarish"),
    "scenario_output": (
        "Scenario output",
        "Выпуск по сценарию",
        "Ssenariy bo'yicha ishlab chiqarish",
    ),
    "unconstrained_output": (
        "Output without the limit",
        "Выпуск без ограничения",
        "Cheklovsiz ishlab chiqarish",
    ),
    "final_demand_change": (
        "Change in final demand for the domestic product",
        "Изменение конечного спроса на отечественную продукцию",
        "Mahalliy mahsulotga yakuniy talab o'zgarishi",
    ),
    "exports_change": ("Change in exports", "Изменение экспорта", "Eksport o'zgarishi"),
    "imports_change": ("Change in imports", "Изменение импорта", "Import o'zgarishi"),
    "investment": ("Investment", "Инвестиции", "Investitsiyalar"),
    "investment_title": (
        "Investment programmes: what stays in the country and what leaks abroad",
        "Инвестиционные программы: что остаётся в стране и что уходит за рубеж",
        "Investitsiya dasturlari: mamlakatda nima qoladi va xorijga nima chiqadi",
    ),
    "asset": ("Asset type", "Вид активов", "Aktiv turi"),
    "amount": ("Amount", "Сумма", "Summa"),
    "domestic_supply": ("Domestic supply", "Отечественные поставки", "Mahalliy ta'minot"),
    "import_leakage": ("Imports (leakage)", "Импорт (утечка)", "Import (chiqib ketish)"),
    "domestic_share": ("Domestic share", "Доля отечественных", "Mahalliy ulush"),
    "asset_machinery": ("Machinery and equipment", "Машины и оборудование", "Mashina va uskunalar"),
    "asset_construction": ("Construction", "Строительство", "Qurilish"),
    "asset_transport": ("Transport equipment", "Транспортные средства", "Transport vositalari"),
    "asset_ict": (
        "ICT equipment and software",
        "ИКТ-оборудование и ПО",
        "AKT uskunalari va dasturlar",
    ),
    "asset_other": ("Other", "Прочее", "Boshqa"),
    "sent_fiscal": (
        "Budget: {lost} {unit} of revenue lost at unchanged activity, {back} {unit} regained "
        "from the activity it induces; net cost {net} {unit} a year.",
        "Бюджет: {lost} {unit} потерянных поступлений при неизменной активности, {back} "
        "{unit} возвращается за счёт вызванной активности; чистые затраты {net} {unit} в год.",
        "Byudjet: o'zgarmagan faollikda {lost} {unit} tushum yo'qotiladi, yuzaga kelgan "
        "faollikdan {back} {unit} qaytadi; sof xarajat yiliga {net} {unit}.",
    ),
    "sent_fiscal_activity": (
        "Tax revenue from the activity the scenario induces: {back} {unit} a year (no tax "
        "rate changes).",
        "Налоговые поступления от вызванной сценарием активности: {back} {unit} в год "
        "(ставки не меняются).",
        "Ssenariy yuzaga keltirgan faollikdan soliq tushumlari: yiliga {back} {unit} "
        "(stavkalar o'zgarmaydi).",
    ),
    "sent_capacity": (
        "{sector} held at its output limit: final demand for its domestic product changes "
        "by {z} {unit} (imports {imp} {unit}).",
        "{sector} на пределе выпуска: конечный спрос на отечественную продукцию меняется на "
        "{z} {unit} (импорт {imp} {unit}).",
        "{sector} ishlab chiqarish chegarasida: mahalliy mahsulotga yakuniy talab {z} {unit} "
        "ga o'zgaradi (import {imp} {unit}).",
    ),
}
