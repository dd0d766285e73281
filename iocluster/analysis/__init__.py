"""Analyses of one table: pure functions returning labelled frames.

- :mod:`.multipliers`: output, value-added, income and employment multipliers
  (simple / total, Type I / Type II);
- :mod:`.linkages`: backward and forward linkages, key sectors;
- :mod:`.extraction`: hypothetical extraction of sectors, clusters or linkages;
- :mod:`.influence`: fields of influence;
- :mod:`.validate`: the table's identities and plausibility checks;
- :mod:`.describe`: a table described in a few lines.
"""
