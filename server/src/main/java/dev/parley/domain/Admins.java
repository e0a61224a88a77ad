package dev.parley.domain;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is a server administrator: a user whose nick is one of {@code --admins} (compared by nick
 * key, so a look-alike of a listed name is the same name) once their account is protected. Why
 * protected first: an unprotected nick is held only for a while and can be taken by anyone after
 * it, so the listed name would make its next holder an admin. A listed name that nobody holds yet
 * makes nobody an admin until its owner protects it.
 */
final class Admins {
  /** The contract's server role. */
  static final String ROLE = "admin";

  /** The nick keys of {@code --admins}; set once before the first connection, read anywhere. */
  private volatile Set<String> keys = Set.of();

  void named(Collection<String> nicks) {
    keys =
        nicks.stream()
            .map(String::strip)
            .filter(n -> !n.isEmpty())
            .map(Names::nickKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  boolean is(UserState user) {
    Set<String> k = keys;
    return user != null
        && !k.isEmpty()
        && user.isProtected()
        && k.contains(Names.nickKey(user.nick));
  }

  /** {@code "admin"} for an admin, else null (the wire omits it). */
  String role(UserState user) {
    return is(user) ? ROLE : null;
  }
}
