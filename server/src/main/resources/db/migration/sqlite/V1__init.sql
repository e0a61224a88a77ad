-- Parley schema, version 1 (SQLite). Keep in step with ../postgresql/V1__init.sql.
-- Timestamps are milliseconds since the Unix epoch. Booleans are 0/1.

CREATE TABLE users (
  id          TEXT    NOT NULL PRIMARY KEY,
  nick        TEXT    NOT NULL,
  avatar      TEXT,
  token_hash  TEXT    NOT NULL UNIQUE,
  created_ts  INTEGER NOT NULL
);

-- last_seq is the seq of the room's latest event, moved in the same transaction that
-- writes the events, so that start-up reads one row per room instead of scanning logs.
CREATE TABLE rooms (
  name        TEXT    NOT NULL PRIMARY KEY,
  topic       TEXT    NOT NULL DEFAULT '',
  created_by  TEXT,
  created_ts  INTEGER NOT NULL,
  last_seq    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE members (
  room        TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  read_seq    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room, user_id)
);

CREATE INDEX members_user ON members (user_id);

-- One row per log entry. The author's nick and avatar are copied in, so that a message keeps
-- the name its author had when it was sent.
CREATE TABLE events (
  room          TEXT    NOT NULL,
  seq           INTEGER NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('message', 'notice')),
  ts            INTEGER NOT NULL,
  user_id       TEXT    NOT NULL,
  nick          TEXT    NOT NULL,
  avatar        TEXT,
  client_id     TEXT,
  text          TEXT,
  image_url     TEXT,
  image_name    TEXT,
  image_width   INTEGER,
  image_height  INTEGER,
  notice        TEXT    CHECK (notice IN ('join', 'leave', 'create', 'topic')),
  edited        INTEGER,
  deleted       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room, seq)
);

-- A resent message (same author, same client id) is found here and not written again.
CREATE UNIQUE INDEX events_client_id ON events (user_id, client_id) WHERE client_id IS NOT NULL;

INSERT INTO rooms (name, topic, created_by, created_ts, last_seq) VALUES ('general', 'General chat', NULL, 0, 0);
