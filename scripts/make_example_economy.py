"""Generate ``data/example_economy.xlsx``: an illustrative, synthetic 20-sector economy.

The economy is made up — shaped like a middle-income, cotton-growing economy with
industrial clusters (cotton–textiles–clothing, leather and footwear, food processing,
pharmaceuticals, tourism, IT) and the services around them (trade and marketing,
transport and logistics, finance, IT services, technical/repair services, training).
Its numbers are for demonstrations and tests only; they describe no real country.

Construction (deterministic, seed 2022):

1. a domestic input-coefficient matrix ``Aᵈ`` from a hand-written pattern of the main
   supply links (cotton → textiles → clothing, agriculture → food, services → all),
   perturbed by ±20 %; an import-coefficient matrix ``Aᵐ`` likewise;
2. final demand by category (households, government, investment, inventories, exports)
   from hand-set levels; output ``x = (I − Aᵈ)⁻¹ f`` (so rows close exactly);
3. flows ``Zᵈ = Aᵈx̂``, ``Zᵐ = Aᵐx̂`` and final-demand imports, rounded to 0.1;
   output recomputed from the rounded rows;
4. compensation and net taxes on production as shares of output; gross operating surplus
   as the remainder, so every column closes;
5. employment (persons) from jobs per billion UZS of output, split formal / informal.

Run: ``python scripts/make_example_economy.py`` (writes data/example_economy.xlsx and
data/miller_blair_2_3.xlsx;
``iocluster convert data/example_economy.xlsx DIR`` gives the same table as a CSV folder).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iocluster.datasets import miller_blair_2_3
from iocluster.io import write_table
from iocluster.table import IOTable, TableMeta

ROOT = Path(__file__).resolve().parents[1]

# code, name, cluster, group, (household, government, investment, inventories, exports)
# final demand in billion UZS, jobs per billion UZS of output, formal share of jobs
SECTORS = [
    ("AGR_COTTON", "Cotton and other fibre crops", "textiles", "agriculture", (0, 0, 0, 40, 150), 9.0, 0.15),
    ("AGR_OTHER", "Other crops and livestock", "agro", "agriculture", (5200, 0, 300, 120, 900), 7.5, 0.12),
    ("MINING", "Mining and quarrying", "", "industry", (50, 0, 0, 30, 4200), 0.9, 0.85),
    ("FOOD", "Food products and beverages", "agro", "industry", (9800, 200, 0, 90, 1300), 1.6, 0.55),
    ("TEX", "Textiles: spinning, weaving, knitting", "textiles", "industry", (600, 0, 0, 60, 3100), 2.2, 0.60),
    ("APPAREL", "Clothing", "textiles", "industry", (2100, 50, 0, 30, 1900), 3.1, 0.45),
    ("LEATHER", "Leather and footwear", "leather", "industry", (900, 20, 0, 20, 700), 2.8, 0.50),
    ("PHARMA", "Pharmaceutical products", "pharma", "industry", (1200, 700, 0, 25, 300), 1.1, 0.80),
    ("CHEM", "Chemicals, plastics and fertiliser", "", "industry", (400, 0, 0, 40, 1500), 0.8, 0.85),
    ("METAL_MACH", "Metals, machinery and vehicles", "", "industry", (1500, 0, 6200, 150, 2600), 0.9, 0.85),
    ("ENERGY", "Electricity, gas and water", "", "industry", (2400, 300, 0, 0, 400), 0.7, 0.95),
    ("CONSTR", "Construction", "", "industry", (300, 400, 14500, 0, 100), 2.4, 0.40),
    ("TRADE", "Wholesale and retail trade, marketing", "", "services", (7900, 0, 500, 0, 400), 3.0, 0.35),
    ("TRANSPORT", "Transport, storage and logistics", "", "services", (2800, 150, 0, 0, 1800), 1.8, 0.55),
    ("TOUR", "Accommodation, food service and tourism", "tourism", "services", (3100, 0, 0, 0, 1500), 3.5, 0.40),
    ("IT", "Information, communication and IT services", "it", "services", (1600, 300, 400, 0, 700), 1.0, 0.85),
    ("FIN", "Finance and insurance", "", "services", (1100, 0, 0, 0, 150), 0.6, 0.95),
    ("REPAIR", "Technical services, repair and installation", "", "services", (700, 100, 900, 0, 100), 2.0, 0.60),
    ("EDU", "Education and vocational training", "", "services", (1500, 6200, 0, 0, 50), 3.8, 0.90),
    ("PUBLIC", "Public administration, health and other services", "", "services", (1400, 9800, 0, 0, 60), 2.6, 0.90),
]  # fmt: skip

# main domestic supply links: (supplier, user, coefficient)
LINKS = [
    ("AGR_COTTON", "TEX", 0.22), ("TEX", "APPAREL", 0.28), ("TEX", "TEX", 0.05),
    ("AGR_OTHER", "FOOD", 0.38), ("AGR_OTHER", "LEATHER", 0.20), ("AGR_OTHER", "AGR_OTHER", 0.10),
    ("AGR_OTHER", "TOUR", 0.08), ("FOOD", "TOUR", 0.18), ("FOOD", "FOOD", 0.08),
    ("CHEM", "AGR_COTTON", 0.10), ("CHEM", "AGR_OTHER", 0.06), ("CHEM", "PHARMA", 0.18),
    ("CHEM", "TEX", 0.05), ("CHEM", "LEATHER", 0.07), ("MINING", "CHEM", 0.15),
    ("MINING", "METAL_MACH", 0.20), ("MINING", "ENERGY", 0.25), ("MINING", "CONSTR", 0.08),
    ("METAL_MACH", "CONSTR", 0.18), ("METAL_MACH", "METAL_MACH", 0.12),
    ("ENERGY", "TEX", 0.06), ("ENERGY", "MINING", 0.08), ("ENERGY", "METAL_MACH", 0.06),
    ("ENERGY", "AGR_COTTON", 0.04), ("CONSTR", "PUBLIC", 0.04), ("CONSTR", "TOUR", 0.03),
    ("PHARMA", "PUBLIC", 0.06), ("APPAREL", "TOUR", 0.01),
]  # fmt: skip
SERVICE_INPUTS = {  # typical service inputs per unit of output of every user
    "TRADE": 0.045, "TRANSPORT": 0.040, "IT": 0.012, "FIN": 0.020, "REPAIR": 0.015,
    "EDU": 0.004, "ENERGY": 0.025, "PUBLIC": 0.006,
}  # fmt: skip
# imported intermediate inputs per unit of output, by user: (supplier, coefficient)
IMPORT_LINKS = [
    ("CHEM", "TEX", 0.04), ("CHEM", "PHARMA", 0.22), ("CHEM", "LEATHER", 0.05),
    ("METAL_MACH", "TEX", 0.04), ("METAL_MACH", "APPAREL", 0.02), ("METAL_MACH", "CONSTR", 0.10),
    ("METAL_MACH", "METAL_MACH", 0.20), ("TEX", "APPAREL", 0.10), ("PHARMA", "PUBLIC", 0.03),
    ("IT", "IT", 0.06), ("IT", "FIN", 0.03), ("IT", "TEX", 0.008), ("FIN", "TEX", 0.006),
    ("TRANSPORT", "TEX", 0.010), ("TRANSPORT", "APPAREL", 0.012), ("TRANSPORT", "LEATHER", 0.010),
    ("AGR_OTHER", "FOOD", 0.05), ("ENERGY", "ENERGY", 0.05),
]  # fmt: skip
IMPORTED_FD_SHARE = {
    "METAL_MACH": 0.45,
    "PHARMA": 0.35,
    "CHEM": 0.30,
    "APPAREL": 0.15,
    "FOOD": 0.08,
}
COMP_SHARE = {"agriculture": 0.18, "industry": 0.16, "services": 0.32}
TAX_SHARE = 0.025
FD_NAMES = [
    "households",
    "government",
    "gross_fixed_capital_formation",
    "changes_in_inventories",
    "exports",
]
FD_ROLES = ["household", "government", "investment", "inventories", "exports"]


def build(seed: int = 2022) -> IOTable:
    """Build the illustrative table (see the module docstring for the construction)."""
    rng = np.random.default_rng(seed)
    codes = [s[0] for s in SECTORS]
    pos = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    Ad = np.zeros((n, n))
    for sup, use, a in LINKS:
        Ad[pos[sup], pos[use]] += a
    for sup, a in SERVICE_INPUTS.items():
        Ad[pos[sup], :] += a
    Ad *= rng.uniform(0.8, 1.2, size=(n, n))
    Am = np.zeros((n, n))
    for sup, use, a in IMPORT_LINKS:
        Am[pos[sup], pos[use]] += a
    Am[pos["METAL_MACH"], :] += 0.015  # imported equipment parts everywhere
    Am *= rng.uniform(0.8, 1.2, size=(n, n))
    F_total = np.array([s[4] for s in SECTORS], dtype=float)  # n x 5
    f = F_total.sum(axis=1)
    x = np.linalg.solve(np.eye(n) - Ad, f)
    Zd = np.round(Ad * x, 1)
    Zm = np.round(Am * x, 1)
    Yd = np.round(F_total, 1)
    share = np.array([IMPORTED_FD_SHARE.get(c, 0.02) for c in codes])
    Ym = np.round(Yd * share[:, None], 1)
    Ym[:, FD_ROLES.index("exports")] = 0.0  # re-exports: none in this economy
    Ym[:, FD_ROLES.index("inventories")] = 0.0
    x = Zd.sum(axis=1) + Yd.sum(axis=1)  # rows close exactly (domestic table)
    comp = np.round(np.array([COMP_SHARE[s[3]] for s in SECTORS]) * x, 1)
    taxes = np.round(TAX_SHARE * x, 1)
    surplus = x - Zd.sum(axis=0) - Zm.sum(axis=0) - comp - taxes
    if np.any(surplus <= 0):
        raise SystemExit(
            f"negative surplus in {[c for c, s in zip(codes, surplus, strict=True) if s <= 0]}"
        )
    jobs = np.array([s[5] for s in SECTORS]) * x
    formal = np.round(jobs * np.array([s[6] for s in SECTORS]))
    informal = np.round(jobs) - formal
    F = np.vstack([formal, informal, formal + informal])
    return IOTable.from_arrays(
        Z=Zd,
        Y=Yd,
        V=np.vstack([comp, taxes, surplus]),
        x=x,
        codes=codes,
        names=[s[1] for s in SECTORS],
        fd_names=FD_NAMES,
        fd_roles=FD_ROLES,
        va_names=[
            "compensation_of_employees",
            "other_net_taxes_on_production",
            "gross_operating_surplus",
        ],
        va_roles=["compensation", "taxes_production", "operating_surplus"],
        F=F,
        satellite_names=["employment_formal", "employment_informal", "employment_total"],
        satellite_units=["persons", "persons", "persons"],
        kind="domestic",
        Zm=Zm,
        Ym=Ym,
        tags={"cluster": [s[2] for s in SECTORS], "group": [s[3] for s in SECTORS]},
        meta=TableMeta(
            title="Illustrative cluster economy (synthetic)",
            year=2022,
            region="Illustrative",
            currency="UZS",
            scale="billion",
            source="Synthetic: generated by scripts/make_example_economy.py (seed 2022); "
            "illustrative only, describes no real country",
            notes="Domestic flows with import-use matrices; basic prices.",
            illustrative=True,
            illustrative_reason="synthetic economy generated by "
            "scripts/make_example_economy.py; describes no real country",
        ),
    )


def main() -> None:
    """Write the illustrative economy and the Miller & Blair (2009) Table 2.3 example."""
    table = build()
    write_table(table, ROOT / "data" / "example_economy.xlsx", force=True)
    write_table(miller_blair_2_3(), ROOT / "data" / "miller_blair_2_3.xlsx", force=True)
    print(table)


if __name__ == "__main__":
    main()
