"""iocluster: input-output analysis of industrial clusters and their service linkages.

The one data type is :class:`~iocluster.table.IOTable`; analyses are pure functions of
it. Every function a user calls is importable from here, one name each::

    import iocluster as ioc
    t = ioc.read_table("data/example_economy.xlsx")
    ioc.multipliers(t)
    ioc.key_sectors(t)

The names are loaded on first use (PEP 562), so ``import iocluster`` stays cheap. The
layers behind them are described in ARCHITECTURE.md; the conventions in DESIGN.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from iocluster._version import __version__

#: public name -> module that defines it (the one way in; see ARCHITECTURE.md)
_API: dict[str, str] = {
    # the table, reading, writing, checking
    "IOTable": "iocluster.table",
    "TableMeta": "iocluster.table",
    "IOClusterError": "iocluster.errors",
    "read_table": "iocluster.io",
    "write_table": "iocluster.io",
    "write_template": "iocluster.io",
    "validate_table": "iocluster.analysis.validate",
    "table_summary": "iocluster.analysis.describe",
    # the model
    "Closure": "iocluster.model.closure",
    "LeontiefSystem": "iocluster.core.engine",
    "factorise": "iocluster.core.engine",
    "leontief_inverse": "iocluster.model.leontief",
    "ghosh_inverse": "iocluster.model.leontief",
    # analyses
    "multipliers": "iocluster.analysis.multipliers",
    "linkages": "iocluster.analysis.linkages",
    "key_sectors": "iocluster.analysis.linkages",
    "cluster_linkages": "iocluster.analysis.linkages",
    "extract": "iocluster.analysis.extraction",
    "extract_each": "iocluster.analysis.extraction",
    "field_of_influence": "iocluster.analysis.influence",
    # value-added chains
    "embodied": "iocluster.chains",
    "production_layers": "iocluster.chains",
    "structural_paths": "iocluster.chains",
    "resolve_target": "iocluster.chains",
    "compare_chains": "iocluster.chains",
    # table operations
    "aggregate": "iocluster.operations.aggregate",
    "read_concordance": "iocluster.io.concordance",
    "ras": "iocluster.operations.ras",
    "gras": "iocluster.operations.ras",
    "symmetric_table": "iocluster.operations.sut",
    # regional work and clusters
    "regionalize": "iocluster.regional.regionalize",
    "regionalize_all": "iocluster.regional.regionalize",
    "regional_multipliers": "iocluster.regional.regionalize",
    "cluster_location_quotients": "iocluster.regional.regionalize",
    "read_regional_data": "iocluster.io.regional",
    "read_regions": "iocluster.io.regional",
    "build_interregional": "iocluster.regional.interregional.build",
    "multiplier_decomposition": "iocluster.regional.interregional.analysis",
    "spillover_matrix": "iocluster.regional.interregional.analysis",
    "spillover_shares": "iocluster.regional.interregional.analysis",
    "multipliers_by_region": "iocluster.regional.interregional.analysis",
    "with_regional_split": "iocluster.regional.interregional.analysis",
    # multiregional tables: trade in value added, gross-exports decompositions
    "read_layout": "iocluster.io.formats",
    "trade_in_value_added": "iocluster.regional.multiregional.tiva",
    "kww_decomposition": "iocluster.regional.multiregional.decompose",
    "wwz_decomposition": "iocluster.regional.multiregional.decompose",
    "regional_data_from_frame": "iocluster.io.regional",
    "identify_clusters": "iocluster.regional.clustering",
    "read_clusters": "iocluster.io.clusters",
    "service_sectors": "iocluster.model.sectors",
    # scenarios
    "read_scenarios": "iocluster.scenarios.run",
    "run_scenarios": "iocluster.scenarios.run",
    "run_document": "iocluster.scenarios.run",
    "scenario_file_from_dict": "iocluster.scenarios.parse_toml",
    "scenario_tables": "iocluster.scenarios.table",
    "read_tax_file": "iocluster.io.taxes",
    "bridge_matrix": "iocluster.scenarios.investment",
    # the report pipeline
    "analyze": "iocluster.pipeline.analyze",
    "summary_sentences": "iocluster.reports.analysis.workbook",
    "write_analysis_workbook": "iocluster.reports.analysis.workbook",
    "write_impact_workbook": "iocluster.reports.impact.workbook",
    "write_tiva_workbook": "iocluster.reports.tiva",
    # interoperability (pymrio is needed only when these are called)
    "to_pymrio": "iocluster.interop.pymrio",
    "from_pymrio": "iocluster.interop.pymrio",
}

#: public name -> module exported whole (figures are many small functions)
_MODULES: dict[str, str] = {"figures": "iocluster.reports.figures"}

__all__ = [
    "Closure",
    "IOClusterError",
    "IOTable",
    "LeontiefSystem",
    "TableMeta",
    "__version__",
    "aggregate",
    "analyze",
    "bridge_matrix",
    "build_interregional",
    "cluster_linkages",
    "cluster_location_quotients",
    "compare_chains",
    "embodied",
    "extract",
    "extract_each",
    "factorise",
    "field_of_influence",
    "figures",
    "from_pymrio",
    "ghosh_inverse",
    "gras",
    "identify_clusters",
    "key_sectors",
    "kww_decomposition",
    "leontief_inverse",
    "linkages",
    "multiplier_decomposition",
    "multipliers",
    "multipliers_by_region",
    "production_layers",
    "ras",
    "read_clusters",
    "read_concordance",
    "read_layout",
    "read_regional_data",
    "read_regions",
    "read_scenarios",
    "read_table",
    "read_tax_file",
    "regional_data_from_frame",
    "regional_multipliers",
    "regionalize",
    "regionalize_all",
    "resolve_target",
    "run_document",
    "run_scenarios",
    "scenario_file_from_dict",
    "scenario_tables",
    "service_sectors",
    "spillover_matrix",
    "spillover_shares",
    "structural_paths",
    "summary_sentences",
    "symmetric_table",
    "table_summary",
    "to_pymrio",
    "trade_in_value_added",
    "validate_table",
    "with_regional_split",
    "write_analysis_workbook",
    "write_impact_workbook",
    "write_table",
    "write_template",
    "write_tiva_workbook",
    "wwz_decomposition",
]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
        globals()[name] = value
        return value
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'iocluster' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API) | set(_MODULES))


if TYPE_CHECKING:  # the same names, for type checkers and IDEs
    from iocluster.analysis.describe import table_summary
    from iocluster.analysis.extraction import extract, extract_each
    from iocluster.analysis.influence import field_of_influence
    from iocluster.analysis.linkages import cluster_linkages, key_sectors, linkages
    from iocluster.analysis.multipliers import multipliers
    from iocluster.analysis.validate import validate_table
    from iocluster.chains import (
        compare_chains,
        embodied,
        production_layers,
        resolve_target,
        structural_paths,
    )
    from iocluster.core.engine import LeontiefSystem, factorise
    from iocluster.errors import IOClusterError
    from iocluster.interop.pymrio import from_pymrio, to_pymrio
    from iocluster.io import read_table, write_table, write_template
    from iocluster.io.clusters import read_clusters
    from iocluster.io.concordance import read_concordance
    from iocluster.io.formats import read_layout
    from iocluster.io.regional import read_regional_data, read_regions, regional_data_from_frame
    from iocluster.io.taxes import read_tax_file
    from iocluster.model.closure import Closure
    from iocluster.model.leontief import ghosh_inverse, leontief_inverse
    from iocluster.model.sectors import service_sectors
    from iocluster.operations.aggregate import aggregate
    from iocluster.operations.ras import gras, ras
    from iocluster.operations.sut import symmetric_table
    from iocluster.pipeline.analyze import analyze
    from iocluster.regional.clustering import identify_clusters
    from iocluster.regional.interregional.analysis import (
        multiplier_decomposition,
        multipliers_by_region,
        spillover_matrix,
        spillover_shares,
        with_regional_split,
    )
    from iocluster.regional.interregional.build import build_interregional
    from iocluster.regional.multiregional.decompose import kww_decomposition, wwz_decomposition
    from iocluster.regional.multiregional.tiva import trade_in_value_added
    from iocluster.regional.regionalize import (
        cluster_location_quotients,
        regional_multipliers,
        regionalize,
        regionalize_all,
    )
    from iocluster.reports import figures
    from iocluster.reports.analysis.workbook import summary_sentences, write_analysis_workbook
    from iocluster.reports.impact.workbook import write_impact_workbook
    from iocluster.reports.tiva import write_tiva_workbook
    from iocluster.scenarios.investment import bridge_matrix
    from iocluster.scenarios.parse_toml import scenario_file_from_dict
    from iocluster.scenarios.run import read_scenarios, run_document, run_scenarios
    from iocluster.scenarios.table import scenario_tables
    from iocluster.table import IOTable, TableMeta
