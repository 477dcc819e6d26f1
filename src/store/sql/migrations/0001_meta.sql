-- 0001_meta.sql — settings (key/value) and the province this database serves.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
