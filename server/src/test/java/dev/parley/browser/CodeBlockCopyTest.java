package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A code block sent right after another message (grouped: no name above it) keeps its Copy button
 * clear of the hover toolbar: the click copies, and no Delete sits where Copy was.
 */
class CodeBlockCopyTest extends BrowserTestBase {

  private static final String CODE = "git log --oneline | head";

  /** The element at the centre of the box, as the browser hit-tests a click there. */
  private static final String HIT =
      "({x, y}) => { const el = document.elementFromPoint(x, y);"
          + " return el?.closest('[data-testid]')?.dataset.testid ?? el?.tagName; }";

  @Test
  void deleteNeverAppearsWhereAnotherMessagesHarmlessActionWas() {
    String room = unique("tools");
    // bob's room: alice is a plain member there, so bob's message offers her no Delete (a room's
    // owner and its moderators may delete anyone's message)
    Page bob = login(unique("bob"));
    createRoom(bob, room, "Toolbars");
    Page alice = login(unique("alice"));
    joinRoom(alice, room);
    send(bob, "Something of mine, bob's");
    send(alice, "Something of mine, alice's");
    Locator rows = alice.locator("[data-testid=message-list] [data-testid=message][data-seq]");
    Locator bobs = rows.nth(rows.count() - 2);
    Locator mine = rows.last();
    // React, Reply, Reply in thread and Copy, then Pin, Save and Mark as unread (after gaps for
    // Edit and Delete): read in one step in the page, as the toolbar shows them while hovered (a
    // row drawn again meanwhile, by a read marker say, is no longer under the pointer until it
    // moves: hover again and read again)
    List<double[]> harmless = List.of();
    for (int tries = 0; tries < 5 && harmless.size() != 7; tries++) {
      bobs.hover();
      harmless = shownSpans(bobs.locator("[data-testid=message-actions] button"));
    }
    assertThat(harmless).hasSize(7);
    mine.hover();
    BoundingBox delete = visibleBox(mine.getByTestId("action-delete"));
    Screenshots.save(alice, "toolbar-mine-1280");
    for (double[] spot : harmless) {
      assertThat(delete.x < spot[1] && spot[0] < delete.x + delete.width)
          .as("Delete at x %s..%s over a spot of bob's toolbar", delete.x, delete.x + delete.width)
          .isFalse();
    }
  }

  /** The left and right edges of those of {@code buttons} that are shown, read at one instant. */
  private static List<double[]> shownSpans(Locator buttons) {
    @SuppressWarnings("unchecked")
    List<List<Number>> spans =
        (List<List<Number>>)
            buttons.evaluateAll(
                "els => els.map(e => [e.getBoundingClientRect(), getComputedStyle(e)])"
                    + ".filter(([r, s]) => r.width > 0 && r.height > 0 && s.visibility !== 'hidden')"
                    + ".map(([r]) => [r.left, r.right])");
    return spans.stream()
        .map(p -> new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()})
        .toList();
  }

  @Test
  void copyOnAGroupedCodeBlockCopiesAndNeverOpensDelete() {
    for (int width : new int[] {1280, 390}) {
      Page alice =
          login(
              newPage(
                  new Browser.NewContextOptions()
                      .setViewportSize(width, width > 500 ? 800 : 780)
                      .setPermissions(List.of("clipboard-read", "clipboard-write"))),
              unique("alice"));
      send(alice, "Here is the command:");
      sendSource(alice, "```\n" + CODE + "\n```");
      Locator row =
          alice.locator("[data-testid=message-list] [data-testid=message][data-seq]").last();
      assertThat(row).hasClass(java.util.regex.Pattern.compile("\\bcont\\b"));
      Locator copy = row.getByTestId("code-copy");
      row.getByTestId("code-block").hover();
      assertThat(row.getByTestId("message-actions")).isVisible();
      Screenshots.save(alice, "code-copy-hover-" + width);

      BoundingBox copyBox = visibleBox(copy);
      for (Locator button : row.locator("[data-testid=message-actions] button").all()) {
        if (!button.isVisible()) continue;
        BoundingBox b = button.boundingBox();
        boolean overlaps =
            b.x < copyBox.x + copyBox.width
                && copyBox.x < b.x + b.width
                && b.y < copyBox.y + copyBox.height
                && copyBox.y < b.y + b.height;
        assertThat(overlaps)
            .as("%s over the code block's Copy at %d px", button.getAttribute("data-action"), width)
            .isFalse();
      }
      Object hit =
          alice.evaluate(
              HIT,
              java.util.Map.of(
                  "x", copyBox.x + copyBox.width / 2, "y", copyBox.y + copyBox.height / 2));
      assertThat(hit).isEqualTo("code-copy");

      alice.mouse().click(copyBox.x + copyBox.width / 2, copyBox.y + copyBox.height / 2);
      assertThat(copy).hasText("Copied");
      assertThat(alice.getByTestId("delete-dialog")).not().isVisible();
      assertThat(alice.evaluate("() => navigator.clipboard.readText()")).isEqualTo(CODE);
    }
  }
}
