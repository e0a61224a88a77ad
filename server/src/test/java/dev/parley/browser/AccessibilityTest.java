package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * axe-core finds nothing against WCAG 2.2 AA (and a page's one top-level heading) on the screens
 * people use, in light and dark, at 1280 and 390 pixels. A violation fails with what and where, so
 * the message says what to fix.
 */
class AccessibilityTest extends BrowserTestBase {
  private static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  /** Every violation on the page as it is now, one line each. */
  static List<String> violations(Page page, String screen) {
    List<String> found = new ArrayList<>();
    // a panel that is still fading in (the action sheet's 0.18 s from opacity 0.4) would be judged
    // on a colour nobody sees once it is open: let finite animations end first
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
            + ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
            + ".map(a => a.finished.catch(() => null)))");
    AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
    for (Rule v : results.getViolations()) {
      v.getNodes()
          .forEach(
              n ->
                  found.add(
                      screen
                          + ": "
                          + v.getId()
                          + " at "
                          + n.getTarget()
                          + ": "
                          + n.getFailureSummary().replace('\n', ' ')));
    }
    if (page.locator("h1").count() == 0) found.add(screen + ": no top-level heading");
    return found;
  }

  /** The screen as it is, in both themes and both widths; the page is left light and wide. */
  private static void check(Page page, String screen, List<String> found) {
    for (String theme : List.of("light", "dark")) {
      page.evaluate("t => document.documentElement.dataset.theme = t", theme);
      for (int width : List.of(1280, 390)) {
        page.setViewportSize(width, width == 390 ? 844 : 800);
        found.addAll(violations(page, screen + " " + theme + " " + width));
      }
    }
    page.evaluate("() => document.documentElement.dataset.theme = 'light'");
    page.setViewportSize(1280, 800);
  }

  private static void assertNone(List<String> found) {
    if (!found.isEmpty())
      fail(found.size() + " accessibility violations:\n" + String.join("\n", found));
  }

  @Test
  void theLoginScreenAndTheChatHaveNoViolations() {
    List<String> found = new ArrayList<>();
    Page page = newPage();
    check(page, "login", found);
    String nick = unique("reader");
    login(page, nick);
    send(page, "hello, everyone");
    check(page, "chat", found);

    page.getByTestId("emoji-button").click();
    assertThat(page.getByTestId("emoji-picker")).isVisible();
    found.addAll(violations(page, "emoji panel light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-dialog")).isVisible();
    found.addAll(violations(page, "settings light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("search-input").fill("everyone");
    assertThat(page.getByTestId("search-result").first()).isVisible();
    found.addAll(violations(page, "search light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("room-members").click();
    assertThat(page.getByTestId("members-dialog")).isVisible();
    found.addAll(violations(page, "members light 1280"));
    page.keyboard().press("Escape");

    MessageRows.act(MessageRows.row(page, MessageRows.seqOf(page, "hello, everyone")), "thread");
    page.getByTestId("thread-composer").fill("a word in a thread");
    page.getByTestId("thread-composer").press("Enter");
    assertThat(page.locator("[data-testid=thread-list] [data-pending]")).hasCount(0);
    page.getByTestId("thread-close").click();
    page.getByTestId("threads-button").click();
    assertThat(page.getByTestId("threads-item")).hasCount(1);
    check(page, "threads", found);
    page.keyboard().press("Escape");
    assertNone(found);
  }

  @Test
  void aDirectConversationHasNoViolations() {
    List<String> found = new ArrayList<>();
    String annNick = unique("ann");
    Page ann = login(annNick);
    Page bob = login(unique("bob"));
    bob.getByTestId("user-item")
        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(annNick))
        .getByTestId("user-message")
        .click();
    send(bob, "a word in private");
    check(bob, "direct conversation", found);
    assertNone(found);
  }

  @Test
  void theImageViewerHasNoViolations() {
    List<String> found = new ArrayList<>();
    Page page = login(unique("viewer"));
    page.getByTestId("attach-input")
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload(
                "photo.png", "image/png", TestImages.encoded("png", 1600, 1200, 7)));
    com.microsoft.playwright.Locator thumb =
        page.locator("[data-testid=message-list] [data-testid=message][data-seq]")
            .last()
            .locator("img[data-testid=message-image]");
    assertThat(thumb).hasCount(1);
    page.waitForFunction("el => el.complete && el.naturalWidth > 0", thumb.elementHandle());
    thumb.click();
    assertThat(page.getByTestId("image-viewer")).isVisible();
    check(page, "image viewer", found);
    page.getByTestId("image-viewer-zoom").click();
    found.addAll(violations(page, "image viewer zoomed light 1280"));
    assertNone(found);
  }

  /**
   * A room's owner's screens: the pinned list, the room settings, the moderation dialog (a mute
   * done, a ban being filled in), a person's card, the moderation history and the invite dialog.
   */
  @Test
  void aRoomOwnersDialogsHaveNoViolations() {
    List<String> found = new ArrayList<>();
    Page ann = login(unique("owner"));
    String room = unique("ops");
    createRoom(ann, room, "where owners own");
    String bobNick = unique("member");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    send(bob, "a message worth pinning");

    String seq = MessageRows.seqOf(ann, "a message worth pinning");
    MessageRows.act(MessageRows.row(ann, seq), "pin");
    assertThat(ann.getByTestId("pins-button")).isVisible();
    ann.getByTestId("pins-button").click();
    assertThat(ann.getByTestId("pin-item")).hasCount(1);
    check(ann, "pinned list", found);
    ann.keyboard().press("Escape");

    ann.getByTestId("room-settings-button").click();
    assertThat(ann.getByTestId("room-settings-dialog")).isVisible();
    check(ann, "room settings", found);
    ann.keyboard().press("Escape");

    ann.getByTestId("room-members").click();
    Locator manage =
        ann.getByTestId("members-dialog")
            .getByTestId("member-item")
            .filter(new Locator.FilterOptions().setHasText(bobNick))
            .getByTestId("member-manage");
    manage.click();
    Locator menu = ann.getByTestId("moderation-dialog");
    assertThat(menu).isVisible();
    check(ann, "moderation dialog", found);
    menu.getByTestId("mod-mute").click();
    menu.getByTestId("mod-reason").fill("calm down");
    menu.getByTestId("mod-submit").click();
    assertThat(menu).isHidden();
    assertThat(ann.getByTestId("members-dialog")).isVisible();
    manage.click();
    menu.getByTestId("mod-ban").click();
    assertThat(menu.getByTestId("mod-form")).isVisible();
    check(ann, "ban dialog", found);
    ann.keyboard().press("Escape");
    ann.keyboard().press("Escape");

    MessageRows.row(ann, seq).getByTestId("message-nick").click();
    assertThat(ann.getByTestId("user-card-moderate")).isVisible();
    check(ann, "person's card", found);
    ann.keyboard().press("Escape");

    ann.getByTestId("audit-button").click();
    assertThat(ann.getByTestId("audit-entry").first()).isVisible();
    check(ann, "moderation history", found);
    ann.keyboard().press("Escape");

    ann.getByTestId("invite-button").click();
    assertThat(ann.getByTestId("invite-dialog")).isVisible();
    check(ann, "invite dialog", found);
    assertNone(found);
  }

  /**
   * What one person sees of their own: a file and a voice message, the Saved list, the directory.
   */
  @Test
  void filesSavedMessagesPushSettingsAndTheDirectoryHaveNoViolations() {
    List<String> found = new ArrayList<>();
    Page other = login(unique("opener"));
    createRoom(other, unique("lounge"), "a room to find");
    Page page = login(unique("keeper"));
    send(page, "keep this one");
    page.getByTestId("attach-input")
        .setInputFiles(
            new FilePayload(
                "notes.txt", "text/plain", "plain notes".getBytes(StandardCharsets.UTF_8)));
    Locator last =
        page.locator("[data-testid=message-list] [data-testid=message][data-seq]").last();
    assertThat(last.getByTestId("file-card")).isVisible();
    page.getByTestId("voice-button").click();
    assertThat(page.getByTestId("voice-panel")).isVisible();
    // a second recorded (a busy machine may skip from 0:00 to 0:02)
    assertThat(page.getByTestId("voice-time")).hasText(Pattern.compile("0:0[1-9]"));
    found.addAll(violations(page, "voice recording light 1280"));
    page.getByTestId("voice-send").click();
    assertThat(last.getByTestId("voice-message")).isVisible();
    check(page, "file and voice messages", found);

    MessageRows.act(MessageRows.row(page, MessageRows.seqOf(page, "keep this one")), "save");
    page.getByTestId("saved-button").click();
    assertThat(page.getByTestId("saved-item")).hasCount(1);
    check(page, "saved messages", found);
    page.keyboard().press("Escape");

    page.getByTestId("settings-button").click();
    page.getByTestId("push-setting").scrollIntoViewIfNeeded();
    check(page, "settings at the device's notifications", found);
    page.keyboard().press("Escape");

    // What the keyboard opens: a message's actions, the shortcuts, the room switcher
    page.getByTestId("message-list").focus();
    page.keyboard().press("ArrowUp");
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("action-sheet")).isVisible();
    check(page, "message actions", found);
    page.keyboard().press("Escape");
    page.getByTestId("message-list").focus();
    page.keyboard().press("?");
    assertThat(page.getByTestId("shortcuts-dialog")).isVisible();
    check(page, "shortcuts", found);
    page.keyboard().press("Escape");
    page.keyboard().press("Control+g");
    assertThat(page.getByTestId("switcher")).isVisible();
    check(page, "room switcher", found);
    page.keyboard().press("Escape");

    page.getByTestId("browse-button").click();
    assertThat(page.getByTestId("directory-item").first()).isVisible();
    check(page, "room directory", found);
    assertNone(found);
  }
}
