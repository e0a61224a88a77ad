-- Parley schema, version 25 (postgresql): Web Push (dev.parley.push, dev.parley.store.sql.SqlPushBook).
-- Keep in step with ../sqlite/V25__web_push.sql.

-- The server's VAPID key pair (RFC 8292), made at the first start and the same on every node:
-- one row, id 1. public_key: X.509 (SubjectPublicKeyInfo) bytes; private_key: PKCS #8 bytes.
CREATE TABLE push_keys (
  id           INTEGER PRIMARY KEY,
  public_key   BYTEA   NOT NULL,
  private_key  BYTEA   NOT NULL,
  created      BIGINT  NOT NULL
);

-- A device's push subscription (PushSubscription of the Push API): at most PushNotes.MAX_DEVICES
-- per user. One endpoint is one device's, so a second account subscribing it takes it over.
CREATE TABLE push_subscriptions (
  endpoint  TEXT    PRIMARY KEY,
  user_id   TEXT    NOT NULL,
  p256dh    TEXT    NOT NULL,
  auth      TEXT    NOT NULL,
  ts        BIGINT  NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
