"""Report figures: files exist, are real images, stay readable for 136 sectors, and
follow the report language (issue 7)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

from iocluster.analysis.linkages import linkages
from iocluster.analysis.multipliers import multipliers
from iocluster.io import read_table  # type: ignore[attr-defined]
from iocluster.reports import figures as F
from iocluster.reports.i18n import tr

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return read_table(ROOT / "data" / "example_economy.xlsx")


def _is_image(paths: list[Path]) -> None:
    import matplotlib.image as mpimg

    png, svg = paths
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    img = mpimg.imread(png)
    assert img.shape[0] > 300 and img.shape[1] > 300
    assert float(img[..., :3].std()) > 0.05  # not a blank canvas
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]


def test_quadrant_and_multipliers_are_written(table, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lk = linkages(table, variation=False)
    fig = F.key_sector_quadrant(lk, output=table.x)
    _is_image(F.save_figure(fig, tmp_path / "quadrant"))
    m = multipliers(table, ["output"], kinds=["direct", "indirect", "simple"])
    fig = F.multipliers_by_sector(m, names=dict(zip(table.codes, table.names, strict=True)))
    _is_image(F.save_figure(fig, tmp_path / "mult"))
    with pytest.raises(FileExistsError):
        F.save_figure(fig, tmp_path / "mult")


def test_scenario_and_chain_figures(tmp_path: Path) -> None:
    from iocluster.pipeline.analyze import analyze
    from iocluster.scenarios.parse_toml import scenario_file_from_dict
    from tests.test_reports import EXAMPLE, SCENARIO

    a = analyze(read_table(EXAMPLE), scenario_file=scenario_file_from_dict(SCENARIO))
    res = a.impacts
    fig = F.impacts_by_sector(res.by_sector, measures=["output", "value_added", "employment_total"])
    assert len(fig.axes) == 3
    _is_image(F.save_figure(fig, tmp_path / "s"))
    _is_image(F.save_figure(F.impacts_by_cluster(res.clusters), tmp_path / "c"))
    _is_image(F.save_figure(F.value_added_chain(a.chains), tmp_path / "v"))


def test_136_sectors_top_n_with_other() -> None:
    rng = np.random.default_rng(7)
    codes = [f"S{i:03d}" for i in range(136)]
    d = rng.uniform(0.5, 1.0, 136)
    m = pd.DataFrame({"output_direct": 1.0, "output_indirect": d, "output_induced": d / 2},
                     index=pd.Index(codes, name="code"))  # fmt: skip
    fig = F.multipliers_by_sector(m, top=20)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 21 and labels[-1] == "Other 116 sectors: mean"
    # the "other" bar of multipliers is the mean of the rest, not their sum
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert max(widths) < 3.0
    u, v = rng.uniform(0.7, 1.3, 136), rng.uniform(0.7, 1.3, 136)
    lk = pd.DataFrame({"power_of_dispersion": u, "sensitivity_of_dispersion": v}, index=codes)
    from iocluster.analysis.linkages import key_sector_class

    lk["key_sector"] = key_sector_class(lk.iloc[:, 0].to_numpy(), lk.iloc[:, 1].to_numpy())
    fig = F.key_sector_quadrant(lk, label_top=15)
    n_labels = len(fig.axes[0].texts) - 4  # 4 quadrant names
    assert 5 <= n_labels <= 15
    s = pd.Series(rng.normal(size=136), index=codes)
    t = F.top_n(s, 15, other="Other {k} sectors: sum", lang="ru")
    assert len(t) == 16 and t.sum() == pytest.approx(s.sum())
    assert t.index[-1] == "Other 121 sectors: sum"


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_figures_follow_the_language(table, lang) -> None:  # type: ignore[no-untyped-def]
    fig = F.key_sector_quadrant(linkages(table, variation=False), lang=lang)
    assert fig.axes[0].get_title() == tr("fig_quadrant", lang) != tr("fig_quadrant", "en")
    assert tr("power_of_dispersion", lang) in fig.axes[0].get_xlabel()


def test_regional_heatmap(tmp_path: Path) -> None:
    lq = pd.DataFrame([[1.4, 0.6], [0.9, 1.1]], index=["textiles", "it"],
                      columns=["Tashkent", "Fergana"])  # fmt: skip
    fig = F.regional_heatmap(lq)
    assert [t.get_text() for t in fig.axes[0].texts] == ["1.40", "0.60", "0.90", "1.10"]
    _is_image(F.save_figure(fig, tmp_path / "heat"))


def test_impacts_by_sector_shows_monte_carlo_ranges(tmp_path: Path) -> None:
    """With Monte Carlo draws, each drawn sector's bar carries its P5–P95 line (the line
    spans the point change for this symmetric range: P5 <= change <= P95)."""
    from iocluster.scenarios.run import run_document
    from tests.test_reports import EXAMPLE

    doc = {
        "scenario": [{"name": "s", "shock": [{"kind": "final_demand", "sectors": ["TEX"],
                                               "category": "exports", "change": [5, 15]}]}],
        "draws": 200, "seed": 1,
    }  # fmt: skip
    res = run_document(read_table(EXAMPLE), doc)
    assert res.montecarlo_by_sector is not None
    fig = F.impacts_by_sector(res.by_sector, measures=["output"], ranges=res.montecarlo_by_sector)
    ax = fig.axes[0]
    (lines,) = ax.collections  # the whiskers
    segs = lines.get_segments()
    bars = [p.get_width() for p in ax.patches]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(segs) == len([k for k in labels if not k.startswith("Other")])
    for (lo, _), (hi, _) in (seg for seg in segs):
        assert lo <= hi
    for seg, width in zip(segs, bars, strict=False):
        assert seg[0][0] - 1e-9 <= width <= seg[1][0] + 1e-9
    assert "P5–P95" in fig._suptitle.get_text()
    _is_image(F.save_figure(fig, tmp_path / "mc"))
    plain = F.impacts_by_sector(res.by_sector, measures=["output"])
    assert not plain.axes[0].collections and "P5" not in plain._suptitle.get_text()


# ----------------------------------------------------------------- issue 29, item 3
def _legend_texts(fig) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for lg in fig.legends for t in lg.get_texts()]


def test_multipliers_are_sorted_by_the_simple_multiplier_the_summary_names() -> None:
    """The summary names the largest simple (Type I) output multiplier: the chart ranks by
    it, not by the total with induced effects; the last bar is the mean of the rest and
    says so; zero-output sectors are left out; flagged sectors carry † and the legend
    says what † is."""
    rng = np.random.default_rng(3)
    codes = [f"S{i:02d}" for i in range(30)]
    ind = rng.uniform(0.2, 1.0, 30)
    induced = rng.uniform(0.0, 2.0, 30)  # large enough to reorder the totals
    m = pd.DataFrame({"output_direct": 1.0, "output_indirect": ind, "output_induced": induced},
                     index=pd.Index(codes, name="code"))  # fmt: skip
    top = m["output_indirect"].sort_values(ascending=False).index[:10]
    zero = str(top[0])  # the largest simple multiplier, but the sector produces nothing
    output = {c: (0.0 if c == zero else 1.0) for c in codes}
    flags = {str(top[1]): "identity"}
    fig = F.multipliers_by_sector(m, top=8, output=output, flags=flags)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    expected = [str(c) for c in top[1:9]]
    assert [lab.rstrip("†") for lab in labels[:-1]] == expected
    assert labels[0] == f"{top[1]}†" and "† flagged by validation" in _legend_texts(fig)
    assert labels[-1] == "Other 21 sectors: mean"  # 30 − 1 zero-output − 8 shown
    rest = m.drop(index=[zero, *expected])
    widths = [p.get_width() for p in fig.axes[0].patches]
    k = len(labels) - 1  # the "other" bar: the mean of each part over the rest
    assert widths[k + len(labels)] == pytest.approx(rest["output_indirect"].mean())
    assert "sorted by the simple (Type I) output multiplier" in fig.axes[0].get_title()


def test_quadrant_never_draws_zero_output_and_names_every_mark() -> None:
    """A zero-output sector is not drawn (the legend counts it); a flagged sector is a
    hollow circle with †; an off-scale sector is a triangle at the edge; the legend names
    each mark, the dashed lines and the labelling rule."""
    from matplotlib.collections import PathCollection

    rng = np.random.default_rng(5)
    n = 40
    codes = [f"S{i:02d}" for i in range(n)]
    U, S = rng.uniform(0.8, 1.2, n), rng.uniform(0.8, 1.2, n)
    S[1] = 12.0  # far beyond the fence: off scale
    lk = pd.DataFrame({"power_of_dispersion": U, "sensitivity_of_dispersion": S},
                      index=codes)  # fmt: skip
    from iocluster.analysis.linkages import key_sector_class

    lk["key_sector"] = key_sector_class(U, S)
    lk["flag"] = ""
    lk.loc["S00", "flag"] = "zero_output"
    lk.loc["S01", "flag"] = "sales_above_output"
    lk.loc["S02", "flag"] = "identity"
    x = rng.uniform(1.0, 10.0, n)
    x[0] = 0.0
    fig = F.key_sector_quadrant(lk, output=x, label_top=10)
    ax = fig.axes[0]
    drawn = sum(len(c.get_offsets()) for c in ax.collections
                if isinstance(c, PathCollection) and len(c.get_offsets()))  # fmt: skip
    assert drawn == n - 1
    texts = _legend_texts(fig)
    title = fig.legends[0].get_title().get_text()
    assert "1 sectors with zero output not drawn" in title and "at most 10" in title
    assert "† flagged by validation (2)" in texts and "index = 1 (average)" in texts
    assert any(t.startswith("off scale") for t in texts)
    assert {f"{k} (" for k in ("key", "weak")} <= {t.split("(")[0] + "(" for t in texts}
    labels = [t.get_text() for t in ax.texts]
    assert any(t.startswith("S01† (12.0 off scale)") for t in labels)
    assert not any(t.startswith("S00") for t in labels)


def test_impacts_whiskers_wherever_draws_exist(tmp_path: Path) -> None:
    """With Monte Carlo draws the cluster chart ends with the whole economy, whose bar is
    the total change and whose whisker spans its P5–P95; the cluster bars are point
    estimates and the title says so. Without draws: the bar, no whisker."""
    from iocluster.scenarios.run import run_document
    from tests.test_reports import EXAMPLE

    doc = {
        "clusters": {"textiles": ["TEX", "APPAREL"], "it": ["IT"]},
        "scenario": [{"name": "s", "shock": [{"kind": "final_demand", "sectors": ["TEX"],
                                               "category": "exports", "change": [5, 15]}]}],
        "draws": 100, "seed": 1,
    }  # fmt: skip
    t = read_table(EXAMPLE)
    res = run_document(t, doc)
    fig = F.impacts_by_cluster(res.clusters, measures=["output"], totals=res.totals,
                               ranges=res.montecarlo)  # fmt: skip
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert labels[-1] == "Whole economy (all sectors)"
    assert ax.patches[-1].get_width() == pytest.approx(res.totals.loc[("s", "output"), "change"])
    ((lo, _), (hi, _)) = ax.collections[0].get_segments()[0]
    p5, p95 = res.montecarlo.loc[("s", "output"), ["p5", "p95"]]
    assert (lo, hi) == pytest.approx((p5, p95)) and lo < hi
    assert "clusters are point estimates" in fig._suptitle.get_text()
    assert "P5–P95 of the Monte Carlo draws" in _legend_texts(fig)
    _is_image(F.save_figure(fig, tmp_path / "c"))
    plain = F.impacts_by_cluster(res.clusters, measures=["output"], totals=res.totals)
    assert not plain.axes[0].collections
    assert "Whole economy (all sectors)" in _legend_texts(plain)


def test_illustrative_tables_stamp_every_figure() -> None:
    """The bundled example economy is marked illustrative: every analysis figure says
    "ILLUSTRATIVE DATA" in the report language; Miller & Blair's table is not: none does."""
    from iocluster.datasets import miller_blair_2_3
    from iocluster.pipeline.analyze import analyze
    from iocluster.reports.figures.analysis import analysis_figures
    from tests.test_reports import EXAMPLE

    a = analyze(read_table(EXAMPLE))
    assert a.table.meta.illustrative
    for lang in ("en", "ru", "uz"):
        stamp = tr("illustrative_stamp", lang)
        for stem, fig in analysis_figures(a, lang):
            assert fig._suptitle is not None and stamp in fig._suptitle.get_text(), stem
    for stem, fig in analysis_figures(analyze(miller_blair_2_3())):
        assert fig._suptitle is None or "ILLUSTRATIVE" not in fig._suptitle.get_text(), stem


@pytest.mark.parametrize(
    ("locs", "lang", "shown"),
    [
        ([0.0, 0.25, 0.5, 0.75, 1.0], "en", ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        ([0.0, 0.25, 0.5, 0.75, 1.0], "ru", ["0,00", "0,25", "0,50", "0,75", "1,00"]),
        ([0.0, 0.5, 1.0, 1.5], "en", ["0.0", "0.5", "1.0", "1.5"]),
        ([-500.0, -250.0, 0.0, 250.0], "en", ["−500", "−250", "0", "250"]),
        ([0.0, 2500.0, 5000.0], "uz", ["0", "2\xa0500", "5\xa0000"]),
    ],
)
def test_tick_labels_write_every_tick_exactly(
    locs: list[float], lang: str, shown: list[str]
) -> None:
    """A tick step of 0.25 is labelled 0.25, 0.50, 0.75 (never 0.2, 0.5, 0.8): as many
    decimals as the ticks need (invariant: the label reads back as the tick's value)."""
    from iocluster.reports.figures.common import lang_formatter

    fmt = lang_formatter(lang)
    fmt.set_locs(locs)
    assert [fmt(x) for x in locs] == shown
