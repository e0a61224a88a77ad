package dev.parley.web;

import io.netty.util.concurrent.EventExecutor;
import java.util.function.Consumer;

/**
 * Who a request's bearer token speaks for: the one way every HTTP door (uploads and their
 * credential, previews, search, export, passkeys) asks. In a cluster a token this node does not
 * know yet may have been issued by another node an instant ago, its session's change still on its
 * way here (nginx sends the client's next request to any node); the domain looks it up again once
 * this node has caught up with the others ({@code HttpDoors.userIdForToken(token, then)}), and only
 * then is it refused. The answer comes back on the request's event loop, never blocking it: at once
 * (on the caller's thread) when the token is known, there is none, or the node is on its own.
 */
public final class BearerTokens {

  /** The domain's lookup: {@code then} gets the user id or null, on any thread. */
  @FunctionalInterface
  public interface Users {
    void userIdForToken(String token, Consumer<String> then);
  }

  private final Users users;

  BearerTokens(Users users) {
    this.users = users;
  }

  /**
   * Runs {@code then} on {@code loop} with the user {@code token} belongs to, or null (none,
   * unknown, revoked, banned). When the loop no longer takes tasks (the server is closing), {@code
   * dropped} runs instead, on the caller's thread: it releases what the request holds.
   */
  void user(String token, EventExecutor loop, Consumer<String> then, Runnable dropped) {
    users.userIdForToken(token, id -> LoopHandoff.run(loop, () -> then.accept(id), dropped));
  }

  /** {@link #user(String, EventExecutor, Consumer, Runnable)} for a request that holds nothing. */
  void user(String token, EventExecutor loop, Consumer<String> then) {
    user(token, loop, then, () -> {});
  }
}
