"""Errors of bad files, options and scenario files in the user's language: the table's
checks, label lookups, the engine, extraction, multipliers, chains, export, regional
models, aggregation, RAS, supply-use tables, bridge and MARIO files, the scenario writer
and the lab raise keyed messages (:class:`~iocluster.core.messages.Message`), which the
command line writes in ``--lang`` — one line, exit code 1, no traceback, no English
sentence — while ``str(error)`` keeps its English words."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.core.messages import Message, render
from iocluster.errors import IOClusterError
from iocluster.reports.messages import error_text
from tests.bad_inputs.make_corpus import _rows, write_csv
from tests.test_catalogues import latin_words
from tests.test_error_language import _error_line

LANGS = ("ru", "uz", "uz-Cyrl")


def _in_language(line: str, lang: str, said: Message, own: tuple[str, ...] = ()) -> None:
    """``line`` says ``said`` in ``lang``, not in English; in Uzbek Cyrillic no Latin
    word is left but the user's own (``own``: file names, codes, options)."""
    assert render(said, lang) in line, (line, render(said, lang))
    assert str(said) not in line
    if lang == "uz-Cyrl":
        for word in own:
            line = line.replace(word, "")
        assert latin_words(line) == [], line


def _error_of(args: list[str], lang: str) -> str:
    """The one error line of a command (its warnings aside): exit code 1, no traceback."""
    res = CliRunner().invoke(app, [*args, "--lang", lang])
    assert res.exit_code == 1, res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    word = render(Message("cli.error"), lang)
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith(word)]
    assert len(errors) == 1, res.stderr
    return errors[0]


def _own_words_aside(text: str) -> str:
    """``text`` without the user's own words: quoted names and file names."""
    return re.sub(r"'[^']*'|\S+\.(?:csv|xlsx|toml)\b", " ", text)


def _raised(call: object, *args: object, **kw: object) -> IOClusterError:
    """The iocluster error ``call(*args, **kw)`` raises."""
    with pytest.raises(IOClusterError) as info:
        call(*args, **kw)  # type: ignore[operator]
    return info.value


def _keyed(exc: IOClusterError, english: str, own: tuple[str, ...] = ()) -> Message:
    """The error's keyed message, whose English is word for word the old sentence
    (``own``: names and symbols the message keeps in Uzbek Cyrillic too)."""
    assert isinstance(exc.message, Message), exc.message
    assert english in str(exc)
    for lang in LANGS:
        text = error_text(exc, lang)
        assert english not in text
        if lang == "uz-Cyrl":
            for word in own:
                text = text.replace(word, "")
            assert latin_words(_own_words_aside(text)) == [], text
    return exc.message


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "good.csv", _rows())


# ----------------------------------------------------------------- the table and engine
@pytest.mark.parametrize("lang", LANGS)
def test_negative_output_in_the_language(tmp_path: Path, lang: str) -> None:
    rows = _rows()
    rows[2][2:8] = [-10, 20, 5, -210, 15, -170]
    rows[5][2], rows[6][2], rows[7][2] = -190, 0, -170
    p = write_csv(tmp_path / "negative.csv", rows)
    line = _error_line(["leontief", str(p), "--lang", lang])
    said = Message("table.negative_output", sector="A01", value="-170", more="")
    _in_language(line, lang, said, ("negative.csv", "A01"))
    assert "negative output" not in line


@pytest.mark.parametrize("lang", LANGS)
def test_a_singular_system_in_the_language(tmp_path: Path, lang: str) -> None:
    rows = _rows()
    rows[2][2:8] = [0, 100, 0, 0, 0, 100]
    rows[3][2:8] = [100, 0, 0, 0, 0, 100]
    rows[4][2:8] = [0, 0, 15, 65, 0, 80]
    rows[5][2:5], rows[6][2:5] = [0, 0, 40], [0, 0, 25]
    rows[7][2:5], rows[8][2:5] = [100, 100, 80], [1, 1, 8]
    p = write_csv(tmp_path / "singular.csv", rows)
    line = _error_line(["leontief", str(p), "--lang", lang])
    assert "singular" not in line and "productive" not in line
    if lang == "uz-Cyrl":
        assert latin_words(line.replace("singular.csv", "")) == [], line


def test_english_is_kept_word_for_word() -> None:
    said = Message("table.negative_output", sector="A01", value="-170",
                   more=Message("table.and_more", count="2"))  # fmt: skip
    assert str(said) == "sector 'A01' has negative output -170 (and 2 more); expected output >= 0"
    said = Message("table.not_productive", colsum="1.25", sector="C13")
    assert str(said) == (
        "A is not productive (spectral radius >= 1): no output meets a positive final demand; "
        "the largest column sum of A is 1.25, at sector 'C13' (negative value added or mixed "
        "units?)"
    )


