"""Investment programmes: the bridge matrix (asset × product) and the domestic /
imported split of the demand it creates."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from iocluster.errors import InputError, ScenarioError
from iocluster.scenarios.investment import bridge_matrix, default_bridge, read_bridge
from iocluster.scenarios.run import run_document
from iocluster.table import IOTable


def _table() -> IOTable:
    """Three products; A = [[.1, 0, 0], [.2, 0, 0], [0, 0, 0]] (machinery C28 buys
    construction services F), outputs (1000, 500, 200); GFCF: C28 30, F 70, A01 0."""
    x = np.array([1000.0, 500.0, 200.0])
    A = np.array([[0.1, 0, 0], [0.2, 0, 0], [0, 0, 0]])
    Z = A * x
    gfcf = np.array([30.0, 70.0, 0.0])
    hh = x - Z.sum(axis=1) - gfcf
    return IOTable.from_arrays(
        Z=Z,
        Y=np.column_stack([hh, gfcf]),
        V=[x - Z.sum(axis=0)],
        codes=["C28", "F", "A01"],
        fd_names=["household", "gfcf"],
        fd_roles=["household", "investment"],
    )


def test_bridge_columns_sum_to_one(uzbekistan: IOTable) -> None:
    b = default_bridge(uzbekistan)
    assert b.sum().to_numpy() == pytest.approx(np.ones(5), abs=1e-12)
    assert (b.to_numpy() >= 0).all()
    assert b.loc["F", "construction"] == 1.0  # the only construction product
    assert set(b.index[b["transport"] > 0]) == {"C29", "C30"}


def test_hand_computed_programme() -> None:
    # 100 of machinery → C28 (the only machinery product with GFCF), all domestic in a
    # domestic table: Δx_C28 = 100 / (1 − .1) = 111.11, Δx_F = .2 × 111.11 = 22.22.
    doc = {"scenario": [{"name": "m", "shock": [
        {"kind": "investment", "asset": "machinery", "amount": 100}]}]}  # fmt: skip
    res = run_document(_table(), doc)
    out = res.by_sector[res.by_sector["measure"] == "output"]["change"]
    assert out.to_numpy() == pytest.approx([100 / 0.9, 0.2 * 100 / 0.9, 0.0], abs=1e-9)
    assert res.investment is not None
    row = res.investment.loc[("m", "machinery")]
    assert row["domestic"] == pytest.approx(100.0) and row["imports"] == pytest.approx(0.0)


def test_asset_without_products_is_refused() -> None:
    doc = {"scenario": [{"name": "m", "shock": [
        {"kind": "investment", "asset": "ict", "amount": 100}]}]}  # fmt: skip
    with pytest.raises(ScenarioError, match=r"no product of the table's investment column"):
        run_document(_table(), doc)


def test_domestic_and_leakage_follow_the_import_rule(uzbekistan: IOTable) -> None:
    doc = {"scenario": [{"name": "m", "shock": [
        {"kind": "investment", "asset": "machinery", "amount": 2e6}]}]}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_document(uzbekistan, doc)
        mu = np.asarray(uzbekistan.import_shares)
    b = default_bridge(uzbekistan)["machinery"].to_numpy()
    assert res.investment is not None
    row = res.investment.loc[("m", "machinery")]
    assert row["domestic"] == pytest.approx(float(2e6 * b @ (1 - mu)))
    assert row["domestic"] + row["imports"] == pytest.approx(2e6)
    # imports rise by the leakage plus the imported inputs of the domestic demand
    assert res.totals.loc[("m", "imports"), "change"] > row["imports"]


def test_bridge_file(tmp_path: Path) -> None:
    p = tmp_path / "bridge.csv"
    p.write_text("product,machinery,other\nC28,0.6,0\nF,0.4,0.5\nA01,0,0.5\n", encoding="utf-8")
    b = bridge_matrix(_table(), str(p))
    assert b["machinery"].tolist() == [0.6, 0.4, 0.0]
    assert b["construction"].tolist() == [0.0, 1.0, 0.0]  # from the table
    doc = {"bridge": str(p), "scenario": [{"name": "o", "shock": [
        {"kind": "investment", "asset": "other", "amount": 10}]}]}  # fmt: skip
    res = run_document(_table(), doc)
    out = res.by_sector[res.by_sector["measure"] == "output"]["change"]
    assert out["A01"] == pytest.approx(5.0) and out["F"] == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("product,machinery\nC28,0.6\nF,0.3\n", r"column 'machinery': the shares sum to 0.9"),
        ("product,machines\nC28,1\n", r"unknown asset type 'machines'.*machinery"),
        ("product,machinery\nC99,1\n", r"row 2: 'C99' is not a product"),
        ("code,machinery\nC28,1\n", r"expected a 'product' column"),
    ],
)
def test_bridge_file_errors(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "bridge.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_bridge(p, _table())
