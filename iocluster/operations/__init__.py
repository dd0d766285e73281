"""Operations that make a new table from tables: aggregation and disaggregation
(:mod:`.aggregate`), RAS and GRAS balancing (:mod:`.ras`) and supply-use to symmetric
tables (:mod:`.sut`)."""
