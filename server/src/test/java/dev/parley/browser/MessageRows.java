package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;

/** Finds message rows and works their actions the way a user does: hover, then the toolbar. */
final class MessageRows {

  private MessageRows() {}

  /**
   * The seq of the (newest) confirmed message whose text is {@code text}: a row's name in every
   * page. Waits for the row (Playwright's default timeout): a page just opened, or a message just
   * sent, may not have drawn it yet, and one look at such a page failed a CI run.
   */
  static String seqOf(Page page, String text) {
    try {
      Object seq =
          page.waitForFunction(
                  "(text) => [...document.querySelectorAll('[data-testid=message-list] [data-testid=message][data-seq]')]"
                      + ".filter(r => r.querySelector('[data-testid=message-text]')?.textContent.trim() === text)"
                      + ".map(r => r.dataset.seq).pop() ?? null",
                  text)
              .jsonValue();
      return seq.toString();
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError("no confirmed message reads \"" + text + "\"", e);
    }
  }

  /**
   * Scrolls the open room's list to the top, again every 200 ms as a reader keeps scrolling, until
   * the first confirmed row reads {@code text}. Why again: a scroll made while the list still
   * settles (rows drawn again when their Markdown comes, pinning the view to the end) asks for
   * nothing, and such a scroll failed two CI runs waiting 10 s for older history never asked for.
   */
  static void scrollUpUntilFirst(Page page, String text) {
    scrollUpUntil(
        page, "(list, text) => list.querySelector(ROWS)?.textContent.trim() === text", text);
  }

  /**
   * As {@link #scrollUpUntilFirst}, until the list holds other than {@code count} confirmed rows.
   */
  static void scrollUpUntilNot(Page page, int count) {
    scrollUpUntil(page, "(list, n) => list.querySelectorAll(ROWS).length !== n", count);
  }

  /** Checks {@code done(list, arg)} first and scrolls to the top only while it is false. */
  private static void scrollUpUntil(Page page, String done, Object arg) {
    try {
      page.waitForFunction(
          "([arg]) => { const ROWS = '[data-testid=message][data-seq] [data-testid=message-text]';"
              + " const list = document.querySelector('[data-testid=message-list]');"
              + " if (("
              + done
              + ")(list, arg)) return true; list.scrollTop = 0; return false; }",
          java.util.List.of(arg),
          new Page.WaitForFunctionOptions().setPollingInterval(200));
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError("scrolled up, and never " + done + " for " + arg, e);
    }
  }

  /**
   * {@code text} as a regular expression matching itself. Not {@link Pattern#quote}: Playwright
   * hands the pattern to JavaScript, which has no quoting with Q and E.
   */
  static String literal(String text) {
    return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
  }

  /** The row of the message with this seq in the open room. */
  static Locator row(Page page, String seq) {
    return page.locator("[data-testid=message-list] [data-testid=message][data-seq='" + seq + "']");
  }

  /** The confirmed rows of the open room whose text contains {@code text}. */
  static Locator rowWithText(Page page, String text) {
    return page.locator(
        "[data-testid=message-list] [data-testid=message][data-seq]",
        new Page.LocatorOptions().setHasText(text));
  }

  /** Hovers the row and clicks one of its toolbar's buttons (react, edit, copy, delete, more). */
  static void act(Locator row, String action) {
    row.hover();
    row.getByTestId("action-" + action).click();
  }

  /** Reacts from the toolbar's quick row. */
  static void react(Locator row, String emoji) {
    act(row, "react");
    quickReaction(row.page(), emoji).click();
  }

  static Locator quickReaction(Page page, String emoji) {
    return page.locator("[data-testid=quick-reaction][data-emoji='" + emoji + "']");
  }

  static Locator chip(Locator row, String emoji) {
    return row.locator("[data-testid=reaction-chip][data-emoji='" + emoji + "']");
  }

  /** The texts of the open thread panel's messages. */
  static Locator threadTexts(Page page) {
    return page.locator("[data-testid=thread-list] [data-testid=message-text]");
  }

  /**
   * Sends {@code text} from the thread panel's composer (also to the room when {@code alsoInRoom})
   * and waits until the server's copy is the panel's last message.
   */
  static void replyInThread(Page page, String text, boolean alsoInRoom) {
    Locator box = page.getByTestId("thread-composer");
    box.fill(text);
    if (alsoInRoom) page.getByTestId("thread-also").check();
    box.press("Enter");
    assertThat(page.locator("[data-testid=thread-list] [data-pending]")).hasCount(0);
    assertThat(threadTexts(page).last()).hasText(text);
  }

  static void replyInThread(Page page, String text) {
    replyInThread(page, text, false);
  }
}
