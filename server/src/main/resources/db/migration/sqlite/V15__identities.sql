-- Parley schema, version 15 (SQLite): single sign-on identities (dev.parley.store.sql.IdentityRows).
-- Keep in step with ../postgresql/V15__identities.sql.

-- An OpenID provider's user (issuer and subject) is one Parley user; the first sign-in claims
-- the pair, so two nodes signing the same person in at once agree on one user.
CREATE TABLE identities (
  issuer      TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  created     INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX identities_user ON identities (user_id);
