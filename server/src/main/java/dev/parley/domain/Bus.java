package dev.parley.domain;

import java.util.List;

/**
 * Fan-out: carries published frames to the connections of every node. The embedded implementation
 * hands them straight to this process's fan-out; the cluster one also sends them through Redis. A
 * frame is encoded once here, and every node delivers those same bytes. What the nodes of a cluster
 * must agree on beyond frames (events in seq order, shared changes, nick claims, presence) is the
 * other port, {@link Cluster}.
 *
 * <p>Order: frames published from one thread reach each connection in the order published.
 */
public interface Bus extends AutoCloseable {

  /** {@code frame} to {@code to}, on every node. */
  void publish(Audience to, Out frame);

  /**
   * Frames gathered over a tick ({@link Coalescer}): connections that asked for batches get one
   * {@link Out.Batch} of them, the others each frame in order.
   */
  void publishCoalesced(Audience to, List<Out> frames);

  /**
   * Presence frames this node worked out, to everyone on this node only, gathered as in {@link
   * #publishCoalesced}. In a cluster every node works them out for its own connections from what
   * all nodes report ({@link Cluster#status}); on a node of its own, this node's connections are
   * everyone.
   */
  void publishPresence(List<Out> frames);

  @Override
  void close();

  /** Where a node's bus delivers: this process's sockets. */
  interface Sink {
    void deliver(Audience to, byte[] json);

    /**
     * {@code batch} to the connections that asked for batches, each of {@code each} to the others.
     */
    void deliverCoalesced(Audience to, List<byte[]> each, byte[] batch);
  }
}
