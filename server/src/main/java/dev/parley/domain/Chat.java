package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.INVALID_NICK;
import static dev.parley.domain.ChatException.Code.INVALID_ROOM;
import static dev.parley.domain.ChatException.Code.NICK_TAKEN;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.NOT_MEMBER;
import static dev.parley.domain.ChatException.Code.ROOM_EXISTS;
import static dev.parley.domain.ChatException.Code.TOO_LONG;

import dev.parley.bus.Bus;
import dev.parley.store.Change;
import dev.parley.store.Snapshot;
import dev.parley.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the contract: who may do what in which room, what gets appended to a log and
 * who hears about it. Metadata (users, rooms, memberships, read markers) lives in memory and
 * is written through to the {@link Store}; logs live in the store, which assigns each event
 * its seq. Events are published to the {@link Bus} from the store's commit callback, so they
 * reach everyone in seq order and only once stored.
 *
 * <p>Methods are called from any event loop at once; state is concurrent, and what must be
 * atomic (a user's connection count and nick claim) is done under that user's monitor.
 * Refusals are thrown as {@link ChatException}; everything else answers through the
 * session's {@link Client}.
 */
public final class Chat {

  public static final String GENERAL = "general";
  public static final String ONLINE = "online";
  public static final String AWAY = "away";
  public static final String OFFLINE = "offline";
  static final int MAX_TOPIC = 200;
  static final int MAX_HISTORY = 200;
  static final int DEFAULT_HISTORY = 50;

  private static final Logger LOG = LoggerFactory.getLogger(Chat.class);

  /** Limits the contract announces in welcome, and how long until a quiet user is away. */
  public record Settings(String version, Out.Limits limits, long awayAfterMillis) {}

  private final Store store;
  private final Bus bus;
  private final Settings settings;
  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();
  private final Map<String, UserState> users = new ConcurrentHashMap<>();
  private final Map<String, UserState> byToken = new ConcurrentHashMap<>();
  /**
   * Users with at least one connection, by id: what welcome lists and tick scans, so neither
   * costs anything per user who is offline. A user enters when its connections go from 0 to 1
   * and leaves when they go from 1 to 0, under its monitor.
   */
  private final Map<String, UserState> online = new ConcurrentHashMap<>();
  /** Lower-cased nick to the id of the online user holding it. */
  private final Map<String, String> nicks = new ConcurrentHashMap<>();
  /** Rooms whose member count changed since the last tick; announced then, at most once a tick. */
  private final Set<String> recounted = ConcurrentHashMap.newKeySet();
  private volatile Subscriptions subscriptions;

  public Chat(Store store, Bus bus, Settings settings, LongSupplier clock) {
    this.store = store;
    this.bus = bus;
    this.settings = settings;
    this.clock = clock;
    load(store.load());
  }

  /** Set once, before the first connection, by whoever delivers to local sockets. */
  public void subscriptions(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  private void load(Snapshot snapshot) {
    for (Snapshot.RoomRow r : snapshot.rooms()) {
      rooms.put(r.name(), new RoomState(r.name(), r.topic(), r.createdBy(), r.createdTs(), r.lastSeq()));
    }
    for (Snapshot.UserRow u : snapshot.users()) {
      UserState user = new UserState(u.id(), u.nick(), u.avatar(), u.tokenHash(), u.createdTs());
      users.put(user.id, user);
      byToken.put(user.tokenHash, user);
    }
    for (Snapshot.MemberRow m : snapshot.members()) {
      RoomState room = rooms.get(m.room());
      UserState user = users.get(m.userId());
      if (room == null || user == null) continue;
      room.members.add(user.id);
      user.rooms.put(room.name, m.readSeq());
    }
  }

  // ---------------------------------------------------------------- session

  /**
   * Resumes the user of {@code token}, or makes a new one called {@code nick}, then sends
   * {@code welcome}. An unknown token counts as none. With a token, a different valid nick
   * that is free renames the user (a taken one is ignored: the token wins).
   */
  public Session hello(Client client, String nick, String avatar, String token, String ref) {
    UserState user = token == null ? null : byToken.get(hash(token));
    String wanted = nick == null ? null : Names.nick(nick);
    String issued = token;
    boolean created = false;
    if (user == null) {
      if (wanted == null) {
        throw new ChatException(
            INVALID_NICK,
            "A nickname is 1 to 32 letters, digits, spaces, '_', '-' or '.'.");
      }
      issued = newToken();
      user = new UserState(newUserId(), wanted, cleanAvatar(avatar), hash(issued), clock.getAsLong());
      if (!claim(wanted, user.id)) {
        throw new ChatException(NICK_TAKEN, "Someone online is already called " + wanted + ".");
      }
      created = true;
    }
    Session session = new Session(user, client);
    boolean cameOnline;
    synchronized (user) {
      if (!created) resumeNick(user, wanted, avatar);
      cameOnline = user.connections++ == 0;
      user.lastActive = clock.getAsLong();
      if (cameOnline) {
        user.status = ONLINE;
        online.put(user.id, user);
      }
    }
    if (created) {
      users.put(user.id, user);
      byToken.put(user.tokenHash, user);
      store.write(new Change.UserSaved(row(user)));
    }
    RoomState general = created ? rooms.get(GENERAL) : null;
    if (general != null) {
      general.members.add(user.id);
      recounted.add(GENERAL);
      user.rooms.put(GENERAL, general.lastSeq);
      store.write(new Change.MemberAdded(GENERAL, user.id, general.lastSeq));
    }
    subscriptions.attach(user.id, client, user.rooms.keySet());
    client.send(welcome(user, issued, ref));
    if (cameOnline) bus.publish(Audience.everyone(), new Out.Presence(user.profile(), ONLINE));
    if (general != null) appendNotice(GENERAL, Notice.Kind.JOIN, user.profile());
    return session;
  }

  /** Called under the user's monitor: claim the nick this connection will use. */
  private void resumeNick(UserState user, String wanted, String avatar) {
    String newAvatar = avatar == null ? user.avatar : cleanAvatar(avatar);
    boolean rename = wanted != null && !wanted.equals(user.nick) && claim(wanted, user.id);
    if (rename) {
      if (!wanted.equalsIgnoreCase(user.nick)) release(user.nick, user.id);
      user.nick = wanted;
    } else if (!claim(user.nick, user.id)) {
      throw new ChatException(
          NICK_TAKEN, "Someone online is already called " + user.nick + "; choose another nickname.");
    }
    boolean changed = rename || !Objects.equals(newAvatar, user.avatar);
    user.avatar = newAvatar;
    if (changed) {
      store.write(new Change.UserSaved(row(user)));
      if (user.connections > 0) {
        bus.publish(Audience.everyone(), new Out.Presence(user.profile(), user.status));
      }
    }
  }

  /** The connection closed. */
  public void disconnect(Session session) {
    UserState user = session.user;
    boolean wentOffline;
    synchronized (user) {
      wentOffline = --user.connections == 0;
      if (wentOffline) {
        user.status = OFFLINE;
        online.remove(user.id, user);
        release(user.nick, user.id);
      }
    }
    subscriptions.detach(user.id, session.client);
    if (wentOffline) bus.publish(Audience.everyone(), new Out.Presence(user.profile(), OFFLINE));
  }

  /** The user did something (any frame but a ping): not away. */
  public void activity(Session session) {
    UserState user = session.user;
    user.lastActive = clock.getAsLong();
    if (user.status == AWAY) {
      synchronized (user) {
        if (user.status != AWAY) return;
        user.status = ONLINE;
      }
      bus.publish(Audience.everyone(), new Out.Presence(user.profile(), ONLINE));
    }
  }

  /**
   * Called every second or so: marks users away who have been quiet too long, and announces
   * the member counts of rooms that changed. Counts go out at most once a tick so that a
   * crowd joining at once costs one {@code room} frame per tick, not one per join.
   */
  public void tick() {
    for (String name : recounted) {
      recounted.remove(name);
      RoomState room = rooms.get(name);
      if (room != null && !Names.isDirect(name)) {
        bus.publish(Audience.everyone(), new Out.RoomChanged(name, room.topic, room.members.size()));
      }
    }
    long cutoff = clock.getAsLong() - settings.awayAfterMillis();
    for (UserState user : online.values()) {
      if (user.status != ONLINE || user.lastActive > cutoff) continue;
      synchronized (user) {
        if (user.status != ONLINE || user.lastActive > cutoff) continue;
        user.status = AWAY;
      }
      bus.publish(Audience.everyone(), new Out.Presence(user.profile(), AWAY));
    }
  }

  // ---------------------------------------------------------------- rooms

  public void create(Session session, String name, String topic, String ref) {
    if (!Names.isRoom(name)) {
      throw new ChatException(
          INVALID_ROOM,
          "A room name is 1 to 32 of a-z, 0-9, '_' and '-', starting with a letter or digit.");
    }
    String cleanTopic = topic == null ? "" : topic.strip();
    if (Names.length(cleanTopic) > MAX_TOPIC) {
      throw new ChatException(TOO_LONG, "A topic is at most " + MAX_TOPIC + " characters.");
    }
    UserState user = session.user;
    long now = clock.getAsLong();
    RoomState room = new RoomState(name, cleanTopic, user.id, now, 0);
    if (rooms.putIfAbsent(name, room) != null) {
      throw new ChatException(ROOM_EXISTS, "There is already a room called " + name + ".");
    }
    store.write(new Change.RoomSaved(name, cleanTopic, user.id, now));
    addMember(room, user, 0);
    session.client.send(new Out.Ok(ref, room.view(0)));
    bus.publish(Audience.everyone(), new Out.RoomChanged(name, cleanTopic, room.members.size()));
    recounted.remove(name); // announced just now
    appendNotice(name, Notice.Kind.CREATE, user.profile());
  }

  public void join(Session session, String name, String ref) {
    if (Names.isDirect(name)) {
      throw new ChatException(FORBIDDEN, "A direct conversation cannot be joined.");
    }
    RoomState room = room(name);
    UserState user = session.user;
    long readSeq = room.lastSeq;
    Long already = user.rooms.putIfAbsent(name, readSeq);
    if (already != null) {
      session.client.send(new Out.Ok(ref, room.view(already)));
      return;
    }
    addMember(room, user, readSeq);
    session.client.send(new Out.Ok(ref, room.view(readSeq)));
    appendNotice(name, Notice.Kind.JOIN, user.profile());
  }

  private void addMember(RoomState room, UserState user, long readSeq) {
    room.members.add(user.id);
    recounted.add(room.name);
    user.rooms.put(room.name, readSeq);
    store.write(new Change.MemberAdded(room.name, user.id, readSeq));
    subscriptions.joined(room.name, user.id);
  }

  public void leave(Session session, String name, String ref) {
    RoomState room = room(name);
    UserState user = session.user;
    if (!room.members.remove(user.id)) {
      throw new ChatException(NOT_MEMBER, "You are not in " + name + ".");
    }
    user.rooms.remove(name);
    recounted.add(name);
    subscriptions.left(name, user.id);
    store.write(new Change.MemberRemoved(name, user.id));
    session.client.send(new Out.Ok(ref, null));
    appendNotice(name, Notice.Kind.LEAVE, user.profile());
  }

  // ---------------------------------------------------------------- messages

  public void send(Session session, String roomName, String id, String text, String ref) {
    checkClientId(id);
    if (text == null || text.isBlank()) {
      throw new ChatException(BAD_REQUEST, "A message needs some text.");
    }
    if (Names.length(text) > settings.limits().text()) {
      throw new ChatException(
          TOO_LONG, "A message is at most " + settings.limits().text() + " characters.");
    }
    RoomState room = memberRoom(session, roomName);
    Message draft = Message.draft(room.name, id, session.user.profile(), clock.getAsLong(), text, null);
    Client client = session.client;
    store.append(
        draft,
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            if (duplicate) {
              client.send(new Out.Live(event));
            } else {
              published(room, event);
            }
          }

          @Override
          public void failed(Throwable cause) {
            client.send(new Out.Error(ref, INTERNAL.wire(), "The message could not be stored; send it again."));
          }
        });
  }

  /**
   * Answers a page of the room's log: from the room's {@link RoomTail} when it holds exactly the
   * page the store would give (the common case of catching up after a reconnect), otherwise from
   * the store. Either way the page is then capped by size ({@link PageSize}).
   */
  public void history(Session session, String roomName, Long before, Long after, Integer limit, String ref) {
    if (before != null && after != null) {
      throw new ChatException(BAD_REQUEST, "Ask for history before or after a seq, not both.");
    }
    RoomState room = memberRoom(session, roomName);
    int n = limit == null ? DEFAULT_HISTORY : Math.max(1, Math.min(MAX_HISTORY, limit));
    Client client = session.client;
    boolean forward = after != null;
    Store.Page fromTail = room.tail.page(before, after, n);
    if (fromTail != null) {
      sendPage(client, ref, room.name, fromTail, forward);
      return;
    }
    store
        .history(room.name, before, after, n)
        .whenComplete(
            (page, error) -> {
              if (error != null) {
                if (causedBy(error, RejectedExecutionException.class)) {
                  LOG.debug("history of {} refused: {}", room.name, error.getMessage());
                  client.send(new Out.Error(ref, INTERNAL.wire(), "The server is busy reading history; try again in a moment."));
                } else {
                  LOG.warn("history of {} failed", room.name, error);
                  client.send(new Out.Error(ref, INTERNAL.wire(), "History is unavailable right now; try again."));
                }
              } else {
                room.tail.fill(page.events());
                sendPage(client, ref, room.name, page, forward);
              }
            });
  }

  private static void sendPage(Client client, String ref, String room, Store.Page page, boolean forward) {
    Store.Page capped = PageSize.cap(page, forward, PageSize.MAX_PAGE_BYTES);
    client.send(new Out.History(ref, room, capped.events(), capped.more()));
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return true;
    }
    return false;
  }

  public void typing(Session session, String roomName) {
    RoomState room = memberRoom(session, roomName);
    bus.publish(Audience.roomExcept(room.name, session.user.id), new Out.Typing(room.name, session.user.profile()));
  }

  /** Moves the read marker forward (never back, never past the log's end). */
  public void read(Session session, String roomName, long seq) {
    RoomState room = memberRoom(session, roomName);
    UserState user = session.user;
    long target = Math.min(seq, room.lastSeq);
    long now = user.rooms.merge(room.name, target, Math::max);
    if (now == target && target > 0) {
      store.write(new Change.ReadMoved(room.name, user.id, target));
      bus.publish(Audience.user(user.id), new Out.Read(room.name, now));
    } else {
      session.client.send(new Out.Read(room.name, now));
    }
  }

  // ---------------------------------------------------------------- internals

  private void appendNotice(String roomName, Notice.Kind kind, Profile who) {
    RoomState room = rooms.get(roomName);
    store.append(
        Notice.draft(roomName, kind, who, clock.getAsLong()),
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            published(room, event);
          }

          @Override
          public void failed(Throwable cause) {
            LOG.warn("could not store a {} notice in {}", kind.wire(), roomName, cause);
          }
        });
  }

  /** On the store's writer thread, in seq order. */
  private void published(RoomState room, Event event) {
    // The tail first: whoever sees this event (live, or lastSeq in a welcome) and then asks for
    // history finds it there. An edit, delete or reaction (not yet in the contract's server)
    // must update the tail too: see RoomTail.
    room.tail.append(event);
    room.lastSeq = event.seq();
    bus.publish(Audience.room(room.name), new Out.Live(event));
  }

  private RoomState room(String name) {
    RoomState room = name == null ? null : rooms.get(name);
    if (room == null) throw new ChatException(NOT_FOUND, "There is no room called " + name + ".");
    return room;
  }

  private RoomState memberRoom(Session session, String name) {
    RoomState room = room(name);
    if (!session.user.rooms.containsKey(room.name)) {
      throw new ChatException(NOT_MEMBER, "Join " + name + " first.");
    }
    return room;
  }

  private Out.Welcome welcome(UserState user, String token, String ref) {
    List<Out.RoomView> mine = new ArrayList<>();
    for (Map.Entry<String, Long> e : user.rooms.entrySet()) {
      RoomState room = rooms.get(e.getKey());
      if (room != null) mine.add(room.view(e.getValue()));
    }
    mine.sort((a, b) -> a.name().compareTo(b.name()));
    List<Out.DirectoryEntry> directory = new ArrayList<>();
    for (RoomState room : rooms.values()) {
      if (!Names.isDirect(room.name)) directory.add(room.entry());
    }
    directory.sort((a, b) -> a.name().compareTo(b.name()));
    List<Out.UserView> here = new ArrayList<>(online.size());
    for (UserState u : online.values()) {
      String status = u.status;
      if (status != OFFLINE) here.add(new Out.UserView(u.id, u.nick, u.avatar, status));
    }
    return new Out.Welcome(
        ref, user.profile(), token, mine, directory, here, settings.version(), settings.limits());
  }

  /** The number of rooms, for metrics. */
  public int roomCount() {
    return rooms.size();
  }

  /** The number of users with at least one connection, for metrics. */
  public int onlineCount() {
    return online.size();
  }

  /** The in-memory tail of a room's log, or null for no such room; for tests. */
  RoomTail tail(String room) {
    RoomState r = rooms.get(room);
    return r == null ? null : r.tail;
  }

  private boolean claim(String nick, String userId) {
    String holder = nicks.putIfAbsent(nick.toLowerCase(Locale.ROOT), userId);
    return holder == null || holder.equals(userId);
  }

  private void release(String nick, String userId) {
    nicks.remove(nick.toLowerCase(Locale.ROOT), userId);
  }

  private static void checkClientId(String id) {
    if (id == null || id.isEmpty() || id.length() > Names.MAX_ID) {
      throw new ChatException(BAD_REQUEST, "A message needs an id of 1 to 64 characters.");
    }
  }

  private static String cleanAvatar(String avatar) {
    if (avatar == null) return null;
    String a = avatar.strip();
    return a.isEmpty() || a.codePointCount(0, a.length()) > 16 ? null : a;
  }

  private static Snapshot.UserRow row(UserState u) {
    return new Snapshot.UserRow(u.id, u.nick, u.avatar, u.tokenHash, u.createdTs);
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newUserId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder("u");
    for (int i = 0; i < 12; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return id.toString();
  }

  static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The id of the user holding {@code token}, or null: HTTP endpoints authenticate with it. */
  public String userIdForToken(String token) {
    if (token == null || token.isEmpty()) return null;
    UserState user = byToken.get(hash(token));
    return user == null ? null : user.id;
  }
}
