"""The scenario lab without a browser (issue 32): forms generated from the kinds' specs
read back to the same shocks as the TOML language, the draft's TOML reproduces the run,
every field has its words in every language, the lab's folder and uploads stay within
their limits, the located messages are the command line's, and ``iocluster lab`` says
how to install its extra. The page itself: tests/test_lab_browser.py."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("shiny", reason="the lab's extra: pip install 'iocluster[lab]'")

from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.datasets import data_path
from iocluster.errors import InputError, ScenarioError
from iocluster.lab import upload_guard
from iocluster.lab.document import DISTS, Draft, ParamInput, form_specs, shock_table
from iocluster.lab.forms import help_key
from iocluster.lab.session import (
    LabConfig,
    check_draft,
    folder_tables,
    open_choice,
    open_upload,
    problem_of,
    run_draft,
)
from iocluster.lab.views import money_scale, totals_frame
from iocluster.reports.i18n import LANGS, tr
from iocluster.scenarios.kinds import KINDS
from iocluster.scenarios.offers import offered_values
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from tests.test_invariants import EXAMPLES


@pytest.fixture(scope="module")
def example() -> Any:
    return open_choice(LabConfig(), "example")


def as_form(kind: str, table: dict[str, Any]) -> dict[str, Any]:
    """A shock's TOML table as the form's widgets would hold it."""
    out: dict[str, Any] = {}
    for spec in form_specs(kind):
        v = table.get(spec.key)
        if v is None:
            continue
        if spec.value == "param":
            if isinstance(v, list):
                out[spec.key] = ParamInput("uniform", low=v[0], high=v[1])
            elif isinstance(v, dict):
                out[spec.key] = ParamInput(**v)
            else:
                out[spec.key] = ParamInput("fixed", value=float(v))
        else:
            out[spec.key] = v
    return out


def parsed(kind: str, table: dict[str, Any]) -> Any:
    doc = {"scenario": [{"name": "s", "shock": [{"kind": kind, **table}]}]}
    return scenario_file_from_dict(doc).scenarios[0].shocks[0]


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_form_reads_back_to_the_shock_the_toml_language_gives(kind: str) -> None:
    """Every kind's example (tests/test_invariants.py) through the form's values and
    back parses to the very shock the TOML table gives: one definition of every field."""
    toml_table = EXAMPLES[kind]
    from_form = shock_table(kind, as_form(kind, toml_table))
    assert parsed(kind, {k: v for k, v in from_form.items() if k != "kind"}) == parsed(
        kind, toml_table
    )


def test_ranges_and_distributions_become_the_toml_parameters() -> None:
    """A range and each distribution of a form are the TOML parameters they stand for;
    a box left empty leaves the field out, so the parser names it as missing."""
    assert ParamInput("uniform", low=5, high=15).toml() == [5.0, 15.0]
    tri = ParamInput("triangular", low=1, mode=2, high=4).toml()
    assert tri == {"dist": "triangular", "low": 1.0, "mode": 2.0, "high": 4.0}
    assert ParamInput("normal", mean=2, sd=1, low=0).toml() == {
        "dist": "normal",
        "mean": 2.0,
        "sd": 1.0,
        "low": 0.0,
    }
    assert {d for d in DISTS} == {"fixed", "uniform", "triangular", "normal"}
    table = shock_table(
        "final_demand",
        {"sectors": ["TEX"], "category": "exports", "change": ParamInput("uniform", low=5.0)},
    )
    assert "change" not in table
    with pytest.raises(ScenarioError, match=r"field 'change': required, missing"):
        parsed("final_demand", {k: v for k, v in table.items() if k != "kind"})


def test_every_field_choice_and_kind_has_its_words_in_every_language() -> None:
    """The forms show no English in a Russian or Uzbek page: every field label and help,
    every allowed value and every kind has an entry, and its ru/uz words differ from the
    English (a copied English text would pass a lookup and still be English)."""
    needed = set()
    for kind in KINDS:
        needed |= {f"shock_kind_{kind}", f"shock_kind_{kind}_help"}
        for spec in form_specs(kind):
            needed |= {f"field_{spec.key}", help_key(kind, spec)}
            if spec.value == "choice":
                needed |= {f"opt_{c}" for c in spec.choices}
    needed |= {f"dist_{d}" for d in DISTS} | {
        f"param_{p}" for p in ("value", "low", "high", "mode", "mean", "sd")
    }
    missing = sorted(k for k in needed if tr(k, "en") == k)
    assert not missing, missing
    english = sorted(k for k in needed for lang in LANGS[1:] if tr(k, lang) == tr(k, "en"))
    assert not english, english


def test_the_draft_toml_runs_to_the_same_numbers_as_the_lab(example: Any) -> None:
    """The TOML file the lab writes, read as ``iocluster shock`` reads it, gives the
    lab's totals exactly (the Monte Carlo draws too, by the seed it carries)."""
    d = (
        Draft(name="two", draws=40, seed=7)
        .with_shock(
            shock_table(
                "final_demand",
                {
                    "sectors": ["TEX", "APPAREL"],
                    "category": "exports",
                    "change": ParamInput("uniform", low=5, high=15),
                },
            )
        )
        .with_cluster("services", ["TRANSPORT", "FIN", "IT"])
        .with_shock(
            shock_table(
                "coefficients",
                {
                    "rows": ["services"],
                    "cols": ["TEX"],
                    "operation": "scale",
                    "value": ParamInput(value=20),
                    "balance": "imports",
                },
            )
        )
    )
    check_draft(example, d)
    out = run_draft(example, d, "compensation")
    from iocluster.model.closure import DEFAULT_CLOSURE
    from iocluster.scenarios.run import run_scenarios

    sf = scenario_file_from_dict(tomllib.loads(d.toml("a header")))
    again = run_scenarios(example.table, sf, closure=DEFAULT_CLOSURE)
    np.testing.assert_array_equal(out.results.totals.to_numpy(), again.totals.to_numpy())
    assert out.results.montecarlo is not None
    np.testing.assert_array_equal(out.results.montecarlo.to_numpy(), again.montecarlo.to_numpy())


