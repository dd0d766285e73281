"""Issue 18, item 3: sizes of work and memory are checked up front against budgets.

Every case runs through the command line: exit 1, one ``error:`` line naming the option
(or file and key) and the ``IOCLUSTER_MAX_...`` variable that raises the budget; then the
same command with the variable raised runs. Budgets are lowered through the environment
so that the tests stay small and fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
RANGES = ROOT / "data" / "scenarios" / "shock_kinds.toml"
TEXTILES = ROOT / "data" / "scenarios" / "textile_integration.toml"

runner = CliRunner()


def _error(argv: list[str]) -> str:
    res = runner.invoke(app, [str(a) for a in argv])
    assert res.exit_code == 1, (res.stdout, res.stderr, res.exception)
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, res.stderr
    return errors[0]


def _ok(argv: list[str]) -> None:
    res = runner.invoke(app, [str(a) for a in argv])
    assert res.exit_code == 0, res.stderr


def test_a_billion_draws_is_refused_up_front() -> None:
    err = _error(["shock", ECONOMY, RANGES, "--draws", "1000000000"])
    assert "--draws 1,000,000,000" in err and "IOCLUSTER_MAX_DRAWS" in err


def test_draws_budget_can_be_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOCLUSTER_MAX_DRAWS", "10")
    argv = ["shock", ECONOMY, RANGES, "--draws", "20", "-f", "json"]
    assert "above the budget of 10 Monte Carlo draws" in _error(argv)
    monkeypatch.setenv("IOCLUSTER_MAX_DRAWS", "20")
    _ok(argv)


def test_draws_in_a_scenario_file_are_checked(tmp_path: Path) -> None:
    p = tmp_path / "many.toml"
    p.write_text("draws = 1000000000\n" + RANGES.read_text(encoding="utf-8"), encoding="utf-8")
    err = _error(["shock", ECONOMY, p])
    assert "many.toml: 'draws' 1,000,000,000" in err and "IOCLUSTER_MAX_DRAWS" in err


def test_invalid_budget_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOCLUSTER_MAX_DRAWS", "lots")
    err = _error(["shock", ECONOMY, RANGES, "--draws", "5"])
    assert "IOCLUSTER_MAX_DRAWS='lots'" in err


@pytest.mark.parametrize(
    ("option", "value", "env"),
    [("--top", "10000000", "IOCLUSTER_MAX_PATHS"), ("--depth", "1000000", "IOCLUSTER_MAX_DEPTH")],
)
def test_spa_sizes_are_refused_up_front(option: str, value: str, env: str) -> None:
    err = _error(["chains", ECONOMY, "-t", "TEX", option, value])
    assert f"{option} {int(value):,}" in err and env in err


def test_listing_every_path_is_within_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["chains", ECONOMY, "-t", "TEX", "--top", "0", "--threshold", "0.01%", "-f", "json"]
    monkeypatch.setenv("IOCLUSTER_MAX_PATHS", "5")
    err = _error(argv)
    assert "--top 0 would list" in err and "IOCLUSTER_MAX_PATHS" in err
    monkeypatch.setenv("IOCLUSTER_MAX_PATHS", "100000")
    _ok(argv)


def test_spa_node_budget_names_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import iocluster.chains.spa as spa

    monkeypatch.setattr(spa, "MAX_NODES", 50)
    err = _error(["chains", ECONOMY, "-t", "TEX", "--threshold", "1e-9%"])
    assert "--threshold" in err and "IOCLUSTER_MAX_SPA_NODES" in err


def test_table_above_the_sector_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOCLUSTER_MAX_SECTORS", "10")
    err = _error(["multipliers", ECONOMY])
    assert "example_economy.xlsx: number of sectors 20" in err and "IOCLUSTER_MAX_SECTORS" in err


def test_large_csv_table_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The estimate comes from the file's lines and fields: the reader never runs."""
    import iocluster.io

    def never(*args: object, **kw: object) -> object:
        raise AssertionError("the table was read")

    p = tmp_path / "wide.csv"
    p.write_text("\n".join(",".join(["1"] * 400) for _ in range(400)) + "\n")
    monkeypatch.setattr(iocluster.io, "read_table", never)
    monkeypatch.setenv("IOCLUSTER_MAX_SECTORS", "100")
    err = _error(["info", p])
    assert "wide.csv: the table has at least this many sectors: 200" in err


def _scenario(n: int, name: str = "s") -> str:
    one = (
        '[[scenario]]\nname = "{}"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        '  sectors = ["TEX"]\n  category = "exports"\n  change = 5\n  unit = "absolute"\n'
    )
    return "".join(one.format(f"{name}{k}") for k in range(n))


@pytest.mark.parametrize(
    ("env", "limit", "text", "match"),
    [
        ("IOCLUSTER_MAX_SCENARIOS", "2", _scenario(3), "the number of [[scenario]] tables 3"),
        ("IOCLUSTER_MAX_TOML_STRING", "50", _scenario(1, "x" * 60), "'scenario[0].name' has"),
        ("IOCLUSTER_MAX_TOML_ARRAY", "3",
         _scenario(1).replace('["TEX"]', '["TEX", "TEX", "TEX", "TEX"]'),
         "the array at 'scenario[0].shock[0].sectors' has length 4"),
        ("IOCLUSTER_MAX_TOML_BYTES", "100", _scenario(2), "the file size"),
    ],
    ids=["scenarios", "string", "array", "bytes"],
)  # fmt: skip
def test_scenario_file_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str, limit: str, text: str, match: str
) -> None:
    p = tmp_path / "big.toml"
    p.write_text(text, encoding="utf-8")
    argv = ["shock", ECONOMY, p, "-f", "json"]
    _ok(argv)
    monkeypatch.setenv(env, limit)
    err = _error(argv)
    assert "big.toml" in err and match in err and env in err, err


def test_clusters_file_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "cl.toml"
    p.write_text('[clusters]\ntextiles = ["TEX", "APPAREL", "AGR_COTTON"]\n')
    monkeypatch.setenv("IOCLUSTER_MAX_TOML_ARRAY", "2")
    err = _error(["linkages", ECONOMY, "--clusters", p])
    assert "cl.toml: the array at 'clusters.textiles' has length 3" in err


def test_budgets_are_documented() -> None:
    """Every budget variable is in the README (the user's reference)."""
    from iocluster.core.budget import BUDGETS
    from iocluster.io.magnitude import VALUE

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [b.env for b in (*BUDGETS, VALUE) if b.env not in readme] == []


def test_max_iter_is_within_budget() -> None:
    err = _error(["update", ECONOMY, "--rows", ECONOMY, "--columns", ECONOMY,
                  "--max-iter", "1000000000000"])  # fmt: skip
    assert "--max-iter 1,000,000,000,000" in err and "IOCLUSTER_MAX_ITERATIONS" in err
