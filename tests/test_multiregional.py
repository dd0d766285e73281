"""Multiregional tables (issue 31): trade in value added, the Koopman–Wang–Wei and
Wang–Wei–Zhu decompositions of gross exports, GVC participation.

Reference values: the 3-country, 3-sector "leather" example table bundled with the R
package decompr (Quast & Kummritz 2015, decompr: Global Value Chain Decomposition in R,
Kiel Working Paper 1974; the table and its KWW, WWZ and Leontief decompositions are
printed in decompr's README, github.com/bquast/decompr, and reproduced by Krantz's R
package icio). Identities: Koopman, Wang & Wei (2014, AER 104(2), eq. 36), Wang, Wei &
Zhu (2013, NBER WP 19677, eq. 37), OECD (2021) TiVA guide.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iocluster.errors import InputError
from iocluster.regional.multiregional.decompose import (
    KWW_TERMS,
    WWZ_TERMS,
    WWZ_TO_KWW,
    kww_decomposition,
    wwz_decomposition,
)
from iocluster.regional.multiregional.tiva import trade_in_value_added
from iocluster.table import IOTable

# ---------------------------------------------------------------- the leather example
LEATHER_INTER = [
    [16.1, 5.1, 1.8, 3.2, 4.3, 0.4, 3.1, 2.8, 4.9],
    [2.4, 8.0, 3.2, 0.1, 3.2, 1.6, 1.2, 3.9, 11.5],
    [0.9, 0.5, 4.0, 0.0, 0.1, 0.3, 0.0, 0.4, 0.5],
    [1.1, 1.9, 0.2, 18.0, 13.2, 6.1, 9.0, 3.1, 8.9],
    [0.3, 2.8, 0.1, 6.1, 28.1, 6.3, 2.1, 2.5, 25.6],
    [0.0, 0.1, 0.3, 4.1, 3.2, 8.9, 0.2, 0.0, 1.8],
    [1.2, 4.2, 0.3, 4.1, 1.2, 0.6, 29.0, 19.5, 17.9],
    [1.3, 1.1, 0.0, 3.2, 4.8, 2.6, 5.1, 29.1, 24.1],
    [2.1, 1.4, 3.0, 4.1, 3.1, 3.9, 11.3, 8.1, 51.3],
]
LEATHER_FINAL = [
    [21.5, 6.1, 8.4], [16.2, 1.9, 5.1], [11.0, 0.5, 0.8], [7.5, 29.5, 14.2],
    [8.9, 24.9, 16.9], [1.2, 18.5, 4.9], [9.2, 17.9, 51.2], [7.9, 10.1, 38.5],
    [25.1, 35.2, 68.4],
]  # fmt: skip
LEATHER_OUT = [77.7, 58.3, 19.0, 112.7, 124.6, 43.2, 156.3, 127.8, 217.0]
COUNTRIES = ["Argentina", "Turkey", "Germany"]
INDUSTRIES = ["Agriculture", "Textile_and_Leather", "Transport_Equipment"]

#: decompr's KWW decomposition of the leather table (README, "Koopman-Wang-Wei").
KWW_LEATHER = {
    "Argentina": [19.34940, 18.97119, 8.411491, 5.259501, 0.8259724, 0.8723949,
                  3.450595, 3.388617, 3.770832],
    "Turkey": [43.39461, 26.20678, 7.740053, 10.475795, 2.0075781, 2.6369363,
               10.205386, 5.359698, 5.573163],
    "Germany": [78.73101, 15.23967, 2.748464, 5.689669, 4.4335916, 4.4481800,
                26.668992, 4.455024, 5.185401],
}  # fmt: skip
#: decompr's WWZ decomposition (README, "Wang-Wei-Zhu"), three rows, in the order of
#: WWZ's Table E1 (decompr prints RDV_INT before RDV_FIN and the MVA/OVA terms in
#: another order; the values are matched by name).
WWZ_LEATHER = {
    ("Argentina", "Agriculture", "Turkey"): {
        "dva_fin": 5.4744354, "dva_int": 2.6813686, "dva_intrex_i1": 1.13634407,
        "dva_intrex_f": 1.40930027, "dva_intrex_i2": 0.504931544, "rdv_fin": 0.70568372,
        "rdv_fin2": 0.347019751, "rdv_int": 0.168614730, "ddc_fin": 0.064864146,
        "ddc_int": 0.07171574, "mva_fin": 0.21430105, "mva_int": 0.10207118,
        "mdc": 0.17546624, "ova_fin": 0.41126356, "ova_int": 0.19588405, "odc": 0.33673597,
    },
    ("Turkey", "Textile_and_Leather", "Germany"): {
        "dva_fin": 13.7238725, "dva_int": 12.0058480, "dva_intrex_i1": 0.62802955,
        "dva_intrex_f": 3.90680904, "dva_intrex_i2": 0.127367338, "rdv_fin": 5.57979048,
        "rdv_fin2": 0.074151999, "rdv_int": 0.950059562, "ddc_fin": 0.597136653,
        "ddc_int": 0.65512387, "mva_fin": 1.74038658, "mva_int": 1.51318619,
        "mdc": 1.59685374, "ova_fin": 1.43574094, "ova_int": 1.24831079, "odc": 1.31733277,
    },
    ("Germany", "Transport_Equipment", "Turkey"): {
        "dva_fin": 23.7239990, "dva_int": 3.2689405, "dva_intrex_i1": 0.14831124,
        "dva_intrex_f": 0.60720101, "dva_intrex_i2": 0.018387426, "rdv_fin": 1.37381855,
        "rdv_fin2": 0.035453172, "rdv_int": 0.907106729, "ddc_fin": 0.673700534,
        "ddc_int": 0.44822829, "mva_fin": 7.38070428, "mva_int": 1.05536198,
        "mdc": 1.27207602, "ova_fin": 4.09529671, "ova_int": 0.58558374, "odc": 0.70583084,
    },
}  # fmt: skip
#: decompr's Leontief decomposition (README): value added of each source country-industry
#: (rows) in the gross exports of Argentina's agriculture (column 1) and Germany's
#: transport equipment (column 9).
LEONTIEF_COLUMNS = {
    "Argentina/Agriculture": [28.52278143, 1.06206936, 0.21043693, 0.71952151,
                              0.41201175, 0.03482652, 0.92530356, 0.64666560, 0.66638333],
    "Germany/Transport_Equipment": [4.12087363, 4.74903511, 0.19326212, 6.18062537,
                                    9.50690317, 0.64647326, 9.60069308, 8.15831503,
                                    34.74381924],
}  # fmt: skip


def leather() -> IOTable:
    """decompr's leather table as a multiregional IOTable (value added = output less
    intermediate inputs, as decompr computes it)."""
    Z = np.array(LEATHER_INTER)
    x = np.array(LEATHER_OUT)
    codes = [f"{c}/{s}" for c in COUNTRIES for s in INDUSTRIES]
    return IOTable.from_arrays(
        Z, np.array(LEATHER_FINAL), (x - Z.sum(axis=0))[None, :], x=x, codes=codes,
        fd_names=[f"{c}/final" for c in COUNTRIES], fd_roles=["other"] * 3,
        tags={"region": [c for c in COUNTRIES for _ in INDUSTRIES],
              "sector": [s for _ in COUNTRIES for s in INDUSTRIES]},
    )  # fmt: skip


def test_kww_reproduces_decomprs_leather_example() -> None:
    k = kww_decomposition(leather())
    for country, terms in KWW_LEATHER.items():
        assert k.loc[country, list(KWW_TERMS)].to_numpy() == pytest.approx(terms, rel=2e-6)
    assert k["exports"].to_numpy() == pytest.approx([64.3, 113.6, 147.6])


def test_wwz_reproduces_decomprs_leather_example() -> None:
    w = wwz_decomposition(leather())
    for key, terms in WWZ_LEATHER.items():
        got = w.loc[key]
        for name, value in terms.items():
            assert got[name] == pytest.approx(value, rel=2e-6), (key, name)
    # gross exports of the row (decompr's texp): 14.0, 47.1 and 46.3
    assert [w.loc[k, "exports"] for k in WWZ_LEATHER] == pytest.approx([14.0, 47.1, 46.3])


def test_tiva_reproduces_decomprs_leontief_decomposition() -> None:
    """Domestic and foreign value added of an exporting sector are the column sums of the
    value-added origin matrix v̂ B ê over the exporter's own and the other countries'
    rows."""
    r = trade_in_value_added(leather(), services=[])
    for code, column in LEONTIEF_COLUMNS.items():
        own = COUNTRIES.index(code.split("/")[0])
        dom = sum(column[3 * own : 3 * own + 3])
        row = r.by_sector.loc[code]
        assert row["dva"] == pytest.approx(dom, rel=1e-8)
        assert row["fva"] == pytest.approx(sum(column) - dom, rel=1e-8)
        assert row["exports"] == pytest.approx(sum(column), rel=1e-8)


# ---------------------------------------------------------------- identities
def random_mrio(
    R: int = 4, n: int = 3, seed: int = 0, *, outside: bool = True, taxes: bool = True
) -> IOTable:
    """A productive random multiregional table: final demand by buying region, sales
    outside (role exports), imports from outside and net taxes on products as rows."""
    rng = np.random.default_rng(seed)
    N = R * n
    A = rng.uniform(0, 1, (N, N)) * rng.uniform(0, 1, (N, N))
    A *= 0.55 / A.sum(axis=0).max()
    F = rng.uniform(1, 10, (N, R + int(outside)))
    F[:, 0] -= rng.uniform(0, 0.5, N)  # some inventory changes are negative somewhere
    x = np.linalg.solve(np.eye(N) - A, F.sum(axis=1))
    Z = A * x
    inputs = x - Z.sum(axis=0)
    share = rng.uniform(0.05, 0.2, (3, N)) if taxes else np.zeros((3, N))
    V = np.vstack([inputs * (1 - share[0] - share[1]), inputs * share[0], inputs * share[1]])
    regions = [f"r{k}" for k in range(R)]
    fd = [f"r{k}/households" for k in range(R)] + (["r0/exports"] if outside else [])
    return IOTable.from_arrays(
        Z, F, V, x=x, codes=[f"{r}/s{i}" for r in regions for i in range(n)],
        fd_names=fd, fd_roles=["household"] * R + (["exports"] if outside else []),
        va_names=["value added", "taxes on products", "imports"],
        va_roles=["value_added", "taxes_products", "imports"],
        tags={"region": [r for r in regions for _ in range(n)],
              "sector": [f"s{i}" for _ in regions for i in range(n)]},
    )  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kww_terms_add_up_to_gross_exports(seed: int) -> None:
    t = random_mrio(seed=seed)
    k = kww_decomposition(t)
    total = k[list(KWW_TERMS)].sum(axis=1).to_numpy()
    assert np.abs(total - k["exports"].to_numpy()).max() <= 1e-9 * k["exports"].max()
    assert (k[["dva_fin", "dva_int", "dva_intrex", "fva_fin", "fva_int"]] >= 0).all().all()


@pytest.mark.parametrize("seed", [0, 3])
def test_wwz_terms_add_up_and_aggregate_to_kww(seed: int) -> None:
    t = random_mrio(seed=seed)
    w = wwz_decomposition(t)
    terms = w[list(WWZ_TERMS)].to_numpy()
    assert np.abs(terms.sum(axis=1) - w["exports"].to_numpy()).max() <= 1e-9 * w["exports"].max()
    k = kww_decomposition(t)
    by_exporter = w.groupby(level="exporter", sort=False)[list(WWZ_TERMS)].sum()
    for j, term in enumerate(KWW_TERMS):  # WWZ's terms summed over partners are KWW's
        parts = [WWZ_TERMS[i] for i, kw in enumerate(WWZ_TO_KWW) if kw == j]
        got = by_exporter[parts].sum(axis=1).reindex(k.index).to_numpy()
        assert got == pytest.approx(k[term].to_numpy(), rel=1e-9, abs=1e-9)
    exporters = wwz_decomposition(t, ["R1"])  # case-insensitive, one exporter
    assert set(exporters.index.get_level_values("exporter")) == {"r1"}
    assert exporters.to_numpy() == pytest.approx(w.loc[["r1"]].to_numpy())


@pytest.mark.parametrize("seed", [0, 5])
def test_tiva_identities(seed: int) -> None:
    t = random_mrio(seed=seed)
    r = trade_in_value_added(t, services=[1, 4, 7])
    s = r.by_sector
    parts = (s["dva"] + s["fva"] + s["other"]).to_numpy()
    assert np.abs(parts - s["exports"].to_numpy()).max() <= 1e-9 * s["exports"].max()
    assert (s["exports_intermediate"] + s["exports_final"]).to_numpy() == pytest.approx(
        s["exports"].to_numpy()
    )
    assert r.origins is not None and r.final_demand is not None and r.by_region is not None
    # every column of the origin matrix is the region's gross exports
    assert r.origins.sum(axis=0).to_numpy() == pytest.approx(r.by_region["exports"].to_numpy())
    # world value added in final demand equals world value added (world GDP at basic prices)
    va_rows = r.final_demand.loc[[f"r{k}" for k in range(4)]]
    assert float(va_rows.to_numpy().sum()) == pytest.approx(float(t.value_added.sum()), rel=1e-12)
    # each destination's column is its final demand
    fd = np.array([t.Y[:, [k]].sum() for k in range(4)] + [t.Y[:, 4].sum()])
    assert r.final_demand.sum(axis=0).to_numpy() == pytest.approx(fd)
    # services value added: domestic part of the services' value added
    assert (s["services_dva"] <= s["dva"] + 1e-12).all()


def test_tiva_domestic_content_is_kwws_domestic_terms_when_taxes_are_absent() -> None:
    """With value added the only domestic primary input, the OECD's EXGR_DVA is KWW's
    domestic value added, returned value added and domestic double counting (terms 1–6),
    and EXGR_FVA its foreign terms (7–9)."""
    t = random_mrio(seed=7, taxes=False)
    r = trade_in_value_added(t, services=[])
    k = kww_decomposition(t)
    assert r.by_region is not None
    assert r.by_region["dva"].to_numpy() == pytest.approx((k["dva"] + k["ddc"]).to_numpy())
    assert r.by_region["fva"].to_numpy() == pytest.approx((k["fva"] + k["fdc"]).to_numpy())
    gvc = r.by_region
    assert gvc["gvc_participation"].to_numpy() == pytest.approx(
        (gvc["fva_share"] + gvc["dvafx_share"]).to_numpy()
    )


def test_clusters_and_services_by_region() -> None:
    t = random_mrio(seed=2)
    groups = {"first two": [i for i in range(t.n) if t.tags["sector"][i] in ("s0", "s1")]}
    r = trade_in_value_added(t, clusters=groups, services=[2, 5, 8, 11], detail=["r1", "R2"])
    assert r.by_cluster is not None
    assert list(r.by_cluster.index.get_level_values("region")) == ["r0", "r1", "r2", "r3"]
    s = r.by_sector
    r1 = s[(s["region"] == "r1") & s["sector"].isin(["s0", "s1"])]
    assert r.by_cluster.loc[("r1", "first two"), "dva"] == pytest.approx(r1["dva"].sum())
    # which services: listed for r1 and r2 only; each region's rows add up to its services
    # value added in the exports of all its sectors
    assert set(r.services["region"]) == {"r1", "r2"}
    for key in ("r1", "r2"):
        mine = r.services[r.services["region"] == key]
        total = s.loc[s["region"] == key, "services_dva"].sum()
        assert mine["all_exports"].sum() == pytest.approx(total)
    with pytest.raises(InputError, match=r"unknown region 'r9'.*regions: r0, r1"):
        trade_in_value_added(t, detail=["r9"])


# ---------------------------------------------------------------- one region = national
def one_region(national: IOTable) -> IOTable:
    """The national table as a multiregional table of one region: imported inputs as a
    primary-input row of role imports, final demand of region 'uz'."""
    d = national.domestic()
    assert d.Zm is not None
    V = np.vstack([d.V, d.Zm.sum(axis=0)])
    return d.replace(
        codes=tuple(f"uz/{c}" for c in d.codes),
        fd_names=tuple(f"uz/{c}" for c in d.fd_names),
        V=V,
        va_names=(*d.va_names, "imported inputs"),
        va_roles=(*d.va_roles, "imports"),
        Zm=None,
        Ym=None,
        tags={**d.tags, "region": ("uz",) * d.n, "sector": d.codes},
    )


def test_one_region_table_is_the_national_table(uzbekistan: IOTable) -> None:
    from iocluster.analysis.multipliers import multipliers
    from iocluster.regional.interregional.analysis import with_regional_split

    clusters = {"textiles": uzbekistan.select(["А01.16", "C13*", "C14"])}
    nat = trade_in_value_added(uzbekistan, clusters=clusters)
    one = one_region(uzbekistan)
    mr = trade_in_value_added(one, clusters=clusters)
    cols = ["exports", "dva", "fva", "other", "services_dva", "dva_share"]
    d = uzbekistan.domestic()
    exp = [i for i, role in enumerate(d.fd_roles) if role == "exports"]
    re_exports = ~np.isclose(d.Ym[:, exp].sum(axis=1), 0.0)  # type: ignore[index]
    assert re_exports.sum() == 1  # C24.1
    a = nat.by_sector[cols].to_numpy()
    b = mr.by_sector[cols].to_numpy()
    keep = ~re_exports  # re-exported imports are import content nationally, not output
    assert np.nanmax(np.abs(a[keep] - b[keep])) <= 1e-9 * np.nanmax(np.abs(a))
    assert nat.by_cluster is not None and mr.by_cluster is not None
    assert mr.by_cluster.loc[("uz", "textiles"), "dva"] == pytest.approx(
        nat.by_cluster.loc["textiles", "dva"], rel=1e-10
    )
    # multipliers: everything is intra-regional
    m = with_regional_split(one, multipliers(one, ["output"], kinds=["simple"]))
    assert m["output_intra_regional"].to_numpy() == pytest.approx(m["output_simple"].to_numpy())
    assert np.abs(m[["output_feedback", "output_spillover"]].to_numpy()).max() < 1e-12
    # KWW of one region: every export is final and leaves the table
    k = kww_decomposition(one)
    assert k.loc["uz", "dva_fin"] + k.loc["uz", "fva_fin"] == pytest.approx(
        k.loc["uz", "exports"], rel=1e-12
    )
    dom = (b[:, 1] + b[:, 3]).sum()  # KWW counts net taxes on products as domestic
    assert k.loc["uz", "dva_fin"] == pytest.approx(dom, rel=1e-9)


def test_national_tiva_of_uzbekistan_adds_up_with_re_exports(uzbekistan: IOTable) -> None:
    """The 2022 table: imports of C24.1 exceed its use net of exports (re-exports); they
    count as import content, so the parts still add up to gross exports."""
    r = trade_in_value_added(uzbekistan)
    s = r.by_sector
    assert (s["dva"] + s["fva"] + s["other"]).to_numpy() == pytest.approx(
        s["exports"].to_numpy(), rel=1e-10, abs=1e-6
    )
    assert s["exports"].sum() == pytest.approx(float(uzbekistan.exports.sum()), rel=1e-12)
    assert 0.5 < s["dva"].sum() / s["exports"].sum() < 1.0


def test_not_multiregional_is_one_message() -> None:
    from iocluster.datasets import miller_blair_2_3

    with pytest.raises(InputError, match=r"no 'region' and 'sector' tags"):
        kww_decomposition(miller_blair_2_3())
    t = random_mrio(seed=1)
    shuffled = t.with_tags("sector", [*t.tags["sector"][:3], "s2", "s1", "s0",
                                      *t.tags["sector"][6:]])  # fmt: skip
    with pytest.raises(InputError, match=r"region 'r1' has sector 's2' where 'r0' has 's0'"):
        kww_decomposition(shuffled)
    bad = t.replace(fd_names=("r0/households", "r1/households", "r2/households",
                              "nowhere/households", "r0/exports"))  # fmt: skip
    with pytest.raises(InputError, match=r"'nowhere/households' names no region"):
        wwz_decomposition(bad)


def test_kww_and_wwz_frames_are_labelled() -> None:
    t = random_mrio(seed=4, R=3, n=2)
    k = kww_decomposition(t)
    assert list(k.index) == ["r0", "r1", "r2"] and k.index.name == "exporter"
    assert {"vax", "rdv", "dva", "fva", "pdc"} <= set(k.columns)
    w = wwz_decomposition(t)
    assert w.index.names == ["exporter", "sector", "importer"]
    assert set(w.index.get_level_values("importer")) == {"r0", "r1", "r2", "outside"}
    assert isinstance(w, pd.DataFrame) and w.attrs["unit"] == t.meta.unit
