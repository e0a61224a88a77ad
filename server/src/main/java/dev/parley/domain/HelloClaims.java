package dev.parley.domain;

import java.util.Set;

/**
 * What a {@code hello} learnt from the cluster before it ran, so that it can run without waiting:
 * the user the claims were made for ({@code created}: a new user that will get this id), the
 * lower-cased nicks claimed for it on every node, those that users online elsewhere hold, and, for
 * a new user, the cluster's answer about the client's address ({@code retryAfter} seconds to wait,
 * 0 when it may make one: see {@link NewUsers}).
 */
public record HelloClaims(
    String userId, boolean created, Set<String> claimed, Set<String> taken, long retryAfter) {
  /** A node of its own: nothing claimed ahead, nothing taken elsewhere, nothing asked. */
  public static final HelloClaims NONE = new HelloClaims(null, false, Set.of(), Set.of(), 0);

  /** A new user the address may not make yet: nothing was claimed. */
  static HelloClaims slowDown(long retryAfter) {
    return new HelloClaims(null, true, Set.of(), Set.of(), retryAfter);
  }
}
