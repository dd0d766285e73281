"""Cluster identification: Feser & Bergman (2000), Louvain (Blondel et al. 2008), MST cut."""

from __future__ import annotations

import json
import warnings
from math import comb
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.errors import AssumptionWarning, InputError
from iocluster.regional.clustering import (
    feser_bergman,
    identify_clusters,
    internal_flow_share,
    linkage_correlations,
    louvain,
    maximum_spanning_tree,
    modularity,
    mst_clusters,
    varimax,
)
from iocluster.table import IOTable

BLOCKS = (5, 4, 6, 4)


def adjusted_rand_index(a: np.ndarray, b: np.ndarray) -> float:
    """Hubert & Arabie (1985) adjusted Rand index of two partitions.

    .. math:: ARI = \\frac{\\sum_{ij}\\binom{n_{ij}}{2} - E}{\\tfrac12(\\sum_i\\binom{a_i}{2}
              + \\sum_j\\binom{b_j}{2}) - E},\\quad
              E = \\sum_i\\binom{a_i}{2}\\sum_j\\binom{b_j}{2} / \\binom{n}{2}
    """
    a, b = np.asarray(a), np.asarray(b)
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    cont = np.zeros((ai.max() + 1, bi.max() + 1), dtype=np.int64)
    np.add.at(cont, (ai, bi), 1)
    s_ij = sum(comb(int(v), 2) for v in cont.ravel())
    s_a = sum(comb(int(v), 2) for v in cont.sum(axis=1))
    s_b = sum(comb(int(v), 2) for v in cont.sum(axis=0))
    expected = s_a * s_b / comb(len(a), 2)
    top = 0.5 * (s_a + s_b) - expected
    return 1.0 if top == 0 else float((s_ij - expected) / top)


def test_ari_helper() -> None:
    # identical partitions (up to renaming) → 1; Hubert & Arabie's bound: ARI ≤ 1
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    # a worked case: a = (0,0,0,1,1,1), b = (0,0,1,1,2,2): contingency [[2,1,0],[0,1,2]],
    # Σ C(n_ij,2) = 1 + 1 = 2, Σ C(a_i,2) = 3 + 3 = 6, Σ C(b_j,2) = 1·3 = 3,
    # E = 6·3/15 = 1.2, ARI = (2 − 1.2)/(4.5 − 1.2) = 0.8/3.3
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.8 / 3.3)


def planted_table(seed: int = 7, noise: float = 0.5) -> tuple[IOTable, np.ndarray]:
    """Intermediate flows in diagonal blocks (plus weak noise) and one service sector.

    The service sector (truth label −1) sells to and buys from every sector alike, as
    trade and transport do. Without it, blocks that cover every sector make the centred
    share profiles of Feser & Bergman lose one dimension (the block indicators sum to the
    constant vector), so k blocks give only k − 1 factors with eigenvalue above 1.
    """
    rng = np.random.default_rng(seed)
    truth = np.r_[np.repeat(np.arange(len(BLOCKS)), BLOCKS), -1]
    n = truth.size
    same = (truth[:, None] == truth[None, :]) & (truth[:, None] >= 0)
    Z = np.where(same, rng.uniform(20, 60, (n, n)), rng.uniform(0, noise, (n, n)))
    Z[-1, :] = rng.uniform(2, 6, n)
    Z[:, -1] = rng.uniform(2, 6, n)
    perm = rng.permutation(n)  # scatter the blocks over the table order
    Z, truth = Z[np.ix_(perm, perm)], truth[perm]
    x = Z.sum(axis=0) * 2.5 + rng.uniform(0, 50, n)
    y = x - Z.sum(axis=1)
    table = IOTable.from_arrays(
        Z=Z,
        Y=y[:, None],
        V=(x - Z.sum(axis=0))[None, :],
        x=x,
        codes=[f"P{i:02d}" for i in range(n)],
    )
    return table, truth


def strict(labels: np.ndarray) -> np.ndarray:
    """Labels with every 'no cluster' (negative) sector as a singleton of its own."""
    lab = np.array(labels).copy()
    neg = lab < 0
    lab[neg] = 1000 + np.arange(int(neg.sum()))
    return lab


@pytest.mark.parametrize("method", ["feser-bergman", "louvain", "mst"])
def test_planted_blocks_recovered(method: str) -> None:
    for seed in (1, 2, 3):
        table, truth = planted_table(seed)
        r = identify_clusters(table, method, seed=seed)
        # the service sector counts as a singleton on both sides (strict)
        ari = adjusted_rand_index(strict(r.labels), strict(truth))
        assert ari >= 0.9, (method, seed, r.labels, truth)
        assert r.internal_share > 0.85  # the blocks hold most inter-sector flows


@pytest.mark.parametrize("method", ["feser-bergman", "louvain", "mst"])
def test_deterministic_under_seed(method: str) -> None:
    table, _ = planted_table(11, noise=8.0)
    a = identify_clusters(table, method, seed=5)
    b = identify_clusters(table, method, seed=5)
    np.testing.assert_array_equal(a.labels, b.labels)
    pd.testing.assert_frame_equal(a.membership, b.membership)


def test_linkage_correlations_match_definition() -> None:
    # l_ij = max of four Pearson correlations (Feser & Bergman 2000, eqs. 1–4)
    rng = np.random.default_rng(3)
    Z = rng.uniform(0, 10, (6, 6)) * (rng.uniform(size=(6, 6)) > 0.3)
    L = linkage_correlations(Z)
    Zo = Z.copy()
    np.fill_diagonal(Zo, 0)
    X = Zo / Zo.sum(axis=0)
    Y = Zo / Zo.sum(axis=1)[:, None]
    for i in range(6):
        for j in range(6):
            if i == j:
                continue
            r = [
                np.corrcoef(X[:, i], X[:, j])[0, 1],
                np.corrcoef(Y[i], Y[j])[0, 1],
                np.corrcoef(X[:, i], Y[j])[0, 1],
                np.corrcoef(X[:, j], Y[i])[0, 1],
            ]
            assert L[i, j] == pytest.approx(max(r), abs=1e-12)


