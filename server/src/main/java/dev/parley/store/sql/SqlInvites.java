package dev.parley.store.sql;

import dev.parley.domain.Invites;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link Invites} in the table {@code invites}: every step through the store's writer. */
final class SqlInvites implements Invites {
  private final Writer writer;

  SqlInvites(Writer writer) {
    this.writer = writer;
  }

  @Override
  public CompletableFuture<Boolean> create(Invite invite, int maxLive, long now) {
    return step(rows -> rows.create(invite, maxLive, now));
  }

  @Override
  public CompletableFuture<Boolean> use(String codeHash, long now) {
    return step(rows -> rows.use(codeHash, now));
  }

  @Override
  public CompletableFuture<Invite> take(String codeHash, long now) {
    return step(rows -> rows.use(codeHash, now) ? rows.byHash(codeHash) : null);
  }

  @Override
  public CompletableFuture<Invite> find(String codeHashOrId, long now) {
    return step(rows -> rows.find(codeHashOrId, now));
  }

  @Override
  public CompletableFuture<List<Invite>> live(String room, long now) {
    return step(rows -> rows.live(room, now));
  }

  @Override
  public CompletableFuture<Void> giveBack(String codeHash) {
    return step(rows -> rows.giveBack(codeHash));
  }

  @Override
  public CompletableFuture<List<Invite>> live(long now) {
    return step(rows -> rows.live(now));
  }

  @Override
  public CompletableFuture<Boolean> revoke(String codeHashOrId) {
    return step(rows -> rows.revoke(codeHashOrId));
  }

  /** A step on the invites, in the writer's transaction (the file's only writer on SQLite). */
  private <T> CompletableFuture<T> step(Step<T> step) {
    return writer.ask("a step on the invites", c -> step.run(new InviteRows(c.sql())));
  }

  /** What a step does with the invites' SQL. */
  private interface Step<T> {
    T run(InviteRows rows) throws SQLException;
  }
}
