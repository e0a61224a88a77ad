package dev.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pairs of (author, client id) seen so far: every repeat found, no two different pairs taken
 * for one.
 */
class SeenIdsTest {

  @Test
  void everyRepeatIsFoundAndNoDistinctPairIsTakenForAnother() {
    SeenIds seen = new SeenIds();
    int n = 200_000; // the table grows several times
    for (int i = 0; i < n; i++)
      assertThat(seen.add("u" + (i % 97), "c" + i)).as("pair %d", i).isTrue();
    for (int i = 0; i < n; i += 1_000)
      assertThat(seen.add("u" + (i % 97), "c" + i)).as("repeat %d", i).isFalse();
    assertThat(seen.add("ab", "c")).isTrue();
    assertThat(seen.add("a", "bc")).as("the separator keeps the two strings apart").isTrue();
    assertThat(seen.add("", "")).isTrue();
    assertThat(seen.add("", "")).isFalse();
  }
}
