package dev.parley.domain;

import java.util.Set;

/**
 * The local fan-out's index of who receives what, kept in step by the domain. Each call is made
 * before the next event that depends on it is published, so a user who has just joined a room
 * receives its own join notice, and one who has left does not receive the next event.
 */
public interface Subscriptions {

  /** A connection said hello as this user, who is a member of these rooms. */
  void attach(String userId, Client client, Set<String> rooms);

  /** The connection closed. */
  void detach(String userId, Client client);

  /** The user became a member of the room: all their connections receive its events. */
  void joined(String room, String userId);

  void left(String room, String userId);
}
