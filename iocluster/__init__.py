"""iocluster: input-output analysis of industrial clusters and their service linkages.

The one data type is :class:`~iocluster.table.IOTable`; analyses are pure functions of
it. See README.md and DESIGN.md for the architecture and the conventions.
"""

from iocluster.engine import LeontiefSystem, factorise
from iocluster.errors import IOClusterError
from iocluster.table import IOTable, TableMeta

__version__ = "0.1.0"

__all__ = ["IOClusterError", "IOTable", "LeontiefSystem", "TableMeta", "__version__", "factorise"]
