package dev.parley.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who the authors of a page of history are now. Events keep the author they were sent with (the log
 * is append-only and exports must be exact), but a name on screen belongs to a user id: a client
 * that pages back to a renamed user's old messages, while that user is offline, learns the name
 * they have now from here instead of showing the one they gave up, which someone else may hold by
 * now.
 */
final class Authors {

  private Authors() {}

  /**
   * The current profile of each distinct author (message sender or notice subject) in {@code
   * events}, and of each person a message mentions by id (so the client shows their name now), in
   * order of first appearance; users no longer known (removed) are left out. At most one entry per
   * event and per mention, so a page's answer stays bounded by its own size.
   */
  static List<Profile> now(List<Event> events, Map<String, UserState> users) {
    Set<String> ids = new LinkedHashSet<>();
    for (Event e : events) {
      if (e instanceof Message m) {
        ids.add(m.from().id());
        for (Mention x : m.mentions()) ids.add(x.id());
      } else if (e instanceof Notice n) ids.add(n.user().id());
      else throw new IllegalArgumentException("no author for this kind of event: " + e);
    }
    List<Profile> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      UserState u = users.get(id);
      if (u != null) out.add(u.profile());
    }
    return out;
  }
}
