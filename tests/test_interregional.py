"""The interregional model (issue 16): construction identities, limits, the multiplier
decomposition, scenarios by region, readers and the command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
import pytest

from iocluster.errors import RegionalDataError
from iocluster.io.regional import read_regional_data, read_regions, regional_data_from_frame
from iocluster.operations.ras import ras
from iocluster.regional.data import RegionalData
from iocluster.regional.interregional.analysis import (
    multiplier_decomposition,
    region_totals,
    spillover_matrix,
)
from iocluster.regional.interregional.build import (
    build_interregional,
    interregional_trade,
)
from iocluster.regional.interregional.gravity import distance_decay, gravity_flows
from iocluster.regional.interregional.regions import Region, Regions
from iocluster.regional.regionalize import regionalize
from iocluster.table import IOTable

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared")) / "data"
REGIONS_CSV = SHARED / "uzbekistan-regions" / "regions.csv"
EMPLOYMENT = ROOT / "data" / "regional_employment_illustrative.csv"
SCENARIO = ROOT / "data" / "scenarios" / "fergana_textiles.toml"


def rel(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a), np.asarray(b)
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-300))


@pytest.fixture(scope="module")
def regions() -> Regions:
    if not REGIONS_CSV.exists():
        pytest.skip("../shared/data/uzbekistan-regions is not available")
    return read_regions(REGIONS_CSV)


@pytest.fixture(scope="module")
def data(uzbekistan: IOTable) -> RegionalData:
    return read_regional_data(EMPLOYMENT, uzbekistan)


@pytest.fixture(scope="module")
def uz14(uzbekistan: IOTable, data: RegionalData, regions: Regions) -> IOTable:
    return build_interregional(uzbekistan, data, regions)


def _subset(data: RegionalData, keys: list[str]) -> RegionalData:
    idx = [data.regions.index(k) for k in keys]
    return RegionalData(
        codes=data.codes,
        regions=tuple(keys),
        values=data.values[:, idx],
        national=data.national,
        measure=data.measure,
        source=data.source,
    )


# ---------------------------------------------------------------- regions and gravity
def test_regions_file_keys_names_and_distances(regions: Regions) -> None:
    assert len(regions.keys) == 14
    assert "fergana" in regions.keys and "tashkent_city" in regions.keys
    assert "tashkent_region" in regions.keys  # kept apart from the city
    assert regions.find("Ферганская область").key == "fergana"
    assert regions.find("Farg'ona viloyati").key == "fergana"
    assert regions.find("UZ-FA").key == "fergana"
    d = regions.distances()
    assert np.allclose(d, d.T) and np.all(np.diag(d) == 0)
    i, j = regions.keys.index("tashkent_city"), regions.keys.index("fergana")
    assert 200 < d[i, j] < 260  # Tashkent–Fergana, about 235 km as the crow flies


def test_gravity_is_the_projects_ras_on_each_product() -> None:
    """The vectorised Furness iteration gives the biproportional (RAS) solution."""
    rng = np.random.default_rng(3)
    dist = rng.uniform(50, 900, (5, 5))
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0)
    G = distance_decay(dist, 1.3)
    out = rng.uniform(1, 10, (4, 5))
    into = rng.uniform(1, 10, (4, 5))
    into *= out.sum(axis=1, keepdims=True) / into.sum(axis=1, keepdims=True)
    t = gravity_flows(out, into, G)
    for i in range(4):
        ref = ras(G, out[i], into[i]).X
        assert rel(t[i], ref) < 1e-9
    assert np.all(np.diagonal(t, axis1=1, axis2=2) == 0)


# ---------------------------------------------------------------- identities
def test_sum_over_regions_is_the_national_domestic_table(
    uzbekistan: IOTable, uz14: IOTable
) -> None:
    d, n, R = uzbekistan.domestic(), uzbekistan.n, 14
    assert uz14.n == R * n and uz14.codes[0].endswith("/A01.11")
    assert rel(uz14.Z.reshape(R, n, R, n).sum(axis=(0, 2)), d.Z) < 1e-9
    k = len(d.fd_names)
    assert rel(uz14.Y.reshape(R, n, R, k).sum(axis=(0, 2)), d.Y) < 1e-9
    assert rel(uz14.x.reshape(R, n).sum(axis=0), d.x) < 1e-9
    va = uz14.V[: len(d.va_names)].reshape(len(d.va_names), R, n).sum(axis=1)
    assert rel(va, d.V) < 1e-9
    assert d.Zm is not None
    assert rel(uz14.V[-1].reshape(R, n).sum(axis=0), d.Zm.sum(axis=0)) < 1e-9
    assert rel(uz14.F.reshape(len(d.satellite_names), R, n).sum(axis=1), d.F) < 1e-9


def test_row_and_column_identities_hold_where_they_hold_nationally(
    uzbekistan: IOTable, uz14: IOTable
) -> None:
    d, n = uzbekistan.domestic(), uzbekistan.n
    scale = float(np.abs(d.x).max())
    # rows: each region's residual is its share of the national residual (rounding)
    res = np.asarray(uz14.row_residual()).reshape(14, n)
    assert np.abs(res.sum(axis=0) - d.row_residual()).max() < 1e-9 * scale
    # columns: national coefficients, so the residual is the region's share
    col = np.asarray(uz14.column_residual()).reshape(14, n)
    share = uz14.x.reshape(14, n) / np.where(d.x > 0, d.x, 1.0)
    assert np.abs(col - share * d.column_residual()).max() < 1e-9 * scale
    assert np.all(uz14.Z >= 0)
    # regional technology = national: inputs from every region add up to a_ij
    A = np.asarray(uz14.A).reshape(14, n, 14, n).sum(axis=0)
    for s in range(14):
        xs = uz14.x.reshape(14, n)[s]
        assert rel(A[:, s, :][:, xs > 0], np.asarray(uzbekistan.A)[:, xs > 0]) < 1e-9


def test_employment_of_the_table_is_the_regional_data(uz14: IOTable, data: RegionalData) -> None:
    jobs = np.asarray(uz14.satellite("employment_total")).reshape(14, -1).T
    assert np.abs(jobs - data.values).max() < 0.5 + 1e-6 * data.values.max()


def test_sector_names_carry_the_region_in_the_tables_language(uz14: IOTable) -> None:
    """The Uzbekistan table names its products in Russian: the interregional table's
    names add the region's Russian name (a Russian or Uzbek report shows no English)."""
    fergana = [nm for c, nm in zip(uz14.codes, uz14.names, strict=True) if c == "fergana/C14"]
    assert fergana == ["Одежда (Ферганская область)"]


