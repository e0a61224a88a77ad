-- Parley schema, version 5 (SQLite): nothing changes. Keep in step with
-- ../postgresql/V5__search_order.sql, which gives PostgreSQL's search an index in the cursor's
-- order; here the FTS5 rowid (doc) is that order already. The version keeps both schemas' numbers
-- equal, which Migrations.LATEST relies on.
SELECT 1;
