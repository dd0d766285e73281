"""The message catalogues (issue 28): every key in every language, the same placeholders
everywhere, the plural forms each language has, Uzbek in Cyrillic with no Latin word but
codes and symbols, and every code the library can emit has its text (found by walking the
source for ``Message("code", …)``, not by sampling reports)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from iocluster.core.messages import LANGS, Message, catalogue, render
from iocluster.core.uzcyrl import FOREIGN_ACRONYMS

PACKAGE = Path(__file__).resolve().parents[1] / "iocluster"


def _texts(entry: str | tuple[str, ...]) -> tuple[str, ...]:
    return entry if isinstance(entry, tuple) else (entry,)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_every_key_in_every_language(lang: str) -> None:
    en, other = catalogue("en").texts, catalogue(lang).texts
    missing = sorted(set(en) - set(other))
    assert not missing, f"{lang} lacks {missing[:20]}"
    extra = sorted(set(other) - set(en))
    assert not extra, f"{lang} has keys English has not: {extra[:20]}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    en = catalogue("en").texts
    bad = []
    for key, entry in catalogue(lang).texts.items():
        want = set().union(*(_fields(t) for t in _texts(en[key])))
        for text in _texts(entry):
            if _fields(text) - want or (want - _fields(text)) - {"n"}:
                bad.append((key, text))
    assert not bad, bad[:10]


def test_plural_forms_follow_each_language() -> None:
    assert render(Message("count.sectors", n=2), "ru") == "2 отрасли"
    assert render(Message("count.sectors", n=11), "ru") == "11 отраслей"
    assert render(Message("count.sectors", n=21), "ru") == "21 отрасль"
    assert render(Message("count.sectors", n=1), "en") == "1 sector"
    assert render(Message("count.sectors", n=3), "uz-Cyrl") == "3 та тармоқ"
    for lang in LANGS:
        forms = [e for e in catalogue(lang).texts.values() if isinstance(e, tuple)]
        assert forms and all(len(f) == len(forms[0]) for f in forms), lang


#: Latin words an Uzbek Cyrillic text may keep: placeholders, options, codes, symbols.
_LATIN = re.compile(r"[A-Za-z][A-Za-z']*")


def latin_words(text: str) -> list[str]:
    """Latin words of a uz-Cyrl text that are neither placeholders, options, names with
    underscores, codes with digits, one-letter symbols nor foreign acronyms."""
    text = re.sub(
        r"\{[^{}]*\}|(?<![\w'])--?[A-Za-z][\w-]*|\w*_\w*|\w*\d\w*"
        r"|\S*[\u0300-\u036f⁰-⁹₀-₉]\S*",  # formulas: x̂⁻¹Lx̂, y₀
        " ",
        text,
    )
    out = []
    for w in _LATIN.findall(text):
        if len(w) == 1 or w.upper() in FOREIGN_ACRONYMS:
            continue
        if w.lower() in ("csv", "xlsx", "json", "toml", "npz", "png", "svg", "code", "name",
                         "ln", "log", "min", "max", "ru", "uz", "en", "cyrl"):  # fmt: skip
            continue
        out.append(w)
    return out


def test_uzbek_cyrillic_has_no_latin_words() -> None:
    bad = {
        key: latin_words(t)
        for key, entry in catalogue("uz-Cyrl").texts.items()
        for t in _texts(entry)
        if latin_words(t)
    }
    assert not bad, list(bad.items())[:20]


def test_the_check_catches_a_planted_english_word() -> None:
    assert latin_words("Кўрсаткичлар {n} та — output, --top N, C13.1, SHA-256, x̂") == ["output"]


def _emitted_codes() -> dict[str, str]:
    """Every literal code of ``Message("…")`` in the package, with where it is."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Message"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_every_code_the_library_emits_has_a_text() -> None:
    en = catalogue("en").texts
    missing = {code: where for code, where in _emitted_codes().items() if code not in en}
    assert not missing, missing


def test_a_code_without_a_text_shows_itself() -> None:
    assert render(Message("no.such.code", x=1), "ru") == "no.such.code(x=1)"


def test_every_literal_message_fills_every_placeholder_of_its_text() -> None:
    """A ``Message("code", name=…)`` written in the source with its parameters as
    keywords (no ``**params`` nor a parameters dict) gives every ``{placeholder}`` of
    the code's English text: an unfilled one is printed as it is ("…or with {command})",
    the validation's units check until this test). Plural texts may leave out ``n``."""
    en = catalogue("en").texts
    unfilled = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Message"
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and all(k.arg is not None for k in node.keywords)  # no **params
            ):
                continue
            code = node.args[0].value
            if code not in en:
                continue
            want = set().union(*(_fields(t) for t in _texts(en[code])))
            missing = want - {k.arg for k in node.keywords}
            if missing:
                unfilled.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", code, missing))
    assert not unfilled, unfilled
