"""Multipliers and the Type II closure against Miller & Blair (2009) and Eurostat (2008)."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.analysis.multipliers import KINDS, available_measures, multipliers
from iocluster.errors import AssumptionWarning, InputError, LabelError
from iocluster.model.closure import (
    Closure,
    close_households,
    closed_coefficients,
    closed_row_multipliers,
    propensity_to_consume,
)
from iocluster.table import IOTable
from tests import reference_values as rv

FUZZ = int(os.environ.get("IOCLUSTER_FUZZ", "0"))
EXAMPLES = 200 if FUZZ else 25


def mb_closed_table() -> IOTable:
    """M&B Table 2.3 with the household data of §2.5.1: labour income (300, 500),
    household consumption (50, 400) out of household income 1000."""
    Z = rv.MB_2_3_Z
    x = rv.MB_2_3_X
    comp = rv.MB_2_5_HH_ROW * x  # 300, 500
    hh = rv.MB_2_5_HH_COL * 1000.0  # 50, 400
    return IOTable.from_arrays(
        Z=Z,
        Y=np.column_stack([hh, rv.MB_2_3_F - hh]),
        V=np.vstack([comp, rv.MB_2_3_VA - comp]),
        codes=["1", "2"],
        fd_names=["households", "other"],
        fd_roles=["household", "other"],
        va_names=["labour", "other"],
        va_roles=["compensation", "other"],
    )


MB_CLOSURE = Closure(column="income", corner=rv.MB_2_5_HH_HH, household_income=1000.0)


def eurostat_table() -> IOTable:
    """Eurostat Manual (2008) ch. 15 German six-sector table (domestic, mio EUR).

    Taxes less subsidies on products are left out of V: GVA at basic prices excludes
    them, and ``IOTable.value_added`` counts every non-import primary input.
    """
    V = np.vstack(
        [
            rv.EUROSTAT_15_IMPORTS,
            rv.EUROSTAT_15_COMPENSATION_EMPLOYEES,
            rv.EUROSTAT_15_OTHER_NET_TAXES_ON_PRODUCTION,
            rv.EUROSTAT_15_CONSUMPTION_FIXED_CAPITAL + rv.EUROSTAT_15_NET_OPERATING_SURPLUS,
        ]
    )
    return IOTable.from_arrays(
        Z=rv.EUROSTAT_15_Z,
        Y=rv.EUROSTAT_15_FD,
        V=V,
        x=rv.EUROSTAT_15_X,
        codes=rv.EUROSTAT_15_SECTORS,
        fd_names=rv.EUROSTAT_15_FD_LABELS,
        fd_roles=["household", "government", "investment", "inventories", "exports"],
        va_names=["imports", "compensation", "other taxes", "surplus"],
        va_roles=["imports", "compensation", "taxes_production", "operating_surplus"],
        F=rv.EUROSTAT_15_EMPLOYMENT.reshape(1, -1),
        satellite_names=["employment"],
        satellite_units=["1000 persons"],
    )


def random_table(seed: int, n: int = 6) -> IOTable:
    """A random productive domestic table with compensation, households and employment."""
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    Y = rng.uniform(1, 40, (n, 3))
    x = Z.sum(1) + Y.sum(1)
    va = x - Z.sum(0)
    comp_share = rng.uniform(0.2, 0.8, n)
    V = np.vstack([va * comp_share, va * (1 - comp_share)])
    return IOTable.from_arrays(
        Z=Z,
        Y=Y,
        V=V,
        codes=[f"S{i}" for i in range(n)],
        fd_names=["hh", "gov", "exp"],
        fd_roles=["household", "government", "exports"],
        va_names=["comp", "gos"],
        va_roles=["compensation", "operating_surplus"],
        F=rng.uniform(1, 100, (1, n)),
        satellite_names=["employment"],
        satellite_units=["persons"],
    )


# ----------------------------------------------------------------- closure
def test_closed_matrix_is_miller_blair_2_5_1() -> None:
    """M&B 2009 §2.5.1: Ā and L̄ (printed to 4 dp)."""
    t = mb_closed_table()
    np.testing.assert_allclose(closed_coefficients(t, MB_CLOSURE), rv.MB_2_5_A_BAR, atol=1e-12)
    model = close_households(t, MB_CLOSURE)
    assert model.codes == ("1", "2", "HH")
    np.testing.assert_allclose(
        model.leontief.inverse(), rv.MB_2_5_L_BAR, atol=0.5 * 10.0**-rv.MB_2_5_L_BAR_DECIMALS
    )


def test_default_closure_is_the_consumption_share() -> None:
    """README Conventions, DESIGN.md §2: the default household column is the budget share
    of domestic products in total household consumption (50 + 400 in M&B 2009 Table 2.3,
    no imports), so it sums to the domestic share of spending (here 1) and the corner is 0;
    the household row is compensation / x as in M&B §2.5.1."""
    t = mb_closed_table()
    Ab = closed_coefficients(t)
    np.testing.assert_allclose(Ab[:2, 2], [50 / 450, 400 / 450])
    assert Ab[:2, 2].sum() == pytest.approx(1.0)
    assert Ab[2, 2] == 0.0
    np.testing.assert_allclose(Ab[2, :2], rv.MB_2_5_HH_ROW)
    assert propensity_to_consume(t) == pytest.approx(1.0)


def test_income_closure_column_is_per_unit_of_compensation() -> None:
    """column="income": consumption per unit of total compensation (800), propensity
    450 / 800 (M&B 2009 §2.5.1 divide by household income, 1000 there)."""
    t = mb_closed_table()
    c = Closure(column="income")
    Ab = closed_coefficients(t, c)
    np.testing.assert_allclose(Ab[:2, 2], [50 / 800, 400 / 800])
    assert propensity_to_consume(t, c) == pytest.approx(450 / 800)
    with pytest.raises(InputError, match="column='income'"):
        Closure(household_income=1000.0)


def test_propensity_above_one_is_warned_naming_it() -> None:
    """Invariant: a closure whose household column and corner sum above 1 re-spends more
    than it pays; the warning names the value (here (50 + 400) / 300 = 1.5)."""
    t = mb_closed_table()
    c = Closure(column="income", household_income=300.0)
    with pytest.warns(
        AssumptionWarning, match=r"propensity to consume domestic products of 1\.500"
    ):
        assert propensity_to_consume(t, c) == pytest.approx(1.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        propensity_to_consume(t)  # the default (1.0 here) does not warn


def test_value_added_closure_row() -> None:
    t = mb_closed_table()
    Ab = closed_coefficients(t, Closure(income="value_added", column="income"))
    np.testing.assert_allclose(Ab[2, :2], rv.MB_2_3_VA / rv.MB_2_3_X)
    np.testing.assert_allclose(Ab[:2, 2], np.array([50, 400]) / rv.MB_2_3_VA.sum())


def test_corner_from_households_as_employers() -> None:
    """corner=True: compensation paid by NACE section T sectors, moved out of the column."""
    base = random_table(3, n=4)
    t = base.replace(codes=("A01", "C13", "G46", "T97"), names=base.codes, labels=base.codes)
    model = close_households(t, Closure(column="income", corner=True))
    W = t.compensation.sum()
    assert model.corner == pytest.approx(t.compensation[3] / W)
    assert model.household_column[3] == 0.0
    with pytest.raises(InputError, match="section T"):
        close_households(base, Closure(corner=True))


def test_closure_errors_name_what_is_missing() -> None:
    t = mb_closed_table()
    no_comp = t.replace(va_roles=("other", "other"))
    with pytest.raises(InputError, match="compensation"):
        close_households(no_comp)
    no_hh = t.replace(fd_roles=("other", "other"))
    with pytest.raises(InputError, match="household final-consumption"):
        close_households(no_hh)
    with pytest.raises(InputError, match="corner"):
        Closure(corner=1.5)
    with pytest.raises(InputError, match="income"):
        Closure(income="wages")  # type: ignore[arg-type]


def test_describe_names_the_options() -> None:
    text = str(Closure(income="value_added", corner=0.05).describe())
    assert "value added" in text and "corner cell 0.05" in text


# ----------------------------------------------------------------- published multipliers
def test_simple_output_multipliers_mb_6_2_1() -> None:
    """M&B 2009 §6.2.1 (Table 2.3 economy): simple output multipliers 1.5182, 1.4521."""
    m = multipliers(mb_closed_table(), ["output"], closure=MB_CLOSURE)
    tol = 0.5 * 10.0**-rv.MB_2_3_OUTPUT_MULT_DECIMALS
    np.testing.assert_allclose(m["output_simple"], rv.MB_2_3_OUTPUT_MULT, atol=tol)
    np.testing.assert_allclose(m["output_type_I"], rv.MB_2_3_OUTPUT_MULT, atol=tol)
    np.testing.assert_allclose(m["output_direct"], 1.0)


def test_type_ii_output_multipliers_mb_6_2_3() -> None:
    """M&B 2009 §6.2.3: total output multipliers, truncated (sector rows) 1.8924, 1.7733
    and with the household row 2.4623, 2.2624."""
    t = mb_closed_table()
    tol = 0.5 * 10.0**-rv.MB_6_OUTPUT_MULT_DECIMALS
    m = multipliers(t, ["output"], closure=MB_CLOSURE)
    np.testing.assert_allclose(m["output_total"], rv.MB_6_OUTPUT_MULT_TRUNCATED, atol=tol)
    np.testing.assert_allclose(m["output_type_II"], rv.MB_6_OUTPUT_MULT_TRUNCATED, atol=tol)
    mh = multipliers(t, ["output"], closure=MB_CLOSURE, households=True)
    np.testing.assert_allclose(mh["output_total"], rv.MB_6_OUTPUT_MULT_TOTAL, atol=tol)


def test_income_multipliers_mb_6_2_2() -> None:
    """M&B 2009 §6.2.2: income multipliers simple .4422/.3795, total .5698/.4890,
    Type I 1.4741/1.5182, Type II 1.8995/1.9562; Type II / Type I = L̄[HH, HH] = 1.2885."""
    m = multipliers(mb_closed_table(), ["income"], closure=MB_CLOSURE)
    tol = 0.5 * 10.0**-rv.MB_6_INCOME_MULT_DECIMALS
    np.testing.assert_allclose(m["income_direct"], rv.MB_2_5_HH_ROW)
    np.testing.assert_allclose(m["income_simple"], rv.MB_6_INCOME_MULT_SIMPLE, atol=tol)
    np.testing.assert_allclose(m["income_total"], rv.MB_6_INCOME_MULT_TOTAL, atol=tol)
    np.testing.assert_allclose(m["income_type_I"], rv.MB_6_TYPE_I_INCOME_MULT, atol=tol)
    np.testing.assert_allclose(m["income_type_II"], rv.MB_6_TYPE_II_INCOME_MULT, atol=tol)
    ratio = m["income_type_II"] / m["income_type_I"]
    np.testing.assert_allclose(ratio, rv.MB_6_TYPE_II_OVER_TYPE_I, atol=tol)


def test_type_i_income_multiplier_open_model_only() -> None:
    """M&B 2009 §6.2.2 Type I income multipliers need no households (open model)."""
    t = mb_closed_table().replace(fd_roles=("other", "other"))
    m = multipliers(t, ["income"], kinds=["simple", "type_I"])
    tol = 0.5 * 10.0**-rv.MB_6_INCOME_MULT_DECIMALS
    np.testing.assert_allclose(m["income_type_I"], rv.MB_6_TYPE_I_INCOME_MULT, atol=tol)
    with pytest.raises(InputError, match="household"):
        multipliers(t, ["income"], kinds=["type_II"])


def test_eurostat_ch15_output_gva_employment_multipliers() -> None:
    """Eurostat Manual (2008) ch. 15 (German table): output multipliers (column sums of
    L), GVA multipliers (p. 498) and employment multipliers (1000 persons / mio EUR)."""
    m = multipliers(eurostat_table(), ["output", "value_added", "employment"], kinds=["simple"])
    tol = 0.5 * 10.0**-rv.EUROSTAT_15_DECIMALS + 1e-12
    np.testing.assert_allclose(m["output_simple"], rv.EUROSTAT_15_OUTPUT_MULT, atol=tol)
    np.testing.assert_allclose(m["value_added_simple"], rv.EUROSTAT_15_GVA_MULT, atol=tol)
    np.testing.assert_allclose(m["employment_simple"], rv.EUROSTAT_15_EMP_MULT, atol=tol)
    assert "1000 persons" in m.attrs["unit"]


def test_frame_layout_and_measures() -> None:
    t = eurostat_table()
    assert available_measures(t) == ["output", "income", "value_added", "imports", "employment"]
    m = multipliers(t)
    assert list(m.index) == list(t.codes) and m.index.name == "code"
    assert list(m.columns) == [f"{a}_{k}" for a in available_measures(t) for k in KINDS]
    assert "Type II closure" in str(m.attrs["closure"])
    # imports content: direct = imported inputs per unit of output
    np.testing.assert_allclose(m["imports_direct"], rv.EUROSTAT_15_IMPORTS / rv.EUROSTAT_15_X)
    with pytest.raises(LabelError, match="did you mean 'employment'"):
        multipliers(t, ["employmnt"])
    with pytest.raises(InputError, match="kind"):
        multipliers(t, ["output"], kinds=["type_III"])


# ----------------------------------------------------------------- invariants
@settings(max_examples=EXAMPLES, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 9))
def test_invariants_on_random_tables(seed: int, n: int) -> None:
    """Type II ≥ Type I ≥ 1 (output); direct + indirect + induced = total; bordering
    equals the explicit closed inverse."""
    t = random_table(seed, n)
    m = multipliers(t)
    assert np.all(m["output_type_I"] >= 1 - 1e-12)
    assert np.all(m["output_type_II"] >= m["output_type_I"] - 1e-12)
    for meas in available_measures(t):
        parts = m[f"{meas}_direct"] + m[f"{meas}_indirect"] + m[f"{meas}_induced"]
        np.testing.assert_allclose(parts, m[f"{meas}_total"], rtol=1e-12, atol=1e-12)
    Lb = close_households(t).leontief.inverse()
    np.testing.assert_allclose(m["income_total"], Lb[n, :n], rtol=1e-10)
    np.testing.assert_allclose(m["output_total"], Lb[:n, :n].sum(0), rtol=1e-10)
    emp = t.coefficients(t.F[0])
    np.testing.assert_allclose(m["employment_total"], emp @ Lb[:n, :n], rtol=1e-10)


def test_bordering_with_corner_matches_explicit_inverse() -> None:
    t = random_table(11, 7)
    c = Closure(corner=0.1, column="consumption")
    Lb = close_households(t, c).leontief.inverse()
    h_r = t.coefficients(t.compensation)
    p = closed_row_multipliers(t, c, np.column_stack([h_r, np.ones(7)]), np.array([0.1, 1.0]))
    np.testing.assert_allclose(p[:, 0], Lb[7, :7], rtol=1e-12)
    np.testing.assert_allclose(p[:, 1], Lb[:, :7].sum(0), rtol=1e-12)


# ----------------------------------------------------------------- Uzbekistan
def test_uzbekistan_all_multipliers_run(uzbekistan: IOTable) -> None:
    m = multipliers(uzbekistan)
    assert m.shape == (136, len(available_measures(uzbekistan)) * len(KINDS))
    assert np.all(np.isfinite(m["output_total"]))
    assert np.all(m["output_type_II"] >= m["output_type_I"] - 1e-12)
    assert isinstance(m, pd.DataFrame) and m.attrs["assumptions"]


def test_uzbekistan_default_closure_propensity_below_one(uzbekistan: IOTable) -> None:
    """Issue 14 item 2: in the 2022 table household consumption is 2.68 × compensation, so
    the per-unit-of-compensation column sums to 2.26 (warned, naming it) and Type II output
    multipliers reach 5.3; the default consumption-share column sums to the domestic share
    of household spending (< 1) and keeps them below 3."""
    d = uzbekistan.domestic()
    hh = [i for i, r in enumerate(uzbekistan.fd_roles) if r == "household"]
    dom = d.Y[:, hh].sum()
    total = dom + (d.Ym[:, hh].sum() if d.Ym is not None else 0.0)
    mpc = propensity_to_consume(uzbekistan)
    assert mpc == pytest.approx(dom / total) and 0.5 < mpc < 1.0
    m = multipliers(uzbekistan, ["output"])
    assert m.attrs["propensity"] == pytest.approx(mpc)
    assert f"{mpc:.3f}" in str(m.attrs["closure"])
    assert 1.0 < m["output_type_II"].max() < 3.0
    with pytest.warns(AssumptionWarning, match=r"of 2\.26"):
        old = multipliers(uzbekistan, ["output"], closure=Closure(column="income"))
    assert old["output_type_II"].max() > 5.0


# ----------------------------------------------------------------- CLI
def test_cli_multipliers_json_matches_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`iocluster multipliers TABLE --format json` = the library frame (Eurostat table)."""
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table
    from iocluster.reports.export import frames_from_json

    path = write_table(eurostat_table(), tmp_path / "de.xlsx")
    res = CliRunner().invoke(app, ["multipliers", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    meta, frames = frames_from_json(res.stdout)
    got = frames["multipliers"]
    want = multipliers(eurostat_table())
    assert meta["closure"]["propensity"] == pytest.approx(want.attrs["propensity"])
    assert list(got.index) == list(want.index)
    np.testing.assert_allclose(got[want.columns].to_numpy(float), want.to_numpy(), rtol=1e-12)
    va = CliRunner().invoke(
        app, ["multipliers", str(path), "-f", "csv", "--closure", "value_added"]
    )
    assert va.exit_code == 0 and "income_type_II" in va.stdout
    bad = CliRunner().invoke(app, ["multipliers", str(path), "--corner"])
    assert bad.exit_code == 1 and "section T" in bad.output
    assert "Traceback" not in bad.output


def test_cli_multipliers_without_compensation_row_gives_type_i(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 2: a table without a compensation row still gets every Type I result
    (M&B 2009 §6.2.1 simple output multipliers 1.5182, 1.4521); the Type II columns are
    left out with one warning saying how to obtain them; exit 0."""
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table
    from iocluster.reports.export import frames_from_json

    t = mb_closed_table().replace(va_roles=("other", "other"))
    path = write_table(t, tmp_path / "nocomp.xlsx")
    res = CliRunner().invoke(app, ["multipliers", str(path), "-f", "json"])
    assert res.exit_code == 0, res.output
    _meta, frames = frames_from_json(res.stdout)
    got = frames["multipliers"]
    np.testing.assert_allclose(got["output_simple"], [1.5182, 1.4521], atol=5e-5)
    assert not any(c.endswith(("_induced", "_total", "_type_II")) for c in got.columns)
    warn = [ln for ln in res.stderr.splitlines() if "Type II" in ln]
    assert len(warn) == 1 and "--closure value_added" in warn[0], res.stderr
    va = CliRunner().invoke(
        app,
        ["multipliers", str(path), "-f", "json", "--closure", "value_added",
         "--closure-column", "income"],
    )  # fmt: skip
    assert va.exit_code == 0 and "output_type_II" in va.stdout
