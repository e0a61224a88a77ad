package dev.parley.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The doors of the HTTP requests beside the socket: which uploads a user may fetch, which room they
 * may export, which rooms they may search. The same answers as the socket's doors ({@link
 * Registry#memberRoom}): a private room or a conversation of others is, over HTTP too, a room that
 * does not exist. Reached through {@link Chat#httpDoors}.
 */
public final class HttpDoors {
  private final Registry registry;
  private final UnaryOperator<String> tokens;

  HttpDoors(Registry registry, UnaryOperator<String> tokens) {
    this.registry = registry;
    this.tokens = tokens;
  }

  /**
   * The id of the user a request's token belongs to, or null, for {@code then}. In a cluster, a
   * token this node does not know may have been issued by another node an instant ago (nginx sent
   * the client's next request here at once): it is looked up again once this node has caught up
   * with the others ({@link Cluster#catchUp}, as {@code hello} waits), and {@code then} runs on the
   * bus's thread. Else (a known token, none, a node of its own) {@code then} runs at once, here.
   */
  public void userIdForToken(String token, Consumer<String> then) {
    String known = tokens.apply(token);
    if (known != null || token == null || token.isEmpty() || !registry.cluster.clustered()) {
      then.accept(known);
    } else {
      registry.cluster.catchUp(() -> then.accept(tokens.apply(token)));
    }
  }

  /**
   * For an export {@link #exportable} refused: in a cluster, when the refusal could be this node
   * being behind, runs {@code retry} (on the bus's thread) once it has caught up with the others,
   * and says true. Behind means this node does not know the user or the room (either may have been
   * made on another node an instant ago), or knows a public room the user is not a member of (a new
   * user's membership of {@value Chat#GENERAL} trails their session, which is why the HTTP doors
   * catch up at all). An outsider of a private room this node knows gets the same 404 after a
   * catch-up as before it, so it is not asked for: false, as on a node of its own. (An invitation
   * accepted on another node an instant ago is the one answer this could change; a reload asks
   * again.)
   */
  public boolean retryExportAfterCatchUp(String userId, String room, Runnable retry) {
    UserState user = userId == null ? null : registry.users.get(userId);
    RoomState known = room == null ? null : registry.rooms.get(room);
    boolean outsider = user != null && known != null && known.isPrivate();
    return !outsider && registry.retryAfterCatchUp(retry);
  }

  /**
   * Whether {@code userId} (null: nobody signed in) may fetch an upload of {@code owner}'s (null:
   * one from before uploads had owners) that messages of {@code rooms} showed, deleted and purged
   * messages included. Its uploader always may. Shown in a public room, it is as open as that room,
   * which anyone may join. Shown only in private rooms and direct conversations, only their members
   * may: a private room stays private through its images too, even for someone given the URL, and
   * even once its message is deleted. Shown nowhere yet (uploaded, not sent), it is its uploader's
   * alone (an upload from before owners: whoever has its URL, as then).
   */
  public boolean maySeeUpload(String userId, String owner, java.util.Collection<String> rooms) {
    if (userId != null && userId.equals(owner)) return true;
    if (rooms.isEmpty()) return owner == null;
    for (String name : rooms) {
      RoomState room = registry.rooms.get(name);
      if (room != null && !room.isPrivate()) return true;
    }
    UserState user = userId == null ? null : registry.users.get(userId);
    if (user == null) return false;
    for (String name : rooms) if (user.rooms.containsKey(name)) return true;
    return false;
  }

  /**
   * Whether {@code userId} (null: nobody signed in) may fetch the image of a link preview shown in
   * {@code room}: as open as the room. Anyone for a public room (as its uploads), its members for a
   * private room or a conversation, nobody for a room that no longer exists.
   */
  public boolean maySeePreview(String userId, String room) {
    RoomState r = registry.rooms.get(room);
    return r != null && registry.knows(userId == null ? null : registry.users.get(userId), r);
  }

  /**
   * The room as an export starts from it, if {@code userId} may export it: members only, and a
   * direct conversation of others does not exist (the same doors as the socket's).
   *
   * @throws ChatException {@code not_found} or {@code not_member}
   */
  public Snapshot.RoomRow exportable(String userId, String room) {
    UserState user = userId == null ? null : registry.users.get(userId);
    if (user == null)
      throw new ChatException(
          ChatException.Code.NOT_FOUND, "There is no room called " + room + ".");
    return Registry.row(registry.memberRoom(user, room));
  }

  /**
   * The rooms {@code userId} may search: the rooms they are a member of (public rooms and their
   * direct conversations), or just {@code room} when given and they may read it. A room they may
   * not read gives an empty list, exactly as one that does not exist. Null for no such user.
   */
  public List<String> searchable(String userId, String room) {
    UserState user = userId == null ? null : registry.users.get(userId);
    if (user == null) return null;
    List<String> names = new ArrayList<>();
    for (String name : room != null ? List.of(room) : List.copyOf(user.rooms.keySet())) {
      try {
        names.add(registry.memberRoom(user, name).name);
      } catch (ChatException e) {
        // not a member (or no such room): nothing to search there
      }
    }
    return names;
  }
}
