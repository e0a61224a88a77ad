-- Parley schema, version 24 (sqlite): per-thread read markers and the list of threads a person
-- takes part in (dev.parley.store.sql.ThreadRows). Keep in step with ../postgresql/V24__thread_reads.sql.

-- How far a person read a thread (the root's seq in its room): the seq of the last reply they
-- saw. Only moves forward; a row exists only for a message that has replies.
CREATE TABLE thread_reads (
  user_id   TEXT    NOT NULL,
  room      TEXT    NOT NULL,
  root      INTEGER  NOT NULL,
  seq       INTEGER  NOT NULL,
  PRIMARY KEY (user_id, room, root)
);

-- The roots of threads, newest reply first: what the list of a person's threads walks.
CREATE INDEX events_roots ON events (room, last_reply_ts) WHERE reply_count > 0;
