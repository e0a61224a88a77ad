package dev.parley.bus;

import dev.parley.bus.RoomDelivery.LiveChange;
import dev.parley.bus.RoomDelivery.LiveEvent;
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
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cluster's {@link Bus} and {@link Cluster}: one Redis pub/sub channel shared by every node.
 * Each publication is encoded once and crosses once, whatever the number of recipients and nodes:
 * the frame's bytes and its audience go out in one {@code PUBLISH}; every other node hands the same
 * bytes to its own {@link Bus.Sink} (the fan-out), which finds its own members. A node delivers its
 * own frames straight to its sink and ignores their echo, so nothing reaches a socket twice.
 *
 * <p>This class wires the parts and answers the two ports; each job is a class of its own: {@link
 * Outbox} (publications out, in order, a shared change only once stored), {@link Inbound} (what
 * arrives, applied on one thread in arrival order), {@link RoomDelivery} with one {@link
 * RoomOrders} per counter (a room's events in seq order and its changes in rev order, gaps read
 * from the store) and a {@link Sweep} per counter (what no gap reveals), {@link Markers} (catching
 * up), {@link ClusterPresence} (statuses, heartbeat, nick claims in Redis) and {@link Resync} (the
 * store read back after Redis returns).
 */
public final class RedisBus implements Bus, Cluster {

  /**
   * The longest wait between two attempts to reach Redis again. Lettuce's own default grows to 30
   * s: after Redis was away for 37 s, fan-out came back 26 s after Redis did.
   */
  static final Duration RECONNECT_MAX = Duration.ofSeconds(1);

  /** How long closing waits for the last publication to reach Redis. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final String node = UUID.randomUUID().toString();
  private final byte[] channel;
  private final Function<Out, byte[]> encoder;
  private final Function<byte[], Event> decoder;
  private final Sink sink;
  private final Store store;
  private final RedisClient client;
  private final ClientResources resources;
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;

  /** The one thread that applies what other nodes sent and orders every room's events. */
  private final ScheduledExecutorService inbound;

  private final Outbox outbox;
  private final Markers markers;
  private final ClusterPresence presence;
  private final ClusterVisibility visibility;
  private final Resync resync;

  /** Set once by {@link #start}; used on the inbound thread. */
  private volatile RoomDelivery rooms;

  private RedisBus(
      String url,
      String channel,
      Store store,
      Function<Out, byte[]> encoder,
      Function<byte[], Event> decoder,
      Sink sink) {
    this.channel = (channel + ":bus").getBytes(StandardCharsets.UTF_8);
    this.store = store;
    this.encoder = encoder;
    this.decoder = decoder;
    this.sink = sink;
    this.inbound =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-cluster-in");
              t.setDaemon(true);
              return t;
            });
    this.resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient c = RedisClient.create(resources, url);
    try {
      this.outbox = new Outbox(c.connect(ByteArrayCodec.INSTANCE), this.channel, store, inbound);
      this.sub = c.connectPubSub(ByteArrayCodec.INSTANCE);
    } catch (RuntimeException e) {
      c.shutdown();
      resources.shutdown();
      inbound.shutdownNow();
      throw new IllegalStateException(
          "cannot reach Redis at " + RedisUrl.shown(url) + ": " + RedisUrl.why(e), e);
    }
    this.client = c;
    this.markers = new Markers(node, outbox, inbound);
    this.presence = new ClusterPresence(c, channel, node, outbox::send, inbound);
    this.visibility = new ClusterVisibility(c, channel, node);
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
      String url,
      String channel,
      Store store,
      Function<Out, byte[]> encoder,
      Function<byte[], Event> decoder,
      Sink sink) {
    return new RedisBus(url, channel, store, encoder, decoder, sink);
  }

  /** Starts receiving: {@code log} is the domain's side ({@code Chat.clusterLog}). */
  public void start(Log log) {
    RoomDelivery delivery = new RoomDelivery(log, sink, store, encoder, inbound);
    this.rooms = delivery;
    sub.addListener(
        new Inbound(node, log, sink, decoder, delivery, markers, presence, resync, inbound));
    sub.sync().subscribe(channel);
    long check = RoomDelivery.CHECK_MILLIS;
    inbound.scheduleWithFixedDelay(delivery::checkGaps, check, check, TimeUnit.MILLISECONDS);
    Sweep seqs = new Sweep("last seqs", store::lastSeqs, delivery.seqs(), inbound);
    Sweep revs = new Sweep("last revs", store::lastRevs, delivery.revs(), inbound);
    inbound.scheduleWithFixedDelay(
        seqs::run, Sweep.EVERY_MILLIS, Sweep.EVERY_MILLIS, TimeUnit.MILLISECONDS);
    inbound.scheduleWithFixedDelay(
        revs::run, Sweep.EVERY_MILLIS, Sweep.EVERY_MILLIS, TimeUnit.MILLISECONDS);
    presence.start(log);
  }

  // ---------------------------------------------------------------- Bus

  @Override
  public void publish(Audience to, Out frame) {
    byte[] json = encoder.apply(frame);
    sink.deliver(to, json);
    outbox.send(new Envelope.Frame(node, to, json));
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

  // ---------------------------------------------------------------- Cluster

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public void publishEvent(Event event) {
    byte[] json = encoder.apply(new Out.Live(event));
    outbox.send(new Envelope.Logged(node, event.room(), event.seq(), json));
    inbound.execute(() -> rooms.event(new LiveEvent(event, json)));
  }

  @Override
  public void publishAmended(Message message, Out frame) {
    byte[] json = encoder.apply(frame);
    outbox.send(
        new Envelope.Amended(node, message.room(), json, encoder.apply(new Out.Live(message))));
    inbound.execute(() -> rooms.change(new LiveChange(message, json)));
  }

  @Override
  public void share(Change change) {
    resync.touch(change);
    if (Envelope.shared(change)) outbox.sendStored(new Envelope.Shared(node, change));
  }

  @Override
  public void afterShared(Runnable then) {
    outbox.afterSent(then);
  }

  /** The inbound thread runs tasks in order: this one after every own event handed to it before. */
  @Override
  public void afterDelivered(Runnable then) {
    try {
      inbound.execute(() -> Outbox.runSafely(then));
    } catch (RejectedExecutionException closed) {
      Outbox.runSafely(then);
    }
  }

  @Override
  public void catchUp(Runnable then) {
    markers.catchUp(then);
  }

  @Override
  public void status(String userId, Status status) {
    presence.status(userId, status);
  }

  @Override
  public void visible(String userId, boolean visible) {
    visibility.visible(userId, visible);
  }

  /** Blocks: whether the user has a visible tab on another node (Web Push asks, on its pool). */
  public boolean visibleElsewhere(String userId) {
    return visibility.elsewhere(userId);
  }

  @Override
  public void claimNick(String nick, String userId, Consumer<Boolean> then) {
    presence.claim(nick, userId, then);
  }

  @Override
  public void releaseNick(String nick, String userId, boolean renamed) {
    presence.release(nick, userId, renamed);
  }

  @Override
  public void close() {
    outbox.awaitLastSent(CLOSE_WAIT_MILLIS);
    inbound.shutdownNow();
    presence.close();
    visibility.close();
    resync.close();
    sub.close();
    outbox.close();
    client.shutdown();
    resources.shutdown();
  }
}
