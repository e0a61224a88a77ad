package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room's events reach a node's sockets in seq order, exactly once, whatever order they arrive in.
 */
class SeqOrderTest {

  @Test
  void inOrderEventsPassStraightThrough() {
    SeqOrder<String> order = new SeqOrder<>(4);
    assertThat(order.offer(5, "e5", 0)).containsExactly("e5");
    assertThat(order.offer(6, "e6", 0)).containsExactly("e6");
    assertThat(order.delivered()).isEqualTo(6);
    assertThat(order.overdue(10_000, 1)).isFalse();
  }

  @Test
  void anEarlyEventWaitsForTheOneBefore() {
    // Two nodes committed 5 and 6; this node hears 6 first.
    SeqOrder<String> order = new SeqOrder<>(4);
    assertThat(order.offer(6, "e6", 0)).isEmpty();
    assertThat(order.held()).isEqualTo(1);
    assertThat(order.offer(5, "e5", 1)).containsExactly("e5", "e6");
    assertThat(order.held()).isZero();
  }

  @Test
  void aFullerCopyReplacesWhatIsHeldAndOnlyThat() {
    // revs: this node holds rev 7 (a reaction alone); the store answers with the message whole at
    // rev 7
    SeqOrder<String> order = new SeqOrder<>(5);
    order.offer(7, "reaction@7", 0);
    order.replace(7, "whole@7");
    order.replace(9, "nothing held there");
    assertThat(order.held()).isEqualTo(1);
    assertThat(order.skipTo(6, 1)).containsExactly("whole@7");
  }

  @Test
  void manyShuffledEventsComeOutGaplessAndOnce() {
    SeqOrder<Long> order = new SeqOrder<>(0);
    List<Long> arrivals = new ArrayList<>();
    for (long s = 1; s <= 200; s++) arrivals.add(s);
    java.util.Collections.shuffle(arrivals, new java.util.Random(7));
    arrivals.addAll(arrivals.subList(0, 50)); // and 50 duplicates after
    List<Long> out = new ArrayList<>();
    for (long s : arrivals) out.addAll(order.offer(s, s, 0));
    assertThat(out).hasSize(200);
    for (int i = 0; i < out.size(); i++) assertThat(out.get(i)).isEqualTo(i + 1L);
  }

  @Test
  void duplicatesAreDropped() {
    SeqOrder<String> order = new SeqOrder<>(0);
    assertThat(order.offer(1, "a", 0)).containsExactly("a");
    assertThat(order.offer(1, "a again", 0)).isEmpty();
    assertThat(order.offer(3, "c", 0)).isEmpty();
    assertThat(order.offer(3, "c again", 0)).isEmpty();
    assertThat(order.offer(2, "b", 0)).containsExactly("b", "c");
  }

  @Test
  void aLostEventIsOverdueAndItsGapIsFilledFromTheStore() {
    SeqOrder<String> order = new SeqOrder<>(10);
    order.offer(13, "e13", 1_000);
    order.offer(14, "e14", 1_050);
    assertThat(order.overdue(1_100, 200)).isFalse();
    assertThat(order.overdue(1_200, 200)).isTrue();
    assertThat(order.missing()).containsExactly(10, 12);
    // The store's page after 10: 11, 12 and the held 13 again; the copy of 13 is dropped.
    List<String> out = new ArrayList<>();
    out.addAll(order.offer(11, "s11", 1_210));
    out.addAll(order.offer(12, "s12", 1_210));
    out.addAll(order.offer(13, "s13", 1_210));
    assertThat(out).containsExactly("s11", "s12", "e13", "e14");
    assertThat(order.overdue(5_000, 200)).isFalse();
    assertThat(order.missing()).isNull();
  }

  @Test
  void aSecondGapWaitsItsOwnTimeout() {
    SeqOrder<String> order = new SeqOrder<>(0);
    order.offer(2, "b", 0);
    order.offer(4, "d", 0);
    assertThat(order.offer(1, "a", 500)).containsExactly("a", "b");
    assertThat(order.overdue(600, 200)).isFalse();
    assertThat(order.overdue(700, 200)).isTrue();
    assertThat(order.missing()).containsExactly(2, 3);
  }

  @Test
  void aGapTheStoreNoLongerHoldsIsSkipped() {
    SeqOrder<String> order = new SeqOrder<>(0);
    order.offer(5, "e5", 0);
    order.offer(6, "e6", 0);
    assertThat(order.skipTo(4, 300)).containsExactly("e5", "e6");
    assertThat(order.delivered()).isEqualTo(6);
    assertThat(order.offer(3, "late", 301)).isEmpty();
  }
}
