"""``iocluster analyze``: exit codes, the printed summary, the report and figures written
(issue 7). Through typer's runner on the application."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from iocluster.cli import app
from tests.test_reports import EXAMPLE, SCENARIO_TOML

runner = CliRunner()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    p = tmp_path_factory.mktemp("scen") / "textile_services.toml"
    p.write_text(SCENARIO_TOML, encoding="utf-8")
    return p


def test_analyze_example_with_scenario_writes_report_and_figures(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "demo"
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "--scenario", str(scenario), "-o", str(out)])
    assert r.exit_code == 0, r.output
    for text in ("Validation", "Multipliers", "Key sectors", "textile_services", "Summary",
                 "Key sectors (both linkage indices above 1)"):  # fmt: skip
        assert text in r.output
    wb = load_workbook(out / "analysis.xlsx")
    assert wb.sheetnames[0] == "Summary" and "Impacts by sector" in wb.sheetnames
    about = " ".join(str(c.value) for row in wb["About"].iter_rows() for c in row if c.value)
    assert "iocluster analyze" in about and "--scenario" in about
    figs = sorted(p.name for p in (out / "figures").iterdir())
    for stem in ("key_sectors", "multipliers", "value_added_chain", "impacts_by_sector",
                 "impacts_by_cluster"):  # fmt: skip
        assert f"{stem}.png" in figs and f"{stem}.svg" in figs
        assert (out / "figures" / f"{stem}.png").stat().st_size > 10_000


def test_analyze_without_output_prints_only(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "--quiet"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("The economy produces 164.1 trillion UZS of output")
    assert "┃" not in r.output and "wrote" not in r.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("lang", "word", "sheet"),
                         [("ru", "Экономика производит", "Сводка"),
                          ("uz", "Iqtisodiyot", "Xulosa")])  # fmt: skip
def test_lang_translates_summary_and_report(tmp_path, lang, word, sheet) -> None:  # type: ignore[no-untyped-def]
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "-o", str(tmp_path), "--lang", lang,
                            "--no-figures", "--quiet"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert word in r.output
    assert load_workbook(tmp_path / "analysis.xlsx").sheetnames[0] == sheet


def test_existing_report_needs_force(tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = ["analyze", str(EXAMPLE), "-o", str(tmp_path), "--no-figures", "--quiet"]
    assert runner.invoke(app, args).exit_code == 0
    before = (tmp_path / "analysis.xlsx").stat().st_mtime_ns
    r = runner.invoke(app, args)
    assert r.exit_code == 1 and "--force" in r.output
    assert (tmp_path / "analysis.xlsx").stat().st_mtime_ns == before
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_bad_inputs_exit_1_with_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[scenario]]\nname = "x"\n[[scenario.shock]]\nkind = "final_demand"\n'
                   'sectors = ["NOPE"]\ncategory = "exports"\nchange = 5\n',
                   encoding="utf-8")  # fmt: skip
    out = tmp_path / "o"
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "--scenario", str(bad), "-o", str(out)])
    assert r.exit_code == 1
    assert "NOPE" in r.output and "Traceback" not in r.output
    assert not (out / "analysis.xlsx").exists()
    r = runner.invoke(app, ["analyze", str(tmp_path / "missing.xlsx")])
    assert r.exit_code == 1 and "missing.xlsx" in r.output
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "--lang", "de"])
    assert r.exit_code == 2


# ------------------------------------------------- issue 14: closure, Monte Carlo
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "textile_integration.toml"


def _about(path: Path) -> str:
    wb = load_workbook(path)
    return " ".join(str(c.value) for row in wb[wb.sheetnames[-1]].iter_rows() for c in row)


def test_analyze_takes_closure_and_states_it_with_the_propensity(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 2: `analyze --closure` as `multipliers`; the About sheet states the
    closure and its implied propensity to consume, which equals the library's."""
    from iocluster.io import read_table
    from iocluster.model.closure import Closure, propensity_to_consume

    t = read_table(EXAMPLE)
    for income, column in (("compensation", "consumption"), ("value_added", "income")):
        out = tmp_path / income
        r = runner.invoke(app, ["analyze", str(EXAMPLE), "-o", str(out), "--no-figures", "-q",
                                "--closure", income, "--closure-column", column])  # fmt: skip
        assert r.exit_code == 0, r.output
        about = _about(out / "analysis.xlsx")
        mpc = propensity_to_consume(t, Closure(income=income, column=column))  # type: ignore[arg-type]
        assert f"{mpc:.3f}" in about
        assert "Marginal propensity to consume domestic products" in about
        assert ("value added per unit of output" in about) == (income == "value_added")
        assert f"--closure-column {column}" in about


