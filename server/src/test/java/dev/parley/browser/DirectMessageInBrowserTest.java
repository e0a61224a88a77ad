package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The composer's `@` popup (an ARIA combobox) opens a direct conversation; the other person sees it
 * appear under "Direct messages" with an unread badge, reads and replies; a third user sees no
 * trace of it; nobody ever sees a raw `dm:` id.
 */
class DirectMessageInBrowserTest extends BrowserTestBase {

  private static Locator dmItems(Page page) {
    return page.locator("[data-testid=dm-list] [data-testid=room-item]");
  }

  private static Locator options(Page page) {
    return page.getByRole(AriaRole.LISTBOX).getByRole(AriaRole.OPTION);
  }

  @Test
  void thePopupOpensADirectConversationThatOnlyTheTwoOfThemSee() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    String carolNick = unique("carol");
    Page alice = login(aliceNick);
    Page bob = login(bobNick);
    Page carol = login(carolNick);

    Locator composer = alice.getByTestId("composer");
    assertThat(composer).hasAttribute("role", "combobox");
    assertThat(composer).hasAttribute("aria-autocomplete", "list");
    assertThat(composer).hasAttribute("aria-expanded", "false");

    composer.click();
    composer.pressSequentially("@");
    assertThat(composer).hasAttribute("aria-expanded", "true");
    Locator listbox = alice.getByRole(AriaRole.LISTBOX);
    assertThat(composer).hasAttribute("aria-controls", listbox.getAttribute("id"));
    // Online people first, by nick, never me: bob and carol; then anyone offline who shares a room.
    assertThat(options(alice).nth(1)).isVisible();
    assertThat(options(alice).nth(0)).containsText(bobNick);
    assertThat(options(alice).nth(1)).containsText(carolNick);
    for (int i = 2; i < options(alice).count(); i++)
      assertThat(options(alice).nth(i)).containsText("Offline");
    assertThat(options(alice).filter(new Locator.FilterOptions().setHasText(aliceNick)))
        .hasCount(0);
    assertThat(composer)
        .hasAttribute("aria-activedescendant", options(alice).nth(0).getAttribute("id"));
    assertThat(options(alice).nth(0)).hasAttribute("aria-selected", "true");
    composer.press("ArrowDown");
    assertThat(composer)
        .hasAttribute("aria-activedescendant", options(alice).nth(1).getAttribute("id"));
    assertThat(options(alice).nth(1)).hasAttribute("aria-selected", "true");
    assertThat(options(alice).nth(0)).hasAttribute("aria-selected", "false");

    composer.pressSequentially("bo");
    assertThat(options(alice).first()).containsText(bobNick);
    assertThat(options(alice).filter(new Locator.FilterOptions().setHasText(carolNick)))
        .hasCount(0);
    composer.pressSequentially(bobNick.substring(2));
    assertThat(options(alice)).hasCount(1);
    Locator bobOption = options(alice).first();
    assertThat(bobOption).containsText(bobNick);
    assertThat(bobOption).containsText("Online");
    assertThat(alice.getByTestId("autocomplete-hint"))
        .containsText("Shift+Enter: Message privately");
    bobOption.getByTestId("autocomplete-action").click();

    // The conversation opens here at once, headed by bob, with the "@bo" taken out of the box.
    assertThat(composer).hasAttribute("aria-expanded", "false");
    assertThat(composer).hasValue("");
    assertThat(alice.getByTestId("room-title")).hasText(bobNick);
    assertThat(alice.getByTestId("leave-button")).isHidden();
    String secret = unique("just between us ");
    send(alice, secret);
    assertThat(dmItems(alice)).hasCount(1);
    assertThat(dmItems(alice).first().getByTestId("room-label")).hasText(bobNick);
    assertThat(alice.getByTestId("dm-heading")).hasText("Direct messages");

    // Bob: a new entry under "Direct messages", with alice's name and an unread badge.
    assertThat(bob.getByTestId("dm-heading")).isVisible();
    assertThat(dmItems(bob)).hasCount(1);
    Locator fromAlice = dmItems(bob).first();
    assertThat(fromAlice.getByTestId("room-label")).hasText(aliceNick);
    assertThat(fromAlice.getByTestId("unread-badge")).hasText("1");
    assertThat(fromAlice).hasAttribute("data-status", "online");
    assertThat(bob).hasTitle(Pattern.compile("^\\(1\\) "));
    fromAlice.click();
    assertThat(fromAlice).hasAttribute("aria-current", "page");
    assertThat(bob.getByTestId("room-title")).hasText(aliceNick);
    assertThat(bob.getByTestId("room-topic")).hasText("Online · direct message");
    assertThat(confirmedTexts(bob)).hasText(new String[] {secret});
    assertThat(fromAlice.getByTestId("unread-badge")).hasCount(0);
    send(bob, "got it");
    assertThat(confirmedTexts(alice)).hasText(new String[] {secret, "got it"});

