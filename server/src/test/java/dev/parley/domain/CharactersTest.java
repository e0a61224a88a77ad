package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;
import org.junit.jupiter.api.Test;

/**
 * The three character rules, case by case: a message's text, a label (a topic), a symbol (an
 * avatar, a reaction).
 */
class CharactersTest {

  static final String[] EMOJI = {
    "👨‍👩‍👧‍👦",
    "👩🏽‍💻",
    "🇫🇷",
    "1️⃣",
    "#️⃣",
    "*️⃣",
    "👍🏽",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "❤️",
    "🏳️‍🌈",
    "🏴‍☠️",
    "👩🏻‍❤️‍💋‍👨🏼",
    "🫠",
    "🏻",
    "©️",
  };

  @Test
  void everyKindOfEmojiSequenceIsASymbolALabelAndAText() {
    for (String e : EMOJI) {
      assertThat(Characters.isSymbol(e)).as("symbol %s", e).isTrue();
      assertThat(Characters.isLabel("topic " + e + " here")).as("label %s", e).isTrue();
      assertThat(Characters.isText(e)).as("text %s", e).isTrue();
      assertThat(Names.isReaction(e)).as("reaction %s", e).isTrue();
      assertThat(Names.isAvatar(e)).as("avatar %s", e).isTrue();
    }
  }

  /**
   * Every emoji Unicode lists (what the web client's picker offers, and more) can be a reaction and
   * an avatar.
   */
  @Test
  void everyEmojiOfUnicodesListIsAReactionAndAnAvatar() {
    int n = 0;
    for (Emoji e : EmojiManager.getAllEmojis()) {
      String s = e.getEmoji();
      assertThat(Names.isReaction(s)).as("reaction %s (%s)", s, e.getDescription()).isTrue();
      if (s.codePointCount(0, s.length()) <= Names.MAX_AVATAR)
        assertThat(Names.isAvatar(s)).as("avatar %s", s).isTrue();
      n++;
    }
    assertThat(n).isGreaterThan(3000);
  }

  @Test
  void aSymbolRefusesWhatHidesOrLiesAboutItself() {
    String[] bad = {
      "",
      " ",
      "🙂 🙂",
      "\u00a0🙂",
      "\u202e🙂",
      "\u2067🙂\u2069",
      "🙂\u200e",
      "\ud83d",
      "\ude42",
      "🙂\u200b",
      "\ufeff🙂",
      "🙂\u0007",
      "\u009b🙂",
      "\u0000",
      "\u200d🙂",
      "🙂\u200d",
      "🙂\u200d\u200d🙂",
      "\ufe0f",
      "\u200d\ufe0f",
      "🙂\u200c🙂",
      "👍\udb40\udc68\udb40\udc69", // tag letters after a thumb: text smuggled in
      "🏴\udb40\udc67\udb40\udc62", // a subdivision flag without its cancel tag
      "🏴\udb40\udc67\udb40\udc62\udb40\udc67\udb40\udc62\udb40\udc67\udb40\udc62\udb40\udc67\udb40\udc7f", // 7 tags
      "\udb40\udc7f",
      "a\u0301\u0301\u0301\u0301",
      "\u0301",
      "\ue000",
      "\ufdd0",
      "\uffff",
      "\u3164",
      "\u2060",
    };
    for (String s : bad) assertThat(Characters.isSymbol(s)).as("symbol %s", escaped(s)).isFalse();
    assertThat(Characters.isSymbol("a\u0301")).isTrue();
    assertThat(Characters.isSymbol("gen-7")).as("an avatar key").isTrue();
    assertThat(Names.isAvatar("🙂".repeat(17))).isFalse();
    assertThat(Names.isReaction("x".repeat(33))).isFalse();
  }

  @Test
  void aLabelMayHoldAnyScriptAndItsJoinersButNoInvisibleFormatting() {
    assertThat(Characters.isLabel("می\u200cخواهم — Persian needs its non-joiner")).isTrue();
    assertThat(Characters.isLabel("क्\u200dष and שלום and 中文 and multi\nline\tand tab")).isTrue();
    for (String s :
        new String[] {
          "\u202eevil",
          "a \u2066b\u2069",
          "left\u200emark",
          "zero\u200bwidth",
          "soft\u00adhyphen",
          "\ufeffbom",
          "filler \u3164",
          "tag \udb40\udc68",
          "bell\u0007",
          "\u0085next",
          "half \ud800",
          "end\u200d"
        }) {
      assertThat(Characters.isLabel(s)).as("label %s", escaped(s)).isFalse();
    }
  }

  @Test
  void aTextRefusesOnlyControlsAndBrokenCharacters() {
    assertThat(
            Characters.isText(
                "RTL users need marks: \u200f and isolates \u2067שלום\u2069, zero\u200bwidth too"))
        .isTrue();
    assertThat(Characters.isText("tab\tline\nreturn\r")).isTrue();
    for (String s :
        new String[] {
          "nul\u0000", "bell\u0007", "del\u007f", "C1\u0085", "csi\u009b", "half\ud83d", "\ude42low"
        }) {
      assertThat(Characters.isText(s)).as("text %s", escaped(s)).isFalse();
    }
  }

  @Test
  void aNickRefusesLettersThatShowNothing() {
    assertThat(Names.nick("Ann")).isEqualTo("Ann");
    assertThat(Names.nick("\u3164")).isNull();
    assertThat(Names.nick("Ann\u3164")).isNull();
    assertThat(Names.nick("A\u034fnn")).isNull();
    assertThat(Names.nick("\ud83d")).isNull();
  }

  @Test
  void idsHaveTheirShapes() {
    assertThat(Names.isUserId("u7kq2m0a1b2c3")).isTrue();
    assertThat(Names.isUserId("u-ann")).isTrue();
    assertThat(Names.isUserId("")).isFalse();
    assertThat(Names.isUserId("u:1")).isFalse();
    assertThat(Names.isUserId("x".repeat(65))).isFalse();
    assertThat(Names.isClientId("c-0001")).isTrue();
    assertThat(Names.isClientId("with space")).isTrue();
    assertThat(Names.isClientId("x\u0000")).isFalse();
    assertThat(Names.isClientId("x\ud800")).isFalse();
    assertThat(Names.isClientId("x".repeat(65))).isFalse();
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray())
      b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    return b.toString();
  }
}
