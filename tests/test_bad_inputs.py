"""The bad-input corpus (tests/bad_inputs/): every case fails clearly or succeeds correctly.

Each case of :mod:`tests.bad_inputs.make_corpus` runs through the command line
(``typer.testing.CliRunner`` on ``iocluster.cli.app``): an ``error`` case exits 1 with
one ``error:`` line naming the place and writes nothing; a ``warn``/``ok`` case exits 0
with the same result as the clean table. Below the corpus: the untrusted-file caps,
numerics (near-singular warning, determinism across thread counts) and interrupted runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.core.messages import Message
from iocluster.errors import (
    IOClusterError,
    NotProductiveError,
    NumericalWarning,
    TableFormatError,
)
from tests.bad_inputs.make_corpus import Case, build

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
RANGES = ROOT / "data" / "scenarios" / "shock_kinds.toml"

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    d = tmp_path_factory.mktemp("bad_inputs")
    return d, {c.id: c for c in build(d)}


def _case_ids() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return [c.id for c in build(d)]


CASE_IDS = _case_ids()


def _listing(d: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(d)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in d.rglob("*")
        if p.is_file()
    }


def test_corpus_has_at_least_40_cases_in_every_group() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        cases = build(d)
    assert len(cases) >= 40
    assert {c.group for c in cases} == {"table", "scenario", "regional", "cli"}


def test_readme_lists_every_case() -> None:
    """tests/bad_inputs/README.md documents each case (regenerate it with ``--table``)."""
    readme = (ROOT / "tests" / "bad_inputs" / "README.md").read_text(encoding="utf-8")
    listed = {
        line.split("`")[1] for line in readme.splitlines() if line.startswith("| ") and "`" in line
    }
    assert listed == set(CASE_IDS)


#: Error cases whose message is still an English sentence, not a keyed Message (issue
#: 28), and why: each is raised outside the readers and the command line (io/, cli/),
#: by a layer whose sentences another part of the work converts.
LEFT_ENGLISH: dict[str, str] = {
    "i27_scheduler_not_dask": "the Dask scheduler check (scenarios/montecarlo)",
}


def _is_scenario_case(case: Case) -> bool:
    """A scenario file's error (ScenarioError, scenarios/): converted with the scenarios."""
    return case.group == "scenario"


