package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "@nick" is highlighted for everyone and strongly for the person named; a mention counts apart in
 * the room's badge ("1 unread, 1 mention"), survives a reload, and shows on the tab's title.
 */
class MentionTest extends BrowserTestBase {

  @Test
  void aMentionIsCountedApartAndHighlightedForThePersonNamed() {
    String side = unique("side");
    String aliceNick = unique("alice");
    Page alice = login(aliceNick);
    createRoom(alice, side, "Elsewhere");
    Page bob = login(unique("bob"));
    Page carol = login(unique("carol"));

    send(bob, "just chatting");
    String text = "hey @" + aliceNick + " look at this";
    send(bob, text);

    Locator general = roomItem(alice, "general");
    assertThat(general.getByTestId("unread-badge")).hasText("2");
    assertThat(general.getByTestId("mention-badge")).hasText("@1");
    assertThat(general).hasAccessibleName(Pattern.compile("general\\s*, 2 unread, 1 mention$"));
    assertThat(alice).hasTitle(Pattern.compile("^\\(2\\) "));
    assertThat(alice.locator("link[rel=icon]")).hasAttribute("data-badge", "2");
    assertThat(alice.locator("link[rel=icon]"))
        .hasAttribute("href", Pattern.compile("^data:image/png;base64,"));

    // Counted again from the unread page after a reload.
    alice.reload();
    assertConnected(alice);
    assertThat(general.getByTestId("unread-badge")).hasText("2");
    assertThat(general.getByTestId("mention-badge")).hasText("@1");

    openRoom(alice, "general");
    Locator mentionRow =
        alice.locator(
            "[data-testid=message][data-seq]",
            new Page.LocatorOptions().setHasText("look at this"));
    assertThat(mentionRow).hasClass(Pattern.compile("\\bmentioned\\b"));
    assertThat(mentionRow.locator(".mention.mention-me")).hasText("@" + aliceNick);
    assertThat(
            alice.locator(
                "[data-testid=message][data-seq]",
                new Page.LocatorOptions().setHasText("just chatting")))
        .not()
        .hasClass(Pattern.compile("\\bmentioned\\b"));
    assertThat(general.getByTestId("unread-badge")).hasCount(0);
    assertThat(general.getByTestId("mention-badge")).hasCount(0);
    assertThat(alice).hasTitle(Pattern.compile("^[^(]"));
    assertThat(alice.locator("link[rel=icon]"))
        .hasAttribute("href", Pattern.compile("^/(v/[0-9a-f]+/)?favicon\\.svg$"));

    // For someone else it is a mention, not theirs: highlighted, but not strongly, and the row is
    // plain.
    Locator carolRow =
        carol.locator(
            "[data-testid=message][data-seq]",
            new Page.LocatorOptions().setHasText("look at this"));
    assertThat(carolRow.locator(".mention")).hasText("@" + aliceNick);
    assertThat(carolRow.locator(".mention-me")).hasCount(0);
    assertThat(carolRow).not().hasClass(Pattern.compile("\\bmentioned\\b"));
    assertThat(roomItem(carol, "general").getByTestId("mention-badge")).hasCount(0);
  }
}
