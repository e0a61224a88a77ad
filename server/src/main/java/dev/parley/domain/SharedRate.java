package dev.parley.domain;

/**
 * A frame budget shared by all of one user's connections, wherever they are: a user with many tabs,
 * on one node ({@link UserRates}) or on several nodes of a cluster, is held to one budget, not one
 * per tab. Checked after the connection's own {@link RateLimit}.
 */
public interface SharedRate extends AutoCloseable {

  /**
   * Nothing shared: each connection's own limit is the whole rule (tests of a connection's limit
   * alone).
   */
  SharedRate NONE = userId -> true;

  /** Whether {@code userId} may send one more frame now. Never blocks, so an event loop may ask. */
  boolean take(String userId);

  @Override
  default void close() {}
}
