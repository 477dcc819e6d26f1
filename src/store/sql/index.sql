-- index.sql — named queries of the Decision-766 index (see src/store/db.h and
-- migrations/0007_index.sql). Counters are read by ranges of the bucket key and
-- summed per unit by the core (src/core/index_read.c).

-- name: dossier_get
SELECT unit_id, proc_id, channel, received_at, due_at, eff_due, ended_at, end_status,
       on_time, supplements, handling_seconds, flags, rating
FROM idx_dossier WHERE dossier_id = $1;

-- name: dossier_put
INSERT INTO idx_dossier (dossier_id, unit_id, proc_id, channel, received_at, due_at, eff_due,
                         ended_at, end_status, on_time, supplements, handling_seconds, flags, rating)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (dossier_id) DO UPDATE SET
  unit_id = excluded.unit_id, proc_id = excluded.proc_id, channel = excluded.channel,
  received_at = excluded.received_at, due_at = excluded.due_at, eff_due = excluded.eff_due,
  ended_at = excluded.ended_at, end_status = excluded.end_status, on_time = excluded.on_time,
  supplements = excluded.supplements, handling_seconds = excluded.handling_seconds,
  flags = excluded.flags, rating = excluded.rating;

-- name: dossier_delete
DELETE FROM idx_dossier WHERE dossier_id = $1;

-- name: bucket_add
INSERT INTO idx_bucket (proc_id, gran, day, unit_id, rcv, rcv_online, rcv_synced, rcv_fee,
  rcv_paid, rcv_reused, rcv_store, rcv_vneid, w_start, end_n, end_ontime, end_secs, end_res,
  end_eres, end_done, end_dig, end_bad, w_end)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
        $20, $21, $22)
ON CONFLICT (proc_id, gran, day, unit_id) DO UPDATE SET
  rcv = idx_bucket.rcv + excluded.rcv,
  rcv_online = idx_bucket.rcv_online + excluded.rcv_online,
  rcv_synced = idx_bucket.rcv_synced + excluded.rcv_synced,
  rcv_fee = idx_bucket.rcv_fee + excluded.rcv_fee,
  rcv_paid = idx_bucket.rcv_paid + excluded.rcv_paid,
  rcv_reused = idx_bucket.rcv_reused + excluded.rcv_reused,
  rcv_store = idx_bucket.rcv_store + excluded.rcv_store,
  rcv_vneid = idx_bucket.rcv_vneid + excluded.rcv_vneid,
  w_start = idx_bucket.w_start + excluded.w_start,
  end_n = idx_bucket.end_n + excluded.end_n,
  end_ontime = idx_bucket.end_ontime + excluded.end_ontime,
  end_secs = idx_bucket.end_secs + excluded.end_secs,
  end_res = idx_bucket.end_res + excluded.end_res,
  end_eres = idx_bucket.end_eres + excluded.end_eres,
  end_done = idx_bucket.end_done + excluded.end_done,
  end_dig = idx_bucket.end_dig + excluded.end_dig,
  end_bad = idx_bucket.end_bad + excluded.end_bad,
  w_end = idx_bucket.w_end + excluded.w_end;

-- One change of a dossier's contribution, to every bucket it lands in, in one
-- statement: procedure $1's and every procedure's (0) buckets of the day $2,
-- of its month $3 and of all time, for unit $4; $5…$22 the changes (the six
-- keys differ, so no row is hit twice). Granularities: 1 day, 2 month, 3 all
-- (MC_IG_* of index_int.h).
-- name: bucket_add6
INSERT INTO idx_bucket (proc_id, gran, day, unit_id, rcv, rcv_online, rcv_synced, rcv_fee,
  rcv_paid, rcv_reused, rcv_store, rcv_vneid, w_start, end_n, end_ontime, end_secs, end_res,
  end_eres, end_done, end_dig, end_bad, w_end)