def test_a_wrong_name_is_the_located_message_of_the_command_line(example: Any) -> None:
    d = Draft().with_shock(
        {"kind": "final_demand", "sectors": ["TEXX"], "category": "exports", "change": 1.0}
    )
    with pytest.raises(ScenarioError) as info:
        check_draft(example, d)
    p = problem_of(info.value)
    assert "scenario 'lab_scenario', shock 1 (final_demand), field 'sectors'" in p.message
    assert "TEXX" in p.message and not p.unexpected
    many = ScenarioError("x", problems=("a", "b"), summary="2 problems")
    assert problem_of(many).problems == ("a", "b")
    assert problem_of(KeyError("k")).unexpected  # a fault of the lab: its type, no traceback


@pytest.mark.parametrize("lang", LANGS)
def test_an_error_reads_in_the_page_language_as_the_command_line_writes_it(lang: str) -> None:
    """A keyed error is shown in the page's language exactly as ``iocluster --lang``
    writes it (one function for both), its location included; a keyed warning too."""
    import warnings

    from iocluster.cli.common import CURRENT_LANG, error_text
    from iocluster.core.messages import Message, render
    from iocluster.errors import AssumptionWarning, Location
    from iocluster.lab.session import guarded
    from iocluster.reports.messages import message

    said = Message("count.sectors", n=22)
    exc = InputError(said, Location(file="/x/bad.xlsx", sheet="IO", cell="B7"))
    token = CURRENT_LANG.set(lang)
    try:
        cli = error_text(exc)
    finally:
        CURRENT_LANG.reset(token)
    text, problems = problem_of(exc).in_language(lang)
    sheet = render(Message("cli.sheet", name="IO"), lang)
    assert "IO" in sheet and "cli.sheet" not in sheet
    assert text == cli == f"bad.xlsx, {sheet}, B7: {render(said, lang)}" and problems == ()
    assert (lang == "en") == (text == str(exc))  # English is str(); the others are not

    def warns() -> None:
        warnings.warn(AssumptionWarning(said), stacklevel=1)

    _, problem, seen = guarded(warns)
    assert problem is None and [message(w, lang) for w in seen] == [render(said, lang)]


