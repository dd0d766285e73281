"""Reports a ministry can be handed unchanged (issue 15): every user-visible string of
the Russian and Uzbek analysis reports (workbook cells, sheet names, figure texts) is in
the report language; numbers in words follow the language; figures have no overlapping
text and no matplotlib offset text ("1e6").

What may stay in English is what the reader's own inputs say (table metadata, sector
codes and names, the scenario file's names and fields, file paths, the command line)
and a short allow-list of codes and proper names (:data:`ALLOWED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook

from iocluster.core.messages import catalogue
from iocluster.reports.i18n import money_text, percent, tr
from tests.test_reports import EXAMPLE, SCENARIO_TOML

pytest.importorskip("matplotlib")

SHARED = Path(
    __import__("os").environ.get("IOCLUSTER_SHARED", Path(__file__).parents[2] / "shared")
)
UZB = SHARED / "data" / "uzbekistan-2022"
UZB_SCENARIO = (
    Path(__file__).parents[1] / "data" / "scenarios" / "textile_integration_uzbekistan.toml"
)

#: Codes and proper names a Russian or Uzbek reader may see in Latin letters.
ALLOWED = {
    "iocluster", "UTC", "UZS", "USD", "EUR", "LU", "IQR", "Q3", "P5", "P50", "P95", "LQ",
    "NACE", "PASS", "WARN", "FAIL", "Monte", "Carlo", "Woodbury", "Ghosh", "Leontief",
    "Miller", "Blair", "Dietzenbacher", "Los", "Disdier", "Head",  # authors cited
    "Koopman", "Powers", "Wang", "Wei", "EXGR", "ln",  # GVC authors, OECD's code, ln(1 + x)
    "FLQ", "AFLQ", "SLQ", "CILQ",  # location-quotient methods (Flegg, simple, cross-industry)
    "II", "III", "IV",  # Roman numerals (Type II)
    "min", "max",  # functions in formulas (min(1, LQ_ij)), Latin in Russian mathematics too
    "names", "FILE", "code", "name", "en", "ru", "uz",  # the option --names FILE, its columns
    "SHA",  # SHA-256, the checksum standard
    "include", "flagged",  # the option --include-flagged
}  # fmt: skip

#: A Latin word of two letters or more, not part of a formula (x̂⁻¹Lx̂, A', y₀).
WORD = re.compile(
    r"(?<![\w\u0300-\u036f⁰-⁹₀-₉ᵃ-ᵿ'])[A-Za-z][A-Za-z']*[A-Za-z]"
    r"(?![\w\u0300-\u036f⁰-⁹₀-₉ᵃ-ᵿ'])"
)
#: A quoted identifier ('services', 'group'): a literal name, not prose.
QUOTED = re.compile(r"(?<![\w])'[^'\s]+'(?![\w])")


def _words(text: str) -> set[str]:
    return {w.strip("'") for w in WORD.findall(text)}


def _uz_vocabulary() -> set[str]:
    """Every Latin word of the Uzbek translations (labels, check names, messages)."""
    words: set[str] = set()
    for entry in catalogue("uz").texts.values():
        for text in entry if isinstance(entry, tuple) else (entry,):
            words |= _words(text)
    return {w.lower() for w in words}


def _input_words(
    table: Any, scenario: Path, extra: str = "", *, table_assumptions: bool = True
) -> set[str]:
    """Words the reader's own inputs bring: table metadata, codes, names, cluster tags,
    and the scenario file as written and as parsed (its names, fields and values, which
    the About sheet lists as the scenario language spells them).

    ``table_assumptions=False``: the table's assumptions are the library's sentences
    (a table iocluster built, such as an interregional table), to be translated."""
    from iocluster.model.groups import tag_clusters
    from iocluster.reports.impact.workbook import scenario_rows
    from iocluster.scenarios.run import read_scenarios

    m = table.meta
    sf = read_scenarios(scenario, table)
    rows = scenario_rows(sf)
    # the input files' own words (an illustrative file's title line)
    extra += " " + " ".join(f.illustrative for f in sf.inputs)
    parsed = " ".join(str(v) for col in ("kind", "field", "value") for v in rows[col])
    own = [str(a) for a in m.assumptions] if table_assumptions else ()
    text = " ".join([m.title, m.region, m.source, m.notes, m.illustrative_reason, *own,
                     *table.codes,
                     *table.names, *tag_clusters(table), scenario.read_text(encoding="utf-8"),
                     str(scenario), parsed, extra])  # fmt: skip
    return {w.lower() for w in _words(text)} | {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def _workbook_texts(path: Path) -> Iterator[tuple[str, str]]:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        yield ws.title, ws.title
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    yield f"{ws.title}!{c.coordinate}", c.value
        for chart in getattr(ws, "_charts", []):
            yield f"{ws.title} chart", _chart_title(chart)


def _chart_title(chart: Any) -> str:
    parts = []
    for t in (chart.title, getattr(chart.y_axis, "title", None)):
        if t is None:
            continue
        if isinstance(t, str):
            parts.append(t)
            continue
        rich = getattr(getattr(t, "tx", None), "rich", None)
        for p in getattr(rich, "p", []) or []:
            parts += [r.t for r in (p.r or [])]
    return " ".join(parts)


def _figure_texts(fig: Any) -> list[Any]:
    """Every text drawn: tick labels only of ticks inside the axis' view (the others are
    not drawn)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                loc = tick.get_loc()
                if loc is None or not (lo - 1e-9 * abs(hi - lo) <= loc <= hi + 1e-9 * abs(hi - lo)):
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in hidden]  # fmt: skip


