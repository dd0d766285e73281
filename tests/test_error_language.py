"""Errors about bad files in the command's language (issue 28): the reader's keyed
message (:class:`~iocluster.core.messages.Message`) is written by the command line in
``--lang`` — the same file, sheet and cell, exit code 1, no traceback — and the errors
of the bad-input corpus are keyed messages, not English sentences (the corpus cases
themselves: ``tests/test_bad_inputs.py``, which checks the message type of each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.core.messages import Message, render
from tests.bad_inputs.make_corpus import _rows, _set, write_csv, write_xlsx
from tests.test_catalogues import latin_words

runner = CliRunner()
LANGS = ("ru", "uz", "uz-Cyrl")


def _error_line(args: list[str]) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 1, (args, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def _expected(lang: str, where: list[str | Message], what: Message) -> str:
    parts = ", ".join(render(p, lang) for p in where)
    return f"{render(Message('cli.error'), lang)} {parts}: {render(what, lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_cell_of_a_workbook_in_the_language(tmp_path: Path, lang: str) -> None:
    p = write_xlsx(tmp_path / "text_cell.xlsx", _set(_rows(), 2, 4, "12 units"))
    line = _error_line(["multipliers", str(p), "--lang", lang])
    where: list[str | Message] = [
        "text_cell.xlsx",
        Message("cli.sheet", name="IO"),
        Message("io.where.cell", ref="E3"),
    ]
    assert line == _expected(lang, where, Message("io.cell.not_number", found="'12 units'"))
    assert "expected a number" not in line and "sheet" not in line
    assert "text_cell.xlsx" in line and "'IO'" in line and "E3" in line
    if lang == "uz-Cyrl":  # Latin letters only in the user's file, sheet and text
        for own in ("text_cell.xlsx", "'IO'", "12 units"):
            line = line.replace(own, "")
        assert latin_words(line) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_cell_of_a_csv_file_in_the_language(tmp_path: Path, lang: str) -> None:
    p = write_csv(tmp_path / "text_cell.csv", _set(_rows(), 3, 3, "n/a"))
    line = _error_line(["multipliers", str(p), "--lang", lang])
    where: list[str | Message] = ["text_cell.csv", Message("io.where.cell", ref="D4")]
    assert line == _expected(lang, where, Message("io.cell.not_number", found="'n/a'"))
    assert "text_cell.csv" in line and "D4" in line and "expected" not in line


@pytest.mark.parametrize("lang", LANGS)
def test_no_table_block_in_the_language(tmp_path: Path, lang: str) -> None:
    p = tmp_path / "empty.csv"
    p.write_text("", encoding="utf-8")
    line = _error_line(["multipliers", str(p), "--lang", lang])
    assert line == _expected(lang, ["empty.csv"], Message("io.layout.no_block"))
    assert "intermediate block" not in line


@pytest.mark.parametrize("lang", LANGS)
def test_an_existing_output_is_refused_in_the_language(tmp_path: Path, lang: str) -> None:
    table = write_csv(tmp_path / "good.csv", _rows())
    out = tmp_path / "out.csv"
    out.write_text("keep me\n", encoding="utf-8")
    res = runner.invoke(app, ["multipliers", str(table), "-o", str(out), "--lang", lang])
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    want = render(Message("io.out.exists", path=str(out)), lang)
    assert res.stderr.strip() == f"{render(Message('cli.error'), lang)} {want}"
    assert "pass --force" not in res.stderr and "--force" in res.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_english_is_word_for_word_the_corpus_text(tmp_path: Path) -> None:
    """The English catalogue keeps the sentences the corpus README quotes."""
    p = write_xlsx(tmp_path / "text_cell.xlsx", _set(_rows(), 2, 4, "12 units"))
    line = _error_line(["multipliers", str(p)])
    assert line == (
        "error: text_cell.xlsx, sheet 'IO', cell E3: expected a number, found '12 units'"
    )