def test_shown_money_times_its_scale_is_the_result(example: Any) -> None:
    """The totals shown (at a readable scale, with the unit) times the scale are the
    library's numbers, to the display's rounding."""
    d = Draft().with_shock(
        shock_table(
            "final_demand",
            {"sectors": ["TEX"], "category": "exports", "change": ParamInput(value=10)},
        )
    )
    res = run_draft(example, d, "compensation").results
    shown = totals_frame(res, example.table, "ru")
    div, unit = money_scale(example.table, res.totals["baseline"].to_numpy()[:1], "ru")
    assert unit == "трлн сум" and div == 1000.0
    got = shown.iloc[0, 2] * div
    assert abs(got - res.totals.iloc[0]["baseline"]) <= 0.005 * div


def test_the_lab_folder_lists_only_tables_inside_it(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    outside = tmp_path / "secret.xlsx"
    outside.write_bytes(Path(data_path("example_economy.xlsx")).read_bytes())
    (root / "sub" / "t.xlsx").write_bytes(outside.read_bytes())
    (root / "notes.txt").write_text("x")
    (root / "link.xlsx").symlink_to(outside)
    assert folder_tables(root) == ["sub/t.xlsx"]
    config = LabConfig(root=root)
    assert open_choice(config, "sub/t.xlsx").table.n == 20
    for bad in ("../secret.xlsx", "link.xlsx", str(outside), "notes.txt"):
        with pytest.raises(InputError, match="is not a table of the lab's folder"):
            open_choice(config, bad)


def test_an_upload_is_read_under_its_own_name_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "0.xlsx"  # Shiny's name for the first file of an upload
    src.write_bytes(Path(data_path("example_economy.xlsx")).read_bytes())
    o = open_upload("My table.xlsx", src, tmp_path / "session")
    assert o.label == "My_table.xlsx" and o.table.n == 20
    bad = tmp_path / "1.txt"
    bad.write_text("x")
    with pytest.raises(InputError, match=r"evil.exe: a table is an xlsx, xlsm, csv, npz file"):
        open_upload("../../evil.exe", bad, tmp_path / "session")
    monkeypatch.setenv("IOCLUSTER_MAX_UPLOAD_BYTES", "100")
    src.write_bytes(Path(data_path("example_economy.xlsx")).read_bytes())
    with pytest.raises(InputError, match="IOCLUSTER_MAX_UPLOAD_BYTES"):
        open_upload("big.xlsx", src, tmp_path / "session")


def test_the_upload_guard_refuses_a_body_over_the_budget() -> None:
    """An upload declared (or streamed) beyond the budget is refused before it is
    written; other requests pass."""
    seen: list[str] = []

    async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        seen.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = upload_guard(inner, limit=10)

    def call(path: str, body: bytes, declared: int) -> int:
        sent: list[dict[str, Any]] = []
        chunks = [
            {"type": "http.request", "body": body[i : i + 4], "more_body": i + 4 < len(body)}
            for i in range(0, max(len(body), 1), 4)
        ]

        async def receive() -> dict[str, Any]:
            return chunks.pop(0)

        async def send(msg: dict[str, Any]) -> None:
            sent.append(msg)

        scope = {
            "type": "http",
            "path": path,
            "headers": [(b"content-length", str(declared).encode())],
        }
        try:
            asyncio.run(guard(scope, receive, send))
        except ValueError:
            return 413
        return int(sent[0]["status"])

    assert call("/session/abc/upload/1", b"x" * 50, 50) == 413
    assert call("/session/abc/upload/1", b"x" * 50, 5) == 413  # lying about its length
    assert call("/session/abc/upload/1", b"x" * 8, 8) == 200
    assert call("/plotly/plotly.min.js", b"x" * 50, 50) == 200


def test_lab_without_its_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from iocluster.cli import lab_cmds

    monkeypatch.setattr(lab_cmds, "LAB_MODULES", ("no_such_module_iocluster",))
    out = CliRunner().invoke(app, ["lab", "--no-browser"])
    assert out.exit_code == 1
    lines = out.output.strip().splitlines()
    assert lines == [
        "error: the lab needs no_such_module_iocluster: install it with pip install "
        "'iocluster[lab]'"
    ]
    ru = CliRunner().invoke(app, ["lab", "--no-browser", "--lang", "ru"]).output.strip()
    assert ru.startswith("ошибка: лаборатории нужен no_such_module_iocluster")
    assert ru.endswith("pip install 'iocluster[lab]'") and len(ru.splitlines()) == 1


def test_lab_on_another_host_warns_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import iocluster.lab

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(iocluster.lab, "serve", lambda table, **kw: calls.append(kw))
    local = CliRunner().invoke(app, ["lab", "--no-browser"])
    assert local.exit_code == 0 and "warning" not in local.output
    assert calls[-1]["host"] == "127.0.0.1"
    out = CliRunner().invoke(app, ["lab", "--host", "0.0.0.0", "--port", "9000", "--no-browser"])
    assert out.exit_code == 0
    warn = [ln for ln in out.output.splitlines() if ln.startswith("warning:")]
    assert len(warn) == 1 and "0.0.0.0" in warn[0] and "9000" in warn[0]
    assert calls[-1]["port"] == 9000 and calls[-1]["open_browser"] is False
    assert calls[-1]["lang"] == "en"
    cyr = CliRunner().invoke(app, ["lab", "--host", "0.0.0.0", "--port", "9000", "--lang",
                                   "uz-cyrl", "--no-browser"])  # fmt: skip
    warn = [ln for ln in cyr.output.splitlines() if "0.0.0.0" in ln]
    assert len(warn) == 1 and "9000" in warn[0] and "порти" in warn[0]  # in --lang
    assert calls[-1]["lang"] == "uz-Cyrl"  # the page opens in --lang


def test_offered_values_follow_the_table(example: Any) -> None:
    """Categories, satellites and instruments offered come from the table."""
    t = example.table
    specs = {(k, s.key): s for k in KINDS for s in form_specs(k)}
    assert offered_values(specs[("final_demand", "category")], t)[:1] == ["exports"]
    assert "households" in offered_values(specs[("final_demand", "category")], t)
    assert offered_values(specs[("productivity", "satellite")], t) == list(t.satellite_names)
    assert offered_values(specs[("tax", "instrument")], t) == ["table_net_taxes_on_production"]
    assert offered_values(specs[("coefficients", "balance")], t) == [
        "value_added",
        "imports",
        "other_inputs",
        "none",
    ]


def test_a_fault_of_the_page_is_a_message_not_a_traceback() -> None:
    """An output that fails shows the lab's message naming the fault's type; neither the
    exception's text nor a traceback reaches the page."""
    from iocluster.lab.layout import on_page

    @on_page
    def broken() -> Any:
        raise KeyError("internal detail")

    @on_page
    def wrong() -> Any:
        raise InputError("t.xlsx, sheet 'Z', cell B2: expected a number")

    html = str(broken())
    assert "KeyError" in html and "internal detail" not in html and "Traceback" not in html
    assert broken.__name__ == "broken"  # the page's output id
    assert "t.xlsx, sheet 'Z', cell B2: expected a number" in str(wrong())
