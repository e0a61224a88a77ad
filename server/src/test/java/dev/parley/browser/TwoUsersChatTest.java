package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two people in one room each see every message exactly once, in the order the server gave them.
 */
class TwoUsersChatTest extends BrowserTestBase {

  @Test
  void bothSeeEachOthersMessagesOnceAndInOrder() {
    String room = unique("duo");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "Just the two of us");

    Page bob = login(unique("bob"));
    joinRoom(bob, room);

    send(alice, "one");
    assertThat(confirmedTexts(bob).last()).hasText("one");
    send(bob, "two");
    assertThat(confirmedTexts(alice).last()).hasText("two");
    send(alice, "three");

    String[] expected = {"one", "two", "three"};
    for (Page page : List.of(alice, bob)) {
      assertThat(confirmedTexts(page)).hasText(expected);
      assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
      List<?> seqs =
          (List<?>)
              page.locator("[data-testid=message-list] [data-seq]")
                  .evaluateAll("els => els.map(e => Number(e.dataset.seq))");
      assertThat(seqs.stream().map(n -> ((Number) n).intValue()).toList())
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }
}
