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
    assert len(labels) == 21 and labels[-1] == "Other (116)"
    # the "other" bar of multipliers is the mean of the rest, not their sum
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert max(widths) < 3.0
    u, v = rng.uniform(0.7, 1.3, 136), rng.uniform(0.7, 1.3, 136)
    lk = pd.DataFrame({"power_of_dispersion": u, "sensitivity_of_dispersion": v}, index=codes)
    from iocluster.analysis.linkages import key_sector_class

    lk["key_sector"] = key_sector_class(lk.iloc[:, 0].to_numpy(), lk.iloc[:, 1].to_numpy())
    fig = F.key_sector_quadrant(lk, label_top=15)
    n_key = int((lk["key_sector"] == "key").sum())
    n_labels = len(fig.axes[0].texts) - 4  # 4 quadrant names
    assert 5 <= n_labels <= max(15, min(n_key, 30))
    s = pd.Series(rng.normal(size=136), index=codes)
    t = F.top_n(s, 15)
    assert len(t) == 16 and t.sum() == pytest.approx(s.sum())


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
