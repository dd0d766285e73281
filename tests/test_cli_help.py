"""The command line's help in every language: every command and parameter says its help by
key of the ``help`` catalogue, in all four languages; ``--help`` is written in the language
of ``--lang`` (before or after ``--help``, ``--lang X`` or ``--lang=X``), else of
``IOCLUSTER_LANG``, else in English, Click's own words included; the English help is
what it was."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Collection, Iterator

import pytest
import typer.main
from typer import _click
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.cli.app import help_key
from iocluster.cli.help import HELP_CODES, HELP_OPTION, args_language, help_language, help_text
from iocluster.core.messages import LANGS, catalogue
from tests.test_catalogues import latin_words

GROUP = typer.main.get_command(app)
COMMANDS: dict[str, _click.Command] = dict(GROUP.commands)  # type: ignore[attr-defined]
RUNNER = CliRunner()
#: Click's own words, by key.
CLICK_WORDS = ("usage", "arguments", "options", "commands", "default", "env_var", "required")
#: Proper names a Russian help may keep in Latin letters (authors, products), as the other
#: Russian catalogues do.
NAMES = {
    "Miller", "Blair", "Dietzenbacher", "Lahr", "Strassert", "Koopman", "Wang", "Wei", "Zhu",
    "Feser", "Bergman", "Louvain", "Dask", "Excel", "RAS", "GRAS", "MST",
}  # fmt: skip
#: Words that would betray an English text in the Uzbek (Latin) help.
ENGLISH = {
    "the", "and", "of", "or", "with", "to", "for", "by", "this", "Show", "message", "exit",
    "Usage", "Options", "Arguments", "Commands", "default", "required", "table", "file",
}  # fmt: skip


def _help(args: list[str], env: dict[str, str] | None = None) -> str:
    """The output of ``iocluster ARGS`` (a help), checked to exit with 0; the environment
    names no language unless ``env`` does."""
    result = RUNNER.invoke(app, args, env={"COLUMNS": "80", "IOCLUSTER_LANG": None, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.output


def _params(cmd: _click.Command) -> Iterator[_click.Parameter]:
    """A command's parameters as its help lists them (``--help`` too)."""
    ctx = _click.Context(cmd, info_name=cmd.name)
    yield from cmd.get_params(ctx)


def _codes_removed(output: str, cmd: _click.Command | None) -> str:
    """The words of a help, without its usage line and what is not words of a language:
    parameter names and metavars, command names, codes (:data:`HELP_CODES`) and the
    values of the ``[default: …]`` marks."""
    body = output.split("\n\n", 1)[1]
    body = re.sub(r"-\n\s*", "-", body)  # a word the wrapping broke after its hyphen
    text = " ".join(body.split())
    removed = [*HELP_CODES.values()]
    if cmd is not None:
        ctx = _click.Context(cmd, info_name=cmd.name)
        removed += [r[0] for p in cmd.get_params(ctx) if (r := p.get_help_record(ctx))]
    removed += list(COMMANDS)
    for item in sorted(removed, key=len, reverse=True):  # whole words only ("lab")
        text = re.sub(rf"(?<![\w-]){re.escape(' '.join(item.split()))}(?![\w-])", " ", text)
    return re.sub(r"\[[^\[\]]*\]", lambda m: re.sub(r": [^;\]]+", ":", m.group(0)), text)


def english_words(text: str, names: Collection[str] = ()) -> list[str]:
    """Latin words of a help that are not codes (:func:`latin_words`) nor ``names``."""
    return [w for w in latin_words(text) if w not in names]


def test_the_checker_finds_a_planted_english_word() -> None:
    cmd = COMMANDS["template"]
    out = _help(["template", "--help", "--lang", "uz-Cyrl"]).replace("ёзиш", "write", 1)
    assert english_words(_codes_removed(out, cmd)) == ["write"]


def test_every_command_and_parameter_has_its_help_key_in_every_language() -> None:
    texts = {lang: catalogue(lang).texts for lang in LANGS}
    keys = {"help.app", HELP_OPTION, *(f"help.click.{w}" for w in CLICK_WORDS)}
    assert GROUP.help == "help.app"
    for name, cmd in COMMANDS.items():
        assert cmd.help == help_key(name), name
        keys.add(cmd.help)
        for p in _params(cmd):
            key = getattr(p, "help", None)
            assert isinstance(key, str), (name, p.name)
            assert key == HELP_OPTION or key.startswith((f"{cmd.help}.", "help.opt.")), key
            keys.add(key)
    missing = {lang: sorted(keys - set(t)) for lang, t in texts.items() if keys - set(t)}
    assert not missing, missing
    unused = {k for k in texts["en"] if k.startswith("help.")} - keys
    assert not unused, f"keys no command uses: {sorted(unused)}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_helps_in_russian(name: str) -> None:
    out = _help([name, "--help", "--lang", "ru"])
    assert out.startswith(f"Использование: iocluster {name} ")
    assert "Параметры:" in out and "Показать эту справку и выйти." in out
    assert "Usage:" not in out and "Options:" not in out and "[default:" not in out
    assert help_text(help_key(name), "ru").split("\n")[0][:30] in " ".join(out.split())
    words = english_words(_codes_removed(out, COMMANDS[name]), NAMES)
    assert not words, words


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_helps_in_uzbek_cyrillic_from_the_environment(name: str) -> None:
    out = _help([name, "--help"], env={"IOCLUSTER_LANG": "uz-Cyrl"})
    assert out.startswith(f"Фойдаланиш: iocluster {name} ")
    assert "Параметрлар:" in out and "Ушбу ёрдамни кўрсатиш ва чиқиш." in out
    words = english_words(_codes_removed(out, COMMANDS[name]))
    assert not words, words


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_helps_in_uzbek_latin(name: str) -> None:
    out = _help([name, "--lang=uz", "--help"])
    assert out.startswith(f"Foydalanish: iocluster {name} ")
    text = _codes_removed(out, COMMANDS[name])
    words = set(re.findall(r"[A-Za-z']+", re.sub(r"\w*_\w*", " ", text)))
    assert not words & ENGLISH, words & ENGLISH


