package dev.parley.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs every step; if a Netty or Jackson change broke one, the first user
 * would pay again.
 */
class WarmUpTest {

  @Test
  void everyStepRuns() {
    assertThat(WarmUp.run()).isTrue();
  }
}
