"""Multiregional tables read whole (issue 31): OECD ICIO, the WIOD world table and pymrio
systems as one R × n table with region and sector tags; bad input named in one line;
the commands ``tiva``, ``decompose`` and ``multipliers --by-region``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.errors import InputError, TableFormatError
from iocluster.io import read_table, write_table
from iocluster.io.formats import read_icio, read_wiod
from iocluster.regional.multiregional.tiva import trade_in_value_added
from tests.test_formats import CTRY, SECT, WCTRY, WIND, icio_frame, wiot_frame
from tests.test_multiregional import leather

ROOT = Path(__file__).resolve().parents[1]
CLUSTERS = ROOT / "data" / "clusters_uzbekistan.toml"


def run(*args: str) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- readers
def test_icio_whole_table_and_its_national_tables_agree(tmp_path: Path) -> None:
    df = icio_frame()
    p = tmp_path / "icio.csv"
    df.to_csv(p)
    t = read_icio(p)
    assert t.codes == tuple(f"{c}/{s}" for c in CTRY for s in SECT)
    assert t.tags["region"] == ("AUS", "AUS", "CHN", "CHN")
    assert t.fd_names == ("AUS/HFCE", "AUS/GFCF", "CHN/HFCE", "CHN/GFCF")
    assert t.fd_roles == ("household", "investment", "household", "investment")
    assert t.Z[0, 3] == df.loc["AUS_D01T02", "CHN_D10T12"]
    assert t.names[0] == "D01T02 (AUS)"
    assert np.abs(t.row_residual()).max() < 1e-9 and np.abs(t.column_residual()).max() < 1e-9
    # AUS's national exports (sales to CHN, intermediate and final) are its gross exports
    nat = read_icio(p, "AUS")
    r = trade_in_value_added(t, services=[])
    assert r.by_region is not None
    assert r.by_region.loc["AUS", "exports"] == pytest.approx(float(nat.exports.sum()))
    # the taxes on products row is an 'other' primary input; the parts add up
    s = r.by_sector
    assert (s["dva"] + s["fva"] + s["other"]).to_numpy() == pytest.approx(s["exports"].to_numpy())
    assert (s["other"] > 0).all()


def test_icio_split_countries_are_merged_in_the_whole_table(tmp_path: Path) -> None:
    from tests.test_formats import split_china

    whole, split = tmp_path / "whole.csv", tmp_path / "split.csv"
    icio_frame().to_csv(whole)
    split_china(icio_frame()).to_csv(split)
    a, b = read_icio(whole), read_icio(split)
    assert a.codes == b.codes and np.allclose(a.Z, b.Z) and np.allclose(a.Y, b.Y)


def test_icio_missing_region_block_is_one_line(tmp_path: Path) -> None:
    df = icio_frame().drop(index=["CHN_D01T02", "CHN_D10T12"])
    p = tmp_path / "icio.csv"
    df.to_csv(p)
    with pytest.raises(TableFormatError, match=r"icio\.csv: region 'CHN' has columns but no rows"):
        read_icio(p)
    out = tmp_path / "world.xlsx"
    res = run("convert", p, out, "--from", "icio")
    assert res.exit_code == 1  # type: ignore[attr-defined]
    err = res.stderr.strip()  # type: ignore[attr-defined]
    assert err.startswith("error: icio.csv: region 'CHN'") and "\n" not in err
    assert not out.exists()
    half = icio_frame().drop(index=["CHN_D10T12"])  # one sector's row missing
    half.to_csv(p)
    with pytest.raises(TableFormatError, match=r"region 'CHN' has an incomplete block: no rows "
                       r"for 'D10T12'"):  # fmt: skip
        read_icio(p)
    read_icio(p, "AUS")  # a national table does not need every block


def test_wiot_whole_world_table(tmp_path: Path) -> None:
    df, d = wiot_frame()
    p = tmp_path / "wiot.csv"
    df.to_csv(p, header=False, index=False)
    t = read_wiod(p)
    assert t.n == len(WCTRY) * len(WIND) and t.codes[2] == "BRA/A01"
    assert np.allclose(t.Z, d["Z"]) and np.allclose(t.Y, d["Y"]) and np.allclose(t.x, d["go"])
    assert t.names[2] == "industry A01 (BRA)"
    assert t.va_roles[:2] == ("taxes_products", "adjustments")
    bad = df.drop(index=8)  # BRA A01's row
    bad.to_csv(p, header=False, index=False)
    with pytest.raises(TableFormatError, match=r"region 'BRA' has an incomplete block"):
        read_wiod(p)


# ---------------------------------------------------------------- pymrio
pymrio = pytest.importorskip("pymrio")


@pytest.fixture(scope="module")
def test_mrio():  # type: ignore[no-untyped-def]
    io = pymrio.load_test()
    io.calc_all()
    return io


def test_pymrio_test_mrio_round_trip(test_mrio) -> None:  # type: ignore[no-untyped-def]
    """pymrio's test MRIO → IOTable → pymrio: A, L and the regions to 1e-10."""
    from iocluster.interop.pymrio import from_pymrio, to_pymrio
    from iocluster.model.leontief import leontief_inverse

    t = from_pymrio(test_mrio)
    assert t.tags["region"][0] == "reg1" and t.tags["sector"][8] == "food"
    assert len(set(t.tags["region"])) == 6
    back = to_pymrio(t)
    back.calc_all()
    assert list(back.get_regions()) == list(test_mrio.get_regions())
    assert list(back.get_sectors()) == list(test_mrio.get_sectors())
    for ours, theirs in ((back.A, test_mrio.A), (back.L, test_mrio.L)):
        a, b = ours.to_numpy(), theirs.to_numpy()
        assert np.abs(a - b).max() <= 1e-10 * np.abs(b).max()
    L = leontief_inverse(from_pymrio(back))
    assert np.abs(L - test_mrio.L.to_numpy()).max() <= 1e-10 * np.abs(L).max()


