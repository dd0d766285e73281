"""Write the bundled *illustrative* regional employment file for the Uzbekistan table.

Run: ``python scripts/make_regional_example.py`` (reads ../shared/data/uzbekistan-2022,
or ``$IOCLUSTER_SHARED/data/uzbekistan-2022``;
writes data/regional_employment_uzbekistan_illustrative.csv).

The numbers are **made up**: each region's employment in a sector is the national
employment (``employment_total``, persons) times a regional share of the nation's jobs,
raised or lowered by a factor for the NACE sections or products the region is known for
(services in the capital, textiles in the Fergana valley, tourism in Samarkand and
Bukhara), rounded to whole persons. The file shows the documented layout (wide: ``code``,
``name``, one column per region) and lets the README's ``regionalize`` command run; it
is no estimate of regional employment.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from iocluster.io import read_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared"))
SOURCE = SHARED / "data" / "uzbekistan-2022"
TARGET = ROOT / "data" / "regional_employment_uzbekistan_illustrative.csv"

#: Region -> (share of national jobs, {code prefix: factor}); shares are illustrative.
REGIONS: dict[str, tuple[float, dict[str, float]]] = {
    "Tashkent city (illustrative)": (
        0.10,
        {"A": 0.05, "B": 0.3, "J": 3.0, "K": 3.5, "M": 2.5, "N": 2.0, "O": 1.8, "H": 1.5},
    ),
    "Fergana (illustrative)": (0.11, {"A01.16": 1.6, "C13": 2.5, "C14": 2.2, "C15": 1.5}),
    "Samarkand (illustrative)": (
        0.11,
        {"A01.13": 1.4, "A01.21": 1.8, "C10": 1.3, "I55": 2.5, "N79": 2.0, "R91": 2.0},
    ),
    "Bukhara (illustrative)": (
        0.06,
        {"A01.16": 1.5, "B06": 2.5, "C13": 1.4, "I55": 3.0, "N79": 2.5, "R91": 2.5},
    ),
}


def factor(code: str, factors: dict[str, float]) -> float:
    """The factor of the longest prefix of ``code`` in ``factors`` (1 when none)."""
    hits = [p for p in factors if code.startswith(p)]
    return factors[max(hits, key=len)] if hits else 1.0


def main() -> None:
    """Write the file (deterministic: no random numbers)."""
    t = read_table(SOURCE)
    jobs = t.F[list(t.satellite_names).index("employment_total")]
    df = pd.DataFrame({"code": list(t.codes), "name": list(t.names)})
    for region, (share, factors) in REGIONS.items():
        # never more than 60 % of the nation's jobs in a sector in one region
        df[region] = [
            round(min(0.6, share * factor(c, factors)) * float(j))
            for c, j in zip(t.codes, jobs, strict=True)
        ]
    df.to_csv(TARGET, index=False, encoding="utf-8")


if __name__ == "__main__":
    main()
