package dev.parley.domain;

import java.util.function.LongConsumer;

/**
 * How many new users one address may create ({@code --new-user-rate} a minute, in bursts of 50 by
 * default): one client made ~480 permanent users a second, each adding a join notice to {@code
 * general}. Asked only when a {@code hello} would create a user; resuming with a token never is.
 * Answers are seconds to wait: 0 admits (and uses up one new user), more refuses with {@code
 * slow_down} and that {@code retryAfter}.
 */
public interface NewUsers {

  /** No limit (domain tests). */
  NewUsers UNLIMITED = address -> 0;

  /**
   * On a node of its own: the answer for {@code address} (null: unknown, counted as one address of
   * its own), now. Never blocks.
   */
  long take(String address);

  /**
   * In a cluster, where the count is shared through another process: {@code then} gets the answer,
   * on any thread. This default answers at once with {@link #take(String)}.
   */
  default void take(String address, LongConsumer then) {
    then.accept(take(address));
  }
}
