"""The Leontief and Ghosh models on a table.

- :mod:`.leontief`: ``L``, ``G`` and their row and column sums, output for a demand;
- :mod:`.closure`: households made endogenous (Type II), the closed model;
- :mod:`.sectors`: which sectors are services, which satellite row holds employment;
- :mod:`.groups`: named groups of sectors (clusters) resolved to positions.
"""
