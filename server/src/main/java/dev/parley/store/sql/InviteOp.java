package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * One step on the invites ({@link SqlInvites}) in the writer's transaction: on SQLite the writer
 * must stay the file's only writer, and in queue order an invite just made is there for the next
 * use. The step's SQL is {@link InviteRows}'; its result is answered after the commit.
 */
final class InviteOp<T> implements WriteOp {

  /** What the op does on the writer's connection. */
  interface Step<T> {
    T run(InviteRows rows) throws SQLException;
  }

  private final Step<T> step;
  private final CompletableFuture<T> answer;
  private T result;

  InviteOp(Step<T> step, CompletableFuture<T> answer) {
    this.step = step;
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
    result = step.run(new InviteRows(c.sql()));
  }

  @Override
  public void answer(Throwable failure) {
    try {
      if (failure != null) answer.completeExceptionally(failure);
      else answer.complete(result);
    } catch (Throwable t) {
      WriteOp.callbackThrew(t);
    }
  }

  @Override
  public void closed() {
    LoggerFactory.getLogger(Writer.class).warn("dropped a step on the invites: store closed");
    answer.completeExceptionally(Queued.storeClosed());
  }
}
