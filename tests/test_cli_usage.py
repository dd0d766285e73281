"""Usage errors of the command line in its language (``iocluster.cli.usage``): a missing
argument, an unknown command or option, a value of the wrong kind. Said from what the
error knows (the parameter, the option, the command), never from Click's English words;
the English lines stay Click's, word for word; the exit code stays 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.core.messages import Message, render
from tests.test_catalogues import latin_words

runner = CliRunner()
EXAMPLE = "data/example_economy.xlsx"


def _last_lines(args: list[str], env: dict[str, str] | None = None) -> list[str]:
    res = runner.invoke(app, args, env=env)
    assert res.exit_code == 2, (args, res.output)
    assert "Traceback" not in res.output
    return [ln for ln in res.stderr.splitlines() if ln.strip()][-2:]


CASES = [
    (["shock"], "cli.usage.missing_argument", {"name": "'table'"}, "shock"),
    (["shockk"], "cli.usage.no_such_command_like", {"name": "'shockk'", "commands": "'shock'"}, ""),
    (["bogus"], "cli.usage.no_such_command", {"name": "'bogus'"}, ""),
    (["multipliers", EXAMPLE, "--kind", "x"], "cli.usage.no_such_option", {"name": "--kind"},
     "multipliers"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "code", "params", "command"), CASES)
def test_english_usage_errors_are_clicks_words(
    args: list[str], code: str, params: dict[str, str], command: str
) -> None:
    hint, error = _last_lines(args)
    path = f"iocluster {command} --help".replace("  ", " ")
    assert hint == f"Try '{path}' for help."
    english = {
        "cli.usage.missing_argument": "Error: Missing argument 'table'.",
        "cli.usage.no_such_command_like": "Error: No such command 'shockk'. Did you mean 'shock'?",
        "cli.usage.no_such_command": "Error: No such command 'bogus'.",
        "cli.usage.no_such_option": "Error: No such option: --kind",
    }
    assert error == english[code]


@pytest.mark.parametrize("lang", ["ru", "uz", "uz-Cyrl"])
@pytest.mark.parametrize(("args", "code", "params", "command"), CASES)
def test_usage_errors_in_the_language(
    args: list[str], code: str, params: dict[str, str], command: str, lang: str
) -> None:
    """With ``--lang`` (after the arguments) and with ``IOCLUSTER_LANG``: the hint and
    the error in the language; in Cyrillic, no Latin word but the names given."""
    path = f"iocluster {command} --help".replace("  ", " ")
    want = [
        render(Message("cli.usage.try", command=path), lang),
        render(Message("cli.usage.error", message=Message(code, **params)), lang),
    ]
    assert _last_lines([*args, "--lang", lang])[-1] == want[-1]
    assert _last_lines(args, env={"IOCLUSTER_LANG": lang}) == want
    assert "Error" not in want[1] and "Try" not in want[0]
    if lang == "uz-Cyrl":
        text = " ".join(want)
        for own in (path, *params.values()):
            text = text.replace(own, "")
        assert latin_words(text) == []


def test_a_value_of_the_wrong_kind_names_the_option_in_the_language() -> None:
    """The option is named in the language; why the value is wrong is Click's detail."""
    _, error = _last_lines(["multipliers", EXAMPLE, "--top", "abc", "--lang", "ru"])
    assert error.startswith("Ошибка: недопустимое значение '--top': ")