def english_left(texts: Iterator[tuple[str, str]], lang: str, allowed: set[str]) -> list[str]:
    """Texts with a word that is English (ru: any Latin word; uz: a word of no Uzbek
    translation, suffixes allowed: "so'mga"), other than the inputs' own words, quoted
    identifiers and :data:`ALLOWED`; the command line is the reader's own."""
    ok = {w.lower() for w in ALLOWED} | allowed
    uz = _uz_vocabulary() if lang == "uz" else set()
    stems = tuple(w for w in uz if len(w) >= 4)
    out = []
    for where, text in texts:
        if text.startswith("iocluster "):  # the program and the command line
            continue
        words = _words(QUOTED.sub(" ", text))
        cut = {w.lower() for w in re.findall(r"([A-Za-z']+)…", text)}  # a shortened name
        low = [w for w in words if w.lower() not in ok and w.lower() not in uz]
        bad = [w for w in low if not w.lower().startswith(stems)
               and not (w.lower() in cut and any(o.startswith(w.lower()) for o in ok))]  # fmt: skip
        if bad:
            out.append(f"{where}: {bad} in {text[:100]!r}")
    return out


def _run_analyze(table_arg: str, scenario: Path, out: Path, lang: str, *extra: str) -> None:
    from typer.testing import CliRunner

    from iocluster.cli import app

    args = ["analyze", table_arg, "--scenario", str(scenario), "-o", str(out), "--lang", lang]
    r = CliRunner().invoke(app, [*args, "--quiet", "--no-figures", *extra])
    assert r.exit_code == 0, r.output


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, Any]:  # type: ignore[no-untyped-def]
    from iocluster.io import read_table

    d = tmp_path_factory.mktemp("lang")
    scen = d / "textile_services.toml"
    scen.write_text(SCENARIO_TOML, encoding="utf-8")
    return scen, read_table(EXAMPLE)


