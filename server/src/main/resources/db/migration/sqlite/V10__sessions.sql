-- Parley schema, version 10 (SQLite): sessions (every token a welcome gives is one) and the
-- one-use codes that sign another device in (dev.parley.store.sql.SessionRows).
-- Keep in step with ../postgresql/V10__sessions.sql.

-- Only a hash of each token is stored. last_seen: when its last connection closed (ms).
-- agent: the User-Agent of the connection that made it, truncated.
CREATE TABLE sessions (
  id          TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  token_hash  TEXT    NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  agent       TEXT,
  revoked     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every user's token so far becomes one session of theirs, so it keeps working; its id is
-- random, not derived from the token. (users.token_hash stays: the token a user was made with.)
INSERT INTO sessions (id, user_id, token_hash, created, last_seen, agent, revoked)
  SELECT 's' || lower(hex(randomblob(8))), id, token_hash, created_ts,
         max(created_ts, last_seen), NULL, 0
  FROM users;

-- A code by its hash, its user, when it stops working, and when it was used (NULL: not yet).
CREATE TABLE link_codes (
  code_hash   TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  created     INTEGER NOT NULL,
  expires     INTEGER NOT NULL,
  used_ts     INTEGER
);
CREATE INDEX link_codes_user ON link_codes (user_id);
