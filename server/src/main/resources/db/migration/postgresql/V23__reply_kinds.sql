-- Parley schema, version 23 (postgresql): what a reply quotes, and jump to a date.
-- Keep in step with ../sqlite/V23__reply_kinds.sql.

-- What a reply's reply_excerpt is (dev.parley.domain.Conversation.Reply): NULL, the start of the
-- parent's text; 'image' or 'voice', a parent without text; 'file', a file without text (the
-- excerpt is its name); 'deleted', or 'gone' (removed by retention), a parent no more.
ALTER TABLE events ADD COLUMN reply_kind TEXT;

-- Jump to a date (history with at, BookmarkRows.seqAt): the room's first event at a moment is one
-- probe of this index, where the primary key would read the room's log from its start.
CREATE INDEX events_at ON events (room, ts, seq);