@pytest.mark.parametrize("lang", ["ru", "uz", "uz-Cyrl"])
def test_example_report_has_no_english_left(example, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    scen, table = example
    _run_analyze(str(EXAMPLE), scen, tmp_path, lang, "--draws", "20", "--seed", "1")
    allowed = _input_words(table, scen, str(tmp_path) + " " + str(EXAMPLE))
    left = english_left(_workbook_texts(tmp_path / "analysis.xlsx"), lang, allowed)
    assert not left, "\n".join(left[:30])


def test_the_check_catches_english() -> None:
    """The check is not vacuous: an English sentence in a ru or uz report is caught."""
    texts = [
        ("A1", "Output multiplier"),
        ("A2", "Мультипликатор выпуска"),
        ("A3", "Ishlab chiqarish multiplikatori"),
        ("A4", "total use; 136 sectors"),
    ]
    assert len(english_left(iter(texts), "ru", set())) == 3
    assert [x[:2] for x in english_left(iter(texts), "uz", set())] == ["A1", "A4"]


@pytest.fixture(scope="module")
def uzbekistan() -> Any:
    if not UZB.exists():
        pytest.skip("shared Uzbekistan data absent")
    import warnings

    from iocluster.cli.common import load_result_table
    from iocluster.pipeline.analyze import analyze
    from iocluster.scenarios.run import read_scenarios

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = load_result_table(UZB)
        return analyze(t, scenario_file=read_scenarios(UZB_SCENARIO, t))


@pytest.mark.parametrize("lang", ["ru", "uz", "uz-Cyrl"])
def test_uzbekistan_report_has_no_english_left(uzbekistan, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    path = write_analysis_workbook(tmp_path / "analysis.xlsx", uzbekistan, lang=lang)
    allowed = _input_words(uzbekistan.table, UZB_SCENARIO)
    left = english_left(_workbook_texts(path), lang, allowed)
    assert not left, "\n".join(left[:30])


def _text_box(t: Any, r: Any) -> Any:
    """The drawn box of a text alone (an annotation's leader line is checked apart)."""
    from matplotlib.text import Text

    return Text.get_window_extent(t, r)


def _overlaps(fig: Any) -> list[str]:
    """Pairs of texts whose drawn boxes overlap (more than 1 px each way), texts outside
    the figure, leader lines crossing another text, and labels covering a marker other
    than their own point (:func:`_labels_on_points`)."""
    texts = _figure_texts(fig)
    r = fig.canvas.get_renderer()
    boxes = [(t, _text_box(t, r)) for t in texts]
    W, H = fig.bbox.width, fig.bbox.height
    out = [f"outside: {t.get_text()!r}" for t, b in boxes
           if b.x0 < -1 or b.y0 < -1 or b.x1 > W + 1 or b.y1 > H + 1]  # fmt: skip
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            dx = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
            dy = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
            if dx > 1 and dy > 1:
                out.append(f"{t1.get_text()!r} overlaps {t2.get_text()!r}")
    return out + _leaders_crossing(fig, boxes) + _labels_on_points(fig)


def _leaders_crossing(fig: Any, boxes: list[tuple[Any, Any]]) -> list[str]:
    """Leader lines of annotations (from the point to the middle of the label, as
    matplotlib draws them) that cross another text by more than 1 px."""
    from matplotlib.text import Annotation

    from iocluster.reports.figures.quadrant import crosses

    out = []
    for t, b in boxes:
        if not isinstance(t, Annotation) or t.arrow_patch is None:
            continue
        px, py = t.axes.transData.transform(t.xy)
        seg = (px, py, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
        for u, c in boxes:
            if u is not t and crosses(seg, (c.x0 + 1, c.y0 + 1, c.x1 - 1, c.y1 - 1)):
                out.append(f"the leader line of {t.get_text()!r} crosses {u.get_text()!r}")
    return out


def _labels_on_points(fig: Any) -> list[str]:
    """Annotations (point labels) whose box covers a scatter marker other than the point
    they label (markers as discs of their drawn area)."""
    from matplotlib.collections import PathCollection
    from matplotlib.text import Annotation

    r = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        marks = [
            c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())
        ]
        centres = [ax.transData.transform(c.get_offsets()) for c in marks]
        radii = [np.broadcast_to(np.sqrt(c.get_sizes()) / 2 * fig.dpi / 72, (len(p),))
                 for c, p in zip(marks, centres, strict=True)]  # fmt: skip
        if not marks:
            continue
        pts, rad = np.vstack(centres), np.concatenate(radii)
        for t in ax.texts:
            if not isinstance(t, Annotation):
                continue
            b = _text_box(t, r)
            own = ax.transData.transform(t.xy)
            cx, cy = np.clip(pts[:, 0], b.x0, b.x1), np.clip(pts[:, 1], b.y0, b.y1)
            hit = np.hypot(cx - pts[:, 0], cy - pts[:, 1]) < rad - 1
            hit &= np.hypot(pts[:, 0] - own[0], pts[:, 1] - own[1]) > 0.5
            if hit.any():
                out.append(f"the label {t.get_text()!r} covers {int(hit.sum())} other point(s)")
    return out


def _offset_texts(fig: Any) -> list[str]:
    fig.canvas.draw()
    return [ax.get_offset_text().get_text() for a in fig.axes for ax in (a.xaxis, a.yaxis)
            if ax.get_offset_text().get_text()]  # fmt: skip


def _few_ticks(fig: Any) -> list[str]:
    """Numeric axes (labelled in the report language) with fewer than three labelled
    ticks inside their view (issue 29: the jobs panel had two)."""
    fig.canvas.draw()
    out = []
    for a in fig.axes:
        for name, axis in (("x", a.xaxis), ("y", a.yaxis)):
            if type(axis.get_major_formatter()).__name__ != "_Lang":
                continue
            lo, hi = sorted(axis.get_view_interval())
            shown = [t for t in axis.get_majorticklocs() if lo - 1e-12 <= t <= hi + 1e-12]
            if len(shown) < 3:
                out.append(f"{a.get_title() or a.get_xlabel()!r}: {len(shown)} {name} ticks")
    return out


def figure_problems(stem: str, fig: Any, lang: str, allowed: set[str]) -> list[str]:
    """Every check of a report figure: overlapping texts, texts outside the figure, leader
    lines across texts, labels on other points, offset text, too few ticks, and (ru, uz)
    English left."""
    problems = [f"{stem}: {p}" for p in _overlaps(fig)]
    problems += [f"{stem}: offset text {o!r}" for o in _offset_texts(fig)]
    problems += [f"{stem}: {p}" for p in _few_ticks(fig)]
    if lang != "en":
        texts = ((stem, t.get_text()) for t in _figure_texts(fig))
        problems += english_left(texts, lang, allowed)
    return problems


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "uz-Cyrl"])
def test_uzbekistan_figures_have_no_overlap_offset_or_english(uzbekistan, lang) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.figures.analysis import analysis_figures

    figs = analysis_figures(uzbekistan, lang)
    assert {s for s, _ in figs} >= {"key_sectors", "multipliers", "value_added_chain",
                                    "impacts_by_sector", "impacts_by_cluster"}  # fmt: skip
    problems = []
    allowed = _input_words(uzbekistan.table, UZB_SCENARIO)
    for stem, fig in figs:
        problems += figure_problems(stem, fig, lang, allowed)
    assert not problems, "\n".join(problems[:30])


