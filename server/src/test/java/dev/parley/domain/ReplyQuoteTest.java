package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a reply quotes of its parent ({@link Conversations#quote}): the start of its text, or for a
 * parent without text what it is, so that a client can say "Photo", "Voice message" or the file's
 * name rather than "Original message deleted".
 */
class ReplyQuoteTest {
  static final Profile ANN = new Profile("u-ann", "Ann", null);

  private static Message parent(String text, Image image) {
    return Message.draft("r", "c1", ANN, 1L, text, image).withSeq(7);
  }

  @Test
  void aParentWithTextIsQuotedByItsTextWhateverItCarries() {
    Conversation.Reply r =
        Conversations.quote(
            parent("see the log", null).withFile(new Attachment("/u/a", "a.log", 3L, "t", null)),
            ANN);
    assertThat(r.excerpt()).isEqualTo("see the log");
    assertThat(r.kind()).isNull();
    assertThat(r.seq()).isEqualTo(7);
  }

  @Test
  void aParentWithoutTextSaysWhatItIs() {
    Image photo = new Image("/uploads/p.png", "p.png", 10, 10);
    assertThat(Conversations.quote(parent("", photo), ANN).kind()).isEqualTo("image");
    Conversation.Reply file =
        Conversations.quote(
            parent(null, null)
                .withFile(new Attachment("/u/r", "report.pdf", 9L, "application/pdf", null)),
            ANN);
    assertThat(file.kind()).isEqualTo("file");
    assertThat(file.excerpt()).isEqualTo("report.pdf");
    Conversation.Reply voice =
        Conversations.quote(
            parent("", null).withFile(new Attachment("/u/v", "voice.ogg", 9L, "audio/ogg", 4)),
            ANN);
    assertThat(voice.kind()).isEqualTo("voice");
    assertThat(voice.excerpt()).isEmpty();
  }

  @Test
  void aDeletedParentIsQuotedAsDeleted() {
    Message deleted = parent("x", null).withDeletedBy(ANN);
    Message gone = deleted.changed(null, null, null, true, deleted.reactions(), 2);
    Conversation.Reply r = Conversations.quote(gone, ANN);
    assertThat(r.kind()).isEqualTo("deleted");
    assertThat(r.excerpt()).isEmpty();
  }
}
