-- Parley schema, version 26 (SQLite): a search walks the searcher's rooms newest first, merged,
-- before it asks FTS5, which walks every room's matches (dev.parley.store.sql.SearchReads says
-- why). Keep the numbers in step with ../postgresql/V26__search_by_room.sql.
CREATE INDEX search_docs_room_doc ON search_docs (room, doc);
