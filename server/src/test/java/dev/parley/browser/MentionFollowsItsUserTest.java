package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.rowWithText;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A mention belongs to the user it was meant for: ann mentions bob from the {@code @} popup; bob
 * renames himself to rob and a newcomer takes "bob". Ann's old message now shows "@rob" (his card
 * behind it), rob is still the one it highlights, and the newcomer is not mentioned by it.
 */
class MentionFollowsItsUserTest extends BrowserTestBase {

  private static final Pattern MENTIONED = Pattern.compile("\\bmentioned\\b");

  @Test
  void aMentionKeepsReachingThePersonItWasMeantForAfterTheirNameChangesHands() {
    String bobNick = unique("bob");
    Page ann = login(unique("ann"));
    Page bob = login(bobNick);

    // ann picks bob from the popup
    Locator composer = ann.getByTestId("composer");
    composer.fill("lunch? @" + bobNick.substring(0, 3));
    ann.locator("[data-testid=autocomplete-option][data-key]")
        .filter(new Locator.FilterOptions().setHasText(bobNick))
        .first()
        .click();
    composer.press("End");
    composer.pressSequentially("at noon");
    composer.press("Enter");
    assertThat(ann.locator("[data-testid=message-list] [data-pending]")).hasCount(0);

    Locator atBob = rowWithText(bob, "at noon");
    assertThat(atBob).hasClass(MENTIONED);
    assertThat(atBob.locator(".mention.mention-me")).hasText("@" + bobNick);

    String robNick = unique("rob");
    rename(bob, robNick);
    Locator mention = rowWithText(ann, "at noon").getByTestId("mention");
    assertThat(mention).hasText("@" + robNick);
    assertThat(mention).hasAttribute("title", "Written as @" + bobNick);
    assertThat(atBob.locator(".mention.mention-me")).hasText("@" + robNick);
    assertThat(atBob).hasClass(MENTIONED);

    // someone new takes the name bob gave up
    Page newcomer = login(bobNick);
    Locator theirs = rowWithText(newcomer, "at noon");
    assertThat(theirs.getByTestId("mention")).hasText("@" + robNick);
    assertThat(theirs.locator(".mention-me")).hasCount(0);
    assertThat(theirs).not().hasClass(MENTIONED);
    Screenshots.save(newcomer, "mention-follows-user-newcomer-1280");

    // the card behind the mention is rob's
    mention.click();
    assertThat(ann.getByTestId("user-card-nick")).hasText(robNick);
    ann.keyboard().press("Escape");
    Screenshots.save(ann, "mention-follows-user-1280");
    narrow(ann);
    assertThat(mention).hasText("@" + robNick);
    Screenshots.save(ann, "mention-follows-user-390");

    // after a reload, rob still sees the mention as his and the newcomer does not
    bob.reload();
    assertConnected(bob);
    assertThat(rowWithText(bob, "at noon")).hasClass(MENTIONED);
    newcomer.reload();
    assertConnected(newcomer);
    assertThat(rowWithText(newcomer, "at noon").locator(".mention-me")).hasCount(0);
    assertThat(rowWithText(newcomer, "at noon")).not().hasClass(MENTIONED);
  }
}
