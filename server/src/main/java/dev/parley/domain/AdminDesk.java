package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The administrators' frames: every user listed ({@code admin_users}), server-wide bans ({@code
 * ban}, {@code unban} without a room) and a one-time sign-in link for someone who lost their
 * password ({@code admin_link}). Anyone else is answered {@code forbidden}. Nobody acts on an equal
 * or higher role: an admin cannot ban another admin, nor themself. Reached through {@link
 * Chat#admin}.
 */
public final class AdminDesk {
  /** A page of {@code admin_users} by default, and at most. */
  static final int PAGE = 50;

  static final int MAX_PAGE = 200;

  private final Registry registry;
  private final Logins logins;

  AdminDesk(Registry registry, Logins logins) {
    this.registry = registry;
    this.logins = logins;
  }

  /** Set once, before the first connection: the nicks of {@code --admins}. */
  public void named(Collection<String> nicks) {
    registry.admins.named(nicks);
  }

  /**
   * Called every {@link #POLL_MILLIS} ms: reads the store's bans, so that one made by {@code parley
   * user ban} (or missed on the bus) takes effect here. Returns at once.
   */
  public void pollBans() {
    registry.bans.poll();
  }

  /** How often {@link #pollBans} is to be called. */
  public static final long POLL_MILLIS = Bans.POLL_MILLIS;

  /**
   * {@code admin_users}: a page of every user whose nick contains {@code q} (or whose id is {@code
   * q}), ordered by nick, after the cursor {@code after}. One pass over the users in memory,
   * keeping only a page (n log n of a page); admins only, so it runs on the caller's thread.
   */
  public void users(Session session, String q, String after, Integer limit, String ref) {
    admin(session);
    int n = limit == null ? PAGE : Math.max(1, Math.min(MAX_PAGE, limit));
    String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
    String from = after == null ? "" : after;
    PriorityQueue<String[]> first =
        new PriorityQueue<>(n + 1, (a, b) -> b[0].compareTo(a[0])); // the greatest key on top
    boolean more = false;
    for (UserState u : registry.users.values()) {
      String nick = u.nick;
      if (needle != null && !nick.toLowerCase(Locale.ROOT).contains(needle) && !u.id.equals(q))
        continue;
      String key = nick.toLowerCase(Locale.ROOT) + '\u0000' + u.id;
      if (key.compareTo(from) <= 0) continue;
      first.add(new String[] {key, u.id});
      if (first.size() > n) {
        first.poll();
        more = true;
      }
    }
    List<String[]> page = new ArrayList<>(first);
    page.sort((a, b) -> a[0].compareTo(b[0]));
    List<Out.AdminUserView> views = new ArrayList<>(page.size());
    for (String[] e : page) {
      UserState u = registry.users.get(e[1]);
      if (u != null) views.add(view(u));
    }
    String next = more && !page.isEmpty() ? page.get(page.size() - 1)[0] : null;
    session.client.send(new Out.AdminUsers(ref, views, more, next));
  }

  private Out.AdminUserView view(UserState u) {
    Snapshot.BanRow ban = registry.bans.of(u.id);
    return new Out.AdminUserView(
        u.id,
        u.nick,
        u.avatar,
        u.status,
        u.createdTs,
        Math.max(u.lastSeen, u.createdTs),
        u.isProtected(),
        registry.bans.banned(u),
        ban == null ? null : ban.reason(),
        registry.admins.role(u));
  }

  /**
   * {@code ban} without {@code room}: bans {@code userId} from the whole server; their connections
   * close with 4003 on every node. A room ban ({@code room} given) is not this desk's.
   */
  public void ban(Session session, String room, String userId, String reason, String ref) {
    noRoom(room);
    admin(session);
    UserState target = target(session, userId);
    registry.bans.ban(target, reason, session.user.id);
    session.client.send(new Out.Ok(ref, null));
  }

  /** {@code unban} without {@code room}: lifts a server-wide ban. */
  public void unban(Session session, String room, String userId, String ref) {
    noRoom(room);
    admin(session);
    UserState target = target(session, userId);
    if (registry.bans.banned(target)) registry.bans.unban(target);
    session.client.send(new Out.Ok(ref, null));
  }

  /**
   * {@code admin_link}: a one-use sign-in code for {@code userId}, valid {@link
   * SignInCodes#ADMIN_MILLIS}, answered as a {@code link} frame: the admin hands it to someone who
   * lost their password, who signs in with it on a new device and may then set a new one.
   */
  /**
   * {@code admin_link}: a sign-in code valid a day for someone who lost their password; the
   * password is cleared (passkeys stay), so they set a new one once signed in.
   */
  public void link(Session session, String userId, String ref) {
    admin(session);
    UserState target = target(session, userId);
    if (registry.bans.banned(target))
      throw new ChatException(BAD_REQUEST, target.nick + " is banned: lift the ban first.");
    logins.give(target, SignInCodes.ADMIN_MILLIS, session, ref);
    if (target.passwordHash != null) {
      // they lost it: the link lets them in, and from there they set a new one without the old
      target.passwordHash = null;
      registry.write(new Change.PasswordSet(target.id, null));
    }
  }

  /** The user called {@code id}; for tests, which make users protected through it. */
  UserState user(String id) {
    return registry.users.get(id);
  }

  private void admin(Session session) {
    if (!registry.admins.is(session.user))
      throw new ChatException(FORBIDDEN, "Only an administrator of this server may do that.");
  }

  private UserState target(Session session, String userId) {
    if (userId == null) throw new ChatException(BAD_REQUEST, "Field 'user' is required.");
    UserState target = registry.users.get(userId);
    if (target == null) throw new ChatException(NOT_FOUND, "There is no user " + userId + ".");
    if (target == session.user)
      throw new ChatException(FORBIDDEN, "You cannot do that to yourself.");
    if (registry.admins.is(target))
      throw new ChatException(FORBIDDEN, "Nobody may act on another administrator.");
    return target;
  }

  private static void noRoom(String room) {
    if (room != null)
      throw new ChatException(
          BAD_REQUEST, "Room bans are not available on this server; leave out 'room'.");
  }
}
