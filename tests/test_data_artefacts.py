"""Validation of data artefacts that distort rankings (issue 14 item 4): intermediate
sales above output, large negative inventories, linkage-index outliers they cause."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from iocluster.analysis.artefacts import (
    intermediate_sales_ratio,
    large_negative_final_demand,
    linkage_outliers,
)
from iocluster.analysis.linkages import linkages
from iocluster.analysis.validate import validate_table
from iocluster.datasets import miller_blair_2_3
from iocluster.table import IOTable

ARTEFACT_CHECKS = ("intermediate sales above output", "negative final demand", "linkage outliers")


def artefact_table(n: int = 12) -> IOTable:
    """``n`` similar sectors; sector S1 produces 10 but sells 100 to the others, the
    row closed by inventories of −(100 + 5 − 10) = −95 (hand-built, like B07.1 in the
    2022 Uzbekistan table)."""
    rng = np.random.default_rng(0)
    Z = rng.uniform(5.0, 15.0, (n, n))
    Z[0, 0], Z[0, 1:] = 0.0, 100.0 / (n - 1)
    Z[1:, 0] *= 5.0 / Z[1:, 0].sum()  # S1's inputs are half its output
    x = Z.sum(axis=0) + rng.uniform(80.0, 120.0, n)  # columns: inputs + value added
    x[0] = 10.0
    hh = np.full(n, 5.0)
    inv = x - Z.sum(axis=1) - hh
    return IOTable.from_arrays(
        Z=Z,
        Y=np.column_stack([hh, inv]),
        V=(x - Z.sum(axis=0))[None, :],
        x=x,
        codes=[f"S{i + 1}" for i in range(n)],
        fd_names=["households", "inventories"],
        fd_roles=["household", "inventories"],
        va_names=["value added"],
        va_roles=["value_added"],
    )


def test_miller_blair_has_no_artefacts() -> None:
    """M&B (2009) Table 2.3: sales 650 and 300 against output 1000 and 2000; all PASS."""
    frame = validate_table(miller_blair_2_3()).to_frame()
    assert (frame.loc[list(ARTEFACT_CHECKS), "status"] == "PASS").all()


def test_sales_ratio_is_the_ghosh_row_sum() -> None:
    """Invariant: Σⱼ zᵢⱼ / xᵢ = (B 1)ᵢ with B = x̂⁻¹Z (M&B 2009 §12.1)."""
    t = artefact_table()
    np.testing.assert_allclose(intermediate_sales_ratio(t), t.B.sum(axis=1), rtol=1e-12)


def test_hand_built_artefact_is_warned_by_name() -> None:
    t = artefact_table()
    assert intermediate_sales_ratio(t)["S1"] == pytest.approx(10.0)  # 100 / 10
    neg = large_negative_final_demand(t)
    assert [(c, k) for c, k, *_ in neg] == [("S1", "inventories")]
    assert neg[0][2] == pytest.approx(-95.0)
    frame = validate_table(t).to_frame()
    for check in ARTEFACT_CHECKS:
        assert frame.loc[check, "status"] == "WARN", check
        assert "S1" in str(frame.loc[check, "detail"]), check
    lk = linkages(t)
    assert lk["sensitivity_of_dispersion"].idxmax() == "S1"
    flags = linkage_outliers(t, lk)
    assert flags["S1"] == "artefact" and (flags.drop("S1") == "").all()


def test_uzbekistan_iron_ore_is_flagged(uzbekistan: IOTable) -> None:
    """Issue 14: B07.1 sells 67,733 million UZS of domestic product to intermediate use
    against an output of 4,313 (inventories −264,169); its forward index is 15.3."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = validate_table(uzbekistan).to_frame()
        lk = linkages(uzbekistan)
    for check in ARTEFACT_CHECKS:
        assert frame.loc[check, "status"] == "WARN"
        assert "B07.1" in str(frame.loc[check, "detail"])
    assert (
        str(frame.loc["intermediate sales above output", "detail"])
        .split(": ", 1)[1]
        .startswith("B07.1 15.70× output (67,733 vs 4,313)")
    )
    assert "B07.1/inventories −264,169" in str(frame.loc["negative final demand", "detail"])
    assert lk.loc["B07.1", "sensitivity_of_dispersion"] == pytest.approx(15.27, abs=0.01)
    flags = linkage_outliers(uzbekistan, lk)
    assert flags[flags != ""].to_dict() == {"B07.1": "artefact"}


def test_uzbekistan_key_sector_sheet_lists_key_first_and_sets_flagged_aside(
    uzbekistan: IOTable, tmp_path: Path
) -> None:
    """Issue 29: unflagged key sectors first, then the other classes; every flagged sector
    after them with its flag and reason (B07.1: sales 15.70 × output)."""
    from openpyxl import load_workbook

    from iocluster.analysis.flags import sector_flags
    from iocluster.pipeline.analyze import analyze
    from iocluster.reports.analysis.layout import HEADER_ROW
    from iocluster.reports.analysis.workbook import write_analysis_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = analyze(uzbekistan)
        path = write_analysis_workbook(tmp_path / "a.xlsx", a)
    ws = load_workbook(path)["Key sectors"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    head, body = rows[0], [r for r in rows[1:] if r[0]]
    flag = [r[head.index("Flag (validation)")] for r in body]
    n_ok = sum(1 for f in flag if not f)
    assert all(not f for f in flag[:n_ok]) and all(flag[n_ok:])  # flagged last
    cls = [r[head.index("Class")] for r in body[:n_ok]]
    n_key = cls.count("key")
    assert n_key > 0 and cls[:n_key] == ["key"] * n_key
    expected = sector_flags(uzbekistan)
    assert {r[0] for r in body[n_ok:]} == set(expected.index[expected["flag"] != ""])
    reason = {r[0]: r[head.index("Reason")] for r in body[n_ok:]}
    assert reason["B07.1"].startswith("intermediate sales = 15.70 × output")
