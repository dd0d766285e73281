"""Fuzzing: mutate valid tables and scenarios; the outcome is a correct result or an
``IOClusterError`` that names a place, never another exception.

- Published tables (CSV and single-sheet workbooks): one or several cells replaced by
  text, blanks, numbers of any size and sign, NaN/inf spelled out, formulas, booleans,
  Cyrillic look-alike labels, grouped digits. When the read succeeds, every number
  written into the intermediate block is read back exactly (no misread cell) and the
  multipliers solve with a small residual.
- Canonical workbooks: a sheet deleted, emptied or renamed, or a cell in a chosen sheet
  mutated.
- Scenarios: a field of a valid scenario document replaced by a value of another type or
  an out-of-range number, run against the table.

Bounded in CI (``max_examples`` below); ``IOCLUSTER_FUZZ=1`` runs 20 times as many
(``make fuzz``).
"""

from __future__ import annotations

import copy
import io
import os
import tomllib
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.errors import IOClusterError, IOClusterWarning
from iocluster.io import read_table
from tests.bad_inputs.make_corpus import GOOD, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
SCENARIOS = ROOT / "data" / "scenarios" / "shock_kinds.toml"

FUZZ = os.environ.get("IOCLUSTER_FUZZ") == "1"
SETTINGS = settings(
    max_examples=600 if FUZZ else 30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=not FUZZ,
)

#: words an error message uses to say where the problem is
PLACES = ("cell", "sheet", "row", "column", "sector", "scenario", "field", "shock", "line",
          "categor", "cluster", "block", "label", "metadata", ".csv", ".xlsx",
    ".toml", "output", "a is",
          "i − a", "total", "code", "region")  # fmt: skip


def _assert_located(exc: IOClusterError) -> None:
    msg = str(exc)
    assert msg and "\n" not in msg.strip(), msg
    assert exc.location is not None or any(p in msg.lower() for p in PLACES), msg


NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
)
CELL_VALUES = st.one_of(
    NUMBERS,
    NUMBERS.map(lambda v: f"{v:,}".replace(",", " ")),  # grouped digits
    st.sampled_from(
        [
            "",
            " ",
            "-",
            "n/a",
            "NaN",
            "inf",
            "-inf",
            "1e999",
            "=A1+B2",
            "(12)",
            "1 00",
            "12,5",
            "1.234,5",
            "TRUE",
            "С13",
            "A0l",
            "Total",
            "Итого",
            "Exports",
            "Compensation of employees",
            "0x1F",
            "١٢",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.booleans(),
    st.none(),
)


def _grid(rows: list[list[object]]) -> list[list[object]]:
    return [list(r) + [None] * (8 - len(r)) for r in rows]


def _check_table_result(t: Any, written: dict[tuple[int, int], float]) -> None:
    """A table that was read: cells written into Z are read exactly; solves are sound."""
    codes = list(t.codes)
    for (r, c), v in written.items():
        code_r, code_c = str(GOOD[r][0]), str(GOOD[1][c])
        if code_r in codes and code_c in codes and t.n == 3:
            got = t.Z[codes.index(code_r), codes.index(code_c)]
            # openpyxl (the writer of the test workbook, not iocluster) stores %.16g
            assert got == v or got == float(f"{v:.16g}"), (got, v)
    try:
        system = t.leontief
    except IOClusterError as exc:
        _assert_located(exc)
        return
    y = np.abs(t.final_demand_total()) + 1.0
    xs = system.solve(y)
    assert np.all(np.isfinite(xs))
    assert np.allclose(system.matvec(xs), y, rtol=1e-8, atol=1e-8 * float(np.abs(xs).max()))


@SETTINGS
@given(
    data=st.data(),
    k=st.integers(1, 3),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_fuzz_published_table_cells(tmp_path: Path, data: st.DataObject, k: int, fmt: str) -> None:
    rows = _grid(GOOD)
    written: dict[tuple[int, int], float] = {}
    for _ in range(k):
        r = data.draw(st.integers(0, len(rows) - 1), label="row")
        c = data.draw(st.integers(0, 7), label="col")
        v = data.draw(CELL_VALUES, label="value")
        if fmt == "xlsx" and isinstance(v, str) and v.startswith("="):
            v = "'" + v  # a formula written by openpyxl would have no cached value: kept text
        rows[r][c] = v
        written.pop((r, c), None)
        if 2 <= r <= 4 and 2 <= c <= 4 and isinstance(v, int | float) and not isinstance(v, bool):
            written[(r, c)] = float(v)
    p = tmp_path / f"t.{fmt}"
    if p.exists():
        p.unlink()
    (write_csv if fmt == "csv" else write_xlsx)(p, rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IOClusterWarning)
        try:
            t = read_table(p)
        except IOClusterError as exc:
            _assert_located(exc)
            return
        _check_table_result(t, written)


_ECONOMY_BYTES = ECONOMY.read_bytes()


@SETTINGS
@given(
    op=st.sampled_from(["delete", "clear", "rename", "cell", "cell", "cell"]),
    sheet=st.sampled_from(
        [
            "intermediate_use",
            "final_demand",
            "value_added",
            "supply",
            "sectors",
            "accounts",
            "satellites",
            "metadata",
        ]
    ),
    r=st.integers(1, 22),
    c=st.integers(1, 22),
    value=CELL_VALUES,
)
def test_fuzz_canonical_workbook_sheets(
    tmp_path: Path, op: str, sheet: str, r: int, c: int, value: object
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(_ECONOMY_BYTES))
    if sheet not in wb.sheetnames:
        return
    ws = wb[sheet]
    if op == "delete":
        del wb[sheet]
    elif op == "clear":
        ws.delete_rows(1, ws.max_row)
    elif op == "rename":
        ws.title = sheet.upper() + "_old"
    else:
        if isinstance(value, str) and value.startswith("="):
            value = "'" + value
        ws.cell(row=r, column=c, value=value)
    p = tmp_path / "economy.xlsx"
    if p.exists():
        p.unlink()
    wb.save(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IOClusterWarning)
        try:
            t = read_table(p)
            system = t.leontief
        except IOClusterError as exc:
            _assert_located(exc)
            return
        x = system.solve(np.ones(t.n))
        assert np.all(np.isfinite(x))


_DOC = tomllib.loads(SCENARIOS.read_text(encoding="utf-8"))
FIELD_VALUES = st.one_of(
    CELL_VALUES,
    st.lists(st.sampled_from(["TEX", "TEXX", "*", "textiles", "C13*", "", "IT"]), max_size=3),
    st.dictionaries(
        st.sampled_from(["dist", "low", "high", "mode", "sd"]),
        NUMBERS | st.text(max_size=5),
        max_size=4,
    ),
    st.floats(allow_nan=True, allow_infinity=True),
)


@pytest.fixture(scope="module")
def economy() -> Any:
    return read_table(ECONOMY)


@SETTINGS
@given(data=st.data())
def test_fuzz_scenario_fields(economy: Any, data: st.DataObject) -> None:
    from iocluster.scenarios.parse_toml import scenario_file_from_dict
    from iocluster.scenarios.run import run_scenarios

    doc = copy.deepcopy(_DOC)
    i = data.draw(st.integers(0, len(doc["scenario"]) - 1), label="scenario")
    sc = doc["scenario"][i]
    doc["scenario"] = [sc]
    shock = sc["shock"][0]
    key = data.draw(st.sampled_from([*shock.keys(), "extra_field"]), label="field")
    if data.draw(st.booleans(), label="delete") and key in shock:
        del shock[key]
    else:
        shock[key] = data.draw(FIELD_VALUES, label="value")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IOClusterWarning)
        try:
            sf = scenario_file_from_dict(doc, source="fuzz.toml")
            res = run_scenarios(economy, sf, draws=5, seed=1)
        except IOClusterError as exc:
            _assert_located(exc)
            return
    tot = res.totals.select_dtypes("number").to_numpy()
    assert np.all(np.isfinite(tot))


@SETTINGS
@given(text=st.text(max_size=300))
def test_fuzz_scenario_text(tmp_path: Path, text: str) -> None:
    """Arbitrary text as a TOML scenario file: parsed or refused with its name."""
    from iocluster.scenarios.run import read_scenarios

    p = tmp_path / "s.toml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        read_scenarios(p)
    except IOClusterError as exc:
        _assert_located(exc)