def test_lang_before_or_after_help_and_over_the_environment() -> None:
    ru = _help(["shock", "--help", "--lang", "ru"])
    assert _help(["shock", "--lang", "ru", "--help"]) == ru
    assert _help(["shock", "--lang=RU", "--help"], env={"IOCLUSTER_LANG": "uz"}) == ru
    words = " ".join(ru.split())
    assert "[обязательный]" in words and "[по умолчанию: compensation]" in words
    assert "Аргументы:" in words and "[переменная окружения: IOCLUSTER_LANG;" in words


def test_an_unknown_language_gives_the_english_help() -> None:
    en = _help(["shock", "--help"])
    assert _help(["shock", "--help", "--lang", "fr"]) == en
    assert _help(["shock", "--help"], env={"IOCLUSTER_LANG": "fr"}) == en
    refused = RUNNER.invoke(app, ["info", "x.xlsx", "--lang", "fr"])
    assert refused.exit_code == 2  # the command itself still refuses it


def test_the_command_list_in_russian() -> None:
    for args, env in (
        (["--help", "--lang", "ru"], None),
        (["--lang=ru", "--help"], None),
        (["--help"], {"IOCLUSTER_LANG": "ru"}),
    ):
        out = _help(args, env)
        assert out.startswith("Использование: iocluster ") and "Команды:" in out
        rows = dict(
            line.split(maxsplit=1) for line in out.split("Команды:\n")[1].splitlines() if line
        )
        assert set(rows) == set(COMMANDS)
        for name, short in rows.items():
            assert help_text(help_key(name), "ru").startswith(short.rstrip(".").rstrip()), name
        assert not english_words(_codes_removed(out, None), NAMES)


def test_no_arguments_shows_the_help_in_the_language_of_the_environment() -> None:
    result = RUNNER.invoke(app, [], env={"IOCLUSTER_LANG": "uz-Cyrl"})
    assert result.output.startswith("Фойдаланиш: iocluster ") and "Буйруқлар:" in result.output


#: ``iocluster template --help`` before the help moved into the catalogue.
TEMPLATE_HELP = """\
Usage: iocluster template [OPTIONS] {output}

  Write an empty, documented canonical workbook to fill in.

Arguments:
  output <path>  Where to write the empty workbook (.xlsx).  [required]

Options:
  --force                    Overwrite an existing output.
  --lang <en|ru|uz|uz-cyrl>  Language of every word it prints and writes: en,
                             ru, uz (Uzbek, Latin) or uz-Cyrl (Uzbek, Cyrillic);
                             default IOCLUSTER_LANG, else en.  [env var:
                             IOCLUSTER_LANG; default: en]
  --help                     Show this message and exit.
"""


def test_the_english_help_is_what_it_was() -> None:
    assert _help(["template", "--help"]) == TEMPLATE_HELP
    assert _help(["template", "--help", "--lang", "en"]) == TEMPLATE_HELP
    shock = " ".join(_help(["shock", "--help"]).split())
    for text in (
        "Usage: iocluster shock [OPTIONS] {table} {scenario}",
        "Apply the scenarios of a file to a table and report the impacts.",
        "With -o report.xlsx the IMPLAN-style workbook is written (Summary, Impacts by "
        "sector, Clusters, Multipliers before and after, Decomposition, Prices, Monte Carlo "
        "with --draws, Impacts detail, Assumptions).",
        "Run the Monte Carlo draws on the Dask cluster at this scheduler address "
        "(tcp://host:8786; needs pip install 'iocluster[dask]'); the same results.",
        "none: the open model only, no induced effects. [default: compensation]",
    ):
        assert text in shock, text
    multipliers = " ".join(_help(["multipliers", "--help"]).split())
    assert "Columns are {measure}_{kind}: kinds direct, indirect, simple, induced," in multipliers
    root = _help(["--help"])
    assert "Input-output analysis of industrial clusters and their service linkages." in root
    assert "  shock              Apply the scenarios of a file to a table and report..." in root


def test_the_help_language_is_read_from_the_arguments() -> None:
    assert args_language(["shock", "--help", "--lang", "ru"]) == "ru"
    assert args_language(["--lang=uz", "x", "--lang", "en"]) == "en"  # the last one, as Click
    assert args_language(["x", "--", "--lang", "ru"]) is None
    assert args_language(["--lang"]) is None
    assert help_language(["--lang", "UZ-CYRL"]) == "uz-Cyrl"
    assert help_language(["--lang", "xx"]) == "en"


def test_a_russian_help_loads_no_numerical_library() -> None:
    code = (
        "import sys\n"
        "from typer.main import get_command\n"
        "from iocluster.cli import app\n"
        "try:\n"
        "    get_command(app).main(['shock', '--help', '--lang', 'ru'], 'iocluster')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('numpy', 'pandas', 'scipy', 'openpyxl', 'matplotlib')\n"
        "print('|' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Показать эту справку и выйти." in out.stdout
    assert out.stdout.rstrip().endswith("|"), out.stdout[-200:]
