package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Uses a sign-in code ({@code Store.useLink}) in the writer's transaction, so that two nodes given
 * the same code cannot both take it: the row is marked used only if it was not, and not expired.
 * Answers its user's id, or null.
 */
final class LinkOp implements WriteOp {
  private final String codeHash;
  private final long now;
  private final CompletableFuture<String> answer;
  private String userId;

  LinkOp(String codeHash, long now, CompletableFuture<String> answer) {
    this.codeHash = codeHash;
    this.now = now;
    this.answer = answer;
  }

  @Override
  public String room() {
    return null;
  }

  @Override
  public Message resendKey() {
    return null;
  }

  @Override
  public void write(WriterConnection c) throws SQLException {
    c.changes.flush();
    userId = c.changes.sessions.use(codeHash, now);
  }

  @Override
  public void answer(Throwable failure) {
    try {
      if (failure != null) answer.completeExceptionally(failure);
      else answer.complete(userId);
    } catch (Throwable t) {
      WriteOp.callbackThrew(t);
    }
  }

  @Override
  public void closed() {
    LoggerFactory.getLogger(Writer.class).warn("dropped the use of a sign-in code: store closed");
    answer.completeExceptionally(Queued.storeClosed());
  }
}
