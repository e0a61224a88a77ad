package dev.parley.domain;

/** A connection that has said hello: which user it speaks for and how to reach it. */
public final class Session {
  final UserState user;
  final Client client;

  /**
   * Set when the connection closed, so a welcome that waited (see {@link Cluster#afterShared}) is
   * not sent.
   */
  volatile boolean closed;

  /** The signed-in device this connection speaks for (its token's session); set by hello. */
  volatile SessionState login;

  Session(UserState user, Client client) {
    this.user = user;
    this.client = client;
  }

  public String userId() {
    return user.id;
  }

  public Client client() {
    return client;
  }
}