def test_pymrio_mixed_units_are_one_line(test_mrio) -> None:  # type: ignore[no-untyped-def]
    from iocluster.interop.pymrio import from_pymrio

    io = test_mrio.copy()
    io.unit.iloc[8:16, 0] = "Mill EUR"
    with pytest.raises(InputError) as exc:
        from_pymrio(io)
    text = str(exc.value)
    assert "mixed units 'Mill USD' (40 sectors, e.g. reg1/food); 'Mill EUR' (8 sectors, e.g. " \
           "reg2/food)" in text and "\n" not in text  # fmt: skip


def test_kww_of_the_pymrio_test_mrio_adds_up(test_mrio) -> None:  # type: ignore[no-untyped-def]
    from iocluster.interop.pymrio import from_pymrio
    from iocluster.regional.multiregional.decompose import KWW_TERMS, kww_decomposition

    k = kww_decomposition(from_pymrio(test_mrio))
    assert list(k.index) == [f"reg{i}" for i in range(1, 7)]
    gap = (k[list(KWW_TERMS)].sum(axis=1) - k["exports"]).abs().max()
    assert gap <= 1e-9 * k["exports"].max()


def test_everything_interregional_works_on_the_pymrio_mrio(test_mrio, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """analyze (with the trade sheets), a scenario restricted to one region and its
    effects by region, on a multiregional table."""
    from iocluster.interop.pymrio import from_pymrio

    t = from_pymrio(test_mrio).with_meta(currency="USD", scale="million")
    src = write_table(t, tmp_path / "mrio.xlsx")
    scen = tmp_path / "s.toml"
    scen.write_text(
        '[[scenario]]\nname = "reg2 food"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        '  sectors = ["food"]\n  region = "reg2"\n  category = "household"\n  change = 10\n',
        encoding="utf-8",
    )
    res = run("shock", src, scen, "--format", "json", "--closure", "none")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    regions = json.loads(res.stdout)["regions"]  # type: ignore[attr-defined]
    assert {r[1] for r in regions["index"]} == {f"reg{i}" for i in range(1, 7)}
    out = tmp_path / "report"
    res = run("analyze", src, "-o", out, "--no-figures", "--quiet", "--closure", "none")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    from openpyxl import load_workbook

    names = load_workbook(out / "analysis.xlsx").sheetnames
    assert {"Value added in exports", "Value added by exporter", "Exports decomposed"} <= set(names)


# ---------------------------------------------------------------- commands
def test_cli_tiva_on_uzbekistan_clusters(uzbekistan_dir: Path, tmp_path: Path) -> None:
    res = run("tiva", uzbekistan_dir, "--clusters", CLUSTERS, "--format", "json")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    frames = json.loads(res.stdout)  # type: ignore[attr-defined]
    assert set(frames) - {"meta"} == {"by_cluster", "by_sector", "services"}
    cl = pd.DataFrame(**{k: frames["by_cluster"][k] for k in ("index", "columns", "data")})
    for name in ("cotton_textile", "leather"):
        row = cl.loc[name]
        assert row["dva"] + row["fva"] + row["other"] == pytest.approx(row["exports"])
        assert 0 < row["services_dva_share"] < row["dva_share"] < 1
    services = pd.DataFrame(**{k: frames["services"][k] for k in ("index", "columns", "data")})
    assert {"cotton_textile", "leather", "all_exports"} <= set(services.columns)
    assert services["all_exports"].is_monotonic_decreasing
    # the workbook and the figure in Uzbek
    book, fig = tmp_path / "tiva.xlsx", tmp_path / "tiva.png"
    args = ["tiva", uzbekistan_dir, "--clusters", CLUSTERS, "-o", book, "--figure", fig]
    res = run(*args, "--lang", "uz")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert book.exists() and fig.exists()
    from openpyxl import load_workbook

    assert load_workbook(book).sheetnames == ["Eksportdagi QQ", "Eksportchilar bo'yicha QQ",
                                              "Hisob haqida"]  # fmt: skip


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_tiva_workbook_has_no_english_left(tmp_path: Path, lang: str) -> None:
    from iocluster.regional.multiregional.decompose import kww_decomposition
    from iocluster.reports.tiva import write_tiva_workbook
    from tests.test_report_language import _workbook_texts, english_left

    t = leather().with_meta(title="leather", currency="USD", scale="million")
    r = trade_in_value_added(t, clusters={"textiles": [1, 4, 7]}, services=[2, 5, 8])
    path = write_tiva_workbook(tmp_path / "t.xlsx", r, t, lang=lang, kww=kww_decomposition(t))
    inputs = [*t.codes, *t.names, *t.tags["region"], *t.tags["sector"], "textiles leather"]
    words = {w.lower() for s in [*inputs, str(path)] for w in re.split(r"[/_\s]+", s) if w}
    left = english_left(_workbook_texts(path), lang, words)
    assert not left, "\n".join(left[:20])


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_tiva_figure_reads_in_every_language(lang: str) -> None:
    from iocluster.reports.figures.tiva import value_added_in_exports
    from tests.test_report_language import _figure_texts, _offset_texts, _overlaps

    r = trade_in_value_added(leather(), clusters={"textiles": [1, 4, 7], "farms": [0, 3, 6]})
    assert r.by_cluster is not None
    fig = value_added_in_exports(r.by_cluster, lang=lang, money=("million", "USD"),
                                 national=False)  # fmt: skip
    assert not _overlaps(fig) and not _offset_texts(fig)
    texts = " ".join(t.get_text() for t in _figure_texts(fig))
    assert {"en": "Foreign value added", "ru": "Иностранная", "uz": "Xorijiy"}[lang] in texts


def test_cli_multipliers_by_region_and_decompose(tmp_path: Path) -> None:
    src = write_table(leather().with_meta(currency="USD", scale="million"), tmp_path / "l.xlsx")
    res = run("multipliers", src, "--by-region", "--closure", "none", "--format", "json")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    frames = json.loads(res.stdout)  # type: ignore[attr-defined]
    sec = pd.DataFrame(**{k: frames["sectors"][k] for k in ("index", "columns", "data")})
    parts = sec[["output_intra_regional", "output_feedback", "output_spillover"]].sum(axis=1)
    assert parts.to_numpy() == pytest.approx(sec["output_simple"].to_numpy())
    reg = pd.DataFrame(**{k: frames["regions"][k] for k in ("index", "columns", "data")})
    assert list(reg.index) == COUNTRIES_ORDER
    assert "output_type_I" not in reg  # a mean of ratios is no multiplier
    parts = reg[["output_intra_regional", "output_feedback", "output_spillover"]].sum(axis=1)
    assert parts.to_numpy() == pytest.approx(reg["output_simple"].to_numpy())
    res = run("decompose", src, "--format", "json")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert set(json.loads(res.stdout)) == {"meta", "kww", "gvc_participation"}  # type: ignore[attr-defined]
    res = run("decompose", src, "--bilateral", "--exporter", "turkey", "--format", "csv")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert res.stdout.count("\nTurkey,") == 6  # type: ignore[attr-defined]
    # bad input: one line each, exit 1
    national = ROOT / "data" / "miller_blair_2_3.xlsx"
    for args, text in (
        (("decompose", national), "no 'region' and 'sector' tags"),
        (("multipliers", national, "--by-region"), "--by-region needs an interregional"),
        (("tiva", src, "--exporter", "Atlantis"), "unknown region 'Atlantis'"),
    ):
        res = run(*args)
        err = res.stderr.strip()  # type: ignore[attr-defined]
        assert res.exit_code == 1 and text in err and "\n" not in err, err  # type: ignore[attr-defined]


COUNTRIES_ORDER = ["Argentina", "Turkey", "Germany"]


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_analyze_report_of_a_whole_icio_table_is_in_the_language(tmp_path: Path, lang: str) -> None:
    """The analyze report of a multiregional table: multipliers with their intra-regional,
    feedback and spillover parts, the trade sheets, the table's assumptions — all in the
    report language."""
    from openpyxl import load_workbook

    from tests.test_report_language import _workbook_texts, english_left

    p = tmp_path / "icio.csv"
    icio_frame().to_csv(p)
    src = write_table(read_icio(p).with_meta(currency="USD", scale="million"), tmp_path / "w.xlsx")
    out = tmp_path / "report"
    res = run("analyze", src, "-o", out, "--lang", lang, "--no-figures", "--quiet")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    t = read_table(src)
    inputs = [*t.codes, *t.names, *t.fd_names, t.meta.title, t.meta.source, str(out), src.name]
    words = {w.lower() for s in inputs for w in re.findall(r"[A-Za-z]+", s)}
    book = out / "analysis.xlsx"
    left = english_left(_workbook_texts(book), lang, words)
    assert not left, "\n".join(left[:20])
    ws = load_workbook(book).worksheets[2]  # Multipliers
    headers = [c.value for c in ws[4] if c.value]
    part = {"ru": "внутрирегиональный", "uz": "hudud ichidagi"}[lang]
    assert any(part in str(h) for h in headers), headers
