package dev.parley.domain;

import java.util.function.LongSupplier;

/**
 * The domain's front door: every request a connection can make, each handed to the capability that
 * holds its rules ({@link Presence}, {@link Rooms}, {@link Messages}, {@link DirectRooms}, {@link
 * MessageChanges}). Metadata (users, rooms, memberships, read markers) lives in memory ({@link
 * Registry}) and is written through to the {@link Store}; logs live in the store, which assigns
 * each event its seq. Events are published to the {@link Bus} (and, in a cluster, ordered with the
 * other nodes' by the {@link Cluster}) from the store's commit callback ({@link RoomLog}), so they
 * reach everyone in seq order and only once stored.
 *
 * <p>Methods are called from any event loop at once. Refusals are thrown as {@link ChatException};
 * everything else answers through the session's {@link Client}.
 */
public final class Chat {

  public static final String GENERAL = "general";

  /**
   * Limits the contract announces in welcome, how long until a quiet user is away, the server's
   * retention policy (what a room without its own keeps), and how many public rooms a user may
   * create a day ({@code --room-quota}).
   */
  public record Settings(
      String version,
      Out.Limits limits,
      long awayAfterMillis,
      Retention retention,
      int roomQuota,
      int roomsPerUser,
      long nickHoldMillis,
      long offlineGraceMillis) {
    /** The contract's default {@code --nick-hold}: 30 days. */
    public static final long NICK_HOLD_MILLIS = 30L * 24 * 60 * 60 * 1000;

    /** With the default nick hold. */
    public Settings(
        String version,
        Out.Limits limits,
        long awayAfterMillis,
        Retention retention,
        int roomQuota,
        int roomsPerUser) {
      this(
          version,
          limits,
          awayAfterMillis,
          retention,
          roomQuota,
          roomsPerUser,
          NICK_HOLD_MILLIS,
          0);
    }
  }

  private final Registry registry;
  private final Presence presence;
  private final Rooms rooms;
  private final Messages messages;
  private final MessageChanges changes;
  private final RoomRetention retention;
  private final PeopleFinder people;
  private final People peopleDoor;
  private final IdleUsers idleUsers;
  private final ProfileEdits profiles;
  private final Accounts accounts;
  private final AdminDesk admin;
  private final PrivateRooms privateRooms;
  private final Moderation moderation;
  private final HttpDoors httpDoors;
  private final LinkPreviews previews;
  private final Marks marks;
  private final PushNotes push;

  /**
   * @param images vouches for the image URLs a message may carry; null refuses every image
   */
  public Chat(
      Store store, Bus bus, Cluster cluster, Images images, Settings settings, LongSupplier clock) {
    this.registry = new Registry(store, bus, cluster, settings, clock);
    RoomLog log = new RoomLog(registry);
    this.rooms = new Rooms(registry, log);
    this.presence = new Presence(registry, rooms);
    this.messages = new Messages(registry, log, new DirectRooms(registry), images);
    this.changes = new MessageChanges(registry, log, messages);
    this.retention = new RoomRetention(registry);
    this.people = new PeopleFinder(registry);
    this.peopleDoor = new People(people);
    this.idleUsers = new IdleUsers(registry);
    this.profiles = new ProfileEdits(registry, presence);
    this.accounts = new Accounts(presence);
    this.admin = new AdminDesk(registry, presence.logins);
    this.privateRooms =
        new PrivateRooms(registry, new RoomInvites(registry, rooms, presence.registration));
    this.moderation = new Moderation(registry, log);
    this.httpDoors = new HttpDoors(registry, presence::userIdForToken);
    this.previews = new LinkPreviews(registry, log);
    this.marks = new Marks(registry, log);
    this.push = new PushNotes(registry, log);
    registry.load(store.load());
    registry.bans.loaded(store.bans().join());
    moderation.load(store.roomRules());
    presence.logins.passkeys.load(store.passkeys());
    NotifyLevels.load(registry, store.bookmarks().notifyLevels());
  }

  /**
   * What the cluster tells this node: the other nodes' changes, and every room's events back in seq
   * order. Unused on a node of its own.
   */
  public Cluster.Log clusterLog() {
    return new Replica(registry, presence, idleUsers);
  }

  /**
   * Set once, before the first connection: how many new users an address may make (the node's own
   * count, or the cluster's). Without it, as many as it likes.
   */
  public void newUsers(NewUsers newUsers) {
    registry.newUsers = newUsers;
  }

  /** Set once, before the first connection, by whoever delivers to local sockets. */
  public void subscriptions(Subscriptions subscriptions) {
    registry.subscriptions = subscriptions;
  }

  /** {@code hello}: resumes or creates the user and sends {@code welcome}. */
  public Session hello(Client client, String nick, String avatar, String token, String ref) {
    return presence.hello(client, nick, avatar, token, ref, HelloClaims.NONE);
  }

