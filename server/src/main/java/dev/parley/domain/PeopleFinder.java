package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.RATE_LIMITED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code users} frame: people whose nick contains the query, among those online and those who
 * share a room with the asker, never the asker; online and away first, then offline, by nick.
 *
 * <p>Why it is built this way: it used to walk every user ever created times the asker's rooms, on
 * the event loop (12 s a frame for someone in 20,000 rooms; 24 frames froze a node for 46 s). Now
 * the candidates come from two indexes, the users online ({@link Registry#online}) and the member
 * sets of the asker's rooms, small rooms first, so that the people one really shares a room with
 * are seen before the crowd of a big room; at most {@link #MAX_VISITS} candidates (and rooms) are
 * looked at per request, so an answer in a very large server may leave out some offline people of
 * big rooms. The work runs on {@code lookups}, a small bounded executor the node owns (never an
 * event loop); a full queue refuses with {@code rate_limited}. Each user has one lookup at a time
 * and {@link #PER_SECOND} a second on average ({@link #BURST} at once).
 *
 * <p>Thread-safe: any event loop asks; the lookup reads only concurrent maps and volatile fields.
 */
final class PeopleFinder {
  static final int DEFAULT_FOUND = 20;
  static final int MAX_FOUND = 50;

  /** Members in one page of {@code members} (and the default). */
  static final int MAX_MEMBERS = 200;

  /** Users and rooms one lookup may look at. */
  static final int MAX_VISITS = 20_000;

  /**
   * A room of at most this many members is walked in the first pass (the people one really shares a
   * room with).
   */
  static final int SMALL_ROOM = 50;

  /** Longer than any nick in lower case: a longer query matches nobody, and costs nothing. */
  static final int MAX_QUERY = 4 * Names.MAX_NAME;

  static final double PER_SECOND = 5;
  static final double BURST = 10;

  /** A match as it was when looked at (a user's status and nick may change meanwhile). */
  private record Found(
      String id, String nick, String lower, String avatar, Status status, boolean isProtected) {}

  private static final Comparator<Found> ORDER =
      Comparator.comparing((Found f) -> f.status == Status.OFFLINE)
          .thenComparing(Found::lower)
          .thenComparing(Found::id);

  private final Registry registry;
  private volatile Executor lookups = Runnable::run;

  /** Per user who asked: their allowance and whether a lookup is under way. */
  private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

  PeopleFinder(Registry registry) {
    this.registry = registry;
  }

  /** Where lookups run from now on; until set they run on the caller's thread (tests and tools). */
  void lookupsOn(Executor executor) {
    this.lookups = executor;
  }

  /** Answers {@code users} on the lookups executor, or refuses at once ({@code rate_limited}). */
  void find(Session session, String query, Integer limit, String ref) {
    int n = limit == null ? DEFAULT_FOUND : Math.max(1, Math.min(MAX_FOUND, limit));
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    UserState me = session.user;
    lookUp(
        session, () -> new Out.Users(ref, q.length() > MAX_QUERY ? List.of() : lookup(me, q, n)));
  }

  /**
   * Answers {@code users} with {@code ids}: those users as they are now, in the order asked, once
   * each.
   */
  void whoAre(Session session, List<String> ids, String ref) {
    List<String> asked = List.copyOf(new java.util.LinkedHashSet<>(ids));
    lookUp(
        session,
        () -> {
          List<Out.UserView> views = new ArrayList<>(asked.size());
          for (String id : asked) {
            UserState u = registry.users.get(id);
            if (u != null) views.add(new Out.UserView(u.id, u.nick, u.avatar, u.status));
          }
          return new Out.Users(ref, views);
        });
  }

  /**
   * Answers {@code members}: a page of the room's members in id order after {@code after}, with
   * their presence, for members of the room only (the same doors as {@code history}). Shares the
   * allowance and the executor of {@code users}.
   */
  void members(Session session, String room, String after, Integer limit, String ref) {
    RoomState r = registry.memberRoom(session, room);
    int n = limit == null ? MAX_MEMBERS : Math.max(1, Math.min(MAX_MEMBERS, limit));
    String from = after == null ? "" : after;
    lookUp(session, () -> MemberPage.of(registry, r, from, n, ref));
  }

  /** Runs {@code answer} on the lookups executor and sends it, within the user's allowance. */
  private void lookUp(Session session, java.util.function.Supplier<Out> answer) {
    UserState me = session.user;
    Allowance allowance =
        allowances.computeIfAbsent(me.id, k -> new Allowance(registry.clock.getAsLong()));
    if (!allowance.start(registry.clock.getAsLong())) {
      throw new ChatException(
          RATE_LIMITED,
          "Looking for people: one search at a time, a few a second; try again in a moment.");
    }
    try {
      lookups.execute(
          () -> {
            Out out;
            try {
              out = answer.get();
            } finally {
              allowance.done(); // before the answer leaves: the asker may ask again at once
            }
            session.client.send(out);
          });
    } catch (RejectedExecutionException full) {
      allowance.done();
      throw new ChatException(
          RATE_LIMITED, "The server is busy looking for people; try again in a moment.");
    }
  }

  /**
   * The best {@code n} matches among the online users and the members of {@code me}'s rooms, within
   * {@link #MAX_VISITS}.
   */
  private List<Out.UserView> lookup(UserState me, String q, int n) {
    Best best = new Best(me, q, n);
    for (UserState u : registry.online.values()) {
      if (!best.visit(u)) break;
    }
    for (int pass = 0; pass < 2 && !best.spent(); pass++) {
      boolean small = pass == 0;
      for (String name : me.rooms.keySet()) {
        if (!best.visit(null)) break; // a room looked at is work too
        RoomState room = registry.rooms.get(name);
        if (room == null || (room.members.size() <= SMALL_ROOM) != small) continue;
        for (String id : room.members) {
          if (!best.visit(registry.users.get(id))) break;
        }
      }
    }
    List<Found> found = new ArrayList<>(best.kept);
    found.sort(ORDER);
    List<Out.UserView> views = new ArrayList<>(found.size());
    for (Found f : found)
      views.add(
          new Out.UserView(
              f.id,
              f.nick,
              f.avatar,
              f.status,
              f.isProtected,
              registry.admins.role(registry.users.get(f.id))));
    return views;
  }

  /** The best matches so far (the worst of them at the head) and the work left. */
  private static final class Best {
    final UserState me;
    final String q;
    final int n;
    final PriorityQueue<Found> kept;
    final Set<String> ids = new HashSet<>();
    int visits;

    Best(UserState me, String q, int n) {
      this.me = me;
      this.q = q;
      this.n = n;
      this.kept = new PriorityQueue<>(n + 1, ORDER.reversed());
    }

    /** Looks at one candidate (null: a unit of work without one); false once the work is spent. */
    boolean visit(UserState u) {
      if (++visits > MAX_VISITS) return false;
      if (u == null || u == me) return true;
      String nick = u.nick;
      String lower = nick.toLowerCase(Locale.ROOT);
      if (!lower.contains(q) || !ids.add(u.id)) return true;
      kept.add(new Found(u.id, nick, lower, u.avatar, u.status, u.isProtected()));
      if (kept.size() > n) kept.poll();
      return true;
    }

    boolean spent() {
      return visits >= MAX_VISITS;
    }
  }

  /** One user's token bucket for lookups, and whether one is under way; guarded by its monitor. */
  private static final class Allowance {
    private double tokens = BURST;
    private long last;
    private boolean busy;

    Allowance(long now) {
      this.last = now;
    }

    synchronized boolean start(long now) {
      tokens = Math.min(BURST, tokens + Math.max(0, now - last) * PER_SECOND / 1000.0);
      last = now;
      if (busy || tokens < 1) return false;
      tokens -= 1;
      busy = true;
      return true;
    }

    synchronized void done() {
      busy = false;
    }
  }
}
