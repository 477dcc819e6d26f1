-- index.sql (SQLite) — where SQLite's planner needs telling (see ../index.sql).

-- One unit's rows of the range, through the unit-led key (without statistics
-- the planner would walk the primary key's day range over every unit).
-- name: bucket_range_unit
SELECT unit_id, rcv, rcv_online, rcv_synced, rcv_fee, rcv_paid, rcv_reused, rcv_store, rcv_vneid,
       w_start, end_n, end_ontime, end_secs, end_res, end_eres, end_done, end_dig, end_bad, w_end
FROM idx_bucket INDEXED BY idx_bucket_unit
WHERE proc_id = $1 AND gran = $2 AND day >= $3 AND day < $4 AND unit_id = $5;
