"""Aggregation and disaggregation keep every identity (Miller & Blair 2009 §4.3)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.errors import InputError, LabelError
from iocluster.io.concordance import read_concordance
from iocluster.operations.aggregate import (
    Concordance,
    aggregate,
    concordance_from_mapping,
    disaggregate,
)
from iocluster.table import IOTable
from tests import reference_values as ref

EXAMPLES = 200 if os.environ.get("IOCLUSTER_FUZZ") == "1" else 25


def eurostat_table(**extra: object) -> IOTable:
    """The Eurostat Manual (2008) ch. 15 six-sector German table."""
    V = np.vstack(
        [
            ref.EUROSTAT_15_IMPORTS,
            ref.EUROSTAT_15_TAXES_LESS_SUBSIDIES_ON_PRODUCTS,
            ref.EUROSTAT_15_COMPENSATION_EMPLOYEES,
            ref.EUROSTAT_15_OTHER_NET_TAXES_ON_PRODUCTION
            + ref.EUROSTAT_15_CONSUMPTION_FIXED_CAPITAL
            + ref.EUROSTAT_15_NET_OPERATING_SURPLUS,
        ]
    )
    return IOTable.from_arrays(
        Z=ref.EUROSTAT_15_Z,
        Y=ref.EUROSTAT_15_FD,
        V=V,
        x=ref.EUROSTAT_15_X,
        codes=["A", "C", "F", "G", "K", "O"],
        fd_names=ref.EUROSTAT_15_FD_LABELS,
        fd_roles=["household", "government", "investment", "inventories", "exports"],
        va_names=["imports", "taxes on products", "compensation", "other value added"],
        va_roles=["imports", "taxes_products", "compensation", "operating_surplus"],
        F=[ref.EUROSTAT_15_EMPLOYMENT],
        satellite_names=["employment"],
        satellite_units=["1000 persons"],
        tags={"cluster": ["agro", "manuf", "build", "serv", "serv", "serv"]},
        **extra,  # type: ignore[arg-type]
    )


CONC = {"A": "AB", "C": "CF", "F": "CF", "G": "S", "K": "S", "O": "S"}


def test_aggregation_keeps_identities_and_totals_exactly() -> None:
    t = eurostat_table()
    a = aggregate(t, concordance_from_mapping(CONC))
    assert a.codes == ("AB", "CF", "S")
    # Row and column identities hold (the source table balances to rounding of the
    # published integers, so compare residuals, aggregated).
    W = concordance_from_mapping(CONC).align(t.codes)
    assert np.allclose(a.row_residual(), W @ t.row_residual(), atol=1e-6)
    assert np.allclose(a.column_residual(), W @ t.column_residual(), atol=1e-6)
    assert a.value_added.sum() == pytest.approx(t.value_added.sum(), rel=1e-15)
    assert a.Y.sum() == pytest.approx(t.Y.sum(), rel=1e-15)
    assert a.F.sum() == pytest.approx(t.F.sum(), rel=1e-15)
    assert "cluster" not in a.tags  # C (manuf) and F (build) share a group
    # Z of a group = sum of the block (Miller & Blair 2009 §4.3: S Z S').
    assert a.Z[2, 2] == pytest.approx(ref.EUROSTAT_15_Z[3:, 3:].sum())


def test_tags_kept_when_consistent() -> None:
    t = eurostat_table()
    a = aggregate(t, concordance_from_mapping({**CONC, "A": "AB", "C": "C2", "F": "C2"}))
    assert "cluster" not in a.tags  # C (manuf) and F (build) disagree
    b = aggregate(t, concordance_from_mapping({**CONC, "C": "C", "F": "F"}))
    assert b.tags["cluster"] == ("agro", "manuf", "build", "serv")


def test_final_demand_concordance() -> None:
    t = eurostat_table()
    fd = concordance_from_mapping(
        {
            "household_consumption": "consumption",
            "government_consumption": "consumption",
            "gross_fixed_capital_formation": "capital",
            "inventory_change": "capital",
            "exports": "exports",
        }
    )
    a = aggregate(t, concordance_from_mapping(CONC), fd)
    assert a.fd_names == ("consumption", "capital", "exports")
    assert a.fd_roles == ("other", "other", "exports")
    assert np.allclose(a.exports.sum(), t.exports.sum())
    assert np.allclose(a.Y.sum(1), aggregate(t, concordance_from_mapping(CONC)).Y.sum(1))


def test_total_use_table_with_imports_and_import_matrices() -> None:
    rng = np.random.default_rng(3)
    Z, Y, Zm = rng.uniform(1, 5, (4, 4)), rng.uniform(5, 9, (4, 2)), rng.uniform(0, 1, (4, 4))
    Ym = rng.uniform(0, 1, (4, 2))
    t = IOTable.from_arrays(Z=Z, Y=Y, V=[Z.sum(1) + Y.sum(1) - Z.sum(0) - Zm.sum(0)],
                            codes=list("abcd"), fd_names=["h", "e"], fd_roles=["household",
                            "exports"], Zm=Zm, Ym=Ym)  # fmt: skip
    a = aggregate(t, concordance_from_mapping({"a": "X", "b": "X", "c": "Y", "d": "Y"}))
    assert np.abs(a.row_residual()).max() < 1e-12
    assert np.abs(a.column_residual()).max() < 1e-12
    assert a.Zm is not None and a.Zm.sum() == pytest.approx(Zm.sum())
    total = IOTable.from_arrays(Z=Z, Y=Y, V=[np.ones(4)], codes=list("abcd"), kind="total",
                                fd_names=["h", "e"], m=[1.0, 2, 3, 4])  # fmt: skip
    b = aggregate(total, concordance_from_mapping({"a": "X", "b": "X", "c": "Y", "d": "Y"}))
    assert b.m is not None and b.m.tolist() == [3.0, 7.0]
    assert np.abs(b.row_residual()).max() < 1e-12


def test_unknown_code_suggests_close_match() -> None:
    t = eurostat_table()
    with pytest.raises(LabelError, match=r"unknown sector 'GG'.*did you mean 'G'"):
        aggregate(t, concordance_from_mapping({**CONC, "GG": "S"}))
    partial = dict(CONC)
    del partial["O"]
    with pytest.raises(LabelError, match="does not map sector 'O'"):
        aggregate(t, concordance_from_mapping(partial))


def test_read_concordance_csv_mapping_and_matrix(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("code,group,name\n" + "".join(f"{c},{g},Group {g}\n" for c, g in CONC.items()))
    c = read_concordance(p)
    assert c.target == ("AB", "CF", "S") and c.target_names[1] == "Group CF"
    w = tmp_path / "w.csv"
    w.write_text("code,AB,CF,S\nA,1,0,0\nC,0,1,0\nF,0,2,2\nG,0,0,1\nK,0,0,1\nO,0,0,1\n")
    cw = read_concordance(w)
    assert np.allclose(cw.W[:, 2], [0, 0.5, 0.5])
    x = tmp_path / "c.xlsx"
    import pandas as pd

    pd.DataFrame({"code": list(CONC), "group": list(CONC.values())}).to_excel(x, index=False)
    assert read_concordance(x).target == c.target
    bad = tmp_path / "bad.csv"
    bad.write_text("code,AB\nA,x\n")
    with pytest.raises(InputError, match=r"bad\.csv, row 2, column 'AB': expected a number"):
        read_concordance(bad)


def test_concordance_columns_must_sum_to_one() -> None:
    with pytest.raises(InputError, match=r"weights of code 'b' sum to 0\.5"):
        Concordance(source=("a", "b"), target=("g",), W=np.array([[1.0, 0.5]]))


def test_disaggregate_then_aggregate_round_trip() -> None:
    t = eurostat_table()
    d = disaggregate(t, "C", {"C1": 0.2, "C2": 0.3, "C3": 0.5})
    assert d.codes == ("A", "C1", "C2", "C3", "F", "G", "K", "O")
    assert np.allclose(d.x[1:4], 0.2 * t.x[1] * np.array([1, 1.5, 2.5]))
    # same input structure: coefficients of the parts equal the parent's
    assert np.allclose(d.A[:, 1], d.A[:, 3]) and d.tags["cluster"][2] == "manuf"
    back = aggregate(d, concordance_from_mapping({"C1": "C", "C2": "C", "C3": "C"} | {
        c: c for c in "AFGKO"}, order=list("ACFGKO")))  # fmt: skip
    assert back.equals(t.replace(meta=back.meta), rtol=1e-13)
    assert any("split by shares" in str(s) for s in d.meta.assumptions)
    with pytest.raises(InputError, match=r"sum to 0\.9"):
        disaggregate(t, "C", {"C1": 0.4, "C2": 0.5})
    with pytest.raises(LabelError, match="already names another sector"):
        disaggregate(t, "C", {"A": 0.4, "C2": 0.6})


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.integers(2, 7), st.integers(1, 4), st.integers(0, 2**31 - 1))
def test_property_random_concordance_keeps_identities(n: int, g: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    Z, Y = rng.uniform(0, 10, (n, n)), rng.uniform(1, 10, (n, 2))
    x = Z.sum(1) + Y.sum(1)
    t = IOTable.from_arrays(Z=Z, Y=Y, V=[x - Z.sum(0)], codes=[f"s{i}" for i in range(n)],
                            fd_names=["h", "e"], F=[rng.uniform(0, 5, n)],
                            satellite_names=["jobs"])  # fmt: skip
    groups = rng.integers(0, g, n)
    a = aggregate(t, concordance_from_mapping({f"s{i}": f"g{k}" for i, k in enumerate(groups)}))
    scale = x.sum()
    assert np.abs(a.row_residual()).max() <= 1e-12 * scale
    assert np.abs(a.column_residual()).max() <= 1e-12 * scale
    assert abs(a.value_added.sum() - t.value_added.sum()) <= 1e-12 * scale
    assert abs(a.F.sum() - t.F.sum()) <= 1e-12 * t.F.sum()


def test_cli_aggregate(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import read_table, write_table

    src = tmp_path / "t.xlsx"
    write_table(eurostat_table(), src)
    conc = tmp_path / "c.csv"
    conc.write_text("code,group\n" + "".join(f"{c},{g}\n" for c, g in CONC.items()))
    out = tmp_path / "agg.xlsx"
    res = CliRunner().invoke(
        app, ["aggregate", str(src), str(conc), "-f", "json", "--save", str(out)]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["Z"]["index"] == ["AB", "CF", "S"]
    assert read_table(out).n == 3
    conc.write_text("code,group\nA,AB\nCC,CF\n")
    res = CliRunner().invoke(app, ["aggregate", str(src), str(conc)])
    assert res.exit_code == 1 and "unknown sector 'CC'" in res.stderr
