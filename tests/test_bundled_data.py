"""The bundled data files are what their generator says they are."""

from __future__ import annotations

import sys

import numpy as np

from iocluster.analysis.validate import validate_table
from iocluster.datasets import data_path, example_economy, miller_blair_2_3
from iocluster.io import read_table
from iocluster.testing import assert_table_equal
from tests.conftest import ROOT


def test_miller_blair_file_equals_the_published_table() -> None:
    """data/miller_blair_2_3.xlsx is Miller & Blair (2009) Table 2.3."""
    assert_table_equal(read_table(data_path("miller_blair_2_3.xlsx")), miller_blair_2_3())


def test_example_economy_is_reproducible_balanced_and_labelled_illustrative() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_example_economy import build
    finally:
        sys.path.pop(0)
    t = example_economy()
    assert_table_equal(t, build())
    assert t.meta.illustrative and "illustrative" in t.meta.source.lower()
    report = validate_table(t)
    assert all(c.status == "PASS" for c in report.checks), str(report)
    np.testing.assert_allclose(t.row_residual(), 0.0, atol=1e-9)
    np.testing.assert_allclose(t.column_residual(), 0.0, atol=1e-9)
    assert {"textiles", "leather", "pharma", "agro", "tourism", "it"} <= set(t.tags["cluster"])
    assert t.Zm is not None and t.Ym is not None
