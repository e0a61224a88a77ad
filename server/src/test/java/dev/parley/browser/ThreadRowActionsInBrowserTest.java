package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.quickReaction;
import static dev.parley.browser.MessageRows.replyInThread;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rows of a thread's panel offer what the room's rows do: react, edit, save, delete (and pin,
 * mark unread, reply), from the toolbar on hover; what one does there reaches the other person.
 */
class ThreadRowActionsInBrowserTest extends BrowserTestBase {

  static Locator threadRow(Page page, String text) {
    return page.locator(
        "[data-testid=thread-list] [data-testid=message][data-seq]",
        new Page.LocatorOptions().setHasText(text));
  }

  @Test
  void aThreadsRowsReactEditSaveAndDeleteLikeTheRooms() {
    String room = unique("rows");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(alice, "Deploy at five?");
    assertThat(confirmedTexts(bob).last()).hasText("Deploy at five?");
    String root = seqOf(alice, "Deploy at five?");
    act(row(alice, root), "thread");
    replyInThread(alice, "after the tests pass");
    replyInThread(alice, "a typo here");
    row(bob, root).getByTestId("thread-summary").click();
    assertThat(threadRow(bob, "a typo here")).hasCount(1);

    // bob reacts to alice's reply in the thread
    Locator reply = threadRow(bob, "after the tests pass");
    act(reply, "react");
    quickReaction(bob, "👍").click();
    assertThat(chip(threadRow(alice, "after the tests pass"), "👍")).hasText("👍 1");
    Screenshots.save(bob, "thread-row-reacted-1280");

    // alice edits her reply in the thread
    act(threadRow(alice, "a typo here"), "edit");
    Locator editor = alice.locator("[data-testid=thread-list] [data-testid=message-editor]");
    editor.fill("no typo here");
    editor.press("Enter");
    assertThat(threadRow(bob, "no typo here")).hasCount(1);
    assertThat(threadRow(bob, "no typo here").getByTestId("message-edited")).hasText("(edited)");

    // bob saves a reply from the thread: it is in his saved messages
    act(threadRow(bob, "after the tests pass"), "save");
    bob.getByTestId("saved-button").click();
    assertThat(bob.getByTestId("saved-item")).hasText(Pattern.compile("after the tests pass"));
    bob.keyboard().press("Escape");

    // alice deletes one of her replies from the thread
    act(threadRow(alice, "no typo here"), "delete");
    alice.locator("dialog[open] [data-testid=delete-confirm]").click();
    assertThat(threadRow(bob, "no typo here")).hasCount(0);
    assertThat(threadRow(alice, "after the tests pass")).hasCount(1);
    Screenshots.save(alice, "thread-row-deleted-1280");
  }
}
