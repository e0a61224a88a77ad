package dev.parley.domain;

import java.util.List;

/**
 * Every frame the server sends, as plain values. The domain decides what to send; the JSON codec in
 * the web layer decides how it looks on the wire, once per frame.
 */
public sealed interface Out {

  /**
   * A room as its member sees it. {@code users} are the two people of a direct conversation (null
   * for a public room); {@code rev} is the room's latest change to a message; {@code firstSeq} the
   * oldest seq still held (retention may have removed older ones); {@code retention} the room's own
   * policy (null: the server's applies); {@code createdBy} the id of the public room's creator, who
   * alone may set that policy (null for a direct one).
   */
  record RoomView(
      String name,
      String topic,
      int members,
      long lastSeq,
      long readSeq,
      long rev,
      List<Profile> users,
      long firstSeq,
      Retention retention,
      String createdBy,
      String role,
      boolean readOnly,
      boolean isPrivate,
      String notifyLevel) {
    /** Notified of everything (the default: {@code notify} left out). */
    public RoomView(
        String name,
        String topic,
        int members,
        long lastSeq,
        long readSeq,
        long rev,
        List<Profile> users,
        long firstSeq,
        Retention retention,
        String createdBy,
        String role,
        boolean readOnly,
        boolean isPrivate) {
      this(
          name, topic, members, lastSeq, readSeq, rev, users, firstSeq, retention, createdBy, role,
          readOnly, isPrivate, null);
    }
  }

  /** A public room in the directory. */
  record DirectoryEntry(String name, String topic, int members) {}

  /**
   * {@code isProtected}: the user signs in with a password, a passkey or single sign-on; {@code
   * role}: {@code "admin"} for a server administrator, else null (omitted).
   */
  record UserView(
      String id,
      String nick,
      String avatar,
      Status status,
      boolean isProtected,
      String role,
      String roomRole) {
    public UserView(String id, String nick, String avatar, Status status) {
      this(id, nick, avatar, status, false, null, null);
    }

    /** Outside a room's member list: no room role. */
    public UserView(
        String id, String nick, String avatar, Status status, boolean isProtected, String role) {
      this(id, nick, avatar, status, isProtected, role, null);
    }
  }

  /**
   * The users online in a welcome: the first {@code size} views of an array that only grows while
   * {@code run} lasts (see {@code Roster}), so a welcome does not copy it, and an encoder may reuse
   * what it encoded of an earlier, shorter roster of the same run. Run numbers only grow, and no
   * two rosters in one process share one. Read-only.
   */
  final class Roster extends java.util.AbstractList<UserView> implements java.util.RandomAccess {
    private final long run;
    private final UserView[] views;
    private final int size;

    Roster(long run, UserView[] views, int size) {
      this.run = run;
      this.views = views;
      this.size = size;
    }

    public long run() {
      return run;
    }

    @Override
    public UserView get(int i) {
      java.util.Objects.checkIndex(i, size);
      return views[i];
    }

    @Override
    public int size() {
      return size;
    }
  }

  record Limits(int text, long upload, int rate, int burst, int frame) {}

  /**
   * {@code directory} is the first page of the public rooms (at most 200, the busiest first);
   * {@code directoryMore} says there are more, and {@code directoryNext} is the cursor to page on
   * with ({@link Directory}; null when there are no more). {@code session}: the id of the session
   * the user is signed in with (null: none named); {@code userProtected}: the user signs in with a
   * password, a passkey or single sign-on; {@code role} as in {@link UserView}.
   */
  record Welcome(
      String ref,
      Profile user,
      String token,
      List<RoomView> rooms,
      List<DirectoryEntry> directory,
      List<UserView> users,
      String version,
      Limits limits,
      Retention retention,
      boolean directoryMore,
      String directoryNext,
      String session,
      boolean userProtected,
      String role)
      implements Out {}

  /**
   * Reply to {@code directory}: a page of public rooms; {@code next} is the cursor for more (null:
   * no more).
   */
  record Directory(String ref, List<DirectoryEntry> rooms, boolean more, String next)
      implements Out {}