def test_one_region_is_the_national_table(uzbekistan: IOTable) -> None:
    nat = np.asarray(uzbekistan.satellite("employment_total"))
    one = RegionalData(uzbekistan.codes, ("uzbekistan",), nat[:, None].copy(), nat)
    regs = Regions((Region("uzbekistan", lat=41.3, lon=69.3),))
    t = build_interregional(uzbekistan, one, regs)
    d = uzbekistan.domestic()
    assert rel(t.Z, d.Z) < 1e-12 and rel(t.Y, d.Y) < 1e-12 and rel(t.x, d.x) < 1e-12
    assert rel(np.asarray(t.A), np.asarray(uzbekistan.A)) < 1e-12


@pytest.mark.parametrize("beta", [1.0, 50.0])
def test_own_blocks_are_regionalize_single_region_tables(
    uzbekistan: IOTable, data: RegionalData, regions: Regions, beta: float
) -> None:
    """Self-supply is FLQ's regional purchase coefficients (as in regionalize) for every
    β; β only decides which other regions supply the rest. Rows where a region could
    not supply itself (capped) or had to keep trade local (moved) differ by design, and so
    do columns of sectors none of the regions reports (regionalize gives them no
    output; here they are shared by the regions' sizes)."""
    sub = _subset(data, ["fergana", "andijan", "tashkent_city", "navoiy"])
    t = build_interregional(uzbekistan, sub, regions, beta=beta)
    _, _, _, _, tp = interregional_trade(uzbekistan, sub, regions, beta=beta)
    n = uzbekistan.n
    A = np.asarray(t.A).reshape(4, n, 4, n)
    checked = 0
    cols = np.asarray(sub.values).sum(axis=1) > 0
    for k, key in enumerate(sub.regions):
        single = np.asarray(regionalize(uzbekistan, sub, key).A)
        ok = ~tp.capped[:, k] & (tp.moved[:, k] == 0)
        assert ok.mean() > 0.8
        assert rel(A[k, :, k, :][np.ix_(ok, cols)], single[np.ix_(ok, cols)]) < 1e-9
        checked += int(ok.sum())
    assert checked > 400


