"""What a scenario run states, in every report language (issue 28): each assumption of
the run is a keyed message rendered from the catalogues — Russian, Uzbek and Uzbek
Cyrillic differ from English and the Cyrillic one has no Latin word but the table's
codes; the tax schedule names each instrument's kind and base in words of the language."""

from __future__ import annotations

from pathlib import Path

import pytest

from iocluster.core.messages import LANGS, Message, render
from iocluster.scenarios.run import run_document
from tests.test_catalogues import latin_words

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_economy.xlsx"

DOC = {
    "draws": 40,
    "seed": 7,
    "scenario": [
        {
            "name": "s",
            "fixed_output": ["TEX"],
            "shock": [
                {"kind": "final_demand", "sectors": ["APPAREL"], "category": "exports",
                 "change": [5, 15], "unit": "percent"},
                {"kind": "tax", "instrument": "new_levy", "sectors": ["IT"], "change": 1.0,
                 "unit": "points"},
            ],
        }
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from iocluster.io import read_table

    table = read_table(EXAMPLE)
    return table, run_document(table, DOC)


def _own_words(m: Message) -> set[str]:
    """The words a message's text parameters bring (codes, names, the user's words)."""
    out: set[str] = set()
    for v in m.params.values():
        for x in v if isinstance(v, list | tuple) else [v]:
            if isinstance(x, Message):
                out |= _own_words(x)
            elif isinstance(x, str):
                out |= {w.upper().strip("'") for w in x.replace("'", " ").split()}
    return out


def test_every_stated_assumption_is_a_message_in_every_language(run) -> None:  # type: ignore[no-untyped-def]
    table, res = run
    said = [a for a in res.assumptions if isinstance(a, Message)]
    codes = {a.code for a in said}
    assert {"scenarios.baseline", "scenarios.mc", "policy.capacity", "policy.tax_schedule",
            "policy.pass_through", "policy.fiscal_balance"} <= codes, codes  # fmt: skip
    own = {c.upper() for c in table.codes} | {"NEW_LEVY"}
    for a in said:
        en = render(a, "en")
        assert en == str(a) and "{" not in en
        for lang in LANGS[1:]:
            text = render(a, lang)
            assert text != en, (a.code, lang)
        mine = own | _own_words(a)
        cyr = [w for w in latin_words(render(a, "uz-Cyrl")) if w.upper().strip("'") not in mine]
        assert not cyr, (a.code, cyr)


def test_the_tax_schedule_names_kind_and_base_in_words(run) -> None:  # type: ignore[no-untyped-def]
    _, res = run
    said = [a for a in res.assumptions if isinstance(a, Message)]
    (schedule,) = [a for a in said if a.code.startswith("policy.tax_schedule")]
    assert "new_levy (tax on output): new (rate 0)" in str(schedule)
    assert "new_levy (налог на выпуск): новый (ставка 0)" in render(schedule, "ru")
    assert "new_levy (ishlab chiqarishga soliq): yangi (stavka 0)" in render(schedule, "uz")
    assert "new_levy (ишлаб чиқаришга солиқ): янги (ставка 0)" in render(schedule, "uz-Cyrl")


def test_the_monte_carlo_sentence_writes_numbers_in_the_language(run) -> None:  # type: ignore[no-untyped-def]
    _, res = run
    (mc,) = [a for a in res.assumptions if isinstance(a, Message) and a.code == "scenarios.mc"]
    assert str(mc).startswith("Monte Carlo: 40 draws streamed in batches of 250")
    assert render(mc, "ru").startswith("Монте-Карло: 40 испытаний")
    big = Message("scenarios.mc", **{**mc.params, "draws": 12000, "total": 10000})
    assert "12,000 draws" in str(big) and "12\xa0000 испытаний" in render(big, "ru")
