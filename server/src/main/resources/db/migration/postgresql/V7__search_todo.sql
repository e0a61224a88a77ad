-- Parley schema, version 7 (PostgreSQL): nothing changes. Keep in step with
-- ../sqlite/V7__search_todo.sql, which defers SQLite's FTS5 rows; PostgreSQL's trigram index
-- takes its rows in the message's own commit. The version keeps both schemas' numbers equal,
-- which Migrations.LATEST relies on.
SELECT 1;
