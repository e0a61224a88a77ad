package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The author edits and deletes from the message's toolbar and the other member sees both at once;
 * nobody else is offered either, and a deleted message keeps its place, with nothing to do.
 */
class EditDeleteLiveTest extends BrowserTestBase {

  @Test
  void anEditAndADeleteAreSeenLiveAndOnlyTheAuthorMayDoThem() {
    String room = unique("edits");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(alice, "frist post");
    send(alice, "something regrettable");
    send(bob, "hi alice");
    String first = seqOf(alice, "frist post");
    String second = seqOf(alice, "something regrettable");
    assertThat(confirmedTexts(bob))
        .hasText(new String[] {"frist post", "something regrettable", "hi alice"});

    // Bob may react to or copy Alice's message, not change it.
    Locator hers = row(bob, first);
    hers.hover();
    assertThat(hers.getByTestId("message-actions")).isVisible();
    assertThat(hers.getByTestId("action-react")).isVisible();
    assertThat(hers.getByTestId("action-copy")).isVisible();
    assertThat(hers.getByTestId("action-edit")).hasCount(0);
    assertThat(hers.getByTestId("action-delete")).hasCount(0);

    act(row(alice, first), "edit");
    Locator editor = alice.getByTestId("message-editor");
    assertThat(editor).isFocused();
    assertThat(editor).hasValue("frist post");
    editor.fill("first post");
    editor.press("Enter");
    assertThat(editor).hasCount(0);
    assertThat(row(alice, first).getByTestId("message-text")).hasText("first post");

    assertThat(row(bob, first).getByTestId("message-text")).hasText("first post");
    Locator mark = row(bob, first).getByTestId("message-edited");
    assertThat(mark).hasText("(edited)");
    assertThat(mark).hasAttribute("title", Pattern.compile("^Edited .+"));

    act(row(alice, second), "delete");
    Locator dialog = alice.getByTestId("delete-dialog");
    assertThat(dialog).isVisible();
    assertThat(dialog).containsText("something regrettable");
    alice.getByTestId("delete-confirm").click();
    assertThat(dialog).isHidden();

    String[] after = {"first post", "This message was deleted.", "hi alice"};
    assertThat(confirmedTexts(bob)).hasText(after);
    assertThat(confirmedTexts(alice)).hasText(after);

    // A deleted message offers nothing, not even to its author.
    for (Page page : new Page[] {alice, bob}) {
      Locator gone = row(page, second);
      gone.hover();
      assertThat(gone.getByTestId("message-actions")).hasCount(0);
      assertThat(gone.getByTestId("reaction-add")).hasCount(0);
    }
  }

  @Test
  void arrowUpEditsMyLastMessageEscapeCancelsAndAFailedSaveKeepsTheEditor() {
    String room = unique("arrows");
    CuttableSocket socket = loginCuttable(unique("alice"));
    Page alice = socket.page();
    createRoom(alice, room, "");
    send(alice, "one");
    send(alice, "two");
    String two = seqOf(alice, "two");

    // From the keyboard: Up walks the messages, Tab reaches the toolbar, Escape goes back.
    Locator list = alice.getByTestId("message-list");
    list.focus();
    list.press("ArrowUp");
    assertThat(row(alice, two)).isFocused();
    assertThat(row(alice, two).getByTestId("message-actions")).isVisible();
    alice.keyboard().press("Tab");
    assertThat(row(alice, two).getByTestId("action-react")).isFocused();
    alice.keyboard().press("Tab");
    assertThat(row(alice, two).getByTestId("action-reply")).isFocused();
    alice.keyboard().press("Tab");
    assertThat(row(alice, two).getByTestId("action-thread")).isFocused();
    alice.keyboard().press("Tab");
    assertThat(row(alice, two).getByTestId("action-edit")).isFocused();
    alice.keyboard().press("Escape");
    assertThat(row(alice, two)).isFocused();
    alice.keyboard().press("ArrowUp");
    assertThat(row(alice, seqOf(alice, "one"))).isFocused();

    Locator composer = alice.getByTestId("composer");
    composer.focus();
    composer.press("ArrowUp");
    Locator editor = row(alice, two).getByTestId("message-editor");
    assertThat(editor).isFocused();
    assertThat(editor).hasValue("two");
    editor.fill("changed my mind");
    editor.press("Escape");
    assertThat(alice.getByTestId("message-editor")).hasCount(0);
    assertThat(composer).isFocused();
    assertThat(row(alice, two).getByTestId("message-text")).hasText("two");

    // Saving without a connection fails visibly, and what was typed stays.
    composer.press("ArrowUp");
    editor.fill("two, and a half");
    editor.press("Shift+Enter");
    editor.pressSequentially("lines");
    socket.cut();
    assertThat(alice.getByTestId("connection-state")).hasAttribute("data-state", "reconnecting");
    editor.press("Enter");
    assertThat(row(alice, two).getByTestId("edit-error")).containsText("Not saved");
    assertThat(editor).hasValue("two, and a half\nlines");

    socket.restore();
    alice.getByTestId("connection-state").click();
    assertConnected(alice);
    editor.press("Enter");
    assertThat(alice.getByTestId("message-editor")).hasCount(0);
    assertEditedToTwoLines(row(alice, two));
    assertThat(row(alice, two).getByTestId("message-edited")).isVisible();

    // Emptying a message and saving asks whether to delete it.
    composer.press("ArrowUp");
    editor.fill("");
    editor.press("Enter");
    assertThat(alice.getByTestId("delete-dialog")).isVisible();
    alice.getByTestId("delete-dialog").getByText("Cancel").click();
    assertThat(alice.getByTestId("delete-dialog")).isHidden();
    assertEditedToTwoLines(row(alice, two));
  }

  /** The text Shift+Enter broke into two lines (a single newline renders as a line break). */
  private static void assertEditedToTwoLines(Locator row) {
    Locator text = row.getByTestId("message-text");
    assertThat(text).hasText("two, and a halflines");
    assertThat(text.locator("br")).hasCount(1);
  }
}
