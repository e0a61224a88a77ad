package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Claims a single sign-on identity ({@code Store.claimIdentity}) in the writer's transaction, after
 * the writes queued before it: answers the user the identity belongs to, the one proposed if it was
 * free.
 */
final class IdentityOp implements WriteOp {
  private final String issuer;
  private final String subject;
  private final String proposed;
  private final long now;
  private final CompletableFuture<String> answer;
  private String userId;

  IdentityOp(
      String issuer, String subject, String proposed, long now, CompletableFuture<String> answer) {
    this.issuer = issuer;
    this.subject = subject;
    this.proposed = proposed;
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
    userId = IdentityRows.claim(c.sql(), issuer, subject, proposed, now);
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
    LoggerFactory.getLogger(Writer.class).warn("dropped a single sign-on claim: store closed");
    answer.completeExceptionally(Queued.storeClosed());
  }
}
