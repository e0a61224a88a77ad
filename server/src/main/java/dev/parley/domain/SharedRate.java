package dev.parley.domain;

/**
 * A frame budget shared by all of one user's connections, wherever they are: in a cluster a
 * user with tabs on two nodes is held to one budget, not one per tab. Checked after the
 * connection's own {@link RateLimit}; on one node there is nothing to share ({@link #NONE}).
 */
public interface SharedRate extends AutoCloseable {

  /** Nothing shared: each connection's own limit is the whole rule (one node). */
  SharedRate NONE = userId -> true;

  /** Whether {@code userId} may send one more frame now. Never blocks, so an event loop may ask. */
  boolean take(String userId);

  @Override
  default void close() {}
}
