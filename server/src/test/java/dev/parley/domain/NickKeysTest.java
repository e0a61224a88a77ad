package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which nicks are the same nick: case and look-alikes (UTS #39 skeletons) are one. */
class NickKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann",
        "ANN",
        "\u0410nn", // Cyrillic capital A
        "\u0430nn", // Cyrillic small a
        "\uff21\uff4e\uff4e", // fullwidth
        "Ann\ufe0f", // a variation selector (refused as a nick, and the same key anyway)
      })
  void lookAlikesOfAnnAreAnn(String lookAlike) {
    assertThat(Names.nickKey(lookAlike)).isEqualTo(Names.nickKey("Ann"));
  }

  @Test
  void capitalsAndSmallLettersOfOtherScriptsThatLookLatin() {
    assertThat(Names.nickKey("\u041aim")).as("Cyrillic capital Ka").isEqualTo(Names.nickKey("Kim"));
    assertThat(Names.nickKey("KIM")).isEqualTo(Names.nickKey("kim"));
    assertThat(Names.nickKey("kim")).isNotEqualTo(Names.nickKey("klm"));
  }

  @Test
  void spacesCountOnce() {
    assertThat(Names.nickKey("Ann  Lee")).isEqualTo(Names.nickKey("Ann Lee"));
    assertThat(Names.nick("  Ann   Lee ")).isEqualTo("Ann Lee");
  }

  @Test
  void differentNamesStayDifferent() {
    assertThat(Names.nickKey("Ann")).isNotEqualTo(Names.nickKey("Anne"));
    assertThat(Names.nickKey("张伟")).isNotEqualTo(Names.nickKey("张三"));
    assertThat(Names.nickKey("Анна")).isNotEqualTo(Names.nickKey("Anna"));
    assertThat(Names.nickKey("loadbot1")).isNotEqualTo(Names.nickKey("loadbot2"));
  }

  @Test
  void aNameInAnyScriptIsItsOwnKey() {
    assertThat(Names.nickKey("李小龙")).isEqualTo(Names.nickKey("李小龙"));
    assertThat(Names.nickKey("Zoë")).isEqualTo(Names.nickKey("Zoe\u0308"));
  }
}
