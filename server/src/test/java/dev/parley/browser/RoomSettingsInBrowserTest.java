package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.react;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.domain.Protection;
import org.junit.jupiter.api.Test;

/**
 * The room's owner changes its topic, privacy and read-only flag in "Room settings" from the room
 * header; members see the change live (a read-only room offers them no composer, only a line saying
 * why, and they still react); "Moderation history" lists the change, and an administrator sees
 * every room's from Settings.
 */
class RoomSettingsInBrowserTest extends BrowserTestBase {

  private static final String THUMBS_UP = "👍";

  private static void saveSettings(Page owner, Runnable change) {
    owner.getByTestId("room-settings-button").click();
    assertThat(owner.getByTestId("room-settings-dialog")).isVisible();
    change.run();
    owner.getByTestId("room-settings-save").click();
    assertThat(owner.getByTestId("room-settings-dialog")).isHidden();
  }

  @Test
  void aReadOnlyRoomOffersAMemberNoComposerButReactionsAndTheComposerReturnsWhenLifted() {
    Page ann = login(unique("ann"));
    String room = unique("news");
    createRoom(ann, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(ann, "release on Friday");
    String seq = seqOf(ann, "release on Friday");
    assertThat(bob.getByTestId("room-settings-button")).isHidden();
    assertThat(bob.getByTestId("audit-button")).isHidden();
    assertThat(bob.getByTestId("composer")).isVisible();

    saveSettings(
        ann,
        () -> {
          ann.getByTestId("room-settings-topic").fill("Announcements");
          ann.getByTestId("room-settings-readonly").check();
          Screenshots.save(ann, "room-settings-1280");
        });
    assertThat(ann.getByTestId("room-topic")).hasText("Announcements");
    assertThat(bob.getByTestId("room-topic")).hasText("Announcements");
    assertThat(bob.getByTestId("composer")).isHidden();
    assertThat(bob.getByTestId("composer-readonly")).hasText("Only moderators post in this room");
    assertThat(ann.getByTestId("composer")).isVisible();
    assertThat(ann.getByTestId("composer-readonly")).isHidden();
    send(ann, "from the owner");

    react(row(bob, seq), THUMBS_UP);
    assertThat(chip(row(ann, seq), THUMBS_UP)).hasText(THUMBS_UP + " 1");
    Screenshots.save(bob, "read-only-room-1280");
    narrow(bob);
    Screenshots.save(bob, "read-only-room-390");

    bob.reload();
    assertConnected(bob);
    assertThat(bob.getByTestId("composer-readonly")).isVisible();

    saveSettings(ann, () -> ann.getByTestId("room-settings-readonly").uncheck());
    assertThat(bob.getByTestId("composer-readonly")).isHidden();
    send(bob, "open again");
  }

  /**
   * Sends one frame as the page's user over a socket of its own (the member list's menu is not part
   * of this).
   */
  private static void sendAs(Page page, String frameJson) {
    page.evaluate(
        "(frame) => new Promise((resolve, reject) => {"
            + " const ws = new WebSocket(`ws://${location.host}/ws`);"
            + " ws.onopen = () => ws.send(JSON.stringify({type: 'hello', token: localStorage.getItem('parley.token'), ref: 'h'}));"
            + " ws.onmessage = (e) => { const f = JSON.parse(e.data);"
            + "   if (f.type === 'welcome') ws.send(JSON.stringify({...JSON.parse(frame), ref: 'x'}));"
            + "   else if (f.ref === 'x') { ws.close(); f.type === 'ok' ? resolve() : reject(new Error(e.data)); } };"
            + " ws.onerror = () => reject(new Error('socket')); })",
        frameJson);
  }

  private static String userId(Page page) {
    return (String) page.evaluate("() => JSON.parse(localStorage.getItem('parley.user')).id");
  }

  @Test
  void aMemberMadeModeratorInAReadOnlyRoomGetsTheComposerBackLive() {
    Page ann = login(unique("ann"));
    String room = unique("board");
    createRoom(ann, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    saveSettings(ann, () -> ann.getByTestId("room-settings-readonly").check());
    assertThat(bob.getByTestId("composer-readonly")).isVisible();

    sendAs(
        ann,
        "{\"type\": \"role\", \"room\": \""
            + room
            + "\", \"user\": \""
            + userId(bob)
            + "\", \"role\": \"moderator\"}");
    assertThat(bob.getByTestId("composer-readonly")).isHidden();
    assertThat(bob.getByTestId("audit-button")).isVisible();
    assertThat(bob.getByTestId("room-settings-button")).isHidden();
    send(bob, "a moderator posts");
  }

  @Test
  void aRoomMadePrivateLeavesAnotherUsersDirectory() {
    Page ann = login(unique("ann"));
    String room = unique("team");
    createRoom(ann, room, "");
    Page cleo = login(unique("cleo"));
    cleo.getByTestId("browse-button").click();
    assertThat(cleo.locator("[data-testid=join-button][data-room='" + room + "']")).isVisible();
    cleo.getByTestId("browse-dialog").getByText("Done").click();

    saveSettings(ann, () -> ann.getByTestId("room-settings-private").check());
    ann.getByTestId("room-settings-button").click();
    assertThat(ann.getByTestId("room-settings-private")).isChecked();
    ann.keyboard().press("Escape");

    // Nobody outside is told of a private room, so a fresh look (a reload, or a search) is what
    // shows it gone.
    cleo.reload();
    assertConnected(cleo);
    cleo.getByTestId("browse-button").click();
    assertThat(cleo.getByTestId("browse-dialog")).isVisible();
    assertThat(cleo.locator("[data-testid=join-button][data-room='" + room + "']")).hasCount(0);
    cleo.getByTestId("browse-filter").fill(room);
    assertThat(cleo.getByTestId("directory-empty")).hasText("No rooms match.");
  }

  /**
   * A new topic is told to the room's members only; someone outside sees it when they open "Browse
   * rooms", which asks the server for the first page again.
   */
  @Test
  void aNewTopicShowsInBrowseRoomsForSomeoneNotInTheRoom() {
    Page ann = login(unique("ann"));
    String room = unique("plans");
    createRoom(ann, room, "");
    Page cleo = login(unique("cleo"));
    cleo.getByTestId("browse-button").click();
    Locator listed = cleo.locator("[data-testid=directory-item][data-room='" + room + "']");
    assertThat(listed).isVisible();
    assertThat(listed.locator(".directory-topic")).hasCount(0);
    cleo.getByTestId("browse-dialog").getByText("Done").click();

    saveSettings(ann, () -> ann.getByTestId("room-settings-topic").fill("Quarterly plans"));
    assertThat(ann.getByTestId("room-topic")).hasText("Quarterly plans");

    cleo.getByTestId("browse-button").click();
    assertThat(listed.locator(".directory-topic")).hasText("Quarterly plans");
  }

  @Test
  void theModerationHistoryListsASettingsChangeAndAnAdminSeesEveryRoom() {
    String annNick = unique("ann");
    Page ann = login(annNick);
    String room = unique("ops");
    createRoom(ann, room, "");
    saveSettings(
        ann,
        () -> {
          ann.getByTestId("room-settings-topic").fill("On call");
          ann.getByTestId("room-settings-readonly").check();
        });

    ann.getByTestId("audit-button").click();
    assertThat(ann.getByTestId("audit-dialog")).isVisible();
    assertThat(ann.getByTestId("audit-entry")).hasCount(1);
    assertThat(ann.getByTestId("audit-entry").first())
        .containsText(annNick + " changed the settings");
    assertThat(ann.getByTestId("audit-detail").first()).hasText("topic, readOnly: true");
    Screenshots.save(ann, "audit-1280");
    narrow(ann);
    Screenshots.save(ann, "audit-390");
    ann.keyboard().press("Escape");
    assertThat(ann.getByTestId("room-settings-button")).isHidden(); // folded into the menu
    ann.getByTestId("room-menu-button").click();
    Screenshots.save(ann, "room-menu-390");
    ann.getByTestId("room-menu").getByTestId("room-menu-room-settings-button").click();
    Screenshots.save(ann, "room-settings-390");
    ann.keyboard().press("Escape");

    Page chief = login(ADMIN);
    Protection.protect(
        server.chat(),
        (String) chief.evaluate("() => JSON.parse(localStorage.getItem('parley.user')).id"));
    chief.reload(); // the welcome now says role: admin
    assertConnected(chief);
    chief.getByTestId("settings-button").click();
    chief.getByTestId("admin-audit").click();
    assertThat(chief.getByTestId("audit-dialog")).isVisible();
    assertThat(
            chief
                .getByTestId("audit-entry")
                .filter(
                    new com.microsoft.playwright.Locator.FilterOptions().setHasText("#" + room)))
        .containsText(annNick + " changed the settings in #" + room);
  }
}
