-- Parley schema, version 21 (SQLite): files of any type, and voice messages. Keep in step with
-- ../postgresql/V21__files.sql.

-- A message's upload stays in image_url and image_name, an image or a file alike, so that who
-- may fetch it (upload_rooms, filled by the triggers of version 8), the uploads sweep and
-- retention follow files exactly as they follow images. file_type is set for a file (the media
-- type the server serves it with) and null for an image; file_size is its size in bytes and
-- file_duration a voice message's length in seconds.
ALTER TABLE events ADD COLUMN file_size INTEGER;
ALTER TABLE events ADD COLUMN file_type TEXT;
ALTER TABLE events ADD COLUMN file_duration INTEGER;

-- The name its uploader gave a file (null for an image): GET /uploads/{file} offers it as the
-- name to save the file under (Content-Disposition: attachment).
ALTER TABLE upload_links ADD COLUMN file_name TEXT;
