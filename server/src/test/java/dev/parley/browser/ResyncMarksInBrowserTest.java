package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * What I marked on another device while this one was disconnected shows here once it is back: a
 * message marked unread, a notification level, a thread read.
 */
class ResyncMarksInBrowserTest extends BrowserTestBase {

  @Test
  void marksMadeElsewhereWhileDisconnectedShowAfterTheReconnect() {
    CuttableSocket socket = loginCuttable(unique("ann"));
    Page ann = socket.page();
    String room = unique("ops");
    createRoom(ann, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(ann, "Release checklist");
    send(bob, "first news");
    send(bob, "second news");
    send(bob, "third news");
    assertThat(row(ann, seqOf(ann, "third news"))).isVisible();
    String root = seqOf(bob, "Release checklist");
    act(row(bob, root), "thread");
    Locator box = bob.getByTestId("thread-composer");
    box.fill("step 3 is done");
    box.press("Enter");
    assertThat(ann.getByTestId("threads-badge")).hasText("1");
    openRoom(ann, "general");
    assertThat(roomItem(ann, room).getByTestId("unread-badge")).hasCount(0);

    Page other = ann.context().newPage(); // the same person, not cut
    other.navigate(baseUrl);
    assertConnected(other);
    socket.cut();
    assertThat(ann.getByTestId("connection-state")).hasAttribute("data-state", "reconnecting");

    other.getByTestId("threads-button").click();
    other.getByTestId("threads-item").click();
    assertThat(other.getByTestId("thread-panel")).isVisible();
    assertThat(other.getByTestId("threads-badge")).isHidden();
    other.getByTestId("thread-close").click();
    roomAction(other, "room-options-button");
    other.getByTestId("notify-none").check();
    other.getByTestId("room-options").getByText("Done").click();
    act(row(other, seqOf(other, "second news")), "unread");
    openRoom(other, "general");
    // second and third news, and the reply in my thread
    assertThat(roomItem(other, room).getByTestId("unread-badge")).hasText("3");

    socket.restore();
    assertConnected(ann);
    assertThat(roomItem(ann, room).getByTestId("unread-badge")).hasText("3");
    assertThat(ann.getByTestId("threads-badge")).isHidden();
    openRoom(ann, room);
    roomAction(ann, "room-options-button");
    assertThat(ann.getByTestId("notify-none")).isChecked();
  }
}
