-- Parley schema, version 10 (PostgreSQL): sessions (every token a welcome gives is one) and
-- the one-use codes that sign another device in (dev.parley.store.sql.SessionRows).
-- Keep in step with ../sqlite/V10__sessions.sql.

-- Only a hash of each token is stored. last_seen: when its last connection closed (ms).
-- agent: the User-Agent of the connection that made it, truncated.
CREATE TABLE sessions (
  id          TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  token_hash  TEXT    NOT NULL UNIQUE,
  created     BIGINT  NOT NULL,
  last_seen   BIGINT  NOT NULL,
  agent       TEXT,
  revoked     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every user's token so far becomes one session of theirs, so it keeps working; its id is
-- random, not derived from the token. (users.token_hash stays: the token a user was made with.)
INSERT INTO sessions (id, user_id, token_hash, created, last_seen, agent, revoked)
  SELECT 's' || substr(md5(random()::text || clock_timestamp()::text || id), 1, 16), id,
         token_hash, created_ts, greatest(created_ts, last_seen), NULL, FALSE
  FROM users;

-- A code by its hash, its user, when it stops working, and when it was used (NULL: not yet).
CREATE TABLE link_codes (
  code_hash   TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  created     BIGINT  NOT NULL,
  expires     BIGINT  NOT NULL,
  used_ts     BIGINT
);
CREATE INDEX link_codes_user ON link_codes (user_id);
