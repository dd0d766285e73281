"""Write the bad-input corpus into a folder and list its cases.

Run ``python tests/bad_inputs/make_corpus.py OUT`` to write the files for a look, or
import :func:`build` (``tests/test_bad_inputs.py`` does, into a temporary folder). No
binary file is committed: every workbook, zip bomb and damaged file is made here.

Each :class:`Case` is a command line (``{d}`` stands for the corpus folder) and its
expected outcome:

- ``error``: exit 1, one ``error:`` line on stderr containing ``match`` (the place:
  file, sheet, cell, sector, scenario or field), no traceback, nothing written;
- ``usage``: exit 2 (a wrong option, caught by the command-line parser), nothing written;
- ``warn``: exit 0, a ``warning:`` line containing ``match``, and, when ``same_as`` is
  given, the same JSON result as that command line on the clean input;
- ``ok``: exit 0, and the same JSON result as ``same_as``.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

try:
    from tests.bad_inputs import cases_issue27, cases_untrusted, workbooks
except ImportError:  # run as a script from this folder
    import cases_issue27  # type: ignore[no-redef]
    import cases_untrusted  # type: ignore[no-redef]
    import workbooks  # type: ignore[no-redef]

__all__ = ["CASES_GROUPS", "Case", "build"]

CASES_GROUPS = ("table", "scenario", "regional", "cli")

ROOT = Path(__file__).resolve().parents[2]
ECONOMY = ROOT / "data" / "example_economy.xlsx"


@dataclass(frozen=True)
class Case:
    """One bad input and what iocluster must do with it."""

    id: str
    group: str
    what: str
    argv: tuple[str, ...]
    expect: str  # "error" | "usage" | "warn" | "ok"
    match: str = ""
    same_as: tuple[str, ...] | None = None
    keep: str | None = None  # a file that must be left byte-for-byte unchanged

    def args(self, d: Path) -> list[str]:
        return [a.replace("{d}", str(d)) for a in self.argv]


# --------------------------------------------------------------------------- the table
# A three-sector domestic table laid out as a statistics office publishes it.
# x = Z1 + Y1 = (100, 200, 80); value added = x - 1'Z = (70, 130, 50).
HEADER = ["Code", "Name", "A01", "C13", "G46", "Household consumption", "Exports", "Total output"]
GOOD: list[list[object]] = [
    ["Input-output table 2022"],
    HEADER,
    ["A01", "Agriculture", 10, 20, 5, 50, 15, 100],
    ["C13", "Textiles", 15, 40, 10, 100, 35, 200],
    ["G46", "Trade", 5, 10, 15, 40, 10, 80],
    [None, "Compensation of employees", 40, 60, 30],
    [None, "Gross operating surplus", 30, 70, 20],
    [None, "Total output", 100, 200, 80],
    [None, "Employment (persons)", 10, 25, 8],
]


def _rows() -> list[list[object]]:
    return [list(r) for r in GOOD]


def _set(rows: list[list[object]], r: int, c: int, v: object) -> list[list[object]]:
    while len(rows[r]) <= c:
        rows[r].append(None)
    rows[r][c] = v
    return rows


def write_csv(path: Path, rows: list[list[object]], *, delimiter: str = ",") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def write_xlsx(
    path: Path,
    rows: list[list[object]],
    *,
    title: str = "IO",
    merges: tuple[str, ...] = (),
    extra_sheets: tuple[str, ...] = (),
) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for name in extra_sheets:
        wb.create_sheet(name)
    wb.save(path)
    return path


def _rezip(
    src: Path, dst: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None
) -> Path:
    """Copy a workbook, replacing (or adding) members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def _tables(d: Path) -> list[Case]:
    """Published tables (CSV and single-sheet workbooks) and canonical workbooks."""
    cases: list[Case] = []
    mult = ("multipliers", "{d}/%s", "--format", "json")

    def case(
        name: str, what: str, expect: str, match: str = "", *, same: bool = False, cmd: str = ""
    ) -> None:
        argv = tuple(a % name if "%s" in a else a for a in mult)
        if cmd:
            argv = (cmd, *argv[1:])
        ref = ("multipliers", "{d}/good.csv", "--format", "json") if same else None
        cases.append(Case(name.replace(".", "_"), "table", what, argv, expect, match, ref))

    write_csv(d / "good.csv", _rows())
    write_xlsx(d / "good.xlsx", _rows())

    write_csv(d / "text_cell.csv", _set(_rows(), 3, 3, "n/a"))
    case("text_cell.csv", "text 'n/a' in a number cell", "error", "cell D4")
    write_xlsx(d / "text_cell.xlsx", _set(_rows(), 2, 4, "12 units"))
    case("text_cell.xlsx", "text in a number cell of a workbook", "error", "sheet 'IO', cell E3")
    write_csv(d / "nan_cell.csv", _set(_rows(), 2, 2, "NaN"))
    case("nan_cell.csv", "NaN in the intermediate block", "error", "cell C3")
    write_csv(d / "inf_cell.csv", _set(_rows(), 4, 3, "inf"))
    case("inf_cell.csv", "inf in the intermediate block", "error", "cell D5")
    write_csv(d / "overflow_cell.csv", _set(_rows(), 4, 5, "1e999"))
    case("overflow_cell.csv", "a number that overflows to infinity", "error", "cell F5")
    write_xlsx(d / "bool_cell.xlsx", _set(_rows(), 3, 2, True))
    case("bool_cell.xlsx", "a TRUE/FALSE cell in the data", "error", "cell C4")

    (d / "empty.csv").write_bytes(b"")
    case("empty.csv", "an empty CSV file", "error", "empty.csv")
    write_xlsx(d / "empty_sheet.xlsx", [])
    case("empty_sheet.xlsx", "a workbook whose sheet is empty", "error", "sheet 'IO'")
    write_xlsx(d / "only_title.xlsx", [["Input-output table"], [], ["no data"]])
    case("only_title.xlsx", "a sheet with a title and no table", "error", "sheet 'IO'")

    rows = _rows()
    rows[4][0] = "C13"
    write_csv(d / "dup_row.csv", rows)
    case("dup_row.csv", "a sector row label duplicated (C13 twice, G46 missing)", "error", "G46")
    rows = _rows()
    rows[1][4] = "G47"
    write_csv(d / "unmatched.csv", rows)
    case("unmatched.csv", "column label G47 does not match row label G46", "error", "G4")
    rows = [r[:4] + r[5:] if len(r) > 4 else r for r in _rows()]
    write_csv(d / "missing_col.csv", rows)
    case("missing_col.csv", "a sector column missing (non-square block)", "error", "Trade")
    rows = _rows()
    del rows[4]
    write_csv(d / "missing_row.csv", rows)
    case("missing_row.csv", "a sector row missing (non-square block)", "error", "G46")

    write_csv(d / "bad_total_row.csv", _set(_rows(), 7, 3, 250))
    case("bad_total_row.csv", "total output row contradicts the data", "warn", "C13", same=True)
    write_csv(d / "bad_total_col.csv", _set(_rows(), 2, 7, 120))
    case("bad_total_col.csv", "total output column contradicts the data", "warn", "A01", same=True)
    rows = _rows()
    rows.insert(5, [None, "Total intermediate consumption", 30, 70, 30, 190, 60, 380])
    write_csv(d / "stray_total.csv", rows)
    case("stray_total.csv", "a correct total row between block and value added", "ok", same=True)
    rows = _rows()
    rows.insert(5, [None, "Total intermediate consumption", 30, 71, 30])
    write_csv(d / "stray_total_wrong.csv", rows)
    case(
        "stray_total_wrong.csv", "a total row that contradicts its parts", "warn", "C13", same=True
    )

    rows = _rows()
    rows[2][2:8] = [-10, 20, 5, -210, 15, -170]
    rows[5][2], rows[6][2], rows[7][2] = -190, 0, -170
    write_csv(d / "negative_output.csv", rows)
    case("negative_output.csv", "a sector with negative output", "error", "A01", cmd="leontief")
    rows = _rows()
    rows[4][2:8] = [0, 0, 0, 0, 0, 0]
    for r in (2, 3):
        rows[r][4] = 0
    rows[2][5], rows[3][5] = 55, 110
    rows[5][4] = rows[6][4] = rows[7][4] = rows[8][4] = 0
    write_csv(d / "zero_output.csv", rows)
    case("zero_output.csv", "a sector with zero output (empty row and column)", "warn", "G46")

    # value added negative enough that the column sums of A exceed one: unproductive.
    rows = _rows()
    rows[2][2:5], rows[3][2:5], rows[4][2:5] = [60, 20, 5], [60, 150, 10], [30, 10, 75]
    rows[2][5:8], rows[3][5:8], rows[4][5:8] = [10, 5, 100], [-30, 10, 200], [-40, 5, 80]
    rows[5][2:5], rows[6][2:5] = [-50, 10, -10], [0, 10, 0]
    write_csv(d / "unproductive.csv", rows)
    case("unproductive.csv", "an unproductive system (negative value added)", "error",
         "not productive", cmd="leontief")  # fmt: skip

    # I - A singular: A01 and C13 sell all their output to each other (no value added, no
    # final demand), so a = [[0, 1], [1, 0]] in their block.
    rows = _rows()
    rows[2][2:8] = [0, 100, 0, 0, 0, 100]
    rows[3][2:8] = [100, 0, 0, 0, 0, 100]
    rows[4][2:8] = [0, 0, 15, 65, 0, 80]
    rows[5][2:5], rows[6][2:5] = [0, 0, 40], [0, 0, 25]
    rows[7][2:5], rows[8][2:5] = [100, 100, 80], [1, 1, 8]
    write_csv(d / "singular.csv", rows)
    case("singular.csv", "I - A singular (two sectors trade all output)", "error", "singular",
         cmd="leontief")  # fmt: skip
    rows = _rows()
    rows[8][1] = "Employment (thousand persons)"
    rows.append([None, "Employment (persons)", 10000, 25000, 8000])
    write_csv(d / "mixed_units.csv", rows)
    case("mixed_units.csv", "employment given twice, in thousands and in persons", "ok")

    (d / "csv_as.xlsx").write_bytes((d / "good.csv").read_bytes())
    case("csv_as.xlsx", "a CSV file named .xlsx", "error", "rename it to .csv")
    (d / "xls_as.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    case("xls_as.xlsx", "an Excel 97-2003 file named .xlsx", "error", ".xls")
    (d / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    case("old.xls", "an Excel 97-2003 .xls file", "error", "save it as .xlsx")
    (d / "xlsx_as.csv").write_bytes((d / "good.xlsx").read_bytes())
    case("xlsx_as.csv", "a workbook named .csv", "error", "rename it to .xlsx")
    enc = "EncryptedPackage".encode("utf-16-le")
    (d / "password.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + enc + b"\x00" * 64
    )
    case("password.xlsx", "a password-protected (encrypted) workbook", "error", "password")
    raw = (d / "good.xlsx").read_bytes()
    (d / "truncated.xlsx").write_bytes(raw[: len(raw) // 2])
    case("truncated.xlsx", "a truncated (corrupt) workbook", "error", "damaged")
    with zipfile.ZipFile(d / "not_a_workbook.xlsx", "w") as zf:
        zf.writestr("hello.txt", "a zip file that is not a workbook")
    case("not_a_workbook.xlsx", "a zip archive that is not a workbook", "error", "not_a_workbook")
    (d / "binary.csv").write_bytes(bytes(range(256)) * 8)
    case("binary.csv", "binary garbage named .csv", "error", "binary.csv")
    (d / "table.pdf").write_bytes(b"%PDF-1.4")
    case("table.pdf", "a PDF passed as the table", "error", ".pdf")

    _rezip(d / "good.xlsx", d / "entities.xlsx", {"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    case("entities.xlsx", "an entity-expansion (billion laughs) workbook", "error", "entit")
    bomb = b'<?xml version="1.0"?>' + b" " * (64 << 20)
    _rezip(d / "good.xlsx", d / "zip_bomb.xlsx", {}, {"xl/media/padding.xml": bomb})
    case("zip_bomb.xlsx", "a zip bomb (a member that decompresses 1000-fold)", "error", "zip bomb")
    with (d / "long_line.csv").open("w") as fh:
        fh.write("Code," + "x" * (5 << 20) + "\n")
        fh.write("A01,1\n")
    case("long_line.csv", "an enormous CSV line (5 MiB)", "error", "line 1")
    with (d / "many_fields.csv").open("w") as fh:
        fh.write(",".join(["1"] * 150_000) + "\n")
    case("many_fields.csv", "a CSV row with 150 000 fields", "error", "line 1")

    rows = _rows()
    _set(rows, 2, 3, "=B2*2")
    write_xlsx(d / "formula.xlsx", rows)
    case("formula.xlsx", "a formula without a cached value", "error", "cell D3")

    rows = _rows()
    rows[3][0] = "С13"  # Cyrillic С
    rows[1][3] = "C13"
    write_csv(d / "cyrillic.csv", rows)
    case("cyrillic.csv", "row label С13 with a Cyrillic С, column label C13", "ok", same=True)
    rows = _rows()
    rows[2][2:8] = ["10,0", "20,0", "5,0", "50,0", "15,0", "100,0"]
    write_csv(d / "decimal_comma.csv", rows, delimiter=";")
    case("decimal_comma.csv", "semicolon CSV with decimal commas", "ok", same=True)
    rows = _rows()
    rows[3][5], rows[3][7] = "1 00", "2 00"  # ambiguous, not a number
    write_csv(d / "bad_thousands.csv", rows)
    case("bad_thousands.csv", "digits grouped wrongly ('1 00')", "error", "cell F4")
    write_xlsx(
        d / "merged.xlsx",
        [["IO 2022"], [None, None, None, None, None, "Final use", None, None], *_rows()[1:]],
        merges=("F2:G2",),
    )
    case("merged.xlsx", "merged header cells over final demand", "ok", same=True)

    # canonical workbooks (the layout write_table produces), damaged sheet by sheet
    import openpyxl

    shutil.copy(ECONOMY, d / "economy.xlsx")
    wb = openpyxl.load_workbook(ECONOMY)
    wb["intermediate_use"]["C3"] = "twelve"
    wb.save(d / "canon_text.xlsx")
    case("canon_text.xlsx", "canonical workbook: text in intermediate_use", "error",
         "sheet 'intermediate_use', cell C3")  # fmt: skip
    wb = openpyxl.load_workbook(ECONOMY)
    wb["final_demand"]["A3"] = "TEXX"
    wb.save(d / "canon_code.xlsx")
    case("canon_code.xlsx", "canonical workbook: unknown sector code", "error", "TEXX")
    wb = openpyxl.load_workbook(ECONOMY)
    wb["intermediate_use"]["C1"] = wb["intermediate_use"]["B1"].value
    wb.save(d / "canon_dup_col.xlsx")
    case("canon_dup_col.xlsx", "canonical workbook: a sector column twice", "error",
         "cell C1: duplicate column for sector")  # fmt: skip
    wb = openpyxl.load_workbook(ECONOMY)
    wb["intermediate_use"].title = "Intermediate use"
    wb.save(d / "canon_sheet.xlsx")
    case("canon_sheet.xlsx", "canonical workbook: intermediate_use sheet renamed", "error",
         "canon_sheet.xlsx")  # fmt: skip
    wb = openpyxl.load_workbook(ECONOMY)
    del wb["final_demand"]
    wb.save(d / "canon_no_fd.xlsx")
    case("canon_no_fd.xlsx", "canonical workbook: final_demand sheet deleted (found by fuzzing)",
         "error", "sheet 'import_final_demand'")  # fmt: skip
    wb = openpyxl.load_workbook(ECONOMY)
    wb["metadata"].append(["colour", "blue"])
    wb.save(d / "canon_meta.xlsx")
    case("canon_meta.xlsx", "canonical workbook: unknown metadata key", "error", "colour")
    return cases


# --------------------------------------------------------------------------- scenarios
def _scenarios(d: Path) -> list[Case]:
    cases: list[Case] = []
    shock = ("shock", "{d}/economy.xlsx")

    def case(name: str, text: str | bytes, what: str, expect: str, match: str) -> None:
        p = d / name
        p.write_bytes(text if isinstance(text, bytes) else text.encode())
        cases.append(Case(p.stem, "scenario", what, (*shock, f"{{d}}/{name}"), expect, match))

    fd = '[[scenario]]\nname = "s"\n[[scenario.shock]]\nkind = "final_demand"\n'
    case(
        "sc_syntax.toml",
        '[[scenario]\nname = "s"\n',
        "TOML syntax error",
        "error",
        "sc_syntax.toml",
    )
    case("sc_unknown_sector.toml", fd + 'sectors = ["TEXX"]\ncategory = "exports"\nchange = 5\n',
         "unknown sector with a close match", "error", "TEX")  # fmt: skip
    case("sc_unknown_kind.toml", '[[scenario]]\nname = "s"\n[[scenario.shock]]\nkind = "magic"\n',
         "unknown shock kind", "error", "magic")  # fmt: skip
    case("sc_text_value.toml", fd + 'sectors = ["TEX"]\ncategory = "exports"\nchange = "lots"\n',
         "text where a number belongs", "error", "change")  # fmt: skip
    case("sc_share.toml",
         '[[scenario]]\nname = "s"\n[[scenario.shock]]\nkind = "import_substitution"\n'
         'products = ["PHARMA"]\ncategories = ["household"]\nshare = 1.5\n',
         "import-substitution share above 1", "error", "share")  # fmt: skip
    case("sc_dist.toml", fd + 'sectors = ["TEX"]\ncategory = "exports"\n'
         'change = { dist = "uniform", low = 10, high = 5 }\n',
         "a range with low > high", "error", "low")  # fmt: skip
    case("sc_empty.toml", "# nothing\n", "no scenario in the file", "error", "sc_empty.toml")
    case("sc_dupe.toml", (fd + 'sectors = ["TEX"]\ncategory = "exports"\nchange = 5\n') * 2,
         "two scenarios with the same name", "error", "'s'")  # fmt: skip
    case("sc_category.toml", fd + 'sectors = ["TEX"]\ncategory = "tourists"\nchange = 5\n',
         "unknown final-demand category", "error", "tourists")  # fmt: skip
    case("sc_nan.toml", fd + 'sectors = ["TEX"]\ncategory = "exports"\nchange = nan\n',
         "NaN as a shock value", "error", "change")  # fmt: skip
    case("sc_unproductive.toml",
         '[[scenario]]\nname = "s"\n[[scenario.shock]]\nkind = "coefficients"\nrows = ["*"]\n'
         'cols = ["*"]\noperation = "scale"\nvalue = 400\nbalance = "none"\n',
         "a coefficient change that makes the system unproductive", "error", "'s'")  # fmt: skip
    case("sc_binary.toml", bytes(range(256)), "binary file named .toml", "error", "sc_binary.toml")
    (d / "sc_bad.xlsx").write_bytes(b"not a workbook at all")
    cases.append(Case("sc_bad_xlsx", "scenario", "an Excel scenario file that is not a workbook",
                      (*shock, "{d}/sc_bad.xlsx"), "error", "sc_bad.xlsx"))  # fmt: skip
    case("sc_scenario.yaml", "name: s\n", "a scenario file of unknown type", "error", ".yaml")
    (d / "clusters_binary.toml").write_bytes(bytes(range(256)))
    sc = str(ROOT / "data" / "scenarios" / "textile_integration.toml")
    cases.append(
        Case(
            "clusters_binary",
            "scenario",
            "a binary clusters file",
            (*shock, sc, "--clusters", "{d}/clusters_binary.toml"),
            "error",
            "clusters_binary.toml",
        )
    )
    (d / "clusters_unknown.csv").write_text("code,cluster\nTEXX,textiles\n")
    cases.append(
        Case(
            "clusters_unknown",
            "scenario",
            "a clusters file with an unknown sector",
            (*shock, sc, "--clusters", "{d}/clusters_unknown.csv"),
            "error",
            "TEXX",
        )
    )
    return cases


# --------------------------------------------------------------------------- regional
def _regional(d: Path) -> list[Case]:
    cases: list[Case] = []
    good = "code,Tashkent,Fergana\nTEX,100,200\nAPPAREL,50,60\nTRADE,300,100\n"

    def case(name: str, text: str, what: str, expect: str, match: str) -> None:
        (d / name).write_text(text, encoding="utf-8")
        out = f"{{d}}/out_{Path(name).stem}"
        argv = ("regionalize", "{d}/economy.xlsx", f"{{d}}/{name}", "-o", out)
        cases.append(Case(Path(name).stem, "regional", what, argv, expect, match))

    case("reg_unknown.csv", good + "TEXX,5,5\n", "unknown sector code with a close match",
         "error", "TEXX")  # fmt: skip
    case("reg_negative.csv", good.replace("50,60", "-50,60"), "negative employment", "error",
         "APPAREL")  # fmt: skip
    case("reg_text.csv", good.replace("50,60", "fifty,60"), "text as employment", "error",
         "APPAREL")  # fmt: skip
    case(
        "reg_too_big.csv",
        good.replace("300,100", "300000000,100"),
        "a region with more jobs than the nation (thousands vs persons)",
        "error",
        "TRADE",
    )
    case("reg_empty.csv", "", "an empty file", "error", "reg_empty.csv")
    case("reg_dupe.csv", good + "TEX,1,1\n", "a sector listed twice", "error", "TEX")
    case("reg_zero_region.csv", "code,Nowhere\nTEX,0\n", "a region with no employment", "error",
         "Nowhere")  # fmt: skip
    case("reg_cyrillic.csv", good.replace("TEX,", "ТЕХ,"), "Cyrillic look-alike code ТЕХ", "ok", "")
    write_xlsx(d / "reg_sheets.xlsx", [["code", "Tashkent"], ["TEX", 100]], title="Regions")
    cases.append(
        Case(
            "reg_wrong_sheet",
            "regional",
            "--sheet names a sheet that does not exist",
            (
                "regionalize",
                "{d}/economy.xlsx",
                "{d}/reg_sheets.xlsx",
                "-o",
                "{d}/out_sheet",
                "--sheet",
                "Data",
            ),
            "error",
            "Data",
        )
    )
    _rezip(
        d / "reg_sheets.xlsx",
        d / "reg_bomb.xlsx",
        {},
        {"xl/media/padding.xml": b"<x/>" + b" " * (64 << 20)},
    )
    cases.append(
        Case(
            "reg_zip_bomb",
            "regional",
            "a zip-bomb regional workbook",
            ("regionalize", "{d}/economy.xlsx", "{d}/reg_bomb.xlsx", "-o", "{d}/out_bomb"),
            "error",
            "zip bomb",
        )
    )
    return cases + _interregional(d, good)


def _interregional(d: Path, good: str) -> list[Case]:
    """``iocluster interregional`` (issue 16): regional data, regions file, parameters."""
    head = "key,code,name_en,name_ru,name_uz,lat,lon\n"
    rows = "tashkent,UZ-TK,Tashkent,Ташкент,Toshkent,41.30,69.28\n"
    rows += "fergana,UZ-FA,Fergana,Фергана,Farg'ona,40.38,71.78\n"
    (d / "ir_regions.csv").write_text(head + rows, encoding="utf-8")
    (d / "ir_far.csv").write_text(head + rows.replace("41.30", "141.3"), encoding="utf-8")
    (d / "ir_data.csv").write_text(good.replace("Tashkent,Fergana", "tashkent,fergana"))
    (d / "ir_unknown.csv").write_text(good.replace("Tashkent,Fergana", "tashkent,samarkand"))
    cases: list[Case] = []

    def case(cid: str, what: str, extra: tuple[str, ...], expect: str, match: str,
             data: str = "ir_data.csv", regions: str = "ir_regions.csv") -> None:  # fmt: skip
        argv = ("interregional", "{d}/economy.xlsx", f"{{d}}/{data}", "--regions",
                f"{{d}}/{regions}", "-o", f"{{d}}/out_{cid}", *extra)  # fmt: skip
        cases.append(Case(cid, "regional", what, argv, expect, match))

    case("ir_ok", "two regions of the example economy", (), "ok", "")
    case("ir_beta", "a negative distance decay --beta -1", ("--beta", "-1"), "error", "β")
    case("ir_delta", "--delta 1.5 for FLQ", ("--delta", "1.5"), "error", "δ must be in")
    case("ir_unknown_region", "a region of the data missing from the regions file", (),
         "error", "ir_unknown.csv: unknown region 'samarkand'", data="ir_unknown.csv")  # fmt: skip
    case("ir_latitude", "a regional centre at latitude 141.3", (), "error",
         "ir_far.csv: row 2, column 'lat'", regions="ir_far.csv")  # fmt: skip
    return cases


# --------------------------------------------------------------------------- CLI arguments
def _cli(d: Path) -> list[Case]:
    (d / "existing.json").write_text("keep me\n")
    (d / "existing.xlsx").write_text("keep me\n")
    (d / "a_folder").mkdir()
    (d / "ragged_icio.csv").write_text(
        ",AUS_D01T02,AUS_C10T12\nAUS_D01T02,1,2\nAUS_C10T12,1,2,3,4\n"
    )
    (d / "wiot.xlsb").write_bytes(b"PK\x03\x04binary workbook")
    (d / "icio_no_chn_rows.csv").write_text(  # CHN's columns are there, its rows are not
        ",AUS_D01,CHN_D01,AUS_HFCE,CHN_HFCE,OUT\nAUS_D01,1,2,3,4,10\nVA,5,0,0,0,0\nOUT,10,0,0,0,0\n"
    )
    (d / "margins_blank.csv").write_text("code,value\nTEX,10\n,5\n")
    (d / "concordance_text.csv").write_text("code,TOTAL\nTEX,one\n")
    e = "{d}/economy.xlsx"
    sc = str(ROOT / "data" / "scenarios" / "textile_integration.toml")
    return [
        Case("no_such_table", "cli", "a table path that does not exist",
             ("info", "{d}/nope.xlsx"), "error", "nope.xlsx"),
        Case("bad_format", "cli", "--format pdf", ("multipliers", e, "--format", "pdf"), "usage"),
        Case("exists_multipliers", "cli", "multipliers onto an existing file without --force",
             ("multipliers", e, "-f", "json", "-o", "{d}/existing.json"), "error", "--force",
             keep="existing.json"),
        Case("exists_leontief", "cli", "leontief onto an existing file without --force",
             ("leontief", e, "-f", "json", "-o", "{d}/existing.json"), "error", "--force",
             keep="existing.json"),
        Case("exists_shock", "cli", "shock report onto an existing workbook without --force",
             ("shock", e, sc, "-o", "{d}/existing.xlsx"), "error", "--force",
             keep="existing.xlsx"),
        Case("exists_convert", "cli", "convert onto an existing workbook without --force",
             ("convert", e, "{d}/existing.xlsx"), "error", "--force", keep="existing.xlsx"),
        Case("exists_template", "cli", "template onto an existing workbook without --force",
             ("template", "{d}/existing.xlsx"), "error", "--force", keep="existing.xlsx"),
        Case("exists_scenario_template", "cli", "scenario-template onto an existing file",
             ("scenario-template", "{d}/existing.xlsx"), "error", "--force",
             keep="existing.xlsx"),
        Case("exists_analyze", "cli", "analyze into an existing file (not a folder)",
             ("analyze", e, "-o", "{d}/existing.json"), "error", "existing.json",
             keep="existing.json"),
        Case("output_is_folder", "cli", "-o names a folder", ("multipliers", e, "-f", "csv", "-o",
             "{d}/a_folder"), "error", "a_folder"),
        Case("draws_negative", "cli", "--draws -5", ("shock", e, sc, "--draws", "-5"), "usage"),
        Case("delta_out_of_range", "cli", "--delta 1.5 for FLQ",
             ("regionalize", e, "{d}/reg_cyrillic.csv", "-o", "{d}/out_delta", "--delta", "1.5"),
             "error", "δ"),
        Case("extract_unknown", "cli", "extract an unknown sector",
             ("extract", e, "--sectors", "TEXX"), "error", "TEXX"),
        Case("table_is_folder_without_csv", "cli", "a folder with no CSV files as the table",
             ("info", "{d}/a_folder"), "error", "a_folder"),
        Case("extract_users_unknown", "cli", "extract --users naming an unknown sector",
             ("extract", e, "--sectors", "TEX", "--users", "TEXX"), "error", "TEXX"),
        Case("convert_option_without_from", "cli", "convert --country without --from",
             ("convert", e, "{d}/out_conv.xlsx", "--country", "AUS"), "usage"),
        Case("convert_ragged_icio", "cli", "an ICIO CSV with a ragged row",
             ("convert", "{d}/ragged_icio.csv", "{d}/out_icio.xlsx", "--from", "icio",
              "--country", "AUS"), "error", "ragged_icio.csv: cannot be read as an ICIO CSV"),
        Case("convert_icio_missing_region", "cli", "a whole ICIO table whose CHN rows are "
             "missing (issue 31)", ("convert", "{d}/icio_no_chn_rows.csv", "{d}/out_world.xlsx",
             "--from", "icio"), "error", "icio_no_chn_rows.csv: region 'CHN' has columns but "
             "no rows"),
        Case("decompose_national", "cli", "decompose a national table (no regions)",
             ("decompose", e), "error", "economy.xlsx: the table has no 'region' and 'sector'"),
        Case("multipliers_by_region_national", "cli", "multipliers --by-region on a national "
             "table", ("multipliers", e, "--by-region"), "error",
             "economy.xlsx: --by-region needs an interregional or multiregional table"),
        Case("convert_xlsb", "cli", "a damaged WIOD .xlsb workbook (.xlsb is read)",
             ("convert", "{d}/wiot.xlsb", "{d}/out_wiod.xlsx", "--from", "wiod"), "error",
             "wiot.xlsb: cannot be opened as an .xlsb workbook: the file is damaged"),
        Case("update_blank_code", "cli", "RAS margins with a blank sector code",
             ("update", e, "--rows", "{d}/margins_blank.csv", "--columns",
              "{d}/margins_blank.csv"), "error", "margins_blank.csv: row 3"),
        Case("aggregate_text_weight", "cli", "a weights-matrix concordance with text",
             ("aggregate", e, "{d}/concordance_text.csv"), "error",
             "concordance_text.csv, row 2, column 'TOTAL'"),
    ]  # fmt: skip


# NACE-style codes: two that look like numbers, two ranges (issue 21 §1)
NACE = ["01", "02", "05-09", "10-12"]
NACE_ROWS: list[list[object]] = [
    ["Code", "Name", *NACE, "Household consumption", "Total output"],
    ["01", "Crops", 10, 20, 5, 5, 60, 100],
    ["02", "Forestry", 15, 40, 10, 5, 130, 200],
    ["05-09", "Mining", 5, 10, 15, 5, 45, 80],
    ["10-12", "Food", 5, 10, 15, 5, 25, 60],
    [None, "Compensation of employees", 40, 60, 30, 30],
    [None, "Gross operating surplus", 25, 60, 5, 10],
    [None, "Total output", 100, 200, 80, 60],
]


def _declare(src: Path, dst: Path, member: str, size: int, ratio: int) -> Path:
    """Copy a workbook whose zip directory declares ``member`` as ``size`` bytes stored
    in ``size / ratio`` (the directory is what the size caps read)."""
    import struct

    raw = bytearray(src.read_bytes())
    name = member.encode()
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + n] == name:
            struct.pack_into("<II", raw, at + 20, size // ratio, size)
            break
        at = raw.find(b"PK\x01\x02", at + 4)
    dst.write_bytes(bytes(raw))
    return dst


def _reader(d: Path) -> list[Case]:
    """The reader never drops or invents data (issue 21)."""
    cases: list[Case] = []

    def case(name: str, what: str, expect: str, match: str = "") -> None:
        argv = ("leontief", f"{{d}}/{name}", "--format", "json")
        cases.append(Case(name.replace(".", "_"), "table", what, argv, expect, match))

    def nace() -> list[list[object]]:
        return [list(r) for r in NACE_ROWS]

    write_csv(d / "nace.csv", nace())
    case("nace.csv", "NACE codes 01, 02, 05-09, 10-12 (numbers and ranges): four sectors", "ok")
    rows = nace()
    for r in rows[1:5]:
        r[0] = int(r[0]) if str(r[0]).isdigit() else r[0]  # type: ignore[arg-type]
    rows[0][2:4] = [1, 2]
    write_xlsx(d / "nace_numbers.xlsx", rows)
    case("nace_numbers.xlsx", "NACE codes typed as numbers in a workbook", "ok")
    rows = nace()
    rows[0][2] = None
    write_csv(d / "nace_blank.csv", rows)
    case("nace_blank.csv", "the first sector code of the header row is blank", "error", "cell C1")
    rows = nace()
    rows[0][2] = '="01"'
    write_xlsx(d / "nace_formula.xlsx", rows)
    case("nace_formula.xlsx", "the first sector code is a formula without a cached value",
         "error", "cell C1: the sector label of this column holds a formula")  # fmt: skip
    rows = nace()
    rows[1][0] = None
    write_csv(d / "nace_blank_row.csv", rows)
    case("nace_blank_row.csv", "the first sector code of the label column is blank", "error",
         "cell A2")  # fmt: skip

    # values invented (issue 21 §2)
    good = d / "good.xlsx"
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(good) as zf:
        xml = zf.read(sheet)
        book = zf.read("xl/workbook.xml")
        types = zf.read("[Content_Types].xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    d4 = b'<c r="D4" t="n"><v>40</v></c>'
    assert d4 in xml, "the corpus table changed: update the cell patched here"
    _rezip(good, d / "array_formula.xlsx",
           {sheet: xml.replace(d4, b'<c r="D4"><f t="array" ref="D4">B1*2</f></c>')})  # fmt: skip
    case("array_formula.xlsx", "an array formula without a cached value (not 0)", "error",
         "cell D4: holds a formula with no cached value")  # fmt: skip
    _rezip(good, d / "data_table.xlsx", {sheet: xml.replace(
        d4, b'<c r="D4"><f t="dataTable" ref="D4:E4" dt2D="0" dtr="0" r1="A1"/></c>')})  # fmt: skip
    case("data_table.xlsx", "a data-table formula without cached values (not 0)", "error",
         "cell D4: holds a formula with no cached value")  # fmt: skip
    write_xlsx(d / "merged_data.xlsx", _rows(), merges=("C4:D4",))
    case("merged_data.xlsx", "a merged cell inside the data block (not 0)", "error",
         "cell D4: is covered by the merged cell C4:D4")  # fmt: skip
    import openpyxl

    wb = openpyxl.Workbook()
    stale = wb.active
    assert stale is not None
    stale.title, stale.sheet_state = "old", "hidden"
    for row in _rows()[:5]:
        stale.append(row)
    current = wb.create_sheet("IO")
    for row in _rows():
        current.append(row)
    wb.save(d / "hidden_first.xlsx")
    cases.append(Case("hidden_first_xlsx", "table", "a hidden first sheet before the table",
                      ("multipliers", "{d}/hidden_first.xlsx", "--format", "json"), "ok", "",
                      ("multipliers", "{d}/good.csv", "--format", "json")))  # fmt: skip
    with zipfile.ZipFile(ECONOMY) as zf:
        econ_book = zf.read("xl/workbook.xml")
    assert b'name="final_demand"' in econ_book
    upper = econ_book.replace(b'name="final_demand"', b'name="FINAL_DEMAND"')
    _rezip(ECONOMY, d / "canon_case.xlsx", {"xl/workbook.xml": upper})
    cases.append(
        Case("canon_case_xlsx", "table", "canonical sheet named FINAL_DEMAND (not ignored)",
             ("multipliers", "{d}/canon_case.xlsx", "--format", "json"), "ok", "",
             ("multipliers", "{d}/economy.xlsx", "--format", "json"))
    )  # fmt: skip
    one: list[list[object]] = [
        ["Code", "Name", "A01", "Household consumption", "Exports", "Total output"],
        ["A01", "Agriculture", 20, 50, 30, 100],
        [None, "Compensation of employees", 50],
        [None, "Gross operating surplus", 30],
        [None, "Total output", 100],
    ]
    write_csv(d / "one_sector.csv", one)
    case("one_sector.csv", "a one-sector table (not three sectors named 50, 30, 100)",
         "error", "at least two sectors")  # fmt: skip
    rows = _rows()
    rows[2][2:5] = [1e308, 1e308, 5]
    write_csv(d / "overflow_sum.csv", rows)
    case("overflow_sum.csv", "flows of 1e308 whose sum overflows to infinity", "error",
         "overflows")  # fmt: skip

    # limits (issue 21 §3)
    far = b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>'
    dim = (b'<dimension ref="A1:H9" />', b'<dimension ref="A1:XFD1048576" />')
    _rezip(good, d / "far_cell.xlsx", {sheet: xml.replace(b"</sheetData>", far).replace(*dim)})
    case("far_cell.xlsx", "a 5 KB sheet claiming A1:XFD1048576, one cell in the last row",
         "error", "cell H1048576")  # fmt: skip

    empty_rows = '<table:table-row table:number-rows-repeated="9000"><table:table-cell/>'
    far_cell = workbooks.ods_cell(None, 10_000) + workbooks.ods_cell(1)
    workbooks.write_ods(d / "far_cell.ods", f"<table:table-row>{workbooks.ods_cell(1)}"
        f"</table:table-row>{empty_rows}</table:table-row><table:table-row>{far_cell}"
        "</table:table-row>")  # fmt: skip
    case("far_cell.ods", "a 1 KB .ods with a value 9 000 rows and 10 000 columns from A1",
         "error", "cell NTQ9002")  # fmt: skip
    workbooks.write_ods(d / "repeated.ods", '<table:table-row table:number-rows-repeated='
        f'"1000000">{workbooks.ods_cell(1, 16_000)}</table:table-row>')  # fmt: skip
    case("repeated.ods", "one .ods value repeated over 10^6 rows and 16 000 columns",
         "error", "cell WQJ1000000")  # fmt: skip
    workbooks.write_xlsb(d / "far_cell.xlsb", [(0, 0, 1.0), (9000, 10000, 2.0)])
    case("far_cell.xlsb", "an .xlsb with a value 9 000 rows and 10 000 columns from A1",
         "error", "cell NTQ9001")  # fmt: skip

    (d / "quoted_fields.csv").write_text('"\n",' * 150_000 + "1\n", encoding="utf-8")
    case("quoted_fields.csv", "150 000 fields in one record over quoted line breaks",
         "error", "line 1 has 150,001 fields")  # fmt: skip
    sep = ",".join(["1"] * 999) + ","
    (d / "u2028.csv").write_text("\u2028".join([sep] * 150) + "1\n", encoding="utf-8")
    case("u2028.csv", "150 000 fields in one line broken by U+2028 (not a CSV line end)",
         "error", "line 1 has")  # fmt: skip
    _declare(good, d / "big_ratio.xlsx", sheet, 2 << 30, 144)
    case("big_ratio.xlsx", "a member declaring 2 GiB at compression ratio 144", "error",
         "zip bomb")  # fmt: skip

    # tracebacks (issue 21 §4)
    with (d / "wide.csv").open("w") as fh:
        fh.write(",".join(["1"] * 70_000) + "\n" + ",".join(["2"] * 70_000) + "\n")
    case("wide.csv", "a 70 000-field CSV line (no table)", "error", "wide.csv")
    _rezip(good, d / "no_sheets.xlsx",
           {"xl/workbook.xml": re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", book)})  # fmt: skip
    case("no_sheets.xlsx", "a workbook with an empty <sheets/>", "error", "no worksheet")
    c2 = b'<c r="C2" t="inlineStr"><is><t>A01</t></is></c>'
    assert c2 in xml, "the corpus table changed: update the cell patched here"
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
        b'org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>A01</t></si></sst>'
    )
    _rezip(good, d / "shared_string.xlsx", {
        sheet: xml.replace(c2, b'<c r="C2" t="s"><v>7</v></c>'),
        "[Content_Types].xml": types.replace(b"</Types>", b'<Override PartName="/xl/'
            b'sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>'),
        "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", b'<Relationship '
            b'Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    }, {"xl/sharedStrings.xml": sst})  # fmt: skip
    case("shared_string.xlsx", "a shared-string index out of range", "error",
         "sheet 'IO': the sheet cannot be read")  # fmt: skip
    _rezip(good, d / "malformed_sheet.xlsx", {sheet: xml.replace(
        b"</sheetData>", b'<row r="99"><c r="A99"><v>1</c></row></sheetData>')})  # fmt: skip
    case("malformed_sheet.xlsx", "malformed sheet XML (an unclosed element)", "error",
         "sheet 'IO': the sheet cannot be read")  # fmt: skip
    return cases


def build(d: str | Path) -> list[Case]:
    """Write every corpus file into ``d`` and return the cases."""
    d = Path(d)
    d.mkdir(parents=True, exist_ok=True)
    cases = _tables(d) + _reader(d) + _scenarios(d) + _regional(d) + _cli(d)
    cases += cases_untrusted.cases(d, Case)  # issue 18's families
    cases += cases_issue27.cases(d, Case)  # issue 27: nothing lost, every size bounded
    ids = [c.id for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuntimeError(f"duplicate case ids: {sorted(dupes)}")
    return cases


_EXPECTED = {"error": "error, exit 1", "usage": "usage, exit 2", "warn": "warning, exit 0",
             "ok": "ok, exit 0"}  # fmt: skip


def readme_table(d: str | Path) -> str:
    """The README's table: every case run through the command line, with what it says
    (``python tests/bad_inputs/make_corpus.py OUT --table``)."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    runner = CliRunner()
    lines = ["| # | case | group | input | expected | what iocluster says |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for k, c in enumerate(build(d), 1):
        res = runner.invoke(app, c.args(Path(d)))
        said = [ln for ln in res.stderr.splitlines() if ln.startswith(("error:", "warning:"))]
        if said:
            text = said[0]
        elif c.expect == "usage":
            text = "usage error from the option parser (exit 2)"
        else:
            text = "(same result as the clean table)" if c.same_as else "(runs)"
        text = text.replace(str(d) + "/", "").replace("|", "\\|")
        text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)  # a port of this run
        lines.append(f"| {k} | `{c.id}` | {c.group} | {c.what} | {_EXPECTED[c.expect]} | {text} |")
    return "\n".join(lines)


def update_readme(d: str | Path) -> None:
    """Replace the table in ``tests/bad_inputs/README.md`` by :func:`readme_table`."""
    path = Path(__file__).with_name("README.md")
    text = path.read_text(encoding="utf-8")
    start = text.index("| # | case |")
    end = text.find("\n\n", start)
    rest = text[end:] if end >= 0 else "\n"
    path.write_text(text[:start] + readme_table(d) + rest, encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs_corpus")
    if "--readme" in sys.argv:
        update_readme(out)
    elif "--table" in sys.argv:
        print(readme_table(out))
    else:
        for c in build(out):
            print(f"{c.id:28} {c.expect:6} {c.what}")
