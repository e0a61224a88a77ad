package dev.parley;

/**
 * One running node: store, domain, fan-out and the HTTP/WebSocket listener, wired together.
 * {@link #start} returns when the node can take traffic; {@link #close} is the graceful
 * shutdown (stop accepting, close sockets with 1001, flush the store).
 */
public final class ParleyServer implements AutoCloseable {

  public static ParleyServer start(ParleyConfig config) {
    throw new UnsupportedOperationException("being written");
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public void close() {}
}
