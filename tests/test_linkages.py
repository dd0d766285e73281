"""Linkages, Rasmussen–Hirschman indices, key sectors; field of influence and the
multiplier product matrix."""

from __future__ import annotations

import numpy as np
import pytest

from iocluster.analysis.influence import field_of_influence, multiplier_product_matrix
from iocluster.analysis.linkages import cluster_linkages, key_sectors, linkages
from iocluster.errors import InputError, LabelError
from iocluster.table import IOTable
from tests import reference_values as rv

TOL4 = 0.5 * 10.0**-rv.EUROSTAT_15_DECIMALS + 1e-12


def eurostat_table() -> IOTable:
    """Eurostat Manual (2008) ch. 15 German six-sector domestic table (mio EUR)."""
    return IOTable.from_arrays(
        Z=rv.EUROSTAT_15_Z,
        Y=rv.EUROSTAT_15_FD,
        V=rv.EUROSTAT_15_GVA.reshape(1, -1),
        x=rv.EUROSTAT_15_X,
        codes=rv.EUROSTAT_15_SECTORS,
        fd_names=rv.EUROSTAT_15_FD_LABELS,
        fd_roles=["household", "government", "investment", "inventories", "exports"],
    )


def random_table(seed: int, n: int) -> IOTable:
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < 0.6)
    Y = rng.uniform(1, 30, (n, 1))
    x = Z.sum(1) + Y.sum(1)
    return IOTable.from_arrays(Z=Z, Y=Y, V=x - Z.sum(0), codes=[f"S{i}" for i in range(n)])


def test_eurostat_ch15_linkages() -> None:
    """Eurostat Manual (2008) ch. 15: backward linkages = output multipliers (column sums
    of L), forward linkages = row sums of the Ghosh inverse (default convention)."""
    lk = linkages(eurostat_table())
    np.testing.assert_allclose(lk["backward_total"], rv.EUROSTAT_15_OUTPUT_MULT, atol=TOL4)
    np.testing.assert_allclose(lk["forward_total"], rv.EUROSTAT_15_FORWARD_LINKAGE, atol=TOL4)
    np.testing.assert_allclose(lk["backward_direct"], rv.EUROSTAT_15_A.sum(0), atol=6 * TOL4)
    B = rv.EUROSTAT_15_Z / rv.EUROSTAT_15_X[:, None]
    np.testing.assert_allclose(lk["forward_direct"], B.sum(1), rtol=1e-12)
    assert "Ghosh" in lk.attrs["forward_basis"]


def test_mb_2_3_ghosh_forward_linkages() -> None:
    """M&B 2009 Table 2.3 economy: Ghosh row sums (G = x̂⁻¹Lx̂), reference derived."""
    from iocluster.datasets import miller_blair_2_3

    lk = linkages(miller_blair_2_3())
    np.testing.assert_allclose(lk["forward_total"], rv.MB_2_3_UPSTREAMNESS, atol=1e-6)
    np.testing.assert_allclose(lk["backward_total"], rv.MB_2_3_OUTPUT_MULT, atol=5e-5)


def test_leontief_forward_convention() -> None:
    """Rasmussen's convention: forward = row sums of A and of L (Eurostat L, 4 dp)."""
    lk = linkages(eurostat_table(), forward="leontief")
    np.testing.assert_allclose(lk["forward_total"], rv.EUROSTAT_15_L.sum(1), atol=6 * TOL4)
    np.testing.assert_allclose(lk["forward_direct"], rv.EUROSTAT_15_A.sum(1), atol=6 * TOL4)
    with pytest.raises(InputError, match="ghosh"):
        linkages(eurostat_table(), forward="row")  # type: ignore[arg-type]


@pytest.mark.parametrize("forward", ["ghosh", "leontief"])
def test_indices_and_variation_match_explicit_inverse(forward: str) -> None:
    """Invariants: mean power/sensitivity of dispersion = 1; coefficients of variation
    equal the definition on explicit L (or G); blocks cover n > block size."""
    import iocluster.analysis.linkages as lkmod

    t = random_table(5, 13)
    old = lkmod._BLOCK
    lkmod._BLOCK = 4  # force several blocks
    try:
        lk = linkages(t, forward=forward)  # type: ignore[arg-type]
    finally:
        lkmod._BLOCK = old
    L = np.linalg.inv(np.eye(13) - t.A)
    M = np.diag(1 / t.x) @ L @ np.diag(t.x) if forward == "ghosh" else L
    assert lk["power_of_dispersion"].mean() == pytest.approx(1.0)
    assert lk["sensitivity_of_dispersion"].mean() == pytest.approx(1.0)
    cv_b = L.std(axis=0, ddof=1) / L.mean(axis=0)
    cv_f = M.std(axis=1, ddof=1) / M.mean(axis=1)
    np.testing.assert_allclose(lk["backward_cv"], cv_b, rtol=1e-9)
    np.testing.assert_allclose(lk["forward_cv"], cv_f, rtol=1e-9)
    U, S = lk["power_of_dispersion"], lk["sensitivity_of_dispersion"]
    expect = np.where(
        (U > 1) & (S > 1),
        "key",
        np.where(U > 1, "backward-oriented", np.where(S > 1, "forward-oriented", "weak")),
    )
    assert lk["key_sector"].tolist() == expect.tolist()


