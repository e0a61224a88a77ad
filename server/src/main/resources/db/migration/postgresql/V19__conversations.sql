-- Parley schema, version 19 (postgresql): replies and threads (dev.parley.store.sql.ConversationRows).
-- Keep in step with ../sqlite/V19__conversations.sql.

-- A reply quotes its parent: its seq, and its author and the start of its text as they were
-- when the reply was written (reply_excerpt becomes '' once the parent is deleted).
ALTER TABLE events ADD COLUMN reply_seq BIGINT;
ALTER TABLE events ADD COLUMN reply_id TEXT;
ALTER TABLE events ADD COLUMN reply_nick TEXT;
ALTER TABLE events ADD COLUMN reply_excerpt TEXT;
CREATE INDEX events_reply ON events (room, reply_seq) WHERE reply_seq IS NOT NULL;

-- A thread's reply names its root (thread_seq); also_in_room: shown in the main flow too.
-- A root counts its replies: how many, the last one's ts, and up to five repliers' ids,
-- separated by spaces, newest last.
ALTER TABLE events ADD COLUMN thread_seq BIGINT;
ALTER TABLE events ADD COLUMN also_in_room BOOLEAN;
ALTER TABLE events ADD COLUMN reply_count INTEGER;
ALTER TABLE events ADD COLUMN last_reply_ts BIGINT;
ALTER TABLE events ADD COLUMN reply_users TEXT;
CREATE INDEX events_thread ON events (room, thread_seq, seq) WHERE thread_seq IS NOT NULL;