def _varimax_criterion(L: np.ndarray) -> float:
    h = np.sqrt((L**2).sum(axis=1))
    Ln = L / h[:, None]
    s = Ln**2
    return float(((s**2).mean(axis=0) - s.mean(axis=0) ** 2).sum())


def test_varimax_is_an_optimal_rotation() -> None:
    rng = np.random.default_rng(0)
    L = rng.normal(size=(30, 4))
    R = varimax(L)
    # a rotation: communalities (row norms) unchanged, L Lᵀ unchanged
    np.testing.assert_allclose(R @ R.T, L @ L.T, atol=1e-10)
    # it beats the unrotated matrix and 200 random rotations (Kaiser 1958 criterion)
    best = _varimax_criterion(R)
    assert best >= _varimax_criterion(L)
    for _ in range(200):
        q, _ = np.linalg.qr(rng.normal(size=(4, 4)))
        assert best >= _varimax_criterion(L @ q) - 1e-12


def test_modularity_matches_networkx() -> None:
    nx = pytest.importorskip("networkx")
    table, truth = planted_table(4, noise=5.0)
    from iocluster.regional.clustering import linkage_weights

    W = linkage_weights(table)
    G = nx.from_numpy_array(W)
    comms = [set(np.flatnonzero(truth == g)) for g in np.unique(truth)]
    for gamma in (0.5, 1.0, 2.0):
        assert modularity(W, truth, gamma) == pytest.approx(
            nx.community.modularity(G, comms, weight="weight", resolution=gamma)
        )


def test_internal_share_and_mst_by_hand() -> None:
    # Z off-diagonal total = 1+1+2+2 = 6; inside {0,1}: 1+1 = 2 → 1/3
    Z = np.array([[5.0, 1, 0], [1, 5, 2], [0, 2, 5]])
    assert internal_flow_share(Z, [0, 0, 1]) == pytest.approx(1 / 3)
    assert internal_flow_share(Z, [0, 1, 1]) == pytest.approx(2 / 3)
    # Kruskal on weights 3 (0–1), 2 (1–2), 1 (0–2): the tree keeps 3 and 2
    assert maximum_spanning_tree(np.array([[0, 3, 1], [3, 0, 2], [1, 2, 0.0]])) == [
        (0, 1, 3.0),
        (1, 2, 2.0),
    ]


def test_feser_bergman_output_shape() -> None:
    table, _ = planted_table(2)
    r = feser_bergman(table)
    assert r.loadings is not None and r.loadings.shape[0] == table.n
    assert set(r.membership["role"]) <= {"primary", "secondary", ""}
    primary = r.membership["role"] == "primary"
    assert (r.membership.loc[primary, "score"] >= 0.6).all()
    assert r.statistics["factors"] == len(BLOCKS)  # Kaiser's rule finds the four blocks


def test_mst_fixed_k_and_bad_options() -> None:
    table, truth = planted_table(5)
    r = mst_clusters(table, n_clusters=len(BLOCKS) + 1)  # four blocks + the service sector
    assert adjusted_rand_index(strict(r.labels), strict(truth)) >= 0.9
    with pytest.raises(InputError, match="number of clusters"):
        mst_clusters(table, n_clusters=0)
    with pytest.raises(InputError, match="resolution"):
        louvain(table, resolution=0)
    with pytest.raises(InputError, match="did you mean 'louvain'"):
        identify_clusters(table, "luvain")


def test_clusters_file_round_trip(tmp_path: Path) -> None:
    from iocluster.io.clusters import read_clusters

    table, _ = planted_table(3)
    r = identify_clusters(table, "louvain", seed=0)
    p = tmp_path / "found.toml"
    p.write_text(r.to_toml())
    back = read_clusters(p, table)
    members = r.members()
    assert set(back) == set(members)
    for name, codes in members.items():
        assert back[name] == table.sector_index(codes)


def test_cli_clusters_json(tmp_path: Path) -> None:
    from iocluster.cli import app
    from iocluster.io import write_table

    table, truth = planted_table(6)
    path = tmp_path / "t.xlsx"
    write_table(table, path)
    toml = tmp_path / "c.toml"
    res = CliRunner().invoke(
        app,
        ["clusters", str(path), "--method", "louvain", "--seed", "3", "--format", "json",
         "--clusters-file", str(toml)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    member = pd.DataFrame(**doc["membership"])
    assert list(member.index) == list(table.codes)
    lab = pd.factorize(member["cluster"].replace("", np.nan))[0]  # "" → −1
    assert adjusted_rand_index(strict(lab), strict(truth)) >= 0.9
    assert toml.read_text().startswith("# clusters identified by iocluster (louvain)")
    bad = CliRunner().invoke(app, ["clusters", str(path), "--method", "mst", "--n-clusters", "0"])
    assert bad.exit_code == 1 and "number of clusters" in bad.stderr


def test_uzbekistan_clusters(uzbekistan: IOTable) -> None:
    # The textile chain (cotton А01.16 → spinning C13.1 → garments C14) is one of the
    # strongest linkage groups of the 2022 table: every method puts C13.1 with C14.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumptionWarning)
        for method in ("feser-bergman", "louvain", "mst"):
            r = identify_clusters(uzbekistan, method, seed=0)
            m = r.membership["cluster"]
            assert m["C13.1"] != "" and m["C13.1"] == m["C14"], method
            assert 0 < r.internal_share < 1
