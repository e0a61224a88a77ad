package dev.parley.domain;

/**
 * One connection, as the domain sees it. The web layer implements it; both methods may be called
 * from any thread and must hand the work to the connection's own event loop.
 */
public interface Client {

  /** Sends a reply to this connection only. */
  void send(Out frame);

  /** Closes the connection with a WebSocket close code. */
  void close(int code, String reason);

  /**
   * Who the client is for the limits that count per address (the peer, or the address a trusted
   * proxy forwarded, as the web layer keys it), or null when unknown (tests).
   */
  default String address() {
    return null;
  }

  /** The User-Agent the client sent with its upgrade, or null. */
  default String agent() {
    return null;
  }
}
