-- Parley schema, version 14 (postgresql): passkeys, the WebAuthn credentials users sign in with
-- (dev.parley.store.sql.PasskeyRows). Keep in step with ../sqlite/V14__passkeys.sql.

-- id: the credential id (base64url) the authenticator made. public_key: its COSE public key as
-- the authenticator gave it. sign_count: the signature counter last seen (0 when the
-- authenticator keeps none). last_used 0: never used. transports: comma-separated, as the
-- browser reported them; aaguid: the authenticator model's id; both optional.
CREATE TABLE passkeys (
  id          TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  public_key  BYTEA      NOT NULL,
  sign_count  BIGINT NOT NULL,
  name        TEXT    NOT NULL,
  created     BIGINT NOT NULL,
  last_used   BIGINT NOT NULL DEFAULT 0,
  transports  TEXT,
  aaguid      TEXT
);
CREATE INDEX passkeys_user ON passkeys (user_id);