VALUES
  ($1, 1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  ($1, 2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  ($1, 3, 0, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  (0, 1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  (0, 2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22),
  (0, 3, 0, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
ON CONFLICT (proc_id, gran, day, unit_id) DO UPDATE SET
  rcv = idx_bucket.rcv + excluded.rcv,
  rcv_online = idx_bucket.rcv_online + excluded.rcv_online,
  rcv_synced = idx_bucket.rcv_synced + excluded.rcv_synced,
  rcv_fee = idx_bucket.rcv_fee + excluded.rcv_fee,
  rcv_paid = idx_bucket.rcv_paid + excluded.rcv_paid,
  rcv_reused = idx_bucket.rcv_reused + excluded.rcv_reused,
  rcv_store = idx_bucket.rcv_store + excluded.rcv_store,
  rcv_vneid = idx_bucket.rcv_vneid + excluded.rcv_vneid,
  w_start = idx_bucket.w_start + excluded.w_start,
  end_n = idx_bucket.end_n + excluded.end_n,
  end_ontime = idx_bucket.end_ontime + excluded.end_ontime,
  end_secs = idx_bucket.end_secs + excluded.end_secs,
  end_res = idx_bucket.end_res + excluded.end_res,
  end_eres = idx_bucket.end_eres + excluded.end_eres,
  end_done = idx_bucket.end_done + excluded.end_done,
  end_dig = idx_bucket.end_dig + excluded.end_dig,
  end_bad = idx_bucket.end_bad + excluded.end_bad,
  w_end = idx_bucket.w_end + excluded.w_end;


-- A procedure's activity counters in its buckets of a day ($2) and of that
-- day's month ($3), for unit $4, after bucket_add6 (gran 1 day, 2 month).
-- name: bucket_activity
SELECT gran, rcv_online, rcv_paid, rcv_vneid FROM idx_bucket
WHERE proc_id = $1 AND unit_id = $4 AND ((gran = 1 AND day = $2) OR (gran = 2 AND day = $3));

-- name: bucket_range
SELECT unit_id, rcv, rcv_online, rcv_synced, rcv_fee, rcv_paid, rcv_reused, rcv_store, rcv_vneid,
       w_start, end_n, end_ontime, end_secs, end_res, end_eres, end_done, end_dig, end_bad, w_end
FROM idx_bucket WHERE proc_id = $1 AND gran = $2 AND day >= $3 AND day < $4;

-- One unit's rows of the range (idx_bucket_unit, migration 0012).
-- name: bucket_range_unit
SELECT unit_id, rcv, rcv_online, rcv_synced, rcv_fee, rcv_paid, rcv_reused, rcv_store, rcv_vneid,
       w_start, end_n, end_ontime, end_secs, end_res, end_eres, end_done, end_dig, end_bad, w_end
FROM idx_bucket WHERE proc_id = $1 AND gran = $2 AND day >= $3 AND day < $4 AND unit_id = $5;

-- name: open_due_between
SELECT unit_id, proc_id FROM idx_dossier
WHERE ended_at = 0 AND eff_due > $1 AND eff_due <= $2 AND supplements < 2
  AND eff_due - 1 > received_at;

-- name: units
SELECT id, code, name, kind, parent_id, valid_from, valid_to FROM units ORDER BY id;

-- name: unit_successors
SELECT unit_id, successor_id FROM unit_successors ORDER BY unit_id, successor_id;

-- name: catalogue
SELECT p.id, p.code, p.name, p.unit_kinds, p.online_level, p.citizen_kind, p.decided_on,
       p.effective_on, p.published_on, p.payment_integrated, p.result_type, p.time_amount,
       p.time_unit, p.field_code, f.name_fold,
       CASE WHEN p.eform_json IS NULL THEN 0 ELSE 1 END,
       CASE WHEN p.workflow_json IS NULL THEN 0 ELSE 1 END,
       (SELECT COUNT(*) FROM procedure_components c WHERE c.procedure_id = p.id),
       (SELECT COALESCE(SUM(x.amount), 0) FROM procedure_fees x WHERE x.procedure_id = p.id),
       p.active
FROM procedures p LEFT JOIN procedure_fields f ON f.code = p.field_code
ORDER BY p.id;

-- What changes when the catalogue changes (the cache key of the index's copy).
-- name: catalogue_version
SELECT COUNT(*), MAX(updated_at), COALESCE(SUM(id), 0),
       (SELECT COUNT(*) FROM procedure_fees), (SELECT COUNT(*) FROM procedure_components)
FROM procedures;

-- Activity bit sets of one unit over a range of days (or months).
-- name: active_range
SELECT online_bits, paid_bits, vneid_bits FROM idx_active
WHERE unit_id = $1 AND gran = $2 AND day >= $3 AND day < $4;

-- name: active_get
SELECT online_bits, paid_bits, vneid_bits FROM idx_active WHERE unit_id = $1 AND gran = $2 AND day = $3;

-- name: active_put
INSERT INTO idx_active (unit_id, gran, day, online_bits, paid_bits, vneid_bits)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (unit_id, gran, day) DO UPDATE SET
  online_bits = excluded.online_bits, paid_bits = excluded.paid_bits, vneid_bits = excluded.vneid_bits;

-- name: procedure_id
SELECT id FROM procedures WHERE code = $1;

-- Drill-down: the counted facts of a unit's dossiers, with the dossier code.
-- name: drill_received
SELECT f.dossier_id, f.unit_id, f.proc_id, f.channel, f.received_at, f.due_at, f.eff_due, f.ended_at,
       f.end_status, f.on_time, f.supplements, f.handling_seconds, f.flags, f.rating, d.code
FROM idx_dossier f LEFT JOIN dossiers d ON d.id = f.dossier_id
WHERE f.unit_id = $1 AND f.received_at >= $2 AND f.received_at < $3
ORDER BY f.received_at, f.dossier_id;

-- name: drill_ended
SELECT f.dossier_id, f.unit_id, f.proc_id, f.channel, f.received_at, f.due_at, f.eff_due, f.ended_at,
       f.end_status, f.on_time, f.supplements, f.handling_seconds, f.flags, f.rating, d.code
FROM idx_dossier f LEFT JOIN dossiers d ON d.id = f.dossier_id
WHERE f.unit_id = $1 AND f.ended_at >= $2 AND f.ended_at < $3
ORDER BY f.ended_at, f.dossier_id;

-- name: drill_open
SELECT f.dossier_id, f.unit_id, f.proc_id, f.channel, f.received_at, f.due_at, f.eff_due, f.ended_at,
       f.end_status, f.on_time, f.supplements, f.handling_seconds, f.flags, f.rating, d.code
FROM idx_dossier f LEFT JOIN dossiers d ON d.id = f.dossier_id
WHERE f.unit_id = $1 AND f.ended_at = 0 AND f.received_at < $2
ORDER BY f.eff_due, f.dossier_id;

-- Open dossiers of a unit due in ($2, $3], soonest first (IOC alerts).
-- name: open_due_unit
SELECT f.dossier_id, f.proc_id, f.received_at, f.due_at, f.eff_due, f.supplements, d.code
FROM idx_dossier f LEFT JOIN dossiers d ON d.id = f.dossier_id
WHERE f.unit_id = $1 AND f.ended_at = 0 AND f.eff_due > $2 AND f.eff_due <= $3
ORDER BY f.eff_due, f.dossier_id
LIMIT $4;

-- ---- Verification and repair (src/core/index_verify.c) ----------------------

-- Before the first read of a verification or repair, in its transaction.
-- SQLite: the write transaction already sees one state; PostgreSQL (pg/index.sql):
-- one snapshot for every batch.
-- name: verify_snapshot
SELECT 1;

-- Before a repair empties the index: writers of dossiers wait until it commits.
-- SQLite: the write transaction already excludes them; PostgreSQL: pg/index.sql.
-- name: repair_lock
SELECT 1;

-- Dossiers in id order, a batch after id $1, each with its idx_dossier row
-- (NULLs when none): the view's columns (src/core/dossier_int.h), then the facts.
-- The bound on f too lets PostgreSQL start its scan of idx_dossier at the batch.
-- name: verify_dossiers
SELECT v.*, f.dossier_id, f.unit_id, f.proc_id, f.channel, f.received_at, f.due_at, f.eff_due,
       f.ended_at, f.end_status, f.on_time, f.supplements, f.handling_seconds, f.flags, f.rating
FROM dossier_rows v LEFT JOIN idx_dossier f ON f.dossier_id = v.id AND f.dossier_id > $1
WHERE v.id > $1
ORDER BY v.id
LIMIT $2;

-- name: verify_facts_count
SELECT COUNT(*) FROM idx_dossier;

-- idx_dossier rows whose dossier is not among the dossiers, a batch after id $1.
-- name: verify_orphans
SELECT f.dossier_id FROM idx_dossier f
WHERE f.dossier_id > $1 AND NOT EXISTS (SELECT 1 FROM dossier_rows v WHERE v.id = f.dossier_id)
ORDER BY f.dossier_id
LIMIT $2;

-- Buckets in key order after ($1, $2, $3, $4), procedures below $5.
-- name: verify_buckets
SELECT proc_id, gran, day, unit_id, rcv, rcv_online, rcv_synced, rcv_fee, rcv_paid, rcv_reused,
       rcv_store, rcv_vneid, w_start, end_n, end_ontime, end_secs, end_res, end_eres, end_done,
       end_dig, end_bad, w_end
FROM idx_bucket
WHERE (proc_id, gran, day, unit_id) > ($1, $2, $3, $4) AND proc_id < $5
ORDER BY proc_id, gran, day, unit_id
LIMIT $6;

-- Activity bit sets in key order after ($1, $2, $3).
-- name: verify_active
SELECT unit_id, gran, day, online_bits, paid_bits, vneid_bits
FROM idx_active
WHERE (unit_id, gran, day) > ($1, $2, $3)
ORDER BY unit_id, gran, day
LIMIT $4;

-- name: verify_unit_code
SELECT code FROM units WHERE id = $1;

-- name: verify_procedure_code
SELECT code FROM procedures WHERE id = $1;

-- name: repair_clear_dossiers
DELETE FROM idx_dossier;

-- name: repair_clear_buckets
DELETE FROM idx_bucket;

-- name: repair_clear_active
DELETE FROM idx_active;
