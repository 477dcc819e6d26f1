-- 0008_files.sql — uploaded files (attachments), one row per upload. The bytes
-- are stored once per content under <data_dir>/files/ab/cd/<sha256> (see
-- src/core/files.h), so several rows may share one sha256. filename is the
-- sanitised original name, for display and downloads only.
CREATE TABLE files (
  id         INTEGER PRIMARY KEY,
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  size       INTEGER NOT NULL CHECK (size > 0),
  mime       TEXT NOT NULL,
  filename   TEXT NOT NULL,
  created_at TEXT NOT NULL
);
