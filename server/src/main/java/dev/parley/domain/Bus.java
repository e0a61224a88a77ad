package dev.parley.domain;


/**
 * Carries published frames to every node's connections. The embedded implementation hands
 * them straight to this process's fan-out; the cluster one goes through Redis. A frame is
 * encoded once here, and every node delivers those same bytes.
 *
 * <p>Order: frames published from one thread reach each connection in the order published.
 */
public interface Bus extends AutoCloseable {

  void publish(Audience to, Out frame);

  /**
   * Publishes frames gathered over a tick ({@link Coalescer}): connections that asked for
   * batches get one {@link Out.Batch} of them, the others each frame in order. This default,
   * for a bus that cannot tell them apart, sends each frame to everyone.
   */
  default void publishCoalesced(Audience to, java.util.List<Out> frames) {
    for (Out frame : frames) publish(to, frame);
  }

  @Override
  void close();

  /** Where a node's bus delivers: this process's sockets. */
  interface Sink {
    void deliver(Audience to, byte[] json);

    /**
     * {@code batch} to the connections that asked for batches, each of {@code each} to the
     * others. This default, for a sink that cannot tell them apart, delivers each to everyone.
     */
    default void deliverCoalesced(Audience to, java.util.List<byte[]> each, byte[] batch) {
      for (byte[] json : each) deliver(to, json);
    }
  }
}