def test_larger_beta_keeps_trade_closer(
    uzbekistan: IOTable, data: RegionalData, regions: Regions
) -> None:
    sub = _subset(data, ["fergana", "andijan", "namangan", "karakalpakstan"])
    dist = regions.subset(list(sub.regions)).distances()
    mean_km = []
    for beta in (0.5, 3.0):
        *_, tp = interregional_trade(uzbekistan, sub, regions, beta=beta)
        f = tp.flows.sum(axis=0)
        mean_km.append(float((f * dist).sum() / f.sum()))
    assert mean_km[1] < mean_km[0]


# ---------------------------------------------------------------- decomposition
def _two_region_table() -> IOTable:
    """One sector in each of two regions: a11 = 0.2, a21 = 0.1, a12 = 0.15, a22 = 0.3."""
    A = np.array([[0.2, 0.15], [0.1, 0.3]])
    x = np.array([100.0, 100.0])
    Z = A * x
    return IOTable.from_arrays(
        Z=Z,
        Y=(x - Z.sum(axis=1))[:, None],
        V=(x - Z.sum(axis=0))[None, :],
        x=x,
        codes=["north/m", "south/m"],
        tags={"region": ["north", "south"], "sector": ["m", "m"]},
    )


def test_two_region_decomposition_hand_computed() -> None:
    """Hand-computed: det(I − A) = 0.8·0.7 − 0.15·0.1 = 0.545, so
    L = [[0.7, 0.15], [0.1, 0.8]] / 0.545 (Miller & Blair 2009, §3.3, eq. for the
    two-region inverse). Region 1: intra 1/0.8 = 5/4, in-region L11 = 140/109, so
    feedback 15/436, spillover 20/109; region 2: intra 10/7, L22 = 160/109, feedback
    30/763, spillover 30/109."""
    df = multiplier_decomposition(_two_region_table())
    expect = {
        "north/m": (5 / 4, 15 / 436, 20 / 109, 160 / 109),
        "south/m": (10 / 7, 30 / 763, 30 / 109, 190 / 109),
    }
    for code, vals in expect.items():
        got = df.loc[code, ["intra_regional", "feedback", "spillover", "total"]].to_numpy()
        assert np.allclose(got, vals, rtol=1e-12, atol=0)


def test_decomposition_adds_up_on_uzbekistan(uz14: IOTable) -> None:
    df = multiplier_decomposition(uz14)
    parts = df["intra_regional"] + df["feedback"] + df["spillover"]
    assert np.abs(parts - df["total"]).max() < 1e-12 * df["total"].max()
    assert (df["feedback"] > -1e-12).all() and (df["spillover"] > -1e-12).all()
    assert (df["intra_regional"] >= 1 - 1e-12).all()
    # total = column sums of L (one solve against the factorisation)
    x1 = np.asarray(uz14.leontief.solve_transposed(np.ones(uz14.n)))
    assert np.allclose(df["total"].to_numpy(), x1, rtol=1e-12)


# ---------------------------------------------------------------- scenarios
def test_fergana_textiles_scenario_stays_mostly_in_fergana(uz14: IOTable) -> None:
    from iocluster.scenarios.run import read_scenarios, run_scenarios

    res = run_scenarios(uz14, read_scenarios(SCENARIO, uz14))
    br = cast(pd.DataFrame, res.by_region)
    out = br.xs(("fergana_textiles", "output"), level=("scenario_name", "measure"))
    # the final-demand change: +10 % of Fergana's textile and apparel exports
    fer = [i for i, c in enumerate(uz14.codes) if c.startswith("fergana/C13") or c == "fergana/C14"]
    shock = 0.1 * float(uz14.exports[fer].sum())
    assert float(out["change"]["fergana"]) >= shock * (1 - 1e-12)
    assert out["change"].drop("fergana").min() > 0  # every region gains something
    total = float(res.totals["change"].loc[("fergana_textiles", "output")])
    assert abs(out["change"].sum() - total) < 1e-9 * abs(total)
    # the spillover matrix of a final-demand shock: one origin, rows add to the total
    sp = cast(pd.DataFrame, res.spillovers).xs(("fergana_textiles", "output"), level=(0, 1))
    assert abs(sp.loc["fergana"].sum() - total) < 1e-9 * abs(total)
    assert np.allclose(sp.drop("fergana").to_numpy(), 0.0)
    assert np.allclose(sp.loc["fergana"].to_numpy(), out["change"].to_numpy(), rtol=1e-9)