  /**
   * {@code room} is set for create and join, {@code invite} for an invite made ({@code invite}
   * frame); null otherwise.
   */
  record Ok(String ref, RoomView room, Invited invite) implements Out {
    public Ok(String ref, RoomView room) {
      this(ref, room, null);
    }
  }

  /** Reply to {@code strength}: the estimate 0 to 4, and whether {@code protect} would refuse. */
  record Strength(String ref, int score, boolean weak) implements Out {}

  /**
   * A refused request. {@code retryAfter}: seconds to wait before asking again ({@code slow_down}),
   * else null. {@code nickProtected}: a {@code nick_taken} whose holder signs in with a password.
   * {@code until}: when a {@code muted} or {@code banned} refusal ends (ms), else null. {@code
   * reason}: a moderator's words, else null. {@code busy}: the refusal is the server's load, not
   * the asker's tries (the password line is full), and the same request asked again on the same
   * connection keeps its place.
   */
  record Error(
      String ref,
      String code,
      String message,
      Long retryAfter,
      boolean nickProtected,
      Long until,
      String reason,
      boolean busy)
      implements Out {
    public Error(String ref, String code, String message) {
      this(ref, code, message, null, false);
    }

    public Error(String ref, String code, String message, Long retryAfter, boolean nickProtected) {
      this(ref, code, message, retryAfter, nickProtected, null, null, false);
    }

    public Error(String ref, String code, String message, Long retryAfter) {
      this(ref, code, message, retryAfter, false);
    }
  }

  /**
   * {@code authors}: who the page's authors are now (their current nick and avatar, by id), so that
   * a client shows a renamed author's old messages under the name they have now; each event keeps
   * the author it was sent with. {@code thread}: the root's seq of a thread's page (its root first,
   * then its replies; {@code more}: more replies), else null. {@code target}: the seq of the first
   * event at or after the moment a {@code history} with {@code at} asked for, else null.
   */
  record History(
      String ref,
      String room,
      List<Event> events,
      boolean more,
      List<Profile> authors,
      Long thread,
      Long target)
      implements Out {
    public History(String ref, String room, List<Event> events, boolean more) {
      this(ref, room, events, more, List.of());
    }

    public History(
        String ref, String room, List<Event> events, boolean more, List<Profile> authors) {
      this(ref, room, events, more, authors, null, null);
    }
  }

  /** A message or notice, live. */
  record Live(Event event) implements Out {}

  /** A room was created or changed; {@code users} as in {@link RoomView}. */
  record RoomChanged(
      String name,
      String topic,
      int members,
      long rev,
      List<Profile> users,
      long firstSeq,
      Retention retention,
      String role,
      boolean readOnly,
      boolean isPrivate)
      implements Out {}

  /** A reaction was added ({@code on}) or removed; {@code rev} is the change's. */
  record Reaction(String room, long seq, String emoji, Profile user, boolean on, long rev)
      implements Out {}

  /** Reply to {@code changes}: messages changed after the rev asked, and the room's rev now. */
  record Changes(String ref, String room, List<Event> events, long rev, boolean more)
      implements Out {}

  /** Reply to {@code users}: people the asker can mention or message. */
  record Users(String ref, List<UserView> users) implements Out {}

  /**
   * Reply to {@code members}: a page of the room's members in id order; {@code next} is the cursor
   * of the following page when {@code more}.
   */
  record Members(String ref, String room, List<UserView> members, boolean more, String next)
      implements Out {}

  record Presence(Profile user, Status status) implements Out {}

  record Typing(String room, Profile user) implements Out {}

  /**
   * The read marker of {@code room} is {@code seq}; {@code back}: set back ("mark as unread"), to
   * be taken though lower than the one held.
   */
  /**
   * A read marker of the user's: the room's ({@code thread} null), or with {@code thread} their
   * marker in the thread of that root.
   */
  record Read(String room, long seq, boolean back, Long thread) implements Out {
    public Read(String room, long seq) {
      this(room, seq, false, null);
    }

    public Read(String room, long seq, boolean back) {
      this(room, seq, back, null);
    }
  }

  record Pong(String ref) implements Out {}

