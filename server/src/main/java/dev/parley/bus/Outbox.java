package dev.parley.bus;

import dev.parley.domain.Store;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's publications to the other nodes, sent in the order it made them through one Redis
 * connection (Redis keeps a connection's order, and hands every subscriber the channel's messages
 * in the order it received them). A change to users, rooms or memberships ({@link #sendStored})
 * goes out only once the store has committed it, and everything queued after it waits behind it, so
 * another node never hears of a room, or a frame about it, before it can find it in the database.
 * {@link #afterSent} runs a task once everything before it was acknowledged by Redis.
 *
 * <p>Any thread may publish; the queue and the last send are guarded by the queue's monitor.
 */
final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final byte[] channel;
  private final Store store;

  /** Where tasks waiting for acknowledgements run: the bus's inbound thread. */
  private final Executor inbound;

  /** This node's publications not yet sent; guarded by itself. */
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

  /** The last PUBLISH sent; guarded by {@link #queue}. */
  private CompletableFuture<?> lastSent = CompletableFuture.completedFuture(null);

  /**
   * A publication waiting its turn: bytes to publish once ready, or (bytes null) a task to run once
   * everything before it has been acknowledged by Redis.
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

  Outbox(
      StatefulRedisConnection<byte[], byte[]> pub, byte[] channel, Store store, Executor inbound) {
    this.pub = pub;
    this.channel = channel;
    this.store = store;
    this.inbound = inbound;
  }

  /** Publishes {@code e} after everything queued before it. */
  void send(Envelope e) {
    enqueue(new Outgoing(Envelope.encode(e), null, true));
  }

  /**
   * Publishes {@code e} once the store has committed the writes queued so far, and holds what
   * follows behind it.
   */
  void sendStored(Envelope e) {
    Outgoing waiting = new Outgoing(Envelope.encode(e), null, false);
    synchronized (queue) {
      queue.add(waiting);
    }
    store.afterQueued(
        () -> {
          waiting.ready = true;
          drain();
        });
  }

  /**
   * Runs {@code then} on the inbound thread once everything queued before it is acknowledged by
   * Redis.
   */
  void afterSent(Runnable then) {
    enqueue(new Outgoing(null, then, true));
  }

  /** Waits (at most {@code millis}) for the last publication sent: closing should not drop it. */
  void awaitLastSent(long millis) {
    try {
      synchronized (queue) {
        lastSent.get(millis, TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      LOG.debug("the last publication did not complete before close", e);
    }
  }

  void close() {
    pub.close();
  }

  /**
   * Runs a task that waited for a publication; what it throws is logged, never lost in a future.
   */
  static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.error("a task after a publication threw", t);
    }
  }

  private void enqueue(Outgoing o) {
    synchronized (queue) {
      queue.add(o);
    }
    drain();
  }

  /** Sends what is ready at the head of the queue, in order, through the one connection. */
  private void drain() {
    synchronized (queue) {
      Outgoing head;
      while ((head = queue.peek()) != null && head.ready) {
        queue.poll();
        if (head.bytes != null) {
          lastSent = pub.async().publish(channel, head.bytes).toCompletableFuture();
        } else {
          Runnable then = head.then;
          lastSent.whenCompleteAsync(
              (n, err) -> {
                if (err != null) LOG.warn("a publication to the other nodes failed", err);
                runSafely(then);
              },
              inbound);
        }
      }
    }
  }
}
