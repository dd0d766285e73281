"""Parameter sweeps (issue 30 goal 2): the scenario language, the runs against the point
estimates, linearity where the model is linear, the grid of two fields, streaming in
units of work, the same numbers with several processes, and bounds and budgets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from iocluster.core.budget import TOML_ARRAY
from iocluster.errors import InputError, ScenarioError
from iocluster.io import read_table
from iocluster.scenarios.draws import BATCH, group_batches
from iocluster.scenarios.parse_excel import PARAM_FIELD
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.run import check_counts, run_document
from iocluster.scenarios.sweep import read_sweep, sweep_grid, sweep_size
from iocluster.scenarios.sweep_run import sweep_units
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable
from tests.test_invariants import EXAMPLE, EXAMPLES
from tests.test_scenarios import mb_table

FD = {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 100.0,
      "unit": "absolute"}  # fmt: skip


def doc(*shocks: dict[str, Any], name: str = "s") -> dict[str, Any]:
    return {"scenario": [{"name": name, "shock": list(shocks)}]}


@pytest.fixture(scope="module")
def economy() -> IOTable:
    return read_table(EXAMPLE)


def at_run(sweep: pd.DataFrame, scenario: str, run: int) -> pd.Series:
    return sweep.xs((scenario, run), level=("scenario_name", "run"))["change"]


# ----------------------------------------------------------------------- the language
def test_lists_and_ranges() -> None:
    assert read_sweep({"change": [0, 5, 10]}, "x") == (("change", (0.0, 5.0, 10.0)),)
    rng = read_sweep({"change": {"from": 0, "to": 1, "step": 0.1}}, "x")
    assert rng[0][1] == tuple(round(0.1 * k, 12) for k in range(11))  # 0.3, not 0.30…04
    down = read_sweep({"change": {"from": 20, "to": 0, "step": -5}}, "x")
    assert down[0][1] == (20.0, 15.0, 10.0, 5.0, 0.0)


def test_two_fields_are_every_pair_the_second_fastest() -> None:
    sw = read_sweep({"a": [1, 2, 3], "b": [10, 20]}, "x")
    assert sweep_size(sw) == 6
    assert sweep_grid(sw).tolist() == [[1, 10], [1, 20], [2, 10], [2, 20], [3, 10], [3, 20]]


@pytest.mark.parametrize(
    ("sweep", "says"),
    [
        ({"change": []}, "at least one value"),
        ({"change": {"from": 0, "to": 10, "step": -1}}, "does not lead from 0 to 10"),
        ({"change": {"from": 0, "to": 10, "step": 0}}, "does not lead"),
        ({"change": {"from": 0, "to": 10}}, "'step' is missing"),
        ({"change": {"from": 0, "to": 10, "step": 1, "by": 2}}, "unknown key 'by'"),
        ({"change": "5"}, "expected a list of values"),
        ({"a": [1], "b": [1], "c": [1]}, "one or two fields"),
        ({"change": [0, float("inf")]}, "finite"),
        ({"sectors": [1, 2]}, "'sectors' is not a parameter of a final_demand shock"),
        ({"export_elasticity": [1, 2]}, "a sweep varies change"),
    ],
)
def test_a_wrong_sweep_names_the_shock_and_field(sweep: dict[str, Any], says: str) -> None:
    with pytest.raises(ScenarioError, match="scenario 's', shock 1 \\(final_demand\\), field "
                                            "'sweep'") as err:  # fmt: skip
        scenario_file_from_dict(doc({**FD, "sweep": sweep}))
    assert says in str(err.value)


@pytest.mark.parametrize(
    "sweep",
    [[1], {"change": []}, {"change": {"from": 0, "to": 10, "step": -1}}, {"change": {"to": 1}},
     {"change": {"from": 0, "to": 1, "step": 1, "by": 2}}, {"change": "5"}],
)  # fmt: skip
def test_a_wrong_sweep_is_said_in_every_language(sweep: Any) -> None:
    """The sweep's errors are keyed messages (``sweep.po``): each language has its own
    sentence around the file's syntax, and the Cyrillic one no Latin word but that."""
    from iocluster.core.messages import LANGS, Message
    from tests.test_catalogues import latin_words

    with pytest.raises(ScenarioError) as err:
        read_sweep(sweep, "where")
    message = err.value.message
    assert isinstance(message, Message) and message.code.startswith("sweep.")
    texts = {lang: message.text(lang) for lang in LANGS}
    assert texts["en"] == str(err.value) and len(set(texts.values())) == len(LANGS)
    syntax = {"from", "to", "step", "by", "change", "where"}
    assert not {w.strip("'") for w in latin_words(texts["uz-Cyrl"])} - syntax, texts["uz-Cyrl"]


