package dev.parley.bus;

import dev.parley.domain.SharedRate;
import dev.parley.domain.TokenBucket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each user's frame budget ({@code --rate}, {@code --burst}) across every node of a cluster,
 * without ever making a frame wait for Redis. Each node keeps a local {@link TokenBucket} per user
 * that starts with the whole burst, and decides every frame on it at once; what it spent is
 * reported to the user's shared bucket in Redis afterwards (a debt the shared bucket takes on; one
 * report in flight per user and node, sent at once while the user is active on other nodes too,
 * else gathered for up to {@link #GATHER_MILLIS} ms or a quarter of a burst, so that a user on one
 * node costs Redis a few calls a second, not one per frame), and each answer brings the local
 * bucket back in step with the shared one: it holds what the shared bucket holds, divided among the
 * nodes that reported for that user within the last {@link #ACTIVE_MILLIS} ms, less what was spent
 * here since the report left.
 *
 * <p>So a quiet user's first {@code burst} frames are served on whichever node they reach, however
 * slowly Redis answers (issue 15: with leases, 60 of 400 sends inside the burst were refused), and
 * a user on one node is limited exactly as on a node of its own. A user spread over several nodes
 * shares one budget: over any window of {@code t} seconds they get at most {@code burst + rate × t}
 * frames, plus what the other nodes serve before their first answer for that user comes back (at
 * most one burst per other node, in practice a few frames) and what a node gathered unreported
 * before it learnt of the others (at most a quarter of a burst). The overshoot is a debt of the
 * shared bucket, repaid before that user is served again.
 *
 * <p>Redis unreachable (no answer within {@link #ANSWER_MILLIS}): the node goes on with its local
 * buckets alone for {@link #QUIET_NANOS}, so users are limited per node, never locked out, and what
 * they spend meanwhile is not charged later. Never blocks a caller: Lettuce's async API, answers on
 * its threads.
 */
public final class RedisRate implements SharedRate {

  /**
   * KEYS[1] the user's bucket; ARGV rate per second, burst, tokens spent, this node's id, the
   * activity window in ms. Charges what was spent (the bucket may go below zero: a debt) and
   * returns {tokens left, nodes that reported within the window}.
   */
  static final String SCRIPT =
      """
      local now = redis.call('TIME')
      now = now[1] * 1000 + math.floor(now[2] / 1000)
      local rate, burst, spent = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local node, window = 'n:' .. ARGV[4], tonumber(ARGV[5])
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens, ts = tonumber(b[1]), tonumber(b[2])
      if tokens == nil then tokens, ts = burst, now end
      tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000) - spent
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now), node, tostring(now))
      local nodes = 0
      local all = redis.call('HGETALL', KEYS[1])
      for i = 1, #all, 2 do
        if string.sub(all[i], 1, 2) == 'n:' then
          if now - tonumber(all[i + 1]) <= window then nodes = nodes + 1 else redis.call('HDEL', KEYS[1], all[i]) end
        end
      end
      redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + window + 1000)
      return {tostring(tokens), nodes}
      """;

  static final long ANSWER_MILLIS = 500;

  /** How long a node of a user active nowhere else gathers what it spent before reporting it. */
  static final long GATHER_MILLIS = 50;

  /** A node that reported for a user this recently shares that user's budget. */
  static final long ACTIVE_MILLIS = 1000;

  /** After Redis failed to answer, how long a user's budget is this node's alone. */
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final long MIN_FORGET_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Logger LOG = LoggerFactory.getLogger(RedisRate.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final String node = UUID.randomUUID().toString().substring(0, 8);
  private final int perSecond;
  private final int burst;

  /** Frames gathered unreported, at most: a quarter of a burst. */
  private final int gather;

  /** A budget unused this long, settled and full, is forgotten (a new one starts full too). */
  private final long forgetNanos;

  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  /** Set while Redis does not answer, so the node logs the outage once, not once per user. */
  private final AtomicBoolean unanswered = new AtomicBoolean();

  private final ScheduledExecutorService tick =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-rate-sweep");
            t.setDaemon(true);
            return t;
          });

  private RedisRate(
      RedisClient client,
      StatefulRedisConnection<String, String> redis,
      String channel,
      int perSecond,
      int burst) {
    this.client = client;
    this.redis = redis;
    this.prefix = channel + ":rate:";
    this.perSecond = Math.max(1, perSecond);
    this.burst = Math.max(1, burst);
    this.gather = Math.max(1, this.burst / 4);
    this.forgetNanos =
        Math.max(MIN_FORGET_NANOS, 2 * TimeUnit.SECONDS.toNanos(1) * this.burst / this.perSecond);
    tick.scheduleWithFixedDelay(this::forgetIdle, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Connects to Redis at {@code url}; the buckets are keys under {@code channel} (the cluster's
   * name).
   *
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisRate connect(String url, String channel, int perSecond, int burst) {
    RedisClient c = RedisClient.create(url);
    try {
      return new RedisRate(c, c.connect(), channel, perSecond, burst);
    } catch (RuntimeException e) {
      c.shutdown();
      throw new IllegalStateException(
          "cannot reach Redis at " + RedisUrl.shown(url) + ": " + RedisUrl.why(e), e);
    }
  }

  @Override
  public boolean take(String userId) {
    long now = System.nanoTime();
    return budgets.computeIfAbsent(userId, id -> new Budget(prefix + id, now)).take(now);
  }

  /** Tokens this node holds for {@code userId} now (below zero: owed); for tests. */
  double level(String userId) {
    Budget b = budgets.get(userId);
    return b == null ? burst : b.local.level(System.nanoTime());
  }

  /** Whether this node has nothing about {@code userId} on its way to or from Redis; for tests. */
  boolean settled(String userId) {
    Budget b = budgets.get(userId);
    return b == null || b.settled();
  }

  private CompletableFuture<List<Object>> report(String key, int spent) {
    try {
      return redis
          .async()
          .<List<Object>>eval(
              SCRIPT,
              ScriptOutputType.MULTI,
              new String[] {key},
              String.valueOf(perSecond),
              String.valueOf(burst),
              String.valueOf(spent),
              node,
              String.valueOf(ACTIVE_MILLIS))
          .toCompletableFuture()
          .orTimeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void forgetIdle() {
    long now = System.nanoTime();
    budgets.forEach(
        (user, b) -> {
          if (b.forgettable(now)) budgets.remove(user, b);
        });
  }

  @Override
  public void close() {
    tick.shutdownNow();
    redis.close();
    client.shutdown();
  }

  /**
   * One user's budget on this node, shared by its connections here (on any event loop); guarded by
   * its monitor.
   */
  private final class Budget {
    private final String key;
    private final TokenBucket local;

    /** Frames served since the last report left. */
    private int unreported;

    private boolean asking;

    /** A report is due in {@link #GATHER_MILLIS}. */
    private boolean gathering;

    /** Redis answered for this user at least once: until then every frame is reported at once. */
    private boolean answered;

    /** Nodes where the user was active at the last answer. */
    private long nodes = 1;

    private long askedAt;
    private long lastUse;

    /** Until then (after Redis failed to answer) the local bucket alone decides. */
    private long quietUntil;

    Budget(String key, long now) {
      this.key = key;
      this.local = new TokenBucket(perSecond, burst, now);
      this.quietUntil = now;
    }

    synchronized boolean take(long now) {
      lastUse = now;
      boolean served = local.take(now);
      if (now - quietUntil < 0) return served;
      if (served) unreported++;
      if (!served || nodes > 1 || !answered || unreported >= gather) {
        if (!asking) ask(now);
      } else if (!asking && !gathering) {
        gathering = true;
        tick.schedule(this::gathered, GATHER_MILLIS, TimeUnit.MILLISECONDS);
      }
      return served;
    }

    private synchronized void gathered() {
      gathering = false;
      if (!asking && unreported > 0) ask(System.nanoTime());
    }

    /** Reports what was spent, and learns the shared bucket; called holding the monitor. */
    private void ask(long now) {
      asking = true;
      askedAt = now;
      int spent = unreported;
      unreported = 0;
      report(key, spent).whenComplete(this::answered);
    }

    private synchronized void answered(List<Object> answer, Throwable failure) {
      asking = false;
      long now = System.nanoTime();
      if (failure != null || answer == null || answer.size() < 2) {
        if (!unanswered.getAndSet(true)) {
          LOG.warn(
              "Redis did not answer a rate report in time; limiting users on this node alone for a while",
              failure);
        }
        unreported = 0; // spent while Redis was away: not charged later
        quietUntil = now + QUIET_NANOS;
        return;
      }
      if (unanswered.getAndSet(false)) LOG.info("Redis answers rate reports again");
      answered = true;
      double shared = Double.parseDouble(String.valueOf(answer.get(0)));
      nodes = Math.max(1, ((Number) answer.get(1)).longValue());
      // What the shared bucket refilled while the answer travelled back, which Redis did not count.
      double travelled = (now - askedAt) / 1e9 * perSecond;
      local.set(shared / nodes - unreported + travelled, now);
      if (unreported > 0 && (nodes > 1 || unreported >= gather)) {
        ask(now);
      } else if (unreported > 0 && !gathering) {
        gathering = true;
        tick.schedule(this::gathered, GATHER_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    synchronized boolean settled() {
      return !asking && !gathering && unreported == 0;
    }

    synchronized boolean forgettable(long now) {
      return settled() && now - lastUse > forgetNanos && local.full(now);
    }
  }
}
