package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The shared budget on the machine's Redis, seen from {@link RedisRate}s standing for nodes: a
 * quiet user's whole burst is served at once whatever Redis does, a user on one node is limited as
 * on a node of its own, and a user taking as fast as they can on two nodes gets one budget plus at
 * most one burst per extra node, not one budget per node.
 */
class RedisRateTest {
  private static final int RATE = 1;
  private static final int BURST = 40;

  private static String channel() {
    return "parley-test-" + UUID.randomUUID();
  }

  /** Takes for {@code userId} until {@code until} (nanoTime), counting what was allowed. */
  private static Callable<Integer> taker(RedisRate rate, String userId, long until) {
    return () -> {
      int taken = 0;
      while (System.nanoTime() - until < 0) {
        if (rate.take(userId)) taken++;
        else Thread.onSpinWait();
      }
      return taken;
    };
  }

  private static int takeAll(RedisRate rate, String userId, int tries) {
    int taken = 0;
    for (int i = 0; i < tries; i++) if (rate.take(userId)) taken++;
    return taken;
  }

  @Test
  void aQuietUsersWholeBurstIsServedHoweverSlowlyRedisAnswers() throws Exception {
    try (FreezableProxy proxy = FreezableProxy.to("127.0.0.1", 6379);
        RedisRate rate =
            RedisRate.connect("redis://127.0.0.1:" + proxy.port(), channel(), RATE, BURST)) {
      proxy.delay(300);
      assertThat(takeAll(rate, "slow", BURST))
          .as("a burst while Redis answers in 300 ms")
          .isEqualTo(BURST);
      assertThat(rate.take("slow")).as("one more than the burst").isFalse();
      proxy.freeze();
      assertThat(takeAll(rate, "frozen", BURST))
          .as("a burst while Redis does not answer")
          .isEqualTo(BURST);
    }
  }

  @Test
  void aUserOnOneNodeIsLimitedExactlyAsOnANodeOfItsOwn() throws Exception {
    int rateHere = 20;
    int burstHere = 20;
    try (RedisRate rate = RedisRate.connect(ParleyCluster.REDIS, channel(), rateHere, burstHere)) {
      long start = System.nanoTime();
      int taken = taker(rate, "solo", start + Duration.ofMillis(1500).toNanos()).call();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat((double) taken)
          .as("taken in %.2f s", seconds)
          .isBetween(burstHere + rateHere * seconds - 3, burstHere + rateHere * seconds + 2);
    }
  }

  @Test
  void twoNodesTakingAsFastAsTheyCanShareOneBudget() throws Exception {
    int rateHere = 20;
    int burstHere = 20;
    String channel = channel();
    try (RedisRate a = RedisRate.connect(ParleyCluster.REDIS, channel, rateHere, burstHere);
        RedisRate b = RedisRate.connect(ParleyCluster.REDIS, channel, rateHere, burstHere)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        long start = System.nanoTime();
        long until = start + Duration.ofSeconds(2).toNanos();
        Future<Integer> fromA = pool.submit(taker(a, "ann", until));
        Future<Integer> fromB = pool.submit(taker(b, "ann", until));
        long taken = fromA.get() + fromB.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        // Each node alone would give burst + rate × t; one budget gives that once, plus at most
        // one burst for the second node (what it serves before it learns of the first).
        double one = burstHere + rateHere * seconds;
        assertThat((double) taken)
            .as("taken by two nodes in %.2f s (one budget: %.0f, two: %.0f)", seconds, one, 2 * one)
            .isGreaterThanOrEqualTo(one - burstHere / 4.0)
            .isLessThanOrEqualTo(one + burstHere + 2);
        System.out.printf(
            "two nodes: %d taken in %.2f s (one budget %.0f, two %.0f)%n",
            taken, seconds, one, 2 * one);
        // another user's bucket is another key
        assertThat(
                pool.submit(taker(b, "bob", System.nanoTime() + Duration.ofMillis(200).toNanos()))
                    .get())
            .isGreaterThanOrEqualTo(burstHere);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aUserActiveOnTwoNodesHasTheSharedBucketSplitBetweenThem() {
    String channel = channel();
    try (RedisRate a = RedisRate.connect(ParleyCluster.REDIS, channel, RATE, BURST);
        RedisRate b = RedisRate.connect(ParleyCluster.REDIS, channel, RATE, BURST)) {
      assertThat(a.take("cy")).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> a.settled("cy"));
      assertThat(b.take("cy")).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> b.settled("cy"));
      // b heard that a is active too: it holds half of what is left (38), not all of it
      assertThat(b.level("cy")).isBetween(BURST / 2.0 - 2, BURST / 2.0 + 1);
      assertThat(a.take("cy")).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> a.settled("cy"));
      assertThat(a.level("cy")).isBetween(BURST / 2.0 - 3, BURST / 2.0 + 1);
      int together = takeAll(a, "cy", BURST) + takeAll(b, "cy", BURST);
      assertThat(together)
          .as("what the two nodes serve of the %d left", BURST - 3)
          .isBetween(BURST - 6, BURST - 1);
    }
  }

  @Test
  void whileRedisDoesNotAnswerANodeLimitsUsersOnItsOwnInsteadOfLockingThemOut() throws Exception {
    try (FreezableProxy proxy = FreezableProxy.to("127.0.0.1", 6379);
        RedisRate rate =
            RedisRate.connect("redis://127.0.0.1:" + proxy.port(), channel(), RATE, BURST)) {
      assertThat(rate.take("dee")).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> rate.settled("dee"));
      proxy.freeze();
      int taken = 1 + takeAll(rate, "dee", 2 * BURST);
      assertThat(taken).as("served by the node alone").isBetween(BURST - 1, BURST + 1);
      // the node's own bucket refills at the rate: served again, and still limited
      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> rate.take("dee"));
      assertThat(takeAll(rate, "dee", BURST)).isLessThanOrEqualTo(1);
    }
  }
}
