-- Parley schema, version 4 (PostgreSQL): retention. Keep in step with ../sqlite/V4__retention.sql.

-- A room's own retention policy, set by its creator; both NULL: the room follows the server's
-- policy (--retention-days / --retention-count). One NULL of two: no limit of that kind.
ALTER TABLE rooms ADD COLUMN retention_days INTEGER;
ALTER TABLE rooms ADD COLUMN retention_count INTEGER;
-- Set when the room's creator has chosen a policy (even "keep everything"), so it beats the server's.
ALTER TABLE rooms ADD COLUMN retention_own BOOLEAN NOT NULL DEFAULT false;

-- The uploads sweep asks whether any remaining message still points at a file.
CREATE INDEX events_image ON events (image_url) WHERE image_url IS NOT NULL;
