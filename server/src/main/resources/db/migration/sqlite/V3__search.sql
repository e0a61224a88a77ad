-- Parley schema, version 3 (SQLite): the search index. Keep in step with
-- ../postgresql/V3__search.sql.

-- One row per searchable message (a message with text that is not deleted). doc orders results
-- newest first: ts * 4096 plus a counter, assigned by the writer (so doc >= ts * 4096 always).
CREATE TABLE search_docs (
  doc      INTEGER NOT NULL PRIMARY KEY,
  room     TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  ts       INTEGER NOT NULL,
  user_id  TEXT    NOT NULL,
  UNIQUE (room, seq)
);

-- rowid = search_docs.doc. body: the text folded by dev.parley.domain.Search.fold (lower case,
-- accents off, NFKC); pairs: its adjacent CJK character pairs, each followed by '|', so that a
-- two-character Chinese or Japanese word (too short for a trigram) is a trigram "xy|" here.
CREATE VIRTUAL TABLE search_fts USING fts5(body, pairs, tokenize = 'trigram');

-- 1 until the writer has indexed the messages stored before this migration (it does so at
-- start-up, in Java, because folding is Java code).
CREATE TABLE search_backfill (pending INTEGER NOT NULL);
INSERT INTO search_backfill (pending) VALUES (1);
