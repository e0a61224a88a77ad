package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A group conversation of three, started by picking two people in the user list: it opens at once
 * for the one who picked, named for the others; each member sees it under "Direct messages" with
 * stacked faces and everyone's messages; someone outside sees no trace of it.
 */
class GroupConversationInBrowserTest extends BrowserTestBase {

  private static Locator dmItems(Page page) {
    return page.locator("[data-testid=dm-list] [data-testid=room-item]");
  }

  private static Locator pick(Page page, String nick) {
    return page.getByRole(
        AriaRole.CHECKBOX,
        new Page.GetByRoleOptions().setName("Add " + nick + " to the group").setExact(true));
  }

  @Test
  void threePeopleTalkInOneConversationThatNobodyElseSees() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    String carolNick = unique("carol");
    String danNick = unique("dan");
    Page alice = login(aliceNick);
    Page bob = login(bobNick);
    Page carol = login(carolNick);
    Page dan = login(danNick);
    assertThat(alice.locator("[data-testid=user-list] [data-testid=user-item]")).hasCount(4);

    alice.getByTestId("group-button").click();
    assertThat(alice.getByTestId("group-button")).hasAttribute("aria-pressed", "true");
    assertThat(alice.getByTestId("group-hint")).hasText("Pick up to 7 people");
    assertThat(alice.getByTestId("group-start")).isDisabled();
    assertThat(alice.getByTestId("user-message")).hasCount(0);
    pick(alice, bobNick).click();
    assertThat(pick(alice, bobNick)).isChecked();
    pick(alice, carolNick).click();
    assertThat(pick(alice, carolNick)).isChecked();
    assertThat(alice.getByTestId("group-start")).hasText("Message 2 people");
    assertThat(alice.getByTestId("group-hint")).hasText("2 picked · up to 7");
    Screenshots.save(alice, "group-picking-1280");
    alice.getByTestId("group-start").click();

    assertThat(alice.getByTestId("group-bar")).isHidden();
    assertThat(alice.getByTestId("composer")).isFocused();
    String title = bobNick + " and " + carolNick;
    assertThat(alice.getByTestId("room-title")).hasText(title);
    assertThat(alice.getByTestId("room-topic")).hasText("3 people · group conversation");
    assertThat(alice.getByTestId("leave-button")).isHidden();
    String hello = unique("plans for friday ");
    send(alice, hello);
    assertThat(dmItems(alice)).hasCount(1);
    assertThat(dmItems(alice).first().getByTestId("room-label")).hasText(title);
    assertThat(dmItems(alice).first().locator(".avatar-stack .avatar")).hasCount(2);

    for (Page member : new Page[] {bob, carol}) {
      assertThat(dmItems(member)).hasCount(1);
      Locator group = dmItems(member).first();
      assertThat(group.getByTestId("room-label")).containsText(aliceNick);
      assertThat(group.getByTestId("unread-badge")).hasText("1");
      group.click();
      assertThat(confirmedTexts(member).first()).hasText(hello);
    }
    assertThat(dmItems(bob).first().getByTestId("room-label"))
        .hasText(aliceNick + " and " + carolNick);
    send(bob, "pizza from bob");
    send(carol, "sushi from carol");
    for (Page member : new Page[] {alice, bob, carol}) {
      assertThat(confirmedTexts(member))
          .hasText(new String[] {hello, "pizza from bob", "sushi from carol"});
    }
    Screenshots.save(alice, "group-conversation-1280");

    // After a reload the conversation comes back from welcome, named for the others.
    carol.reload();
    assertConnected(carol);
    assertThat(dmItems(carol).first().getByTestId("room-label"))
        .hasText(aliceNick + " and " + bobNick);

    send(dan, "anyone around?");
    assertThat(dmItems(dan)).hasCount(0);
    assertThat(dan.locator("body")).not().containsText(hello);
    assertThat(dan.locator("body")).not().containsText("pizza from bob");
    for (Page page : new Page[] {alice, bob, carol, dan}) {
      assertThat(page.locator("body").innerText()).doesNotContain("dm:");
      assertThat(page.title()).doesNotContain("dm:");
    }
  }

  @Test
  void onAPhoneThePeopleArePickedInTheUserDrawer() {
    String annNick = unique("ann");
    String benNick = unique("ben");
    String cyNick = unique("cy");
    Page ann =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 844)
                    .setIsMobile(true)
                    .setHasTouch(true)),
            annNick);
    Page ben = login(benNick);
    login(cyNick);

    ann.getByTestId("users-button").click();
    assertThat(ann.getByTestId("users-panel")).isVisible();
    ann.getByTestId("group-button").click();
    pick(ann, benNick).click();
    assertThat(pick(ann, benNick)).isChecked();
    pick(ann, cyNick).click();
    assertThat(pick(ann, cyNick)).isChecked();
    assertThat(ann.getByTestId("group-start")).isInViewport();
    Screenshots.save(ann, "group-picking-390");
    ann.getByTestId("group-start").click();
    assertThat(ann.getByTestId("users-panel")).isHidden();
    assertThat(ann.getByTestId("room-title")).hasText(benNick + " and " + cyNick);
    send(ann, "hello both");
    assertThat(dmItems(ben).first().getByTestId("unread-badge")).hasText("1");
    Screenshots.save(ann, "group-conversation-390");
    ann.getByTestId("rooms-button").click();
    assertThat(ann.getByTestId("rooms-panel")).isInViewport();
    assertThat(dmItems(ann).first().locator(".avatar-stack .avatar")).hasCount(2);
    ann.waitForTimeout(400); // the drawer's slide
    Screenshots.save(ann, "group-list-390");
    Object overflow =
        ann.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertThat(overflow).isEqualTo(false);
    assertThat(ann.title()).doesNotMatch(Pattern.compile(".*dm:.*"));
  }
}
