package dev.parley.bus;

import dev.parley.domain.Cluster;
import dev.parley.domain.Status;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the cluster's presence, kept in Redis so that it outlives nothing: a
 * heartbeat key that expires when the node dies, the users online here (a hash), nick claims that
 * every node honours, and a sweep that finds nodes whose heartbeat ran out so that their users go
 * offline everywhere. Every key starts with the cluster's channel name.
 *
 * <p>Keys: {@code C:nodes} (set of node ids), {@code C:alive:N} (heartbeat, {@value #TTL_MILLIS}
 * ms), {@code C:online:N} (user id to status, this node's users), {@code C:nick:L} (the id of the
 * user holding lower-cased nick L) and {@code C:nick:L:pending} (a claim made by a hello that has
 * not come online yet, {@value #PENDING_MILLIS} ms). A claim holds while its user is in the hash of
 * a node whose heartbeat lives, or is pending: so a dead node's claims lapse with its heartbeat,
 * with nothing to clean up first.
 *
 * <p>Nothing here blocks the caller: commands go out through Lettuce's async API, and what they
 * answer is applied on the bus's inbound thread.
 */
final class ClusterPresence {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPresence.class);

  /** How long a heartbeat lives: a node silent this long is taken for dead. */
  static final long TTL_MILLIS = 10_000;

  /** How often a node renews its heartbeat and sweeps for dead nodes. */
  static final long BEAT_MILLIS = 3_000;

  /** How long a nick claimed by a hello holds before its user is online somewhere. */
  static final long PENDING_MILLIS = 15_000;

  /** A claim Redis has not answered by then is granted (the node's own claims still hold). */
  private static final long CLAIM_TIMEOUT_MILLIS = 3_000;

  private static final String ONLINE_SOMEWHERE =
      """
      local function online(p, uid)
        for _, n in ipairs(redis.call('SMEMBERS', p .. ':nodes')) do
          if redis.call('EXISTS', p .. ':alive:' .. n) == 1
              and redis.call('HEXISTS', p .. ':online:' .. n, uid) == 1 then return true end
        end
        return false
      end
      """;

  /** ARGV: prefix, nick, user id, pending ms. 1 when the user holds the nick now. */
  private static final String CLAIM =
      ONLINE_SOMEWHERE
          + """
      local key = ARGV[1] .. ':nick:' .. ARGV[2]
      local holder = redis.call('GET', key)
      if holder and holder ~= ARGV[3] then
        if redis.call('EXISTS', key .. ':pending') == 1 then return 0 end
        if online(ARGV[1], holder) then return 0 end
      end
      redis.call('SET', key, ARGV[3])
      redis.call('SET', key .. ':pending', ARGV[3], 'PX', ARGV[4])
      return 1
      """;

  /** ARGV: prefix, nick, user id, '1' to let go at once (a rename, an unused claim). */
  private static final String RELEASE =
      ONLINE_SOMEWHERE
          + """
      local key = ARGV[1] .. ':nick:' .. ARGV[2]
      if redis.call('GET', key) ~= ARGV[3] then return 0 end
      if ARGV[4] ~= '1' and (redis.call('EXISTS', key .. ':pending') == 1 or online(ARGV[1], ARGV[3])) then return 0 end
      redis.call('DEL', key, key .. ':pending')
      return 1
      """;

  /** KEYS: a pending claim; ARGV: the user id. Drops it if it is that user's. */
  private static final String SETTLE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  /** ARGV: prefix, node, ttl ms. 1 when the heartbeat was still alive (0: new, or it lapsed). */
  private static final String BEAT =
      """
      local had = redis.call('SET', ARGV[1] .. ':alive:' .. ARGV[2], '1', 'PX', ARGV[3], 'GET')
      redis.call('SADD', ARGV[1] .. ':nodes', ARGV[2])
      if had then return 1 end
      return 0
      """;

  /**
   * ARGV: prefix, this node, then nodes this node has heard of. The nodes (of the set, or heard of)
   * whose heartbeat is gone, other than this one; their hash and membership are removed.
   */
  private static final String SWEEP =
      """
      local p = ARGV[1]
      local dead, checked = {}, {}
      local function check(n)
        if checked[n] or n == ARGV[2] then return end
        checked[n] = true
        if redis.call('EXISTS', p .. ':alive:' .. n) == 0 then
          table.insert(dead, n)
          redis.call('DEL', p .. ':online:' .. n)
          redis.call('SREM', p .. ':nodes', n)
        end
      end
      for _, n in ipairs(redis.call('SMEMBERS', p .. ':nodes')) do check(n) end
      for i = 3, #ARGV do check(ARGV[i]) end
      return dead
      """;

  /** ARGV: prefix, this node. Node, user, status, for every user of every other live node. */
  private static final String EVERYONE =
      """
      local out = {}
      for _, n in ipairs(redis.call('SMEMBERS', ARGV[1] .. ':nodes')) do
        if n ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. ':alive:' .. n) == 1 then
          local h = redis.call('HGETALL', ARGV[1] .. ':online:' .. n)
          for i = 1, #h, 2 do
            table.insert(out, n); table.insert(out, h[i]); table.insert(out, h[i + 1])
          end
        end
      end
      return out
      """;

  private static final String[] NO_KEYS = new String[0];

  private final String prefix;
  private final String node;
  private final StatefulRedisConnection<String, String> redis;
  private final Consumer<Envelope> send;
  private final ScheduledExecutorService inbound;

  /** This node's users and their status here, as its hash holds them; guarded by this. */
  private final Map<String, Status> mine = new java.util.HashMap<>();

  /** Nicks claimed by a hello not yet online, by user id. */
  private final Map<String, Set<String>> pending = new ConcurrentHashMap<>();

  /** The other nodes this node holds users of; the inbound thread's own. */
  private final Set<String> heard = new HashSet<>();

  private volatile Cluster.Log log;

  /** False once this node said goodbye: no heartbeat after it. */
  private volatile boolean beating = true;

  ClusterPresence(
      RedisClient client,
      String prefix,
      String node,
      Consumer<Envelope> send,
      ScheduledExecutorService inbound) {
    this.redis = client.connect();
    this.prefix = prefix;
    this.node = node;
    this.send = send;
    this.inbound = inbound;
  }

  /** Joins: the first heartbeat, every other live node's users, then the beat and the sweep. */
  void start(Cluster.Log log) {
    this.log = log;
    redis
        .sync()
        .eval(BEAT, ScriptOutputType.INTEGER, NO_KEYS, prefix, node, String.valueOf(TTL_MILLIS));
    List<Object> all = redis.sync().eval(EVERYONE, ScriptOutputType.MULTI, NO_KEYS, prefix, node);
    inbound.execute(
        () -> {
          for (int i = 0; i + 2 < all.size(); i += 3) {
            heard(
                (String) all.get(i),
                (String) all.get(i + 1),
                Status.fromWire((String) all.get(i + 2)));
          }
        });
    inbound.scheduleWithFixedDelay(this::beat, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    inbound.scheduleWithFixedDelay(this::sweep, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Any thread, in order per user: this node's status of a user. */
  synchronized void status(String userId, Status status) {
    String key = prefix + ":online:" + node;
    if (status == Status.OFFLINE) {
      mine.remove(userId);
      redis.async().hdel(key, userId);
    } else {
      mine.put(userId, status);
      redis.async().hset(key, userId, status.wire());
      Set<String> claims = pending.remove(userId);
      if (claims != null) {
        for (String nick : claims)
          redis
              .async()
              .eval(
                  SETTLE,
                  ScriptOutputType.INTEGER,
                  new String[] {nickKey(nick) + ":pending"},
                  userId);
      }
    }
    send.accept(new Envelope.Seen(node, userId, status));
  }

  /** On the inbound thread: another node's status of a user. */
  void heard(String from, String userId, Status status) {
    heard.add(from);
    log.seen(from, userId, status);
  }

  /** {@code then} gets whether {@code userId} holds {@code nick} now; on a Redis thread. */
  void claim(String nick, String userId, Consumer<Boolean> then) {
    redis
        .async()
        .eval(
            CLAIM,
            ScriptOutputType.INTEGER,
            NO_KEYS,
            prefix,
            nick,
            userId,
            String.valueOf(PENDING_MILLIS))
        .toCompletableFuture()
        .orTimeout(CLAIM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .whenComplete(
            (held, err) -> {
              if (err != null) {
                LOG.warn(
                    "could not claim the nick {} in Redis; granting it on this node's own claims",
                    nick,
                    err);
                then.accept(true);
                return;
              }
              boolean ok = Long.valueOf(1).equals(held);
              if (ok) pending.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(nick);
              then.accept(ok);
            });
  }

  void release(String nick, String userId, boolean now) {
    if (now) {
      pending.computeIfPresent(
          userId,
          (id, claims) -> {
            claims.remove(nick);
            return claims.isEmpty() ? null : claims;
          });
    }
    redis
        .async()
        .eval(RELEASE, ScriptOutputType.INTEGER, NO_KEYS, prefix, nick, userId, now ? "1" : "0")
        .whenComplete(
            (n, err) -> {
              if (err != null) LOG.warn("could not let go of the nick {} in Redis", nick, err);
            });
  }

  private void beat() {
    if (!beating) return;
    redis
        .async()
        .eval(BEAT, ScriptOutputType.INTEGER, NO_KEYS, prefix, node, String.valueOf(TTL_MILLIS))
        .whenComplete(
            (alive, err) -> {
              if (err != null) LOG.warn("could not renew this node's heartbeat in Redis", err);
              else if (Long.valueOf(0).equals(alive)) announceAgain();
            });
  }

  /**
   * The heartbeat had lapsed (a long pause, Redis restarted and lost its keys): the other nodes may
   * have dropped this node's users, so its hash and their status are told again, and their nicks
   * are claimed again (a Redis that lost them would let a newcomer take one).
   */
  private synchronized void announceAgain() {
    if (mine.isEmpty()) return;
    LOG.warn(
        "this node's heartbeat had lapsed; telling the other nodes its {} users again",
        mine.size());
    Map<String, String> hash = new java.util.HashMap<>();
    for (Map.Entry<String, Status> e : mine.entrySet()) hash.put(e.getKey(), e.getValue().wire());
    redis.async().hset(prefix + ":online:" + node, hash);
    for (Map.Entry<String, Status> e : mine.entrySet()) {
      send.accept(new Envelope.Seen(node, e.getKey(), e.getValue()));
      String nick = log.nick(e.getKey());
      if (nick == null) continue;
      String userId = e.getKey();
      claim(
          dev.parley.domain.Names.nickKey(nick),
          userId,
          held -> {
            if (!held)
              LOG.warn(
                  "the nick {} of a user online here was taken elsewhere while Redis was away",
                  nick);
          });
    }
  }

  /** On the inbound thread: nodes whose heartbeat ran out lose their users everywhere. */
  private void sweep() {
    List<String> args = new ArrayList<>(heard.size() + 2);
    args.add(prefix);
    args.add(node);
    args.addAll(heard);
    redis
        .async()
        .<List<Object>>eval(SWEEP, ScriptOutputType.MULTI, NO_KEYS, args.toArray(String[]::new))
        .whenComplete(
            (dead, err) ->
                onInbound(
                    () -> {
                      if (err != null) {
                        LOG.warn("could not sweep for nodes that stopped", err);
                        return;
                      }
                      for (Object d : dead) {
                        String gone = (String) d;
                        if (heard.remove(gone))
                          LOG.info(
                              "node {} stopped without a goodbye; its users are offline", gone);
                        log.gone(gone);
                      }
                    }));
  }

  private void onInbound(Runnable task) {
    try {
      inbound.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // this node is closing
    }
  }

  private String nickKey(String nick) {
    return prefix + ":nick:" + nick;
  }

  /** A goodbye: this node's heartbeat and hash go at once (its users went offline as it closed). */
  void close() {
    beating = false;
    try {
      redis
          .async()
          .del(prefix + ":alive:" + node, prefix + ":online:" + node)
          .get(1, TimeUnit.SECONDS);
      redis.async().srem(prefix + ":nodes", node).get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("could not say goodbye in Redis", e);
    }
    redis.close();
  }
}