def test_region_field_and_qualified_clusters_select_the_same(uz14: IOTable) -> None:
    from iocluster.scenarios.parse_toml import scenario_file_from_dict
    from iocluster.scenarios.validate import validate_file

    doc = {
        "clusters": {"textiles": ["C13*", "C14"]},
        "scenario": [
            {"name": "a", "shock": [{"kind": "final_demand", "sectors": ["textiles"],
                                      "region": "Fergana", "category": "exports", "change": 5}]},
            {"name": "b", "shock": [{"kind": "final_demand", "sectors": ["fergana_textiles"],
                                      "category": "exports", "change": 5}]},
            {"name": "c", "shock": [{"kind": "final_demand",
                                      "sectors": ["fergana/C13*", "fergana/C14"],
                                      "category": "exports", "change": 5}]},
        ],
    }  # fmt: skip
    resolved, clusters = validate_file(scenario_file_from_dict(doc), uz14)
    sets = [r.shocks[0].sets["sectors"].tolist() for r in resolved]
    assert sets[0] == sets[1] == sets[2] and len(sets[0]) == 5
    assert len(clusters["textiles"]) == 5 * 14
    bad = {"scenario": [{"name": "x", "shock": [{"kind": "final_demand", "sectors": ["C14"],
                                                  "region": "fergna", "category": "exports",
                                                  "change": 1}]}]}  # fmt: skip
    from iocluster.errors import ScenarioError

    with pytest.raises(ScenarioError, match=r"unknown region 'fergna'.*fergana"):
        validate_file(scenario_file_from_dict(bad), uz14)


def test_spillover_matrix_rows_sum_to_the_output_change(uz14: IOTable) -> None:
    dy = np.zeros(uz14.n)
    dy[[uz14.codes.index("fergana/C13.1"), uz14.codes.index("andijan/C29")]] = [100.0, 50.0]
    M = spillover_matrix(uz14, dy)
    dx = np.asarray(uz14.leontief.solve(dy))
    assert np.allclose(M.to_numpy().sum(axis=0), region_totals(uz14, dx), rtol=1e-10)
    diag = np.diag(M.to_numpy())
    keys = list(M.index)
    assert diag[keys.index("fergana")] >= 100.0 and diag[keys.index("andijan")] >= 50.0


# ---------------------------------------------------------------- data as published
def test_section_data_split_by_national_structure(uzbekistan: IOTable) -> None:
    from iocluster.operations.aggregate import Concordance

    sections = sorted({c[0] for c in uzbekistan.codes})
    W = np.array([[1.0 if c[0] == s else 0.0 for c in uzbekistan.codes] for s in sections])
    conc = Concordance(uzbekistan.codes, tuple(sections), W)
    nat = np.asarray(uzbekistan.satellite("employment_total"))
    rows = []
    for k, s in enumerate(sections):
        tot = nat[W[k] > 0].sum()
        rows.append({"Регион": "Farg'ona viloyati", "Код": s, "численность": 0.1 * tot})
        rows.append({"Регион": "Andijon viloyati", "Код": s, "численность": 0.05 * tot})
    rd = regional_data_from_frame(pd.DataFrame(rows), uzbekistan, concordance=conc)
    assert rd.regions == ("Andijon viloyati", "Farg'ona viloyati")
    v = np.asarray(rd.values)
    assert np.allclose(v[:, 1], 0.1 * nat) and np.allclose(v[:, 0], 0.05 * nat)


def test_illustrative_file_says_so_and_adds_up(uzbekistan: IOTable, data: RegionalData) -> None:
    assert "illustrative" in EMPLOYMENT.name
    assert EMPLOYMENT.read_text(encoding="utf-8").startswith('"# ILLUSTRATIVE')
    assert len(data.regions) == 14
    nat = np.asarray(uzbekistan.satellite("employment_total"))
    assert np.allclose(np.asarray(data.values).sum(axis=1), np.round(nat))


