package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.NOT_MEMBER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What the domain holds in memory, shared by its capabilities: rooms, users, who is online, nick
 * claims; and the ports every capability talks through (the {@link Store}, the {@link Bus} and the
 * {@link Cluster}). It also holds the one rule every door checks, {@link #memberRoom}: a direct
 * conversation that the asker is not in does not exist for them.
 */
final class Registry {
  final Store store;
  final Bus bus;
  final Cluster cluster;
  final Chat.Settings settings;
  final LongSupplier clock;
  final Map<String, RoomState> rooms = new ConcurrentHashMap<>();
  final Map<String, UserState> users = new ConcurrentHashMap<>();

  /**
   * Token hash to its session ({@link Logins}), revoked ones included until {@link EndedSessions}
   * removes them.
   */
  final Map<String, SessionState> byToken = new ConcurrentHashMap<>();

  /** Session id to session. */
  final Map<String, SessionState> sessions = new ConcurrentHashMap<>();

  /**
   * Users with at least one connection, by id: what welcome lists and tick scans, so neither costs
   * anything per user who is offline. A user enters when its connections go from 0 to 1 and leaves
   * when they go from 1 to 0, under its monitor.
   */
  final Map<String, UserState> online = new ConcurrentHashMap<>();

  /** Who holds each nick while its user is offline. */
  final NickHolds holds = new NickHolds(this);

  /** Server-wide bans. */
  final Bans bans = new Bans(this);

  /** Who is a server administrator ({@code --admins}). */
  final Admins admins = new Admins();

  /** Nick key ({@link Names#nickKey}) to the id of the online user holding it. */
  final Map<String, String> nicks = new ConcurrentHashMap<>();

  /** Rooms whose member count changed since the last tick; announced then, at most once a tick. */
  final Set<String> recounted = ConcurrentHashMap.newKeySet();

  /** Rooms made here since the last tick (also in {@link #recounted}): everyone's news. */
  final Set<String> made = ConcurrentHashMap.newKeySet();

  volatile Subscriptions subscriptions;

  /** How many new users an address may make; set once before the first connection. */
  volatile NewUsers newUsers = NewUsers.UNLIMITED;

  /** Wrong codes and failed passkey sign-ins per address; set once before the first connection. */
  volatile AddressGuesses addressGuesses = new CodeGuesses();

  /** Presence changes and join and leave notices go out through it, gathered per tick. */
  final Coalescer coalescer;

  /** Who is online, as welcomes list them. */
  final Roster roster = new Roster(this);

  /**
   * The public rooms, ranked for welcomes and directory pages; see {@link #arrived} and {@link
   * #relist}.
   */
  final Directory directory = new Directory();

  /** The public rooms each user created in the last day; see {@link #arrived}. */
  final RoomQuota quota;

  Registry(Store store, Bus bus, Cluster cluster, Chat.Settings settings, LongSupplier clock) {
    this.store = store;
    this.bus = bus;
    this.cluster = cluster;
    this.settings = settings;
    this.clock = clock;
    this.coalescer = new Coalescer(bus, store, online::size);
    this.quota = new RoomQuota(settings.roomQuota(), clock);
  }

  void load(Snapshot snapshot) {
    for (Snapshot.RoomRow r : snapshot.rooms()) rooms.put(r.name(), state(r));
    for (Snapshot.UserRow u : snapshot.users()) {
      UserState user = new UserState(u.id(), u.nick(), u.avatar(), u.tokenHash(), u.createdTs());
      user.lastSeen = u.lastSeen();
      user.passwordHash = u.passwordHash();
      users.put(user.id, user);
      holds.add(user);
      if (snapshot.sessions() == null) // a store without sessions: the user's token is one
      session(
            new SessionState(
                "s" + user.id, user, user.tokenHash, u.createdTs(), null, u.lastSeen()));
    }
    if (snapshot.sessions() != null) {
      for (Snapshot.SessionRow r : snapshot.sessions()) {
        UserState user = users.get(r.userId());
        if (user == null) continue;
        SessionState s =
            new SessionState(r.id(), user, r.tokenHash(), r.created(), r.agent(), r.lastSeen());
        s.revoked = r.revoked();
        session(s);
      }
    }
    for (String id : snapshot.ssoUsers()) {
      UserState user = users.get(id);
      if (user != null) user.sso = true;
    }
    for (Snapshot.MemberRow m : snapshot.members()) {
      RoomState room = rooms.get(m.room());
      UserState user = users.get(m.userId());
      if (room == null || user == null) continue;
      room.members.add(user.id);
      user.rooms.put(room.name, m.readSeq());
    }
    for (RoomState room : rooms.values()) arrived(room);
  }

  /** Puts a session in memory: by token hash, by id, and with its user. */
  void session(SessionState s) {
    byToken.put(s.tokenHash, s);
    sessions.put(s.id, s);
    s.user.sessions.put(s.id, s);
  }

  /**
   * A room entered this node's memory (loaded, created here, or heard of from another node), once
   * per room: one its creator made (not a direct one) is counted against their quota, and listed in
   * the directory unless private.
   */
  void arrived(RoomState room) {
    if (room.isDirect()) return;
    quota.record(room.createdBy, room.createdTs);
    directory.update(room);
  }

  /**
   * A room's members, topic or privacy changed: the directory ranks it again (a private or direct
   * one is not listed).
   */
  void relist(RoomState room) {
    directory.update(room);
  }

  static RoomState state(Snapshot.RoomRow r) {
    RoomState room =
        new RoomState(
            r.name(),
            r.topic(),
            r.createdBy(),
            r.createdTs(),
            r.lastSeq(),
            r.lastRev(),
            r.firstSeq(),
            r.retention());
    room.privateRoom = r.isPrivate();
    return room;
  }

  /** The room as its row in the store would hold it now. */
  static Snapshot.RoomRow row(RoomState r) {
    return new Snapshot.RoomRow(
        r.name,
        r.topic,
        r.createdBy,
        r.createdTs,
        r.lastSeq,
        r.lastRev,
        r.firstSeq,
        r.retention,
        r.privateRoom);
  }

  /** The room called {@code name}, public or direct; {@code not_found} when there is none. */
  RoomState room(String name) {
    RoomState room = name == null ? null : rooms.get(name);
    if (room == null) throw new ChatException(NOT_FOUND, "There is no room called " + name + ".");
    return room;
  }

  /**
   * The room called {@code name} as {@code user} may know it: {@code not_found}, exactly as for a
   * name nobody uses, when there is none or it is private ({@link RoomState#isPrivate}) and they
   * are not in it. The doors that do not need membership (join, leave) go through it.
   */
  RoomState visibleRoom(UserState user, String name) {
    RoomState room = name == null ? null : rooms.get(name);
    if (room == null || (room.isPrivate() && !user.rooms.containsKey(room.name))) {
      throw new ChatException(NOT_FOUND, "There is no room called " + name + ".");
    }
    return room;
  }

  /**
   * Whether {@code user} may know of the room: it is public, or they are in it. The one test of it:
   * every door (saved messages, preview images, ...) asks here. A null user (not signed in) knows
   * public rooms only.
   */
  boolean knows(UserState user, RoomState room) {
    return !room.isPrivate() || (user != null && user.rooms.containsKey(room.name));
  }

  /**
   * The room, if the session's user is a member. A private room or direct conversation the user is
   * not in answers {@code not_found}, exactly like one that does not exist, so no door tells who
   * talks to whom or that the room is there.
   */
  RoomState memberRoom(Session session, String name) {
    return memberRoom(session.user, name);
  }

  RoomState memberRoom(UserState user, String name) {
    RoomState room = name == null ? null : rooms.get(name);
    boolean member = room != null && user.rooms.containsKey(room.name);
    if (room == null || (!member && room.isPrivate())) {
      throw new ChatException(NOT_FOUND, "There is no room called " + name + ".");
    }
    if (!member) throw new ChatException(NOT_MEMBER, "Join " + name + " first.");
    return room;
  }

  /** The room as member {@code userId} with read marker {@code readSeq} sees it. */
  Out.RoomView view(RoomState room, long readSeq, String userId) {
    return new Out.RoomView(
        room.name,
        room.topic,
        room.members.size(),
        room.lastSeq,
        readSeq,
        room.lastRev,
        people(room),
        room.firstSeq,
        room.retention,
        room.isDirect() ? null : room.createdBy,
        RoomRoles.of(room, userId).wire(),
        room.readOnly,
        room.isPrivate(),
        NotifyLevels.of(users.get(userId), room.name));
  }

  /** The {@code room} frame announcing it to everyone it concerns: no role (see the next). */
  Out.RoomChanged changed(RoomState room) {
    return changed(room, null);
  }

  /** The {@code room} frame for member {@code userId}, with their role (null: none). */
  Out.RoomChanged changed(RoomState room, String userId) {
    return new Out.RoomChanged(
        room.name,
        room.topic,
        room.members.size(),
        room.lastRev,
        people(room),
        room.firstSeq,
        room.retention,
        userId == null ? null : RoomRoles.of(room, userId).wire(),
        room.readOnly,
        room.isPrivate());
  }

  /**
   * The people of a direct conversation (two, or a group), sorted by id as in its name; null for a
   * public room.
   */
  private List<Profile> people(RoomState room) {
    if (!room.isDirect()) return null;
    List<Profile> people = new ArrayList<>(2);
    for (String id : DirectRooms.ids(room.name)) {
      UserState u = users.get(id);
      people.add(u == null ? new Profile(id, id, null) : u.profile());
    }
    return people;
  }

  /**
   * In a cluster, a request naming something this node does not know may name something another
   * node made an instant ago: runs {@code retry} (on the bus's thread) once this node has caught up
   * with the others, and says true. False on a node of its own: there is nothing to wait for, and
   * {@code retry} does not run. The one catch-up-and-retry of every door: the socket's below, the
   * HTTP doors' through {@link HttpDoors}.
   */
  boolean retryAfterCatchUp(Runnable retry) {
    if (!cluster.clustered()) return false;
    cluster.catchUp(retry);
    return true;
  }

  /**
   * {@link #retryAfterCatchUp(Runnable)} for a socket request: a refusal of the retry is answered
   * as the socket adapter would ({@code error} to {@code ref}), since the adapter has returned.
   */
  boolean retryAfterCatchUp(Session session, String ref, Runnable retry) {
    return retryAfterCatchUp(
        () -> {
          try {
            retry.run();
          } catch (ChatException e) {
            session.client.send(new Out.Error(ref, e.code().wire(), e.getMessage()));
          }
        });
  }

  /** Queues a change to the store and tells the other nodes of a cluster (after it is stored). */
  void write(Change change) {
    store.write(change);
    cluster.share(change);
  }

  /**
   * The user sent something: the store hears of it once per user and node run (see {@link
   * IdleUsers}).
   */
  void spoke(UserState user) {
    if (user.spoke) return;
    user.spoke = true;
    store.write(new Change.UserSpoke(user.id));
  }

  /**
   * Forgets a user removed as idle (offline, never sent anything): their token, their nick claim,
   * their memberships (member counts are announced at the next tick).
   */
  void forget(UserState user) {
    users.remove(user.id, user);
    for (SessionState s : user.sessions.values()) {
      byToken.remove(s.tokenHash, s);
      sessions.remove(s.id, s);
    }
    nicks.remove(Names.nickKey(user.nick), user.id);
    holds.remove(user);
    for (String name : user.rooms.keySet()) {
      RoomState room = rooms.get(name);
      if (room == null) continue;
      room.members.remove(user.id);
      room.roles.remove(user.id);
      if (!room.isDirect()) recounted.add(name);
      subscriptions.left(name, user.id);
    }
    user.rooms.clear();
  }

  /**
   * Forgets a session removed as ended ({@link EndedSessions}): its token is unknown from now on.
   */
  void forget(SessionState s) {
    byToken.remove(s.tokenHash, s);
    sessions.remove(s.id, s);
    s.user.sessions.remove(s.id, s);
  }

  /** Makes the user a member: in memory, in the store, and in the local fan-out's index. */
  void addMember(RoomState room, UserState user, long readSeq) {
    room.members.add(user.id);
    if (!room.isDirect()) recounted.add(room.name);
    relist(room);
    user.rooms.put(room.name, readSeq);
    write(new Change.MemberAdded(room.name, user.id, readSeq));
    subscriptions.joined(room.name, user.id);
  }
}
