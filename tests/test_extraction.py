"""Hypothetical extraction against Miller & Blair's definitions and brute-force solves;
the clusters file reader."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.analysis.extraction import employment_row, extract, extract_each
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import InputError, LabelError
from iocluster.io.clusters import read_clusters
from iocluster.model.groups import resolve_cluster
from iocluster.table import IOTable
from tests import reference_values as rv
from tests.conftest import json_doc

FUZZ = int(os.environ.get("IOCLUSTER_FUZZ", "0"))
EXAMPLES = 150 if FUZZ else 20


def random_table(seed: int, n: int, density: float = 0.6) -> IOTable:
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < density)
    Y = rng.uniform(1, 30, (n, 2))
    x = Z.sum(1) + Y.sum(1)
    return IOTable.from_arrays(
        Z=Z,
        Y=Y,
        V=x - Z.sum(0),
        codes=[f"S{i}" for i in range(n)],
        fd_names=["hh", "exp"],
        F=rng.uniform(1, 50, (2, n)),
        satellite_names=["employment_formal", "employment_total"],
        satellite_units=["persons", "persons"],
    )


# ----------------------------------------------------------------- Miller & Blair 2.3
@pytest.mark.parametrize("mode", ["total", "backward", "forward"])
def test_mb_2_3_extractions(mode: str) -> None:
    """M&B 2009 Table 2.3 economy, Miller & Lahr (2001) extraction definitions: x̄ and
    output loss for each sector (tests/reference_values.py MB_2_3_HEM, derived)."""
    key = "forward_ghosh" if mode == "forward" else mode
    ref = rv.MB_2_3_HEM[key]
    t = miller_blair_2_3()
    for k in range(2):
        r = extract(t, [t.codes[k]], mode=mode)  # type: ignore[arg-type]
        np.testing.assert_allclose(
            r.by_sector["extracted"], ref["x_bar"][k], atol=rv.MB_2_3_HEM_ATOL
        )
        assert r.summary.loc["output", "loss"] == pytest.approx(ref["loss"][k], abs=1e-5)
    each = extract_each(t, mode=mode).loc[list(t.codes)]  # type: ignore[arg-type]
    np.testing.assert_allclose(each["output_loss"], ref["loss"], atol=rv.MB_2_3_HEM_ATOL)


@pytest.mark.parametrize("convention", ["linkages", "deletion"])
def test_mb_2_3_both_conventions(convention: str) -> None:
    """Issue 29: M&B 2009 Table 2.3, sector 1 extracted completely loses 860.53 when it
    keeps its final demand (Dietzenbacher & Lahr) and 1210.53 when it is deleted with it
    (Strassert; M&B §12.2.5); both in one extraction and in the ranking of each sector."""
    ref = rv.MB_2_3_HEM["total" if convention == "linkages" else "deletion"]
    t = miller_blair_2_3()
    for k in range(2):
        r = extract(t, [t.codes[k]], convention=convention)  # type: ignore[arg-type]
        np.testing.assert_allclose(r.by_sector["extracted"], ref["x_bar"][k], atol=1e-5)
        assert r.summary.loc["output", "loss"] == pytest.approx(ref["loss"][k], abs=1e-5)
        assert convention in r.description and set(r.summary["convention"]) == {convention}
    for method in ("woodbury", "direct"):
        each = extract_each(t, convention=convention, method=method)  # type: ignore[arg-type]
        np.testing.assert_allclose(each.loc[list(t.codes), "output_loss"], ref["loss"],
                                   atol=1e-5)  # fmt: skip
        assert set(each["convention"]) == {convention}
    loss = extract(t, ["S1"], convention=convention).summary.loc["output", "loss"]  # type: ignore[arg-type]
    assert round(float(loss), 2) == {"linkages": 860.53, "deletion": 1210.53}[convention]


@settings(max_examples=EXAMPLES, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 12), theta=st.floats(0.0, 1.0))
def test_deletion_removes_the_final_demand_with_the_sectors(
    seed: int, n: int, theta: float
) -> None:
    """Invariant: deleting a share θ of sectors S with their final demand equals the
    linkages extraction with f̄_S = (1 − θ) f_S solved directly; at θ = 1 the other
    sectors produce as under the linkages convention and S produces nothing, so the two
    losses differ by Σ_S f exactly. The O(1)-per-sector ranking equals re-solving."""
    t = random_table(seed, n, density=0.5)
    rng = np.random.default_rng(seed)
    S = sorted(rng.choice(n, size=int(rng.integers(1, n)), replace=False).tolist())
    mode = "total" if theta == 1.0 else "partial"
    dele = extract(t, S, mode=mode, share=theta, convention="deletion")  # type: ignore[arg-type]
    A = np.asarray(t.A)
    f = t.x - A @ t.x
    f_bar = f.copy()
    f_bar[S] *= 1.0 - theta
    A_bar = A.copy()
    A_bar[S, :] *= 1.0 - theta
    A_bar[:, S] *= 1.0 - theta
    A_bar[np.ix_(S, S)] = A[np.ix_(S, S)] * (1.0 - theta)
    brute = np.linalg.solve(np.eye(n) - A_bar, f_bar)
    np.testing.assert_allclose(dele.by_sector["extracted"], brute, rtol=1e-9, atol=1e-9)
    full = extract(t, S, convention="deletion")
    link = extract(t, S)
    others = [i for i in range(n) if i not in S]
    kept, linked = full.by_sector["extracted"].to_numpy(), link.by_sector["extracted"].to_numpy()
    np.testing.assert_allclose(kept[others], linked[others], rtol=1e-10)
    np.testing.assert_allclose(full.by_sector["extracted"].to_numpy()[S], 0.0, atol=1e-9)
    gap = full.summary.loc["output", "loss"] - link.summary.loc["output", "loss"]
    assert gap == pytest.approx(f[S].sum(), rel=1e-9, abs=1e-9)
    a = extract_each(t, mode=mode, share=theta, convention="deletion").sort_index()  # type: ignore[arg-type]
    b = extract_each(t, mode=mode, share=theta, convention="deletion",  # type: ignore[arg-type]
                     method="direct").sort_index()  # fmt: skip
    for col in ("output_loss", "value_added_loss", "employment_loss"):
        scale = max(np.abs(b[col]).max(), 1e-3)
        assert np.abs(a[col] - b[col]).max() <= 1e-9 * scale


def test_deletion_is_refused_where_it_has_no_meaning() -> None:
    """Backward, forward and between-group extractions remove linkages only: the deletion
    convention is an error naming the mode and the way out."""
    t = random_table(4, 6)
    for mode in ("backward", "forward"):
        with pytest.raises(InputError, match=f"not to a {mode} extraction.*--convention linkages"):
            extract(t, ["S1"], mode=mode, convention="deletion")  # type: ignore[arg-type]
        with pytest.raises(InputError, match=mode):
            extract_each(t, mode=mode, convention="deletion")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="between-group"):
        extract(t, ["S1"], users=["S2"], convention="deletion")
    with pytest.raises(InputError, match="expected one of linkages, deletion"):
        extract(t, ["S1"], convention="strassert")  # type: ignore[arg-type]


def test_cli_extract_states_and_applies_the_convention(tmp_path: Path) -> None:
    """``extract --convention`` on M&B's table: 860.53 by default, 1210.53 with deletion,
    in one extraction and with --each; every format says which convention."""
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table

    path = write_table(miller_blair_2_3(), tmp_path / "mb.xlsx")
    run = CliRunner().invoke
    for conv, loss in (("linkages", 860.53), ("deletion", 1210.53)):
        extra = [] if conv == "linkages" else ["--convention", conv]
        one = run(app, ["extract", str(path), "--sectors", "S1", "-f", "json", *extra])
        assert one.exit_code == 0, one.output
        doc = json.loads(one.output)["summary"]
        row = doc["data"][doc["index"].index("output")]
        assert round(row[doc["columns"].index("loss")], 2) == loss
        assert row[doc["columns"].index("convention")] == conv
        each = run(app, ["extract", str(path), "--each", "-f", "json", *extra])
        doc = json_doc(each.output)
        row = doc["data"][doc["index"].index("S1")]
        assert round(row[doc["columns"].index("output_loss")], 2) == loss
        table = run(app, ["extract", str(path), "--each", *extra], env={"COLUMNS": "150"})
        assert f"{conv} convention" in table.output
        assert ("Dietzenbacher" if conv == "linkages" else "Strassert") in table.output
    bad = run(app, ["extract", str(path), "--each", "--mode", "backward",
                    "--convention", "deletion"])  # fmt: skip
    assert bad.exit_code == 1 and "--convention linkages" in bad.output
    assert "Traceback" not in bad.output


def test_extraction_of_nothing_changes_nothing() -> None:
    """Invariant: θ = 0 (and a between-extraction of zero flows) leaves output as is."""
    t = random_table(1, 8)
    for mode in ("total", "backward", "forward", "partial"):
        r = extract(t, ["S2", "S5"], mode=mode, share=0.0)  # type: ignore[arg-type]
        np.testing.assert_allclose(r.by_sector["extracted"], t.x, rtol=1e-13)
        assert r.summary["loss"].abs().max() < 1e-9
    each = extract_each(t, share=0.0)
    assert each[["output_loss", "value_added_loss", "employment_loss"]].abs().max().max() < 1e-9


def test_complete_extraction_of_everything_leaves_final_demand() -> None:
    """Extracting every sector removes all intermediate demand: x̄ = f = (I − A)x."""
    t = random_table(2, 6)
    r = extract(t, ["S*"])
    f = t.x - np.asarray(t.A) @ t.x
    np.testing.assert_allclose(r.by_sector["extracted"], f, rtol=1e-12)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(3, 14),
    mode=st.sampled_from(["total", "backward", "forward", "partial"]),
    theta=st.floats(0.0, 1.0),
)
def test_fast_paths_equal_brute_force(seed: int, n: int, mode: str, theta: float) -> None:
    """Woodbury (lists) and the O(1)-per-sector ranking equal re-solving, 1e-10 relative."""
    t = random_table(seed, n, density=0.5)
    rng = np.random.default_rng(seed)
    S = sorted(rng.choice(n, size=int(rng.integers(1, n)), replace=False).tolist())
    fast = extract(t, S, mode=mode, share=theta)  # type: ignore[arg-type]
    slow = extract(t, S, mode=mode, share=theta, method="direct")  # type: ignore[arg-type]
    np.testing.assert_allclose(
        fast.by_sector["extracted"], slow.by_sector["extracted"], rtol=1e-10, atol=0
    )
    a = extract_each(t, mode=mode, share=theta).sort_index()  # type: ignore[arg-type]
    b = extract_each(t, mode=mode, share=theta, method="direct").sort_index()  # type: ignore[arg-type]
    # extracted totals cᵀx̄ = cᵀx − loss agree to 1e-10 relative; the losses themselves
    # to 1e-10 of their largest value (or of cᵀx where every loss is ~0, as at θ = 0)
    base = {"output_loss": t.x.sum(), "value_added_loss": t.value_added.sum()}
    base["employment_loss"] = t.F[1].sum()
    for col, total in base.items():
        scale = max(np.abs(b[col]).max(), 1e-3 * total)
        assert np.abs(a[col] - b[col]).max() <= 1e-10 * scale


def test_between_groups_equals_brute_force_and_bounds() -> None:
    """Extracting the flows services → cluster: equals re-solving; removing fewer flows
    loses less than the complete extraction of the suppliers."""
    t = random_table(7, 10)
    fast = extract(t, ["S1", "S2"], users=["S6", "S7", "S8"])
    slow = extract(t, ["S1", "S2"], users=["S6", "S7", "S8"], method="direct")
    np.testing.assert_allclose(fast.by_sector["extracted"], slow.by_sector["extracted"], rtol=1e-10)
    full = extract(t, ["S1", "S2"])
    assert 0 < fast.summary.loc["output", "loss"] < full.summary.loc["output", "loss"]
    with pytest.raises(InputError, match="demand-driven"):
        extract(t, ["S1"], users=["S2"], mode="forward")


def test_summary_layout_and_employment_row() -> None:
    t = random_table(3, 5)
    assert employment_row(t) is not None and employment_row(t)[0] == "employment_total"  # type: ignore[index]
    r = extract(t, ["S0"], mode="partial", share=0.5)
    assert list(r.summary.index) == ["output", "value_added", "employment"]
    assert list(r.summary.columns) == ["base", "extracted", "loss", "loss_share", "convention"]
    np.testing.assert_allclose(
        r.summary.loc["employment", "loss"],
        (t.F[1] / t.x) @ r.by_sector["loss"].to_numpy(),
    )
    each = extract_each(t)
    assert each["rank"].tolist() == list(range(1, 6))
    assert each["output_loss"].is_monotonic_decreasing


def test_extraction_errors() -> None:
    t = random_table(4, 4)
    with pytest.raises(InputError, match="share"):
        extract(t, ["S0"], mode="partial")
    with pytest.raises(InputError, match="between 0 and 1"):
        extract(t, ["S0"], share=1.5)
    with pytest.raises(InputError, match="mode"):
        extract(t, ["S0"], mode="sideways")  # type: ignore[arg-type]
    with pytest.raises(LabelError, match="did you mean 'S1'"):
        extract(t, ["S11"])


# ----------------------------------------------------------------- clusters file
def test_read_clusters_toml_and_csv(tmp_path: Path) -> None:
    codes = ["А01.16", "C13.1", "C13.2", "C14", "H49"]
    t = random_table(5, 5).replace(codes=tuple(codes), names=tuple(codes), labels=tuple(codes))
    toml = tmp_path / "c.toml"
    toml.write_text('[clusters]\ntextiles = ["A01.16", "C13*", "C14"]\nlogistics = ["H49"]\n')
    assert read_clusters(toml, t) == {"textiles": [0, 1, 2, 3], "logistics": [4]}
    csv = tmp_path / "c.csv"
    csv.write_text("code,cluster\nC13*,textiles\nC14,textiles\nH49,logistics\n")
    got = read_clusters(csv, t)
    assert got == {"textiles": [1, 2, 3], "logistics": [4]}
    assert resolve_cluster(got, "Textiles") == [1, 2, 3]
    with pytest.raises(LabelError, match="did you mean 'textiles'"):
        resolve_cluster(got, "textile")
    bad = tmp_path / "bad.toml"
    bad.write_text('[clusters]\ntextiles = ["C15"]\n')
    with pytest.raises(LabelError, match=r"bad\.toml.*cluster 'textiles'.*C15.*did you mean"):
        read_clusters(bad, t)
    broken = tmp_path / "broken.csv"
    broken.write_text("code,cluster\nC14\n")
    with pytest.raises(InputError, match="row 2"):
        read_clusters(broken, t)


def test_uzbekistan_extract_each_runs(uzbekistan: IOTable) -> None:
    each = extract_each(uzbekistan)
    assert len(each) == 136 and (each["output_loss"] > -1e-6).all()
    assert "employment_loss" in each.columns


# ----------------------------------------------------------------- CLI
def test_cli_extract(tmp_path: Path) -> None:
    """`iocluster extract`: --sectors, --cluster/--clusters, --each; usage and input errors."""
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table
    from iocluster.reports.export import frames_from_json

    t = random_table(9, 6)
    path = write_table(t, tmp_path / "t.xlsx")
    run = CliRunner().invoke
    res = run(app, ["extract", str(path), "--sectors", "S1,S2", "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    loss = doc["summary"]["data"][0][doc["summary"]["columns"].index("loss")]
    assert loss == pytest.approx(extract(t, ["S1", "S2"]).summary.loc["output", "loss"])
    cl = tmp_path / "c.csv"
    cl.write_text("code,cluster\nS1,core\nS2,core\n")
    res2 = run(
        app, ["extract", str(path), "--cluster", "core", "--clusters", str(cl), "-f", "json"]
    )
    assert json.loads(res2.stdout)["summary"] == doc["summary"]
    assert json.loads(res2.stdout)["meta"]["inputs"][1]["role"] == "clusters"
    each = run(app, ["extract", str(path), "--each", "--mode", "backward", "-f", "json"])
    meta, frames = frames_from_json(each.stdout)
    df = frames["extraction"]
    assert df["rank"].tolist() == list(range(1, 7))
    assert meta["closure"] == "open model (no Type II closure, no induced effects)"
    out = tmp_path / "each.csv"
    assert run(app, ["extract", str(path), "--each", "-f", "csv", "-o", str(out)]).exit_code == 0
    assert out.read_text().startswith("code,")
    assert run(app, ["extract", str(path), "--each", "--sectors", "S1"]).exit_code == 2
    assert run(app, ["extract", str(path), "--cluster", "core"]).exit_code == 2
    bad = run(app, ["extract", str(path), "--cluster", "cor", "--clusters", str(cl)])
    assert bad.exit_code == 1 and "did you mean 'core'" in bad.output
    part = run(app, ["extract", str(path), "--sectors", "S1", "--mode", "partial"])
    assert part.exit_code == 1 and "share" in part.output


def test_cli_extract_linkages_to_users(tmp_path: Path) -> None:
    """`extract --sectors S --users U` removes only the flows from S to U (M&B 2009
    §12.2 applied to a block of A): the same as the library, and smaller than
    extracting S outright (an invariant: fewer flows removed, less output lost)."""
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table

    t = random_table(9, 6)
    path = write_table(t, tmp_path / "t.xlsx")
    cl = tmp_path / "c.csv"
    cl.write_text("code,cluster\nS3,cluster\nS4,cluster\n")
    run = CliRunner().invoke
    args = ["extract", str(path), "--sectors", "S1,S2", "-f", "json"]
    res = run(app, [*args, "--users", "cluster", "--clusters", str(cl)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)["summary"]
    loss = doc["data"][0][doc["columns"].index("loss")]
    lib = extract(t, ["S1", "S2"], users=["S3", "S4"]).summary.loc["output", "loss"]
    assert loss == pytest.approx(lib, rel=1e-12)
    assert 0 < loss < extract(t, ["S1", "S2"]).summary.loc["output", "loss"]
    same = json.loads(run(app, [*args, "--users", "S3,S4"]).stdout)["summary"]
    assert same == doc
    fwd = run(app, [*args, "--users", "S3", "--mode", "forward"])
    assert fwd.exit_code == 1 and "demand-driven only" in fwd.stderr
    assert run(app, ["extract", str(path), "--each", "--users", "S3"]).exit_code == 2
