package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Whatever people type is shown as text: markup in a message or a topic never becomes elements or
 * runs.
 */
class UserTextIsInertTest extends BrowserTestBase {

  private static final String PAYLOAD = "<img src=x onerror=alert(1)>";

  @Test
  void markupInAMessageShowsAsLiteralTextAndRunsNothing() {
    List<String> dialogs = new CopyOnWriteArrayList<>();
    String room = unique("xss");
    Page sender = login(unique("mallory"));
    sender.onDialog(
        d -> {
          dialogs.add(d.message());
          d.dismiss();
        });
    createRoom(sender, room, "<b onmouseover=alert(2)>bold</b>");

    Page reader = login(unique("victim"));
    reader.onDialog(
        d -> {
          dialogs.add(d.message());
          d.dismiss();
        });
    joinRoom(reader, room);

    send(sender, PAYLOAD);

    for (Page page : List.of(sender, reader)) {
      assertThat(confirmedTexts(page).last()).hasText(PAYLOAD);
      assertThat(page.locator("[data-testid=message-list] img")).hasCount(0);
      assertThat(page.getByTestId("room-topic")).hasText("<b onmouseover=alert(2)>bold</b>");
      assertThat(page.locator("[data-testid=room-topic] b")).hasCount(0);
      page.getByTestId("room-topic").hover();
    }
    // Let any queued error or mouseover handler have its turn before checking.
    reader.evaluate("() => new Promise(r => setTimeout(r, 200))");
    assertThat(dialogs).isEmpty();
  }
}