def test_analyze_draws_writes_monte_carlo_sheets(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 8: `--draws` and `--seed` give the Monte Carlo sheets (totals and by
    sector, P5 ≤ P50 ≤ P95); the same seed gives the same numbers; the bundled file asks
    for none (draws = 0) so without the option there are none."""
    base = ["analyze", str(EXAMPLE), "-s", str(BUNDLED), "--no-figures", "-q"]
    r = runner.invoke(app, [*base, "-o", str(tmp_path / "none")])
    assert r.exit_code == 0, r.output
    assert "Monte Carlo" not in load_workbook(tmp_path / "none" / "analysis.xlsx").sheetnames
    sheets = {}
    for k in ("a", "b"):
        r = runner.invoke(app, [*base, "--draws", "40", "--seed", "7", "-o", str(tmp_path / k)])
        assert r.exit_code == 0, r.output
        wb = load_workbook(tmp_path / k / "analysis.xlsx")
        assert {"Monte Carlo", "Monte Carlo by sector"} <= set(wb.sheetnames)
        sheets[k] = [[c.value for c in row] for row in wb["Monte Carlo"].iter_rows(min_row=4)]
    assert sheets["a"] == sheets["b"]
    head = sheets["a"][0]
    rows = [dict(zip(head, r, strict=True)) for r in sheets["a"][1:] if r[0]]
    assert rows and all(r["P5"] <= r["P50"] <= r["P95"] for r in rows)
    assert all(r["Draws"] == 40 for r in rows)
    assert "Seed 7; draws: 40" in _about(tmp_path / "a" / "analysis.xlsx")


def test_analyze_draws_from_the_scenario_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 8: `draws` in the scenario file is enough for the Monte Carlo sheets."""
    text = BUNDLED.read_text(encoding="utf-8").replace("draws = 0", "draws = 25")
    scen = tmp_path / "with_draws.toml"
    scen.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(EXAMPLE), "-s", str(scen), "--no-figures", "-q",
                            "-o", str(tmp_path / "o")])  # fmt: skip
    assert r.exit_code == 0, r.output
    wb = load_workbook(tmp_path / "o" / "analysis.xlsx")
    assert {"Monte Carlo", "Monte Carlo by sector"} <= set(wb.sheetnames)
    assert "Seed 2024; draws: 25" in _about(tmp_path / "o" / "analysis.xlsx")


def test_shock_report_states_the_propensity(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The impact workbook's About sheet names the closure and its implied propensity."""
    from iocluster.io import read_table
    from iocluster.model.closure import propensity_to_consume

    out = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["shock", str(EXAMPLE), str(BUNDLED), "-o", str(out)])
    assert r.exit_code == 0, r.output
    mpc = propensity_to_consume(read_table(EXAMPLE))
    about = _about(out)
    assert "Type II closure (households endogenous)" in about
    assert (
        f"Marginal propensity to consume domestic products (implied by the closure) {mpc:.3f}"
        in about
    )


def test_analyze_without_compensation_row_keeps_type_i(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 2: `analyze` on a table without a compensation row writes the
    report with every Type I multiplier and no Type II column, and warns once how to
    obtain them; with --closure value_added the Type II columns are back."""
    from iocluster.io import read_table, write_table

    t = read_table(EXAMPLE)
    roles = tuple("other" if r == "compensation" else r for r in t.va_roles)
    path = write_table(t.replace(va_roles=roles), tmp_path / "nocomp.xlsx")
    r = runner.invoke(app, ["analyze", str(path), "-o", str(tmp_path / "o"), "-q",
                            "--no-figures"])  # fmt: skip
    assert r.exit_code == 0, r.output
    warn = [ln for ln in r.stderr.splitlines() if "Type II results" in ln]
    assert len(warn) == 1 and "--closure value_added" in warn[0]
    ws = load_workbook(tmp_path / "o" / "analysis.xlsx")["Multipliers"]
    heads = " ".join(str(c.value) for row in ws.iter_rows(max_row=6) for c in row if c.value)
    assert "Output multiplier, simple" in heads and "Type II" not in heads
    r2 = runner.invoke(app, ["analyze", str(path), "-o", str(tmp_path / "v"), "-q",
                             "--no-figures", "--closure", "value_added"])  # fmt: skip
    assert r2.exit_code == 0, r2.output
    ws2 = load_workbook(tmp_path / "v" / "analysis.xlsx")["Multipliers"]
    heads2 = " ".join(str(c.value) for row in ws2.iter_rows(max_row=6) for c in row if c.value)
    assert "Type II" in heads2


def test_analyze_takes_max_draws_and_scheduler_like_shock() -> None:
    """Issue 30 goal 6: ``--max-draws`` raises (and bounds) the draws budget and
    ``--scheduler`` sends the draws to a Dask scheduler, as for ``shock``: a budget below
    the draws is refused naming it, and an unreachable scheduler is one clear error
    naming its address (so the option reaches the Monte Carlo run)."""
    pytest.importorskip("distributed")
    import dask

    ranges = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "shock_kinds.toml"
    base = ["analyze", str(EXAMPLE), "--scenario", str(ranges), "--quiet", "--draws", "300"]
    low = runner.invoke(app, [*base, "--max-draws", "200"])
    assert low.exit_code == 1 and "above the budget of 200" in low.output
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        far = runner.invoke(app, [*base, "--max-draws", "300", "--scheduler", "tcp://127.0.0.1:9"])
    assert far.exit_code == 1, far.output
    assert "--scheduler tcp://127.0.0.1:9" in far.output and "Traceback" not in far.output
