package dev.parley.store.sql;

import dev.parley.domain.Amendment;
import dev.parley.domain.Message;
import dev.parley.domain.Store;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A change to a stored message ({@link Store#amend}): the amendment is applied to the message as
 * stored, in the transaction that writes the result, so two changes to one message never
 * interleave. A refusal from {@link Amendment#apply} answers this op alone; an amendment that
 * changes nothing uses no rev. Results are the writer thread's.
 */
final class AmendOp implements WriteOp {
  private final Amendment amendment;
  private final Store.Amended callback;

  private Message result;
  private boolean changed;
  private Throwable refused;

  AmendOp(Amendment amendment, Store.Amended callback) {
    this.amendment = amendment;
    this.callback = callback;
  }

  @Override
  public String room() {
    return amendment.room();
  }

  @Override
  public Message resendKey() {
    return null;
  }

  /**
   * Inserts and changes queued earlier in this batch are executed first, so an amendment sees a
   * message appended just before it.
   */
  @Override
  public void write(WriterConnection c) throws SQLException {
    c.flushQueued();
    RoomCounters.Counter room = c.counters.find(amendment.room());
    Message current = room == null ? null : c.load(amendment.room(), amendment.seq());
    Message next;
    try {
      next = amendment.apply(current, (room == null ? 0 : room.lastRev()) + 1);
    } catch (RuntimeException refusal) {
      refused = refusal;
      return;
    }
    result = next;
    if (next == current) return;
    changed = true;
    c.counters.revTo(room, next.rev());
    c.update(next);
    if (next.deleted() || !Objects.equals(next.text(), current.text())) c.search.amended(next);
    c.reactions.rewrite(current, next);
    c.previewImages.changed(
        current, next, amendment instanceof Amendment.Preview p ? p.image() : null);
    if (next.deleted() && !current.deleted()) c.conversations.deleted(next);
    else if (!next.deleted() && !Objects.equals(next.text(), current.text()))
      c.conversations.edited(next);
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
      else callback.amended(result, changed);
    } catch (Throwable t) {
      WriteOp.callbackThrew(t);
    }
  }
}
