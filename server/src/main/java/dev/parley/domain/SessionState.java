package dev.parley.domain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session in memory: a token given in a welcome, its user, and the connections on this node
 * that speak for it (closed with 4001 when it is revoked). {@link #lastSeen} and {@link #revoked}
 * may be read by any thread.
 */
final class SessionState {
  final String id;
  final UserState user;
  final String tokenHash;
  final long created;
  final String agent;

  /** When its last connection closed (on any node, as far as this one knows), or its creation. */
  volatile long lastSeen;

  volatile boolean revoked;

  /** This node's connections of the session. */
  final Set<Client> clients = ConcurrentHashMap.newKeySet();

  SessionState(
      String id, UserState user, String tokenHash, long created, String agent, long lastSeen) {
    this.id = id;
    this.user = user;
    this.tokenHash = tokenHash;
    this.created = created;
    this.agent = agent;
    this.lastSeen = lastSeen;
  }

  Snapshot.SessionRow row() {
    return new Snapshot.SessionRow(id, user.id, tokenHash, created, lastSeen, agent, revoked);
  }
}
