"""Regional work: regional tables from a national one by location quotients
(:mod:`.regionalize`), regional data aligned to a table (:mod:`.data`) and the
identification of clusters from linkages (:mod:`.clustering`)."""