def test_one_shock_per_scenario_sweeps() -> None:
    two = doc({**FD, "sweep": {"change": [1, 2]}}, {**FD, "sweep": {"change": [3]}})
    with pytest.raises(ScenarioError, match="shocks 1 and 2 both have a sweep"):
        scenario_file_from_dict(two)


def test_a_range_counts_as_the_array_it_stands_for() -> None:
    huge = {"change": {"from": 0, "to": 1, "step": 1e-9}}
    with pytest.raises(InputError, match="the number of values of the range") as err:
        scenario_file_from_dict(doc({**FD, "sweep": huge}))
    assert TOML_ARRAY.env in str(err.value)


def test_the_runs_are_within_the_draws_budget() -> None:
    tax = {"kind": "tax", **EXAMPLES["tax"],
           "sweep": {"change": [1, 2, 3], "export_elasticity": [-1, 0]}}  # fmt: skip
    check_counts(scenario_file_from_dict(doc(tax)), "s.toml", max_draws=6)  # 3 × 2 runs
    with pytest.raises(InputError, match="the runs of scenario 's''s sweep 7"):
        check_counts(scenario_file_from_dict(doc({**FD, "sweep": {"change": list(range(7))}})),
                     "s.toml", max_draws=6)  # fmt: skip


def test_values_outside_the_fields_bounds_are_refused_before_running() -> None:
    """The kind's own rules apply to every value of the sweep (a percentage change of
    final demand above −100 %, a share in [0, 1])."""
    from iocluster.core.messages import render

    pct = {**FD, "unit": "percent", "change": 10.0, "sweep": {"change": [-150, 0, 10]}}
    with pytest.raises(ScenarioError) as err:
        validate_file(scenario_file_from_dict(doc(pct)), mb_table())
    said = {lang: render(err.value.message, lang) for lang in ("en", "ru", "uz")}
    assert "its sweep (values from −150 to 10) is outside a change above -100 %" in said["en"]
    # said by key in every language, the bounds too (no English left in ru or uz)
    ru = "перебор (значения от −150 до 10) вне допустимых значений: изменение больше"
    assert ru in said["ru"]
    assert "sweep" not in said["uz"] and "above" not in said["uz"], said["uz"]


# ----------------------------------------------------------------------- the numbers
@pytest.mark.parametrize("kind", [k for k in EXAMPLES if k in PARAM_FIELD])
def test_a_run_at_the_point_estimate_gives_its_totals(economy: IOTable, kind: str) -> None:
    """Invariant: the sweep's run at the shock's own value equals the point estimate
    (every total but the price level, which sweeps do not report); every kind."""
    field = PARAM_FIELD[kind]
    point = float(EXAMPLES[kind][field])
    shock = {"kind": kind, **EXAMPLES[kind], "sweep": {field: [0.5 * point, point]}}
    res = run_document(economy, doc(shock))
    assert res.sweep is not None
    got = at_run(res.sweep, "s", 2)
    want = res.totals.loc["s", "change"].drop("price_level")
    scale = res.totals.loc["s", "baseline"].drop("price_level").abs()
    np.testing.assert_array_less(np.abs(got[want.index] - want), 1e-10 * scale + 1e-12)
    assert (res.sweep.xs(("s", 2), level=(0, 1))["value"] == point).all()


