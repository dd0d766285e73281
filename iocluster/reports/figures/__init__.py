"""Report figures (matplotlib, the ``plots`` extra), written as PNG and SVG.

- :mod:`.common`: the canvas, colours, axes in the report language, sector labels and
  flags, the "ILLUSTRATIVE" stamp, writing PNG and SVG;
- :mod:`.quadrant`: the key-sector quadrant;
- :mod:`.charts`: multipliers and impacts by sector and cluster, the value-added chain,
  the regional heat map;
- :mod:`.regions`: the region × region spillover heat map;
- :mod:`.paths`: the layered diagram of the top structural paths;
- :mod:`.tiva`: value added in gross exports (trade in value added).

matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from iocluster.reports.figures.charts import (
    impacts_by_cluster,
    impacts_by_sector,
    multipliers_by_sector,
    regional_heatmap,
    value_added_chain,
)
from iocluster.reports.figures.common import save_figure, stamp_illustrative, top_n
from iocluster.reports.figures.paths import plot_top_paths
from iocluster.reports.figures.quadrant import key_sector_quadrant
from iocluster.reports.figures.regions import spillover_heatmap
from iocluster.reports.figures.tiva import value_added_in_exports

__all__ = [
    "impacts_by_cluster",
    "impacts_by_sector",
    "key_sector_quadrant",
    "multipliers_by_sector",
    "plot_top_paths",
    "regional_heatmap",
    "save_figure",
    "spillover_heatmap",
    "stamp_illustrative",
    "top_n",
    "value_added_chain",
    "value_added_in_exports",
]