def test_duplicate_and_empty_labels_are_keyed() -> None:
    from iocluster.table import _unique_codes

    m = _keyed(_raised(_unique_codes, ["A", "B", "A"], "sector"),
               "duplicate sector label 'A' (positions 1 and 3)")  # fmt: skip
    assert render(m, "ru") == "повторяющаяся метка 'A' (отрасль; позиции 1 и 3)"
    _keyed(_raised(_unique_codes, ["A", ""], "final-demand category"),
           "final-demand category 2 has an empty label")  # fmt: skip


def test_a_changed_system_without_a_name_is_keyed() -> None:
    from iocluster.core.engine import factorise
    from iocluster.core.woodbury import LowRank, solve_updated

    system = factorise(np.array([[0.0, 0.5], [0.5, 0.0]]))
    # A' = A + U Vᵀ with a₁₂ = a₂₁ = 1: I − A' is singular
    up = LowRank(np.array([[0.0, 0.5], [0.5, 0.0]]), np.eye(2))
    exc = _raised(solve_updated, system, [up], [np.ones(2)])
    m = _keyed(exc, "update 1: the changed system I − A is singular")
    assert render(m, "ru") == "изменение 1: изменённая система I − A вырождена"


# ----------------------------------------------------------------- labels and options
@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_sector_in_the_language(good: Path, lang: str) -> None:
    line = _error_line(["extract", str(good), "--sectors", "A0l", "--lang", lang])
    hint = Message("io.hint.did_you_mean", name="'A01'")
    said = Message("table.unknown_label", what=Message("table.what.sector"), label="A0l",
                   hint=hint)  # fmt: skip
    _in_language(line, lang, said, ("--sectors", "A0l", "A01"))


@pytest.mark.parametrize("lang", LANGS)
def test_extraction_options_in_the_language(good: Path, lang: str) -> None:
    args = ["extract", str(good), "--sectors", "A01", "--lang", lang]
    line = _error_line([*args, "--mode", "partial"])
    _in_language(line, lang, Message("analysis.partial_share"), ("--sectors", "A01"))
    line = _error_line([*args, "--mode", "partial", "--share", "1.5"])
    _in_language(line, lang, Message("analysis.share_range", value="1.5"))
    line = _error_line([*args, "--mode", "backward", "--convention", "deletion"])
    said = Message("analysis.deletion_mode", mode="backward", option="--convention linkages")
    _in_language(line, lang, said, ("backward", "--convention linkages"))


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_cluster_in_the_language(good: Path, tmp_path: Path, lang: str) -> None:
    clusters = tmp_path / "clusters.toml"
    clusters.write_text('[clusters]\ntex = ["C13"]\n', encoding="utf-8")
    args = ["extract", str(good), "--cluster", "texx", "--clusters", str(clusters)]
    line = _error_line([*args, "--lang", lang])
    hint = Message("io.hint.did_you_mean", name="'tex'")
    said = Message("model.unknown_cluster", cluster="texx", hint=hint, clusters=("tex",))
    _in_language(line, lang, said, ("texx", "tex"))


@pytest.mark.parametrize("lang", LANGS)
def test_multiplier_options_in_the_language(good: Path, lang: str) -> None:
    line = _error_of(["multipliers", str(good), "--convention", "cerr"], lang)
    said = Message("analysis.cerr_needs_total", convention="CERR",
                   formula="A = Z / (output + imports)")  # fmt: skip
    _in_language(line, lang, said, ("A = Z / (output + imports)",))
    line = _error_of(["multipliers", str(good), "--format", "xlsx"], lang)
    said = Message("cli.xlsx_needs_output", format="--format xlsx", option="-o/--output",
                   path="PATH.xlsx")  # fmt: skip
    _in_language(line, lang, said, ("PATH.xlsx",))


def test_library_options_are_keyed() -> None:
    from iocluster.analysis.linkages import _check_forward
    from iocluster.analysis.multipliers import multipliers
    from iocluster.chains.spa import enumerate_paths
    from iocluster.datasets import miller_blair_2_3

    t = miller_blair_2_3()
    _keyed(_raised(_check_forward, "both"),
           "forward linkages basis must be 'ghosh' or 'leontief', got 'both'")  # fmt: skip
    kinds = ("indirect", "direct", "simple", "induced", "total", "type_I", "type_II")
    _keyed(_raised(multipliers, t, kinds=("typeI",)),
           "unknown multiplier kind 'typeI'; expected one of direct, indirect", kinds)  # fmt: skip
    closed = "the kinds induced, total and type_II are of the closed model"
    _keyed(_raised(multipliers, t, kinds=("induced",), closure=None), closed, (*kinds, "None"))
    _keyed(
        _raised(multipliers, t, measures=["jobs"]), "unknown multiplier measure 'jobs'", ("output",)
    )
    A, one = np.asarray(t.A), np.ones(2)
    _keyed(_raised(enumerate_paths, A, one, one, one, 0.0, 2),
           "the path threshold must be positive, got 0.0")  # fmt: skip


