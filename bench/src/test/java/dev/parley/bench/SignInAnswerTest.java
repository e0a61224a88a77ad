package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the sign-in storm reads the server's answer to a {@code hello} with a password. */
class SignInAnswerTest {

  @Test
  void aSlowDownIsRetriedAfterTheSecondsItAsks() {
    var a =
        SignIns.Answer.of(
            "{\"type\":\"error\",\"ref\":\"h\",\"code\":\"slow_down\",\"message\":\"busy\","
                + "\"retryAfter\": 2}");
    assertThat(a.welcome()).isFalse();
    assertThat(a.retryAfter()).isEqualTo(2);
    assertThat(a.code()).isEqualTo("slow_down");
  }

  @Test
  void aWelcomeSignsInAndAnyOtherErrorIsNotRetried() {
    assertThat(SignIns.Answer.of("{\"type\":\"welcome\",\"token\":\"t\"}").welcome()).isTrue();
    var bad = SignIns.Answer.of("{\"type\":\"error\",\"ref\":\"h\",\"code\":\"bad_credentials\"}");
    assertThat(bad.welcome()).isFalse();
    assertThat(bad.retryAfter()).isZero();
    assertThat(bad.code()).isEqualTo("bad_credentials");
  }

  @Test
  void everyUserHasADistinctNickAndAPasswordTheServerTakes() {
    SignIns s = new SignIns(3, "t");
    assertThat(s.nicks).doesNotHaveDuplicates().allMatch(n -> n.length() <= 32);
    assertThat(s.passwords).doesNotHaveDuplicates().allMatch(p -> p.matches("[A-Za-z0-9_-]{24}"));
    assertThat(SignIns.helloFrame(s.nicks[0], s.passwords[0]))
        .contains("\"password\":\"" + s.passwords[0] + "\"");
  }
}
