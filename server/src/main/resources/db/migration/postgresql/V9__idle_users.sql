-- Parley schema, version 9 (PostgreSQL): what tells users who never sent anything and are gone
-- from the others (dev.parley.store.sql.UserRows), so that they can be removed after a day.
-- Keep in step with ../sqlite/V9__idle_users.sql.

-- When the user's last connection closed (ms); 0: not since this version (see below).
ALTER TABLE users ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;
-- Set the first time the user sends a message, reacts or creates a room; never cleared.
ALTER TABLE users ADD COLUMN spoke BOOLEAN NOT NULL DEFAULT false;

UPDATE users SET spoke = true WHERE id IN (
  SELECT user_id FROM events WHERE kind = 'message'
  UNION SELECT user_id FROM reactions
  UNION SELECT created_by FROM rooms WHERE created_by IS NOT NULL);
-- Nobody knows when those here before were last seen: their day starts now.
UPDATE users SET last_seen = (extract(epoch FROM now()) * 1000)::bigint;

-- The removal's question, "silent users gone longest", without reading the users who spoke.
CREATE INDEX users_silent ON users (last_seen) WHERE NOT spoke;
