"""Multiregional tables as first-class tables: trade in value added and gross-exports
decompositions (issue 31).

A multiregional table is an ordinary :class:`~iocluster.table.IOTable` of R × n sectors
with the tags ``region`` and ``sector`` (the whole OECD ICIO or WIOD world table, a
pymrio system, or the interregional table of one country), so every interregional
analysis works on it. :mod:`.layout` finds its blocks and the buyer of every final-demand
column; :mod:`.tiva` computes trade in value added (for national tables too);
:mod:`.decompose` the Koopman–Wang–Wei and Wang–Wei–Zhu decompositions of gross exports.
"""
