-- Parley schema, version 22 (PostgreSQL): link previews (dev.parley.domain.LinkPreviews).
-- Keep in step with ../sqlite/V22__link_previews.sql.

-- What a message's first link leads to, attached by the server as a change (a rev). NULL: none.
-- preview_image: the path this server serves its image at (/uploads/previews/<name>), or NULL.
ALTER TABLE events ADD COLUMN preview_url TEXT;
ALTER TABLE events ADD COLUMN preview_title TEXT;
ALTER TABLE events ADD COLUMN preview_description TEXT;
ALTER TABLE events ADD COLUMN preview_image TEXT;

-- A preview's image, fetched by the server (at most 1 MiB, an image by its content), served with
-- the privacy of the room of the message (room, seq) that shows it. Removed with its preview, its
-- message, and by retention.
CREATE TABLE link_images (
  name   TEXT    PRIMARY KEY,
  room   TEXT    NOT NULL,
  seq    BIGINT  NOT NULL,
  type   TEXT    NOT NULL,
  bytes  BYTEA   NOT NULL
);
CREATE INDEX link_images_room ON link_images (room, seq);
