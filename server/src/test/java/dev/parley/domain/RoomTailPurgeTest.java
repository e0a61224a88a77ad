package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The room tail after retention removed the start of the log: it answers exactly as the store does.
 */
class RoomTailPurgeTest {
  static final Profile ANN = new Profile("u-ann", "Ann", null);

  private static Message at(long seq) {
    return Message.draft("r", "c" + seq, ANN, seq, "m" + seq, null).withSeq(seq);
  }

  private static List<Long> seqs(Store.Page page) {
    return page.events().stream().map(Event::seq).toList();
  }

  private static RoomTail tailOf(int n) {
    RoomTail tail = new RoomTail(0);
    for (long seq = 1; seq <= n; seq++) tail.append(at(seq));
    return tail;
  }

  @Test
  void nothingBelowTheNewStartIsHeldOrAnsweredAndPagesThereHaveNoMore() {
    RoomTail tail = tailOf(10);
    tail.purge(6);

    assertThat(tail.range()).containsExactly(6, 10);
    Store.Page latest = tail.page(null, null, 50);
    assertThat(seqs(latest)).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(latest.more()).isFalse();
    Store.Page older = tail.page(6L, null, 50);
    assertThat(older.events()).isEmpty();
    assertThat(older.more()).isFalse();
    Store.Page edge = tail.page(9L, null, 2);
    assertThat(seqs(edge)).containsExactly(7L, 8L);
    assertThat(edge.more()).isTrue();
    assertThat(tail.page(8L, null, 2).more()).isFalse();
    assertThat(seqs(tail.page(null, 2L, 3))).containsExactly(6L, 7L, 8L);
  }

  @Test
  void aReadFromBeforeThePurgeDoesNotPutRemovedEventsBack() {
    RoomTail tail = new RoomTail(10, 1);
    List<Event> page = new ArrayList<>();
    for (long seq = 1; seq <= 10; seq++) page.add(at(seq));
    tail.purge(4);
    tail.fill(page, 0);

    assertThat(tail.range()).containsExactly(4, 10);
    assertThat(seqs(tail.page(null, null, 50))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void anEmptiedLogAnswersNothingAndGoesOnFromItsLastSeq() {
    RoomTail tail = tailOf(5);
    tail.purge(6);

    assertThat(tail.page(null, null, 50).events()).isEmpty();
    assertThat(tail.page(null, null, 50).more()).isFalse();
    tail.append(at(6));
    assertThat(seqs(tail.page(null, null, 50))).containsExactly(6L);
    assertThat(tail.page(null, null, 50).more()).isFalse();
  }

  @Test
  void heldRepliesQuoteAPurgedParentNoMoreAndAnEditedOneAsItIsNow() {
    RoomTail tail = tailOf(3);
    Message toTwo =
        at(4)
            .withConversation(
                new Conversation(new Conversation.Reply(2, ANN, "m2"), null, false, null));
    Message toThree =
        at(5)
            .withConversation(
                new Conversation(new Conversation.Reply(3, ANN, "m3"), null, false, null));
    tail.append(toTwo);
    tail.append(toThree);

    Message three = at(3);
    tail.replace(three.changed("m3 fixed", null, 9L, false, three.reactions(), 1));
    tail.purge(3);

    List<Event> held = tail.page(null, null, 50).events();
    assertThat(((Message) held.get(1)).conversation().reply().excerpt()).isEmpty();
    assertThat(((Message) held.get(2)).conversation().reply().excerpt()).isEqualTo("m3 fixed");
  }
}