  /** {@code hello} after {@link #beforeHello}, with what it learnt. */
  public Session hello(
      Client client, String nick, String avatar, String token, String ref, HelloClaims claims) {
    return presence.hello(client, nick, avatar, token, ref, claims);
  }

  /**
   * Whether {@code hello} must wait for {@link #beforeHello}: in a cluster, where a token may have
   * been issued by another node an instant ago and nicks are claimed on every node.
   */
  public boolean helloWaits() {
    return registry.cluster.clustered();
  }

  /**
   * In a cluster, what a {@code hello} needs before it runs without waiting: this node caught up
   * with the others if the token is unknown here, then, for a new user, the cluster's count of new
   * users from {@code address}, and the nicks it may take claimed on every node. {@code then} runs
   * on any thread.
   */
  public void beforeHello(
      String token, String nick, String address, java.util.function.Consumer<HelloClaims> then) {
    if (mayLearnToken(token)) catchUp(() -> presence.claimAhead(token, nick, address, then));
    else presence.claimAhead(token, nick, address, then);
  }

  /**
   * A hello that waited ({@link #beforeHello}) will not run (its connection closed): its claims go.
   */
  public void helloDropped(HelloClaims claims) {
    presence.nicks.letGoUnused(claims);
  }

  /** Who may join ({@code --registration}) and invites to the server. */
  public Registration registration() {
    return presence.registration;
  }

  /** Sessions and sign-in codes: the frames of "Identity you can trust" about devices. */
  public Accounts accounts() {
    return accounts;
  }

  /** The administrators' frames, who they are, and the server-wide bans. */
  public AdminDesk admin() {
    return admin;
  }

  /** Link previews: turned on at start; {@code unpreview}. */
  public LinkPreviews linkPreviews() {
    return previews;
  }

  /** Web Push: subscriptions, visibility, and what is pushed to whom. */
  public PushNotes push() {
    return push;
  }

  /** Room roles, settings and moderation: {@code role}, {@code settings}, {@code kick} ... */
  public Moderation moderation() {
    return moderation;
  }

  /** Pins, saved messages, notification levels, marking unread, jumping to a date. */
  public Marks marks() {
    return marks;
  }

  /** {@code profile}: the user changes their own nick, avatar or status (each null: keep). */
  public void profile(Session session, String nick, String avatar, String status, String ref) {
    profiles.change(session, nick, avatar, status, ref);
  }

  /** The connection closed. */
  public void disconnect(Session session) {
    presence.disconnect(session);
    push.closed(session);
  }

  /**
   * Runs {@code then} once every write queued so far has been stored and its event published (on
   * the store's writer thread): a connection about to be closed for what it sent is first owed the
   * messages it had sent before, which reach it only after their commit.
   */
  public void afterQueuedWrites(Runnable then) {
    registry.store.afterQueued(() -> registry.cluster.afterDelivered(then));
  }

  /** The user did something (any frame but a ping): not away. */
  public void activity(Session session) {
    presence.activity(session);
  }

  /** How often {@link #flushGathered} is to be called. */
  public static final long GATHER_MILLIS = Coalescer.TICK_MILLIS;

  /** Every {@link #GATHER_MILLIS} ms: offlines now due, then what was gathered goes out. */
  public void flushGathered() {
    presence.departures.leave(false);
    registry.coalescer.tick();
  }

  /** The server is closing: everyone whose connections closed goes offline now, not later. */
  public void leaveNow() {
    presence.departures.leave(true);
  }

  /** Called every second or so: member counts that changed, users who went quiet. */
  public void tick() {
    rooms.announceCounts();
    presence.markAway();
  }

  public void create(Session session, String name, String topic, String ref) {
    rooms.create(session, name, topic, false, ref);
  }

  /** {@code create} with {@code private}: a room only its members know of. */
  public void create(Session session, String name, String topic, boolean isPrivate, String ref) {
    rooms.create(session, name, topic, isPrivate, ref);
  }

  /** Private rooms and the invitations into rooms. */
  public PrivateRooms privateRooms() {
    return privateRooms;
  }

  public void join(Session session, String name, String ref) {
    rooms.join(session, name, ref);
  }

  public void leave(Session session, String name, String ref) {
    rooms.leave(session, name, ref);
  }

  /**
   * {@code directory}: a page of the public rooms whose name or topic contains {@code q}, the
   * busiest first, after the cursor {@code after}. Bounded work, so it answers on the caller's
   * thread.
   */
  public void directory(Session session, String q, String after, Integer limit, String ref) {
    Directory.Page page = registry.directory.page(q, after, limit);
    session.client.send(new Out.Directory(ref, page.rooms(), page.more(), page.next()));
  }

  /** {@code send}, to a room or (with {@code to}) to a person. */
  public void send(Session session, Post post, String ref) {
    messages.send(session, post, ref);
  }

