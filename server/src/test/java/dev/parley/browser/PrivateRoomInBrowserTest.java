package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * Private rooms and invites as people use them (issue 18): a room made private in the new-room
 * dialog shows a padlock and is nowhere in another person's directory or search; "Invite people"
 * adds someone found by name, or makes a link that, opened in another browser, asks for a name,
 * joins and shows the room.
 */
class PrivateRoomInBrowserTest extends BrowserTestBase {

  private static void createPrivateRoom(Page page, String room) {
    page.getByTestId("new-room-button").click();
    page.getByTestId("new-room-name").fill(room);
    page.getByTestId("new-room-private").check();
    page.getByTestId("new-room-submit").click();
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
    assertThat(roomItem(page, room).getByTestId("room-lock")).isVisible();
  }

  @org.junit.jupiter.api.Test
  void aPrivateRoomIsAbsentFromAnotherPersonsDirectoryAndSearch() {
    String word = "quokka" + unique("w");
    String room = unique("hush");
    Page owner = login(unique("owner"));
    createPrivateRoom(owner, room);
    send(owner, "classified " + word);

    Page other = login(unique("other"));
    other.getByTestId("browse-button").click();
    other.getByTestId("browse-filter").fill(room);
    assertThat(other.getByTestId("directory-empty")).hasText("No rooms match.");
    other.getByTestId("browse-dialog").getByText("Done").click();
    assertThat(other.getByTestId("browse-dialog")).isHidden();
    other.keyboard().press("Control+k");
    other.getByTestId("search-input").fill(word);
    assertThat(other.getByTestId("search-status")).hasText("No messages found.");
    assertThat(other.getByTestId("search-result")).hasCount(0);
    assertThat(roomItem(other, room)).hasCount(0);
  }

  @org.junit.jupiter.api.Test
  void aRoomMadePrivateWhileListedLeavesTheListWhenSomeoneTriesToJoin() {
    String room = unique("soon-hush");
    Page other = login(unique("other"));
    Page owner = login(unique("owner"));
    createRoom(owner, room, ""); // a live `room` frame puts it in the other's directory
    other.getByTestId("browse-button").click();
    Locator listed = other.locator("[data-testid=directory-item][data-room='" + room + "']");
    assertThat(listed).hasCount(1);

    // made private while the list is open: nothing on the wire tells a non-member, so the list
    // learns it from the join's not_found, exactly what a room that does not exist answers
    owner.getByTestId("room-settings-button").click();
    owner.locator("#room-settings-private").check();
    owner.getByTestId("room-settings-save").click();
    assertThat(roomItem(owner, room).getByTestId("room-lock")).isVisible();
    Screenshots.save(other, "private-made-while-listed-1280");
    listed.getByTestId("join-button").click();
    assertThat(other.getByTestId("browse-error"))
        .hasText("That room no longer exists, or only its members can see it now.");
    assertThat(listed).hasCount(0);
    assertThat(roomItem(other, room)).hasCount(0);
  }

  @org.junit.jupiter.api.Test
  void anInviteLinkOpenedInASecondBrowserJoinsAndShowsTheRoom() {
    String room = unique("crew");
    Page owner = login(unique("owner"));
    createPrivateRoom(owner, room);
    send(owner, "welcome aboard");

    String friend = unique("friend");
    Page invitee = login(friend);
    owner.getByTestId("invite-button").click();
    Locator dialog = owner.getByTestId("invite-dialog");
    assertThat(dialog).isVisible();
    dialog.getByTestId("invite-query").fill(friend);
    dialog.getByTestId("invite-person-button").first().click();
    assertThat(dialog.getByTestId("invite-person-button").first()).hasText("Invited");
    assertThat(roomItem(invitee, room)).isVisible();
    assertThat(roomItem(invitee, room).getByTestId("room-lock")).isVisible();

    dialog.getByTestId("invite-uses").selectOption("5");
    dialog.getByTestId("invite-expiry").selectOption("1440");
    dialog.getByTestId("invite-make-link").click();
    Locator url = dialog.getByTestId("invite-url");
    assertThat(url).hasValue(java.util.regex.Pattern.compile("#join=[A-Z2-9]{16}$"));
    assertThat(dialog.getByTestId("invite-link-item")).hasCount(1);
    assertThat(dialog.getByTestId("invite-link-item")).containsText("5 of 5 uses left");
    Screenshots.save(owner, "invite-dialog-1280");
    String link = url.inputValue();
    String code = link.substring(link.indexOf("#join=") + "#join=".length());

    Page guest = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    guest.navigate(
        baseUrl + "#join=" + code); // the link names --public-url; the test's server is here
    assertThat(guest.getByTestId("login-invited")).containsText("invited to a room");
    guest.getByTestId("login-nick").fill(unique("guest"));
    guest.getByTestId("login-submit").click();
    assertConnected(guest);
    assertThat(roomItem(guest, room)).hasAttribute("aria-current", "page");
    assertThat(guest.getByTestId("room-title")).containsText(room);
    assertThat(confirmedTexts(guest).first()).hasText("welcome aboard");
    org.assertj.core.api.Assertions.assertThat(guest.url()).doesNotContain("join=");

    dialog.getByTestId("invite-revoke").first().click();
    assertThat(dialog.getByTestId("invite-link-item")).hasCount(0);
  }

  @org.junit.jupiter.api.Test
  void theInviteDialogFitsAPhone() {
    Page phone =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 844)
                    .setIsMobile(true)
                    .setHasTouch(true)),
            unique("pocket"));
    String room = unique("pocket");
    phone.getByTestId("rooms-button").click();
    createPrivateRoom(phone, room);
    roomAction(phone, "invite-button");
    Locator dialog = phone.getByTestId("invite-dialog");
    dialog.getByTestId("invite-make-link").click();
    assertThat(dialog.getByTestId("invite-link-item")).hasCount(1);
    assertThat(dialog.getByTestId("invite-url")).isInViewport();
    assertThat(dialog.getByTestId("invite-copy")).isInViewport();
    Screenshots.save(phone, "invite-dialog-390");
  }
}
