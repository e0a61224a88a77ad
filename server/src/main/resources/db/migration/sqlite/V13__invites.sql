-- Parley schema, version 13 (sqlite): invites that admit new users under --registration invite
-- (dev.parley.store.sql.InviteRows). Keep in step with ../postgresql/V13__invites.sql.

-- A code is stored only as its hash. created_by: the user id of the admin who made it, or 'cli'
-- (parley invite create). A use is one UPDATE ... WHERE uses_left > 0, so that two nodes given a
-- one-use code at once admit exactly one person. used_ts: the last use (ms), NULL before any.
CREATE TABLE invites (
  code_hash   TEXT    NOT NULL PRIMARY KEY,
  created_by  TEXT    NOT NULL,
  created     INTEGER  NOT NULL,
  expires     INTEGER  NOT NULL,
  max_uses    INTEGER NOT NULL,
  uses_left   INTEGER NOT NULL,
  used_ts     INTEGER
);
CREATE INDEX invites_expires ON invites (expires);
