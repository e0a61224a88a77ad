package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.RateLimit.Verdict;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void burstThenRefusesThenRefills() {
    RateLimit limit = new RateLimit(10, 5, 0);
    for (int i = 0; i < 5; i++) assertThat(limit.take(0)).isEqualTo(Verdict.ACCEPT);
    assertThat(limit.take(0)).isEqualTo(Verdict.REFUSE);
    // A tenth of a second brings one token back at 10 per second.
    assertThat(limit.take(SECOND / 10)).isEqualTo(Verdict.ACCEPT);
    assertThat(limit.take(SECOND / 10)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void sustainedRateIsAccepted() {
    RateLimit limit = new RateLimit(10, 1, 0);
    for (int i = 1; i <= 100; i++) {
      assertThat(limit.take(i * SECOND / 10)).isEqualTo(Verdict.ACCEPT);
    }
  }

  @Test
  void keepingOnAfterRefusalsCloses() {
    RateLimit limit = new RateLimit(1, 3, 0);
    for (int i = 0; i < 3; i++) limit.take(0);
    for (int i = 0; i < 3; i++) assertThat(limit.take(0)).isEqualTo(Verdict.REFUSE);
    assertThat(limit.take(0)).isEqualTo(Verdict.CLOSE);
  }

  @Test
  void refusalsFarApartDoNotClose() {
    RateLimit limit = new RateLimit(1, 2, 0);
    long t = 0;
    for (int round = 0; round < 10; round++) {
      limit.take(t);
      limit.take(t);
      assertThat(limit.take(t)).isEqualTo(Verdict.REFUSE);
      t += 11 * SECOND;
    }
  }
}
