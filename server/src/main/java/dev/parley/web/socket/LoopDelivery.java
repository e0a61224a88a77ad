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
 * One event loop's share of the fan-out. Any thread may {@link #offer} a command; the loop runs
 * them in order in one task. Frames for a connection are copied into that connection's outgoing
 * buffer (a memcpy of a few hundred bytes is far cheaper than a queued write per frame); when the
 * queue is empty, each touched connection gets one write and one flush. Under load many events pile
 * up between two runs, so each socket gets fewer, fuller writes: one system call carries many
 * frames. Everything but the queue is touched only by the loop.
 */
final class LoopDelivery implements Runnable {

  /** Commands, in the order they must take effect. */
  sealed interface Command permits ToRoom, ToAll, ToOne, Gathered, Attach, Detach, Join, Leave {}

  /** {@code frame} is a complete WebSocket frame, shared by every recipient: never modified. */
  record ToRoom(String room, String exceptUser, byte[] frame, long nanos) implements Command {}

  record ToAll(byte[] frame, long nanos) implements Command {}

  record ToOne(Connection conn, byte[] frame, long nanos) implements Command {}

  /**
   * Frames gathered over a tick for a room ({@code room} set) or for everyone: {@code batch} to a
   * connection that said {@code coalesce}, each of {@code each} to the others.
   */
  record Gathered(String room, byte[][] each, byte[] batch, long nanos) implements Command {}

  record Attach(Connection conn, String[] rooms) implements Command {}

  record Detach(Connection conn) implements Command {}

  record Join(String room, Connection conn) implements Command {}

  record Leave(String room, Connection conn) implements Command {}

  /** First size of a connection's outgoing buffer in a run; it grows as frames arrive. */
  private static final int PENDING_START = 2048;

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

  void offer(Command c) {
    queue.offer(c);
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException stopped) {
        // Shutting down: nothing more will be written.
        queue.clear();
        scheduled.set(false);
      }
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
        recordLatency(m.nanos());
      } else if (c instanceof ToAll m) {
        delivered += write(everyone, m.frame(), null);
        recordLatency(m.nanos());
      } else if (c instanceof Gathered m) {
        List<Connection> members = m.room() == null ? everyone : rooms.get(m.room());
        if (members != null) delivered += write(members, m);
        recordLatency(m.nanos());
      } else if (c instanceof ToOne m) {
        delivered += write(m.conn(), m.frame());
        recordLatency(m.nanos());
      } else if (c instanceof Join m) {
        join(m.room(), m.conn());
      } else if (c instanceof Leave m) {
        leave(m.room(), m.conn());
      } else if (c instanceof Attach m) {
        everyone.add(m.conn());
        for (String room : m.rooms()) join(room, m.conn());
      } else if (c instanceof Detach m) {
        detach(m.conn());
      } else {
        throw new IllegalStateException(
            "a delivery command this loop cannot run: " + c.getClass().getSimpleName());
      }
    }
    for (int i = 0, n = touched.size(); i < n; i++) {
      Connection conn = touched.get(i);
      ByteBuf out = conn.pending;
      conn.pending = null;
      conn.writeRaw(out);
      if (conn.fellBehind()) conn.tooSlow();
    }
    touched.clear();
    if (delivered > 0) deliveries.add(delivered);
  }

  private void recordLatency(long nanos) {
    latency.record(System.nanoTime() - nanos, TimeUnit.NANOSECONDS);
  }

  private int write(List<Connection> conns, byte[] frame, String exceptUser) {
    int n = 0;
    for (int i = 0, size = conns.size(); i < size; i++) {
      Connection conn = conns.get(i);
      if (exceptUser != null && exceptUser.equals(conn.userId())) continue;
      n += write(conn, frame);
    }
    return n;
  }

  private int write(List<Connection> conns, Gathered m) {
    int n = 0;
    for (int i = 0, size = conns.size(); i < size; i++) {
      Connection conn = conns.get(i);
      if (conn.coalesce) {
        n += write(conn, m.batch());
      } else {
        for (byte[] frame : m.each()) n += write(conn, frame);
      }
    }
    return n;
  }

  private int write(Connection conn, byte[] frame) {
    if (conn.closing) return 0;
    ByteBuf out = conn.pending;
    if (out == null) {
      out = conn.channel().alloc().directBuffer(Math.max(PENDING_START, frame.length));
      conn.pending = out;
      touched.add(conn);
    }
    out.writeBytes(frame);
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
