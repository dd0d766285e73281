"""Readers of the OECD ICIO, WIOD national, BEA use/make and supply-use layouts.

Each test writes a small hand-made file in the published layout, reads it and checks
the accounting identities and a few cells traced by hand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from iocluster.errors import LabelError, TableFormatError, TableIdentityError
from iocluster.io.formats import read_bea, read_icio, read_sut, read_wiod

SECT = ["D01T02", "D10T12"]
CTRY = ["AUS", "CHN"]
CATS = ["HFCE", "GFCF"]


def icio_frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = [f"{c}_{s}" for c in CTRY for s in SECT]
    cols = rows + [f"{c}_{k}" for c in CTRY for k in CATS]
    flows = pd.DataFrame(np.round(rng.uniform(1, 50, (4, 8)), 1), index=rows, columns=cols)
    out = flows.sum(axis=1)
    tls = np.round(rng.uniform(0, 3, 8), 1)
    df = flows.copy()
    df.loc["TLS"] = tls
    df.loc["VA"] = 0.0
    df.loc["VA", rows] = out.to_numpy() - flows[rows].sum(axis=0).to_numpy() - tls[:4]
    df.loc["OUT"] = 0.0
    df.loc["OUT", rows] = out.to_numpy()
    df["OUT"] = 0.0
    df.loc[rows, "OUT"] = out
    return df


def test_icio_national_table(tmp_path: Path) -> None:
    df = icio_frame()
    p = tmp_path / "ICIO2023_2019.csv"
    df.to_csv(p, index_label="V1")
    t = read_icio(p, "AUS")
    assert t.codes == tuple(SECT)
    assert t.fd_names == ("HFCE", "GFCF", "exports")
    assert t.fd_roles == ("household", "investment", "exports")
    assert t.Z[0, 1] == df.loc["AUS_D01T02", "AUS_D10T12"]
    # imports by product: CHN's rows in AUS's columns
    assert t.Zm is not None and t.Zm[1, 0] == df.loc["CHN_D10T12", "AUS_D01T02"]
    exp = df.loc["AUS_D01T02", ["CHN_D01T02", "CHN_D10T12", "CHN_HFCE", "CHN_GFCF"]].sum()
    assert t.Y[0, 2] == pytest.approx(exp)
    assert np.abs(t.row_residual()).max() < 1e-9
    assert np.abs(t.column_residual()).max() < 1e-9
    with pytest.raises(LabelError, match=r"unknown region 'AUT'.*'AUS'"):
        read_icio(p, "AUT")


def split_china(df: pd.DataFrame, share: float = 0.4) -> pd.DataFrame:
    """The same table in the layout of ICIO editions up to 2021: China's sector rows and
    columns split into CN1 (``share``) and CN2 (the rest), final demand still under CHN,
    the output column called TOTAL (OECD ICIO ReadMe, 2021 edition)."""
    chn = [r for r in df.index if r.startswith("CHN_") and r in df.columns]

    def halves(label: str) -> list[tuple[str, float]]:
        if label in chn:
            tail = label.split("_", 1)[1]
            return [(f"CN1_{tail}", share), (f"CN2_{tail}", 1.0 - share)]
        return [(label, 1.0)]

    rows = [(new, w, r) for r in df.index for new, w in halves(r)]
    cols = [(new, w, c) for c in df.columns for new, w in halves(c)]
    body = np.array([[df.loc[r, c] * wr * wc for _, wc, c in cols] for _, wr, r in rows])
    out = pd.DataFrame(body, index=[n for n, _, _ in rows], columns=[n for n, _, _ in cols])
    return out.rename(columns={"OUT": "TOTAL"})


def test_icio_split_china_and_mexico_rows_are_merged(tmp_path: Path) -> None:
    """CN1 + CN2 = CHN (and MX1 + MX2 = MEX), and TOTAL is read like OUT."""
    df = icio_frame()
    whole, split = tmp_path / "whole.csv", tmp_path / "split.csv"
    df.to_csv(whole)
    split_china(df).to_csv(split)
    assert "CN1_D01T02" in pd.read_csv(split, index_col=0).index
    for country in ("CHN", "AUS"):
        a, b = read_icio(whole, country), read_icio(split, country)
        assert a.codes == b.codes and a.fd_names == b.fd_names
        for name in ("Z", "Y", "V", "x", "Zm", "Ym"):
            np.testing.assert_allclose(getattr(b, name), getattr(a, name), rtol=1e-12)


def test_icio_output_mismatch_and_bad_layout(tmp_path: Path) -> None:
    df = icio_frame()
    df.loc["AUS_D01T02", "OUT"] += 5
    p = tmp_path / "bad.csv"
    df.to_csv(p)
    with pytest.raises(TableIdentityError, match=r"bad\.csv.*AUS_D01T02"):
        read_icio(p, "AUS")
    q = tmp_path / "plain.csv"
    pd.DataFrame({"a": [1.0]}, index=["b"]).to_csv(q)
    with pytest.raises(TableFormatError, match="ICIO layout"):
        read_icio(q, "AUS")


def test_icio_unreadable_files_give_one_message(tmp_path: Path) -> None:
    for name, content in (
        ("ragged.csv", b"a,b\n1,2,3,4\n"),
        ("utf16.csv", "\ufeffa,b\n".encode("utf-16")),
        ("empty.csv", b""),
    ):
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(TableFormatError, match=rf"{name}: cannot be read as an ICIO CSV"):
            read_icio(p, "AUS")


def test_damaged_xlsb_workbook_is_named(tmp_path: Path) -> None:
    """WIOD publishes .xlsb, which is read (python-calamine); a damaged one is named."""
    p = tmp_path / "WIOT2014_Nov16_ROW.xlsb"
    p.write_bytes(b"PK\x03\x04binary")
    with pytest.raises(
        TableFormatError, match=r"ROW\.xlsb: .*\.xlsb workbook: the file is damaged"
    ):
        read_wiod(p, country="CHN")


IND = ["A01", "C10-C12", "G46"]
FD = ["CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP"]


def wiod_frame(year: int) -> pd.DataFrame:
    rng = np.random.default_rng(year)
    dom = np.round(rng.uniform(1, 30, (3, 3 + 6)), 2)
    imp = np.round(rng.uniform(0, 5, (3, 3 + 6)), 2)
    go = dom.sum(1)
    txsp = np.round(rng.uniform(0, 2, 3), 2)
    other = np.round(rng.uniform(0, 1, 3), 2)
    ii = dom[:, :3].sum(0) + imp[:, :3].sum(0)
    va = go - ii - txsp - other
    rows = []
    for origin, block in (("Domestic", dom), ("Imports", imp)):
        for i, c in enumerate(IND):
            rows.append(
                [year, c, f"industry {c}", origin, *block[i], go[i] if origin == "Domestic" else 0]
            )
    for code, vals in (("II_fob", ii), ("TXSP", txsp), ("PURR", other), ("VA", va), ("GO", go)):
        rows.append([year, code, code, "TotSupply", *vals, *[0] * 6, 0])
    return pd.DataFrame(rows, columns=["Year", "Code", "Description", "Origin", *IND, *FD, "GO"])


def test_wiod_niot(tmp_path: Path) -> None:
    df = pd.concat([wiod_frame(2013), wiod_frame(2014)])
    p = tmp_path / "AUT_NIOT_nov16.xlsx"
    df.to_excel(p, sheet_name="National IO-tables", index=False)
    with pytest.raises(TableFormatError, match="years 2013, 2014; choose one"):
        read_wiod(p)
    t = read_wiod(p, year=2014)
    one = wiod_frame(2014)
    assert t.codes == tuple(IND) and t.names[0] == "industry A01"
    assert t.Z[1, 2] == pytest.approx(one.iloc[1]["G46"])
    assert t.Zm is not None and t.Zm[0, 0] == pytest.approx(one.iloc[3]["A01"])
    assert t.fd_roles == (
        "household",
        "npish",
        "government",
        "investment",
        "inventories",
        "exports",
    )
    assert t.va_names == ("TXSP", "PURR", "VA")
    # purchases by residents abroad are a valuation adjustment, not value added (WIOD)
    assert t.va_roles == ("taxes_products", "adjustments", "value_added")
    np.testing.assert_allclose(t.value_added, t.V[2])
    assert np.abs(t.row_residual()).max() < 1e-9
    assert np.abs(t.column_residual()).max() < 1e-9
    csv = tmp_path / "niot.csv"
    bad = wiod_frame(2014)
    bad.loc[bad["Code"] == "VA", "A01"] += 1
    bad.to_csv(csv, index=False)
    with pytest.raises(TableIdentityError, match=r"industry 'A01'.*GO"):
        read_wiod(csv)


def bea_files(tmp_path: Path) -> tuple[Path, Path, dict[str, np.ndarray]]:
    # Two industries (111CA farms, 311FT food), three commodities (111CA, 311FT and
    # S00300 non-comparable imports, which nobody produces).
    make = np.array([[100.0, 5.0], [10.0, 200.0]])  # industries × commodities
    use = np.array([[10.0, 60.0], [5.0, 40.0], [2.0, 3.0]])
    q = make.sum(0)
    g = make.sum(1)
    imports = np.array([-8.0, -20.0, -7.0])
    exports = np.array([6.0, 10.0, 0.0])
    pce = np.concatenate([q, [0.0]]) - use.sum(1) - imports - exports
    va = np.array([[30.0, 50.0], [5.0, 4.0]])
    va = np.vstack([va, g - use.sum(0) - va.sum(0)])
    title = [[t] + [""] * 8 for t in ("The Use of Commodities by Industries", "[Millions]", "")]
    hdr = [
        "Code",
        "Commodity Description",
        "111CA",
        "311FT",
        "T001",
        "F010",
        "F040",
        "F050",
        "T007",
    ]
    names = ["", "", "Farms", "Food", "Total intermediate", "PCE", "Exports", "Imports", "Total"]
    rows = []
    for i, (c, n) in enumerate(
        [("111CA", "Farms"), ("311FT", "Food"), ("S00300", "Noncomparable imports")]
    ):
        rows.append([c, n, *use[i], use[i].sum(), pce[i], exports[i], imports[i], "..."])
    for code, n, v in zip(["V001", "V002", "V003"], ["Comp", "Taxes", "GOS"], va, strict=True):
        rows.append([code, n, *v, "...", "", "", "", ""])
    rows.append(["T008", "Total industry output", *g, "", "", "", "", ""])
    up = tmp_path / "use.xlsx"
    pd.DataFrame([*title, hdr, names, *rows]).to_excel(
        up, sheet_name="2017", header=False, index=False
    )
    mhdr = ["Code", "Industry Description", "111CA", "311FT", "T007"]
    mrows = [["111CA", "Farms", *make[0], g[0]], ["311FT", "Food", *make[1], g[1]],
             ["T008", "Total", *q, ""]]  # fmt: skip
    mp = tmp_path / "make.xlsx"
    pd.DataFrame([r[:5] for r in title] + [mhdr] + mrows).to_excel(
        mp, sheet_name="2017", header=False, index=False
    )
    return up, mp, {"make": make, "use": use, "g": g, "q": q}


def test_bea_use_make(tmp_path: Path) -> None:
    up, mp, d = bea_files(tmp_path)
    t = read_bea(up, mp, sheet="2017")
    assert t.codes == ("111CA", "311FT") and t.names == ("Farms", "Food")
    assert t.kind == "total"
    assert np.allclose(t.x, d["g"])
    # industry technology, industry by industry: Z = V q̂⁻¹ U (Miller & Blair 2009 §5.3)
    D = d["make"] / d["q"]
    assert np.allclose(t.Z, D @ d["use"][:2])
    assert t.va_names[-1] == "non-produced S00300" and t.V[-1].tolist() == [2.0, 3.0]
    assert t.va_roles[:3] == ("compensation", "taxes_production", "operating_surplus")
    assert t.fd_roles == ("household", "exports")
    assert np.abs(t.row_residual()).max() < 1e-9
    assert np.abs(t.column_residual()).max() < 1e-9
    p = read_bea(up, mp, sheet="2017", basis="product")
    assert p.codes == ("111CA", "311FT") and np.allclose(p.x, d["q"])
    with pytest.raises(TableFormatError, match="first cell is 'Code'"):
        bad = tmp_path / "bad.xlsx"
        pd.DataFrame([["x", "y"]]).to_excel(bad, header=False, index=False)
        read_bea(bad, mp)


def test_supply_use_workbook_and_csv_folder(tmp_path: Path) -> None:
    supply = pd.DataFrame(
        {
            "code": ["P1", "P2"],
            "name": ["grain", "bread"],
            "I1": [100.0, 10.0],
            "I2": [0.0, 90.0],
            "imports": [20.0, 5.0],
        }
    )
    use = pd.DataFrame(
        {"code": ["P1", "P2", "Compensation of employees", "Gross operating surplus"],
         "I1": [10.0, 20.0, 50.0, 30.0], "I2": [40.0, 5.0, 25.0, 20.0],
         "Household consumption": [60.0, 70.0, None, None], "Exports": [10.0, 10.0, None, None]}
    )  # fmt: skip
    p = tmp_path / "sut.xlsx"
    with pd.ExcelWriter(p) as xw:
        supply.to_excel(xw, sheet_name="supply", index=False)
        use.to_excel(xw, sheet_name="use", index=False)
    t = read_sut(p)
    assert t.codes == ("P1", "P2") and t.kind == "total"
    assert t.m is not None and t.m.tolist() == [20.0, 5.0]
    assert np.abs(t.row_residual()).max() < 1e-9
    assert np.abs(t.column_residual()).max() < 1e-9
    assert t.value_added.sum() == pytest.approx(125.0)
    folder = tmp_path / "csv"
    folder.mkdir()
    supply.to_csv(folder / "supply.csv", index=False)
    use.to_csv(folder / "use.csv", index=False)
    t2 = read_sut(folder, technology="product", basis="industry")
    assert t2.codes == ("I1", "I2") and np.allclose(t2.x, [110.0, 90.0])
    (folder / "use.csv").write_text("code,I1,I2\nP1,1,x\nP2,1,2\n")
    with pytest.raises(TableFormatError, match=r"use\.csv.*C2.*expected a number"):
        read_sut(folder)


def test_cli_convert_from_icio(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import read_table

    p = tmp_path / "icio.csv"
    icio_frame().to_csv(p)
    out = tmp_path / "aus.xlsx"
    args = ["convert", str(p), str(out), "--from", "icio", "--country", "AUS"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    t = read_table(out)
    assert t.codes == tuple(SECT)
    # without --country: the multiregional table of every country (issue 31)
    res = CliRunner().invoke(app, ["convert", str(p), str(tmp_path / "x.xlsx"), "--from", "icio"])
    assert res.exit_code == 0, res.output
    world = read_table(tmp_path / "x.xlsx")
    assert world.codes[0] == "AUS/D01T02" and world.tags["region"][-1] == "CHN"
    assert world.tags["sector"][:2] == tuple(SECT)


WCTRY = ["AUT", "BRA", "CHN"]
WIND = ["A01", "C10-C12"]
WFD = ["CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"]
WROWS = ["TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM"]


def wiot_frame() -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """A 3-country, 2-industry world table in the WIOD 2016 layout (as in WIOT2014_Nov16_ROW)."""
    rng = np.random.default_rng(16)
    n = len(WCTRY) * len(WIND)
    Z = np.round(rng.uniform(0, 20, (n, n)), 2)
    Y = np.round(rng.uniform(0, 30, (n, len(WCTRY) * len(WFD))), 2)
    go = Z.sum(1) + Y.sum(1)
    small = np.round(rng.uniform(0, 1, (5, n)), 2)  # TXSP, EXP_adj, PURR, PURNR | IntTTM
    va = go - Z.sum(0) - small.sum(0)
    prim = np.vstack([small[:4], va, small[4]])
    zc = [(c, s) for c in WCTRY for s in WIND]
    fc = [(c, k) for c in WCTRY for k in WFD]
    blank = ["", "", "", ""]
    top = [
        ["World Input-Output Table 2014", *[""] * (3 + n + len(fc) + 1)],
        ["(millions of US$)", *[""] * (3 + n + len(fc) + 1)],
        [*blank, *[s for _, s in zc], *[k for _, k in fc], "GO"],
        [*blank, *[f"industry {s}" for _, s in zc], *[f"use {k}" for _, k in fc], "Total output"],
        [*blank, *[c for c, _ in zc], *[c for c, _ in fc], "TOT"],
        [*blank, *[f"c{i + 1}" for i in range(n + len(fc) + 1)]],
    ]
    body = [
        [s, f"industry {s}", c, f"r{i + 1}", *Z[i], *Y[i], go[i]] for i, (c, s) in enumerate(zc)
    ]
    tails = [("II_fob", Z.sum(0)), *zip(WROWS, prim, strict=True), ("GO", go)]
    for k, (code, vals) in enumerate(tails):
        body.append([code, code, "TOT", f"r{n + k + 1}", *vals, *[""] * len(fc), ""])
    return pd.DataFrame(top + body), {"Z": Z, "Y": Y, "go": go, "prim": prim}


def test_wiot_world_table_one_country(tmp_path: Path) -> None:
    df, d = wiot_frame()
    p = tmp_path / "WIOT2014_Nov16_ROW.xlsx"
    df.to_excel(p, header=False, index=False)
    t = read_wiod(p, country="BRA")
    Z, Y = d["Z"], d["Y"]
    b = slice(2, 4)  # BRA's rows / columns in the world table
    assert t.codes == tuple(WIND) and t.names == ("industry A01", "industry C10-C12")
    assert t.kind == "domestic" and np.allclose(t.x, d["go"][b])
    assert np.allclose(t.Z, Z[b, b])
    # imports by product: AUT's and CHN's rows in BRA's columns, summed over origin
    assert t.Zm is not None and t.Ym is not None
    assert np.allclose(t.Zm, Z[0:2, b] + Z[4:6, b])
    assert np.allclose(t.Ym[:, :5], Y[0:2, 5:10] + Y[4:6, 5:10])
    # exports: BRA's sales to AUT and CHN, intermediate and final
    assert t.fd_names == (*WFD, "exports")
    assert t.fd_roles == (
        "household",
        "npish",
        "government",
        "investment",
        "inventories",
        "exports",
    )
    exports = Z[b, 0:2].sum(1) + Z[b, 4:6].sum(1) + Y[b, 0:5].sum(1) + Y[b, 10:15].sum(1)
    assert np.allclose(t.Y[:, 5], exports)
    assert np.allclose(t.Y[:, :5], Y[b, 5:10])
    assert t.va_names == tuple(WROWS) and t.va_roles[0] == "taxes_products"
    assert t.va_roles[4] == "value_added" and np.allclose(t.V, d["prim"][:, b])
    assert t.m is not None and np.allclose(t.m, t.Zm.sum(1) + t.Ym.sum(1))
    assert np.abs(t.row_residual()).max() < 1e-9
    assert np.abs(t.column_residual()).max() < 1e-9
    # the three national tables together account for all world output and value added
    tabs = [read_wiod(p, country=c) for c in WCTRY]
    assert sum(float(u.x.sum()) for u in tabs) == pytest.approx(d["go"].sum())
    va = [float(u.V[list(u.va_roles).index("value_added")].sum()) for u in tabs]
    assert sum(va) == pytest.approx(d["prim"][4].sum())
    with pytest.raises(LabelError, match=r"unknown region 'BRZ'.*'BRA'"):
        read_wiod(p, country="BRZ")


def test_wiot_identity_errors(tmp_path: Path) -> None:
    df, _ = wiot_frame()
    df.iat[6, 4] = float(str(df.iat[6, 4])) + 3.0  # AUT A01 -> AUT A01: row and column off
    p = tmp_path / "bad.csv"
    df.to_csv(p, header=False, index=False)
    with pytest.raises(TableIdentityError, match=r"bad\.csv.*AUT industry 'A01': inputs"):
        read_wiod(p, country="CHN")
    df, _ = wiot_frame()
    df.iat[7, 24] = float(str(df.iat[7, 24])) + 2.0  # AUT C10-C12 -> CHN INVEN
    df.to_csv(p, header=False, index=False)
    with pytest.raises(TableIdentityError, match=r"AUT industry 'C10-C12': uses differ"):
        read_wiod(p, country="AUT")
    df, _ = wiot_frame()
    df.iat[8, len(df.columns) - 1] = 1.0  # BRA A01's output in the GO column
    df.to_csv(p, header=False, index=False)
    with pytest.raises(TableIdentityError, match=r"BRA 'A01' is 1 in column 'GO'"):
        read_wiod(p, country="AUT")
    niot = tmp_path / "niot.csv"
    wiod_frame(2014).to_csv(niot, index=False)
    with pytest.raises(TableFormatError, match=r"national table.*WIOT"):
        read_wiod(niot, country="AUT")


def test_cli_convert_from_wiot(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import read_table

    df, d = wiot_frame()
    p = tmp_path / "wiot.csv"
    df.to_csv(p, header=False, index=False)
    out = tmp_path / "chn.xlsx"
    args = ["convert", str(p), str(out), "--from", "wiod", "--country", "CHN"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    t = read_table(out)
    assert t.codes == tuple(WIND) and np.allclose(t.x, d["go"][4:6])
    assert np.abs(t.column_residual()).max() < 1e-6
    res = CliRunner().invoke(app, ["convert", str(p), str(tmp_path / "x.xlsx"), "--from", "wiod"])
    assert res.exit_code == 0, res.output  # the whole world table (issue 31)
    assert read_table(tmp_path / "x.xlsx").n == len(WCTRY) * len(WIND)


def test_cli_convert_layout_options_need_from(tmp_path: Path) -> None:
    """--country, --make, --basis, --technology and --rtol mean nothing without --from:
    a usage error (exit 2) instead of silently ignoring them; nothing written."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    src = Path(__file__).resolve().parents[1] / "data" / "miller_blair_2_3.xlsx"
    out = tmp_path / "x.xlsx"
    res = CliRunner().invoke(app, ["convert", str(src), str(out), "--country", "AUS"])
    assert res.exit_code == 2 and "--country: only with --from" in res.output
    assert not out.exists()
    assert CliRunner().invoke(app, ["convert", str(src), str(out)]).exit_code == 0
