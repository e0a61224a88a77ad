package dev.parley.store.sql;

import dev.parley.domain.Message;
import dev.parley.domain.Store;
import java.sql.SQLException;

/**
 * One step of retention ({@link Store#purge}), done by {@link PurgeStep} in the writer's batch so
 * that it stays in order with the appends around it; answers how many events went and where the
 * room's log now starts. Results are the writer thread's.
 */
final class PurgeOp implements WriteOp {
  private final Store.Purge purge;
  private final Store.Purged callback;

  private PurgeStep.Result result;
  private Throwable refused;

  PurgeOp(Store.Purge purge, Store.Purged callback) {
    this.purge = purge;
    this.callback = callback;
  }

  @Override
  public String room() {
    return purge.room();
  }

  @Override
  public Message resendKey() {
    return null;
  }

  /**
   * Inserts and changes queued earlier in this batch are executed first, so the oldest seq left is
   * right even when the step empties the log.
   */
  @Override
  public void write(WriterConnection c) throws SQLException {
    c.flushQueued();
    RoomCounters.Counter room = c.counters.find(purge.room());
    if (room == null) {
      refused = new IllegalArgumentException("no such room: " + purge.room());
      return;
    }
    result = c.purges.run(purge, room.lastSeq(), c.search);
    if (result.removed() > 0) {
      c.previewImages.purged(purge.room(), result.firstSeq() - 1);
      c.conversations.purged(purge.room(), result.firstSeq() - 1);
    }
  }

  @Override
  public void answer(Throwable failure) {
    tell(failure != null ? failure : refused);
  }

  @Override
  public void closed() {
    tell(Queued.storeClosed());
  }

  private void tell(Throwable failure) {
    try {
      if (failure != null) callback.failed(failure);
      else callback.purged(purge.room(), result.removed(), result.firstSeq(), result.oldestTs());
    } catch (Throwable t) {
      WriteOp.callbackThrew(t);
    }
  }
}