@pytest.fixture
def raised(monkeypatch: pytest.MonkeyPatch) -> list[IOClusterError]:
    """The errors the command line wrote (as :func:`iocluster.cli.common.error_text`
    received them)."""
    module = sys.modules["iocluster.cli.app"]
    seen: list[IOClusterError] = []
    original = module.error_text

    def record(exc: IOClusterError) -> str:
        seen.append(exc)
        return original(exc)

    monkeypatch.setattr(module, "error_text", record)
    return seen


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case(
    case_id: str, corpus: tuple[Path, dict[str, Case]], raised: list[IOClusterError]
) -> None:
    d, cases = corpus
    case = cases[case_id]
    before = _listing(d)
    res = runner.invoke(app, case.args(d))
    err = res.stderr
    assert "Traceback" not in err and "Traceback" not in res.stdout
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"{case_id}: crashed with {res.exception!r}") from res.exception
    if case.expect == "error":
        assert res.exit_code == 1, (case_id, res.stdout, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        errors = [ln for ln in lines if ln.startswith("error: ")]
        assert len(errors) == 1, err
        # a scenario file with several problems: the count, then one line per problem
        listed = errors[0] if not errors[0].endswith("problems:") else err
        assert case.match.lower() in listed.lower(), (case.match, listed)
        assert _listing(d) == before, "an error case wrote or changed a file"
        # a keyed message, written in the command's --lang (tests/test_error_language.py)
        keyed = [isinstance(e.message, Message) for e in raised]
        if case_id not in LEFT_ENGLISH and not _is_scenario_case(case) and raised:
            assert all(keyed), (case_id, [e.message for e in raised])
    elif case.expect == "usage":
        assert res.exit_code == 2, (case_id, err)
        assert _listing(d) == before
    else:
        assert res.exit_code == 0, (case_id, err)
        if case.expect == "warn":
            warns = [ln for ln in err.splitlines() if ln.startswith("warning: ")]
            assert any(case.match in w for w in warns), err
        if case.same_as is not None:
            ref = runner.invoke(app, [a.replace("{d}", str(d)) for a in case.same_as])
            assert ref.exit_code == 0
            got, want = json.loads(res.stdout), json.loads(ref.stdout)
            # the frames, not what produced them (meta: the input files differ)
            got, want = ({k: v for k, v in d.items() if k != "meta"} for d in (got, want))
            if "index" in got or len(got) == 1:
                if "index" not in got:
                    (got,), (want,) = got.values(), want.values()
                assert got["index"] == want["index"] and got["columns"] == want["columns"]
                np.testing.assert_allclose(
                    np.array(got["data"], dtype=float),
                    np.array(want["data"], dtype=float),
                    rtol=1e-12,
                )
            else:  # several frames (shock): the same numbers, bit for bit
                assert got == want
    if case.keep is not None:
        assert (d / case.keep).read_text() == "keep me\n"


# ----------------------------------------------------------------------- untrusted files
def test_openpyxl_parses_with_defusedxml() -> None:
    """openpyxl switches to defusedxml when it is installed (openpyxl.xml.DEFUSEDXML)."""
    from openpyxl.xml import DEFUSEDXML
    from openpyxl.xml.functions import fromstring

    from iocluster.io.safety import require_defusedxml

    assert DEFUSEDXML and require_defusedxml()
    assert "defusedxml" in (getattr(fromstring, "__module__", "") or "") or DEFUSEDXML
    from defusedxml import EntitiesForbidden

    with pytest.raises(EntitiesForbidden):
        fromstring(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')


def test_zip_bomb_cap_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Total decompressed size above the cap is refused before openpyxl reads anything."""
    import iocluster.io.safety as safety
    from iocluster.io import read_table

    monkeypatch.setattr(safety, "MAX_XLSX_BYTES", 1000)
    p = tmp_path / "t.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<x/>" + " " * 5000)
    with pytest.raises(TableFormatError, match=r"t\.xlsx: the workbook would decompress"):
        read_table(p)


def test_csv_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import iocluster.io.safety as safety
    from iocluster.io.cells import load_csv

    monkeypatch.setattr(safety, "MAX_CSV_FIELDS", 5)
    p = tmp_path / "wide.csv"
    p.write_text("a,b\n1,2,3,4,5,6,7\n")
    with pytest.raises(TableFormatError, match="line 2 has 7 fields"):
        load_csv(p)
    monkeypatch.setattr(safety, "MAX_CSV_LINE", 10)
    p.write_text("a,b\n" + "1" * 11 + "\n")
    with pytest.raises(TableFormatError, match="line 2 is 11 characters long"):
        load_csv(p)


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    """Inputs are opened read-only: a run leaves the table file byte-for-byte unchanged."""
    import shutil

    p = tmp_path / "economy.xlsx"
    shutil.copy(ECONOMY, p)
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    res = runner.invoke(app, ["multipliers", str(p), "-f", "json"])
    assert res.exit_code == 0
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


# ----------------------------------------------------------------------- numerics
def test_near_singular_system_warns_with_condition_number() -> None:
    """A = [[0, 1 − ε], [1, 0]] has ρ(A) = sqrt(1 − ε) < 1 but cond(I − A) ≈ 4/ε."""
    from iocluster.core.engine import factorise

    eps = 1e-14
    with pytest.warns(NumericalWarning, match=r"condition number about [0-9.]+ × 10\^1[45]"):
        factorise(np.array([[0.0, 1.0 - eps], [1.0, 0.0]]))


def test_exactly_singular_system_is_an_error() -> None:
    from iocluster.core.engine import factorise

    with pytest.raises(NotProductiveError, match="singular"):
        factorise(np.array([[0.0, 1.0], [1.0, 0.0]]))


def test_negative_output_is_refused_before_any_solve() -> None:
    """Bug found by the corpus: negative output gave a zero column of A and silent
    multipliers; now the factorisation names the sector."""
    from iocluster.table import IOTable

    t = IOTable.from_arrays(
        Z=[[10, 5], [5, 10]], Y=[[-30], [20]], V=[[-20, 20]], codes=["A", "B"], x=[-15, 35]
    )
    with pytest.raises(IOClusterError, match="sector 'A' has negative output"):
        _ = t.leontief


def test_unproductive_table_is_refused() -> None:
    """Bug found by the corpus: an A with spectral radius > 1 gave negative multipliers
    with exit 0; ρ(A) = 1.2 here (columns sum to 1.2)."""
    from iocluster.table import IOTable

    t = IOTable.from_arrays(
        Z=[[60, 60], [60, 60]], Y=[[-20], [-20]], V=[[-20, -20]], codes=["A", "B"]
    )
    with pytest.raises(NotProductiveError, match="not productive"):
        _ = t.leontief


def test_zero_output_sector_warns() -> None:
    from iocluster.errors import AssumptionWarning
    from iocluster.table import IOTable

    t = IOTable.from_arrays(Z=[[10, 0], [0, 0]], Y=[[90], [0]], V=[[80, 0]], codes=["A", "B"])
    with pytest.warns(AssumptionWarning, match="zero output: B"):
        _ = t.leontief


_TOTALS_SCRIPT = """
import json, sys
from iocluster.io import read_table
from iocluster.analysis.multipliers import multipliers
t = read_table(sys.argv[1])
m = multipliers(t)
print(json.dumps([float(v) for v in m.to_numpy().ravel()]))
"""


def _totals(threads: str) -> list[float]:
    env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
           "MKL_NUM_THREADS": threads}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", _TOTALS_SCRIPT, str(ECONOMY)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_results_are_deterministic_across_thread_counts() -> None:
    """Reported multipliers agree to 1e-12 relative with 1 and 2 BLAS threads."""
    one, two = _totals("1"), _totals("2")
    np.testing.assert_allclose(one, two, rtol=1e-12)


def test_monte_carlo_is_deterministic_for_a_seed() -> None:
    args = ["shock", str(ECONOMY), str(RANGES), "--draws", "40", "--seed", "7", "-f", "json"]
    a, b = runner.invoke(app, args), runner.invoke(app, args)
    assert a.exit_code == 0, a.stderr
    assert a.stdout == b.stdout


# ----------------------------------------------------------------------- interrupted runs
def test_ctrl_c_during_monte_carlo_leaves_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KeyboardInterrupt raised from inside the Monte Carlo loop: exit 130, no report,
    no temporary file, an existing report untouched."""
    import iocluster.scenarios.montecarlo as mc

    calls = {"n": 0}
    real = mc.run_group  # one unit of batches of draws

    def interrupted(*args: object, **kw: object) -> object:
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(mc, "run_group", interrupted)
    out = tmp_path / "report.xlsx"
    args = ["--draws", "5000", "-j", "1", "-o", str(out)]  # several units of work
    res = runner.invoke(app, ["shock", str(ECONOMY), str(RANGES), *args])
    assert res.exit_code == 130 and calls["n"] > 1
    assert "nothing was written" in res.stderr
    assert list(tmp_path.iterdir()) == []
    out.write_text("old report")
    calls["n"] = 0
    res = runner.invoke(app, ["shock", str(ECONOMY), str(RANGES), *args, "--force"])
    assert res.exit_code == 130
    assert out.read_text() == "old report" and list(tmp_path.iterdir()) == [out]


def test_ctrl_c_while_writing_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt inside the writer (after part of the file exists) removes the part."""
    import iocluster.io.workbook as wbmod
    from iocluster.datasets import miller_blair_2_3
    from iocluster.io import write_table

    def half_then_interrupt(path: Path, sheets: object) -> None:
        Path(path).write_bytes(b"PK partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(wbmod, "write_xlsx", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_table(miller_blair_2_3(), tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_out_of_memory_is_one_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A MemoryError (a table too large for the machine) is one line and exit 1, not a
    traceback; nothing is written."""
    import iocluster.io

    def no_memory(*args: object, **kw: object) -> object:
        raise MemoryError

    monkeypatch.setattr(iocluster.io, "read_table", no_memory)  # load_table looks it up
    out = tmp_path / "m.json"
    res = runner.invoke(app, ["multipliers", str(ECONOMY), "-f", "json", "-o", str(out)])
    assert res.exit_code == 1, res.output
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1 and "not enough memory" in errors[0]
    assert "Traceback" not in res.output and not out.exists()


def test_warnings_do_not_become_errors_for_valid_tables() -> None:
    from iocluster.io import read_table

    with warnings.catch_warnings():
        warnings.simplefilter("error", NumericalWarning)
        t = read_table(ECONOMY)
        _ = t.leontief
