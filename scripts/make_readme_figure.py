"""Draw the README's figure: key sectors of the bundled illustrative economy.

Run: ``python scripts/make_readme_figure.py`` (writes docs/img/key_sectors.png).
"""

from __future__ import annotations

from pathlib import Path

from iocluster.analysis.linkages import linkages
from iocluster.io import read_table
from iocluster.reports.figures import key_sector_quadrant, save_figure, stamp_illustrative

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Write docs/img/key_sectors.png."""
    table = read_table(ROOT / "data" / "example_economy.xlsx")
    fig = key_sector_quadrant(
        linkages(table),
        output=table.x,
        title="Key sectors (illustrative economy)",
        output_unit=(table.meta.scale, table.meta.currency),
    )
    if table.meta.illustrative:
        stamp_illustrative(fig, "en")
    save_figure(fig, ROOT / "docs" / "img" / "key_sectors", formats=("png",), force=True)


if __name__ == "__main__":
    main()