def test_unknown_region_in_the_data_is_named(uzbekistan: IOTable, regions: Regions) -> None:
    nat = np.asarray(uzbekistan.satellite("employment_total"))
    bad = RegionalData(uzbekistan.codes, ("Atlantis",), nat[:, None].copy(), nat)
    with pytest.raises(RegionalDataError, match="unknown region 'Atlantis'"):
        build_interregional(uzbekistan, bad, regions)


# ---------------------------------------------------------------- interop and CLI
def test_to_pymrio_has_one_region_per_viloyat(
    uzbekistan: IOTable, data: RegionalData, regions: Regions
) -> None:
    pymrio = pytest.importorskip("pymrio")
    from iocluster.interop.pymrio import to_pymrio

    t = build_interregional(uzbekistan, _subset(data, ["fergana", "syrdarya", "navoiy"]), regions)
    io = to_pymrio(t)
    io.calc_all()
    assert list(io.get_regions()) == ["fergana", "syrdarya", "navoiy"]
    assert rel(io.A.to_numpy(), np.asarray(t.A)) < 1e-10
    assert rel(io.L.to_numpy(), np.asarray(t.leontief.inverse())) < 1e-10
    assert pymrio is not None


def _cli_build(runner: Any, uzbekistan_dir: Path, out: Path) -> Any:
    """``iocluster interregional`` of the bundled illustrative employment into ``out``."""
    from iocluster.cli.app import app

    return runner.invoke(
        app,
        ["interregional", str(uzbekistan_dir), str(EMPLOYMENT), "-o", str(out),
         "--regions", str(REGIONS_CSV)],
    )  # fmt: skip


