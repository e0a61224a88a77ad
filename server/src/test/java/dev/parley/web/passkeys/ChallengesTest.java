package dev.parley.web.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.web.passkeys.Challenges.Issued;
import dev.parley.web.passkeys.Challenges.Purpose;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Challenges are random, single-use, short-lived, tied to their purpose and bounded. */
class ChallengesTest {
  final AtomicLong now = new AtomicLong(1_000_000);
  final Challenges challenges = new Challenges(now::get);

  static String key(Issued c) {
    return Challenges.encode(c.bytes());
  }

  @Test
  void aChallengeIsTakenOnce() {
    Issued c = challenges.issue(Purpose.SIGN_IN, null, "a");
    assertThat(c.bytes()).hasSize(32);
    assertThat(challenges.take(key(c), Purpose.SIGN_IN, null)).isNotNull();
    assertThat(challenges.take(key(c), Purpose.SIGN_IN, null)).isNull();
  }

  @Test
  void anExpiredChallengeIsRefused() {
    Issued c = challenges.issue(Purpose.SIGN_IN, null, "a");
    now.addAndGet(Challenges.TTL_MILLIS);
    assertThat(challenges.take(key(c), Purpose.SIGN_IN, null)).isNull();
  }

  @Test
  void aChallengeFinishesOnlyItsOwnPurposeAndUser() {
    Issued reg = challenges.issue(Purpose.REGISTER, "u-ann", "user:u-ann");
    assertThat(challenges.take(key(reg), Purpose.REGISTER, "u-bob")).isNull();
    assertThat(challenges.take(key(reg), Purpose.REGISTER, "u-ann")).as("burnt").isNull();
    Issued other = challenges.issue(Purpose.REGISTER, "u-ann", "user:u-ann");
    assertThat(challenges.take(key(other), Purpose.SIGN_IN, null)).isNull();
  }

  @Test
  void anAskerKeepsOnlyTheirNewestFew() {
    Issued first = challenges.issue(Purpose.SIGN_IN, null, "a");
    for (int i = 0; i < Challenges.PER_ASKER; i++) challenges.issue(Purpose.SIGN_IN, null, "a");
    assertThat(challenges.size()).isEqualTo(Challenges.PER_ASKER);
    assertThat(challenges.take(key(first), Purpose.SIGN_IN, null)).isNull();
  }

  @Test
  void manyAskersTogetherCannotFillMemory() {
    for (int i = 0; i < Challenges.MAX_TOTAL; i++)
      assertThat(challenges.issue(Purpose.SIGN_IN, null, "a" + i)).isNotNull();
    assertThat(challenges.issue(Purpose.SIGN_IN, null, "late")).isNull();
    now.addAndGet(Challenges.TTL_MILLIS);
    assertThat(challenges.issue(Purpose.SIGN_IN, null, "later"))
        .as("expired ones swept")
        .isNotNull();
    assertThat(challenges.size()).isEqualTo(1);
  }
}
