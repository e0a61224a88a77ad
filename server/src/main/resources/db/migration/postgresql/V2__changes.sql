-- Parley schema, version 2 (PostgreSQL): edits, deletions and reactions. Keep in step with
-- ../sqlite/V2__changes.sql.

-- rev: the room's change counter at the message's latest edit, deletion or reaction change
-- (0: never changed). A reconnecting client asks for everything with a rev above the last it saw.
ALTER TABLE events ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN last_rev BIGINT NOT NULL DEFAULT 0;
CREATE INDEX events_rev ON events (room, rev) WHERE rev > 0;

-- One row per (message, emoji, user). rev orders them: emoji in the order first used, users in
-- the order they reacted.
CREATE TABLE reactions (
  room     TEXT    NOT NULL,
  seq      BIGINT NOT NULL,
  emoji    TEXT    NOT NULL,
  user_id  TEXT    NOT NULL,
  rev      BIGINT NOT NULL,
  PRIMARY KEY (room, seq, emoji, user_id)
);
