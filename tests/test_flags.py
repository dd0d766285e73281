"""Issue 29, item 1: every sector the validation lists carries its flag and reason in
``linkages``, ``key_sectors``, ``extract --each``, the analyze workbook and its summary;
rankings set the flagged sectors aside (and say how many) unless ``--include-flagged``."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.analysis.extraction import extract_each
from iocluster.analysis.flags import FLAG_KINDS, FLAG_RULE, rank_unflagged, sector_flags
from iocluster.analysis.linkages import key_sectors
from iocluster.analysis.validate import validate_table
from iocluster.cli import app
from iocluster.core.messages import Message, render
from iocluster.datasets import miller_blair_2_3
from iocluster.reports.check_words import flag_label, reason_text
from iocluster.table import IOTable
from tests.conftest import json_doc
from tests.test_data_artefacts import artefact_table

runner = CliRunner()


def flagged_table() -> IOTable:
    """The hand-built artefact table (S1 sells 10 × its output, inventories −95) with
    S12 producing nothing and S5's value added short by 20 % of its output (a column
    identity failure), one sector per validation list."""
    t = artefact_table(12)
    Z, Y, V, x = t.Z.copy(), t.Y.copy(), t.V.copy(), t.x.copy()
    Z[11, :], Z[:, 11], Y[11, :], V[:, 11], x[11] = 0.0, 0.0, 0.0, 0.0, 0.0
    Y[:, 1] = x - Z.sum(axis=1) - Y[:, 0]  # rows close again through inventories
    V[0, :] = x - Z.sum(axis=0)  # so do the columns, but S5's
    V[0, 4] -= 0.2 * x[4]
    return IOTable.from_arrays(Z=Z, Y=Y, V=V, x=x, codes=list(t.codes), fd_names=list(t.fd_names),
                               fd_roles=list(t.fd_roles), va_names=list(t.va_names),
                               va_roles=list(t.va_roles))  # fmt: skip


def test_each_validation_list_flags_its_sectors_with_the_reason() -> None:
    t = flagged_table()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = sector_flags(t)
    assert f.loc["S1", "flag"] == "sales_above_output, negative_final_demand, linkage_outlier"
    assert str(f.loc["S1", "reason"]).startswith(
        "intermediate sales = 9.09 × output; inventories = "
    )
    assert f.loc["S12", "flag"] == "zero_output" and str(f.loc["S12", "reason"]) == "zero output"
    assert f.loc["S5", "flag"] == "identity"
    assert str(f.loc["S5", "reason"]) == "column identity: output − inputs = +20.0 % of output"
    assert (f.drop(index=["S1", "S5", "S12"])["flag"] == "").all()
    assert set(", ".join(f["flag"]).replace(" ", "").split(",")) - {""} <= set(FLAG_KINDS)
    assert sector_flags(miller_blair_2_3())["flag"].tolist() == ["", ""]


def _named(detail: str, codes: list[str]) -> set[str]:
    """Codes a check's detail names (a code followed by a space, "/" or the end)."""
    return {c for c in codes if re.search(rf"(?<![\w.]){re.escape(c)}(?=[ /,)]|$)", detail)}


