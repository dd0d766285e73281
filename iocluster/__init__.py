"""iocluster: input-output analysis of industrial clusters and their service linkages.

The one data type is :class:`~iocluster.table.IOTable`; analyses are pure functions of
it. The most used functions are importable from here::

    import iocluster as ioc
    t = ioc.read_table("data/example_economy.xlsx")
    ioc.key_sectors(t)

Functions named like their module (``multipliers``, ``linkages``) are imported from the
module (``from iocluster.multipliers import multipliers``), so that ``iocluster.multipliers``
stays the module.

See README.md for a tour and DESIGN.md for the architecture and the conventions.
"""

from iocluster.chains import embodied, production_layers, resolve_target, structural_paths
from iocluster.closure import Closure
from iocluster.engine import LeontiefSystem, factorise
from iocluster.errors import IOClusterError
from iocluster.extraction import extract, extract_each
from iocluster.io import read_table, write_table
from iocluster.leontief import ghosh_inverse, leontief_inverse
from iocluster.linkages import key_sectors
from iocluster.scenarios.run import read_scenarios, run_scenarios
from iocluster.table import IOTable, TableMeta
from iocluster.validate import validate_table

__version__ = "0.1.0"

__all__ = [
    "Closure",
    "IOClusterError",
    "IOTable",
    "LeontiefSystem",
    "TableMeta",
    "__version__",
    "embodied",
    "extract",
    "extract_each",
    "factorise",
    "ghosh_inverse",
    "key_sectors",
    "leontief_inverse",
    "production_layers",
    "read_scenarios",
    "read_table",
    "resolve_target",
    "run_scenarios",
    "structural_paths",
    "validate_table",
    "write_table",
]
