-- Parley schema, version 11 (PostgreSQL): passwords (issue 17). Keep in step with
-- ../sqlite/V11__passwords.sql.

-- The user's Argon2id hash (a PHC string), or NULL for a guest. A protected user's nick is held
-- for as long as it is set, and such a user is never removed as idle (UserRows).
ALTER TABLE users ADD COLUMN password_hash TEXT;