def test_quadrant_labels_the_log_axis_and_bubble_sizes(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.figures.analysis import analysis_figures

    fig = dict(analysis_figures(uzbekistan, "ru"))["key_sectors"]
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and "логарифмическая шкала" in ax.get_ylabel()
    legends = [lg.get_title().get_text() for lg in fig.legends]
    assert any("Площадь круга: выпуск" in t and "трлн сум" in t for t in legends)
    labels = [t.get_text() for t in ax.texts]
    assert any(t.startswith("B07.1† (15,3") for t in labels)  # the off-scale sector, named


def test_money_axes_read_in_trillions_without_offset(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.figures.analysis import analysis_figures

    fig = dict(analysis_figures(uzbekistan, "uz"))["impacts_by_sector"]
    fig.canvas.draw()
    xl = [a.get_xlabel() for a in fig.axes]
    assert xl[0] == "O'zgarish (trln so'm)" and xl[1] == "O'zgarish (mlrd so'm)"
    assert xl[2] == "O'zgarish (kishi)"
    ticks = [t.get_text() for t in fig.axes[2].get_xticklabels() if t.get_text()]
    assert any("\xa0" in t for t in ticks)  # 5 000 persons, grouped
    assert len(ticks) <= 6


def test_value_added_chain_adds_up_to_100_percent(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.figures.analysis import analysis_figures

    fig = dict(analysis_figures(uzbekistan, "uz"))["value_added_chain"]
    ax = fig.axes[0]
    ends: dict[float, float] = {}
    for p in ax.patches:  # the bar segments: their right ends per row reach 100 %
        y = round(p.get_y(), 3)
        ends[y] = max(ends.get(y, 0.0), p.get_x() + p.get_width())
    assert np.allclose(list(ends.values()), 1.0, atol=1e-9)
    names = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
    assert any("importdan tashqari" in n for n in names)


def test_summary_numbers_follow_the_language() -> None:
    """Money at a readable scale with 1-3 significant decimals; percentages without
    scientific notation; float noise as 0."""
    assert money_text(1817369373.7, "million", "UZS", "ru") == "1\xa0817,4 трлн сум"
    assert money_text(9315392.6, "million", "UZS", "uz", sign=True) == "+9,32 trln so'm"
    assert money_text(512.0, "million", "UZS", "en") == "512.0 million UZS"
    assert percent(1.601e-05, "ru") == "0,000016"
    assert percent(-2.2e-16, "uz", sign=True) == "0"
    assert percent(0.5123, "en", sign=True) == "+0.51"


def test_uzbekistan_summary_sentences(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.analysis.summary import summary_sentences

    ru = summary_sentences(uzbekistan, "ru")
    assert ru[0].startswith("Экономика производит 1\xa0817,4 трлн сум выпуска и 935,8 трлн сум")
    assert "выпуск +9,32 трлн сум (+0,51 %)" in ru[5]
    assert "e-0" not in " ".join(ru) and "e+0" not in " ".join(ru)
    uz = summary_sentences(uzbekistan, "uz")
    assert "tekshiruvidan" in uz[1] and "ogohlantirish" in uz[1]
    assert "136 ta tarmoqdan 27 tasi" in uz[2]  # flagged by the validation: set aside
    assert "17 ta —" in uz[3]


def test_jobs_multipliers_per_billion(uzbekistan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    path = write_analysis_workbook(tmp_path / "a.xlsx", uzbekistan, lang="ru")
    ws = load_workbook(path)["Мультипликаторы"]
    head = [c.value for c in ws[4]]
    k = next(
        i for i, h in enumerate(head) if h and h.startswith("Мультипликатор занятости, простой")
    )
    assert head[k].endswith("(чел. на млрд сум)")
    values = [ws.cell(row=r, column=k + 1).value for r in range(5, ws.max_row + 1)]
    m = uzbekistan.multipliers
    emp = next(c for c in m.columns if c.startswith("employment") and c.endswith("_simple"))
    assert np.isclose(max(values), 1000 * m[emp].max())  # per billion = per million × 1000
    assert np.median(values) > 1  # persons, not 0.0


def test_names_file_gives_the_report_language_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from iocluster.io import read_table
    from iocluster.io.names import apply_sector_names, names_language
    from iocluster.reports.about import names_note

    t = read_table(EXAMPLE)
    assert names_language(t.names) == "en"
    assert "только на английском языке" in names_note(t, "ru")
    f = tmp_path / "names.csv"
    rows = ["code,name_en,name_ru,name_uz"]
    rows += [
        f"{c},{n},Отрасль {k},Tarmoq {k}"
        for k, (c, n) in enumerate(zip(t.codes, t.names, strict=True))
    ]
    f.write_text("\n".join(rows), encoding="utf-8")
    ru = apply_sector_names(t, f, "ru")
    assert ru.names[0] == "Отрасль 0" and names_note(ru, "ru") == ""
    assert any(
        str(a).startswith("Sector names from names.csv (name_ru") for a in ru.meta.assumptions
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_ru\nNOPE,Нет\n", encoding="utf-8")
    with pytest.raises(ValueError, match="codes not in the table: NOPE"):
        apply_sector_names(t, bad, "ru")


def test_analyze_names_option(example, tmp_path) -> None:  # type: ignore[no-untyped-def]
    scen, t = example
    f = tmp_path / "names.csv"
    rows = ["code,name_ru"] + [f"{c},Отрасль {k}" for k, c in enumerate(t.codes)]
    f.write_text("\n".join(rows), encoding="utf-8")
    _run_analyze(str(EXAMPLE), scen, tmp_path / "out", "ru", "--names", str(f))
    wb = load_workbook(tmp_path / "out" / "analysis.xlsx")
    names = [c.value for c in wb["Мультипликаторы"]["C"][4:]]
    assert all(str(n).startswith("Отрасль ") for n in names)


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_chain_diagram_counts_its_paths_and_keeps_shares_apart(uzbekistan, lang) -> None:  # type: ignore[no-untyped-def]
    """chains.png: the title counts the paths drawn, each path's share is in the legend
    (never stacked on a node or the axis), no money unit in the title, no overlaps."""
    from iocluster.chains import resolve_target, structural_paths
    from iocluster.reports.figures.paths import plot_top_paths

    t = uzbekistan.table
    paths, _ = structural_paths(t, resolve_target(t, "C13.1"))
    fig = plot_top_paths(paths, top=15, lang=lang, unit="million UZS")
    title = fig.axes[0].get_title()
    n = int(re.findall(r"\d+", title)[0])
    entries = [x.get_text() for lg in fig.legends for x in lg.get_texts()]
    assert n == len(entries) == min(15, int((paths["target"] == paths["target"].iloc[0]).sum()))
    assert all(e.endswith(" %") for e in entries) and "UZS" not in title
    assert not any("%" in x.get_text() for x in fig.axes[0].texts)
    problems = _overlaps(fig) + _offset_texts(fig)
    if lang != "en":
        problems += english_left(((x.get_text(), x.get_text()) for x in _figure_texts(fig)),
                                 lang, {w.lower() for w in t.codes})  # fmt: skip
    assert not problems, "\n".join(problems[:20])


def test_price_level_noise_is_written_as_zero(uzbekistan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The scenario leaves prices unchanged up to round-off (−2.2e-16): the results hold
    exactly 0 (issue 26: the library writes rounding noise as 0) and the Impacts sheet
    writes 0, not −0.00."""
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    res = uzbekistan.impacts
    raw = res.totals.xs("price_level", level="measure")["change"]
    assert float(raw.iloc[0]) == 0.0
    path = write_analysis_workbook(tmp_path / "a.xlsx", uzbekistan, lang="ru")
    ws = load_workbook(path)["Эффекты"]
    row = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == "Уровень цен")
    assert row[2] == "индекс" and row[5] == 0 and row[6] == 0


def test_names_file_translates_the_metadata(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from iocluster.io import read_table
    from iocluster.io.names import apply_sector_names

    t = read_table(EXAMPLE)
    f = tmp_path / "names.csv"
    f.write_text(
        "code,name_en,name_ru,name_uz\n"
        "meta:region,Uzbekistan,Узбекистан,O'zbekiston\n"
        "meta:title,Example,Пример,Namuna\n",
        encoding="utf-8",
    )
    uz = apply_sector_names(t, f, "uz")
    assert (uz.meta.region, uz.meta.title) == ("O'zbekiston", "Namuna")
    assert uz.names == t.names


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_impact_workbook_has_no_english_left(example, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    """``shock -o impacts.xlsx --lang``: the impact workbook in Russian and Uzbek."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    scen, table = example
    out = tmp_path / "impacts.xlsx"
    args = ["shock", str(EXAMPLE), str(scen), "-o", str(out), "--lang", lang]
    r = CliRunner().invoke(app, [*args, "--draws", "20", "--seed", "1"])
    assert r.exit_code == 0, r.output
    allowed = _input_words(table, scen, str(tmp_path) + " " + str(EXAMPLE))
    left = english_left(_workbook_texts(out), lang, allowed)
    assert not left, "\n".join(left[:30])
    names = load_workbook(out).sheetnames
    assert names[0] == ("Сводка" if lang == "ru" else "Xulosa")
    assert names[-1] == ("Допущения" if lang == "ru" else "Farazlar")


def test_native_charts_read_money_at_a_scale(uzbekistan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Excel charts of money: the axis divides by 1000ⁿ (scaling commas) and its title
    names the scaled unit; the cells keep the table's unit and full precision."""
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    path = write_analysis_workbook(tmp_path / "a.xlsx", uzbekistan, lang="uz")
    wb = load_workbook(path)
    ws = wb["Tarmoqlar bo'yicha ta'sir"]
    (chart,) = ws._charts
    assert chart.y_axis.number_format.formatCode == "#,##0.0#,,"  # million → trillion UZS
    assert "trln so'm" in _chart_title(chart)
    assert ws["D4"].value == "Ishlab chiqarish: o'zgarish (mln so'm)"
    assert abs(ws["D5"].value - 3_158_000) < 10_000  # C13.1: 3.16 trillion, in million
    eff = wb["Ta'sirlar"]._charts[0]
    assert eff.y_axis.number_format.formatCode.endswith(",,")
    assert "trln so'm" in _chart_title(eff)


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_example_figures_have_no_overlap_offset_or_english(example, lang) -> None:  # type: ignore[no-untyped-def]
    """The same checks on the small example economy (English sector names, a table in
    billion UZS, a cluster tag column)."""
    from iocluster.pipeline.analyze import analyze
    from iocluster.reports.figures.analysis import analysis_figures
    from iocluster.scenarios.run import read_scenarios

    scen, table = example
    a = analyze(table, scenario_file=read_scenarios(scen, table), draws=20, seed=1)
    problems = []
    allowed = _input_words(table, scen)
    for stem, fig in analysis_figures(a, lang):
        problems += figure_problems(stem, fig, lang, allowed)
    assert not problems, "\n".join(problems[:30])


def test_the_figure_checks_catch_overlaps_and_offset_text() -> None:
    """The checks are not vacuous: two labels on one spot and matplotlib's default
    "1e6" offset on large values are reported."""
    from iocluster.reports.figures.common import new_figure

    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    ax.barh([0, 1], [3.2e6, 1.1e6])
    ax.text(0.5, 0.5, "A01.16", transform=ax.transAxes)
    ax.text(0.52, 0.5, "A01 (без 01.11…", transform=ax.transAxes)
    assert any("overlaps" in p for p in _overlaps(fig))
    assert _offset_texts(fig) == ["1e6"]
    # a label on another point, a leader line across a text, an axis with two ticks
    from iocluster.reports.figures.common import lang_formatter
    from iocluster.reports.i18n import tr as _tr

    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    ax.scatter([0.2, 0.25, 0.8], [0.5, 0.5, 0.1], s=200)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.annotate("S1", (0.2, 0.5), xytext=(0.23, 0.49))
    ax.text(0.5, 0.5, "C23.2")
    ax.annotate("S3", (0.8, 0.1), xytext=(0.3, 0.8), arrowprops={"arrowstyle": "-"})
    ax.xaxis.set_major_formatter(lang_formatter("en"))
    ax.set_xticks([0.0, 1.0])
    problems = _overlaps(fig) + _few_ticks(fig)
    assert any("'S1' covers 1 other point" in p for p in problems), problems
    assert any("leader line of 'S3' crosses 'C23.2'" in p for p in problems), problems
    assert any("2 x ticks" in p for p in problems), problems
    assert _tr("fig_flagged_mark", "en").startswith("†")


@pytest.mark.parametrize(("lang", "region"), [("ru", "Узбекистан"), ("uz", "O'zbekiston")])
def test_uzbekistan_metadata_file_translates_title_region_source(uzbekistan, lang, region) -> None:  # type: ignore[no-untyped-def]
    """data/uzbekistan_2022_names.csv translates the table's metadata only: the report
    still says that sector names are in Russian only."""
    from iocluster.io.names import apply_sector_names
    from iocluster.reports.about import names_note

    path = Path(__file__).parents[1] / "data" / "uzbekistan_2022_names.csv"
    t = apply_sector_names(uzbekistan.table, path, lang)
    assert t.meta.region == region and t.names == uzbekistan.table.names
    original = uzbekistan.table.meta
    assert t.meta.title != original.title and t.meta.source != original.source
    texts = iter([("title", t.meta.title), ("source", t.meta.source)])
    repo = {"cerr", "uzbekistan", "economic", "policy", "engine"}  # a repository's name
    assert lang == "uz" or not english_left(texts, lang, repo)
    assert names_note(t, "uz").startswith("Jadvalda tarmoq nomlari faqat rus tilida")


DATA = Path(__file__).parents[1] / "data"
TAX_SCENARIO = DATA / "scenarios" / "textile_tax_relief_uzbekistan.toml"
REGIONS = SHARED / "data" / "uzbekistan-regions" / "regions.csv"
FERGANA = DATA / "scenarios" / "fergana_textiles.toml"


def _cli(*args: str) -> None:
    from typer.testing import CliRunner

    from iocluster.cli import app

    r = CliRunner().invoke(app, list(args))
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_tax_example_impact_workbook_has_no_english_left(uzbekistan, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    """The tax, export-elasticity, mixed-model and investment example (issue 19): the
    Assumptions sheet states the capacity limits, the tax schedule, the price and export
    responses, the fiscal balance and the investment bridge in the report language; what
    the tax file says of its own rates (its ``source`` texts, the instrument names) is the
    user's."""
    out = tmp_path / "impacts.xlsx"
    _cli("shock", str(UZB), str(TAX_SCENARIO), "-o", str(out), "--lang", lang)
    taxes = (TAX_SCENARIO.parent / "textile_taxes_uzbekistan_illustrative.toml").read_text(
        encoding="utf-8"
    )
    allowed = _input_words(uzbekistan.table, TAX_SCENARIO, f"{tmp_path} {taxes}")
    left = english_left(_workbook_texts(out), lang, allowed)
    assert not left, "\n".join(left[:30])
    wb = load_workbook(out)
    shocks = [c.value for c in wb[tr("imp_shock_sheet", lang)]["B"] if isinstance(c.value, str)]
    said = f"{tr('shock', lang)} 1: {tr('shock_kind_tax', lang).lower()}"  # no kind code
    assert any(v.startswith(said) for v in shocks), shocks
    assert not any(v.startswith("shock") or "(tax)" in v for v in shocks)
    asm = wb[wb.sheetnames[-1]]
    texts = " ".join(str(c.value) for c in asm["C"] if c.value)
    if lang == "ru":  # the sentences are there, translated; the tax file's own words as given
        assert "Отрасли с ограниченными мощностями (смешанная модель" in texts
        assert "property_tax (налог на выпуск): ILLUSTRATIVE: 0.25 % of output" in texts
        assert "Инвестиционные программы:" in texts and "Бюджетный баланс:" in texts
        assert "Импорт превышает использование за вычетом экспорта (реэкспорт) для C24.1" in texts
        assert "(32\xa0453\xa0174 млн сум)" in texts  # the check's unit, not "million UZS"
    else:
        assert "Quvvati cheklangan tarmoqlar (aralash model" in texts
        assert "vat (iste'molga soliq)" in texts and "C24.1 uchun import" in texts


@pytest.fixture(scope="module")
def interregional(tmp_path_factory) -> tuple[Path, Any]:  # type: ignore[no-untyped-def]
    """The 14-region interregional table of Uzbekistan, built once."""
    if not (UZB.exists() and REGIONS.exists()):
        pytest.skip("shared Uzbekistan data absent")
    from iocluster.cli.common import load_result_table

    out = tmp_path_factory.mktemp("uz14") / "uz14"
    emp = DATA / "regional_employment_illustrative.csv"
    _cli("interregional", str(UZB), str(emp), "--regions", str(REGIONS), "-o", str(out))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return out, load_result_table(out)


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_interregional_reports_have_no_english_left(interregional, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    """The interregional example (issue 16): the shock workbook (By region sheet), the
    analyze workbook (Regions sheet) and the spillover heat map; the table's assumptions
    are the library's sentences here, so they must be translated; the region names are
    the regions file's."""
    from iocluster.regional.interregional.analysis import region_names, spillover_shares
    from iocluster.reports.figures.regions import spillover_heatmap

    path, table = interregional
    shock = tmp_path / "impacts.xlsx"
    _cli("shock", str(path), str(FERGANA), "-o", str(shock), "--lang", lang)
    _run_analyze(str(path), FERGANA, tmp_path / "analysis", lang)
    extra = f"{tmp_path} {path} {REGIONS.read_text(encoding='utf-8')}"
    allowed = _input_words(table, FERGANA, extra, table_assumptions=False)
    left = english_left(_workbook_texts(shock), lang, allowed)
    left += english_left(_workbook_texts(tmp_path / "analysis" / "analysis.xlsx"), lang, allowed)
    fig = spillover_heatmap(spillover_shares(table), names=region_names(table, lang), lang=lang)
    left += english_left((("region_spillovers", t.get_text()) for t in _figure_texts(fig)),
                         lang, allowed)  # fmt: skip
    assert not left, "\n".join(left[:30])
    wb = load_workbook(shock)
    assert ("По регионам" if lang == "ru" else "Hududlar bo'yicha") in wb.sheetnames
    names = " ".join(str(c.value) for c in wb[wb.sheetnames[1]]["C"] if c.value)
    assert "(Fergana Region)" not in names  # the table's names end with the English name
    assert ("(Ферганская область)" if lang == "ru" else "(Farg'ona viloyati)") in names
    title = str(wb.worksheets[0]["A2"].value)
    assert (
        "межрегиональная, регионов: 14" if lang == "ru" else "hududlararo, 14 ta hudud"
    ) in title
    about = load_workbook(tmp_path / "analysis" / "analysis.xlsx")
    texts = " ".join(str(c.value) for c in about[about.sheetnames[-1]]["C"] if c.value)
    assert ("Межрегиональная таблица (регионов: 14" if lang == "ru"
            else "14 ta hududning hududlararo jadvali") in texts  # fmt: skip
