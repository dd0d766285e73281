"""The result tables of the single-purpose commands in ``--lang``: the title, the headers,
the categorical values (a check's name and status, a sector's key-sector class) and the
notes are in the language on the terminal, the numbers are the same in every language,
and ``--format csv`` keeps the codes (column names, categorical values) for scripts.

English words left in a Russian or Uzbek (Cyrillic) table are found by
:func:`english_words`: every Latin word but the codes (sector codes, file and option
names) and the table's own data (its sector names and title, which the file gives in
English). The unit caption (the line after the table that starts with the word "unit" in
the language) states units by the codes of the measures and is not read.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.io import read_table
from iocluster.reports.i18n import tr

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_economy.xlsx"
#: Wide enough for every column in every language (the same columns shown).
WIDE = {"COLUMNS": "2000"}
LANGS = ("ru", "uz-Cyrl")
#: Authors cited by name in Latin letters in the Russian notes.
AUTHORS = {"Dietzenbacher", "Lahr", "Strassert", "Miller", "Blair"}
#: Commands and the arguments after the table; the numbers of all but ``validate``
#: (whose numbers are in sentences) are compared across languages.
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "multipliers": ["multipliers", "--all"],
    "linkages": ["linkages", "--all"],
    "leontief": ["leontief", "--all"],
    "extract-each": ["extract", "--each", "--all"],
    "extract-sectors": ["extract", "--sectors", "TEX,FOOD"],
    "chains": ["chains", "--target", "TEX"],
    "clusters": ["clusters", "--all"],
    "clusters-louvain": ["clusters", "--method", "louvain", "--seed", "0", "--all"],
}
#: Codes a command's table shows besides the table's: the clustering method's name and
#: the names it gives the clusters and factors (``cluster_01``, ``factor_05``).
OWN_CODES: dict[str, set[str]] = {
    "clusters": {"feser", "bergman", "cluster", "factor"},  # "cluster 01" as a header
    "clusters-louvain": {"louvain", "cluster"},
}

runner = CliRunner()


def _run(args: list[str], lang: str, *more: str) -> str:
    res = runner.invoke(app, [args[0], str(EXAMPLE), *args[1:], *more, "--lang", lang], env=WIDE)
    assert res.exit_code == 0, (args, lang, res.stdout, res.stderr)
    return res.stdout


def _data_words() -> set[str]:
    """The words the table itself gives: sector codes (whole, and their parts as a
    header shows them: ``AGR COTTON``), names and its title."""
    t = read_table(EXAMPLE)
    text = " ".join([*map(str, t.codes), *map(str, t.names), t.meta.title, EXAMPLE.name])
    words = set(re.findall(r"[A-Za-z][A-Za-z_']*", text))
    return words | {part for w in words for part in w.split("_")}


def english_words(text: str, lang: str, codes: set[str] = frozenset()) -> list[str]:
    """Latin words of ``text`` (a command's terminal output in ``lang``) that are not
    codes: sector codes and other names with an underscore (``value_added``,
    ``cluster_01``), names and the table's title, file and option names
    (``--top``, ``-o``, ``csv``), one-letter symbols (``A``, ``L``), roman numerals
    (``тип II``), the authors cited and the command's own ``codes``; the unit caption is
    left out (module docstring)."""
    unit = tr("unit", lang).lower() + ":"
    kept = []
    for line in text.splitlines():
        if line.strip().startswith(unit):
            continue  # the unit caption and its continuation lines are the last ones
        kept.append(line)
    shown = "\n".join(kept)
    shown = re.sub(r"(?<![\w'])--?[A-Za-z][\w-]*|\b(csv|json|xlsx)\b|\S+\.xlsx", " ", shown)
    allowed = _data_words() | AUTHORS | codes
    shown = re.sub(r"\w*_\w*", " ", shown)  # codes: value_added, cluster_01
    words = re.findall(r"[A-Za-z][A-Za-z']*", shown)
    symbol = re.compile(r"[IVX]+|[A-Za-z]")  # тип II; A, L
    return sorted({w for w in words if w not in allowed and not symbol.fullmatch(w)})


def _without_unit_caption(text: str, lang: str) -> str:
    unit = tr("unit", lang).lower() + ":"
    lines = text.splitlines()
    cut = next((k for k, ln in enumerate(lines) if ln.strip().startswith(unit)), len(lines))
    return "\n".join(lines[:cut])


def numbers(text: str) -> list[str]:
    """The numbers in the rows of a terminal table, in order."""
    rows = [ln for ln in text.splitlines() if ln.startswith("│")]
    return re.findall(r"(?<![\w.,])[−-]?\d[\d,]*(?:\.\d+)?(?![\w])", "\n".join(rows))


def test_the_checker_finds_english_headers() -> None:
    old = "┃ code ┃ output simple ┃\n│ TEX  │ 1.814 │\nединица: billion UZS per output"
    assert english_words(old, "ru") == ["code", "output", "simple"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_speaks_the_language(name: str, lang: str) -> None:
    out = _run(COMMANDS[name], lang)
    assert english_words(out, lang, OWN_CODES.get(name, set())) == [], out
    assert out.splitlines()[0].strip(), "a title"


@pytest.mark.parametrize("lang", LANGS)
def test_validate_names_checks_and_statuses_in_words(lang: str) -> None:
    from iocluster.reports.check_words import check_label, status_label

    out = _run(COMMANDS["validate"], lang)
    assert check_label("row identity", lang) in out
    assert status_label("PASS", lang) in out
    assert "PASS" not in out and "row identity" not in out
    assert tr("status", lang) in out


@pytest.mark.parametrize("lang", LANGS)
def test_linkages_say_the_key_sector_class(lang: str) -> None:
    out = _run(COMMANDS["linkages"], lang)
    assert tr("key", lang) in out and tr("power_of_dispersion", lang).split()[0] in out
    assert "backward-oriented" not in out and "key_sector" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_clusters_say_the_roles_and_statistics(lang: str) -> None:
    out = _run(COMMANDS["clusters-louvain"], lang)
    assert tr("cluster.role.primary", lang) in out and tr("col.modularity", lang) in out
    assert "primary" not in out and "modularity" not in out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [n for n in COMMANDS if n != "validate"])
def test_the_numbers_are_the_same_in_every_language(name: str, lang: str) -> None:
    en = numbers(_without_unit_caption(_run(COMMANDS[name], "en"), "en"))
    other = numbers(_without_unit_caption(_run(COMMANDS[name], lang), lang))
    assert en and other == en


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in ("validate", "chains")])
def test_csv_keeps_the_codes(name: str) -> None:
    en = _run(COMMANDS[name], "en", "--format", "csv")
    assert _run(COMMANDS[name], "ru", "--format", "csv") == en


def test_validate_csv_keeps_names_and_statuses_as_codes() -> None:
    def frame(lang: str) -> pd.DataFrame:
        csv = _run(COMMANDS["validate"], lang, "--format", "csv")
        return pd.read_csv(io.StringIO(csv), index_col="name")

    en, ru = frame("en"), frame("ru")
    assert list(ru.columns) == list(en.columns) == ["status", "detail", "value"]
    assert ru.index.tolist() == en.index.tolist() and "row identity" in ru.index
    pd.testing.assert_series_equal(ru["status"], en["status"])
    pd.testing.assert_series_equal(ru["value"], en["value"])
    assert ru["detail"].tolist() != en["detail"].tolist()  # the details in the language


@pytest.mark.parametrize("name", ["multipliers", "linkages", "chains"])
def test_json_keeps_the_codes(name: str) -> None:
    def doc(lang: str) -> dict[str, object]:
        out = json.loads(_run(COMMANDS[name], lang, "--format", "json"))
        out["meta"].pop("command")  # the command line names its --lang
        return dict(out)

    en, ru = doc("en"), doc("ru")
    assert any(code in str(en) for code in ("output_simple", "key_sector", "services value"))
    assert ru == en


# ------------------------------------------------- regional commands (the README tour)
REGIONAL_DATA = (
    Path(__file__).resolve().parents[1] / "data" / "regional_employment_illustrative.csv"
)
CLUSTERS = Path(__file__).resolve().parents[1] / "data" / "clusters_uzbekistan.toml"


@pytest.fixture(scope="module")
def uz14(uzbekistan_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interregional table of the README tour (14 regions × the national table)."""
    out = tmp_path_factory.mktemp("tour") / "uz14.npz"
    args = ["interregional", str(uzbekistan_dir), str(REGIONAL_DATA), "-o", str(out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.stderr
    return out


def _titles(text: str) -> list[str]:
    """The title lines of a terminal output (the lines above each table's top rule)."""
    lines = text.splitlines()
    return [lines[k - 1].strip() for k, ln in enumerate(lines) if ln.startswith("┏") and k]


def _regional(args: list[str], lang: str, *more: str) -> str:
    res = runner.invoke(app, [*args, *more, "--lang", lang], env=WIDE)
    assert res.exit_code == 0, (args, lang, res.stdout, res.stderr)
    return res.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_regionalize_titles_and_headers_in_the_language(
    uzbekistan_dir: Path, tmp_path: Path, lang: str
) -> None:
    args = ["regionalize", str(uzbekistan_dir), str(REGIONAL_DATA), "--clusters", str(CLUSTERS)]
    out = _regional([*args, "-o", str(tmp_path / lang)], lang, "--top", "3")
    titles = _titles(out)
    assert len(titles) == 3 and all(english_words(t, lang) == [] for t in titles), titles
    assert tr("col.national", lang) in out and "national" not in out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["decompose", "tiva"])
def test_trade_titles_in_the_language(uz14: Path, command: str, lang: str) -> None:
    out = _regional([command, str(uz14)], lang, "--top", "3")
    titles = _titles(out)
    authors = {"Koopman", "Wang", "Wei", "Zhu"} if lang == "ru" else set()
    assert titles and all(english_words(t, lang, authors) == [] for t in titles), titles


@pytest.mark.parametrize("command", ["decompose", "tiva"])
def test_trade_csv_keeps_the_codes(uz14: Path, command: str) -> None:
    en = _regional([command, str(uz14)], "en", "--format", "csv")
    assert _regional([command, str(uz14)], "ru", "--format", "csv") == en