  /** The user's own sessions (signed-in devices), most recently seen first; a Parley extension. */
  record Sessions(String ref, List<SessionView> sessions) implements Out {}

  /** One session; {@code agent} may be null, {@code current}: the connection asking. */
  record SessionView(String id, long created, long lastSeen, String agent, boolean current) {}

  /**
   * Reply to {@code admin_users}: a page of every user (not only those online), by nick; {@code
   * next} is the cursor of the following page when {@code more}.
   */
  record AdminUsers(String ref, List<AdminUserView> users, boolean more, String next)
      implements Out {}

  /**
   * To the person a moderator acted on, on each of their connections: {@code action} ({@code kick},
   * {@code ban}, {@code mute}) in {@code room}, by whom, why (null: no reason given) and until when
   * (ms; null: no end).
   */
  record Moderated(String room, String action, Profile by, String reason, Long until)
      implements Out {}

  /** Reply to {@code sanctions}: the room's bans and mutes that hold now. */
  record Sanctions(String ref, String room, List<SanctionView> bans, List<SanctionView> mutes)
      implements Out {}

  /** A ban or mute as its room's moderators see it: {@code until} null while it is not timed. */
  record SanctionView(Profile user, Profile by, String reason, long ts, Long until) {}

  /** Reply to {@code audit}: moderation history, newest first. */
  record Audit(String ref, List<AuditEntry> entries, boolean more) implements Out {}

  /**
   * A user as an administrator sees them: {@code lastSeen} when their last connection closed (ms),
   * {@code reason} of a ban (may be null), {@code role} as in {@link UserView}.
   */
  record AdminUserView(
      String id,
      String nick,
      String avatar,
      Status status,
      long created,
      long lastSeen,
      boolean isProtected,
      boolean banned,
      String reason,
      String role) {}

  /** A sign-in code for another device and when it expires (ms); a Parley extension. */
  record Link(String ref, String code, long expires) implements Out {}

  /** An invite just made: its code, the link that carries it, and when it expires. */
  record Invited(String code, String url, long expires) {}

  /** Reply to {@code invites}: the room's open invite codes, newest first. */
  record RoomInvites(String ref, String room, List<InviteView> invites) implements Out {}

  /**
   * An open invite as its room's members see it: never its code (only a hash is stored), but an
   * {@code id} that {@code uninvite} takes; who made it, when, until when, and its uses.
   */
  record InviteView(
      String id, String createdBy, long created, long expires, int uses, int usesLeft) {}

  /** Reply to {@code pins}: the room's pinned messages, most recently pinned first. */
  record Pins(String ref, String room, List<Event> events) implements Out {}

  /**
   * {@code saved}, in its two forms: to all of a user's connections, they saved ({@code on}) or
   * unsaved message {@code seq} of {@code room} ({@code items} null); or the reply to {@code
   * saved}, the user's saved messages newest saved first ({@code items}).
   */
  record Saved(String ref, String room, long seq, boolean on, List<Bookmarks.Saved> items)
      implements Out {
    public static Saved mark(String room, long seq, boolean on) {
      return new Saved(null, room, seq, on, null);
    }

    public static Saved list(String ref, List<Bookmarks.Saved> items) {
      return new Saved(ref, null, 0, false, items);
    }
  }

  /**
   * The reply to {@code threads}: the user's threads, newest reply first; {@code next} the cursor
   * of the following page (null at the end); {@code unread} how many of their threads have unread
   * replies (counted up to {@link ThreadList#MAX_UNREAD}; null on a following page).
   */
  record Threads(String ref, List<ThreadMarks.Item> items, String next, Integer unread)
      implements Out {}

  /** Answers {@code push_key}: the server's VAPID public key (base64url). */
  record PushKey(String ref, String key) implements Out {}

  /** To all of a user's connections: their notification level in the room is now {@code level}. */
  record NotifyLevel(String room, String level) implements Out {}

  /**
   * Frames gathered over a tick, in order, for a connection that asked for batches ({@code hello}
   * with {@code coalesce}); each is exactly what would have been sent alone.
   */
  record Batch(List<Out> frames) implements Out {}
}
