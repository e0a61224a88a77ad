package dev.parley.bus;

import dev.parley.domain.GuessCounts;
import dev.parley.domain.PasswordGuesses;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GuessCounts} for a cluster: the tallies of wrong passwords per nick and per address live
 * in Redis (a hash of count and last failure each, expiring a window after the last), so a guesser
 * who spreads tries over the nodes behind a balancer is slowed as if there were one. The wait is
 * worked out in Redis with its own clock, the rule of {@link PasswordGuesses}. Redis not answering
 * within {@link #ANSWER_MILLIS}: this node's own tally decides, so sign-ins go on, limited per
 * node.
 */
public final class RedisGuesses implements GuessCounts, AutoCloseable {

  /** KEYS: the nick's tally, the address's; ARGV: per nick, per address, window, first wait. */
  static final String WAIT =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local window, first = tonumber(ARGV[3]), tonumber(ARGV[4])
      local function waitOf(key, limit)
        local v = redis.call('HMGET', key, 'count', 'last')
        local count, last = tonumber(v[1]), tonumber(v[2])
        if count == nil or last == nil or now - last >= window or count < limit then return 0 end
        local wait = math.min(window, first * 2 ^ math.min(count - limit, 10))
        return math.max(0, last + wait - now)
      end
      return math.max(waitOf(KEYS[1], tonumber(ARGV[1])), waitOf(KEYS[2], tonumber(ARGV[2])))
      """;

  /** KEYS: the tallies to count one more failure in; ARGV: the window. */
  static final String FAILED =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local window = tonumber(ARGV[1])
      for _, key in ipairs(KEYS) do
        local v = redis.call('HMGET', key, 'count', 'last')
        local count, last = tonumber(v[1]), tonumber(v[2])
        if count == nil or last == nil or now - last >= window then count = 0 end
        redis.call('HSET', key, 'count', tostring(count + 1), 'last', tostring(now))
        redis.call('PEXPIRE', key, window)
      end
      return 0
      """;

  static final long ANSWER_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(RedisGuesses.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final PasswordGuesses alone = new PasswordGuesses(System::currentTimeMillis);

  /** Set while Redis does not answer, so the node logs the outage once. */
  private final AtomicBoolean unanswered = new AtomicBoolean();

  private RedisGuesses(
      RedisClient client, StatefulRedisConnection<String, String> redis, String channel) {
    this.client = client;
    this.redis = redis;
    this.prefix = channel + ":guesses:";
  }

  /**
   * Connects to Redis at {@code url}; the tallies are keys under {@code channel} (the cluster's
   * name).
   *
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisGuesses connect(String url, String channel) {
    RedisClient c = RedisClient.create(url);
    try {
      return new RedisGuesses(c, c.connect(), channel);
    } catch (RuntimeException e) {
      c.shutdown();
      throw new IllegalStateException("cannot reach Redis at " + url + ": " + e.getMessage(), e);
    }
  }

  private String nick(String nickKey) {
    return prefix + "nick:" + nickKey;
  }

  private String address(String address) {
    return prefix + "addr:" + (address == null ? "unknown" : address);
  }

  @Override
  public void wait(String nickKey, String address, LongConsumer then) {
    try {
      redis
          .async()
          .<Long>eval(
              WAIT,
              ScriptOutputType.INTEGER,
              new String[] {nick(nickKey), address(address)},
              String.valueOf(PER_NICK),
              String.valueOf(PER_ADDRESS),
              String.valueOf(WINDOW_MILLIS),
              String.valueOf(FIRST_WAIT_MILLIS))
          .toCompletableFuture()
          .orTimeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete(
              (millis, failure) -> {
                if (failure != null || millis == null) {
                  if (!unanswered.getAndSet(true))
                    LOG.warn("Redis did not answer for password guesses; counting here", failure);
                  alone.wait(nickKey, address, then);
                  return;
                }
                if (unanswered.getAndSet(false)) LOG.info("Redis answers for guesses again");
                then.accept(millis <= 0 ? 0 : Math.max(1, (millis + 999) / 1000));
              });
    } catch (RuntimeException e) {
      alone.wait(nickKey, address, then);
    }
  }

  @Override
  public void failed(String nickKey, String address) {
    alone.failed(nickKey, address);
    try {
      redis
          .async()
          .eval(
              FAILED,
              ScriptOutputType.INTEGER,
              new String[] {nick(nickKey), address(address)},
              String.valueOf(WINDOW_MILLIS));
    } catch (RuntimeException e) {
      // counted on this node alone
    }
  }

  @Override
  public void succeeded(String nickKey) {
    alone.succeeded(nickKey);
    try {
      redis.async().del(nick(nickKey));
    } catch (RuntimeException e) {
      // this node forgot it; Redis forgets it a window after the last failure
    }
  }

  @Override
  public void close() {
    redis.close();
    client.shutdown();
  }
}
