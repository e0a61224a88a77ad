-- Parley schema, version 8 (SQLite): each upload a URL of its own, who may see it, what each
-- user uploaded each day, and the uploads' own credentials. Keep in step with
-- ../postgresql/V8__upload_links.sql. Timestamps are milliseconds since the Unix epoch.

-- One row per upload. name is its URL's file name: 32 random bytes in base64url and the type's
-- extension, so that uploading the same bytes again tells nothing about who else has. blob
-- names the bytes, kept once under a keyed hash of their content (the name an upload had in
-- its URL before version 8; such a URL still works, as the upload of the bytes it names).
-- stored_ts is when it was uploaded, claimed_ts when a message last showed it: the uploads
-- sweep removes an upload no message shows once both are old enough.
CREATE TABLE upload_links (
  name        TEXT     NOT NULL PRIMARY KEY,
  blob        TEXT     NOT NULL,
  owner       TEXT     NOT NULL,
  size        INTEGER  NOT NULL,
  width       INTEGER  NOT NULL,
  height      INTEGER  NOT NULL,
  stored_ts   INTEGER  NOT NULL,
  claimed_ts  INTEGER  NOT NULL DEFAULT 0
);
CREATE INDEX upload_links_blob ON upload_links (blob);
CREATE INDEX upload_links_stored ON upload_links (stored_ts);

-- Every room whose messages ever showed an upload (url as the messages keep it). A row stays
-- when its message is deleted or purged: who may fetch an upload follows every message that
-- showed it, so a deleted direct message's image never becomes anyone's. Filled by the
-- database itself, in the transaction that writes the message.
CREATE TABLE upload_rooms (
  url   TEXT  NOT NULL,
  room  TEXT  NOT NULL,
  PRIMARY KEY (url, room)
);
INSERT OR IGNORE INTO upload_rooms (url, room)
  SELECT DISTINCT image_url, room FROM events WHERE image_url IS NOT NULL;
CREATE TRIGGER events_upload_rooms AFTER INSERT ON events WHEN NEW.image_url IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO upload_rooms (url, room) VALUES (NEW.image_url, NEW.room);
END;
CREATE TRIGGER events_upload_rooms_changed AFTER UPDATE OF image_url ON events WHEN NEW.image_url IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO upload_rooms (url, room) VALUES (NEW.image_url, NEW.room);
END;

-- Bytes each user sent to POST /api/uploads on each day (UTC, days since the epoch), stored or
-- not: the daily quota, the same on every node of a cluster and after a restart.
CREATE TABLE upload_quota (
  user_id  TEXT     NOT NULL,
  day      INTEGER  NOT NULL,
  bytes    INTEGER  NOT NULL,
  PRIMARY KEY (user_id, day)
);

-- The credentials an <img> presents for /uploads/ (a cookie of the uploads alone, HttpOnly):
-- only a hash of each is kept. A row goes when the web client signs out, when it expires, or
-- when its user has made too many since.
CREATE TABLE upload_credentials (
  hash        TEXT     NOT NULL PRIMARY KEY,
  user_id     TEXT     NOT NULL,
  created_ts  INTEGER  NOT NULL
);
CREATE INDEX upload_credentials_created ON upload_credentials (created_ts);
CREATE INDEX upload_credentials_user ON upload_credentials (user_id, created_ts);