def test_final_demand_is_linear_in_its_size() -> None:
    """Open model, Δx = L Δy (Miller & Blair 2009, eq. 2.11): the change at 2a is twice
    the change at a, and no change at 0; the output multiplier of S1 is
    1.2541 + 0.2640 (M&B Table 2.3)."""
    res = run_document(mb_table(), doc({**FD, "sweep": {"change": [0, 50, 100]}}))
    assert res.sweep is not None
    zero, half, full = (at_run(res.sweep, "s", k) for k in (1, 2, 3))
    assert (zero == 0).all()
    np.testing.assert_allclose(full, 2 * half, rtol=1e-12)
    assert full["output"] == pytest.approx(100 * (1.2541 + 0.2640), rel=1e-3)


def test_a_grid_of_two_fields(economy: IOTable) -> None:
    """A tax change and the export elasticity: every pair, the second varying fastest;
    no elasticity means no export response, whatever the tax."""
    tax = {"kind": "tax", **EXAMPLES["tax"],
           "sweep": {"change": [-0.4, -0.2], "export_elasticity": [-2.0, 0.0]}}  # fmt: skip
    res = run_document(economy, doc(tax))
    sw = res.sweep
    assert sw is not None
    assert len(sw) == 4 * len(res.totals.loc["s"].drop("price_level"))
    runs = sw.xs("exports", level="measure")
    assert runs[["value", "value_2"]].to_numpy().tolist() == [
        [-0.4, -2.0], [-0.4, 0.0], [-0.2, -2.0], [-0.2, 0.0]
    ]  # fmt: skip
    assert set(runs["field"]) == {"change"} and set(runs["field_2"]) == {"export_elasticity"}
    assert runs.loc[("s", 2), "change"] == 0 and runs.loc[("s", 4), "change"] == 0
    assert runs.loc[("s", 1), "change"] > runs.loc[("s", 3), "change"] > 0


def test_runs_stream_in_units_of_a_few_batches() -> None:
    """Memory is bounded by one unit of work's arrays, whatever the number of runs."""
    t = mb_table()
    sf = scenario_file_from_dict(doc({**FD, "sweep": {"change": list(range(2000))}}))
    resolved, _ = validate_file(sf, t)
    units = list(sweep_units(resolved, t.n))
    size = BATCH * group_batches(t.n)
    assert sum(u[2] for u in units) == 2000 and max(u[2] for u in units) <= size
    assert [u[1] for u in units] == list(range(0, 2000, size))


def test_several_processes_give_the_same_numbers() -> None:
    d = doc({**FD, "sweep": {"change": list(np.linspace(0, 100, 1201))}})
    one = run_document(mb_table(), d, jobs=1).sweep
    two = run_document(mb_table(), d, jobs=2).sweep
    assert one is not None and two is not None
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_the_sweep_is_a_frame_of_the_results() -> None:
    res = run_document(mb_table(), doc({**FD, "sweep": {"change": [0, 10]}}))
    assert "sweep" in res.frames()
    assert res.sweep is not None and res.sweep.attrs["unit"] == res.totals.attrs["unit"]
    assert list(res.sweep.index.names) == ["scenario_name", "run", "measure"]
    assert res.sweep["value_2"].isna().all() and (res.sweep["field_2"] == "").all()
    assert run_document(mb_table(), doc(FD)).sweep is None


def test_a_local_dask_cluster_gives_the_same_numbers() -> None:
    """The sweep's units of work on a Dask cluster (``--scheduler``): each worker
    factorises once, the frame equals the single-process one bit for bit."""
    distributed = pytest.importorskip("distributed")
    d = doc({**FD, "sweep": {"change": list(np.linspace(0, 100, 700))}})
    one = run_document(mb_table(), d, jobs=1).sweep
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = run_document(mb_table(), d, scheduler=client).sweep
    assert one is not None and on_dask is not None
    pd.testing.assert_frame_equal(one, on_dask, check_exact=True)


# ----------------------------------------------------------------------- the reports
GRID = {"kind": "tax", **EXAMPLES["tax"],
        "sweep": {"change": [-0.4, -0.2, 0.0], "export_elasticity": [-2.0, -1.0, 0.0]}}  # fmt: skip
LINE = {"kind": "final_demand", **EXAMPLES["final_demand"],
        "sweep": {"change": {"from": 0, "to": 600, "step": 100}}}  # fmt: skip


@pytest.fixture(scope="module")
def swept(economy: IOTable) -> Any:
    d = {"scenario": [{"name": "line", "shock": [LINE]}, {"name": "grid", "shock": [GRID]}]}
    return run_document(economy, d)


