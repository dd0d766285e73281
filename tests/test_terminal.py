"""Terminal output (issue 15): one table per result that fits the terminal, rows cut with a
note, plain numbers, ``wrote PATH`` for every file written, each warning once, and
``info`` totals with their units."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.reports.terminal import plain_number, render_text

DATA = Path(__file__).resolve().parents[1] / "data"
ECON = DATA / "example_economy.xlsx"
SCEN = DATA / "scenarios" / "textile_integration.toml"
SHARED = Path(os.environ.get("IOCLUSTER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
UZ = SHARED / "data" / "uzbekistan-2022"
UZ_SCEN = DATA / "scenarios" / "textile_integration_uzbekistan.toml"
uz = pytest.mark.skipif(not UZ.exists(), reason="../shared Uzbekistan data absent")
BOX = re.compile(r"[┃│┏┡└]")


def run(args: list[object], width: int) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(width)})
    return r.exit_code, r.stdout, r.stderr


def assert_fits(text: str, width: int) -> None:
    """Every line within ``width``; no table split into blocks ("(1/3)"); no header or
    cell shortened to an ellipsis by rich."""
    lines = text.splitlines()
    assert all(len(ln.rstrip()) <= width for ln in lines), max(lines, key=len)
    assert not re.search(r"\(\d+/\d+\)", text), "a table split into blocks"
    assert not any("…" in ln for ln in lines if BOX.match(ln)), "text cut to an ellipsis"


def test_plain_numbers() -> None:
    """No scientific notation; noise (−2.2e-16, a price change) is 0; a fixed number
    of decimals when asked."""
    assert plain_number(-2.220446049250313e-16) == "0"
    assert plain_number(1.601e-05) == "0.00001601"
    assert plain_number(1_817_369_373.7) == "1,817,369,374"
    assert plain_number(-0.003657, 3) == "-0.004"
    assert "e" not in plain_number(3.2e-7)


@pytest.mark.parametrize("width", [80, 120])
def test_a_wide_frame_is_one_table_that_fits(width: int) -> None:
    """Long names wrap, numeric columns that do not fit are named under the table, rows
    beyond --top are counted."""
    n = 30
    df = pd.DataFrame(
        {
            "name": [f"Sector {k} with a long descriptive name of many words" for k in range(n)],
            **{
                f"measure_number_{j}": [1234.5 * (k + 1) * (j + 1) for k in range(n)]
                for j in range(8)
            },
        },
        index=pd.Index([f"S{k:02d}" for k in range(n)], name="code"),
    )
    df.attrs["title"] = "A wide result"
    text = render_text(df, width=width, top=10, prefer=["measure_number_7"])
    assert_fits(text, width)
    assert text.count("A wide result") == 1
    assert "S09" in text and "S10" not in text
    assert "20 more rows not shown" in " ".join(text.split())
    left = re.search(r"columns not shown: ([^(]*)", " ".join(text.split()))
    if width == 80:  # the preferred column first, then the frame's order
        assert left is not None and "measure number 0" not in left.group(1)
        assert "measure number 7" not in left.group(1)
    assert "many words" in " ".join(text.split())  # names wrap, never cut
    everything = render_text(df, width=width, top=None)
    assert "S29" in everything and "more rows" not in everything


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{t}"],
        ["linkages", "{t}"],
        ["extract", "{t}", "--each"],
        ["multipliers", "{t}"],
        ["chains", "{t}", "--target", "exports"],
        ["clusters", "{t}", "--method", "louvain", "--seed", "0"],
        ["shock", "{t}", "{s}"],
        ["info", "{t}"],
    ],
    ids=lambda a: a[0] if isinstance(a, list) else str(a),
)
def test_commands_fit_the_terminal(args: list[str], width: int) -> None:
    code, out, err = run([a.format(t=ECON, s=SCEN) for a in args], width)
    assert code == 0, err
    assert_fits(out, width)


@uz
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{t}"],
        ["linkages", "{t}"],
        ["extract", "{t}", "--each"],
        ["chains", "{t}", "--target", "exports"],
        ["clusters", "{t}", "--method", "louvain", "--seed", "0"],
        ["shock", "{t}", "{s}"],
    ],
    ids=lambda a: a[0] if isinstance(a, list) else str(a),
)
def test_uzbekistan_tables_fit(args: list[str], width: int) -> None:
    """The Uzbekistan table's long Russian names and codes ("A01 (без 01.11, …)") wrap;
    each warning is printed once."""
    code, out, err = run([a.format(t=UZ, s=UZ_SCEN) for a in args], width)
    assert code in (0, 1), err  # validate exits 0 (WARN) on this table
    assert_fits(out, width)
    warnings = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == len(set(warnings)), err
    if args[0] == "validate":
        head = next(ln for ln in out.splitlines() if ln.startswith("┃"))
        assert all(w in head for w in ("name", "status", "detail"))
    if args[0] in ("linkages", "extract", "clusters"):
        assert "more rows not shown" in " ".join(out.split())


@uz
@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_analyze_effects_table_fits_in_every_language(tmp_path: Path, lang: str) -> None:
    """The effects table at 80 columns keeps its headers readable (no "П… … В…")."""
    code, out, err = run(
        ["analyze", UZ, "-s", UZ_SCEN, "-o", tmp_path / "r", "--lang", lang, "--no-figures"], 80
    )
    assert code == 0, err
    assert_fits(out, 80)
    heads = [ln for ln in out.splitlines() if ln.startswith("┃")]
    assert heads and not any(re.search(r"\w…", ln) for ln in heads)
    warnings = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == len(set(warnings)), err


@uz
@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_analyze_summary_speaks_the_report_language(tmp_path: Path, lang: str) -> None:
    """Issue 15: the terminal summary of ``analyze --lang ru|uz`` names the checks, their
    status and details, "top 10" and the value-added column in the language, writes
    numbers with a decimal comma, and shows jobs multipliers per billion UZS (never
    0.0); the closure note is translated too."""
    code, out, err = run(
        ["analyze", UZ, "-s", UZ_SCEN, "-o", tmp_path / "r", "--lang", lang, "--no-figures"], 160
    )
    assert code == 0, err
    for english in ("row identity", "PASS", "WARN", "top 10", "VA (", "output − intermediate",
                    "Type II closure", "136 sectors"):  # fmt: skip
        assert english not in out, english
    assert {"ru": "первые 10", "uz": "eng yirik 10 ta"}[lang] in out
    assert re.search(r"│ +11,95 │", out), "C10.5: 11.95 jobs per billion UZS (0.01195 per million)"
    assert re.search(r"│ +2,099 │", out), "multipliers with a decimal comma"


def test_top_and_all(tmp_path: Path) -> None:
    _, out, _ = run(["extract", ECON, "--each", "--top", "5"], 120)
    assert "15 more rows not shown" in " ".join(out.split())
    _, out, _ = run(["extract", ECON, "--each", "--all"], 120)
    assert "more rows" not in out


def test_linkages_list_key_sectors_first() -> None:
    _, out, _ = run(["linkages", ECON, "--top", "3"], 120)
    rows = [ln for ln in out.splitlines() if ln.startswith("│")]
    assert rows and all("key" in r for r in rows[:1])


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["multipliers", "{t}", "-f", "xlsx", "-o", "{o}/m.xlsx"], "m.xlsx"),
        (["multipliers", "{t}", "-f", "csv", "-o", "{o}/m.csv"], "m.csv"),
        (["shock", "{t}", "{s}", "-o", "{o}/impacts.xlsx"], "impacts.xlsx"),
        (["shock", "{t}", "{s}", "-f", "csv", "-o", "{o}/impacts.csv"], "impacts.csv"),
        (["shock", "{t}", "{s}", "-f", "csv", "-o", "{o}/tables"], "tables"),
        (["scenario-template", "{o}/tpl.xlsx", "--table", "{t}"], "tpl.xlsx"),
        (["template", "{o}/empty.xlsx"], "empty.xlsx"),
        (["leontief", "{t}", "-f", "json", "-o", "{o}/L.json"], "L.json"),
        (["clusters", "{t}", "-m", "louvain", "--clusters-file", "{o}/c.toml"], "c.toml"),
        (["chains", "{t}", "-t", "TEX", "--figure", "{o}/p.png"], "p.png"),
    ],
    ids=lambda a: "-".join(a[:1] + a[-1:]) if isinstance(a, list) else str(a),
)
def test_every_file_written_is_announced(tmp_path: Path, args: list[str], written: str) -> None:
    code, out, err = run([a.format(t=ECON, s=SCEN, o=tmp_path) for a in args], 120)
    assert code == 0, err
    path = tmp_path / written
    assert path.exists()
    assert f"wrote {path}" in out + err


def test_info_totals_are_plain_with_units() -> None:
    code, out, err = run(["info", ECON], 120)
    assert code == 0, err
    text = " ".join(out.split())
    assert "e+" not in text
    assert re.search(r"total output │ [\d,]+ billion UZS", text), text
    assert "employment_total" in text and re.search(r"│ [\d,]+ persons │", text), text


@uz
def test_info_uzbekistan_totals() -> None:
    code, out, err = run(["info", UZ], 120)
    assert code == 0, err
    text = " ".join(out.split())
    assert "1,817,369,374 million UZS" in text and "e+" not in text
    assert "13,706,199 persons" in text
    assert err.count("warning:") <= 1


def test_too_many_text_columns_are_left_out_and_named() -> None:
    df = pd.DataFrame(
        {f"text_{j}": [f"word{j} " * 6] for j in range(8)} | {"value": [1.5]},
        index=pd.Index(["A"], name="code"),
    )
    text = render_text(df, width=60)
    assert_fits(text, 60)
    assert "text 0" in text and "columns not shown:" in text and "text 7" in text


def test_shares_beside_amounts_keep_their_digits() -> None:
    """An indicator column holding amounts and shares never shows a share as 0 or 1."""
    df = pd.DataFrame(
        {"TEX": [41_921_042.0, 0.7776, 0.1058]},
        index=pd.Index(["final demand", "dva share", "services share"], name="indicator"),
    )
    text = render_text(df, width=80)
    assert "0.7776" in text and "0.1058" in text and "41,921,042" in text
