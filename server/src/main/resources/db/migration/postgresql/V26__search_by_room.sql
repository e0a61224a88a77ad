-- Parley schema, version 26 (PostgreSQL): nothing changes. Keep in step with
-- ../sqlite/V26__search_by_room.sql, which lets SQLite walk a searcher's rooms by an index;
-- PostgreSQL's walk filters its doc-order index by room. The version keeps both schemas' numbers
-- equal, which Migrations.LATEST relies on.
SELECT 1;
