package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of edit, delete and react, as pure functions of the message as stored. */
class AmendmentTest {

  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);
  static final Message STORED = Message.draft("r", "c1", ANN, 1L, "hi", null).withSeq(7);

  static String code(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (ChatException e) {
      return e.code().wire();
    }
  }

  @Test
  void anEditByTheAuthorChangesTextAndEditedAndTakesTheRev() {
    Message m = new Amendment.Edit("r", 7, ANN.id(), "hello", 9L).apply(STORED, 3);
    assertThat(m.text()).isEqualTo("hello");
    assertThat(m.edited()).isEqualTo(9L);
    assertThat(m.rev()).isEqualTo(3);
    assertThat(m.seq()).isEqualTo(7);
    assertThat(m.id()).isEqualTo("c1");
    assertThat(new Amendment.Edit("r", 7, ANN.id(), "hi", 9L).apply(STORED, 3))
        .as("same text: no change")
        .isSameAs(STORED);
  }

  @Test
  void othersAreForbiddenAndMissingOrDeletedMessagesAreNotFound() {
    Message deleted = new Amendment.Delete("r", 7, ANN.id()).apply(STORED, 1);
    assertThat(code(() -> new Amendment.Edit("r", 7, BOB.id(), "x", 1L).apply(STORED, 1)))
        .isEqualTo("forbidden");
    assertThat(code(() -> new Amendment.Delete("r", 7, BOB.id()).apply(STORED, 1)))
        .isEqualTo("forbidden");
    assertThat(code(() -> new Amendment.Edit("r", 7, ANN.id(), "x", 1L).apply(null, 1)))
        .isEqualTo("not_found");
    assertThat(code(() -> new Amendment.Edit("r", 7, ANN.id(), "x", 1L).apply(deleted, 2)))
        .isEqualTo("not_found");
    assertThat(code(() -> new Amendment.Delete("r", 7, ANN.id()).apply(deleted, 2)))
        .isEqualTo("not_found");
    assertThat(code(() -> new Amendment.React("r", 7, BOB, "👍", true).apply(deleted, 2)))
        .isEqualTo("not_found");
    assertThat(code(() -> new Amendment.Edit("r", 7, ANN.id(), " ", 1L).apply(STORED, 1)))
        .isEqualTo("bad_request");
  }

  @Test
  void aDeletionDropsTextImageAndReactions() {
    Message withAll =
        new Message(
            "r",
            7,
            "c1",
            ANN,
            1L,
            "t",
            new Image("/uploads/a.png", "a", 1, 1),
            null,
            false,
            Map.of("👍", List.of("u-bob")),
            2,
            List.of());
    Message m = new Amendment.Delete("r", 7, ANN.id()).apply(withAll, 5);
    assertThat(m.deleted()).isTrue();
    assertThat(m.text()).isNull();
    assertThat(m.image()).isNull();
    assertThat(m.reactions()).isEmpty();
    assertThat(m.rev()).isEqualTo(5);
  }

  @Test
  void anImageMessageMayLoseItsCaption() {
    Message pic =
        Message.draft("r", "c2", ANN, 1L, "caption", new Image("/uploads/a.png", null, 2, 2))
            .withSeq(8);
    Message m = new Amendment.Edit("r", 8, ANN.id(), "", 3L).apply(pic, 1);
    assertThat(m.text()).isNull();
    assertThat(m.image()).isEqualTo(pic.image());
  }

  @Test
  void reactionsKeepOrderAndRepeatsAreNoChange() {
    Message a = new Amendment.React("r", 7, BOB, "👍", true).apply(STORED, 1);
    Message b = new Amendment.React("r", 7, ANN, "🎉", true).apply(a, 2);
    Message c = new Amendment.React("r", 7, ANN, "👍", true).apply(b, 3);
    assertThat(List.copyOf(c.reactions().keySet())).containsExactly("👍", "🎉");
    assertThat(c.reactions().get("👍")).containsExactly(BOB.id(), ANN.id());
    assertThat(new Amendment.React("r", 7, ANN, "👍", true).apply(c, 4)).isSameAs(c);
    assertThat(new Amendment.React("r", 7, BOB, "🎉", false).apply(c, 4)).isSameAs(c);
    Message d = new Amendment.React("r", 7, ANN, "🎉", false).apply(c, 4);
    assertThat(d.reactions()).containsOnlyKeys("👍");
  }

  @Test
  void aMessageCarriesAtMostTwentyDifferentEmoji() {
    Message m = STORED;
    for (int i = 0; i < Amendment.MAX_EMOJI; i++)
      m = new Amendment.React("r", 7, BOB, "e" + i, true).apply(m, i + 1);
    Message full = m;
    assertThat(code(() -> new Amendment.React("r", 7, BOB, "one-more", true).apply(full, 99)))
        .isEqualTo("bad_request");
    assertThat(new Amendment.React("r", 7, ANN, "e0", true).apply(full, 99).reactions().get("e0"))
        .hasSize(2);
  }

  @Test
  void reactionsAreShortAndFreeOfSpacesAndControls() {
    assertThat(Names.isReaction("👍")).isTrue();
    assertThat(Names.isReaction("👩🏽‍💻")).isTrue();
    assertThat(Names.isReaction("🇫🇷")).isTrue();
    assertThat(Names.isReaction("1️⃣")).isTrue();
    assertThat(Names.isReaction("")).isFalse();
    assertThat(Names.isReaction("a b")).isFalse();
    assertThat(Names.isReaction("\n")).isFalse();
    assertThat(Names.isReaction("\u202e")).isFalse();
    assertThat(Names.isReaction("x".repeat(33))).isFalse();
  }
}
