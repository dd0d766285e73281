"""Words of the parameter sweep (the impact workbook's sheet and the figure) in English,
Russian and Uzbek (Latin); merged into :data:`iocluster.reports.i18n.LABELS`."""

from __future__ import annotations

__all__ = ["SWEEP_LABELS"]

#: key -> (English, Russian, Uzbek Latin)
SWEEP_LABELS: dict[str, tuple[str, str, str]] = {
    "sweep_sheet": ("Sweep", "Чувствительность", "Sezgirlik"),
    "sweep_title": (
        "Parameter sweep: the totals at each value",
        "Анализ чувствительности: итоги при каждом значении параметров",
        "Sezgirlik tahlili: parametrlarning har bir qiymatidagi jami ko'rsatkichlar",
    ),
    "sweep_sub": (
        "Change of every measure from the baseline, one run per value (or pair of values) of "
        "the swept parameters, every other parameter at its point estimate",
        "Изменение каждого показателя относительно базы: один расчёт на каждое значение (или "
        "пару значений) варьируемых параметров, остальные параметры — в точечной оценке",
        "Har bir ko'rsatkichning bazaga nisbatan o'zgarishi: o'zgaruvchi parametrlarning har "
        "bir qiymati (yoki qiymatlar jufti) uchun bitta hisob, qolgan parametrlar nuqtaviy "
        "baholashda",
    ),
    "sweep_of": (
        "{scenario}: {shock}, parameters {fields}",
        "{scenario}: {shock}, параметры {fields}",
        "{scenario}: {shock}, parametrlar {fields}",
    ),
    "sweep_run": ("Run", "Расчёт", "Hisob"),
    "sweep_pct": ("% change", "изменение, %", "o'zgarish, %"),
    "sweep_grid": (
        "{measure}, % change from the baseline: rows {first}, columns {second}",
        "{measure}, изменение к базе, %: строки — {first}, столбцы — {second}",
        "{measure}, bazaga nisbatan o'zgarish, %: satrlar — {first}, ustunlar — {second}",
    ),
    "sweep_fig_title": (
        "{scenario}: sensitivity to {fields}",
        "{scenario}: чувствительность к параметрам {fields}",
        "{scenario}: {fields} parametrlariga sezgirlik",
    ),
    "sweep_axis": (
        "Change from the baseline, %",
        "Изменение к базе, %",
        "Bazaga nisbatan o'zgarish, %",
    ),
    "sweep_no_figure": (
        "The figure of the sweep needs matplotlib (the plots extra of iocluster)",
        "Для рисунка нужен пакет matplotlib (дополнение plots пакета iocluster)",
        "Rasm uchun matplotlib paketi kerak (iocluster paketining plots qo'shimchasi)",
    ),
}
