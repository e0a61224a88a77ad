-- Parley schema, version 18 (SQLite): private rooms and invites to a room.
-- Keep in step with ../postgresql/V18__private_rooms.sql.

-- A private room is in nobody's directory and, to anyone not in it, does not exist
-- (dev.parley.domain.RoomState.isPrivate). Direct conversations are private by their name.
ALTER TABLE rooms ADD COLUMN is_private INTEGER NOT NULL DEFAULT 0;

-- An invite may bring its holder into a room (join {invite}); NULL: an invite to the server
-- only (--registration invite), as before.
ALTER TABLE invites ADD COLUMN room TEXT;
CREATE INDEX invites_room ON invites (room) WHERE room IS NOT NULL;
