package dev.parley.domain;

import java.util.Set;

/**
 * What a {@code hello} learnt from the cluster before it ran, so that it can run without waiting:
 * the user the claims were made for ({@code created}: a new user that will get this id), the
 * lower-cased nicks claimed for it on every node, and those that users online elsewhere hold.
 */
public record HelloClaims(String userId, boolean created, Set<String> claimed, Set<String> taken) {
  /** A node of its own: nothing claimed ahead, nothing taken elsewhere. */
  public static final HelloClaims NONE = new HelloClaims(null, false, Set.of(), Set.of());
}
