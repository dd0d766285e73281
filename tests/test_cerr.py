"""CERR's convention (A = Z / (output + imports) on the total-use table), reproduced
exactly: a two-sector case computed by hand from the formulas in CERR's
``scripts/export_io_from_workbooks.py`` and ``scenario-lab-io-analytics.ts``."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.datasets import miller_blair_2_3
from iocluster.errors import InputError
from iocluster.interop.cerr import cerr_coefficients, cerr_demand_effects, cerr_multipliers
from iocluster.io import write_table
from iocluster.table import IOTable


def total_use() -> IOTable:
    """x = (100, 100), imports m = (10, 20): total resources (110, 120) = Z 1 + Y 1;
    value added (60, 40); jobs (5, 8)."""
    return IOTable.from_arrays(
        Z=[[10.0, 20.0], [30.0, 40.0]], Y=[[80.0], [50.0]], V=[[60.0, 40.0]],
        codes=["a", "b"], x=[100.0, 100.0], kind="total", m=[10.0, 20.0],
        F=[[5.0, 8.0]], satellite_names=["employment"], satellite_units=["persons"],
    )  # fmt: skip


def test_coefficients_divide_by_total_resources() -> None:
    A = cerr_coefficients(total_use())
    np.testing.assert_allclose(A, [[10 / 110, 20 / 120], [30 / 110, 40 / 120]])


def test_type_i_multipliers_by_hand() -> None:
    """Output multipliers = column sums of Lᶜ = (I − Aᶜ)⁻¹; value added and jobs =
    (GVA/x)ᵀ Lᶜ and (jobs/x)ᵀ Lᶜ."""
    A = np.array([[10 / 110, 20 / 120], [30 / 110, 40 / 120]])
    L = np.linalg.inv(np.eye(2) - A)
    m = cerr_multipliers(total_use())
    np.testing.assert_allclose(m["output"], L.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(m["value_added"], np.array([0.6, 0.4]) @ L, rtol=1e-12)
    np.testing.assert_allclose(m["employment"], np.array([0.05, 0.08]) @ L, rtol=1e-12)


def test_demand_effects_by_hand() -> None:
    A = np.array([[10 / 110, 20 / 120], [30 / 110, 40 / 120]])
    dy = np.array([5.0, 0.0])
    dx = np.linalg.solve(np.eye(2) - A, dy)
    e = cerr_demand_effects(total_use(), dy)
    np.testing.assert_allclose(e["output"], dx, rtol=1e-12)
    np.testing.assert_allclose(e["value_added"], dx * [0.6, 0.4], rtol=1e-12)
    np.testing.assert_allclose(e["employment"], dx * [0.05, 0.08], rtol=1e-12)
    with pytest.raises(InputError, match=r"shape \(3,\)"):
        cerr_demand_effects(total_use(), np.zeros(3))


def test_a_domestic_table_is_refused() -> None:
    with pytest.raises(InputError, match="needs a total-use table"):
        cerr_coefficients(miller_blair_2_3())


def test_cli_convention_cerr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = write_table(total_use(), tmp_path / "t.xlsx")
    r = CliRunner().invoke(app, ["multipliers", str(p), "--convention", "cerr", "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == "code,output,value_added,employment"
