package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.replyInThread;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Threads": a reply in a thread I took part in shows on the badge of every tab of mine; the list
 * names the room, the root's first words, its replies and my unread ones; a click opens the thread,
 * and reading it there clears the badge on every tab. At 1280 and 390 px.
 */
class ThreadListInBrowserTest extends BrowserTestBase {

  @Test
  void myThreadsAreListedWithTheirUnreadAndReadingOneClearsItEverywhere() {
    String room = unique("budget");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(alice, "Who reviews the budget?");
    assertThat(confirmedTexts(bob).last()).hasText("Who reviews the budget?");
    String root = seqOf(bob, "Who reviews the budget?");
    act(row(bob, root), "thread");
    replyInThread(bob, "me, tomorrow");
    bob.getByTestId("thread-close").click();
    openRoom(bob, "general");
    Page tab = bob.context().newPage();
    tab.navigate(baseUrl);
    assertConnected(tab);
    assertThat(bob.getByTestId("threads-badge")).isHidden();

    row(alice, root).getByTestId("thread-summary").click();
    replyInThread(alice, "thanks!");
    for (Page p : new Page[] {bob, tab}) assertThat(p.getByTestId("threads-badge")).hasText("1");

    bob.getByTestId("threads-button").click();
    Locator item = bob.getByTestId("threads-item");
    assertThat(item).hasCount(1);
    assertThat(item).hasText(Pattern.compile("#" + room + ".*Who reviews the budget\\?"));
    assertThat(item).containsText("2 replies");
    assertThat(item.getByTestId("threads-unread")).hasText("1 unread");
    Screenshots.save(bob, "threads-list-1280");
    item.click();
    assertThat(bob.getByTestId("threads-dialog")).isHidden();
    assertThat(bob.getByTestId("room-title")).hasText("#" + room);
    assertThat(bob.getByTestId("thread-panel")).isVisible();
    assertThat(bob.locator("[data-testid=thread-list] [data-testid=message-text]").last())
        .hasText("thanks!");
    for (Page p : new Page[] {bob, tab}) assertThat(p.getByTestId("threads-badge")).isHidden();
    tab.getByTestId("threads-button").click();
    assertThat(tab.getByTestId("threads-unread")).hasCount(0);
    tab.keyboard().press("Escape");

    narrow(tab);
    tab.getByTestId("rooms-button").click();
    tab.getByTestId("threads-button").click();
    assertThat(tab.getByTestId("threads-item")).hasCount(1);
    assertThat(tab.getByTestId("threads-item")).containsText("2 replies");
    Screenshots.save(tab, "threads-list-390");
    tab.getByTestId("threads-item").click();
    assertThat(tab.getByTestId("thread-panel")).isVisible();
    Screenshots.save(tab, "threads-opened-390");
  }
}
