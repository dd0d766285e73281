"""Value-added chains: where a target's value added is created, layer by layer and path
by path, and where sectors sit in the chain.

- :mod:`~iocluster.chains.targets`: targets (category, cluster, codes), services group,
  intensities;
- :mod:`~iocluster.chains.embodied`: value added, imports and jobs embodied in final
  demand (TiVA-style domestic value-added content and its services share);
- :mod:`~iocluster.chains.layers`: production layers ``fᵀ Aᵏ y``;
- :mod:`~iocluster.chains.spa`: structural path analysis;
- :mod:`~iocluster.chains.position`: upstreamness, downstreamness, propagation lengths;
- :mod:`~iocluster.chains.compare`: the same indicators before and after a scenario;
- :mod:`~iocluster.chains.report`: all of them for a set of targets in one call.
"""

from iocluster.chains.compare import chain_indicators, compare_chains
from iocluster.chains.embodied import Embodied, embodied, embodied_by_category
from iocluster.chains.layers import production_layers
from iocluster.chains.position import (
    average_propagation_length,
    downstreamness,
    position_in_chain,
    propagation_lengths,
    upstreamness,
)
from iocluster.chains.report import chain_frames
from iocluster.chains.spa import PathTree, enumerate_paths, structural_paths
from iocluster.chains.targets import (
    SERVICE_SECTIONS,
    Target,
    default_services,
    intensity,
    resolve_group,
    resolve_target,
)

__all__ = [
    "SERVICE_SECTIONS",
    "Embodied",
    "PathTree",
    "Target",
    "average_propagation_length",
    "chain_frames",
    "chain_indicators",
    "compare_chains",
    "default_services",
    "downstreamness",
    "embodied",
    "embodied_by_category",
    "enumerate_paths",
    "intensity",
    "position_in_chain",
    "production_layers",
    "propagation_lengths",
    "resolve_group",
    "resolve_target",
    "structural_paths",
    "upstreamness",
]