def test_key_sectors_ranked() -> None:
    t = random_table(8, 20)
    ks = key_sectors(t, top=3)
    assert (ks["key_sector"] == "key").all() and len(ks) <= 3
    assert ks["rank_score"].is_monotonic_decreasing


def test_cluster_linkages() -> None:
    """A one-sector cluster reproduces the sector; the whole economy as one cluster has
    output-weighted linkages."""
    t = eurostat_table()
    lk = linkages(t, variation=False)
    cl = cluster_linkages(t, {"mfg": ["manufacturing"], "all": list(range(6))})
    for col in ("backward_total", "forward_total", "power_of_dispersion", "key_sector"):
        assert cl.loc["mfg", col] == pytest.approx(lk.loc["manufacturing", col])
    w = rv.EUROSTAT_15_X / rv.EUROSTAT_15_X.sum()
    assert cl.loc["all", "backward_total"] == pytest.approx(w @ lk["backward_total"])
    assert cl.loc["all", "output_share"] == pytest.approx(1.0)
    with pytest.raises(LabelError, match="manufacturing"):
        cluster_linkages(t, {"x": ["manufactur"]})


# ----------------------------------------------------------------- influence
def test_field_of_influence_first_order_and_exact() -> None:
    """Sonis & Hewings (1992): F(i,j) = L[:, i] L[j, :]; the exact change of L after
    a_ij += ε is ε/(1 − ε L_ji) · F(i,j) (Sherman–Morrison)."""
    t = random_table(2, 7)
    L = np.linalg.inv(np.eye(7) - t.A)
    i, j, eps = 2, 5, 0.01
    F = field_of_influence(t, t.codes[i], t.codes[j])
    np.testing.assert_allclose(F.to_numpy(), np.outer(L[:, i], L[j, :]), rtol=1e-12)
    A2 = np.array(t.A)
    A2[i, j] += eps
    L2 = np.linalg.inv(np.eye(7) - A2)
    np.testing.assert_allclose(L2 - L, eps / (1 - eps * L[j, i]) * F.to_numpy(), atol=1e-12)


def test_multiplier_product_matrix() -> None:
    """Sonis, Hewings & Guo (1997): MPM = (1/V) (L1)(1ᵀL), V = 1ᵀL1; its row and column
    sums are the row and column multipliers of L."""
    t = eurostat_table()
    L = np.linalg.inv(np.eye(6) - t.A)
    M = multiplier_product_matrix(t).to_numpy()
    np.testing.assert_allclose(M, np.outer(L.sum(1), L.sum(0)) / L.sum(), rtol=1e-12)
    np.testing.assert_allclose(M.sum(0), L.sum(0), rtol=1e-12)
    np.testing.assert_allclose(M.sum(1), L.sum(1), rtol=1e-12)


def test_uzbekistan_linkages_run(uzbekistan: IOTable) -> None:
    lk = linkages(uzbekistan)
    assert len(lk) == 136 and np.isfinite(lk["backward_cv"]).all()
    assert (lk["backward_total"] >= 1 - 1e-12).all()
    assert set(lk["key_sector"]) <= {"key", "backward-oriented", "forward-oriented", "weak"}


def test_cli_linkages_with_clusters(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`iocluster linkages TABLE --clusters FILE -f json`: sector and cluster frames."""
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table

    path = write_table(eurostat_table(), tmp_path / "de.xlsx")
    cl = tmp_path / "c.toml"
    cl.write_text('[clusters]\nservices = ["trade_transport", "business_services"]\n')
    res = CliRunner().invoke(app, ["linkages", str(path), "--clusters", str(cl), "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert set(doc) == {"meta", "sectors", "clusters"}
    assert doc["sectors"]["index"] == rv.EUROSTAT_15_SECTORS
    col = doc["sectors"]["columns"].index("forward_total")
    fwd = [row[col] for row in doc["sectors"]["data"]]
    np.testing.assert_allclose(fwd, rv.EUROSTAT_15_FORWARD_LINKAGE, atol=TOL4)
    assert doc["clusters"]["index"] == ["services"]
