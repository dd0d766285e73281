"""Cluster identification (alias of :mod:`iocluster.clustering`, kept for the layout in
DESIGN.md §1)."""

from __future__ import annotations

from iocluster.clustering import *  # noqa: F403
from iocluster.clustering import __all__  # noqa: F401
