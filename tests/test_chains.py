"""Value-added chains: embodied value added, layers, structural paths, position.

Sources: Miller & Blair (2009) Table 2.3 (two sectors, worked by hand to order 3);
Defourny & Thorbecke (1984) for path values; Dietzenbacher, Romero & Bosma (2005) for
average propagation lengths; Miller & Temurshoev (2017) for up/downstreamness.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iocluster.chains import (
    Target,
    average_propagation_length,
    compare_chains,
    downstreamness,
    embodied,
    embodied_by_category,
    enumerate_paths,
    production_layers,
    propagation_lengths,
    resolve_target,
    structural_paths,
    upstreamness,
)
from iocluster.cli import app
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import InputError, LabelError
from iocluster.model.leontief import ghosh_inverse, leontief_inverse
from iocluster.table import IOTable

FUZZ = int(os.environ.get("IOCLUSTER_FUZZ", "0"))
MB_A = np.array([[0.15, 0.25], [0.20, 0.05]])  # Miller & Blair (2009) Table 2.3


def random_table(seed: int, n: int = 5, services: bool = True) -> IOTable:
    rng = np.random.default_rng(seed)
    x = rng.uniform(50, 150, n)
    A = rng.uniform(0, 1, (n, n)) * rng.uniform(0.2, 0.6) / n
    Z = A * x
    va = x - Z.sum(axis=0)
    y = x - Z.sum(axis=1)
    Y = np.column_stack([0.6 * y, 0.4 * y])
    codes = [("G" if services and i % 2 else "C") + f"{i:02d}" for i in range(n)]
    return IOTable.from_arrays(
        Z=Z, Y=Y, V=[va], codes=codes, x=x,
        fd_names=["household", "exports"], fd_roles=["household", "exports"],
        F=[rng.uniform(1, 5, n)], satellite_names=["jobs"], satellite_units=["persons"],
    )  # fmt: skip


def brute_force_paths(A, f, t, y, thr, depth):  # type: ignore[no-untyped-def]
    """All sequences (target first) kept under the pruning rule, by explicit recursion."""
    out = {}

    def visit(seq, x):  # type: ignore[no-untyped-def]
        if abs(t[seq[-1]] * x) < thr:
            return
        out[tuple(seq)] = f[seq[-1]] * x
        if len(seq) - 1 < depth:
            for i in range(len(f)):
                visit([*seq, i], A[i, seq[-1]] * x)

    for j in np.flatnonzero(y):
        visit([int(j)], y[j])
    return out


# ------------------------------------------------------------------ Miller & Blair by hand
def test_miller_blair_paths_to_order_3_by_hand() -> None:
    """M&B Table 2.3, f = 1 (output), one unit of final demand for sector 1: each path
    value is the product of the coefficients along it (worked by hand)."""
    tree = enumerate_paths(MB_A, np.ones(2), np.linalg.solve((np.eye(2) - MB_A).T, np.ones(2)),
                           np.array([1.0, 0.0]), 1e-12, 3)  # fmt: skip
    got = dict(zip(map(tuple, tree.sequences(np.arange(tree.sector.size))), tree.direct,
                   strict=True))  # fmt: skip
    hand = {
        (0,): 1.0,
        (0, 0): 0.15, (0, 1): 0.20,
        (0, 0, 0): 0.15 * 0.15, (0, 0, 1): 0.20 * 0.15,  # a11·a11, a21·a11
        (0, 1, 0): 0.25 * 0.20, (0, 1, 1): 0.05 * 0.20,  # a12·a21, a22·a21
        (0, 1, 1, 1): 0.05 * 0.05 * 0.20, (0, 1, 0, 1): 0.20 * 0.25 * 0.20,
        (0, 0, 1, 0): 0.25 * 0.20 * 0.15, (0, 1, 0, 0): 0.15 * 0.25 * 0.20,
    }  # fmt: skip
    for seq, v in hand.items():
        assert got[seq] == pytest.approx(v, rel=1e-12)
    assert len(got) == 1 + 2 + 4 + 8
    # order sums 1ᵀAᵏe₁: A² e₁ = (.0725, .04), A³ e₁ = (.020875, .0165)
    for k, s in enumerate([1.0, 0.35, 0.1125, 0.037375]):
        assert sum(v for q, v in got.items() if len(q) == k + 1) == pytest.approx(s, rel=1e-12)


def test_miller_blair_layers_by_hand() -> None:
    t = miller_blair_2_3()
    tg = Target("unit", np.array([1.0, 0.0]), (0,), ())
    lay = production_layers(t, tg, rows=["output"], tol=1e-13)
    assert lay.loc[["0", "1", "2", "3"], "output"].tolist() == pytest.approx(
        [1.0, 0.35, 0.1125, 0.037375], rel=1e-12
    )
    assert lay.loc["total", "output"] == pytest.approx(leontief_inverse(t)[:, 0].sum())


# ------------------------------------------------------------------ invariants
@settings(max_examples=60 if FUZZ else 12, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 6), depth=st.integers(0, 4),
       rel=st.sampled_from([1e-1, 1e-2, 1e-3]))  # fmt: skip
def test_paths_equal_brute_force(seed: int, n: int, depth: int, rel: float) -> None:
    """Vectorised enumeration = explicit recursion (same kept paths, same values)."""
    rng = np.random.default_rng(seed)
    A = rng.uniform(0, 1, (n, n)) * 0.7 / n
    f = rng.uniform(0, 1, n)
    y = rng.uniform(0, 1, n) * (rng.uniform(size=n) < 0.7)
    t = np.linalg.solve((np.eye(n) - A).T, f)
    thr = rel * float(t @ y) if t @ y > 0 else 1.0
    tree = enumerate_paths(A, f, t, y, thr, depth)
    got = dict(zip(map(tuple, tree.sequences(np.arange(tree.sector.size))), tree.direct,
                   strict=True))  # fmt: skip
    want = brute_force_paths(A, f, t, y, thr, depth)
    assert got.keys() == want.keys()
    for k, v in want.items():
        assert got[k] == pytest.approx(v, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("top", [None, 5])
def test_paths_plus_remainder_equal_total(seed: int, top: int | None) -> None:
    t = random_table(seed, n=8)
    tg = resolve_target(t, "exports")
    paths, summary = structural_paths(t, tg, threshold=1e-3, max_depth=6, top=top)
    s = summary.iloc[0]
    total = float(np.asarray(t.coefficients(t.value_added)) @ t.leontief.solve(tg.y))
    assert s["total"] == pytest.approx(total, rel=1e-12)
    assert paths["value"].sum() + s["remainder"] == s["total"]  # exact by construction
    # the remainder's parts, accumulated independently during the enumeration
    assert s["pruned"] + s["depth_cut"] + s["unlisted"] == pytest.approx(
        s["remainder"], rel=1e-9, abs=1e-9
    )
    assert paths["value"].is_monotonic_decreasing


def test_several_targets_in_one_run() -> None:
    t = random_table(1, n=6)
    tgs = [resolve_target(t, c) for c in ("C00", "G01", "exports")]
    paths, summary = structural_paths(t, tgs, threshold=1e-2)
    assert list(summary.index) == [g.name for g in tgs]
    for g in tgs:
        assert set(paths.loc[paths.target == g.name, "root"]) <= {t.codes[i] for i in g.sectors}


@settings(max_examples=40 if FUZZ else 10, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 8))
def test_layers_sum_to_leontief_total(seed: int, n: int) -> None:
    t = random_table(seed, n)
    tg = resolve_target(t, "exports")
    lay = production_layers(t, tg, tol=1e-6)
    body = lay.drop(index="total")
    for col in ("output", "value_added", "jobs", "services value added"):
        assert body[col].sum() == pytest.approx(lay.loc["total", col], rel=1e-10)
    assert lay.loc["total", "output"] == pytest.approx(t.leontief.solve(tg.y).sum(), rel=1e-12)
    assert abs(lay.loc["remainder", "output"]) <= 1e-6 * lay.loc["total", "output"] * (1 + 1e-9)


# ------------------------------------------------------------------ embodied value added
def test_value_added_by_category_adds_up_miller_blair() -> None:
    """With closed columns, v̂LY sums to total value added (M&B 2009 §6.2)."""
    t = miller_blair_2_3()
    E = embodied_by_category(t)
    assert E["total"].to_numpy() == pytest.approx(np.asarray(t.value_added), rel=1e-12)


def test_embodied_exports_shares() -> None:
    t = random_table(3, n=6)
    tg = resolve_target(t, "exports")
    e = embodied(t, tg)
    s = e.summary["value"]
    # domestic table, no imports, closed columns: all export value is domestic VA
    assert s["domestic value added share"] == pytest.approx(1.0, rel=1e-12)
    serv = [i for i, c in enumerate(t.codes) if c.startswith("G")]
    assert s["services value added"] == pytest.approx(e.sectors["value_added"].iloc[serv].sum())
    assert 0 < s["services share of value added"] < 1
    assert s["jobs"] == pytest.approx(
        float(t.coefficients(t.satellite("jobs")) @ t.leontief.solve(tg.y))
    )


def test_import_content_with_import_row() -> None:
    """A domestic table with an import row: VA + imported inputs = final demand (closed
    columns), so the domestic value-added share is 1 − import content."""
    Z = np.array([[10.0, 20.0], [15.0, 5.0]])
    x = np.array([100.0, 80.0])
    M = np.array([5.0, 10.0])
    va = x - Z.sum(axis=0) - M
    t = IOTable.from_arrays(Z=Z, Y=(x - Z.sum(axis=1))[:, None], V=[va, M], x=x,
                            codes=["C1", "H2"], va_names=["va", "imports"],
                            va_roles=["value_added", "imports"])  # fmt: skip
    s = embodied(t, resolve_target(t, "final_demand")).summary["value"]
    assert s["domestic value added share"] + s["import content"] == pytest.approx(1.0)
    assert s["unallocated"] == pytest.approx(0.0, abs=1e-9)


def test_target_resolution_errors() -> None:
    t = random_table(0)
    with pytest.raises(LabelError, match="did you mean"):
        resolve_target(t, "textile", clusters={"textiles": [0]})
    tg = resolve_target(t, "C00,G01", demand="exports")
    assert tg.y[2:].sum() == 0 and tg.total == pytest.approx(float(np.asarray(t.Y)[:2, 1].sum()))
    with pytest.raises(InputError, match="threshold"):
        enumerate_paths(MB_A, np.ones(2), np.ones(2), np.ones(2), 0.0, 3)


# ------------------------------------------------------------------ position
def test_upstreamness_matches_ghosh_row_sums() -> None:
    """u = G1 (Antràs et al. 2012; Miller & Temurshoev 2017), d = 1ᵀL."""
    t = random_table(5, n=7)
    assert upstreamness(t).to_numpy() == pytest.approx(ghosh_inverse(t).sum(axis=1), rel=1e-12)
    assert downstreamness(t).to_numpy() == pytest.approx(leontief_inverse(t).sum(axis=0))
    assert (upstreamness(t) >= 1).all()


def test_upstreamness_is_one_for_pure_final_goods() -> None:
    t = IOTable.from_arrays(Z=[[0, 0], [30, 0]], Y=[[100], [70]], V=[[70, 100]], codes=["A", "B"])
    assert upstreamness(t).tolist() == pytest.approx([1.0, 1.3])  # 1 + 30/100


def test_average_propagation_length_series() -> None:
    """APL = Σ k Aᵏ / Σ Aᵏ (k ≥ 1) (Dietzenbacher, Romero & Bosma 2005), pooled by group."""
    t = random_table(2, n=5)
    A = np.asarray(t.A)
    P = [np.linalg.matrix_power(A, k) for k in range(1, 200)]
    num = sum(k * p for k, p in enumerate(P, start=1))
    den = sum(P)
    S, T = [1, 3], [0, 2]
    want = num[np.ix_(S, T)].sum() / den[np.ix_(S, T)].sum()
    assert average_propagation_length(t, S, T) == pytest.approx(want, rel=1e-10)
    df = propagation_lengths(t, {"s": S, "t": T})
    assert df.loc["s", "t"] == pytest.approx(want, rel=1e-10)
    assert df.loc["t", "s"] == pytest.approx(
        num[np.ix_(T, S)].sum() / den[np.ix_(T, S)].sum(), rel=1e-10
    )


# ------------------------------------------------------------------ before / after
def test_compare_more_service_inputs_raises_services_share() -> None:
    t = random_table(4, n=6)
    Z = np.array(t.Z)
    V = np.array(t.V)
    Z[1, 0] += 5.0  # the service G01 supplies more to C00, paid out of C00's value added
    V[0, 0] -= 5.0
    s = t.replace(Z=Z, V=V)
    c = compare_chains(t, s, "C00", demand="exports")
    assert c.loc["services share of value added", "change"] > 0
    same = compare_chains(t, t, "C00")
    assert np.allclose(same["change"].to_numpy(), 0.0)


# ------------------------------------------------------------------ CLI
def test_cli_json_and_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("iocluster.io")
    from iocluster.io import write_table

    t = random_table(0, n=6)
    path = tmp_path / "t.xlsx"
    write_table(t, path)
    r = CliRunner().invoke(app, ["chains", str(path), "-t", "C00", "-t", "exports",
                                 "--threshold", "0.1%", "--format", "json"])  # fmt: skip
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert {"embodied", "layers", "paths"} <= set(doc)
    cols = doc["paths"]["columns"]
    rows = [dict(zip(cols, row, strict=True)) for row in doc["paths"]["data"]]
    summ = doc["paths_summary"]
    total = dict(zip(summ["index"], [row[summ["columns"].index("total")]
                                     for row in summ["data"]], strict=True))  # fmt: skip
    assert all(r["path"].split(" ← ")[0] == "C00" for r in rows if r["target"] == "C00")
    assert total["C00"] > 0
    bad = CliRunner().invoke(app, ["chains", str(path), "-t", "C00", "--threshold", "x%"])
    assert bad.exit_code == 1 and "threshold" in bad.stderr and "Traceback" not in bad.output
    unknown = CliRunner().invoke(app, ["chains", str(path), "-t", "ZZ9"])
    assert unknown.exit_code == 1 and "ZZ9" in unknown.stderr


# ------------------------------------------------------------------ Uzbekistan 2022
def test_uzbekistan_cotton_textile_exports(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    tg = resolve_target(uzbekistan, "А01.16,C13*,C14", demand="exports")
    e = embodied(uzbekistan, tg)
    s = e.summary["value"]
    assert 0.5 < s["domestic value added share"] < 1
    assert 0 < s["services share of value added"] < 0.5
    # VA + imported inputs + unallocated (net taxes on products, missing) = final demand
    parts = s["domestic value added"] + s["imported inputs"] + s["unallocated"]
    assert parts == pytest.approx(s["final demand"], rel=1e-12)
    _paths, summary = structural_paths(uzbekistan, tg, threshold=1e-4)
    row = summary.iloc[0]
    assert row["total"] == pytest.approx(s["domestic value added"], rel=1e-10)
    assert abs(row["closure"]) <= 1e-9 * row["total"]
    lay = production_layers(uzbekistan, tg)
    assert lay.loc["total", "value_added"] == pytest.approx(s["domestic value added"], rel=1e-10)


def test_all_paths_brute_force_small_depth_uzbekistan(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    """Depth ≤ 2 with a tiny threshold: the listed paths cover ordered sums fᵀAᵏy."""
    tg = resolve_target(uzbekistan, "C14")
    paths, _summary = structural_paths(uzbekistan, tg, threshold=1e-12, max_depth=2, top=None)
    A = np.asarray(uzbekistan.A)
    f = np.asarray(uzbekistan.coefficients(uzbekistan.value_added))
    y = np.asarray(tg.y)
    for k in range(3):
        want = f @ np.linalg.matrix_power(A, k) @ y
        got = paths.loc[paths.depth == k, "value"].sum()
        assert got == pytest.approx(want, rel=1e-6)


def test_figure_of_top_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    from iocluster.reports.figures.paths import plot_top_paths

    t = random_table(2, n=6)
    paths, _ = structural_paths(t, resolve_target(t, "exports"), threshold=1e-2)
    out = tmp_path / "paths.png"
    fig = plot_top_paths(paths, path=out, top=8)
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert len(fig.axes[0].lines) == min(8, len(paths))


def test_chains_as_one_csv_stream_keeps_the_paths_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``chains -f csv`` to stdout: one tidy table that ``read_csv`` loads, the structural
    paths' own ``value`` column a variable like the others (the stream crashed in
    ``tidy_frame``: pandas refuses a value_name that is a column)."""
    import io

    import pandas as pd
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.datasets import data_path

    res = CliRunner().invoke(app, ["chains", str(data_path("example_economy.xlsx")), "-t", "TEX",
                                   "-f", "csv"])  # fmt: skip
    assert res.exit_code == 0, res.output
    long = pd.read_csv(io.StringIO(res.stdout))
    assert list(long.columns[-2:]) == ["variable", "value"]
    paths = long[(long["table"] == "paths") & (long["variable"] == "value")]
    assert len(paths) > 1 and paths["value"].max() > 0
