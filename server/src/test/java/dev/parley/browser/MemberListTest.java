package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** "2 members" in a room's header opens who they are, with their presence and a direct message. */
class MemberListTest extends BrowserTestBase {

  @Test
  void theMemberCountOpensTheMembersAndADirectMessage() {
    String annNick = unique("ann");
    String bobNick = unique("bob");
    Page ann = login(annNick);
    String room = unique("crew");
    createRoom(ann, room, "");
    Page bob = login(bobNick);
    joinRoom(bob, room);

    Locator count = ann.getByTestId("room-members");
    assertThat(count).hasText("2 members");
    count.click();
    Locator dialog = ann.getByTestId("members-dialog");
    assertThat(dialog).isVisible();
    Locator members = dialog.getByTestId("member-item");
    assertThat(members).hasCount(2);
    Locator bobRow = members.filter(new Locator.FilterOptions().setHasText(bobNick));
    assertThat(bobRow).hasAttribute("data-status", "online");
    assertThat(members.filter(new Locator.FilterOptions().setHasText(annNick))).containsText("you");
    Screenshots.save(ann, "members-1280");

    ann.keyboard().press("Escape");
    assertThat(dialog).isHidden();

    // on a phone too
    ann.setViewportSize(390, 844);
    assertThat(count).isVisible();
    count.click();
    assertThat(members).hasCount(2);
    Screenshots.save(ann, "members-390");
    bobRow.getByTestId("member-message").click();
    assertThat(dialog).isHidden();
    assertThat(ann.getByTestId("room-title")).hasText(bobNick);
    assertThat(ann.getByTestId("composer")).isFocused();
  }
}
