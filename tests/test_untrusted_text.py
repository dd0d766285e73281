"""Issue 18, item 1: labels from untrusted tables are written as text by every writer.

A corpus of CSV/formula-injection labels (sector codes, names, a scenario name) goes
through every writer: the canonical workbook and CSV folder, ``--format xlsx`` and
``--format csv`` (one frame and several), the analyze report and its figures, the shock
report and the scenario template. Then no cell of any workbook is a formula (checked in
the sheet XML itself), no CSV field starts with ``= + - @``, tab or CR unless it is a
number, and ``read_table`` of every written table returns the original labels.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from iocluster.cli import app
from iocluster.io import read_table, write_table
from iocluster.io.textsafe import (
    CSV_DANGEROUS,
    csv_escape,
    csv_unescape,
    force_text_cells,
    terminal_text,
)

runner = CliRunner()

#: sector codes (distinct after label normalisation) and names an attacker might send
CODES = ['=HYPERLINK("http://x.example","click")', "+SUM(1,2)", "@A1", "-2+3"]
NAMES = ["=1+1 agriculture", "$\\frac{x$ textiles", "'quoted [bold]trade[/bold]", "\x1b[31mred"]
HEADER = ["Code", "Name", *CODES, "Household consumption", "Exports", "Total output"]
ROWS: list[list[object]] = [
    HEADER,
    [CODES[0], NAMES[0], 10, 20, 5, 4, 50, 15, 104],
    [CODES[1], NAMES[1], 15, 40, 10, 5, 100, 35, 205],
    [CODES[2], NAMES[2], 5, 10, 15, 3, 40, 10, 83],
    [CODES[3], "-minus services", 2, 3, 4, 5, 30, 6, 50],
    ["", "Compensation of employees", 40, 60, 30, 20],
    ["", "Gross operating surplus", 32, 72, 19, 13],
    ["", "Total output", 104, 205, 83, 50],
    ["", "Employment (persons)", 10, 25, 8, 4],
]
SCENARIO = """\
[clusters]
"=HYPERLINK(\\"http://x.example\\",\\"cluster\\")" = ["+SUM(1,2)", "@A1"]

[[scenario]]
name = "=HYPERLINK(\\"http://x.example\\",\\"scen\\")"
  [[scenario.shock]]
  kind = "final_demand"
  sectors = ["@A1"]
  category = "exports"
  change = 5
  unit = "absolute"
"""


@pytest.fixture(scope="module")
def table_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("inject")
    p = d / "inject.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(ROWS)
    (d / "inject.toml").write_text(SCENARIO, encoding="utf-8")
    return p


def formula_cells(path: Path) -> list[str]:
    """Every formula in a workbook, read from the sheet XML (``<f>`` elements) so that
    nothing openpyxl does on reading can hide one."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                found += [f"{name}: {m}" for m in re.findall(r"<f[ >][^<]*", xml)]
    return found


def injectable_fields(text: str) -> list[str]:
    """CSV fields that a spreadsheet would run: starting with = + - @ tab CR, not numbers."""
    bad = []
    for row in csv.reader(io.StringIO(text)):
        for v in row:
            if v.startswith(CSV_DANGEROUS):
                try:
                    float(v)
                except ValueError:
                    bad.append(v)
    return bad