def test_cli_builds_then_shocks(tmp_path: Path, uzbekistan_dir: Path, regions: Regions) -> None:
    from typer.testing import CliRunner

    from iocluster.cli.app import app

    runner = CliRunner()
    out = tmp_path / "uz14"
    r = _cli_build(runner, uzbekistan_dir, out)
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.output
    r = runner.invoke(app, ["shock", str(out), str(SCENARIO), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert '"by_region"' in r.stdout and '"spillovers"' in r.stdout
    book = tmp_path / "impact.xlsx"
    r = runner.invoke(app, ["shock", str(out), str(SCENARIO), "-o", str(book)])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    wb = load_workbook(book)
    assert "By region" in wb.sheetnames
    header = [c.value for c in wb["By region"][4]]
    assert "Output: share of the change (%)" in header
    r = runner.invoke(
        app, ["interregional", str(uzbekistan_dir), str(SCENARIO), "-o", str(tmp_path / "x")]
    )
    assert r.exit_code == 1 and "error:" in r.output and "Traceback" not in r.output


def test_total_multipliers_equal_national_ones(uzbekistan: IOTable, uz14: IOTable) -> None:
    """With national technology the inputs from all regions add up to a_ij, so a sector's
    total output multiplier 1ᵀL is the national one in every region (an invariant of
    the construction, Miller & Blair 2009 §3.3 with A = Σ_r A^{rs})."""
    nat = np.asarray(uzbekistan.leontief.solve_transposed(np.ones(uzbekistan.n)))
    tot = multiplier_decomposition(uz14)["total"].to_numpy().reshape(14, -1)
    x = uz14.x.reshape(14, -1)
    assert np.allclose(tot[x > 0], np.broadcast_to(nat, tot.shape)[x > 0], rtol=1e-9)


def test_analyze_has_a_regions_overview_named_in_each_language(uz14: IOTable) -> None:
    from iocluster.regional.interregional.analysis import region_names, regional_overview

    ov = regional_overview(uz14, "employment_total")
    assert abs(ov["output_share_pct"].sum() - 100.0) < 1e-9
    parts = ov["intra_regional"] + ov["feedback"] + ov["spillover"]
    assert np.allclose(parts, ov["total"], rtol=1e-12)
    assert region_names(uz14, "ru")["fergana"] == "Ферганская область"
    assert region_names(uz14, "uz")["fergana"] == "Farg'ona viloyati"
    assert region_names(uz14, "en")["tashkent_city"] == "Tashkent City"


def test_extracting_a_regions_cluster_shows_who_loses(uz14: IOTable) -> None:
    """Hypothetical extraction (Miller & Blair 2009, §12.2) of Fergana's textile cluster:
    output falls in every region, most in Fergana, and the spillover rows add up."""
    from iocluster.scenarios.run import run_document

    doc = {
        "clusters": {"textiles": ["C13*", "C14"]},
        "scenario": [{"name": "x", "shock": [
            {"kind": "extraction", "sectors": ["fergana_textiles"]}]}],
    }  # fmt: skip
    res = run_document(uz14, doc)
    br = cast(pd.DataFrame, res.by_region)
    out = br.xs(("x", "output"), level=("scenario_name", "measure"))["change"]
    assert (out < 0).all() and out.idxmin() == "fergana"
    sp = cast(pd.DataFrame, res.spillovers).xs(("x", "output"), level=(0, 1))
    assert np.allclose(sp.to_numpy().sum(axis=0), out.to_numpy(), rtol=1e-8)


def test_cli_reads_sections_with_a_concordance(
    tmp_path: Path, uzbekistan: IOTable, uzbekistan_dir: Path, regions: Regions
) -> None:
    """Regional employment published by NACE section (long layout, Uzbek headers) with a
    products → sections concordance file."""
    from typer.testing import CliRunner

    from iocluster.cli.app import app

    conc = tmp_path / "sections.csv"
    conc.write_text(
        "code,group\n" + "".join(f'"{c}",{c[0]}\n' for c in uzbekistan.codes), encoding="utf-8"
    )
    nat = np.asarray(uzbekistan.satellite("employment_total"))
    lines = ["hudud,kod,bandlik"]
    for s in sorted({c[0] for c in uzbekistan.codes}):
        tot = nat[[c[0] == s for c in uzbekistan.codes]].sum()
        lines += [f"Farg'ona viloyati,{s},{0.2 * tot}", f"Toshkent shahri,{s},{0.3 * tot}"]
    data = tmp_path / "by_section.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "two"
    r = CliRunner().invoke(
        app,
        ["interregional", str(uzbekistan_dir), str(data), "-o", str(out),
         "--regions", str(REGIONS_CSV), "--concordance", str(conc)],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    from iocluster.io import read_table

    t = read_table(out)
    assert t.n == 2 * uzbekistan.n and set(t.tags["region"]) == {"fergana", "tashkent_city"}
    # both regions hold the same structure (0.2 and 0.3 of every product): shares 0.4 / 0.6
    x = t.x.reshape(2, -1)
    pos = uzbekistan.x > 0
    ratio = x[0][pos] / uzbekistan.x[pos]
    assert np.allclose(ratio, ratio[0]) and {round(ratio[0], 9)} <= {0.4, 0.6}


def test_spillover_shares_and_heat_map(uz14: IOTable, tmp_path: Path) -> None:
    from iocluster.regional.interregional.analysis import region_names, spillover_shares
    from iocluster.reports.figures import save_figure, spillover_heatmap

    sh = spillover_shares(uz14)
    assert sh.shape == (14, 14) and np.allclose(sh.sum(axis=1), 1.0)
    diag = np.diag(sh.to_numpy())
    assert np.all(diag > 0.5)  # most of a region's own demand is met at home (FLQ)
    fig = spillover_heatmap(sh, names=region_names(uz14, "uz"), lang="uz")
    written = save_figure(fig, tmp_path / "spill")
    assert any(p.suffix == ".svg" for p in written)
    assert "Farg'ona viloyati" in (tmp_path / "spill.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name_en,lat,lon\nFergana Region,40.4,71.8\nFergana Region,41,72\n", "key 'fergana'"),
        ("name_en,lat,lon\nFergana Region,140.4,71.8\n", "row 2, column 'lat'"),
        ("name_en,lat\nFergana Region,40.4\n", "column 'lon'"),
        ("name_en,lat,lon\nFergana Region,north,71.8\n", "'north' is not a number"),
    ],
)
def test_bad_regions_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "regions.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(RegionalDataError, match=message):
        read_regions(p)


def test_final_demand_follows_given_weights(
    tmp_path: Path, uzbekistan: IOTable, data: RegionalData, regions: Regions
) -> None:
    """Residents' final demand by population (a region,value file in Russian) instead of
    employment; exports still follow production."""
    from iocluster.io.regional import read_region_values

    sub = _subset(data, ["fergana", "tashkent_city"])
    p = tmp_path / "population.csv"
    p.write_text("Регион,население\nФерганская область,3890\nгород Ташкент,2910\n", "utf-8")
    w = read_region_values(p)
    t = build_interregional(uzbekistan, sub, regions, fd_weights=w)
    d = uzbekistan.domestic()
    k = d.fd_roles.index("household")
    col = t.fd_names.index("fergana/" + d.fd_names[k])
    assert abs(t.Y[:, col].sum() - d.Y[:, k].sum() * 3890 / 6800) < 1e-9 * abs(d.Y[:, k].sum())
    assert any("final-demand weights" in str(a) for a in t.meta.assumptions)


FERGANA = ROOT / "data" / "scenarios" / "fergana_textiles.toml"


@pytest.fixture(scope="module")
def fergana(uz14: IOTable):  # type: ignore[no-untyped-def]
    """``analyze`` of the interregional table with the Fergana textiles scenario."""
    from iocluster.pipeline.analyze import analyze
    from iocluster.scenarios.run import read_scenarios

    return analyze(uz14, scenario_file=read_scenarios(FERGANA, uz14))


def test_analyze_with_the_fergana_scenario_resolves_national_cluster_codes(fergana) -> None:  # type: ignore[no-untyped-def]
    """``analyze TABLE --scenario fergana_textiles.toml`` on the interregional table: the
    scenario file's cluster ``textiles = ["C13*", "C14"]`` (national codes) is resolved
    as the scenario resolves it (every region), for the report's chains and clusters
    too (it failed with "unknown sector 'C13*'")."""
    assert fergana.chains is not None and "textiles" in fergana.chains.index
    assert fergana.region_spillovers is not None


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_interregional_figures_pass_the_figure_checks(fergana, lang) -> None:  # type: ignore[no-untyped-def]
    """Issue 29: the automated figure check (overlapping texts, leader lines across texts,
    labels on other points, offset text, too few ticks, English left) on the 1,904
    region-sectors, the table marked illustrative (its regional employment is): every
    figure says so, and the zero-output region-sectors (13 regions without iron ore,
    B07.1) are not drawn."""
    import dataclasses

    from matplotlib.collections import PathCollection

    from iocluster.reports.figures.analysis import analysis_figures
    from iocluster.reports.i18n import tr
    from tests.test_report_language import _input_words, figure_problems

    a = dataclasses.replace(fergana, table=fergana.table.with_meta(illustrative=True))
    figs = dict(analysis_figures(a, lang))
    assert {"key_sectors", "multipliers", "region_spillovers", "impacts_by_sector",
            "impacts_by_cluster"} <= set(figs)  # fmt: skip
    from iocluster.regional.interregional.analysis import region_names

    # the regions' names are the regions file's (uzbekistan-regions/regions.csv)
    allowed = _input_words(a.table, FERGANA, " ".join(region_names(a.table, lang).values()))
    problems = [p for stem, fig in figs.items() for p in figure_problems(stem, fig, lang, allowed)]
    assert not problems, "\n".join(problems[:30])
    stamp = tr("illustrative_stamp", lang)
    assert all(stamp in fig._suptitle.get_text() for fig in figs.values())
    ax = figs["key_sectors"].axes[0]
    drawn = sum(len(c.get_offsets()) for c in ax.collections
                if isinstance(c, PathCollection) and len(c.get_offsets()))  # fmt: skip
    zero = int((a.table.x == 0).sum())
    assert zero == 13 and drawn == a.table.n - zero


def test_cli_writes_the_fast_npz_table(tmp_path: Path, uzbekistan_dir: Path, uz14: IOTable) -> None:
    """``interregional -o OUT.npz`` (issue 30 goal 5, the fast path: no text per cell)
    writes the table built in Python, bit for bit (the CLI's metadata aside: it reads
    the national table's metadata.json), and ``shock`` reads it."""
    from typer.testing import CliRunner

    from iocluster.cli.app import app
    from iocluster.io import read_table
    from iocluster.testing import assert_table_equal

    runner = CliRunner()
    out = tmp_path / "uz14.npz"
    r = _cli_build(runner, uzbekistan_dir, out)
    assert r.exit_code == 0, r.output
    assert_table_equal(read_table(out).replace(meta=uz14.meta), uz14)
    r = runner.invoke(app, ["shock", str(out), str(SCENARIO), "--format", "json"])
    assert r.exit_code == 0 and '"spillovers"' in r.stdout
