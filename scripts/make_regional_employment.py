"""Generate ``data/regional_employment_illustrative.csv``: ILLUSTRATIVE regional
employment by product for Uzbekistan's 14 first-level regions.

Not official statistics. No regional employment by the table's 136 products is
published; this file only lets the interregional model be run and tested end to end.
It is built so that:

1. each product's national employment (``employment_total`` of the Uzbekistan 2022
   table) is shared out completely over the 14 regions (rows sum to the national value);
2. a region's share of a product is proportional to its approximate resident population
   (1 January 2022, thousands, rounded; Statistics Agency press releases) times a
   hand-set specialisation factor by activity (below), e.g. textiles and apparel in the
   Fergana valley (Fergana, Andijan, Namangan), mining and metals in Navoiy and
   Tashkent Region (Almalyk), gas in Kashkadarya and Bukhara, finance, ICT and
   professional services in Tashkent City, agriculture outside Tashkent City;
3. persons are whole numbers (largest-remainder rounding per product).

Run: ``python scripts/make_regional_employment.py [TABLE]`` (default: the shared
Uzbekistan 2022 table, ``$IOCLUSTER_SHARED/data/uzbekistan-2022``).
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import numpy as np

from iocluster.io import read_table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "regional_employment_illustrative.csv"

#: region key -> approximate resident population, thousands (1 Jan 2022, rounded)
POPULATION = {
    "karakalpakstan": 1950,
    "andijan": 3280,
    "bukhara": 1980,
    "jizzakh": 1420,
    "kashkadarya": 3390,
    "navoiy": 1020,
    "namangan": 2930,
    "samarkand": 4030,
    "surkhandarya": 2740,
    "syrdarya": 870,
    "tashkent_region": 2960,
    "fergana": 3890,
    "khorezm": 1920,
    "tashkent_city": 2910,
}

#: code prefix -> {region: specialisation factor}; the longest matching prefix wins,
#: regions not named keep factor 1
SPECIALISATION: dict[str, dict[str, float]] = {
    "A": {"tashkent_city": 0.02, "syrdarya": 1.4, "jizzakh": 1.3, "surkhandarya": 1.2},
    "A01.16": {"tashkent_city": 0.0, "syrdarya": 1.8, "kashkadarya": 1.4, "fergana": 1.2},
    "B": {
        "navoiy": 6.0,
        "tashkent_region": 3.0,
        "kashkadarya": 3.0,
        "bukhara": 2.0,
        "tashkent_city": 0.3,
    },
    "B06": {"kashkadarya": 6.0, "bukhara": 4.0, "karakalpakstan": 3.0, "navoiy": 1.0},
    "C13": {"fergana": 3.0, "andijan": 2.5, "namangan": 2.8, "tashkent_city": 1.2},
    "C14": {"fergana": 2.5, "andijan": 2.2, "namangan": 3.0, "tashkent_city": 1.5},
    "C15": {"fergana": 1.5, "bukhara": 1.8, "samarkand": 1.5, "tashkent_city": 1.5},
    "C19": {"fergana": 5.0, "bukhara": 4.0, "tashkent_region": 0.5},
    "C20": {"navoiy": 5.0, "fergana": 2.5, "tashkent_region": 2.0, "syrdarya": 1.5},
    "C21": {"tashkent_city": 4.0, "tashkent_region": 3.0},
    "C24": {"tashkent_region": 6.0, "navoiy": 4.0},
    "C29": {"andijan": 6.0, "tashkent_city": 2.0, "samarkand": 1.5},
    "C26": {"tashkent_city": 4.0},
    "C27": {"tashkent_city": 3.0, "tashkent_region": 2.0},
    "D35": {"tashkent_region": 2.5, "syrdarya": 3.0, "navoiy": 2.0, "kashkadarya": 1.5},
    "H": {"tashkent_city": 2.0, "tashkent_region": 1.3},
    "I": {"samarkand": 1.8, "bukhara": 2.0, "khorezm": 1.6, "tashkent_city": 2.0},
    "J": {"tashkent_city": 5.0},
    "K": {"tashkent_city": 5.0},
    "L": {"tashkent_city": 2.5},
    "M": {"tashkent_city": 4.0},
    "N": {"tashkent_city": 3.0},
    "O": {"tashkent_city": 2.5},
    "P": {"tashkent_city": 1.3},
    "Q": {"tashkent_city": 1.5},
    "R": {"tashkent_city": 2.5, "samarkand": 1.3},
}


def factors(code: str) -> np.ndarray:
    """Specialisation factors of the regions for one product code."""
    hits = [p for p in SPECIALISATION if code.upper().startswith(p)]
    if not hits:
        return np.ones(len(POPULATION))
    spec = SPECIALISATION[max(hits, key=len)]
    return np.array([spec.get(r, 1.0) for r in POPULATION])


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that sum to ``total``."""
    if total == 0 or weights.sum() <= 0:
        return np.zeros(weights.size, dtype=int)
    raw = total * weights / weights.sum()
    out = np.floor(raw).astype(int)
    rest = total - out.sum()
    out[np.argsort(-(raw - out), kind="stable")[:rest]] += 1
    return out


def main(argv: list[str]) -> Path:
    shared = Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared"))
    src = Path(argv[0]) if argv else shared / "data" / "uzbekistan-2022"
    table = read_table(src)
    national = np.asarray(table.satellite("employment_total"))
    pop = np.array(list(POPULATION.values()), dtype=float)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            [
                "# ILLUSTRATIVE regional employment (persons) by product, NOT official "
                "statistics: national employment_total of the Uzbekistan 2022 table shared "
                "by population x hand-set specialisation (scripts/make_regional_employment.py)"
            ]
        )
        w.writerow(["code", *POPULATION])
        for code, e in zip(table.codes, national, strict=True):
            base = code.split(" ")[0]
            w.writerow([code, *largest_remainder(round(float(e)), pop * factors(base)).tolist()])
    return OUT


if __name__ == "__main__":
    print(f"wrote {main(sys.argv[1:])}")
