package dev.parley.bus;

import dev.parley.bus.RoomDelivery.LiveChange;
import dev.parley.bus.RoomDelivery.LiveEvent;
import dev.parley.domain.Bus;
import dev.parley.domain.Cluster;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives on the cluster's channel, applied on the bus's one inbound thread in the order it
 * arrived: a frame to this node's sockets, an event or a change to a message into its room's order
 * ({@link RoomDelivery}), a shared change to the domain, a status to {@link ClusterPresence}. A
 * node delivered its own publications as it made them, so their echo is ignored, except its
 * catch-up markers ({@link Markers}). A subscription confirmed again after a lost connection has
 * the store read back ({@link Resync}).
 */
final class Inbound extends RedisPubSubAdapter<byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

  private final String node;
  private final Cluster.Log log;
  private final Bus.Sink sink;
  private final Function<byte[], Event> decoder;
  private final RoomDelivery rooms;
  private final Markers markers;
  private final ClusterPresence presence;
  private final Resync resync;
  private final Executor inbound;

  /**
   * How many times the channel was subscribed: every time after the first follows a lost
   * connection.
   */
  private final AtomicInteger subscriptions = new AtomicInteger();

  /**
   * @param decoder a {@code message} or {@code notice} frame back into its event
   */
  Inbound(
      String node,
      Cluster.Log log,
      Bus.Sink sink,
      Function<byte[], Event> decoder,
      RoomDelivery rooms,
      Markers markers,
      ClusterPresence presence,
      Resync resync,
      Executor inbound) {
    this.node = node;
    this.log = log;
    this.sink = sink;
    this.decoder = decoder;
    this.rooms = rooms;
    this.markers = markers;
    this.presence = presence;
    this.resync = resync;
    this.inbound = inbound;
  }

  /** On a Lettuce thread: queued for the inbound thread. */
  @Override
  public void message(byte[] channel, byte[] message) {
    try {
      inbound.execute(() -> received(message));
    } catch (RejectedExecutionException closing) {
      // this node is closing: what the others say no longer matters here
    }
  }

  /**
   * Lettuce subscribes again by itself after a reconnect; what was shared meanwhile is read back.
   */
  @Override
  public void subscribed(byte[] channel, long count) {
    if (subscriptions.getAndIncrement() > 0) resync.run(log);
  }

  private void received(byte[] bytes) {
    try {
      Envelope e = Envelope.decode(bytes);
      if (e.node().equals(node)) {
        if (e instanceof Envelope.Marker m) markers.back(m.id());
        return; // our own, delivered when we published it
      }
      if (e instanceof Envelope.Frame f) {
        sink.deliver(f.to(), f.json());
      } else if (e instanceof Envelope.Logged l) {
        rooms.event(new LiveEvent(decoder.apply(l.json()), l.json()));
      } else if (e instanceof Envelope.Amended a) {
        rooms.change(new LiveChange((Message) decoder.apply(a.message()), a.frame()));
      } else if (e instanceof Envelope.Shared s) {
        resync.touch(s.change());
        log.changed(s.change());
      } else if (e instanceof Envelope.Seen p) {
        presence.heard(p.node(), p.userId(), p.status());
      } else if (e instanceof Envelope.Marker) {
        // another node catching up: nothing to apply here
      } else {
        throw new IllegalStateException(
            "an envelope this node cannot apply: " + e.getClass().getSimpleName());
      }
    } catch (RuntimeException x) {
      LOG.warn("could not apply a message from another node", x);
    }
  }
}
