package dev.parley.domain;

/**
 * A registered passkey (a WebAuthn credential) as the store keeps it: its id (base64url), its user,
 * its public key as the authenticator gave it (COSE bytes, never parsed by the domain: the web
 * adapter verifies signatures with it), the signature counter last seen, the name its owner gave
 * it, when it was made and last used, and what the authenticator said of itself (transports,
 * comma-separated, and its AAGUID), both optional. Immutable: a use replaces it.
 */
public record Passkey(
    String id,
    String userId,
    byte[] publicKey,
    long signCount,
    String name,
    long created,
    long lastUsed,
    String transports,
    String aaguid) {

  /** Equal field by field, the key's bytes by content (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Passkey p
        && id.equals(p.id)
        && userId.equals(p.userId)
        && java.util.Arrays.equals(publicKey, p.publicKey)
        && signCount == p.signCount
        && java.util.Objects.equals(name, p.name)
        && created == p.created
        && lastUsed == p.lastUsed
        && java.util.Objects.equals(transports, p.transports)
        && java.util.Objects.equals(aaguid, p.aaguid);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, userId, signCount, lastUsed);
  }

  @Override
  public String toString() {
    return "Passkey[" + id + " of " + userId + ", count " + signCount + ", " + name + "]";
  }

  /** The same passkey after a sign-in that showed {@code count} at {@code ts}. */
  public Passkey used(long count, long ts) {
    return new Passkey(id, userId, publicKey, count, name, created, ts, transports, aaguid);
  }
}
