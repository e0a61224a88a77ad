package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Save for later" on a message puts it in "Saved messages", the same in another tab (another
 * device's view of the same account); clicking it there opens the message in its room, in context,
 * from another room; Remove takes it out everywhere.
 */
class SavedMessagesInBrowserTest extends BrowserTestBase {

  @Test
  void aSavedMessageIsListedOnEveryTabAndOpensInItsRoom() {
    Page ann = login(unique("ann"));
    String room = unique("ops");
    createRoom(ann, room, "");
    send(ann, "the runbook lives at /wiki/runbook");
    String seq = seqOf(ann, "the runbook lives at /wiki/runbook");
    for (int i = 0; i < 35; i++) send(ann, "noise " + i);

    act(row(ann, seq), "save");
    Page tab = ann.context().newPage();
    tab.navigate(baseUrl);
    assertConnected(tab);
    openRoom(tab, "general");
    tab.getByTestId("saved-button").click();
    assertThat(tab.getByTestId("saved-item"))
        .hasText(Pattern.compile("#" + room + ".*the runbook lives at /wiki/runbook"));
    Screenshots.save(tab, "saved-list-1280");
    tab.getByTestId("saved-item").click();
    assertThat(tab.getByTestId("saved-dialog")).isHidden();
    assertThat(tab.getByTestId("room-title")).hasText("#" + room);
    assertThat(row(tab, seq)).isInViewport();
    assertThat(row(tab, seq)).hasClass(Pattern.compile("search-flash"));

    // the toolbar now offers to remove it, on both tabs
    row(ann, seq).hover();
    assertThat(row(ann, seq).getByTestId("action-unsave")).isVisible();

    narrow(tab);
    tab.getByTestId("rooms-button").click();
    tab.getByTestId("saved-button").click();
    Screenshots.save(tab, "saved-list-390");
    tab.getByTestId("saved-item-remove").click();
    assertThat(tab.getByTestId("saved-list")).hasText(Pattern.compile("Nothing saved yet"));
    ann.getByTestId("saved-button").click();
    assertThat(ann.getByTestId("saved-list")).hasText(Pattern.compile("Nothing saved yet"));
  }

  @Test
  void onAPhoneTheActionSheetSavesAndPins() {
    Page ann = login(unique("ann"));
    String room = unique("phone");
    createRoom(ann, room, "");
    send(ann, "keep me");
    String seq = seqOf(ann, "keep me");
    narrow(ann);
    act(row(ann, seq), "more");
    Screenshots.save(ann, "action-sheet-marks-390");
    ann.getByTestId("sheet-save").click();
    act(row(ann, seq), "more");
    ann.getByTestId("sheet-pin").click();
    assertThat(ann.getByTestId("pins-button")).hasText("Pinned · 1");
    ann.getByTestId("rooms-button").click();
    ann.getByTestId("saved-button").click();
    assertThat(ann.getByTestId("saved-item")).hasText(Pattern.compile("keep me"));
  }
}
