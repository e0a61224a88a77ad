package dev.parley.bus;

import dev.parley.domain.RateLimit;
import dev.parley.domain.SharedRate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each user's frame budget shared by every node of a cluster, without a Redis round trip per
 * frame: the bucket of {@code --rate}/{@code --burst} lives in Redis (one hash per user, refilled
 * by a Lua script on Redis's own clock), and each node leases a few tokens of it at a time
 * ({@link #lease}, a quarter of the burst) for its connections of that user. A frame spends a
 * leased token on the spot; when the lease runs low the node asks for more asynchronously,
 * so a steady sender never waits. A node's frames of a user before its lease has come back
 * (the first, or the first after a quiet spell) are an advance of up to a burst that the grants
 * repay, so the user is not refused while a lease is on its way; over any longer while the
 * bucket sets what the user gets, and briefly at most one burst more per node. Tokens left unused for two
 * seconds go back to the bucket, so a quiet tab does not hold what a busy one needs.
 *
 * <p>Redis unreachable (an answer later than {@link #ANSWER_MILLIS}): the node falls back to a
 * bucket of its own per user for a few seconds, so users are slowed, not locked out; the shared
 * limit then holds per node. Never blocks a caller: Lettuce's async API, answers on its threads.
 */
public final class RedisRate implements SharedRate {

  /**
   * KEYS[1] the user's bucket; ARGV rate per second, burst, tokens wanted (below zero: given
   * back). Returns the tokens granted: at most what the bucket holds, never more than wanted.
   */
  static final String SCRIPT =
      """
      local now = redis.call('TIME')
      now = now[1] * 1000 + math.floor(now[2] / 1000)
      local rate, burst, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens, ts = tonumber(b[1]), tonumber(b[2])
      if tokens == nil then tokens, ts = burst, now end
      tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
      local granted = want
      if want > 0 then granted = math.max(0, math.min(want, math.floor(tokens))) end
      tokens = math.min(burst, tokens - granted)
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
      return granted
      """;

  static final long ANSWER_MILLIS = 500;
  private static final long GIVE_BACK_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long FORGET_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long FALLBACK_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Logger LOG = LoggerFactory.getLogger(RedisRate.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final int perSecond;
  private final int burst;
  private final int lease;
  /**
   * A node asks for more when it holds fewer tokens than this: half a lease, but never fewer
   * than {@link #ASK_SLACK} frames' worth (or the whole lease, if smaller). With a lease of three
   * (a burst of ten) half a lease left one frame to cover the ask's round trip to Redis, and a
   * client pinging back to back was refused when Redis answered slower than one ping
   * (RateAcrossNodesTest, once in CI).
   */
  private final double askBelow;
  private static final int ASK_SLACK = 3;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  /** Set while Redis does not answer, so the node logs the outage once, not once per user. */
  private final AtomicBoolean unanswered = new AtomicBoolean();
  private final ScheduledExecutorService tick =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-rate-leases");
        t.setDaemon(true);
        return t;
      });

  private RedisRate(RedisClient client, StatefulRedisConnection<String, String> redis, String channel, int perSecond, int burst) {
    this.client = client;
    this.redis = redis;
    this.prefix = channel + ":rate:";
    this.perSecond = Math.max(1, perSecond);
    this.burst = Math.max(1, burst);
    this.lease = Math.max(1, (int) Math.ceil(this.burst / 4.0));
    this.askBelow = Math.max(lease / 2.0, Math.min(lease, ASK_SLACK));
    tick.scheduleWithFixedDelay(this::giveBackIdle, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Connects to Redis at {@code url}; the buckets are keys under {@code channel} (the cluster's name).
   *
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisRate connect(String url, String channel, int perSecond, int burst) {
    RedisClient c = RedisClient.create(url);
    try {
      return new RedisRate(c, c.connect(), channel, perSecond, burst);
    } catch (RuntimeException e) {
      c.shutdown();
      throw new IllegalStateException("cannot reach Redis at " + RedisUrl.shown(url) + ": " + RedisUrl.why(e), e);
    }
  }

  /** Tokens a node leases at a time. */
  int lease() {
    return lease;
  }

  /** Tokens this node holds for {@code userId} and has not spent (below zero: an advance). */
  double leased(String userId) {
    Budget b = budgets.get(userId);
    return b == null ? 0 : b.tokens();
  }

  @Override
  public boolean take(String userId) {
    return budgets.computeIfAbsent(userId, Budget::new).take(System.nanoTime());
  }

  private CompletableFuture<Long> ask(String key, long want) {
    try {
      return redis.async()
          .<Long>eval(SCRIPT, ScriptOutputType.INTEGER, new String[] {key},
              String.valueOf(perSecond), String.valueOf(burst), String.valueOf(want))
          .toCompletableFuture()
          .orTimeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void giveBackIdle() {
    long now = System.nanoTime();
    budgets.forEach((user, b) -> {
      if (b.idle(now)) budgets.remove(user, b);
    });
  }

  @Override
  public void close() {
    tick.shutdownNow();
    redis.close();
    client.shutdown();
  }

  /** One user's tokens on this node, shared by its connections there (on any event loop). */
  private final class Budget {
    private final String key;
    /** Leased and unspent; below zero, the advance taken before the first lease came back. */
    private double tokens;
    private boolean leased;
    private boolean asking;
    /** Frames refused since the last ask: the next ask wants that many more. */
    private int refused;
    private long lastUse;
    private RateLimit fallback;
    private long fallbackUntil;

    Budget(String userId) {
      this.key = prefix + userId;
    }

    synchronized double tokens() {
      return tokens;
    }

    synchronized boolean take(long now) {
      lastUse = now;
      if (fallback != null) {
        if (now - fallbackUntil < 0) return fallback.take(now) == RateLimit.Verdict.ACCEPT;
        fallback = null;
      }
      // Until a lease has come back a frame is an advance, up to a whole burst, repaid by the
      // grants: a user is not refused for the few milliseconds a lease takes (the web client
      // sends several frames at once on login; one lease of advance was not always enough).
      if (tokens >= 1 || (!leased && tokens > -burst)) {
        tokens--;
        if (tokens < askBelow) ask();
        return true;
      }
      refused++;
      ask();
      return false;
    }

    /** Asks for a lease unless one is on its way; called holding this budget's lock. */
    private void ask() {
      if (asking) return;
      asking = true;
      long want = (long) Math.ceil(lease - tokens) + Math.min(refused, lease);
      refused = 0;
      RedisRate.this.ask(key, want).whenComplete(this::answered);
    }

    private synchronized void answered(Long granted, Throwable failure) {
      asking = false;
      if (failure != null || granted == null) {
        if (!unanswered.getAndSet(true)) {
          LOG.warn("Redis did not answer a rate lease in time; limiting users on this node alone for a while", failure);
        }
        long now = System.nanoTime();
        fallback = new RateLimit(perSecond, burst, now);
        fallbackUntil = now + FALLBACK_NANOS;
        return;
      }
      if (unanswered.getAndSet(false)) LOG.info("Redis answers rate leases again");
      leased = true;
      tokens += granted;
    }

    /** Gives back what sat unused; true when this budget can be forgotten. */
    synchronized boolean idle(long now) {
      if (asking || now - lastUse < GIVE_BACK_NANOS) return false;
      long back = (long) Math.floor(tokens);
      if (back >= 1) {
        tokens -= back;
        RedisRate.this.ask(key, -back); // a lost give-back only leaves the bucket fuller later
        // Nothing leased any more: the next frame may take an advance again, as the first did.
        // Otherwise a user quiet for two seconds had their next frame refused while the new
        // lease was on its way.
        leased = false;
      }
      return now - lastUse > FORGET_NANOS && tokens >= 0 && fallback == null;
    }
  }
}
