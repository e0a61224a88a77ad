package dev.parley.bus;

import dev.parley.domain.AddressGuesses;
import dev.parley.domain.CodeGuesses;
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
 * The guessing counts of a cluster, in Redis, so a guesser who spreads tries over the nodes behind
 * a balancer is slowed as if there were one node. Wrong passwords ({@link GuessCounts}): tallies
 * per nick and per address (a hash of count and last failure each, expiring a window after the
 * last), the rule of {@link PasswordGuesses}. Wrong sign-in and invite codes and failed passkey
 * sign-ins ({@link AddressGuesses}): a bucket per kind and address (a hash of tokens and time,
 * expiring once full again), the rule of {@link CodeGuesses}; the kind names the key. Every wait is
 * worked out in Redis with its own clock. Redis not answering within {@link #ANSWER_MILLIS}: this
 * node's own count (kept beside, always) decides, so sign-ins go on, limited per node.
 */
public final class RedisGuesses implements GuessCounts, AddressGuesses, AutoCloseable {

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

  /** KEYS[1] a kind's bucket for one address; ARGV per minute, burst: milliseconds to wait. */
  static final String BUCKET_WAIT =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local perMs, burst = tonumber(ARGV[1]) / 60000, tonumber(ARGV[2])
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens, ts = tonumber(b[1]), tonumber(b[2])
      if tokens == nil or ts == nil then return 0 end
      tokens = math.min(burst, tokens + math.max(0, now - ts) * perMs)
      if tokens >= 1 then return 0 end
      return math.ceil((1 - tokens) / perMs)
      """;

  /** KEYS[1] a kind's bucket for one address; ARGV per minute, burst: one failure taken. */
  static final String BUCKET_FAILED =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local perMs, burst = tonumber(ARGV[1]) / 60000, tonumber(ARGV[2])
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens, ts = tonumber(b[1]), tonumber(b[2])
      if tokens == nil or ts == nil then tokens, ts = burst, now end
      tokens = math.min(burst, tokens + math.max(0, now - ts) * perMs)
      if tokens >= 1 then tokens = tokens - 1 end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
      return 0
      """;

  static final long ANSWER_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(RedisGuesses.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final PasswordGuesses alone = new PasswordGuesses(System::currentTimeMillis);
  private final CodeGuesses codesAlone = new CodeGuesses();

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

  /** A kind's bucket: {@code <channel>:guesses:<kind>:addr:<address>}. */
  private String bucket(Kind kind, String address) {
    return prefix + kind.key + ":" + address(address).substring(prefix.length());
  }

  @Override
  public void wait(String nickKey, String address, LongConsumer then) {
    ask(
        WAIT,
        new String[] {nick(nickKey), address(address)},
        new String[] {
          String.valueOf(PER_NICK),
          String.valueOf(PER_ADDRESS),
          String.valueOf(WINDOW_MILLIS),
          String.valueOf(FIRST_WAIT_MILLIS)
        },
        () -> alone.wait(nickKey, address, then),
        then);
  }

  @Override
  public void wait(Kind kind, String address, LongConsumer then) {
    ask(
        BUCKET_WAIT,
        new String[] {bucket(kind, address)},
        new String[] {String.valueOf(AddressGuesses.PER_MINUTE), String.valueOf(BURST)},
        () -> codesAlone.wait(kind, address, then),
        then);
  }

  @Override
  public void failed(Kind kind, String address) {
    codesAlone.failed(kind, address);
    try {
      redis
          .async()
          .eval(
              BUCKET_FAILED,
              ScriptOutputType.INTEGER,
              new String[] {bucket(kind, address)},
              String.valueOf(AddressGuesses.PER_MINUTE),
              String.valueOf(BURST));
    } catch (RuntimeException e) {
      // counted on this node alone
    }
  }

  /**
   * Runs a script that answers milliseconds to wait and gives {@code then} the seconds; without an
   * answer within {@link #ANSWER_MILLIS}, {@code alone} (this node's count) answers instead.
   */
  private void ask(String script, String[] keys, String[] args, Runnable alone, LongConsumer then) {
    try {
      redis
          .async()
          .<Long>eval(script, ScriptOutputType.INTEGER, keys, args)
          .toCompletableFuture()
          .orTimeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete(
              (millis, failure) -> {
                if (failure != null || millis == null) {
                  if (!unanswered.getAndSet(true))
                    LOG.warn("Redis did not answer for guessing counts; counting here", failure);
                  alone.run();
                  return;
                }
                if (unanswered.getAndSet(false)) LOG.info("Redis answers for guesses again");
                then.accept(millis <= 0 ? 0 : Math.max(1, (millis + 999) / 1000));
              });
    } catch (RuntimeException e) {
      alone.run();
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
