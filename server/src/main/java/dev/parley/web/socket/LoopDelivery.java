package dev.parley.web.socket;

import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One event loop's share of the fan-out. Any thread may {@link #offer} a command; the loop
 * runs them in order in one task that writes without flushing and flushes each touched
 * channel once when the queue is empty. Under load many events pile up between two runs, so
 * each socket gets fewer, fuller writes. Everything but the queue is touched only by the loop.
 */
final class LoopDelivery implements Runnable {

  /** Commands, in the order they must take effect. */
  sealed interface Command permits ToRoom, ToAll, ToOne, Attach, Detach, Join, Leave {}

  record ToRoom(String room, String exceptUser, ByteBuf frame, long nanos) implements Command {}

  record ToAll(ByteBuf frame, long nanos) implements Command {}

  record ToOne(Connection conn, ByteBuf frame, long nanos) implements Command {}

  record Attach(Connection conn, String[] rooms) implements Command {}

  record Detach(Connection conn) implements Command {}

  record Join(String room, Connection conn) implements Command {}

  record Leave(String room, Connection conn) implements Command {}

  private final EventLoop loop;
  private final Timer latency;
  private final LongAdder deliveries;
  private final Queue<Command> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  // Loop-confined state.
  private final Map<String, List<Connection>> rooms = new HashMap<>();
  private final List<Connection> everyone = new ArrayList<>();
  private final List<Connection> touched = new ArrayList<>();

  LoopDelivery(EventLoop loop, Timer latency, LongAdder deliveries) {
    this.loop = loop;
    this.latency = latency;
    this.deliveries = deliveries;
  }

  EventLoop loop() {
    return loop;
  }

  void offer(Command c) {
    queue.offer(c);
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException stopped) {
        scheduled.set(false);
        discardAll();
      }
    }
  }

  /** The loop has stopped (shutdown): nothing will be written, so let go of the buffers. */
  private void discardAll() {
    Command c;
    while ((c = queue.poll()) != null) {
      if (c instanceof ToRoom m) m.frame().release();
      else if (c instanceof ToAll m) m.frame().release();
      else if (c instanceof ToOne m) m.frame().release();
    }
  }

  @Override
  public void run() {
    scheduled.set(false);
    long delivered = 0;
    Command c;
    while ((c = queue.poll()) != null) {
      if (c instanceof ToRoom m) {
        List<Connection> members = rooms.get(m.room());
        if (members != null) delivered += write(members, m.frame(), m.exceptUser());
        finish(m.frame(), m.nanos());
      } else if (c instanceof ToAll m) {
        delivered += write(everyone, m.frame(), null);
        finish(m.frame(), m.nanos());
      } else if (c instanceof ToOne m) {
        delivered += write(m.conn(), m.frame());
        finish(m.frame(), m.nanos());
      } else if (c instanceof Join m) {
        join(m.room(), m.conn());
      } else if (c instanceof Leave m) {
        leave(m.room(), m.conn());
      } else if (c instanceof Attach m) {
        everyone.add(m.conn());
        for (String room : m.rooms()) join(room, m.conn());
      } else if (c instanceof Detach m) {
        detach(m.conn());
      }
    }
    for (int i = 0, n = touched.size(); i < n; i++) {
      Connection conn = touched.get(i);
      conn.dirty = false;
      conn.channel().flush();
      if (!conn.channel().isWritable()) conn.tooSlow();
    }
    touched.clear();
    if (delivered > 0) deliveries.add(delivered);
  }

  private void finish(ByteBuf frame, long nanos) {
    frame.release();
    latency.record(System.nanoTime() - nanos, TimeUnit.NANOSECONDS);
  }

  private int write(List<Connection> conns, ByteBuf frame, String exceptUser) {
    int n = 0;
    for (int i = 0, size = conns.size(); i < size; i++) {
      Connection conn = conns.get(i);
      if (exceptUser != null && exceptUser.equals(conn.userId())) continue;
      n += write(conn, frame);
    }
    return n;
  }

  private int write(Connection conn, ByteBuf frame) {
    if (conn.closing) return 0;
    conn.channel().write(frame.retainedDuplicate(), conn.channel().voidPromise());
    if (!conn.dirty) {
      conn.dirty = true;
      touched.add(conn);
    }
    return 1;
  }

  private void join(String room, Connection conn) {
    if (conn.rooms.add(room)) rooms.computeIfAbsent(room, k -> new ArrayList<>()).add(conn);
  }

  private void leave(String room, Connection conn) {
    if (!conn.rooms.remove(room)) return;
    List<Connection> members = rooms.get(room);
    if (members == null) return;
    members.remove(conn);
    if (members.isEmpty()) rooms.remove(room);
  }

  private void detach(Connection conn) {
    everyone.remove(conn);
    for (String room : conn.rooms.toArray(String[]::new)) leave(room, conn);
  }
}
