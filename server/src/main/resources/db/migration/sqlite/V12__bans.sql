-- Parley schema, version 12 (sqlite): server-wide bans (dev.parley.store.sql.BanRows).
-- Keep in step with ../postgresql/V12__bans.sql.

-- One row per banned user; lifting the ban deletes it. reason may be NULL; banned_by is the
-- banning admin's user id, or 'cli' for `parley user ban`; ts in ms.
CREATE TABLE bans (
  user_id    TEXT    NOT NULL PRIMARY KEY,
  reason     TEXT,
  banned_by  TEXT    NOT NULL,
  ts         INTEGER  NOT NULL
);
