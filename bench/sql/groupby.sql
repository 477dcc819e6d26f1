-- groupby.sql — the reference for the index benchmark (bench/index_bench.c): the
-- figures the 766 counters give, computed by plain SQL GROUP BY over the dossiers
-- table with the best covering indexes. Same text on SQLite and PostgreSQL.
-- $1, $2 = the period [from, to) as instants; $3 = the evaluation instant; $4 = a unit id.

-- name: index_received
CREATE INDEX IF NOT EXISTS bench_rcv ON dossiers (received_at, handling_unit_id, channel, synced,
  has_fee, paid_online, reused, store_linked, vneid);

-- name: index_ended
CREATE INDEX IF NOT EXISTS bench_end ON dossiers (ended_at, handling_unit_id, received_at, on_time,
  handling_seconds, end_status, has_result, e_result, digitised, complaint, rating, supplements, due_at,
  paused_seconds, paused_since);

-- The dossiers still open: a partial index, small whatever the history.
-- name: index_open
CREATE INDEX IF NOT EXISTS bench_open ON dossiers (received_at, handling_unit_id, supplements, paused_since,
  due_at, paused_seconds) WHERE ended_at IS NULL;

-- name: index_unit_received
CREATE INDEX IF NOT EXISTS bench_unit_rcv ON dossiers (handling_unit_id, received_at, channel, synced,
  has_fee, paid_online, reused, store_linked, vneid);

-- name: index_unit_ended
CREATE INDEX IF NOT EXISTS bench_unit_end ON dossiers (handling_unit_id, ended_at, received_at, on_time,
  handling_seconds, end_status, has_result, e_result, digitised, complaint, rating, supplements, due_at,
  paused_seconds, paused_since);

-- name: index_unit_open
CREATE INDEX IF NOT EXISTS bench_unit_open ON dossiers (handling_unit_id, received_at, supplements, paused_since,
  due_at, paused_seconds) WHERE ended_at IS NULL;

-- Received in the period: 1.4, 3.3, 4.3, 5.4, 5.5, 5.7.
-- name: province_received
SELECT handling_unit_id, COUNT(*), SUM(CASE WHEN channel = 2 THEN 1 ELSE 0 END), SUM(synced), SUM(has_fee),
       SUM(CASE WHEN has_fee = 1 AND paid_online = 1 THEN 1 ELSE 0 END), SUM(reused), SUM(store_linked),
       SUM(vneid)
FROM dossiers WHERE received_at >= $1 AND received_at < $2
GROUP BY handling_unit_id;

-- Ended in the period: 2.1 (ended part), 2.2, 5.1, 5.2, 6.4.
-- name: province_ended
SELECT handling_unit_id, COUNT(*), SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END), SUM(handling_seconds),
       SUM(CASE WHEN end_status IN (9, 10) AND has_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) AND has_result = 1 AND e_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) AND digitised = 1 AND e_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN complaint = 1 OR rating IN (1, 2) THEN 1 ELSE 0 END)
FROM dossiers WHERE ended_at >= $1 AND ended_at < $2 AND received_at IS NOT NULL
GROUP BY handling_unit_id;

-- Open at the evaluation instant, and within their deadline: 2.1 (open part). Received
-- before T and not ended before it = still open (the partial index) + ended at or after T
-- (a range of the ended index), so neither part scans the history.
-- name: province_open
SELECT handling_unit_id, COUNT(*), SUM(within) FROM (
  SELECT handling_unit_id, CASE WHEN supplements < 2 AND (paused_since IS NOT NULL OR due_at + paused_seconds > $3)
                           THEN 1 ELSE 0 END AS within
  FROM dossiers WHERE ended_at IS NULL AND received_at < $3
  UNION ALL
  SELECT handling_unit_id, CASE WHEN supplements < 2 AND due_at + paused_seconds > $3 THEN 1 ELSE 0 END
  FROM dossiers WHERE ended_at >= $3 AND received_at < $3
) AS open_at GROUP BY handling_unit_id;

-- name: unit_received
SELECT handling_unit_id, COUNT(*), SUM(CASE WHEN channel = 2 THEN 1 ELSE 0 END), SUM(synced), SUM(has_fee),
       SUM(CASE WHEN has_fee = 1 AND paid_online = 1 THEN 1 ELSE 0 END), SUM(reused), SUM(store_linked),
       SUM(vneid)
FROM dossiers WHERE handling_unit_id = $4 AND received_at >= $1 AND received_at < $2
GROUP BY handling_unit_id;

-- name: unit_ended
SELECT handling_unit_id, COUNT(*), SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END), SUM(handling_seconds),
       SUM(CASE WHEN end_status IN (9, 10) AND has_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) AND has_result = 1 AND e_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) THEN 1 ELSE 0 END),
       SUM(CASE WHEN end_status IN (9, 10) AND digitised = 1 AND e_result = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN complaint = 1 OR rating IN (1, 2) THEN 1 ELSE 0 END)
FROM dossiers WHERE handling_unit_id = $4 AND ended_at >= $1 AND ended_at < $2 AND received_at IS NOT NULL
GROUP BY handling_unit_id;

-- name: unit_open
SELECT handling_unit_id, COUNT(*), SUM(within) FROM (
  SELECT handling_unit_id, CASE WHEN supplements < 2 AND (paused_since IS NOT NULL OR due_at + paused_seconds > $3)
                           THEN 1 ELSE 0 END AS within
  FROM dossiers WHERE handling_unit_id = $4 AND ended_at IS NULL AND received_at < $3
  UNION ALL
  SELECT handling_unit_id, CASE WHEN supplements < 2 AND due_at + paused_seconds > $3 THEN 1 ELSE 0 END
  FROM dossiers WHERE handling_unit_id = $4 AND ended_at >= $3 AND received_at < $3
) AS open_at GROUP BY handling_unit_id;
