"""A scenario file is checked whole (issue 29, item 4): every problem found, up to
:data:`~iocluster.scenarios.problems.MAX_PROBLEMS`, is named in one run with its file,
scenario, shock and field; names are suggested from codes and sector names in the
table's languages; an unknown cluster without a clusters file says how to give one."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.errors import ScenarioError
from iocluster.scenarios.problems import MAX_PROBLEMS
from iocluster.scenarios.run import read_scenarios, run_scenarios

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_economy.xlsx"
runner = CliRunner()

FIVE_MISTAKES = """
[[scenario]]
name = "a"
  [[scenario.shock]]
  kind = "final_demand"
  sectors = ["TEX"]
  category = "exports"
  change = "ten"
  unit = "percnt"
  [[scenario.shock]]
  kind = "coefficents"
[[scenario]]
name = "b"
  [[scenario.shock]]
  kind = "coefficients"
  rows = ["IT"]
  cols = ["TEX"]
  value = 5
draws = -1
"""


def test_five_mistakes_take_one_run(tmp_path: Path) -> None:
    f = tmp_path / "five.toml"
    f.write_text(
        FIVE_MISTAKES.replace("draws = -1\n", "").replace(
            '[[scenario]]\nname = "a"', 'draws = -1\n[[scenario]]\nname = "a"', 1
        )
    )
    r = runner.invoke(app, ["shock", str(EXAMPLE), str(f)])
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert lines[0] == "error: five.toml: 5 problems:"
    listed = [ln for ln in lines[1:] if ln.startswith("  - five.toml: ")]
    assert len(listed) == 5 and len(lines) == 6, r.stderr
    text = r.stderr
    for where in ("scenario 'a', shock 1 (final_demand), field 'change'",
                  "scenario 'a', shock 1 (final_demand), field 'unit'",
                  "scenario 'a', shock 2, field 'kind'",
                  "scenario 'b', shock 1 (coefficients), field 'balance'",
                  "'draws' must be a non-negative integer"):  # fmt: skip
        assert where in text, where
    assert "did you mean 'percent'" in text and "did you mean 'coefficients'" in text


def test_names_resolved_against_the_table_are_all_named_with_the_file(tmp_path: Path) -> None:
    f = tmp_path / "names.toml"
    f.write_text(
        '[[scenario]]\nname = "a"\n'
        '  [[scenario.shock]]\n  kind = "final_demand"\n  sectors = ["TEXX"]\n'
        '  category = "exports"\n  change = 10\n'
        '  [[scenario.shock]]\n  kind = "final_demand"\n  sectors = ["fashion"]\n'
        '  category = "exports"\n  change = 10\n'
    )
    r = runner.invoke(app, ["shock", str(EXAMPLE), str(f)])
    assert r.exit_code == 1
    assert r.stderr.startswith("error: names.toml: 2 problems:")
    assert "names.toml: scenario 'a', shock 1 (final_demand), field 'sectors': 'TEXX'" in r.stderr
    assert "did you mean 'TEX'" in r.stderr
    # 'fashion' is close to nothing: it may be a cluster of a clusters file not given
    assert "give the file (--clusters FILE" in r.stderr


def test_a_single_problem_keeps_its_one_line(tmp_path: Path) -> None:
    f = tmp_path / "one.toml"
    f.write_text(
        '[[scenario]]\nname = "a"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        '  sectors = ["TEXX"]\n  category = "exports"\n  change = 10\n'
    )
    r = runner.invoke(app, ["shock", str(EXAMPLE), str(f)])
    assert r.exit_code == 1 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("error: one.toml: scenario 'a', shock 1 (final_demand)")


def test_the_list_is_bounded(tmp_path: Path) -> None:
    shocks = "".join(
        f'  [[scenario.shock]]\n  kind = "final_demand"\n  sectors = ["NOPE{i}"]\n'
        '  category = "exports"\n  change = 1\n'
        for i in range(MAX_PROBLEMS + 5)
    )
    f = tmp_path / "many.toml"
    f.write_text(f'[[scenario]]\nname = "a"\n{shocks}')
    t = __import__("iocluster").read_table(EXAMPLE)
    with pytest.raises(ScenarioError) as exc:
        run_scenarios(t, read_scenarios(f, t))
    assert len(exc.value.problems) == MAX_PROBLEMS
    assert str(exc.value.summary).endswith(
        f"{MAX_PROBLEMS + 5} problems (the first {MAX_PROBLEMS} listed)"
    )


def test_russian_name_suggests_the_sector_it_means(uzbekistan) -> None:  # type: ignore[no-untyped-def]
    from iocluster.scenarios.run import run_document

    doc = {"scenario": [{"name": "a", "shock": [
        {"kind": "final_demand", "category": "exports", "change": 10,
         "sectors": ["Услуги в области компьютерного программирования"]}]}]}  # fmt: skip
    with pytest.raises(ScenarioError, match=r"did you mean 'J62'"):
        run_document(uzbekistan, doc)


def test_problems_are_listed_in_the_command_language(tmp_path: Path) -> None:
    """The count and every problem in the language of --lang (issue 28), its place too
    (scenario, shock, field in the language), with the names as the file spells them."""
    import re

    f = tmp_path / "five.toml"
    f.write_text(FIVE_MISTAKES)
    en = runner.invoke(app, ["shock", str(EXAMPLE), str(f)]).stderr.splitlines()
    ru = runner.invoke(app, ["shock", str(EXAMPLE), str(f), "--lang", "ru"]).stderr.splitlines()
    assert len(ru) == len(en) == 6
    assert ru[0].endswith("five.toml: 5 ошибок:")
    names = re.compile(r"'[^']*'|\(\w+\)|\d+")
    for line_en, line_ru in zip(en[1:], ru[1:], strict=True):
        file_en, place_en = line_en.split(": ")[:2]
        file_ru, place_ru = line_ru.split(": ")[:2]
        assert file_ru == file_en and names.findall(place_ru) == names.findall(place_en)
        assert re.match(r"сценарий '\w', шок \d", place_ru), place_ru  # no English place
        assert line_ru != line_en  # what is wrong: in Russian
    assert any("ожидалось число, получено 'ten'" in ln for ln in ru)
