-- Parley schema, version 7 (SQLite): the FTS5 rows of new messages are written a moment after
-- the message, many in one transaction (dev.parley.store.sql.SearchIndex says why). A message
-- whose FTS5 row is not written yet has its search_docs row and a row here, in the message's own
-- commit, so a crash loses no entry: the writer indexes what is listed here when it connects.
-- Keep the numbers in step with ../postgresql/V7__search_todo.sql.
CREATE TABLE search_todo (doc INTEGER NOT NULL PRIMARY KEY);
