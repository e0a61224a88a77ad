-- Parley schema, version 6 (PostgreSQL): uploads kept in the database, so that every node of a
-- cluster serves what any node took in. Keep in step with ../sqlite/V6__uploads.sql.

-- One row per stored upload, named as its URL: base64url(HMAC-SHA256(key, sha256)) + extension.
-- stored_ts moves when the same bytes are uploaded again, claimed_ts when a message vouches for
-- it; the uploads sweep removes only what is older than its grace period on both.
CREATE TABLE uploads (
  name        TEXT     NOT NULL PRIMARY KEY,
  size        BIGINT   NOT NULL,
  width       INTEGER  NOT NULL,
  height      INTEGER  NOT NULL,
  stored_ts   BIGINT   NOT NULL,
  claimed_ts  BIGINT   NOT NULL DEFAULT 0
);

-- The bytes, in pieces of at most 128 KiB in order of n, so that a node streams an upload a
-- piece at a time instead of holding it whole. Images are compressed already: not compressed again.
CREATE TABLE upload_chunks (
  name   TEXT     NOT NULL REFERENCES uploads (name) ON DELETE CASCADE,
  n      INTEGER  NOT NULL,
  bytes  BYTEA    NOT NULL,
  PRIMARY KEY (name, n)
);
ALTER TABLE upload_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- The key that names uploads, the same for every node: the first node to start makes it.
CREATE TABLE upload_key (
  one  BOOLEAN  NOT NULL PRIMARY KEY DEFAULT true CHECK (one),
  key  BYTEA    NOT NULL
);
