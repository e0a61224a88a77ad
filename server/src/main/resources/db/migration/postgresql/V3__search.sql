-- Parley schema, version 3 (PostgreSQL): the search index. Keep in step with
-- ../sqlite/V3__search.sql.

-- pg_trgm ships with PostgreSQL (contrib). It goes to the public schema so that a database
-- holding several Parley schemas shares one copy; the operator class is named with its schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- One row per searchable message (a message with text that is not deleted). doc orders results
-- newest first: ts * 4096 plus a counter, assigned by the writer (so doc >= ts * 4096 always);
-- two cluster nodes may assign the same doc, so ties are broken by (room, seq).
-- body: the text folded by dev.parley.domain.Search.fold (lower case, accents off, NFKC);
-- pairs: its adjacent CJK character pairs, each followed by '|', so that a two-character
-- Chinese or Japanese word (too short for a trigram) is a trigram "xy|" here.
CREATE TABLE search_docs (
  doc      BIGINT  NOT NULL,
  room     TEXT    NOT NULL,
  seq      BIGINT  NOT NULL,
  ts       BIGINT  NOT NULL,
  user_id  TEXT    NOT NULL,
  body     TEXT    NOT NULL,
  pairs    TEXT    NOT NULL,
  PRIMARY KEY (room, seq)
);
CREATE INDEX search_docs_doc ON search_docs (doc);
CREATE INDEX search_docs_body ON search_docs USING gin (body public.gin_trgm_ops);
CREATE INDEX search_docs_pairs ON search_docs USING gin (pairs public.gin_trgm_ops);

-- 1 until the writer has indexed the messages stored before this migration (it does so at
-- start-up, in Java, because folding is Java code).
CREATE TABLE search_backfill (pending INTEGER NOT NULL);
INSERT INTO search_backfill (pending) VALUES (1);