def test_every_sector_a_check_names_is_flagged(uzbekistan: IOTable) -> None:
    """Invariant on the 2022 Uzbekistan table: each WARN/FAIL check that lists sectors
    names flagged sectors only, and the flags of a kind are as many as its check counts
    (16 sectors sell above output; 20 negative entries; N79 and C10.81 miss more than 10 %
    of output in their columns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checks = validate_table(uzbekistan).to_frame()
        f = sector_flags(uzbekistan)
    codes = list(uzbekistan.codes)
    bad = set(f.index[f["flag"] != ""])
    for name in ("intermediate sales above output", "negative final demand", "linkage outliers",
                 "column identity"):  # fmt: skip
        named = _named(str(checks.loc[name, "detail"]), codes)
        assert named and named <= bad, name
    kinds = f["flag"].str.split(", ")
    assert sum("sales_above_output" in k for k in kinds) == 16
    assert int(re.match(r"(\d+) sectors sell", str(checks.loc["intermediate sales above output",
                                                         "detail"])).group(1)) == 16  # type: ignore[union-attr]  # fmt: skip
    assert set(f.index[[("identity" in k) for k in kinds]]) == {"N79", "C10.81"}
    assert _named(str(checks.loc["column identity", "detail"]), codes) == {"N79", "C10.81"}
    assert str(f.loc["B07.1", "reason"]).startswith("intermediate sales = 15.70 × output")
    assert len(bad) == 27


def test_key_sectors_set_the_flagged_aside_unless_asked(uzbekistan: IOTable) -> None:
    """C23.2 leads the raw ranking (sales 2.33 × output, inventories −1.94 × output);
    by default the ranking starts with the first unflagged key sector and lists the
    flagged after it, unranked; include_flagged gives the raw order back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = key_sectors(uzbekistan, include_flagged=True)
        ranked = key_sectors(uzbekistan)
    assert raw.index[0] == "C23.2" and raw["rank"].tolist() == list(range(1, len(raw) + 1))
    assert raw["rank_score"].is_monotonic_decreasing
    ok = ranked[ranked["flag"] == ""]
    assert list(ranked.index[: len(ok)]) == list(ok.index) and ok.index[0] == "B09"
    assert ok["rank"].tolist() == list(range(1, len(ok) + 1))
    assert ranked["rank"].iloc[len(ok) :].isna().all()
    assert list(ok.index) == [c for c in raw.index if raw.loc[c, "flag"] == ""]
    assert set(ranked.index) == set(raw.index) and "8 sector(s) flagged" in str(
        ranked.attrs["note"]
    )


@pytest.mark.parametrize("include", [False, True])
def test_rank_unflagged_is_the_raw_ranking_without_the_flagged(include: bool) -> None:
    """Invariant: the ranked rows keep the raw order of the unflagged ones; ranks are
    1..k over them; every row is kept."""
    rng = np.random.default_rng(11)
    df = pd.DataFrame({"score": rng.normal(size=50),
                       "flag": rng.choice(["", "", "identity"], 50)},
                      index=[f"S{i}" for i in range(50)])  # fmt: skip
    out = rank_unflagged(df, df["score"], include_flagged=include, rank="rank")
    raw = df.sort_values("score", ascending=False)
    assert sorted(out.index) == sorted(df.index)
    if include:
        assert list(out.index) == list(raw.index) and out["rank"].tolist() == list(range(1, 51))
    else:
        k = int((df["flag"] == "").sum())
        assert list(out.index[:k]) == [c for c in raw.index if df.loc[c, "flag"] == ""]
        assert out["rank"].iloc[:k].tolist() == list(range(1, k + 1))
        assert out["rank"].iloc[k:].isna().all() and (out["flag"].iloc[k:] != "").all()


def test_extract_each_sets_the_flagged_aside() -> None:
    t = flagged_table()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        each = extract_each(t)
        raw = extract_each(t, include_flagged=True)
    assert list(each.index[-3:]) == sorted(
        ["S1", "S5", "S12"], key=lambda c: -each.loc[c, "output_loss"]
    )
    assert each["rank"].iloc[-3:].isna().all() and each["rank"].iloc[0] == 1
    assert raw["rank"].notna().all() and raw["output_loss"].is_monotonic_decreasing
    np.testing.assert_allclose(each.sort_index()["output_loss"], raw.sort_index()["output_loss"])
    assert list(each.columns[-2:]) == ["flag", "reason"]


