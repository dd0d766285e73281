"""The domestic split of a total-use table (iocluster.core.domestic), DESIGN.md §2 and
Miller & Blair (2009) §2.3 / Eurostat (2008) Manual §11.2 (proportional imports):

    μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ − eᵢ)   (proportional; exports stay domestic)
    μᵢ = mᵢ / (Σⱼ zᵢⱼ + Σₖ yᵢₖ)        (all uses; and the fallback where the first gives
                                       μ > 1 or a non-positive denominator: re-exports)
    Zᵈ = (I − μ̂) Z,  Yᵈ = (I − μ̂) Y,  Zᵐ = Z − Zᵈ,  Yᵐ = Y − Yᵈ.

Invariants: Zᵈ + Zᵐ = Z and Yᵈ + Yᵐ = Y; imports by product equal the row sums of the
import parts, Σⱼ zᵐᵢⱼ + Σₖ yᵐᵢₖ = mᵢ; exports stay domestic under the proportional rule
(except for the fallback products); 0 ≤ μ ≤ 1.

The hand case has three products and final demand (households, exports):

    Z = [[10, 20, 10], [5, 5, 10], [20, 0, 20]],  Y = [[30, 30], [10, 0], [40, 80]],
    m = (14, 0, 100).

Uses are (100, 30, 160), exports (30, 0, 80), uses net of exports (70, 30, 80):
- P1: μ = 14/70 = 0.2 (all uses: 14/100 = 0.14);
- P2: no imports, μ = 0;
- P3: 100/80 = 1.25 > 1 (re-exports), so it falls back to 100/160 = 0.625.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.core.domestic import import_shares, reexport_note, split_flows
from iocluster.errors import InputError

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=400 if FUZZ else 30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)

CODES = ("P1", "P2", "P3")
Z = np.array([[10.0, 20.0, 10.0], [5.0, 5.0, 10.0], [20.0, 0.0, 20.0]])
Y = np.array([[30.0, 30.0], [10.0, 0.0], [40.0, 80.0]])
M = np.array([14.0, 0.0, 100.0])
EXPORT_COLS = np.array([False, True])
EXPORTS = Y[:, EXPORT_COLS].sum(axis=1)


def split(
    Z: np.ndarray, Y: np.ndarray, m: np.ndarray, exp_cols: np.ndarray, codes: tuple, rule: str
) -> tuple[np.ndarray, tuple[str, ...], np.ndarray, np.ndarray]:
    """μ, fallback names and Zᵈ, Yᵈ as IOTable.domestic() combines them."""
    mu, names = import_shares(Z, Y, m, Y[:, exp_cols].sum(axis=1), codes, rule)
    keep = np.array([rule == "proportional" and c not in names for c in codes], dtype=bool)
    Zd, Yd = split_flows(Z, Y, mu, exp_cols, keep)
    return mu, names, Zd, Yd


def test_import_shares_by_hand() -> None:
    mu, names = import_shares(Z, Y, M, EXPORTS, CODES)
    np.testing.assert_allclose(mu, [0.2, 0.0, 0.625], rtol=1e-15)
    assert names == ("P3",)
    mu_all, names_all = import_shares(Z, Y, M, EXPORTS, CODES, rule="all_uses")
    np.testing.assert_allclose(mu_all, [0.14, 0.0, 0.625], rtol=1e-15)
    assert names_all == ()  # under the all-uses rule nothing "falls back"
    assert not mu.flags.writeable and not mu_all.flags.writeable


def test_split_flows_proportional_by_hand() -> None:
    """Zᵈ rows: P1 × 0.8 = (8, 16, 8); P2 unchanged; P3 × 0.375 = (7.5, 0, 7.5).
    Yᵈ: P1 households 30 × 0.8 = 24, exports 30 stay domestic; P2 (10, 0); P3 fell back,
    so its exports are split too: (40, 80) × 0.375 = (15, 30).
    Imports by product: P1 (2 + 4 + 2) + 6 = 14, P3 (12.5 + 0 + 12.5) + (25 + 50) = 100."""
    mu, names, Zd, Yd = split(Z, Y, M, EXPORT_COLS, CODES, "proportional")
    assert names == ("P3",) and mu[2] == 0.625
    np.testing.assert_allclose(Zd, [[8, 16, 8], [5, 5, 10], [7.5, 0, 7.5]], rtol=1e-15)
    np.testing.assert_allclose(Yd, [[24, 30], [10, 0], [15, 30]], rtol=1e-15)
    Zm, Ym = Z - Zd, Y - Yd
    np.testing.assert_allclose(Zm.sum(axis=1) + Ym.sum(axis=1), M, rtol=1e-14)
    assert not Zd.flags.writeable and not Yd.flags.writeable


def test_split_flows_all_uses_by_hand() -> None:
    """All uses, μ₁ = 0.14: Zᵈ row 1 = (8.6, 17.2, 8.6), Yᵈ row 1 = (25.8, 25.8): the
    exports carry imports too; imports by product are still (14, 0, 100)."""
    _, _, Zd, Yd = split(Z, Y, M, EXPORT_COLS, CODES, "all_uses")
    np.testing.assert_allclose(Zd[0], [8.6, 17.2, 8.6], rtol=1e-14)
    np.testing.assert_allclose(Yd[0], [25.8, 25.8], rtol=1e-14)
    np.testing.assert_allclose(Yd[2], [15.0, 30.0], rtol=1e-14)
    np.testing.assert_allclose((Z - Zd).sum(axis=1) + (Y - Yd).sum(axis=1), M, rtol=1e-14)


def test_inputs_are_not_changed() -> None:
    Z0, Y0 = Z.copy(), Y.copy()
    split(Z, Y, M, EXPORT_COLS, CODES, "proportional")
    np.testing.assert_array_equal(Z, Z0)
    np.testing.assert_array_equal(Y, Y0)


def test_fallback_when_all_use_is_exported() -> None:
    """A product used only by exports (uses net of exports 0) with imports falls back:
    μ = 10 / 50 = 0.2; one whose imports equal its use net of exports (μ = 1) does not."""
    Z2 = np.array([[0.0, 0.0], [4.0, 6.0]])
    Y2 = np.array([[0.0, 50.0], [10.0, 5.0]])
    m2 = np.array([10.0, 20.0])  # P2: uses 25, exports 5, net 20 = m → μ = 1
    mu, names = import_shares(Z2, Y2, m2, Y2[:, 1], ("A", "B"))
    np.testing.assert_allclose(mu, [0.2, 1.0], rtol=1e-15)
    assert names == ("A",)


@pytest.mark.parametrize("rule", ["proportional", "all_uses"])
def test_imports_above_total_use_are_refused(rule: str) -> None:
    """P2's imports 31 exceed its total use 30 under either rule; the message names it."""
    m = np.array([14.0, 31.0, 100.0])
    with pytest.raises(InputError, match=r"sector 'P2': imports 31 exceed its total use 30"):
        import_shares(Z, Y, m, EXPORTS, CODES, rule)


