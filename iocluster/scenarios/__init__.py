"""Cluster-integration scenarios: the scenario language, shocks and impacts (DESIGN.md §4).

Modules: :mod:`.spec` (frozen objects), :mod:`.parse_toml` / :mod:`.parse_excel`
(files), :mod:`.validate` (names resolved against a table), :mod:`.apply` (shocks to
coefficients and final demand, solved by rank-k updates in :mod:`iocluster.core.woodbury`),
:mod:`.results` (the result type and its measures), :mod:`.impacts` (the point
estimates), :mod:`.prices`, :mod:`.montecarlo`, :mod:`.table` (a scenario's table) and
:mod:`.run` (the whole pipeline).
"""
