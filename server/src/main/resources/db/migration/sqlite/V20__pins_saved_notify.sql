-- Parley schema, version 20 (sqlite): pins, saved messages, per-room notification levels
-- (dev.parley.store.sql.BookmarkRows). Keep in step with ../postgresql/V20__pins_saved_notify.sql.

-- A room's pinned messages: who pinned each and when. At most Pins.MAX per room (the writer counts
-- them in the transaction that adds one).
CREATE TABLE pins (
  room      TEXT    NOT NULL,
  seq       INTEGER  NOT NULL,
  by_id     TEXT    NOT NULL,
  ts        INTEGER  NOT NULL,
  PRIMARY KEY (room, seq)
);

-- A person's saved messages (bookmarks of their own), newest first. At most SavedMessages.MAX per
-- user.
CREATE TABLE saved (
  user_id   TEXT    NOT NULL,
  room      TEXT    NOT NULL,
  seq       INTEGER  NOT NULL,
  ts        INTEGER  NOT NULL,
  PRIMARY KEY (user_id, room, seq)
);
CREATE INDEX saved_user_ts ON saved (user_id, ts);

-- A pin notice (events.moderation = 'pin') names the message pinned or unpinned.
ALTER TABLE events ADD COLUMN target_seq INTEGER;
ALTER TABLE events ADD COLUMN pin_on INTEGER;

-- What a member chose to be notified of in the room: 'all', 'mentions' or 'none'; NULL until they
-- choose (clients then keep their default). Leaving the room deletes the row and so the level.
ALTER TABLE members ADD COLUMN notify TEXT;
