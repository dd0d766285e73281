"""Side by side with pymrio (optional dependency; skipped when it is not installed)."""

from __future__ import annotations

import numpy as np
import pytest

from iocluster.datasets import miller_blair_2_3
from iocluster.interop.pymrio import from_pymrio, to_pymrio
from iocluster.model.leontief import leontief_inverse

pymrio = pytest.importorskip("pymrio")


@pytest.fixture(scope="module")
def test_system():  # type: ignore[no-untyped-def]
    io = pymrio.load_test()
    io.calc_all()
    return io


def rel_close(a: np.ndarray, b: np.ndarray, rtol: float = 1e-10) -> bool:
    return bool(np.all(np.abs(a - b) <= rtol * np.maximum(np.abs(b), np.abs(b).max() * 1e-12)))


def test_load_test_system_A_L_and_value_added_multipliers(test_system) -> None:  # type: ignore[no-untyped-def]
    io = test_system
    t = from_pymrio(pymrio.load_test())  # coefficients and flows computed on a copy
    assert t.n == 48 and t.codes[0] == "reg1/food"
    assert rel_close(np.asarray(t.A), io.A.to_numpy())
    assert rel_close(leontief_inverse(t), io.L.to_numpy())
    va_coef = t.coefficients(t.V[0])
    mult = t.leontief.solve_transposed(va_coef)  # vᵀL without forming L
    assert rel_close(mult, io.factor_inputs.M.to_numpy()[0])
    emis = t.satellite("emissions: emission_type1/air")
    assert rel_close(
        t.leontief.solve_transposed(t.coefficients(emis)), io.emissions.M.to_numpy()[0]
    )
    assert t.satellite_units[0] == "kg"


def test_region_becomes_national_table_with_imports(test_system) -> None:  # type: ignore[no-untyped-def]
    io = test_system
    t = from_pymrio(io, region="reg2")
    assert t.codes[:2] == ("food", "mining") and t.fd_roles[0] == "household"
    Z = io.Z.to_numpy()
    assert t.Z[0, 1] == Z[8, 9]
    assert t.Zm is not None
    assert t.Zm[0, 1] == pytest.approx(sum(Z[8 * r, 9] for r in range(6) if r != 1))
    assert np.abs(t.row_residual()).max() < 1e-6 * t.x.max()


def test_round_trip(test_system) -> None:  # type: ignore[no-untyped-def]
    t = from_pymrio(test_system)
    io2 = to_pymrio(t)
    assert np.allclose(io2.Z.to_numpy(), test_system.Z.to_numpy(), rtol=1e-13)
    io2.calc_all()
    assert rel_close(io2.A.to_numpy(), test_system.A.to_numpy())
    single = to_pymrio(miller_blair_2_3())
    single.calc_all()
    assert np.allclose(single.A.to_numpy(), [[0.15, 0.25], [0.2, 0.05]])
    back = from_pymrio(single)
    assert back.codes == ("region/S1", "region/S2")
