package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.quickReaction;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * After logging in, picking a quick reaction and confirming a delete, the focus goes where the next
 * action is (the composer, the message, its neighbour), never back to the page's body.
 */
class FocusKeptTest extends BrowserTestBase {

  /** What has the focus: a test id, else the tag; "BODY" when it was lost. */
  private static final String FOCUSED =
      "() => { const el = document.activeElement;"
          + " return !el || el === document.body ? 'BODY'"
          + " : (el.dataset.testid ?? el.tagName) + (el.dataset.seq ? ':' + el.dataset.seq : ''); }";

  /** Waits (up to the default timeout) for the focus to be on {@code want}; returns where it is. */
  private static String focused(Page page, String want) {
    try {
      page.waitForFunction(
          "want => (" + FOCUSED + ")() === want",
          want,
          new Page.WaitForFunctionOptions().setTimeout(5_000));
    } catch (com.microsoft.playwright.TimeoutError e) {
      // Reported by the assertion below, with where the focus is.
    }
    return (String) page.evaluate(FOCUSED);
  }

  @Test
  void afterLoggingInTheComposerHasTheFocus() {
    Page alice = login(unique("alice"));
    assertThat(alice.getByTestId("composer")).isFocused();
  }

  @Test
  void afterAQuickReactionTheMessageKeepsTheFocus() {
    Page alice = login(unique("alice"));
    String text = unique("React to me ");
    send(alice, text);
    String seq = seqOf(alice, text);
    act(row(alice, seq), "react");
    quickReaction(alice, "🎉").click();
    assertThat(chip(row(alice, seq), "🎉")).hasText("🎉 1");
    assertThat(focused(alice, "message:" + seq)).isEqualTo("message:" + seq);
    // Another render of the row (a second reaction) keeps it there.
    act(row(alice, seq), "react");
    quickReaction(alice, "👍").click();
    assertThat(chip(row(alice, seq), "👍")).hasText("👍 1");
    assertThat(focused(alice, "message:" + seq)).isEqualTo("message:" + seq);
  }

  @Test
  void afterADeleteTheNextMessageHasTheFocus() {
    Page alice = login(unique("alice"));
    createRoom(alice, unique("tidy"), "Deleting");
    String first = unique("Delete me ");
    String second = unique("Keep me ");
    send(alice, first);
    send(alice, second);
    String gone = seqOf(alice, first);
    String next = seqOf(alice, second);
    act(row(alice, gone), "delete");
    alice.getByTestId("delete-confirm").click();
    assertThat(alice.getByTestId("delete-dialog")).isHidden();
    Locator deleted = row(alice, gone).getByTestId("message-text");
    assertThat(deleted).hasText("This message was deleted.");
    assertThat(focused(alice, "message:" + next)).isEqualTo("message:" + next);

    act(row(alice, next), "delete");
    alice.getByTestId("delete-confirm").click();
    assertThat(row(alice, next).getByTestId("message-text")).hasText("This message was deleted.");
    assertThat(alice.getByTestId("composer")).isFocused();
  }
}
