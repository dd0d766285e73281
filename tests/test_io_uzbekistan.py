"""The real 2022 Uzbekistan table (../shared/data/uzbekistan-2022): read from CSV,
converted to the canonical workbook and CSV folder, read back identical. Figures checked
against the data's README (measured identities)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from iocluster.io import read_table, write_table
from iocluster.table import IOTable
from iocluster.testing import assert_table_equal


def test_shape_roles_and_labels(uzbekistan: IOTable, uzbekistan_dir: Path) -> None:
    t = uzbekistan
    assert t.n == 136 and t.kind == "total" and t.m is not None
    assert t.fd_names == ("household", "government", "npish", "gfcf", "inventories", "exports")
    assert t.fd_roles == (
        "household",
        "government",
        "npish",
        "investment",
        "inventories",
        "exports",
    )
    assert t.va_names == (
        "compensation_of_employees",
        "gross_operating_surplus",
        "other_net_taxes_on_production",
    )
    assert t.va_roles == ("compensation", "operating_surplus", "other")
    assert t.satellite_names == ("employment_formal", "employment_informal", "employment_total")
    assert t.satellite_units == ("persons",) * 3
    # Cyrillic А in published codes is read as Latin A; the published label is kept.
    i = t.codes.index("A01.13")
    assert t.labels[i] == "\u041001.13" and t.names[i].startswith("Овощи")
    assert "A01 (без 01.11, 01.13, 01.16, 01.21, 01.4.)" in t.codes
    # The units come from the folder's metadata.json (currency UZS, scale million).
    from_files = read_table(uzbekistan_dir)
    assert from_files.meta.unit == "million UZS" and from_files.meta.year == 2022
    assert from_files.meta.region == "Uzbekistan"


def test_folder_without_metadata_invents_no_unit(uzbekistan_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    shutil.copytree(uzbekistan_dir, folder)
    (folder / "metadata.json").unlink()
    bare = read_table(folder)
    assert bare.meta.currency == "" and bare.meta.scale == ""  # never invented


def test_sums_match_the_source_files(uzbekistan: IOTable, uzbekistan_dir: Path) -> None:
    """Totals against the CSVs read independently with pandas (README: GVA 9.36e8)."""
    t = uzbekistan
    va = pd.read_csv(uzbekistan_dir / "value_added.csv")
    sup = pd.read_csv(uzbekistan_dir / "supply.csv")
    emp = pd.read_csv(uzbekistan_dir / "employment.csv")
    np.testing.assert_allclose(t.x.sum(), sup["output"].sum(), rtol=1e-12)
    np.testing.assert_allclose(t.m.sum(), sup["imports"].sum(), rtol=1e-12)  # type: ignore[union-attr]
    # GVA preserved, remainder row included (~1.06e7 over all sectors; up to 2.66e6 in one).
    np.testing.assert_allclose(t.value_added, va["gross_value_added"].to_numpy(), rtol=1e-12)
    assert 9.35e8 < t.value_added.sum() < 9.37e8
    rem = t.V[2]
    assert 2.6e6 < rem.max() < 2.7e6 and 1.0e7 < rem.sum() < 1.1e7
    np.testing.assert_allclose(t.satellite("employment_total").sum(), emp["employment_total"].sum())
    assert 1.3e7 < t.satellite("employment_total").sum() < 1.4e7
    # README: rows close to 0.1 (Z1 + Y1 = output + imports).
    assert np.max(np.abs(t.row_residual())) <= 0.11
    # README: columns do not close (1.8 % of output; net taxes on products missing).
    gap = t.column_residual().sum() / t.x.sum()
    assert 0.017 < gap < 0.019


@pytest.mark.parametrize("target", ["uz.xlsx", "uz"])
def test_round_trip_exact(uzbekistan: IOTable, tmp_path: Path, target: str) -> None:
    out = write_table(uzbekistan, tmp_path / target)
    assert_table_equal(read_table(out), uzbekistan)


def test_metadata_json_gives_units(uzbekistan_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "uz"
    shutil.copytree(uzbekistan_dir, folder)
    (folder / "metadata.json").write_text(
        json.dumps({"currency": "UZS", "scale": "million", "year": 2022}), encoding="utf-8"
    )
    t = read_table(folder)
    assert t.meta.unit == "million UZS" and t.meta.year == 2022
    # An explicit meta overrides the file's fields one by one.
    over = read_table(folder, meta={"scale": "thousand"})
    assert over.meta.unit == "thousand UZS" and over.meta.year == 2022
