package dev.parley.bus;

import dev.parley.domain.AddressRates;
import dev.parley.domain.NewUsers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NewUsers} for a cluster: one bucket per address in Redis, shared by every node, so a
 * client that spreads its hellos over the nodes behind a balancer still makes at most {@code
 * --new-user-rate} users a minute in all. Asked once per new user, from a {@code hello} that waits
 * for the cluster anyway (its nick is claimed on every node), so the exact answer costs no extra
 * wait. Redis not answering within {@link #ANSWER_MILLIS}: the node's own count decides ({@link
 * AddressRates}), so new users are limited per node, never locked out.
 */
public final class RedisNewUsers implements NewUsers, AutoCloseable {

  /**
   * KEYS[1] the address's bucket; ARGV new users per minute, burst. Takes one if there is one and
   * returns 0, else returns the milliseconds until there is one.
   */
  static final String SCRIPT =
      """
      local now = redis.call('TIME')
      now = now[1] * 1000 + math.floor(now[2] / 1000)
      local perMs, burst = tonumber(ARGV[1]) / 60000, tonumber(ARGV[2])
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens, ts = tonumber(b[1]), tonumber(b[2])
      if tokens == nil then tokens, ts = burst, now end
      tokens = math.min(burst, tokens + math.max(0, now - ts) * perMs)
      local wait = 0
      if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
      return wait
      """;

  static final long ANSWER_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(RedisNewUsers.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final int perMinute;
  private final int burst;
  private final AddressRates alone;

  /** Set while Redis does not answer, so the node logs the outage once. */
  private final AtomicBoolean unanswered = new AtomicBoolean();

  private RedisNewUsers(
      RedisClient client,
      StatefulRedisConnection<String, String> redis,
      String channel,
      int perMinute,
      int burst) {
    this.client = client;
    this.redis = redis;
    this.prefix = channel + ":new-users:";
    this.perMinute = Math.max(1, perMinute);
    this.burst = Math.max(1, burst);
    this.alone = new AddressRates(perMinute, burst);
  }

  /**
   * Connects to Redis at {@code url}; the buckets are keys under {@code channel} (the cluster's
   * name).
   *
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisNewUsers connect(String url, String channel, int perMinute, int burst) {
    RedisClient c = RedisClient.create(url);
    try {
      return new RedisNewUsers(c, c.connect(), channel, perMinute, burst);
    } catch (RuntimeException e) {
      c.shutdown();
      throw new IllegalStateException("cannot reach Redis at " + url + ": " + e.getMessage(), e);
    }
  }

  /** Without Redis's answer at hand: this node's own count. */
  @Override
  public long take(String address) {
    return alone.take(address);
  }

  @Override
  public void take(String address, LongConsumer then) {
    String key = prefix + (address == null ? "unknown" : address);
    try {
      redis
          .async()
          .<Long>eval(
              SCRIPT,
              ScriptOutputType.INTEGER,
              new String[] {key},
              String.valueOf(perMinute),
              String.valueOf(burst))
          .toCompletableFuture()
          .orTimeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete(
              (waitMillis, failure) -> {
                if (failure != null || waitMillis == null) {
                  if (!unanswered.getAndSet(true))
                    LOG.warn(
                        "Redis did not answer for new users; counting them on this node alone",
                        failure);
                  then.accept(alone.take(address));
                  return;
                }
                if (unanswered.getAndSet(false)) LOG.info("Redis answers for new users again");
                then.accept(waitMillis <= 0 ? 0 : Math.max(1, (waitMillis + 999) / 1000));
              });
    } catch (RuntimeException e) {
      then.accept(alone.take(address));
    }
  }

  @Override
  public void close() {
    redis.close();
    client.shutdown();
  }
}
