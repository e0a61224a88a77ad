package dev.parley.web.socket;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Client;
import dev.parley.domain.Subscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivers published frames to this process's sockets, designed for speed: each frame is turned
 * into WebSocket bytes once; every event loop keeps its own index of which of its connections are
 * in which room, changed only by commands queued to it in the same order as the frames (so a join
 * is in place before the next event of that room); one task per loop appends the same bytes to each
 * member's outgoing buffer and, at the end, writes and flushes each touched connection once. Writes
 * happen only on a channel's own loop, in the order published, so every member sees a room's events
 * in seq order.
 */
public final class Fanout implements Subscriptions, Bus.Sink {

  private final Map<EventExecutor, LoopDelivery> loops = new IdentityHashMap<>();
  private final LoopDelivery[] all;

  /** A user's connections on this node; the set is also the lock for that user's changes. */
  private final Map<String, Set<Connection>> users = new ConcurrentHashMap<>();

  private final LongAdder deliveries = new LongAdder();

  public Fanout(EventLoopGroup workers, MeterRegistry registry) {
    Timer latency =
        Timer.builder("parley.fanout.latency")
            .description("From publishing an event to writing it on a connection's event loop")
            .publishPercentileHistogram()
            .register(registry);
    for (EventExecutor e : workers) {
      loops.put(e, new LoopDelivery((EventLoop) e, latency, deliveries));
    }
    all = loops.values().toArray(LoopDelivery[]::new);
    registry.more().counter("parley.events.out", List.of(), deliveries, LongAdder::doubleValue);
  }

  /** The delivery queue of the loop that owns a new connection. */
  LoopDelivery loopOf(EventLoop loop) {
    LoopDelivery d = loops.get(loop);
    if (d == null) throw new IllegalStateException("not one of the worker loops: " + loop);
    return d;
  }

  // ---------------------------------------------------------------- Bus.Sink

  @Override
  public void deliver(Audience to, byte[] json) {
    byte[] frame = TextFrames.frame(json);
    long now = System.nanoTime();
    switch (to.kind()) {
      case ROOM -> {
        for (LoopDelivery d : all)
          d.offer(new LoopDelivery.ToRoom(to.name(), to.exceptUser(), frame, now));
      }
      case EVERYONE -> {
        for (LoopDelivery d : all) d.offer(new LoopDelivery.ToAll(frame, now));
      }
      case USER -> {
        Set<Connection> conns = users.get(to.name());
        if (conns != null) {
          for (Connection c : conns) c.delivery().offer(new LoopDelivery.ToOne(c, frame, now));
        }
      }
    }
  }

  @Override
  public void deliverCoalesced(Audience to, List<byte[]> each, byte[] batch) {
    if (to.kind() == Audience.Kind.USER || to.exceptUser() != null) {
      for (byte[] json : each) deliver(to, json); // not gathered for these audiences
      return;
    }
    byte[][] frames = new byte[each.size()][];
    for (int i = 0; i < frames.length; i++) frames[i] = TextFrames.frame(each.get(i));
    byte[] together = TextFrames.frame(batch);
    long now = System.nanoTime();
    String room = to.kind() == Audience.Kind.ROOM ? to.name() : null;
    for (LoopDelivery d : all) d.offer(new LoopDelivery.Gathered(room, frames, together, now));
  }

  // ---------------------------------------------------------------- Subscriptions

  @Override
  public void attach(String userId, Client client, Set<String> rooms) {
    Connection conn = (Connection) client;
    while (true) {
      Set<Connection> mine = users.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet());
      synchronized (mine) {
        // The user's last other connection may have closed between the two lines: its detach
        // found the set empty and took it out of the map. A connection added to that set would
        // get its rooms but nothing sent to the user (a new direct conversation, its own
        // replies from other nodes) until it reconnected; run 26 lost a direct message so.
        if (users.get(userId) != mine) continue;
        mine.add(conn);
        conn.delivery().offer(new LoopDelivery.Attach(conn, rooms.toArray(String[]::new)));
        return;
      }
    }
  }

  @Override
  public void detach(String userId, Client client) {
    Connection conn = (Connection) client;
    Set<Connection> mine = users.get(userId);
    if (mine != null) {
      synchronized (mine) {
        mine.remove(conn);
        if (mine.isEmpty()) users.remove(userId, mine);
      }
    }
    conn.delivery().offer(new LoopDelivery.Detach(conn));
  }

  @Override
  public void joined(String room, String userId) {
    Set<Connection> mine = users.get(userId);
    if (mine == null) return;
    synchronized (mine) {
      for (Connection c : mine) c.delivery().offer(new LoopDelivery.Join(room, c));
    }
  }

  @Override
  public void left(String room, String userId) {
    Set<Connection> mine = users.get(userId);
    if (mine == null) return;
    synchronized (mine) {
      for (Connection c : mine) c.delivery().offer(new LoopDelivery.Leave(room, c));
    }
  }

  /** Connections that said hello, on this node. */
  public int connected() {
    int n = 0;
    for (Set<Connection> s : users.values()) n += s.size();
    return n;
  }
}
