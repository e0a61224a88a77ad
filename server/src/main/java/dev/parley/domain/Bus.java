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

  @Override
  void close();

  /** Where a node's bus delivers: this process's sockets. */
  interface Sink {
    void deliver(Audience to, byte[] json);
  }
}
