"""The table type itself: its invariants (DESIGN.md §1–2), immutability and validation.

Reference values: Miller & Blair (2009), Table 2.3 (Z = [[150, 500], [200, 100]],
x = (1000, 2000)) and the coefficients A = [[0.15, 0.25], [0.20, 0.05]] of §2.3.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from iocluster.datasets import miller_blair_2_3
from iocluster.errors import AssumptionWarning, InputError, LabelError, NotProductiveError
from iocluster.table import IOTable


def total_use_table(re_export: bool = False) -> IOTable:
    """Two products; imports inside Z and Y (a total-use table, like Uzbekistan's).

    P1: uses 20 + 5 + 40 + 10 = 75, imports 10, output 65, value added 65 − 30 = 35.
    P2: uses 10 + 10 + 30 + e, exports e = 20 (imports 20) or, re-exported, e = 60 with
    imports 60 above the use net of exports (50); output 50, value added 35.
    """
    e2, m2 = (60.0, 60.0) if re_export else (20.0, 20.0)
    return IOTable.from_arrays(
        Z=[[20.0, 5.0], [10.0, 10.0]],
        Y=[[40.0, 10.0], [30.0, e2]],
        V=[[35.0, 35.0]],
        codes=["P1", "P2"],
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        va_names=["value added"],
        va_roles=["value_added"],
        x=[65.0, 50.0],
        kind="total",
        m=[10.0, m2],
    )


def test_miller_blair_coefficients_and_identities() -> None:
    """M&B (2009) §2.3: A = Z x̂⁻¹ and x = L y, L = I + A L, column sums of L ≥ 1."""
    t = miller_blair_2_3()
    np.testing.assert_allclose(t.A, [[0.15, 0.25], [0.20, 0.05]])
    L = np.linalg.inv(np.eye(2) - t.A)
    y = t.Y.sum(axis=1)
    np.testing.assert_allclose(t.leontief.solve(y), t.x)
    np.testing.assert_allclose(L, np.eye(2) + t.A @ L)
    assert np.all(L.sum(axis=0) >= 1.0)
    np.testing.assert_allclose(t.row_residual(), 0.0, atol=1e-9)
    np.testing.assert_allclose(t.column_residual(), 0.0, atol=1e-9)
    np.testing.assert_allclose(t.B, np.diag(1 / t.x) @ t.Z)


def test_arrays_are_frozen_and_the_table_immutable() -> None:
    t = miller_blair_2_3()
    for name in ("Z", "Y", "V", "F", "x", "A"):
        assert not getattr(t, name).flags.writeable, name
    with pytest.raises(ValueError):
        t.Z[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.codes = ("a", "b")  # type: ignore[misc]
    t2 = t.replace(Z=t.Z * 2)
    assert t2 is not t and t.Z[0, 0] == 150.0


def test_a_read_only_array_with_nan_is_refused() -> None:
    """A read-only array is kept without a copy but checked like any other."""
    t = miller_blair_2_3()
    bad = np.array([[150.0, np.nan], [200.0, 100.0]])
    bad.setflags(write=False)
    with pytest.raises(InputError, match=r"Z has a NaN or infinite value at position \(1, 2\)"):
        t.replace(Z=bad)


def test_a_read_only_view_of_a_writable_array_is_copied() -> None:
    """The table cannot change behind its back through a writable base array."""
    t = miller_blair_2_3()
    base = np.array(t.Z)
    view = base.view()
    view.setflags(write=False)
    t2 = t.replace(Z=view)
    base[0, 0] = 999.0
    assert t2.Z[0, 0] == 150.0


def test_frozen_arrays_are_shared_not_copied() -> None:
    t = miller_blair_2_3()
    assert t.replace(meta=t.meta).Z is t.Z


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Z": np.zeros((3, 3))}, r"Z has shape \(3, 3\); expected \(2, 2\)"),
        ({"codes": ("S1", "S1")}, "S1"),
        ({"kind": "gross"}, "table kind must be 'domestic' or 'total'"),
        ({"kind": "total"}, "a total-use table needs imports by product"),
        ({"fd_roles": ("nonsense",)}, "nonsense"),
        ({"tags": {"cluster": ("a",)}}, "tag 'cluster' has 1 values for 2 sectors"),
    ],
)
def test_invalid_fields_are_refused_with_a_message(change: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        miller_blair_2_3().replace(**change)


def test_select_codes_and_prefixes() -> None:
    t = miller_blair_2_3()
    assert t.select(["S*"]) == [0, 1]
    assert t.select(["S2"]) == [1]
    with pytest.raises(LabelError):
        t.select(["S3"])


def test_domestic_split_invariants() -> None:
    """Eurostat (2008) §11.2, proportional imports: Zᵈ + Zᵐ = Z, Yᵈ + Yᵐ = Y, imports
    by product = Zᵐ 1 + Yᵐ 1, exports domestic, μ in [0, 1]."""
    t = total_use_table()
    d = t.domestic()
    assert d.kind == "domestic" and d.Zm is not None and d.Ym is not None
    np.testing.assert_allclose(d.Z + d.Zm, t.Z)
    np.testing.assert_allclose(d.Y + d.Ym, t.Y)
    np.testing.assert_allclose(d.Zm.sum(axis=1) + d.Ym.sum(axis=1), t.m)
    np.testing.assert_allclose(d.Y[:, 1], t.Y[:, 1])  # exports stay domestic
    mu = t.import_shares
    assert np.all((mu >= 0) & (mu <= 1))
    # μ₁ = m₁ / (Σⱼ z₁ⱼ + Σ y₁ − e₁) = 10 / (75 − 10)
    assert mu[0] == pytest.approx(10.0 / 65.0)
    np.testing.assert_allclose(t.row_residual(), 0.0, atol=1e-9)  # x + m = uses
    assert t.domestic() is d  # computed once per table


def test_re_exports_fall_back_to_all_uses_and_warn() -> None:
    """Imports above use net of exports (re-exports, as C24.1 in Uzbekistan 2022): the
    product's imports are spread over all its uses, exports included, named in a warning
    and in the assumptions."""
    t = total_use_table(re_export=True)
    assert t.reexport_products == ("P2",)
    with pytest.warns(AssumptionWarning, match="re-exports.*P2"):
        d = t.domestic()
    assert t.import_shares[1] == pytest.approx(60.0 / 110.0)
    np.testing.assert_allclose(d.Zm.sum(axis=1) + d.Ym.sum(axis=1), t.m)
    assert any("P2" in str(a) for a in d.meta.assumptions)


def test_imports_above_total_use_are_refused() -> None:
    t = total_use_table()
    with pytest.raises(InputError, match="sector 'P1': imports 500 exceed its total use 75"):
        _ = t.replace(m=np.array([500.0, 30.0])).import_shares


def test_an_unproductive_table_is_refused_naming_the_sector() -> None:
    t = miller_blair_2_3()
    with pytest.raises(NotProductiveError, match="sector 'S2'"):
        # A = [[0.15, 0.75], [0.2, 0.9]]: spectral radius 1.06
        _ = t.replace(Z=np.array([[150.0, 1500.0], [200.0, 1800.0]])).leontief


def test_labels_are_normalised_once_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 30: selecting sectors for many shocks normalises the table's codes and names
    once (a dictionary lookup per pattern after that), not once per shock."""
    import iocluster.core.labels as labels
    from iocluster.table import IOTable

    n = 50
    codes = [f"C{i:02d}.1" for i in range(n)]
    t = IOTable.from_arrays(np.eye(n) * 0.1, np.ones(n), np.ones((1, n)), codes=codes)
    calls = {"n": 0}
    real = labels.normalize_label

    def counting(label: object) -> str:
        calls["n"] += 1
        return real(label)

    monkeypatch.setattr(labels, "normalize_label", counting)
    assert t.select(["C01.1"]) == [1]
    first = calls["n"]
    for i in range(n):
        assert t.select([codes[i], "C0*"]) == sorted({i, *range(10)})
    assert first >= n and calls["n"] - first <= 4 * n  # a few per pattern, none per code
    assert t.sector_index(["c03.1"]) == [3]