#: The scenario file's own words, which a report keeps in every language.
INPUT_WORDS = {"line", "grid", "change", "export", "elasticity", "final", "demand", "tax"}


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "uz-Cyrl"])
def test_the_impact_workbook_has_the_sweep_sheet_with_its_figure(
    economy: IOTable, swept: Any, tmp_path: Any, lang: str
) -> None:
    pytest.importorskip("matplotlib")
    from openpyxl import load_workbook

    from iocluster.reports.i18n import tr
    from iocluster.reports.impact.workbook import write_impact_workbook

    path = write_impact_workbook(tmp_path / "i.xlsx", swept, economy, lang=lang)
    wb = load_workbook(path)
    name = tr("sweep_sheet", lang)
    assert name in wb.sheetnames and (name != "Sweep") == (lang != "en")
    ws = wb[name]
    assert len(ws._images) == 2  # a figure per scenario
    text = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert tr("sweep_title", lang) in text[0]
    assert sum(t.startswith(tr("sweep_run", lang)) for t in text) >= 2  # a table per scenario
    middle = tr("sweep_grid", lang).split("}")[1].split("{")[0]  # ", % change …: rows "
    assert sum(middle in t for t in text) == 3  # output, value added, employment (heat maps)
    summary = [c.value for c in wb[wb.sheetnames[0]]["A"] if c.value]
    assert name in summary  # listed among the sheets
    if lang != "en":  # no English (in ru and uz-Cyrl no Latin word) but the file's words
        from tests.test_report_language import english_left

        assert not english_left(((name, t) for t in text), lang, INPUT_WORDS)


def test_the_figure_draws_a_line_per_measure_and_a_heat_map_per_headline(swept: Any) -> None:
    pytest.importorskip("matplotlib")
    from iocluster.reports.figures.sweep import sweep_figure

    measures = list(dict.fromkeys(swept.sweep.index.get_level_values("measure")))
    labels = {m: m for m in measures}
    line = sweep_figure(swept.sweep, "line", labels=labels, lang="ru")
    (ax,) = line.axes
    assert len(ax.get_lines()) == len(measures) + 1  # and the zero line
    assert "," in ax.get_yticklabels()[1].get_text() or ax.get_yticklabels()[1].get_text() == "0"
    heat = sweep_figure(swept.sweep, "grid", labels=labels,
                        headline=("output", "value_added", "exports"), lang="en")  # fmt: skip
    images = [a for a in heat.axes if a.get_images()]
    assert len(images) == 3 and images[0].get_images()[0].get_array().shape == (3, 3)


def test_the_cli_writes_the_sweep_frame(tmp_path: Any) -> None:
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app

    scen = tmp_path / "s.toml"
    scen.write_text(
        '[[scenario]]\nname = "s"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        '  sectors = ["TEX"]\n  category = "exports"\n  change = 10\n'
        "  sweep = { change = { from = 0, to = 20, step = 10 } }\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["shock", str(EXAMPLE), str(scen), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)["sweep"]
    assert doc["columns"][:3] == ["shock", "field", "value"]
    assert {row[2] for row in doc["data"]} == {0.0, 10.0, 20.0}
    r = CliRunner().invoke(app, ["shock", str(EXAMPLE), str(scen)])
    assert r.exit_code == 0 and "sweep" in r.stdout


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "uz-Cyrl"])
def test_the_figures_have_no_overlap_offset_or_english(swept: Any, lang: str) -> None:
    """The report figures' rules (issue 15, 29): no overlapping text, no offset text,
    enough ticks and, in ru, uz and uz-Cyrl, no English (in ru and uz-Cyrl no Latin
    word) but the scenario file's own words."""
    pytest.importorskip("matplotlib")
    from iocluster.reports.figures.analysis import _sweep_figures
    from tests.test_report_language import figure_problems

    figs = _sweep_figures(swept.sweep, read_table(EXAMPLE), lang)
    assert [s for s, _ in figs] == ["sweep", "sweep_2"]
    problems = [p for stem, fig in figs for p in figure_problems(stem, fig, lang, INPUT_WORDS)]
    assert not problems, "\n".join(problems)
