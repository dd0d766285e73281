"""Issue 18's bad-input families: untrusted tables never run code, never destroy inputs,
never exhaust the machine.

:func:`cases` writes its files into ``d/untrusted/`` and returns its cases, built with
the ``Case`` class it is given (so that this module does not import ``make_corpus``,
which imports it). Families:

- ``inject``: labels that are spreadsheet formulas, rich markup or mathtext go through
  every writer and the command succeeds (the cells written are text: checked in
  ``tests/test_untrusted_text.py``);
- ``overwrite``: an output that is (or holds, or lies in) an input, a device, a pipe,
  two outputs at one path: exit 1, nothing changed;
- ``budget``: sizes of work or memory above their budget: exit 1 naming the option and
  the ``IOCLUSTER_MAX_...`` variable;
- ``magnitude``: numbers beyond any economy: exit 1 naming the block, row and column.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["FAMILIES", "cases"]

ROOT = Path(__file__).resolve().parents[2]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
SCENARIO = ROOT / "data" / "scenarios" / "textile_integration.toml"

#: case id -> family (the README's section lists them)
FAMILIES: dict[str, str] = {}

# A three-sector published table, x = Z1 + Y1 = (100, 200, 80), whose codes are formulas.
INJ = ['=HYPERLINK("http://x.example","click")', "+SUM(1,2)", "@A1"]


def _table(codes: list[str], names: list[str], *, cell: tuple[int, int, object] | None = None,
           ) -> list[list[object]]:  # fmt: skip
    rows: list[list[object]] = [
        ["Code", "Name", *codes, "Household consumption", "Exports", "Total output"],
        [codes[0], names[0], 10, 20, 5, 50, 15, 100],
        [codes[1], names[1], 15, 40, 10, 100, 35, 200],
        [codes[2], names[2], 5, 10, 15, 40, 10, 80],
        ["", "Compensation of employees", 40, 60, 30],
        ["", "Gross operating surplus", 30, 70, 20],
        ["", "Total output", 100, 200, 80],
        ["", "Employment (persons)", 10, 25, 8],
    ]
    if cell is not None:
        r, c, v = cell
        rows[r][c] = v
    return rows


def _csv(path: Path, rows: list[list[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return str(path)


def _scenario(name: str = "s", sectors: str = '["TEX"]') -> str:
    return (
        f'[[scenario]]\nname = "{name}"\n  [[scenario.shock]]\n  kind = "final_demand"\n'
        f'  sectors = {sectors}\n  category = "exports"\n  change = 5\n  unit = "absolute"\n'
    )


def cases(d: Path, case: Callable[..., Any]) -> list[Any]:
    """Write the files of issue 18's families into ``d/untrusted`` and return the cases."""
    u = d / "untrusted"
    u.mkdir(parents=True, exist_ok=True)
    out = u / "out"
    out.mkdir(exist_ok=True)
    e = str(u / "economy.xlsx")
    shutil.copy(ECONOMY, e)
    shutil.copy(SCENARIO, u / "scen.toml")
    (u / "clusters.toml").write_text('[clusters]\ntextiles = ["TEX", "APPAREL"]\n')
    (u / "employment.csv").write_text("region,TEX,APPAREL\nTashkent,10,20\n")
    (u / "margins.csv").write_text("code,value\nTEX,10\n")

    inj = _csv(u / "inject.csv", _table(INJ, ["=1+1 farms", "-2+3 mills", "@trade"]))
    markup = _csv(u / "markup.csv", _table(["A01", "C13", "G46"], [
        "[link=http://x.example]click[/link]", "\x1b[31mred\x1b[0m", "[bold]trade"]))  # fmt: skip
    math = _csv(u / "math.csv", _table(["A01", "C13", "G46"], [
        "$\\frac{x$ farms", "$$ mills", "$x^{2}$ trade"]))  # fmt: skip

    # overwrite family: links, a CSV-folder table, a folder holding the table, a pipe
    (u / "link.xlsx").symlink_to(u / "economy.xlsx")
    os.link(u / "economy.xlsx", u / "hard.xlsx")
    (u / "null.json").symlink_to("/dev/null")
    os.mkfifo(u / "pipe.json")
    (u / "holder").mkdir()
    shutil.copy(ECONOMY, u / "holder" / "economy.xlsx")
    from iocluster.io import read_table, write_table

    write_table(read_table(ECONOMY), u / "tblfolder")

    # budget family
    (u / "draws.toml").write_text("draws = 1000000000\n" + _scenario())
    (u / "long_string.toml").write_text(_scenario("x" * 10_001))
    many = "[" + ", ".join(['"TEX"'] * 100_001) + "]"
    (u / "long_array.toml").write_text(_scenario("s", many))
    (u / "many.toml").write_text("".join(_scenario(f"s{k}") for k in range(1_001)))
    (u / "huge.toml").write_text(_scenario() + "#" * 10_000_001 + "\n")
    (u / "cl_array.toml").write_text(f"[clusters]\ntextiles = {many}\n")

    # magnitude family
    good = ["A01", "C13", "G46"]
    names = ["Agriculture", "Textiles", "Trade"]
    cell = _csv(u / "cell_1e300.csv", _table(good, names, cell=(2, 2, "1e300")))
    neg = _csv(u / "neg_1e300.csv", _table(good, names, cell=(1, 6, "-1e300")))
    rows = _table(good, names)
    rows[1][6], rows[1][7], rows[5][2], rows[6][2] = 1e21, 1e21, 1e21, 1e21
    huge_out = _csv(u / "output_1e21.csv", rows)
    from iocluster.table import IOTable

    t = read_table(ECONOMY)
    Z = t.Z.copy()
    Z[0, 1] = 1e300
    wb = IOTable.from_arrays(Z=Z, Y=t.Y, V=t.V, codes=t.codes, fd_names=t.fd_names,
                             va_names=t.va_names, x=None)  # fmt: skip
    write_table(wb, u / "canonical_1e300.xlsx")

    D = "{d}/untrusted"
    o = "{d}/untrusted/out"
    spec: list[tuple[str, str, str, str, tuple[str, ...], str, str]] = [
        # (id, family, group, what, argv, expect, match)
        ("inj_multipliers_xlsx", "inject", "table", "formula codes to --format xlsx",
         ("multipliers", inj, "-f", "xlsx", "-o", f"{o}/m.xlsx", "--force"), "ok", ""),
        ("inj_multipliers_csv", "inject", "table", "formula codes to --format csv",
         ("multipliers", inj, "-f", "csv", "-o", f"{o}/m.csv", "--force"), "ok", ""),
        ("inj_linkages_terminal", "inject", "table", "formula codes to the terminal table",
         ("linkages", inj), "ok", ""),
        ("inj_convert_workbook", "inject", "table", "formula codes to the canonical workbook",
         ("convert", inj, f"{o}/t.xlsx", "--force"), "ok", ""),
        ("inj_convert_csv_folder", "inject", "table", "formula codes to the CSV folder",
         ("convert", inj, f"{o}/tfolder", "--force"), "ok", ""),
        ("inj_scenario_template", "inject", "table", "formula codes in the scenario template",
         ("scenario-template", f"{o}/st.xlsx", "--table", inj, "--force"), "ok", ""),
        ("inj_analyze_report", "inject", "table", "formula codes in the analyze report",
         ("analyze", inj, "-o", f"{o}/an", "-q", "--no-figures", "--force"), "ok", ""),
        ("inj_markup_terminal", "inject", "table", "rich markup and ANSI escapes in names",
         ("linkages", markup), "ok", ""),
        ("inj_mathtext_figures", "inject", "table", "malformed $mathtext$ in names, figures",
         ("analyze", math, "-o", f"{o}/fig", "-q", "--force"), "ok", ""),
        ("same_multipliers_force", "overwrite", "cli", "-o is the table, with --force",
         ("multipliers", e, "-f", "xlsx", "-o", e, "--force"), "error", "is the input TABLE"),
        ("same_convert", "overwrite", "cli", "convert a table onto itself",
         ("convert", e, e), "error", "is the input SOURCE"),
        ("same_convert_force", "overwrite", "cli", "convert a table onto itself, --force",
         ("convert", e, e, "--force"), "error", "never writes over its inputs"),
        ("same_shock_scenario", "overwrite", "cli", "-o is the scenario file",
         ("shock", e, f"{D}/scen.toml", "-f", "json", "-o", f"{D}/scen.toml", "--force"),
         "error", "is the input the scenario"),
        ("same_clusters_file", "overwrite", "cli", "-o is the --clusters file",
         ("linkages", e, "--clusters", f"{D}/clusters.toml", "-f", "json", "-o",
          f"{D}/clusters.toml", "--force"), "error", "is the input --clusters"),
        ("same_employment_file", "overwrite", "cli", "regionalize -o is the employment file",
         ("regionalize", e, f"{D}/employment.csv", "-o", f"{D}/employment.csv", "--force"),
         "error", "is the input the employment file"),
        ("same_update_save", "overwrite", "cli", "update --save is the table",
         ("update", e, "--rows", f"{D}/margins.csv", "--columns", f"{D}/margins.csv",
          "--save", e, "--force"), "error", "--save"),
        ("same_symlink", "overwrite", "cli", "-o is a symbolic link to the table",
         ("multipliers", e, "-f", "xlsx", "-o", f"{D}/link.xlsx", "--force"), "error",
         "after following links"),
        ("same_hard_link", "overwrite", "cli", "-o is a hard link to the table",
         ("convert", e, f"{D}/hard.xlsx", "--force"), "error", "is the input SOURCE"),
        ("same_folder_holds_table", "overwrite", "cli", "analyze -o the folder holding the table",
         ("analyze", f"{D}/holder/economy.xlsx", "-o", f"{D}/holder", "--force"), "error",
         "contains the input TABLE"),
        ("same_inside_csv_folder", "overwrite", "cli", "-o inside the CSV-folder table",
         ("multipliers", f"{D}/tblfolder", "-f", "csv", "-o",
          f"{D}/tblfolder/intermediate_use.csv", "--force"), "error", "lies inside the input"),
        ("same_two_outputs", "overwrite", "cli", "--figure and -o name one file",
         ("chains", e, "-t", "TEX", "--figure", f"{o}/p.png", "-f", "csv", "-o", f"{o}/p.png"),
         "error", "name the same path"),
        ("force_dev_null", "overwrite", "cli", "-o /dev/null --force",
         ("multipliers", e, "-f", "json", "-o", "/dev/null", "--force"), "error",
         "not a regular file"),
        ("force_link_to_device", "overwrite", "cli", "-o a link to /dev/null, --force",
         ("multipliers", e, "-f", "json", "-o", f"{D}/null.json", "--force"), "error",
         "not a regular file"),
        ("force_fifo", "overwrite", "cli", "-o a named pipe, --force",
         ("multipliers", e, "-f", "json", "-o", f"{D}/pipe.json", "--force"), "error",
         "not a regular file"),
        ("budget_draws", "budget", "cli", "--draws 1000000000",
         ("shock", e, f"{D}/scen.toml", "--draws", "1000000000"), "error",
         "IOCLUSTER_MAX_DRAWS"),
        ("budget_file_draws", "budget", "scenario", "draws = 1000000000 in the scenario file",
         ("shock", e, f"{D}/draws.toml"), "error", "draws.toml: 'draws' 1,000,000,000"),
        ("budget_top", "budget", "cli", "chains --top 100000000",
         ("chains", e, "-t", "TEX", "--top", "100000000"), "error", "IOCLUSTER_MAX_PATHS"),
        ("budget_depth", "budget", "cli", "chains --depth 1000000",
         ("chains", e, "-t", "TEX", "--depth", "1000000"), "error", "IOCLUSTER_MAX_DEPTH"),
        ("budget_toml_string", "budget", "scenario", "a scenario name of 10,001 characters",
         ("shock", e, f"{D}/long_string.toml"), "error", "IOCLUSTER_MAX_TOML_STRING"),
        ("budget_toml_array", "budget", "scenario", "a sectors array of 100,001 items",
         ("shock", e, f"{D}/long_array.toml"), "error", "scenario[0].shock[0].sectors"),
        ("budget_scenarios", "budget", "scenario", "1,001 scenarios in one file",
         ("shock", e, f"{D}/many.toml"), "error", "IOCLUSTER_MAX_SCENARIOS"),
        ("budget_toml_bytes", "budget", "scenario", "a 10 MB scenario file",
         ("shock", e, f"{D}/huge.toml"), "error", "huge.toml: the file size"),
        ("budget_clusters_array", "budget", "cli", "a clusters file array of 100,001 codes",
         ("linkages", e, "--clusters", f"{D}/cl_array.toml"), "error",
         "cl_array.toml: the array at 'clusters.textiles'"),
        ("magnitude_cell_1e300", "magnitude", "table", "a flow of 1e300",
         ("multipliers", cell), "error", "intermediate_use, row 'C13', column 'A01': 1e+300"),
        ("magnitude_negative_1e300", "magnitude", "table", "exports of -1e300",
         ("multipliers", neg), "error", "final_demand, row 'A01', column 'Exports'"),
        ("magnitude_output_1e21", "magnitude", "table", "output of 1e21 in its unit",
         ("multipliers", huge_out), "error", "beyond any economy"),
        ("magnitude_canonical_1e300", "magnitude", "table", "1e300 in a canonical workbook",
         ("info", f"{D}/canonical_1e300.xlsx"), "error",
         "canonical_1e300.xlsx: intermediate_use, row 'AGR_COTTON'"),
    ]  # fmt: skip
    out_cases = []
    for cid, family, group, what, argv, expect, match in spec:
        FAMILIES[cid] = family
        args = tuple(a.replace(str(d), "{d}") for a in argv)
        out_cases.append(case(cid, group, what, args, expect, match))
    return out_cases
