-- Parley schema, version 17 (postgresql): room roles and moderation (dev.parley.store.sql.ModerationRows).
-- Keep in step with ../sqlite/V17__moderation.sql.

-- A member's role in the room: 'owner' (the creator), 'moderator' or 'member'. Leaving or being
-- removed deletes the row and so the role.
ALTER TABLE members ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
UPDATE members SET role = 'owner'
  WHERE user_id = (SELECT r.created_by FROM rooms r WHERE r.name = members.room);

-- Only moderators (and the owner) post in a read-only room.
ALTER TABLE rooms ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT false;

-- A room ban or mute: until_ts NULL lasts until lifted. by_id: the acting moderator's user id.
CREATE TABLE room_sanctions (
  room      TEXT    NOT NULL,
  user_id   TEXT    NOT NULL,
  kind      TEXT    NOT NULL CHECK (kind IN ('ban', 'mute')),
  reason    TEXT,
  by_id     TEXT    NOT NULL,
  ts        BIGINT  NOT NULL,
  until_ts  BIGINT,
  PRIMARY KEY (room, user_id, kind)
);

-- Every moderation action, settings change and role change, newest read first.
CREATE TABLE room_audit (
  id          BIGSERIAL PRIMARY KEY,
  ts          BIGINT  NOT NULL,
  actor_id    TEXT    NOT NULL,
  actor_nick  TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  room        TEXT,
  user_id     TEXT,
  user_nick   TEXT,
  reason      TEXT,
  detail      TEXT
);
CREATE INDEX room_audit_ts ON room_audit (ts, id);
CREATE INDEX room_audit_room ON room_audit (room, ts, id);

-- The notices moderation writes into a room's log. V1's CHECK on events.notice lists the first
-- four kinds, and SQLite cannot change a CHECK without rebuilding the table, so these notices
-- leave notice NULL and name their kind in moderation; by_*: who acted; the rest as it applies.
-- deleted_by_*: who deleted a message when it was not its author (a moderator).
ALTER TABLE events ADD COLUMN moderation TEXT;
ALTER TABLE events ADD COLUMN by_id TEXT;
ALTER TABLE events ADD COLUMN by_nick TEXT;
ALTER TABLE events ADD COLUMN reason TEXT;
ALTER TABLE events ADD COLUMN until_ts BIGINT;
ALTER TABLE events ADD COLUMN role TEXT;
ALTER TABLE events ADD COLUMN topic TEXT;
ALTER TABLE events ADD COLUMN read_only BOOLEAN;
ALTER TABLE events ADD COLUMN deleted_by_id TEXT;
ALTER TABLE events ADD COLUMN deleted_by_nick TEXT;
