-- 0012_index_by_unit.sql — the 766 counters of one unit without walking every
-- unit's: a second key on idx_bucket led by the unit (index_read.c reads a
-- small scope's units one by one through it). Counter updates never change
-- these columns, so recording an event touches this index only when a
-- bucket is first created.
CREATE INDEX idx_bucket_unit ON idx_bucket(unit_id, proc_id, gran, day);
