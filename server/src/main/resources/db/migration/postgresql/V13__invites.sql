-- Parley schema, version 13 (postgresql): invites that admit new users under --registration invite
-- (dev.parley.store.sql.InviteRows). Keep in step with ../sqlite/V13__invites.sql.

-- A code is stored only as its hash. created_by: the user id of the admin who made it, or 'cli'
-- (parley invite create). A use is one UPDATE ... WHERE uses_left > 0, so that two nodes given a
-- one-use code at once admit exactly one person. used_ts: the last use (ms), NULL before any.
CREATE TABLE invites (
  code_hash   TEXT    NOT NULL PRIMARY KEY,
  created_by  TEXT    NOT NULL,
  created     BIGINT  NOT NULL,
  expires     BIGINT  NOT NULL,
  max_uses    INTEGER NOT NULL,
  uses_left   INTEGER NOT NULL,
  used_ts     BIGINT
);
CREATE INDEX invites_expires ON invites (expires);
