package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_CREDENTIALS;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.BANNED;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passkeys of every user, in memory: loaded at start, kept in step with the store through
 * {@link Change.PasskeySaved}, {@link Change.PasskeyUsed} and {@link Change.PasskeyRemoved}, which
 * the other nodes of a cluster apply too ({@link #heard}). Why in memory: a sign-in must find a
 * credential by id and every node must know at once that a user is protected ({@link
 * UserState#passkeys}, which this class alone writes), both without waiting on the store. A user
 * keeps at most {@link #MAX_PER_USER}, so the map is bounded by the users.
 *
 * <p>The domain never parses a key or checks a signature: the web adapter does (WebAuthn is a
 * protocol of the HTTP side) and hands over what it verified; this class decides what a verified
 * sign-in gives (a new session, {@link Logins#open}) and whether a counter still moves forward. Any
 * thread may call it: the maps are concurrent and a use is a compare-and-set.
 */
final class Passkeys {
  /** The most passkeys one user may register. */
  static final int MAX_PER_USER = 10;

  /** The longest name a passkey may be given. */
  static final int MAX_NAME = 64;

  private final Registry registry;
  private final Logins logins;
  private final SecureRandom random = new SecureRandom();

  /** Passkey id to passkey. */
  private final Map<String, Passkey> byId = new ConcurrentHashMap<>();

  /** User id to the ids of their passkeys. */
  private final Map<String, Set<String>> byUser = new ConcurrentHashMap<>();

  Passkeys(Registry registry, Logins logins) {
    this.registry = registry;
    this.logins = logins;
  }

  /** At start, after the users: every stored passkey. */
  void load(List<Passkey> rows) {
    for (Passkey p : rows) put(p);
  }

  /** The user's passkeys, oldest first. */
  List<Passkey> of(String userId) {
    Set<String> ids = byUser.get(userId);
    List<Passkey> list = new ArrayList<>();
    if (ids != null)
      for (String id : ids) {
        Passkey p = byId.get(id);
        if (p != null) list.add(p);
      }
    list.sort(Comparator.comparingLong(Passkey::created).thenComparing(Passkey::id));
    return list;
  }

  /** The nick of the user with this id, or null. */
  String nickOf(String userId) {
    UserState user = registry.users.get(userId);
    return user == null ? null : user.nick;
  }

  Passkey find(String id) {
    return id == null ? null : byId.get(id);
  }

  /** The id of the user called {@code nick} (compared as nicks are) who has a passkey, or null. */
  String userWithPasskeys(String nick) {
    String key = Names.nickKey(nick);
    for (String userId : byUser.keySet()) {
      UserState user = registry.users.get(userId);
      if (user != null && user.passkeys > 0 && Names.nickKey(user.nick).equals(key)) return userId;
    }
    return null;
  }

  /**
   * Registers a verified credential for {@code userId}: kept, stored and shared. Refused ({@code
   * bad_request}) past {@link #MAX_PER_USER} or when the credential is already registered.
   */
  Passkey add(
      String userId,
      String id,
      byte[] key,
      long count,
      String name,
      String transports,
      String aaguid) {
    UserState user = registry.users.get(userId);
    if (user == null) throw new ChatException(BAD_CREDENTIALS, "Sign in again first.");
    String label = name == null ? "" : name.strip();
    if (label.isEmpty()) label = "Passkey";
    if (label.length() > MAX_NAME) label = label.substring(0, MAX_NAME);
    long now = registry.clock.getAsLong();
    Passkey p = new Passkey(id, userId, key.clone(), count, label, now, 0, transports, aaguid);
    synchronized (user) {
      if (of(userId).size() >= MAX_PER_USER)
        throw new ChatException(
            BAD_REQUEST, "You have " + MAX_PER_USER + " passkeys; remove one first.");
      if (byId.putIfAbsent(id, p) != null)
        throw new ChatException(BAD_REQUEST, "This passkey is registered already.");
      index(p, user);
    }
    registry.write(new Change.PasskeySaved(p));
    return p;
  }

  /** Removes one of the user's own passkeys; false when they have none with that id. */
  boolean remove(String userId, String id) {
    Passkey p = find(id);
    if (p == null || !p.userId().equals(userId)) return false;
    drop(p);
    registry.write(new Change.PasskeyRemoved(userId, id));
    return true;
  }

  /**
   * A sign-in that the adapter verified against {@code verified} (as {@link #find} gave it) and
   * whose authenticator showed {@code count}: a new session of its user, whose token is returned
   * (only its hash is kept). Refused when the passkey was removed or used meanwhile, or its user is
   * banned.
   */
  String signIn(Passkey verified, long count, String agent) {
    UserState user = registry.users.get(verified.userId());
    if (user == null) throw new ChatException(BAD_CREDENTIALS, "This passkey is not known here.");
    if (user.banned) throw new ChatException(BANNED, "You are banned from this server.");
    long now = registry.clock.getAsLong();
    if (!byId.replace(verified.id(), verified, verified.used(count, now)))
      throw new ChatException(BAD_CREDENTIALS, "This passkey was used or removed meanwhile.");
    registry.write(new Change.PasskeyUsed(verified.id(), count, now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    logins.open(user, Presence.hash(token), agent);
    return token;
  }

  /**
   * {@code then} (any thread) gets the seconds the address must wait before its next passkey
   * sign-in is looked at; 0: at once. Counted as wrong sign-in codes are ({@link AddressGuesses}).
   */
  void wait(String address, java.util.function.LongConsumer then) {
    registry.addressGuesses.wait(AddressGuesses.Kind.PASSKEY, address, then);
  }

  /** A passkey sign-in from the address failed verification. */
  void failed(String address) {
    registry.addressGuesses.failed(AddressGuesses.Kind.PASSKEY, address);
  }

  /** Another node registered, used or removed a passkey. */
  void heard(Change change) {
    if (change instanceof Change.PasskeySaved saved) {
      put(saved.passkey());
    } else if (change instanceof Change.PasskeyUsed used) {
      byId.computeIfPresent(
          used.passkeyId(),
          (id, p) ->
              p.signCount() > used.signCount() && p.lastUsed() >= used.ts()
                  ? p
                  : p.used(
                      Math.max(p.signCount(), used.signCount()),
                      Math.max(p.lastUsed(), used.ts())));
    } else if (change instanceof Change.PasskeyRemoved removed) {
      Passkey p = byId.get(removed.passkeyId());
      if (p != null && p.userId().equals(removed.userId())) drop(p);
    } else {
      throw new IllegalArgumentException("not a change of passkeys: " + change);
    }
  }

  /**
   * The store's passkeys, read again after this node missed what other nodes published (a resync):
   * the ones it lacks are added, counters move forward, and the ones the store no longer holds are
   * dropped. A passkey {@code touched} since the read was asked for is left as it is here: the read
   * may be older than what this node knows of it.
   */
  void reloaded(List<Passkey> stored, java.util.function.Predicate<String> touched) {
    Set<String> kept = new java.util.HashSet<>();
    for (Passkey p : stored) {
      kept.add(p.id());
      if (touched.test(p.id())) continue;
      if (byId.containsKey(p.id()))
        heard(new Change.PasskeyUsed(p.id(), p.signCount(), p.lastUsed()));
      else put(p);
    }
    for (Passkey p : List.copyOf(byId.values()))
      if (!kept.contains(p.id()) && !touched.test(p.id())) drop(p);
  }

  /** A user removed as idle takes their passkeys along (a protected one never is). */
  void forget(String userId) {
    Set<String> ids = byUser.remove(userId);
    if (ids != null) for (String id : ids) byId.remove(id);
  }

  private void put(Passkey p) {
    UserState user = registry.users.get(p.userId());
    if (user == null) return;
    synchronized (user) {
      if (byId.putIfAbsent(p.id(), p) == null) index(p, user);
    }
  }

  /** Under the user's monitor: the passkey joins its user's set and count. */
  private void index(Passkey p, UserState user) {
    Set<String> ids = byUser.computeIfAbsent(user.id, u -> ConcurrentHashMap.newKeySet());
    ids.add(p.id());
    user.passkeys = ids.size();
  }

  private void drop(Passkey p) {
    UserState user = registry.users.get(p.userId());
    Object lock = user == null ? this : user;
    synchronized (lock) {
      if (!byId.remove(p.id(), byId.get(p.id()))) return;
      Set<String> ids = byUser.get(p.userId());
      if (ids != null) {
        ids.remove(p.id());
        if (ids.isEmpty()) byUser.remove(p.userId(), ids);
      }
      if (user != null) user.passkeys = ids == null ? 0 : ids.size();
    }
  }
}