def test_the_detectors_can_fail(tmp_path: Path) -> None:
    """Without the fix openpyxl writes a label as a formula, and a raw CSV field is
    injectable: the checks below would see both."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = CODES[0]
    wb.save(tmp_path / "raw.xlsx")
    assert formula_cells(tmp_path / "raw.xlsx")
    assert injectable_fields('"=1+1",-5\n') == ["=1+1"]
    wb = Workbook()
    wb.active["A1"] = CODES[0]
    assert force_text_cells(wb) == 1
    wb.save(tmp_path / "safe.xlsx")
    assert formula_cells(tmp_path / "safe.xlsx") == []


def test_escape_round_trips_and_leaves_numbers() -> None:
    for s in [*CODES, *NAMES, "'", "''", "'=", "\tx", "\rx", "plain", ""]:
        assert csv_unescape(csv_escape(s)) == s
        assert not str(csv_escape(s)).startswith(CSV_DANGEROUS)
    assert csv_escape(-5.0) == -5.0 and csv_escape(-3) == -3
    assert terminal_text("[bold]x[/bold]\x1b") == "\\[bold]x\\[/bold]"


def test_reader_keeps_the_labels(table_csv: Path) -> None:
    t = read_table(table_csv)
    assert list(t.codes) == CODES
    assert list(t.names)[:3] == NAMES[:3]


@pytest.mark.parametrize("target", ["t.xlsx", "t_folder"])
def test_canonical_writers_round_trip(table_csv: Path, tmp_path: Path, target: str) -> None:
    t = read_table(table_csv)
    out = write_table(t, tmp_path / target)
    if out.suffix == ".xlsx":
        assert formula_cells(out) == []
    else:
        for f in out.glob("*.csv"):
            assert injectable_fields(f.read_text(encoding="utf-8")) == [], f.name
    back = read_table(out)
    assert back.codes == t.codes and back.names == t.names and back.labels == t.labels
    assert back.equals(t)


@pytest.mark.parametrize(
    "argv",
    [
        ["multipliers", "{t}", "-f", "xlsx", "-o", "{o}/m.xlsx"],
        ["linkages", "{t}", "-f", "xlsx", "-o", "{o}/l.xlsx"],
        ["leontief", "{t}", "-f", "xlsx", "-o", "{o}/L.xlsx"],
        ["scenario-template", "{o}/template.xlsx", "--table", "{t}"],
        ["shock", "{t}", "{s}", "-o", "{o}/shock.xlsx"],
        ["analyze", "{t}", "-s", "{s}", "-o", "{o}/report", "-q"],
    ],
    ids=lambda a: a[0] + "-" + a[-1].rsplit("/", 1)[-1] if isinstance(a, list) else str(a),
)
def test_workbooks_hold_no_formula_from_a_label(
    table_csv: Path, tmp_path: Path, argv: list[str]
) -> None:
    scen = table_csv.with_suffix(".toml")
    args = [a.format(t=table_csv, o=tmp_path, s=scen) for a in argv]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.stderr
    books = list(tmp_path.rglob("*.xlsx"))
    assert books
    for b in books:
        assert formula_cells(b) == [], b.name
    from openpyxl import load_workbook

    texts = set()
    for b in books:
        for ws in load_workbook(b).worksheets:
            for row in ws.iter_rows():
                texts |= {c.value for c in row if c.data_type == "s"}
    assert set(CODES) & texts, "the labels are written (as text)"
    if argv[0] == "analyze":
        assert list((tmp_path / "report" / "figures").glob("*.svg"))


@pytest.mark.parametrize(
    "argv",
    [
        ["multipliers", "{t}", "-f", "csv", "-o", "{o}/m.csv"],
        ["linkages", "{t}", "-f", "csv", "-o", "{o}/l.csv"],
        ["leontief", "{t}", "-f", "csv", "-o", "{o}/L.csv"],
        ["shock", "{t}", "{s}", "-f", "csv", "-o", "{o}/shock_csv"],
        ["linkages", "{t}", "-f", "csv"],
    ],
    ids=["multipliers", "linkages", "leontief", "shock-folder", "stdout"],
)
def test_csv_outputs_are_not_injectable(table_csv: Path, tmp_path: Path, argv: list[str]) -> None:
    scen = table_csv.with_suffix(".toml")
    args = [a.format(t=table_csv, o=tmp_path, s=scen) for a in argv]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.stderr
    texts = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.csv")] or [res.stdout]
    for text in texts:
        assert injectable_fields(text) == []
    if argv[0] in ("multipliers", "leontief"):
        df = pd.read_csv(tmp_path / Path(args[-1]).name, index_col=0)
        assert [csv_unescape(c) for c in df.index] == CODES  # labels come back exactly
        assert df.to_numpy().min() >= 0 or argv[0] == "leontief"
    if argv[0] == "leontief":  # negative numbers are numbers, not escaped
        assert all(not str(c).startswith("'") for c in df.to_numpy().ravel())


def test_negative_numbers_are_not_prefixed(tmp_path: Path) -> None:
    from iocluster.reports.export import write_frames

    df = pd.DataFrame({"change": [-5.5, 2.0], "name": ["-x", "y"]}, index=["=A", "B"])
    write_frames(df, "csv", tmp_path / "c.csv")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1:] == ["'=A,-5.5,'-x", "B,2.0,y"]


def test_terminal_table_prints_labels_as_typed(table_csv: Path) -> None:
    res = runner.invoke(app, ["linkages", str(table_csv)])
    assert res.exit_code == 0, res.stderr
    assert "[bold]trade[/bold]" in res.stdout  # markup printed, not applied
    assert "\x1b" not in res.stdout


def test_figure_labels_with_dollar_signs_are_drawn_as_typed(tmp_path: Path) -> None:
    """A malformed mathtext label ('$\\frac{x$') would raise inside matplotlib."""
    from iocluster.analysis.multipliers import OPEN_KINDS, multipliers
    from iocluster.reports.figures import multipliers_by_sector, save_figure

    t = read_table_from_rows()
    m = multipliers(t, kinds=OPEN_KINDS)
    fig = multipliers_by_sector(m, names=dict(zip(t.codes, t.names, strict=True)))
    paths = save_figure(fig, tmp_path / "m")
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert "frac{x" in (tmp_path / "m.svg").read_text(encoding="utf-8")


def read_table_from_rows() -> object:
    from iocluster.table import IOTable

    return IOTable.from_arrays(
        Z=[[10, 20], [15, 40]], Y=[[70], [150]], V=[[75, 145]], codes=CODES[:2], names=NAMES[:2]
    )


def test_error_lines_carry_no_control_characters() -> None:
    """A hostile label echoed in an error cannot send escape sequences to the terminal."""
    economy = Path(__file__).resolve().parents[1] / "data" / "example_economy.xlsx"
    res = runner.invoke(app, ["extract", str(economy), "--sectors", "\x1b[2J\x1b[31mTEXX"])
    assert res.exit_code == 1
    assert "\x1b" not in res.stderr and "[2J[31mTEXX" in res.stderr


def test_clusters_toml_writer_cannot_be_broken_out_of() -> None:
    """Codes with quotes, brackets and line breaks stay inside their TOML strings and the
    comment line: reading the file back gives exactly the clusters written."""
    import tomllib
    from types import SimpleNamespace

    from iocluster.regional.clustering.result import ClusterResult

    evil = ['X"]\n[evil]\nk = ["', "a\rb\x1b", "=HYPERLINK(1)"]
    fake = SimpleNamespace(
        method="test",
        internal_share=0.5,
        members=lambda secondary=False: {'c"1\n[evil]': evil},
        clusters=pd.DataFrame({"lead": ['X"]\n[evil2]']}, index=['c"1\n[evil]']),
    )
    text = ClusterResult.to_toml(fake)  # type: ignore[arg-type]
    doc = tomllib.loads(text)
    assert doc == {"clusters": {'c"1\n[evil]': evil}}
