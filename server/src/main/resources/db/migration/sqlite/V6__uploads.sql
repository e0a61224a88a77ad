-- Parley schema, version 6 (SQLite): nothing changes. Keep in step with
-- ../postgresql/V6__uploads.sql, which keeps a cluster's uploads in PostgreSQL; the embedded
-- store keeps them as files in the data folder. The version keeps both schemas' numbers equal,
-- which Migrations.LATEST relies on.
SELECT 1;
