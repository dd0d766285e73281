"""Interregional input-output model of a country's regions built from its national table.

:mod:`.regions` (the regions and their great-circle distances), :mod:`.gravity` (the
doubly constrained gravity model of interregional trade), :mod:`.trade` (self-supply by
location quotients and the trade flows of every product), :mod:`.build`
(:func:`build_interregional`: the R × n table) and :mod:`.analysis` (effects by region,
spillover matrices, the intra-regional / spillover / feedback split of multipliers).
"""