  /**
   * Whether this {@code send} must wait for {@link #learnImage} first: its image is one this node
   * has not measured (another node took it in), and reading it is not for the caller's event loop.
   */
  public boolean imageWaits(Post post) {
    return messages.uploadWaits(uploadUrl(post));
  }

  /** Reads what vouching for the post's image needs, then runs {@code then} (on another thread). */
  public void learnImage(Post post, Runnable then) {
    messages.learnUpload(uploadUrl(post), then);
  }

  private static String uploadUrl(Post post) {
    if (post.image() != null) return post.image().url();
    return post.file() == null ? null : post.file().url();
  }

  public void history(
      Session session, String room, Long before, Long after, Integer limit, String ref) {
    messages.history(session, room, before, after, limit, ref);
  }

  /**
   * {@code history} with {@code thread}: the root message {@code root} and its thread's replies.
   */
  public void thread(
      Session session, String room, long root, Long after, Integer limit, String ref) {
    messages.thread(session, room, root, after, limit, ref);
  }

  /** {@code changes}: messages of the room changed after rev {@code since}. */
  public void changes(Session session, String room, long since, Integer limit, String ref) {
    messages.changes(session, room, since, limit, ref);
  }

  public void typing(Session session, String room) {
    messages.typing(session, room);
  }

  public void read(Session session, String room, long seq) {
    messages.read(session, room, seq);
  }

  public void edit(Session session, String room, long seq, String text, String ref) {
    changes.edit(session, room, seq, text, ref);
  }

  public void delete(Session session, String room, long seq, String ref) {
    changes.delete(session, room, seq, ref);
  }

  public void react(Session session, String room, long seq, String emoji, boolean on, String ref) {
    changes.react(session, room, seq, emoji, on, ref);
  }

  /**
   * {@code retention}: the room's creator sets how long the room keeps its history ({@code
   * inherit}: the server's policy again).
   */
  public void retention(
      Session session, String room, Retention policy, boolean inherit, String ref) {
    retention.set(session, room, policy, inherit, ref);
  }

  /**
   * Starts a retention sweep over every room (unless one is still going): called on a schedule.
   * Returns at once; the steps run through the store's writer.
   */
  public void sweepRetention() {
    retention.sweep();
  }

  /**
   * Set once, before the first sweep: runs on the store's writer thread after a sweep that removed
   * events, so it must hand its work elsewhere (the uploads sweep does).
   */
  public void afterPurge(Runnable hook) {
    retention.afterPurge = hook;
  }

  /** How often {@link #sweepIdleUsers} is to be called. */
  public static final long IDLE_USERS_EVERY_MILLIS = IdleUsers.EVERY_MILLIS;

  /**
   * Removes users who never sent anything and were last seen over a day ago (see {@link
   * IdleUsers}). Returns at once: the store reads and writes off the caller's thread.
   */
  public void sweepIdleUsers() {
    idleUsers.sweep();
  }

  /** How often {@link #sweepEndedSessions} is to be called. */
  public static final long ENDED_SESSIONS_EVERY_MILLIS = EndedSessions.EVERY_MILLIS;

  /**
   * Removes sessions revoked, or expired, long enough ago (see {@link EndedSessions}). Returns at
   * once: the store reads and writes off the caller's thread.
   */
  public void sweepEndedSessions() {
    presence.logins.ended.sweep();
  }

  /** Whether a sweep of ended sessions is still going; for tests. */
  boolean sweepingSessions() {
    return presence.logins.ended.sweeping();
  }

  /** Whether a retention sweep is still going; for tests. */
  boolean sweeping() {
    return retention.busy();
  }

  /** Finding people: {@code users} (by name or by id) and {@code members}. */
  public People people() {
    return peopleDoor;
  }

  /**
   * Whether {@code hello} with this token should wait for {@link #catchUp} first: in a cluster, a
   * token this node does not know may have been issued by another node an instant ago.
   */
  private boolean mayLearnToken(String token) {
    return token != null && registry.cluster.clustered() && userIdForToken(token) == null;
  }

  /** Runs {@code then} once this node has applied what the other nodes shared before now. */
  private void catchUp(Runnable then) {
    registry.cluster.catchUp(then);
  }

  /** The id of the user a token belongs to, or null: for HTTP requests that carry a token. */
  public String userIdForToken(String token) {
    return presence.userIdForToken(token);
  }

  /** What a request over HTTP (uploads, export, search) may read: the socket's doors, there. */
  public HttpDoors httpDoors() {
    return httpDoors;
  }

  /** The number of rooms, for metrics. */
  public int roomCount() {
    return registry.rooms.size();
  }

  /** The number of users online or away (in a cluster, on any node); for tests. */
  int onlineCount() {
    return registry.online.size();
  }

  /** The in-memory tail of a room's log, or null for no such room; for tests. */
  RoomTail tail(String room) {
    RoomState r = registry.rooms.get(room);
    return r == null ? null : r.tail;
  }

  static String hash(String token) {
    return Presence.hash(token);
  }
}
