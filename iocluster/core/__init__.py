"""The kernel below the table: arrays and labels, no tables.

- :mod:`.engine`: the factorised Leontief system ``I − A`` (dense LU, sparse LU or GMRES)
  and its residual checks; :class:`~iocluster.table.IOTable` caches one per table;
- :mod:`.bordered`: a bordered system (households closed) solved against that
  factorisation;
- :mod:`.woodbury`: rank-k updates of ``I − A`` (shocks) by the Woodbury identity;
- :mod:`.domestic`: the domestic split of a total-use table (import shares ``μ``);
- :mod:`.labels`: label normalisation and matching (Cyrillic look-alikes, whitespace).
"""
