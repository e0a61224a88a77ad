package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.QUOTA;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push, the domain's side: which messages are pushed to whom, each device's subscription, and
 * whether a user has a visible tab. A new message is pushed to a member of its room when it is for
 * them by the level they chose there ({@link NotifyLevels}): {@code none}, never; {@code all},
 * every message; {@code mentions} and the default, a mention of them, any message of a direct
 * conversation, and a reply in a thread they take part in (wrote its root or replied in it), as the
 * web client's own notifications decide. Never their own message, never to a non-member (the room's
 * members now, read where the message was stored), and never while one of the user's connections
 * says its page is visible ({@code visible}): here, or on another node (the adapter asks the
 * cluster). Only the node that stored the message pushes.
 *
 * <p>Off ({@link Pusher} unset) the frames are refused and nothing is pushed.
 */
public final class PushNotes {
  /** Devices one user may subscribe. */
  public static final int MAX_DEVICES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(PushNotes.class);

  private final Registry registry;
  private volatile Pusher pusher;

  PushNotes(Registry registry, RoomLog log) {
    this.registry = registry;
    log.afterPosted(this::posted);
  }

  /** Turns push on with {@code pusher}. Set once, at start. */
  public void start(Pusher pusher) {
    this.pusher = pusher;
  }

  /** Whether push is on. */
  public boolean on() {
    return pusher != null;
  }

  /** {@code visible}: whether this connection's page is visible now. */
  public void visible(Session session, boolean on) {
    Set<Session> visible = session.user.visible;
    boolean before = anyVisible(session.user);
    if (on && !session.closed) visible.add(session);
    else visible.remove(session);
    boolean after = anyVisible(session.user);
    if (before != after) registry.cluster.visible(session.user.id, after);
  }

  /** The connection closed: it is visible no more. */
  void closed(Session session) {
    if (session.user.visible.remove(session) && !anyVisible(session.user))
      registry.cluster.visible(session.user.id, false);
  }

  /** {@code push_key}: the VAPID public key a device subscribes with. */
  public void key(Session session, String ref) {
    session.client.send(new Out.PushKey(ref, required().publicKey()));
  }

  /** {@code push}: stores this device's subscription for the user. */
  public void subscribe(Session session, String endpoint, String p256dh, String auth, String ref) {
    Pusher p = required();
    PushDevice device = PushDevice.of(endpoint, p256dh, auth, p::allows);
    p.subscribe(session.user.id, device, MAX_DEVICES)
        .whenComplete(
            (added, failed) -> {
              if (failed != null) {
                LOG.warn("could not store a push subscription", failed);
                session.client.send(
                    new Out.Error(ref, ChatException.Code.INTERNAL.wire(), "Try again."));
              } else if (!added) {
                session.client.send(
                    new Out.Error(
                        ref,
                        QUOTA.wire(),
                        "At most " + MAX_DEVICES + " devices get notifications; turn one off."));
              } else {
                session.client.send(new Out.Ok(ref, null));
              }
            });
  }

  /** {@code unpush}: forgets this user's device of {@code endpoint}. */
  public void unsubscribe(Session session, String endpoint, String ref) {
    Pusher p = required();
    if (endpoint == null || endpoint.length() > PushDevice.MAX_ENDPOINT)
      throw new ChatException(BAD_REQUEST, "Field 'endpoint' is required.");
    p.unsubscribe(session.user.id, endpoint)
        .whenComplete(
            (removed, failed) ->
                session.client.send(
                    failed == null
                        ? new Out.Ok(ref, null)
                        : new Out.Error(ref, ChatException.Code.INTERNAL.wire(), "Try again.")));
  }

  private Pusher required() {
    Pusher p = pusher;
    if (p == null) throw new ChatException(BAD_REQUEST, "This server does not push.");
    return p;
  }

  private static boolean anyVisible(UserState user) {
    user.visible.removeIf(s -> s.closed);
    return !user.visible.isEmpty();
  }

  /**
   * A new message, stored and published, on the writer thread; {@code root} its thread's root. Only
   * the members it could be for are looked at ({@link #candidates}), not the whole room: in a room
   * of thousands an ordinary message costs a look at those who chose {@code all}, not a walk.
   */
  private void posted(Message m, Message root) {
    Pusher p = pusher;
    if (p == null || m.deleted() || m.from() == null) return;
    RoomState room = registry.rooms.get(m.room());
    if (room == null) return;
    for (String id : candidates(room, m, root)) {
      UserState user = registry.users.get(id);
      if (user == null || id.equals(m.from().id()) || !room.members.contains(id)) continue;
      String reason = reason(user, room, m, root);
      if (reason == null || anyVisible(user)) continue;
      p.push(
          id,
          new PushNote(
              room.name,
              room.isDirect() ? null : room.name,
              m.seq(),
              m.from().nick(),
              excerpt(m),
              reason));
    }
  }

  /**
   * Everyone {@link #reason} could answer for: in a direct conversation both members; elsewhere
   * those mentioned, those taking part in the thread, and those who chose {@code all} here. Each is
   * still checked (a member, not the sender, a reason, no visible page).
   */
  static Set<String> candidates(RoomState room, Message m, Message root) {
    if (room.isDirect()) return room.members;
    Set<String> ids = new LinkedHashSet<>(room.notifyAll);
    for (Mention mention : m.mentions()) ids.add(mention.id());
    if (m.conversation().thread() != null && root != null) {
      if (root.from() != null) ids.add(root.from().id());
      Conversation.Replies replies = root.conversation().replies();
      if (replies != null) ids.addAll(replies.users());
    }
    return ids;
  }

  /** Why {@code m} is pushed to {@code user}, or null when it is not. */
  static String reason(UserState user, RoomState room, Message m, Message root) {
    String level = user.notify.get(room.name);
    if ("none".equals(level)) return null;
    for (Mention mention : m.mentions()) if (user.id.equals(mention.id())) return "mention";
    if (room.isDirect()) return "direct";
    if (takesPart(user.id, m, root)) return "thread";
    return "all".equals(level) ? "all" : null;
  }

  private static boolean takesPart(String userId, Message m, Message root) {
    if (m.conversation().thread() == null || root == null) return false;
    if (root.from() != null && userId.equals(root.from().id())) return true;
    Conversation.Replies replies = root.conversation().replies();
    return replies != null && replies.users().contains(userId);
  }

  /** The text's start, whitespace folded; or what was sent when there is no text. */
  static String excerpt(Message m) {
    String text = m.text() == null ? "" : m.text().replaceAll("\\s+", " ").strip();
    if (!text.isEmpty()) return Conversations.excerpt(text);
    if (m.image() != null) return "sent an image";
    return m.file() != null ? "sent a file" : "";
  }
}