    // After a reload the conversation comes back from welcome, still named for the person.
    bob.reload();
    assertConnected(bob);
    assertThat(dmItems(bob).first().getByTestId("room-label")).hasText(aliceNick);

    // Carol sees no trace of it: no entry, no heading, no text.
    send(carol, "anyone around?");
    assertThat(confirmedTexts(alice).last()).hasText("got it");
    assertThat(dmItems(carol)).hasCount(0);
    assertThat(carol.getByTestId("dm-heading")).isHidden();
    assertThat(carol.locator("body")).not().containsText(secret);
    assertThat(carol.locator("body")).not().containsText("got it");

    // Nobody is ever shown a raw dm: id.
    for (Page page : new Page[] {alice, bob, carol}) {
      assertThat(page.locator("body").innerText()).doesNotContain("dm:");
      assertThat(page.title()).doesNotContain("dm:");
    }
  }

  @Test
  void theKeyboardPicksAMentionAndEscapeLetsEnterSend() {
    String bobNick = unique("bob");
    Page alice = login(unique("alice"));
    login(bobNick);

    Locator composer = alice.getByTestId("composer");
    composer.click();
    composer.pressSequentially("hi @" + bobNick.substring(0, 2));
    assertThat(options(alice).first()).containsText(bobNick);
    composer.press("Tab");
    assertThat(composer).hasValue("hi @" + bobNick + " ");
    assertThat(composer).hasAttribute("aria-expanded", "false");
    assertThat(composer).isFocused();

    // Typing on after a pick does not reopen the popup; Enter sends.
    composer.pressSequentially("welcome");
    assertThat(composer).hasAttribute("aria-expanded", "false");
    composer.press("Enter");
    assertThat(confirmedTexts(alice).last()).hasText("hi @" + bobNick + " welcome");

    // Escape closes the popup, and then Enter sends the text as typed.
    composer.pressSequentially("mail me @" + bobNick.substring(0, 2));
    assertThat(composer).hasAttribute("aria-expanded", "true");
    composer.press("Escape");
    assertThat(composer).hasAttribute("aria-expanded", "false");
    composer.press("Enter");
    assertThat(confirmedTexts(alice).last()).hasText("mail me @" + bobNick.substring(0, 2));

    // Shift+Enter on an option is "Message privately".
    composer.pressSequentially("@" + bobNick);
    assertThat(options(alice)).hasCount(1);
    composer.press("Shift+Enter");
    assertThat(alice.getByTestId("room-title")).hasText(bobNick);
    assertThat(composer).hasValue("");
  }

  @Test
  void theAuthorsCardAndThePeopleListOfferMessagePrivately() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    Page alice = login(aliceNick);
    Page bob = login(bobNick);
    send(bob, "ask me anything");

    // A message author's name opens their card.
    Locator author =
        alice
            .locator(
                "[data-testid=message][data-seq]",
                new Page.LocatorOptions().setHasText("ask me anything"))
            .getByTestId("message-nick");
    author.click();
    Locator card = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(bobNick));
    assertThat(card).isVisible();
    assertThat(card.getByTestId("user-card-status")).hasText("Online");
    assertThat(card.getByTestId("message-privately")).isFocused();
    alice.keyboard().press("Escape");
    assertThat(card).isHidden();
    assertThat(author).isFocused();
    author.click();
    card.getByTestId("message-privately").click();
    assertThat(card).isHidden();
    assertThat(alice.getByTestId("room-title")).hasText(bobNick);
    assertThat(alice.getByTestId("composer")).isFocused();
    send(alice, "card works");
    assertThat(dmItems(bob).first().getByTestId("unread-badge")).hasText("1");

    // The people list has the same button; an existing conversation is reopened, not duplicated.
    openRoom(bob, "general");
    bob.locator("[data-testid=user-item][data-user-id] [data-testid=user-message]").first().click();
    assertThat(bob.getByTestId("room-title")).hasText(aliceNick);
    assertThat(dmItems(bob)).hasCount(1);
    assertThat(confirmedTexts(bob)).hasText(new String[] {"card works"});
    // My own entry has no button.
    assertThat(
            bob.locator("[data-testid=user-item]", new Page.LocatorOptions().setHasText(bobNick))
                .getByTestId("user-message"))
        .hasCount(0);

    // Presence follows the other person: offline once alice has gone.
    alice.context().close();
    assertThat(dmItems(bob).first()).hasAttribute("data-status", "offline");
    assertThat(bob.getByTestId("room-topic")).hasText("Offline · direct message");
  }
}
