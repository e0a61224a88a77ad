-- Parley schema, version 21 (PostgreSQL): files of any type, and voice messages. Keep in step
-- with ../sqlite/V21__files.sql, which explains each column.
ALTER TABLE events ADD COLUMN file_size BIGINT;
ALTER TABLE events ADD COLUMN file_type TEXT;
ALTER TABLE events ADD COLUMN file_duration INTEGER;

ALTER TABLE upload_links ADD COLUMN file_name TEXT;
