package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void nicksAreTrimmedAndAcceptAnyScript() {
    assertThat(Names.nick("  alice ")).isEqualTo("alice");
    assertThat(Names.nick("Zoë Smith")).isEqualTo("Zoë Smith");
    assertThat(Names.nick("李小龙")).isEqualTo("李小龙");
    assertThat(Names.nick("ab_c-d.e")).isEqualTo("ab_c-d.e");
    assertThat(Names.nick("x".repeat(32))).isNotNull();
  }

  @Test
  void nicksRefuseEmptyLongAndSymbols() {
    assertThat(Names.nick(null)).isNull();
    assertThat(Names.nick("   ")).isNull();
    assertThat(Names.nick("x".repeat(33))).isNull();
    assertThat(Names.nick("<script>")).isNull();
    assertThat(Names.nick("a@b")).isNull();
    assertThat(Names.nick("tab\there")).isNull();
  }

  @Test
  void roomNamesAreLowerCaseAsciiStartingWithLetterOrDigit() {
    assertThat(Names.isRoom("general")).isTrue();
    assertThat(Names.isRoom("dev-ops_2")).isTrue();
    assertThat(Names.isRoom("9lives")).isTrue();
    assertThat(Names.isRoom("-dash")).isFalse();
    assertThat(Names.isRoom("Upper")).isFalse();
    assertThat(Names.isRoom("dm:a:b")).isFalse();
    assertThat(Names.isRoom("a".repeat(33))).isFalse();
    assertThat(Names.isRoom("")).isFalse();
  }

  @Test
  void directRoomNameIsTheSameWhoeverAsks() {
    assertThat(Names.direct("ub", "ua")).isEqualTo("dm:ua:ub").isEqualTo(Names.direct("ua", "ub"));
    assertThat(Names.isDirect("dm:ua:ub")).isTrue();
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    assertThat(Names.length("😀😀")).isEqualTo(2);
  }
}
