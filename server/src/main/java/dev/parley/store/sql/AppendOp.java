package dev.parley.store.sql;

import dev.parley.domain.Conversation;
import dev.parley.domain.Conversations;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Store;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * An event draft to store ({@link Store#append}): it takes its room's next seq, or, for a message
 * whose author already stored one with the same client id, gets the original back ({@code
 * duplicate}, nothing written). It times its own wait for the writer and the commit ({@code
 * parley.store.append}). Results are the writer thread's.
 */
final class AppendOp implements WriteOp {
  private final Event draft;
  private final Store.Appended callback;
  private final Timer timer;
  private final long queuedNanos = System.nanoTime();

  private Event stored;
  private boolean duplicate;
  private Message root;
  private Throwable refused;

  AppendOp(Event draft, Store.Appended callback, Timer timer) {
    this.draft = draft;
    this.callback = callback;
    this.timer = timer;
  }

  @Override
  public String room() {
    return draft.room();
  }

  @Override
  public Message resendKey() {
    return draft instanceof Message m && m.id() != null ? m : null;
  }

  @Override
  public void write(WriterConnection c) throws SQLException {
    Message keyed = resendKey();
    if (keyed != null) {
      Message original = c.resends.original(keyed);
      if (original != null) {
        stored = original;
        duplicate = true;
        return;
      }
    }
    RoomCounters.Counter room = c.counters.find(draft.room());
    if (room == null) {
      refuse(c, keyed, new IllegalArgumentException("no such room: " + draft.room()));
      return;
    }
    Event linked = draft;
    Message threadRoot = null;
    if (Conversations.linked(draft)) {
      Message m = (Message) draft;
      Conversation.Reply reply = m.conversation().reply();
      Long replySeq = reply == null ? null : reply.seq();
      Long thread = m.conversation().thread();
      // A parent or root appended earlier in this batch is read too: only then is the batch cut.
      if (c.queued(draft.room(), replySeq) || c.queued(draft.room(), thread)) c.flushQueued();
      Message parent = replySeq == null ? null : c.load(draft.room(), replySeq);
      // A reply to the thread's root, inside the thread, reads that row once.
      threadRoot =
          thread == null ? null : thread.equals(replySeq) ? parent : c.load(draft.room(), thread);
      try {
        linked = Conversations.resolve(m, parent, threadRoot);
      } catch (RuntimeException refusal) {
        refuse(c, keyed, refusal);
        return;
      }
    }
    long seq = c.counters.nextSeq(room);
    Event event = linked.withSeq(seq);
    if (keyed == null) {
      c.insert(event);
    } else if (c.insertKeyed((Message) event)) {
      c.resends.remember((Message) event);
    } else {
      c.counters.untake(room, seq);
      stored = c.resends.find(keyed);
      if (stored == null) throw new SQLException("client id taken, no original: " + keyed.id());
      duplicate = true;
      return;
    }
    if (event instanceof Message m) c.search.appended(m);
    stored = event;
    if (threadRoot != null) {
      root = Conversations.replied(threadRoot, (Message) event, room.lastRev() + 1);
      c.counters.revTo(room, root.rev());
      c.update(root);
    }
  }

  /**
   * A draft this room cannot take is still a resend if its client id was used: the sender gets the
   * original, whatever room or reply the repeat named (on SQLite only a read finds that out here).
   */
  private void refuse(WriterConnection c, Message keyed, RuntimeException refusal)
      throws SQLException {
    Message original = keyed == null ? null : c.resends.find(keyed);
    if (original == null) {
      refused = refusal;
    } else {
      stored = original;
      duplicate = true;
    }
  }

  @Override
  public void answer(Throwable failure) {
    timer.record(System.nanoTime() - queuedNanos, TimeUnit.NANOSECONDS);
    tell(failure != null ? failure : refused);
  }

  @Override
  public void closed() {
    tell(Queued.storeClosed());
  }

  private void tell(Throwable failure) {
    try {
      if (failure != null) callback.failed(failure);
      else callback.stored(stored, duplicate, root);
    } catch (Throwable t) {
      WriteOp.callbackThrew(t);
    }
  }
}
