package dev.parley.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a {@code welcome} holds: the user (protected or not, their role), their rooms with read
 * markers, the first page of the directory, who is online, the server's limits and retention. Built
 * once per hello, on the thread that greets.
 */
final class Welcomes {
  private Welcomes() {}

  static Out.Welcome of(
      Registry registry, UserState user, String token, String ref, String sessionId) {
    List<Out.RoomView> mine = new ArrayList<>();
    for (Map.Entry<String, Long> e : user.rooms.entrySet()) {
      RoomState room = registry.rooms.get(e.getKey());
      if (room != null) mine.add(registry.view(room, e.getValue(), user.id));
    }
    mine.sort(Comparator.comparing(Out.RoomView::name));
    Directory.Page directory = registry.directory.first();
    return new Out.Welcome(
        ref,
        user.profile(),
        token,
        mine,
        directory.rooms(),
        registry.roster.now(),
        registry.settings.version(),
        registry.settings.limits(),
        registry.settings.retention(),
        directory.more(),
        directory.next(),
        sessionId,
        user.isProtected(),
        registry.admins.role(user));
  }
}
