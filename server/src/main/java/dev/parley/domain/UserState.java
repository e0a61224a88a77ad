package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user held in memory: profile, rooms with read markers, and whether they are online.
 * Connection counting and nick changes happen under the object's monitor; the rest is
 * concurrent or volatile because any event loop may read it.
 */
final class UserState {
  final String id;
  final String tokenHash;
  final long createdTs;
  /** Room name to read marker. */
  final Map<String, Long> rooms = new ConcurrentHashMap<>();
  volatile String nick;
  volatile String avatar;
  volatile String status = Chat.OFFLINE;
  volatile long lastActive;
  /** Guarded by this object's monitor; 0 to 1 and 1 to 0 also move the user in and out of Chat's online index. */
  int connections;

  UserState(String id, String nick, String avatar, String tokenHash, long createdTs) {
    this.id = id;
    this.nick = nick;
    this.avatar = avatar;
    this.tokenHash = tokenHash;
    this.createdTs = createdTs;
  }

  Profile profile() {
    return new Profile(id, nick, avatar);
  }
}