def test_cli_linkages_and_extract_carry_flags(tmp_path: Path) -> None:
    """``linkages`` and ``extract --each`` in JSON carry flag and reason; the terminal
    lists the flagged sectors last and says so; --include-flagged ranks them."""
    from iocluster.io import write_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_table(flagged_table(), tmp_path / "t.xlsx")
    r = runner.invoke(app, ["linkages", str(path), "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json_doc(r.stdout)
    row = doc["data"][doc["index"].index("S1")]
    assert row[doc["columns"].index("flag")].startswith("sales_above_output")
    r = runner.invoke(app, ["linkages", str(path), "--all"], env={"COLUMNS": "160"})
    assert "3 sector(s) flagged by validation are listed last" in r.output
    codes = [ln.split("│")[1].strip() for ln in r.output.splitlines()
             if ln.startswith("│") and ln.split("│")[1].strip()]  # fmt: skip
    assert set(codes[-3:]) == {"S1", "S5", "S12"}
    r = runner.invoke(app, ["linkages", str(path), "--all", "--include-flagged"],
                      env={"COLUMNS": "160"})  # fmt: skip
    assert "listed last" not in r.output and "column identity" in r.output
    r = runner.invoke(app, ["extract", str(path), "--each", "-f", "json"])
    doc = json_doc(r.stdout)
    rank = doc["columns"].index("rank")
    assert doc["data"][doc["index"].index("S1")][rank] is None
    r = runner.invoke(app, ["extract", str(path), "--each", "-f", "json", "--include-flagged"])
    doc = json_doc(r.stdout)
    assert doc["data"][doc["index"].index("S1")][doc["columns"].index("rank")] >= 1


@pytest.mark.parametrize("lang", ["ru", "uz", "uz-Cyrl"])
def test_reasons_and_the_rule_read_in_every_language(lang: str) -> None:
    """Every reason phrase, flag name and the rule have a Russian and an Uzbek text."""
    from tests.test_report_language import english_left

    t = flagged_table()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = sector_flags(t)
    texts = [reason_text(r, lang) for r in f["reason"] if r]
    texts += [flag_label(", ".join(FLAG_KINDS), lang), render(FLAG_RULE, lang)]
    both = Message(
        "flag.then",
        first=Message("flag.other_fd", ratio=-0.8),
        then=Message("flag.row_identity", gap=2.0),
    )
    texts.append(render(both, lang))
    left = english_left(((str(k), x) for k, x in enumerate(texts)), lang, {"s1"})
    assert not left, left
    assert "15,70" in render(Message("flag.sales", ratio=15.7), lang)
    assert render(both, "en") == (
        "other final demand = −0.80 × output; row identity: uses − resources = +2.0 % of resources"
    )


@pytest.fixture(scope="module")
def analyses(uzbekistan: IOTable):  # type: ignore[no-untyped-def]
    from iocluster.pipeline.analyze import analyze

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyze(uzbekistan), analyze(uzbekistan, include_flagged=True)


SENTENCES = {
    "en": ("27 of 136 sectors are flagged by the validation", "Key sectors (both linkage "
           "indices above 1): 17 — B09", "; 8 more flagged by the validation and set aside."),
    "ru": ("27 из 136 отраслей отмечены проверкой", "Ключевых отраслей (оба индекса связей "
           "выше 1): 17 — B09", "; ещё 8 отмечены проверкой и не учитываются."),
    "uz": ("136 ta tarmoqdan 27 tasi tekshiruvda belgilangan", "Asosiy tarmoqlar (ikkala aloqa "
           "indeksi 1 dan yuqori): 17 ta — B09", "; yana 8 tasi tekshiruvda belgilangan va "
           "hisobga olinmagan."),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_summary_ranks_the_unflagged_and_says_how_many_were_set_aside(analyses, lang) -> None:  # type: ignore[no-untyped-def]
    from iocluster.reports.analysis.summary import summary_sentences

    plain, raw = analyses
    s = summary_sentences(plain, lang)
    flagged_sentence, key_start, key_end = SENTENCES[lang]
    assert s[2].startswith(flagged_sentence)
    assert s[3].startswith(key_start) and s[3].endswith(key_end)
    assert "C23.2" not in s[3] and "C13.1" in s[4]  # C10.5 (dairy, inventories) set aside
    r = summary_sentences(raw, lang)
    assert "C23.2†" in r[3] and "†" in r[2] and "C10.5" in r[4]


def test_workbook_marks_flags_and_states_the_rule(analyses, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from iocluster.reports.analysis.workbook import write_analysis_workbook

    plain, _ = analyses
    path = write_analysis_workbook(tmp_path / "a.xlsx", plain, lang="ru")
    wb = load_workbook(path)
    ws = wb["Ключевые отрасли"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.startswith("промежуточные продажи = 15,70 × выпуск") for c in cells)
    assert any("Отмеченные отрасли (не ранжируются): последние 27 строк" in c for c in cells)
    about = [c.value for row in wb["О расчёте"].iter_rows() for c in row if c.value]
    rule = next(str(v) for v in about if str(v).startswith("Отрасли из списков проверки"))
    assert "Отмечено отраслей: 27 из 136 (B05, B07.1" in rule
