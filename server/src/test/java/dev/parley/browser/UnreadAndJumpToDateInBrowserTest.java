package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Mark as unread" on a message makes it and what follows unread again, in every tab (the room
 * shows its badge once I look elsewhere); "Jump to a date" in the room's options opens the first
 * message of that day in context, and says so when nothing was said since.
 */
class UnreadAndJumpToDateInBrowserTest extends BrowserTestBase {

  @Test
  void markAsUnreadBringsTheBadgeBackOnEveryTab() {
    Page ann = login(unique("ann"));
    String room = unique("ops");
    createRoom(ann, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(bob, "first news");
    send(bob, "second news");
    send(bob, "third news");
    assertThat(row(ann, seqOf(ann, "third news"))).isVisible();
    Page tab = ann.context().newPage();
    tab.navigate(baseUrl);
    assertConnected(tab);
    openRoom(tab, "general");
    assertThat(roomItem(tab, room).getByTestId("unread-badge")).hasCount(0);

    act(row(ann, seqOf(ann, "second news")), "unread");
    assertThat(roomItem(tab, room).getByTestId("unread-badge")).hasText("2");
    openRoom(ann, "general");
    assertThat(roomItem(ann, room).getByTestId("unread-badge")).hasText("2");
    Screenshots.save(ann, "marked-unread-1280");
  }

  @Test
  void jumpToADateOpensTheFirstMessageOfThatDay() {
    Page ann = login(unique("ann"));
    String room = unique("log");
    createRoom(ann, room, "");
    for (int i = 0; i < 40; i++) send(ann, "line " + i);
    String today = (String) ann.evaluate("() => new Date().toLocaleDateString('en-CA')");
    String tomorrow =
        (String) ann.evaluate("() => new Date(Date.now() + 86400000).toLocaleDateString('en-CA')");

    roomAction(ann, "room-options-button");
    ann.getByTestId("jump-date").fill(tomorrow);
    ann.getByTestId("jump-go").click();
    assertThat(ann.getByTestId("jump-status")).hasText("Nothing was said on or after that day.");
    ann.getByTestId("jump-date").fill(today);
    Screenshots.save(ann, "jump-to-date-1280");
    ann.getByTestId("jump-go").click();
    assertThat(ann.getByTestId("room-options")).isHidden();
    assertThat(ann.locator("[data-testid=message-list] [data-seq='1']")).isInViewport();
    assertThat(ann.locator("[data-testid=message-list] [data-seq='1']"))
        .hasClass(Pattern.compile("search-flash"));
    narrow(ann);
    roomAction(ann, "room-options-button");
    Screenshots.save(ann, "jump-to-date-390");
  }
}
