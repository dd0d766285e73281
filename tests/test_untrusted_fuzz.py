"""Fuzzing the writers with labels an attacker chooses (issue 18): any label starting
with a formula or CSV-injection character is written as text by the canonical workbook
and CSV-folder writers, never as a formula, and reads back as it was."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.io import read_table, write_table
from iocluster.table import IOTable
from tests.test_untrusted_text import formula_cells, injectable_fields

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
PREFIX = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "=-", "'="])
BODY = st.text(alphabet=st.sampled_from(list("abcXYZ019 .()+-=,@АСЕқ'\"")), min_size=1, max_size=10)
LABEL = st.builds(lambda p, b: p + b, PREFIX, BODY).filter(lambda s: s.strip() != "")


@settings(
    max_examples=100 if FUZZ else 8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(names=st.lists(LABEL, min_size=2, max_size=3, unique=True))
def test_injection_labels_through_the_writers(tmp_path: Path, names: list[str]) -> None:
    n = len(names)
    t = IOTable.from_arrays(
        Z=[[1.0 + i + j for j in range(n)] for i in range(n)], Y=[[50.0]] * n,
        V=[[30.0] * n], codes=[f"S{i}" for i in range(n)], names=names,
        fd_names=["households"], fd_roles=["household"],
    )  # fmt: skip
    stem = f"t{abs(hash(tuple(names)))}"
    book = write_table(t, tmp_path / f"{stem}.xlsx", force=True)
    assert formula_cells(book) == []
    assert read_table(book).names == t.names
    folder = write_table(t, tmp_path / stem, force=True)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv")))
    assert injectable_fields(text) == []
    assert read_table(folder).names == t.names