def test_imports_of_an_unused_product_are_refused() -> None:
    Zz = Z.copy()
    Zz[1] = 0.0
    Yz = Y.copy()
    Yz[1] = 0.0
    with pytest.raises(InputError, match="sector 'P2'"):
        import_shares(Zz, Yz, np.array([14.0, 1.0, 100.0]), EXPORTS, CODES)
    # no imports and no use is fine: μ = 0
    mu, _ = import_shares(Zz, Yz, M, EXPORTS, CODES)
    assert mu[1] == 0.0


def test_reexport_note_names_products_sorted() -> None:
    note = str(reexport_note(["C24.1", "B05"]))
    assert "for B05, C24.1:" in note
    assert "all uses including exports" in note


@st.composite
def total_use_tables(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    Zr = rng.uniform(0, 100, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    Yr = rng.uniform(0, 100, (n, k)) * (rng.uniform(size=(n, k)) < 0.8)
    Yr[:, 0] += 1.0  # every product has some use
    exp_cols = np.zeros(k, dtype=bool)
    exp_cols[draw(st.integers(0, k - 1))] = draw(st.booleans())
    uses = Zr.sum(axis=1) + Yr.sum(axis=1)
    m = uses * rng.uniform(0, 1, n) * (rng.uniform(size=n) < 0.8)  # up to total use
    codes = tuple(f"C{i}" for i in range(n))
    return Zr, Yr, m, exp_cols, codes


@SETTINGS
@given(case=total_use_tables(), rule=st.sampled_from(["proportional", "all_uses"]))
def test_split_invariants(case: tuple, rule: str) -> None:
    Zr, Yr, m, exp_cols, codes = case
    mu, names, Zd, Yd = split(Zr, Yr, m, exp_cols, codes, rule)
    assert np.all((mu >= 0) & (mu <= 1))
    Zm, Ym = Zr - Zd, Yr - Yd
    # Zᵈ + Zᵐ = Z with both parts between 0 and Z
    assert np.all((Zd >= 0) & (Zd <= Zr)) and np.all((Yd >= 0) & (Yd <= Yr))
    np.testing.assert_allclose(Zd + Zm, Zr, rtol=1e-15)
    # imports by product = row sums of the import parts
    np.testing.assert_allclose(Zm.sum(axis=1) + Ym.sum(axis=1), m, rtol=1e-10, atol=1e-9)
    exports = Yr[:, exp_cols].sum(axis=1)
    net = Zr.sum(axis=1) + Yr.sum(axis=1) - exports
    if rule == "proportional":
        # fallback exactly where imports exceed use net of exports
        fell = np.array([c in names for c in codes])
        np.testing.assert_array_equal(fell, (m > 0) & ((net <= 0) | (m > net)))
        keep = ~fell
        np.testing.assert_array_equal(Yd[np.ix_(keep, exp_cols)], Yr[np.ix_(keep, exp_cols)])
    else:
        assert names == ()
        uses = Zr.sum(axis=1) + Yr.sum(axis=1)
        np.testing.assert_allclose(mu, np.where(m > 0, m / uses, 0.0), rtol=1e-15)
