"""The README stays true: its Python example runs, and every command it names exists."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks, "README has no Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_readme_commands_exist() -> None:
    shell = "\n".join(re.findall(r"```bash\n(.*?)```", README, re.S))
    names = set(re.findall(r"^\s*iocluster ([a-z][a-z-]+)", shell, re.M))
    names |= set(re.findall(r"`iocluster ([a-z][a-z-]+)", README))
    assert {"analyze", "shock", "multipliers", "validate"} <= names
    runner = CliRunner()
    for name in sorted(names):
        result = runner.invoke(app, [name, "--help"], env={**os.environ, "COLUMNS": "120"})
        assert result.exit_code == 0, f"README names 'iocluster {name}', which does not exist"


def test_readme_command_options_exist() -> None:
    """Every --option the README's shell examples pass exists on that command."""
    shell = "\n".join(re.findall(r"```bash\n(.*?)```", README, re.S)).replace("\\\n", " ")
    runner = CliRunner()
    checked = 0
    for line in shell.splitlines():
        m = re.match(r"\s*iocluster ([a-z][a-z-]+)(.*)", line.split("#")[0])
        if not m:
            continue
        helptext = runner.invoke(app, [m.group(1), "--help"], env={**os.environ, "COLUMNS": "200"})
        for opt in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2)):
            assert opt in helptext.stdout, f"README: 'iocluster {m.group(1)} {opt}' does not exist"
            checked += 1
    assert checked > 20


def test_readme_starts_with_the_two_commands() -> None:
    head = README[: README.index("## Contents")]
    assert "make demo" in head and "make test" in head
