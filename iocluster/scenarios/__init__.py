"""Cluster-integration scenarios: the scenario language, shocks and impacts (DESIGN.md §4).

Modules: :mod:`.spec` (frozen objects), :mod:`.parse_toml` / :mod:`.parse_excel`
(files), :mod:`.validate` (names resolved against a table), :mod:`.apply` (shocks to
coefficients and final demand), :mod:`iocluster.core.woodbury` (rank-k solves), :mod:`.results`,
:mod:`.prices`, :mod:`.montecarlo` and :mod:`.run` (the whole pipeline).
"""
