"""Issue 27's bad-input families: nothing lost without --force, every size bounded.

:func:`cases` writes its files into ``d/i27/`` and returns its cases, built with the
``Case`` class it is given (as :mod:`cases_untrusted`). Families (the README's section
lists them by item of the issue):

- ``lost`` (items 1, 2, 11): an existing output is refused without ``--force``; with it
  only files iocluster wrote are replaced; files a scenario names are inputs; names made
  from data never collide;
- ``size`` (items 3–6): ``--jobs``, ``.npz`` members, regions × sectors, MARIO rows and
  converted files within their budgets;
- ``header`` (items 7, 9): ``.npz`` headers and blocks of the wrong kind;
- ``magnitude`` (item 8): scenario numbers and combined changes beyond any economy;
- ``lesser`` (items 10, 12).
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["FAMILIES", "cases"]

ROOT = Path(__file__).resolve().parents[2]
ECONOMY = ROOT / "data" / "example_economy.xlsx"
CODES = ["AGR_COTTON", "AGR_OTHER", "MINING", "FOOD", "TEX", "APPAREL", "LEATHER", "PHARMA",
         "CHEM", "METAL_MACH", "ENERGY", "CONSTR", "TRADE", "TRANSPORT", "TOUR", "IT", "FIN",
         "REPAIR", "EDU", "PUBLIC"]  # fmt: skip

#: case id -> family (the README's section lists them)
FAMILIES: dict[str, str] = {}

_FD = '[[scenario]]\nname = "s"\n'
_SHOCK = '[[scenario.shock]]\nkind = "final_demand"\nsectors = ["{code}"]\ncategory = "exports"\n'
_SERVER: list[int] = []


def _not_dask_server() -> int:
    """A port where a server answers every connection with bytes that are not Dask's
    protocol (an SSH banner), started once per process (a daemon thread)."""
    if _SERVER:
        return _SERVER[0]
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()

    def serve() -> None:
        while True:
            conn, _ = srv.accept()
            try:
                conn.sendall(b"SSH-2.0-OpenSSH_8.9\r\n" + b"\xff" * 4096)
            except OSError:
                pass

    threading.Thread(target=serve, daemon=True).start()
    _SERVER.append(srv.getsockname()[1])
    return _SERVER[0]


def _mario(path: Path, rows: list[list[object]], header: list[str] | None = None) -> str:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Y")
    ws.append(header or ["Region_from", "Sector_from", "Region_to", "Category_to", "Type",
                         "Value"])  # fmt: skip
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


def _npz_variant(good: Path, dst: Path, *, header: Any = None, **blocks: np.ndarray) -> str:
    """A copy of the table ``good`` with its header document replaced (``header``: a
    function of the document, or text) and some blocks replaced."""
    with np.load(good, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    if header is not None:
        doc = json.loads(str(arrays["header"][()]))
        new = header(doc) if callable(header) else header
        arrays["header"] = np.array(new if isinstance(new, str) else json.dumps(new))
    arrays.update(blocks)
    np.savez(dst, **arrays)  # type: ignore[arg-type]
    return str(dst)


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def _files(u: Path) -> dict[str, str]:
    """Every file of the cases; returns named paths."""
    from iocluster.io import read_table, write_table

    shutil.copy(ECONOMY, u / "economy.xlsx")
    (u / "c.toml").write_text('[clusters]\ntextiles = ["TEX", "APPAREL"]\n')
    # item 1: folders holding a user's files
    for name in ("report", "report_manifest", "report_foreign", "report_force", "regional"):
        (u / name).mkdir(exist_ok=True)
    (u / "report" / "notes.txt").write_text("keep me\n")
    (u / "report" / "analysis.xlsx").write_text("a report iocluster wrote earlier\n")
    for name in ("report_manifest", "report_force"):
        (u / name / "figures").mkdir(exist_ok=True)
        (u / name / "notes.txt").write_text("keep me\n")
        (u / name / "figures" / "mine.png").write_text("keep me\n")
        (u / name / ".iocluster-outputs").write_text(
            "notes.txt\nfigures/mine.png\n" + "0" * 64 + "  notes.txt\n"
        )
    (u / "report_foreign" / "analysis.xlsx").write_text("keep me\n")
    (u / "regional" / "notes.txt").write_text("keep me\n")
    # item 2: a scenario's bridge and tax files
    (u / "bridge.csv").write_text("product,machinery\nMETAL_MACH,0.8\nCONSTR,0.2\n")
    (u / "scen_bridge.toml").write_text(
        'bridge = "bridge.csv"\n[[scenario]]\nname = "inv"\n[[scenario.shock]]\n'
        'kind = "investment"\nasset = "machinery"\namount = 100\n'
    )
    (u / "taxes.csv").write_text("sector,instrument,base,rate\nTEX,property_tax,output,0.01\n")
    tax = '[[scenario]]\nname = "t"\n[[scenario.shock]]\nkind = "tax"\nsectors = ["TEX"]\n'
    tax += 'instrument = "property_tax"\nchange = {change}\n'
    (u / "scen_tax.toml").write_text('taxes = "taxes.csv"\n' + tax.format(change=-50))
    # item 3
    (u / "ranges.toml").write_text(_FD + _SHOCK.format(code="TEX") + "change = [1, 10]\n")
    # items 4, 7, 9: .npz tables
    good = u / "good.npz"
    write_table(read_table(ECONOMY), good, force=True)
    shutil.copy(good, u / "npz_members.npz")
    zeros = _npy(np.zeros((1 << 20) // 8))
    with zipfile.ZipFile(u / "npz_members.npz", "a", zipfile.ZIP_DEFLATED) as zf:
        for k in range(3):
            zf.writestr(f"junk{k}.npy", zeros)
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(u / "npz_padded.npz", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "Z.npy":
                data += b"\0" * (1 << 20)  # more bytes than a 20 × 20 block takes
            zout.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
    many = [f"S{k}" for k in range(20_001)]
    _npz_variant(good, u / "npz_sectors.npz", header=lambda doc: {**doc, "codes": many,
                 "names": many, "labels": many})  # fmt: skip
    deep = json.dumps({"format": "x"})[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    _npz_variant(good, u / "npz_nested.npz", header=deep)
    _npz_variant(good, u / "npz_meta_list.npz", header=lambda doc: {**doc, "meta": [1, 2]})
    _npz_variant(good, u / "npz_meta_text.npz", header=lambda doc: {**doc, "meta": "title"})
    _npz_variant(good, u / "npz_assumptions.npz",
                 header=lambda doc: {**doc, "meta": {**doc["meta"], "assumptions": 5}})  # fmt: skip
    _npz_variant(good, u / "npz_tags.npz", header=lambda doc: {**doc, "tags": ["a", "b"]})
    with np.load(good) as npz:
        Z, x = npz["Z"], npz["x"]
    _npz_variant(good, u / "npz_complex.npz", Z=Z.astype(complex) + 1j)
    _npz_variant(good, u / "npz_bool.npz", Z=Z > 0)
    _npz_variant(good, u / "npz_text.npz", Z=Z.astype(str))
    _npz_variant(good, u / "npz_int8.npz", x=x.astype(np.int64).astype(np.int8))
    _npz_variant(good, u / "npz_float32.npz", Z=Z.astype(np.float32))
    # item 5: 1,001 regions of the 20-sector economy
    names = [f"Region {k} Oblast" for k in range(1_001)]
    (u / "regions_1001.csv").write_text("name_en,lat,lon\n" + "".join(
        f"{n},{30 + (k % 200) * 0.1:.2f},{50 + (k // 200) * 0.1:.2f}\n"
        for k, n in enumerate(names)))  # fmt: skip
    (u / "regdata_1001.csv").write_text("code," + ",".join(names) + "\n" + "".join(
        c + ",1" * len(names) + "\n" for c in CODES))  # fmt: skip
    head = "key,code,name_en,lat,lon\n"
    (u / "regions3.csv").write_text(head + "tashkent,UZ-TK,Tashkent,41.30,69.28\n"
        "fergana,UZ-FA,Fergana,40.38,71.78\nsamarkand,UZ-SA,Samarkand,39.65,66.97\n")  # fmt: skip
    (u / "regdata3.csv").write_text("code,tashkent,fergana,samarkand\nTEX,100,200,50\n"
                                    "APPAREL,50,60,70\nTRADE,300,100,80\n")  # fmt: skip
    # item 6: MARIO rows and a converted file the reader would refuse; shocks per file
    row = ["UZ", "TEX", "UZ", "exports", "Percentage", 0.001]
    _mario(u / "mario_rows.xlsx", [row] * 10_001)
    _mario(u / "mario_long.xlsx", [["UZ", "TEX", "UZ", "x" * 10_001, "Absolute", 1.0]])
    (u / "shocks.toml").write_text(_FD + "".join(
        _SHOCK.format(code=CODES[k % 20]) + "change = 1\n" for k in range(10_001)))  # fmt: skip
    # item 8: magnitudes
    fd, absolute = _FD + _SHOCK.format(code="TEX"), 'unit = "absolute"\n'
    (u / "m_fd.toml").write_text(fd + "change = 1e300\n")
    (u / "m_tax.toml").write_text('taxes = "taxes.csv"\n' + tax.format(change="1e300"))
    (u / "m_inv.toml").write_text(
        'bridge = "bridge.csv"\n[[scenario]]\nname = "inv"\n[[scenario.shock]]\n'
        'kind = "investment"\nasset = "machinery"\namount = 1e300\n'
    )
    (u / "m_two.toml").write_text(
        fd + "change = 1e308\n" + absolute
        + _SHOCK.format(code="APPAREL") + "change = 1e308\n" + absolute
    )  # fmt: skip
    (u / "m_combined.toml").write_text(fd + "change = 9e19\n" + absolute + 2 * (
        _SHOCK.format(code="TEX") + "change = 9e19\n" + absolute))  # fmt: skip
    _mario(u / "m_mario_pct.xlsx", [["UZ", "TEX", "UZ", "exports", "Percentage", 1e300]])
    _mario(u / "m_mario_upd.xlsx", [["UZ", "TEX", "UZ", "exports", "Update", 1e300]])
    (u / "taxes_1e300.csv").write_text(
        "sector,instrument,base,amount\nTEX,property_tax,output,1e300\n"
    )
    (u / "m_tax_file.toml").write_text('taxes = "taxes_1e300.csv"\n' + tax.format(change=-50))
    # items 10, 11, 12
    (u / "taxes_dup.csv").write_text(
        "sector,instrument,base,rate\nTEX,property_tax,output,0.01\n"
        "APPAREL,property_tax,output,0.01\nTEX,property_tax,output,0.02\n"
    )
    (u / "scen_tax_dup.toml").write_text('taxes = "taxes_dup.csv"\n' + tax.format(change=-50))
    (u / "emp_summary.csv").write_text(
        "code,Tashkent,regional_summary\nTEX,100,200\nAPPAREL,50,60\nTRADE,300,100\n"
    )
    _mario(u / "mario_true.xlsx", [["UZ", "TEX", "UZ", "exports", "Percentage", True]])
    _mario(u / "mario_dup.xlsx", [["UZ", "TEX", "UZ", "exports", "Percentage", 0.1, 0.2]],
           ["Region_from", "Sector_from", "Region_to", "Category_to", "Type", "Value",
            "Value"])  # fmt: skip
    (u / "linked").mkdir(exist_ok=True)
    (u / "linked" / "notes.txt").write_text("keep me\n")
    if not (u / "link").is_symlink():
        (u / "link").symlink_to(u / "linked", target_is_directory=True)
    return {"e": str(u / "economy.xlsx")}


def cases(d: Path, case: Callable[..., Any]) -> list[Any]:
    """Write the files of issue 27's families into ``d/i27`` and return the cases."""
    u = d / "i27"
    u.mkdir(parents=True, exist_ok=True)
    e = _files(u)["e"]
    U = "{d}/i27"
    big = str(10**300)
    port = _not_dask_server()
    shock_json = ("shock", e, f"{U}/ranges.toml", "--draws", "500", "-f", "json")
    spec: list[tuple[str, str, str, str, tuple[str, ...], str, str, Any, Any]] = [
        # (id, family, group, what, argv, expect, match, same_as, keep)
        ("i27_csv_into_report", "lost", "cli",
         "1: linkages --format csv -o a report folder holding a user's notes, no --force",
         ("linkages", e, "--clusters", f"{U}/c.toml", "-f", "csv", "-o", f"{U}/report"),
         "error", "report is a folder that is not empty", None, "i27/report/notes.txt"),
        ("i27_manifest_no_force", "lost", "cli",
         "1: analyze -o a folder whose manifest lists the user's notes and figures, no --force",
         ("analyze", e, "-o", f"{U}/report_manifest", "-q"), "error",
         "report_manifest is a folder that is not empty", None,
         "i27/report_manifest/notes.txt"),
        ("i27_manifest_force", "lost", "cli",
         "1: the same with --force: the crafted manifest owns nothing, the notes stay",
         ("analyze", e, "-o", f"{U}/report_force", "-q", "--no-figures", "--force"), "ok", "",
         None, "i27/report_force/figures/mine.png"),
        ("i27_force_foreign_file", "lost", "cli",
         "1: --force onto a folder whose analysis.xlsx iocluster did not write",
         ("analyze", e, "-o", f"{U}/report_foreign", "-q", "--no-figures", "--force"),
         "error", "analysis.xlsx is a file iocluster did not write", None,
         "i27/report_foreign/analysis.xlsx"),
        ("i27_regionalize_nonempty", "lost", "regional",
         "1: regionalize -o a folder holding a user's file, no --force",
         ("regionalize", e, f"{U}/emp_summary.csv", "-o", f"{U}/regional"), "error",
         "regional is a folder that is not empty", None, "i27/regional/notes.txt"),
        ("i27_output_is_bridge", "lost", "scenario",
         "2: shock -o the bridge file the scenario names, --force",
         ("shock", e, f"{U}/scen_bridge.toml", "-f", "csv", "-o", f"{U}/bridge.csv", "--force"),
         "error", "is the input the bridge file of scen_bridge.toml", None, None),
        ("i27_output_is_tax_file", "lost", "scenario",
         "2: shock -o the tax file the scenario names, --force",
         ("shock", e, f"{U}/scen_tax.toml", "-f", "csv", "-o", f"{U}/taxes.csv", "--force"),
         "error", "is the input the tax file of scen_tax.toml", None, None),
        ("i27_region_named_summary", "lost", "regional",
         "11: a region named regional_summary beside the summary workbook",
         ("regionalize", e, f"{U}/emp_summary.csv", "-o", f"{U}/out_summary", "-f", "xlsx"),
         "ok", "", None, None),
        ("i27_jobs_overflow", "size", "cli", "3: --jobs 99999999999999999999",
         (*shock_json, "-j", "99999999999999999999"), "ok", "", (*shock_json, "-j", "1"), None),
        ("i27_jobs_100000", "size", "cli", "3: --jobs 100000 (capped at the cores)",
         (*shock_json, "-j", "100000"), "ok", "", (*shock_json, "-j", "1"), None),
        ("i27_npz_unknown_members", "size", "table",
         "4: an .npz with members a table does not have (deflated zeros)",
         ("info", f"{U}/npz_members.npz"), "error", "member 'junk0.npy' is not part", None, None),
        ("i27_npz_padded_block", "size", "table",
         "4: an .npz block declaring more bytes than its shape takes",
         ("info", f"{U}/npz_padded.npz"), "error", "member 'Z.npy' would decompress to",
         None, None),
        ("i27_npz_sectors", "size", "table", "4: an .npz header of 20,001 sectors",
         ("info", f"{U}/npz_sectors.npz"), "error", "number of sectors 20,001", None, None),
        ("i27_ir_regions_budget", "size", "regional",
         "5: interregional of 1,001 regions × 20 sectors",
         ("interregional", e, f"{U}/regdata_1001.csv", "--regions", f"{U}/regions_1001.csv",
          "-o", f"{U}/ir.npz"), "error", "1,001 regions × 20 sectors", None, None),
        ("i27_mario_rows", "size", "scenario", "6: a MARIO workbook of 10,001 shock rows",
         ("shock", e, f"{U}/mario_rows.xlsx"), "error",
         "mario_rows.xlsx: the number of rows 10,001", None, None),
        ("i27_mario_convert_refused", "size", "scenario",
         "6: scenario-convert of a workbook whose TOML the reader would refuse",
         ("scenario-convert", e, f"{U}/mario_long.xlsx", f"{U}/conv.toml"), "error",
         "conv.toml: the string at 'scenario[0].shock[0].category'", None, None),
        ("i27_shocks_budget", "size", "scenario", "6: a scenario file of 10,001 shocks",
         ("shock", e, f"{U}/shocks.toml"), "error", "shocks.toml: the number of shocks 10,001",
         None, None),
        ("i27_npz_nested", "header", "table", "7: an .npz header nested 100,000 deep",
         ("info", f"{U}/npz_nested.npz"), "error", "nested more deeply", None, None),
        ("i27_npz_meta_list", "header", "table", "7: .npz header 'meta' a list",
         ("info", f"{U}/npz_meta_list.npz"), "error", "header field 'meta'", None, None),
        ("i27_npz_meta_text", "header", "table", "7: .npz header 'meta' text",
         ("info", f"{U}/npz_meta_text.npz"), "error", "header field 'meta'", None, None),
        ("i27_npz_assumptions", "header", "table", "7: .npz meta.assumptions = 5",
         ("info", f"{U}/npz_assumptions.npz"), "error", "'meta.assumptions'", None, None),
        ("i27_npz_tags", "header", "table", "7: .npz header 'tags' a list",
         ("info", f"{U}/npz_tags.npz"), "error", "header field 'tags'", None, None),
        ("i27_npz_complex", "header", "table", "9: a complex Z",
         ("info", f"{U}/npz_complex.npz"), "error", "'Z.npy': holds complex128", None, None),
        ("i27_npz_bool", "header", "table", "9: a true/false Z",
         ("info", f"{U}/npz_bool.npz"), "error", "'Z.npy': holds bool", None, None),
        ("i27_npz_text", "header", "table", "9: a Z of text",
         ("info", f"{U}/npz_text.npz"), "error", "'Z.npy': holds str", None, None),
        ("i27_npz_int8", "header", "table", "9: an int8 output that wraps",
         ("info", f"{U}/npz_int8.npz"), "error", "'x.npy': holds int8", None, None),
        ("i27_npz_float32", "header", "table", "9: a float32 Z (cast exactly)",
         ("info", f"{U}/npz_float32.npz"), "ok", "", None, None),
        ("i27_fd_1e300", "magnitude", "scenario", "8: a final-demand change of 1e300 %",
         ("shock", e, f"{U}/m_fd.toml"), "error", "field 'change': 1e+300 is beyond", None,
         None),
        ("i27_tax_1e300", "magnitude", "scenario", "8: a tax change of 1e300",
         ("shock", e, f"{U}/m_tax.toml"), "error", "shock 1 (tax), field 'change': 1e+300",
         None, None),
        ("i27_investment_1e300", "magnitude", "scenario", "8: an investment of 1e300",
         ("shock", e, f"{U}/m_inv.toml"), "error", "field 'amount': 1e+300", None, None),
        ("i27_two_1e308", "magnitude", "scenario",
         "8: two absolute shocks of 1e308 (blank cells before)",
         ("shock", e, f"{U}/m_two.toml", "-o", f"{U}/m_two.xlsx"), "error",
         "field 'change': 1e+308 is beyond", None, None),
        ("i27_combined_changes", "magnitude", "scenario",
         "8: three shocks of 9e19, each within the rule, together beyond it",
         ("shock", e, f"{U}/m_combined.toml"), "error",
         "scenario 's', output (change):", None, None),
        ("i27_mario_pct_1e300", "magnitude", "scenario", "8: MARIO Percentage of 1e300",
         ("shock", e, f"{U}/m_mario_pct.xlsx"), "error", "row 2, Value: 1e+300", None, None),
        ("i27_mario_update_1e300", "magnitude", "scenario", "8: MARIO Update of 1e300",
         ("shock", e, f"{U}/m_mario_upd.xlsx"), "error", "row 2, Value: 1e+300", None, None),
        ("i27_tax_amount_1e300", "magnitude", "scenario", "8: a tax file amount of 1e300",
         ("shock", e, f"{U}/m_tax_file.toml"), "error", "column 'amount': 1e+300", None, None),
        ("i27_tax_duplicate", "lesser", "scenario",
         "10: a tax file listing one sector and instrument twice",
         ("shock", e, f"{U}/scen_tax_dup.toml"), "error",
         "taxes_dup.csv, row 4: sector 'TEX', instrument 'property_tax' is given twice "
         "(taxes_dup.csv, row 2", None, None),
        ("i27_mario_true", "lesser", "scenario", "12: MARIO Value = TRUE",
         ("shock", e, f"{U}/mario_true.xlsx"), "error", "Value True is not a number", None,
         None),
        ("i27_mario_duplicate_header", "lesser", "scenario", "12: two MARIO 'Value' headers",
         ("shock", e, f"{U}/mario_dup.xlsx"), "error", "the header 'Value' appears twice",
         None, None),
        ("i27_beta_huge", "lesser", "regional", "12: interregional --beta 1e6",
         ("interregional", e, f"{U}/regdata3.csv", "--regions", f"{U}/regions3.csv", "-o",
          f"{U}/ir3.npz", "--beta", "1e6"), "error", "β = 1,000,000 is too large", None, None),
        ("i27_scheduler_not_dask", "lesser", "cli",
         "12: --scheduler at a server that is not Dask's",
         ("shock", e, f"{U}/ranges.toml", "--draws", "300", "--scheduler",
          f"tcp://127.0.0.1:{port}"), "error", "is not a Dask scheduler", None, None),
        ("i27_output_link_to_folder", "lesser", "cli",
         "12: -o a symbolic link to a folder (followed; no .part left)",
         ("linkages", e, "--clusters", f"{U}/c.toml", "-f", "csv", "-o", f"{U}/link",
          "--force"), "ok", "", None, "i27/linked/notes.txt"),
        ("i27_huge_number", "lesser", "cli", "12: --draws with 301 digits",
         ("shock", e, f"{U}/ranges.toml", "--draws", big), "error", "--draws 1.00e+300", None,
         None),
    ]  # fmt: skip
    out = []
    for cid, family, group, what, argv, expect, match, same_as, keep in spec:
        FAMILIES[cid] = family
        args = tuple(a.replace(str(d), "{d}") for a in argv)
        same = None if same_as is None else tuple(a.replace(str(d), "{d}") for a in same_as)
        out.append(case(cid, group, what, args, expect, match, same, keep))
    return out