# ----------------------------------------------------------------- regional, ops
def test_regional_options_are_keyed() -> None:
    from iocluster.regional.interregional.gravity import distance_decay
    from iocluster.regional.regionalize import _check_delta, _check_method

    _keyed(_raised(_check_delta, 1.5), "FLQ δ must be in [0, 1), got 1.5")
    _keyed(_raised(_check_method, "lq"),
           "unknown location-quotient method 'lq'; expected slq|cilq|flq|aflq")  # fmt: skip
    _keyed(_raised(distance_decay, [[0, 1], [1, 0]], -1.0),
           "distance decay β must be a finite number >= 0, got -1.0")  # fmt: skip


def test_aggregation_ras_and_sut_are_keyed() -> None:
    from iocluster.datasets import miller_blair_2_3
    from iocluster.operations.aggregate import concordance_from_mapping, disaggregate
    from iocluster.operations.ras import gras, ras

    t = miller_blair_2_3()
    c = concordance_from_mapping({"S1": "X", "S3": "X"})
    _keyed(_raised(c.align, t.codes), "concordance names unknown sector 'S3'")
    _keyed(_raised(disaggregate, t, "S2", {"S2a": 0.5, "S2b": 0.6}),
           "shares of sector 'S2' sum to 1.1; expected 1")  # fmt: skip
    Z = np.array([[1.0, -1.0], [1.0, 1.0]])
    _keyed(_raised(ras, Z, [1.0, 2.0], [2.0, 1.0]),
           "RAS needs a non-negative matrix; entry (1, 2) is -1", ("GRAS", "RAS"))  # fmt: skip
    _keyed(_raised(ras, np.ones((2, 2)), [1.0, 2.0], [1.0, 1.0]),
           "inconsistent margins: row targets sum to 3 but column targets sum to 2")  # fmt: skip
    _keyed(_raised(gras, np.array([[1.0, 0.0], [0.0, 1.0]]), [-1.0, 1.0], [-1.0, 1.0]),
           "inconsistent margins: row '1' has only positive entries")  # fmt: skip


# ----------------------------------------------------------------- scenario-side files
@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("item,machinery\nA01,1\n", "bad.csv, row 1: expected a 'product' column"),
        ("product,machines\nS1,1\n", "bad.csv, row 1: unknown asset type 'machines'"),
        ("product,machinery\nS9,1\n", "'S9' is not a product of the table"),
        ("product,machinery\nS1,-1\nS2,2\n", "shares must not be negative"),
        ("product,machinery\nS1,0.5\n", "bad.csv, column 'machinery': the shares sum to 0.5"),
    ],
)
def test_bridge_file_errors_are_keyed(tmp_path: Path, text: str, english: str) -> None:
    from iocluster.datasets import miller_blair_2_3
    from iocluster.scenarios.investment import read_bridge

    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    exc = _raised(read_bridge, p, miller_blair_2_3())
    _keyed(exc, english, ("machinery", "construction", "transport", "ict", "other"))
    assert "bad.csv" in error_text(exc, "ru")


def test_a_missing_bridge_file_is_keyed(tmp_path: Path) -> None:
    from iocluster.datasets import miller_blair_2_3
    from iocluster.scenarios.investment import read_bridge

    p = tmp_path / "none.csv"
    exc = _raised(read_bridge, p, miller_blair_2_3())
    assert isinstance(exc.message, Message) and str(exc) == f"bridge file '{p}' not found"


def test_a_mario_row_with_an_unknown_sector_is_keyed(tmp_path: Path) -> None:
    from iocluster.scenarios.parse_mario import mario_document
    from tests.test_mario import FLAT, table, workbook

    rows = {"Y": [{"rf": "R", "sf": "S9", "rt": "R", "cat": "exports", "type": "Absolute",
                   "value": 1}]}  # fmt: skip
    exc = _raised(mario_document, workbook(tmp_path / "bad.xlsx", FLAT, rows), table())
    assert "bad.xlsx, sheet 'Y', row 2: unknown sector 'S9'" in str(exc)
    for lang in LANGS:
        text = error_text(exc, lang)
        assert "sheet" not in text and "row" not in text and "unknown" not in text
        assert "bad.xlsx" in text and "S9" in text


def test_the_scenario_writer_and_the_lab_are_keyed(tmp_path: Path) -> None:
    from iocluster.lab.session import LabConfig, open_choice, open_upload
    from iocluster.scenarios.write_toml import _value

    _keyed(
        _raised(_value, float("nan")), "cannot write the non-finite number nan to TOML", ("nan",)
    )
    _keyed(_raised(_value, object()), "cannot write object values to a scenario file", ("object",))
    _keyed(_raised(open_choice, LabConfig(root=tmp_path), "nope.xlsx"),
           "'nope.xlsx' is not a table of the lab's folder")  # fmt: skip
    data = tmp_path / "upload.bin"
    data.write_bytes(b"x")
    exc = _raised(open_upload, "notes.txt", data, tmp_path / "session")
    _keyed(exc, "notes.txt: a table is an ", ("notes.txt", "xlsm"))


def test_figures_without_data_are_keyed() -> None:
    pytest.importorskip("matplotlib")
    import pandas as pd

    from iocluster.reports.figures.regions import spillover_heatmap

    _keyed(_raised(spillover_heatmap, pd.DataFrame()), "no regions to draw")
