-- 0005_calendar.sql — declared changes to the working calendar (calendar.md):
-- extra days off (kind 'off': bridges, swapped days) and make-up working days
-- (kind 'work', often a Saturday), one row per date, each with the document
-- that declared it (Thông báo / Công điện number). Public holidays are not
-- stored: they are generated (src/core/holidays.c). date is 'YYYY-MM-DD';
-- created_at an ISO instant. A change bumps the setting 'calendar.version'.
CREATE TABLE calendar_overrides (
  id         INTEGER PRIMARY KEY,
  date       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('off','work')),
  name       TEXT NOT NULL,
  document   TEXT,
  created_at TEXT NOT NULL
);
