package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.rowWithText;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A name on screen belongs to one user id: when bob renames himself, alice sees his older messages
 * under his new name (the old one in the name's tooltip), after he has gone offline and after a
 * reload too, in search results as well, and the newcomer who takes the nick he gave up is never
 * shown as their author.
 */
class RenamedAuthorTest extends BrowserTestBase {

  @Test
  void aRenamedUsersOldMessagesShowWhoTheyAreNow() {
    String bobNick = unique("bob");
    Page alice = login(unique("alice"));
    Page bob = login(bobNick);
    send(bob, "lunch at noon?");
    send(alice, "sure");
    Locator nick = rowWithText(alice, "lunch at noon?").getByTestId("message-nick");
    assertThat(nick).hasText(bobNick);

    String robNick = unique("rob");
    rename(bob, robNick);
    assertThat(nick).hasText(robNick);
    assertThat(nick).hasAttribute("title", "Sent as " + bobNick);
    assertThat(rowWithText(bob, "lunch at noon?").getByTestId("message-nick")).hasText(robNick);
    Screenshots.save(alice, "renamed-author-1280");
    narrow(alice);
    assertThat(nick).hasText(robNick);
    Screenshots.save(alice, "renamed-author-390");
    alice.setViewportSize(1280, 800);

    // The card behind the name is his, under the name he has now.
    nick.click();
    assertThat(alice.getByTestId("user-card-nick")).hasText(robNick);
    alice.keyboard().press("Escape");

    // He leaves; someone else takes the nick he gave up and speaks.
    bob.context().close();
    Page newcomer = login(bobNick);
    send(newcomer, "hi, I am new here");
    assertThat(rowWithText(alice, "hi, I am new here").getByTestId("message-nick"))
        .hasText(bobNick);
    assertThat(nick).hasText(robNick);

    // A reload learns it again from the server: his old message is still rob's.
    alice.reload();
    assertConnected(alice);
    assertThat(rowWithText(alice, "lunch at noon?").getByTestId("message-nick")).hasText(robNick);
    assertThat(rowWithText(alice, "hi, I am new here").getByTestId("message-nick"))
        .hasText(bobNick);

    // Search finds his old message under his name now.
    alice.getByTestId("search-input").fill("lunch at noon");
    Locator hit = alice.getByTestId("search-result").first();
    assertThat(hit.getByTestId("search-result-nick")).hasText(robNick);
  }
}
