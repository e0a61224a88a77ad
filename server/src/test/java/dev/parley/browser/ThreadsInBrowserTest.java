package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.replyInThread;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static dev.parley.browser.MessageRows.threadTexts;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A thread with its side panel, two people: "Reply in thread" opens the panel with the root; a
 * reply there stays out of the room's flow and the root shows "1 reply" with a face; the other
 * person opens it from the root, answers with "Also send to the room", and that reply shows in the
 * room too. Full screen on a phone.
 */
class ThreadsInBrowserTest extends BrowserTestBase {

  @Test
  void aThreadOpensBesideTheRoomAndItsRepliesStayOutOfTheFlow() {
    String room = unique("threads");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    String bobNick = unique("bob");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    send(alice, "Release notes v2");
    assertThat(confirmedTexts(bob).last()).hasText("Release notes v2");
    String root = seqOf(bob, "Release notes v2");

    act(row(bob, root), "thread");
    Locator panel = bob.getByTestId("thread-panel");
    assertThat(panel).isVisible();
    assertThat(threadTexts(bob).first()).hasText("Release notes v2");
    replyInThread(bob, "typo in line 3", false);
    assertThat(confirmedTexts(bob).last()).hasText("Release notes v2"); // not in the flow

    Locator summary = row(alice, root).getByTestId("thread-summary");
    assertThat(summary).containsText("1 reply");
    assertThat(summary).containsText("last just now");
    assertThat(summary.locator(".avatar")).hasCount(1);
    assertThat(confirmedTexts(alice).last()).hasText("Release notes v2");
    summary.click();
    assertThat(alice.getByTestId("thread-panel")).isVisible();
    assertThat(threadTexts(alice)).hasText(new String[] {"Release notes v2", "typo in line 3"});
    replyInThread(alice, "fixed, thanks", true);
    assertThat(confirmedTexts(alice).last()).hasText("fixed, thanks"); // also in the room
    assertThat(confirmedTexts(bob).last()).hasText("fixed, thanks");
    assertThat(threadTexts(bob).last()).hasText("fixed, thanks"); // bob's panel, live
    assertThat(row(bob, root).getByTestId("thread-summary")).containsText("2 replies");
    assertThat(bob.getByTestId("thread-count")).hasText("2 replies");
    Screenshots.save(alice, "thread-panel-1280");
    Screenshots.save(bob, "thread-panel-bob-1280");

    narrow(alice);
    Locator phonePanel = alice.getByTestId("thread-panel");
    assertThat(phonePanel).isVisible();
    org.assertj.core.api.Assertions.assertThat(phonePanel.boundingBox().width).isEqualTo(390);
    Screenshots.save(alice, "thread-panel-390");
    alice.getByTestId("thread-close").click();
    assertThat(phonePanel).isHidden();
    assertThat(row(alice, root).getByTestId("thread-summary"))
        .hasText(Pattern.compile("2 replies"));
    Screenshots.save(alice, "thread-root-390");

    // The root deleted: its replies stay readable in the thread.
    alice.setViewportSize(1280, 800);
    act(row(alice, root), "delete");
    alice.getByTestId("delete-confirm").click();
    assertThat(row(bob, root)).hasClass(Pattern.compile("deleted"));
    assertThat(bob.getByTestId("thread-root-deleted")).hasText("Original message deleted.");
    assertThat(threadTexts(bob)).hasText(new String[] {"typo in line 3", "fixed, thanks"});
  }

  @Test
  void aSearchResultThatIsAThreadsReplyOpensItsThreadAtIt() throws Exception {
    String room = unique("found");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    send(alice, "Incident review");
    String root = seqOf(alice, "Incident review");
    act(row(alice, root), "thread");
    replyInThread(alice, "the zebracorn pipeline stalled", false);
    alice.getByTestId("thread-close").click();
    assertThat(alice.getByTestId("thread-panel")).isHidden();
    Thread.sleep(1500); // the search index takes a moment

    alice.keyboard().press("Control+k");
    alice.getByTestId("search-input").pressSequentially("zebracorn");
    Locator results = alice.getByTestId("search-result");
    assertThat(results).hasCount(1);
    results.first().click();
    assertThat(alice.getByTestId("thread-panel")).isVisible();
    Locator hit = alice.locator("[data-testid=thread-list] [data-testid=message].search-flash");
    assertThat(hit).hasCount(1);
    assertThat(hit.getByTestId("message-text")).hasText("the zebracorn pipeline stalled");
    Screenshots.save(alice, "thread-search-hit-1280");
  }

  @Test
  void aReplyInAThreadITakePartInCountsAsAMentionAndOthersDoNot() {
    String room = unique("part");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    Page cy = login(unique("cy"));
    joinRoom(cy, room);
    send(alice, "Who reviews the budget?");
    assertThat(confirmedTexts(bob).last()).hasText("Who reviews the budget?");
    String root = seqOf(bob, "Who reviews the budget?");
    act(row(bob, root), "thread");
    replyInThread(bob, "me, tomorrow", false);
    bob.getByTestId("thread-close").click();
    openRoom(bob, "general");
    openRoom(cy, "general");

    // alice answers in the thread only: bob took part, cy did not
    row(alice, root).getByTestId("thread-summary").click();
    replyInThread(alice, "thanks!", false);
    Locator bobsRoom = roomItem(bob, room);
    assertThat(bobsRoom.getByTestId("mention-badge")).hasText("@1");
    assertThat(bobsRoom.getByTestId("unread-badge")).hasText("1");
    assertThat(roomItem(cy, room).getByTestId("unread-badge")).hasCount(0);
    Screenshots.save(bob, "thread-unread-1280");
  }
}
