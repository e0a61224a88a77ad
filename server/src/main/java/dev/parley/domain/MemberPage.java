package dev.parley.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One page of a room's members for {@code members}: the {@code n} smallest ids after a cursor, so
 * that pages stay stable while people join and leave, found in one pass over the member set (n log
 * n of a page, never a sort of a room of 100,000). Presence is each user's status as this node
 * knows it, which in a cluster is the cluster's.
 */
final class MemberPage {
  private MemberPage() {}

  static Out.Members of(Registry registry, RoomState room, String after, int n, String ref) {
    PriorityQueue<String> first = new PriorityQueue<>(n + 1, Comparator.reverseOrder());
    boolean more = false;
    for (String id : room.members) {
      if (id.compareTo(after) <= 0) continue;
      first.add(id);
      if (first.size() > n) {
        first.poll();
        more = true;
      }
    }
    List<String> ids = new ArrayList<>(first);
    ids.sort(null);
    List<Out.UserView> views = new ArrayList<>(ids.size());
    for (String id : ids) {
      UserState u = registry.users.get(id);
      if (u != null)
        views.add(
            new Out.UserView(
                u.id,
                u.nick,
                u.avatar,
                u.status,
                u.isProtected(),
                registry.admins.role(u),
                room.isDirect() ? null : RoomRoles.of(room, u.id).wire()));
    }
    String next = more && !ids.isEmpty() ? ids.get(ids.size() - 1) : null;
    return new Out.Members(ref, room.name, views, more, next);
  }
}
