package dev.parley.bus;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Change;
import dev.parley.domain.Cluster;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Out;
import dev.parley.domain.Status;
import dev.parley.domain.Store;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bus: one Redis pub/sub channel shared by every node. Each publication is
 * encoded once and crosses once, whatever the number of recipients and nodes: the frame's bytes
 * and its audience go out in one {@code PUBLISH}; every other node hands the same bytes to its own
 * {@link Bus.Sink} (the fan-out), which finds its own members. A node delivers its own
 * publications straight to its sink and ignores their echo, so nothing reaches a socket twice.
 *
 * <p><b>Order out.</b> A node's publications go out in the order it made them, through one
 * connection. A change to users, rooms or memberships ({@link #share}) goes out only once the
 * store has committed it, and everything this node publishes after it waits behind it, so
 * another node never hears of a room (or a frame about it) before it can find it in the
 * database; {@link #afterShared} runs once that is so.
 *
 * <p><b>Order in.</b> Everything from other nodes is applied on one thread, in the order it
 * arrived. A room's events (this node's own included) go through that room's {@link SeqOrder}:
 * delivered in seq order, each once; an event that arrives early is held, and a gap still open
 * after {@value #GAP_MILLIS} ms (a lost or slow publication) is read from the store. A lost
 * publication that nothing follows shows no gap, so every {@value #SWEEP_MILLIS} ms the rooms'
 * stored last seqs are compared with what was delivered here. A change to a message waits
 * until its message has been delivered here.
 *
 * <p><b>Presence.</b> Each node tells the others its own users' status ({@link Envelope.Seen}, in
 * order with the rest) and keeps it in Redis with a heartbeat ({@link ClusterPresence}); each node
 * works out the presence frames for its own connections, so they are delivered here only.
 */
public final class RedisBus implements Bus, Cluster {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);

  /** How long an early event waits for the ones before it before they are read from the store. */
  static final long GAP_MILLIS = 250;
  /** How often held events are checked against {@link #GAP_MILLIS}. */
  private static final long CHECK_MILLIS = 50;
  /**
   * How often the rooms' last seqs are read from the store, to catch a lost publication that no
   * later event reveals (the last one before a quiet spell, those missed while Redis was away or
   * while this node started); a room found behind twice in a row is filled.
   */
  static final long SWEEP_MILLIS = 2_000;
  /** How long {@link #catchUp} waits for its marker before running anyway (Redis away). */
  private static final long CATCH_UP_MILLIS = 2_000;
  /**
   * The longest wait between two attempts to reach Redis again. Lettuce's own default grows to
   * 30 s: after Redis was away for 37 s, fan-out came back 26 s after Redis did.
   */
  static final Duration RECONNECT_MAX = Duration.ofSeconds(1);
  /** The most events one read from the store fills in. */
  private static final int FILL_LIMIT = 200;

  private final String node = UUID.randomUUID().toString();
  private final byte[] channel;
  private final Function<Out, byte[]> encoder;
  private final Function<byte[], Event> decoder;
  private final Sink sink;
  private final Store store;
  private final RedisClient client;
  private final ClientResources resources;
  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
  private final ClusterPresence presence;
  /** The one thread that applies what other nodes sent and orders every room's events. */
  private final ScheduledExecutorService inbound;
  private volatile Log log;
  private final java.util.concurrent.atomic.AtomicLong markers = new java.util.concurrent.atomic.AtomicLong();
  private final Map<Long, Runnable> catchingUp = new java.util.concurrent.ConcurrentHashMap<>();
  /** How many times the channel was subscribed: every time after the first follows a lost connection. */
  private final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();
  private final Resync resync;

  /** This node's publications not yet sent; guarded by itself. */
  private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
  /** The last PUBLISH sent; guarded by {@link #outgoing}. */
  private CompletableFuture<?> lastSent = CompletableFuture.completedFuture(null);

  // The inbound thread's own.
  private final Map<String, SeqOrder<Item>> orders = new HashMap<>();
  private final Set<String> filling = new HashSet<>();
  /** Each room's changes to messages back into rev order: revs are gapless per room, like seqs. */
  private final Map<String, SeqOrder<Amendment>> revOrders = new HashMap<>();
  private final Sweep<Item> seqSweep = new Sweep<>("last seqs", orders, room -> log.lastSeq(room), this::fill);
  private final Sweep<Amendment> revSweep = new Sweep<>("last revs", revOrders, room -> log.lastRev(room), this::fillRevs);
  private final Set<String> fillingRevs = new HashSet<>();
  /**
   * Changes to messages this node has not delivered yet, by room, in rev order: the first waits
   * for its message, and every later one waits behind it.
   */
  private final Map<String, ArrayDeque<Amendment>> waiting = new HashMap<>();

  /** A room's event and the bytes its members receive. */
  private record Item(Event event, byte[] json) {}

  /** A change to a message: the message as it now is, and the members' frame. */
  private record Amendment(Message message, byte[] frame) {}

  /**
   * A publication waiting its turn: bytes to publish once ready, or (bytes null) an action to
   * run once everything before it has been acknowledged by Redis.
   */
  private static final class Outgoing {
    final byte[] bytes;
    final Runnable then;
    volatile boolean ready;

    Outgoing(byte[] bytes, Runnable then, boolean ready) {
      this.bytes = bytes;
      this.then = then;
      this.ready = ready;
    }
  }

  private RedisBus(
      String url, String channel, Store store, Function<Out, byte[]> encoder, Function<byte[], Event> decoder, Sink sink) {
    this.channel = (channel + ":bus").getBytes(StandardCharsets.UTF_8);
    this.store = store;
    this.encoder = encoder;
    this.decoder = decoder;
    this.sink = sink;
    this.inbound = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-cluster-in");
      t.setDaemon(true);
      return t;
    });
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient c = RedisClient.create(resources, url);
    try {
      this.pub = c.connect(ByteArrayCodec.INSTANCE);
      this.sub = c.connectPubSub(ByteArrayCodec.INSTANCE);
    } catch (RuntimeException e) {
      c.shutdown();
      resources.shutdown();
      inbound.shutdownNow();
      throw new IllegalStateException("cannot reach Redis at " + RedisUrl.shown(url) + ": " + RedisUrl.why(e), e);
    }
    this.client = c;
    this.presence = new ClusterPresence(c, channel, node, this::send, inbound);
    this.resync = new Resync(store, inbound);
  }

  /**
   * Connects to Redis; nothing is received until {@link #start}.
   *
   * @param url {@code redis://host:port}
   * @param channel the cluster's name: nodes with the same one form a cluster
   * @param store where missing events are read from
   * @param decoder a {@code message} or {@code notice} frame back into its event
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisBus connect(
      String url, String channel, Store store, Function<Out, byte[]> encoder, Function<byte[], Event> decoder, Sink sink) {
    return new RedisBus(url, channel, store, encoder, decoder, sink);
  }

  /** Starts receiving: {@code log} is the domain's side ({@code Chat.clusterLog}). */
  public void start(Log log) {
    this.log = log;
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] ch, byte[] message) {
        try {
          inbound.execute(() -> received(message));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          // this node is closing: what the others say no longer matters here
        }
      }

      /** Lettuce subscribes again by itself after a reconnect; what was shared meanwhile is read back. */
      @Override
      public void subscribed(byte[] ch, long count) {
        if (subscriptions.getAndIncrement() > 0) resync.run(log);
      }
    });
    sub.sync().subscribe(channel);
    inbound.scheduleWithFixedDelay(this::checkGaps, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    inbound.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    inbound.scheduleWithFixedDelay(this::sweepRevs, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    presence.start(log);
  }

  /** For tests: this node stops (or resumes) its heartbeat, as one that froze would, and keeps running. */
  public void heartbeat(boolean on) {
    presence.beating(on);
  }

  // ---------------------------------------------------------------- out

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public void publish(Audience to, Out frame) {
    byte[] json = encoder.apply(frame);
    sink.deliver(to, json);
    send(new Envelope.Frame(node, to, json));
  }

  /** Gathered frames go out one by one: only a node of its own gathers a room's notices. */
  @Override
  public void publishCoalesced(Audience to, List<Out> frames) {
    for (Out frame : frames) publish(to, frame);
  }

  @Override
  public void publishPresence(List<Out> frames) {
    LocalBus.deliverCoalesced(encoder, sink, Audience.everyone(), frames);
  }

  @Override
  public void status(String userId, Status status) {
    presence.status(userId, status);
  }

  @Override
  public void claimNick(String nick, String userId, java.util.function.Consumer<Boolean> then) {
    presence.claim(nick, userId, then);
  }

  @Override
  public void releaseNick(String nick, String userId, boolean renamed) {
    presence.release(nick, userId, renamed);
  }

  @Override
  public void publishEvent(Event event) {
    byte[] json = encoder.apply(new Out.Live(event));
    send(new Envelope.Logged(node, event.room(), event.seq(), json));
    inbound.execute(() -> arrived(new Item(event, json)));
  }

  @Override
  public void publishAmended(Message message, Out frame) {
    byte[] json = encoder.apply(frame);
    send(new Envelope.Amended(node, message.room(), json, encoder.apply(new Out.Live(message))));
    inbound.execute(() -> amended(new Amendment(message, json)));
  }

  @Override
  public void share(Change change) {
    resync.touch(change);
    if (!Envelope.shared(change)) return;
    Outgoing waiting = new Outgoing(Envelope.encode(new Envelope.Shared(node, change)), null, false);
    synchronized (outgoing) {
      outgoing.add(waiting);
    }
    store.afterQueued(() -> {
      waiting.ready = true;
      drain();
    });
  }

  @Override
  public void afterShared(Runnable then) {
    synchronized (outgoing) {
      outgoing.add(new Outgoing(null, then, true));
    }
    drain();
  }

  /**
   * Publishes a marker to this node itself: Redis hands every subscriber the channel's messages
   * in the order it received them, so when the marker is back (on the inbound thread, which
   * applies in arrival order) everything any node published before it has been applied here.
   */
  @Override
  public void catchUp(Runnable then) {
    long id = markers.incrementAndGet();
    catchingUp.put(id, then);
    inbound.schedule(() -> caughtUp(id), CATCH_UP_MILLIS, TimeUnit.MILLISECONDS);
    send(new Envelope.Marker(node, id));
  }

  /** The inbound thread runs tasks in order: this one after every own event handed to it before. */
  @Override
  public void afterDelivered(Runnable then) {
    try {
      inbound.execute(() -> runSafely(then));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      runSafely(then);
    }
  }

  private void caughtUp(long id) {
    Runnable then = catchingUp.remove(id);
    if (then != null) runSafely(then);
  }

  private void send(Envelope e) {
    Outgoing ready = new Outgoing(Envelope.encode(e), null, true);
    synchronized (outgoing) {
      outgoing.add(ready);
    }
    drain();
  }

  /** Sends what is ready at the head of the queue, in order, through the one connection. */
  private void drain() {
    synchronized (outgoing) {
      Outgoing head;
      while ((head = outgoing.peek()) != null && head.ready) {
        outgoing.poll();
        if (head.bytes != null) {
          RedisFuture<Long> sent = pub.async().publish(channel, head.bytes);
          lastSent = sent.toCompletableFuture();
        } else {
          Runnable then = head.then;
          lastSent.whenCompleteAsync((n, err) -> {
            if (err != null) LOG.warn("a publication to the other nodes failed", err);
            runSafely(then);
          }, inbound);
        }
      }
    }
  }

  // ---------------------------------------------------------------- in (the inbound thread)

  private void received(byte[] bytes) {
    try {
      Envelope e = Envelope.decode(bytes);
      if (e.node().equals(node)) {
        if (e instanceof Envelope.Marker m) caughtUp(m.id());
        return; // our own, delivered when we published it
      }
      if (e instanceof Envelope.Frame f) {
        sink.deliver(f.to(), f.json());
      } else if (e instanceof Envelope.Logged l) {
        arrived(new Item(decoder.apply(l.json()), l.json()));
      } else if (e instanceof Envelope.Amended a) {
        amended(new Amendment((Message) decoder.apply(a.message()), a.frame()));
      } else if (e instanceof Envelope.Shared s) {
        resync.touch(s.change());
        log.changed(s.change());
      } else if (e instanceof Envelope.Seen p) {
        presence.heard(p.node(), p.userId(), p.status());
      }
    } catch (RuntimeException x) {
      LOG.warn("could not apply a message from another node", x);
    }
  }

  private void arrived(Item item) {
    String room = item.event().room();
    SeqOrder<Item> order = orders.get(room);
    if (order == null) {
      long last = log.lastSeq(room);
      if (last < 0) return; // a room this node does not know has nobody here to deliver to
      order = new SeqOrder<>(last);
      orders.put(room, order);
    }
    deliver(order.offer(item.event().seq(), item, System.nanoTime() / 1_000_000));
  }

  private void deliver(List<Item> items) {
    if (items.isEmpty()) return;
    for (Item item : items) {
      log.logged(item.event());
      sink.deliver(Audience.room(item.event().room()), item.json());
    }
    String room = items.get(0).event().room();
    ArrayDeque<Amendment> held = waiting.get(room);
    if (held == null) return;
    long delivered = orders.get(room).delivered();
    Amendment next;
    while ((next = held.peek()) != null && next.message().seq() <= delivered) apply(held.poll());
    if (held.isEmpty()) waiting.remove(room);
  }

  /**
   * Changes to a room's messages reach members in rev order, each once, as events do in seq
   * order: two nodes' changes to one message can cross on their way to a third, and a client
   * that keeps the higher rev (the contract's rule) would otherwise drop an edit that came late.
   * A room's order starts at the rev this node had delivered when the room's first change
   * arrived (the domain moves a room's rev only through here in a cluster, own changes included).
   */
  private void amended(Amendment a) {
    String room = a.message().room();
    SeqOrder<Amendment> order = revOrders.get(room);
    if (order == null) {
      long known = log.lastRev(room);
      if (known < 0) return; // a room this node does not know has nobody here to deliver to
      order = new SeqOrder<>(known);
      revOrders.put(room, order);
    }
    for (Amendment next : order.offer(a.message().rev(), a, System.nanoTime() / 1_000_000)) afterItsMessage(next);
  }

  /**
   * A change to a message reaches members only after the message itself: one whose message is
   * still held here (it came from another node and the seqs before it have not all arrived)
   * waits for it, so nobody sees an edit before what it edits, and the tail keeps the edit.
   */
  private void afterItsMessage(Amendment a) {
    String room = a.message().room();
    SeqOrder<Item> order = orders.get(room);
    if (!waiting.containsKey(room) && (order == null || a.message().seq() <= order.delivered())) {
      apply(a);
      return;
    }
    waiting.computeIfAbsent(room, r -> new ArrayDeque<>()).add(a);
  }

  private void apply(Amendment a) {
    log.amended(a.message()); // this node's own: already in its tail, and the tail keeps the newer
    sink.deliver(Audience.room(a.message().room()), a.frame());
  }

  /** Reads from the store each gap that has been open for too long. */
  private void checkGaps() {
    long now = System.nanoTime() / 1_000_000;
    for (Map.Entry<String, SeqOrder<Item>> e : orders.entrySet()) {
      String room = e.getKey();
      SeqOrder<Item> order = e.getValue();
      if (order.overdue(now, GAP_MILLIS)) fill(room, order.missing());
    }
    for (Map.Entry<String, SeqOrder<Amendment>> e : revOrders.entrySet()) {
      if (e.getValue().overdue(now, GAP_MILLIS)) fillRevs(e.getKey(), e.getValue().missing());
    }
  }

  /**
   * Reads the messages of the room changed after rev {@code gap[0]}, as they are now: each comes
   * at its latest rev, so a change missing here is either among them or was overtaken by a
   * later change to the same message, which is.
   */
  private void fillRevs(String room, long[] gap) {
    if (!fillingRevs.add(room)) return;
    LOG.debug("{}: revs {}..{} did not arrive; reading the changes from the store", room, gap[0] + 1, gap[1]);
    store.changes(room, gap[0], FILL_LIMIT)
        .whenComplete((page, err) -> inbound.execute(() -> filledRevs(room, gap, page, err)));
  }

  private void filledRevs(String room, long[] gap, Store.Page page, Throwable err) {
    fillingRevs.remove(room);
    if (err != null) {
      LOG.warn("could not read the changes of {} after rev {}; trying again", room, gap[0], err);
      return;
    }
    SeqOrder<Amendment> order = revOrders.get(room);
    long now = System.nanoTime() / 1_000_000;
    List<Amendment> ready = new java.util.ArrayList<>();
    for (Event e : page.events()) {
      Message m = (Message) e;
      // the message whole (a reaction held at that rev carries only itself, and the changes
      // skipped just below may be the ones it overtook)
      Amendment whole = new Amendment(m, encoder.apply(new Out.Live(m)));
      order.replace(m.rev(), whole);
      ready.addAll(order.skipTo(m.rev() - 1, now)); // the revs between were overtaken by later ones
      ready.addAll(order.offer(m.rev(), whole, now));
    }
    if (!page.more()) ready.addAll(order.skipTo(gap[1], now)); // not stored any more (retention)
    for (Amendment a : ready) afterItsMessage(a);
  }

  /**
   * Compares every room's stored last seq with what this node delivered: a room still behind
   * what the previous sweep found (so for at least {@value #SWEEP_MILLIS} ms, far longer than
   * a publication takes) with nothing held is filled from the store.
   */
  private void sweep() {
    seqSweep.run(store.lastSeqs());
  }

  /**
   * The same for changes to messages: a room whose stored last rev this node is still behind
   * since the previous sweep, with nothing held, has its changes read from the store (the last
   * edit before a quiet spell, one published while Redis was away).
   */
  private void sweepRevs() {
    revSweep.run(store.lastRevs());
  }

  /**
   * One of the two sweeps (seqs of events, revs of changes): the same rule over a different
   * counter, its orders, and its way to fill. State is the inbound thread's own.
   */
  private final class Sweep<T> {
    private final String what;
    private final Map<String, SeqOrder<T>> orders;
    private final java.util.function.ToLongFunction<String> known;
    private final java.util.function.BiConsumer<String, long[]> fill;
    /** The stored counters the previous sweep found. */
    private Map<String, Long> previous = Map.of();

    Sweep(String what, Map<String, SeqOrder<T>> orders, java.util.function.ToLongFunction<String> known,
        java.util.function.BiConsumer<String, long[]> fill) {
      this.what = what;
      this.orders = orders;
      this.known = known;
      this.fill = fill;
    }

    void run(CompletableFuture<Map<String, Long>> stored) {
      stored.whenComplete((now, err) -> inbound.execute(() -> {
        if (err != null) {
          LOG.warn("could not read the rooms' {}", what, err);
          return;
        }
        for (Map.Entry<String, Long> e : previous.entrySet()) {
          String room = e.getKey();
          SeqOrder<T> order = orders.get(room);
          if (order == null) {
            long last = known.applyAsLong(room);
            if (last < 0 || last >= e.getValue()) continue;
            order = new SeqOrder<>(last);
            orders.put(room, order);
          }
          if (order.held() == 0 && order.delivered() < e.getValue()) fill.accept(room, new long[] {order.delivered(), e.getValue()});
        }
        previous = now;
      }));
    }
  }

  /** Reads seqs {@code gap[0] + 1 .. gap[1]} of the room from the store, unless a read is under way. */
  private void fill(String room, long[] gap) {
    if (!filling.add(room)) return;
    int limit = (int) Math.max(1, Math.min(FILL_LIMIT, gap[1] - gap[0]));
    LOG.debug("{}: seqs {}..{} did not arrive; reading them from the store", room, gap[0] + 1, gap[1]);
    store.history(room, null, gap[0], limit)
        .whenComplete((page, err) -> inbound.execute(() -> filled(room, gap, page, err)));
  }

  private void filled(String room, long[] gap, Store.Page page, Throwable err) {
    filling.remove(room);
    if (err != null) {
      LOG.warn("could not read {} after seq {} to fill a gap; trying again", room, gap[0], err);
      return;
    }
    SeqOrder<Item> order = orders.get(room);
    long now = System.nanoTime() / 1_000_000;
    List<Event> events = page.events();
    long first = events.isEmpty() ? gap[1] + 1 : events.get(0).seq();
    if (first > order.delivered() + 1) {
      // The store no longer holds the start of the gap (retention removed it): skip it.
      deliver(order.skipTo(Math.min(first - 1, gap[1]), now));
    }
    for (Event event : events) {
      deliver(order.offer(event.seq(), new Item(event, encoder.apply(new Out.Live(event))), now));
    }
  }

  @Override
  public void close() {
    try {
      synchronized (outgoing) {
        lastSent.get(2, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.debug("the last publication did not complete before close", e);
    }
    inbound.shutdownNow();
    presence.close();
    resync.close();
    sub.close();
    pub.close();
    client.shutdown();
    resources.shutdown();
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.error("a task after a publication threw", t);
    }
  }
}
