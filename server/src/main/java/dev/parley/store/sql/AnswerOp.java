package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * A write whose caller waits for what the database decided: runs its {@link Step} in the writer's
 * transaction, after the writes queued before it (their pending statements flushed first), and
 * answers the step's result after the commit. Why through the writer: on SQLite it must stay the
 * file's only writer, in queue order a row just written is there for the next step, and on
 * PostgreSQL the transaction decides between two nodes asking at once. Used for a sign-in code
 * ({@code Store.useLink}: marked used only if unused and unexpired), the invites ({@link
 * SqlInvites}) and a single sign-on identity ({@code Store.claimIdentity}).
 *
 * <p>A new write of this shape is a new {@link Step}, not a new op. The result is the writer
 * thread's.
 */
final class AnswerOp<T> implements WriteOp {

  /** What the op does on the writer's connection, in the batch's transaction. */
  interface Step<T> {
    T run(WriterConnection c) throws SQLException;
  }

  /** What the step is, for the log when close drops it ("the use of a sign-in code"). */
  private final String what;

  private final Step<T> step;
  private final CompletableFuture<T> answer;
  private T result;

  AnswerOp(String what, Step<T> step, CompletableFuture<T> answer) {
    this.what = what;
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
    result = step.run(c);
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
    LoggerFactory.getLogger(Writer.class).warn("dropped {}: store closed", what);
    answer.completeExceptionally(Queued.storeClosed());
  }
}
