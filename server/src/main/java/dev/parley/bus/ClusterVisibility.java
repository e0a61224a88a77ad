package dev.parley.bus;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which users have a visible tab on which node, for Web Push: a node pushes a user's message only
 * while none of their tabs is visible on any node. Kept in Redis beside the presence ({@link
 * ClusterPresence}): {@code C:visible:N}, the set of the users with a visible tab on node N. A node
 * whose heartbeat ran out is not asked (its set counts only while {@code C:alive:N} lives), and a
 * node that says goodbye deletes its set.
 */
final class ClusterVisibility {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterVisibility.class);

  /**
   * ARGV: prefix, this node, user id. 1 when the user is in the visible set of another live node.
   */
  private static final String ELSEWHERE =
      """
      for _, n in ipairs(redis.call('SMEMBERS', ARGV[1] .. ':nodes')) do
        if n ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. ':alive:' .. n) == 1
            and redis.call('SISMEMBER', ARGV[1] .. ':visible:' .. n, ARGV[3]) == 1 then
          return 1
        end
      end
      return 0
      """;

  /** How long a question may wait for Redis; unanswered, the push goes out. */
  private static final long ASK_MILLIS = 2_000;

  private final String prefix;
  private final String node;
  private final StatefulRedisConnection<String, String> redis;

  ClusterVisibility(RedisClient client, String prefix, String node) {
    this.prefix = prefix;
    this.node = node;
    this.redis = client.connect();
  }

  /** Any thread, in order per user: whether the user has a visible tab on this node. */
  synchronized void visible(String userId, boolean visible) {
    String key = prefix + ":visible:" + node;
    if (visible) redis.async().sadd(key, userId);
    else redis.async().srem(key, userId);
  }

  /** Blocks (the push pool's thread): whether the user has a visible tab on another live node. */
  boolean elsewhere(String userId) {
    try {
      Long found =
          redis
              .async()
              .<Long>eval(ELSEWHERE, ScriptOutputType.INTEGER, new String[0], prefix, node, userId)
              .get(ASK_MILLIS, TimeUnit.MILLISECONDS);
      return Long.valueOf(1).equals(found);
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      LOG.debug("could not ask Redis for visible tabs; pushing", e);
      return false;
    }
  }

  /** A goodbye: this node's set goes. */
  void close() {
    try {
      redis.async().del(prefix + ":visible:" + node).get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("could not delete this node's visible tabs in Redis", e);
    }
    redis.close();
  }
}
