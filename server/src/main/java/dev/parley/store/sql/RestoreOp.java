package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import java.sql.SQLException;
import org.slf4j.LoggerFactory;

/**
 * An exported event back into its room's log ({@link Change.Restored}, written by {@code parley
 * import}) with its own seq, rev and reactions. It may only extend the log: a seq the room already
 * holds, or a room that does not exist, fails the batch (the importer checked both before writing
 * anything). Like any change it has no answer.
 */
final class RestoreOp implements WriteOp {
  private final Change.Restored restored;
  private final Event event;

  RestoreOp(Change.Restored restored) {
    this.restored = restored;
    this.event = restored.event();
  }

  @Override
  public String room() {
    return event.room();
  }

  @Override
  public Message resendKey() {
    return null;
  }

  @Override
  public void write(WriterConnection c) throws SQLException {
    RoomCounters.Counter room = c.counters.find(event.room());
    if (room == null)
      throw new SQLException("cannot restore into a room that does not exist: " + event.room());
    if (event.seq() <= room.lastSeq())
      throw new SQLException(event.room() + " already holds seq " + event.seq());
    c.counters.restored(room, event.seq(), event instanceof Message m ? m.rev() : 0);
    c.insert(event);
    if (event instanceof dev.parley.domain.Notice n) BookmarkRows.restored(c.sql(), n);
    if (!(event instanceof Message m)) return;
    c.search.restored(m);
    c.reactions.restore(m);
  }

  @Override
  public void answer(Throwable failure) {}

  @Override
  public void closed() {
    LoggerFactory.getLogger(Writer.class).warn("dropped {}: the store was closed", restored);
  }
}
