-- Parley schema, version 8 (PostgreSQL): each upload a URL of its own, who may see it, what each
-- user uploaded each day, and the uploads' own credentials. Keep in step with
-- ../sqlite/V8__upload_links.sql, which explains each table. Timestamps are milliseconds since
-- the Unix epoch.

-- blob is the name of the bytes' row in uploads (version 6), kept once for every upload of them.
CREATE TABLE upload_links (
  name        TEXT     NOT NULL PRIMARY KEY,
  blob        TEXT     NOT NULL,
  owner       TEXT     NOT NULL,
  size        BIGINT   NOT NULL,
  width       INTEGER  NOT NULL,
  height      INTEGER  NOT NULL,
  stored_ts   BIGINT   NOT NULL,
  claimed_ts  BIGINT   NOT NULL DEFAULT 0
);
CREATE INDEX upload_links_blob ON upload_links (blob);
CREATE INDEX upload_links_stored ON upload_links (stored_ts);

CREATE TABLE upload_rooms (
  url   TEXT  NOT NULL,
  room  TEXT  NOT NULL,
  PRIMARY KEY (url, room)
);
INSERT INTO upload_rooms (url, room)
  SELECT DISTINCT image_url, room FROM events WHERE image_url IS NOT NULL
  ON CONFLICT DO NOTHING;
CREATE FUNCTION events_upload_rooms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO upload_rooms (url, room) VALUES (NEW.image_url, NEW.room) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER events_upload_rooms AFTER INSERT OR UPDATE OF image_url ON events
  FOR EACH ROW WHEN (NEW.image_url IS NOT NULL) EXECUTE FUNCTION events_upload_rooms();

CREATE TABLE upload_quota (
  user_id  TEXT    NOT NULL,
  day      BIGINT  NOT NULL,
  bytes    BIGINT  NOT NULL,
  PRIMARY KEY (user_id, day)
);

CREATE TABLE upload_credentials (
  hash        TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  created_ts  BIGINT  NOT NULL
);
CREATE INDEX upload_credentials_created ON upload_credentials (created_ts);
CREATE INDEX upload_credentials_user ON upload_credentials (user_id, created_ts);
