package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Room moderation from the web client: the owner names a moderator in the member list, who mutes
 * and bans from there and deletes someone's message; the person acted on is told why.
 */
class RoomModerationInBrowserTest extends BrowserTestBase {

  @Test
  void aModeratorMutesAndBansFromTheMemberListAndTheMutedOneSeesWhy() {
    String annNick = unique("ann");
    String bobNick = unique("bob");
    String cleoNick = unique("cleo");
    String room = unique("ops");
    Page ann = login(annNick);
    createRoom(ann, room, "");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    Page cleo = login(cleoNick);
    joinRoom(cleo, room);

    makeModerator(ann, bobNick);
    assertThat(notices(ann).last())
        .hasText(Pattern.compile(annNick + " made " + bobNick + " a moderator"));
    assertThat(notices(cleo).last())
        .hasText(Pattern.compile(annNick + " made " + bobNick + " a moderator"));

    // Bob, a moderator now, may act on Cleo (a member), not on Ann (the owner).
    openMembers(bob);
    assertThat(member(bob, annNick).getByTestId("member-role")).hasText("owner");
    assertThat(member(bob, annNick).getByTestId("member-manage")).hasCount(0);
    Screenshots.save(bob, "moderation-members-1280");
    member(bob, cleoNick).getByTestId("member-manage").click();
    Locator menu = bob.getByTestId("moderation-dialog");
    assertThat(menu).isVisible();
    assertThat(menu.getByTestId("mod-role")).hasCount(0); // only the owner names moderators
    menu.getByTestId("mod-mute").click();
    assertThat(menu.getByTestId("mod-duration")).isFocused();
    menu.getByTestId("mod-reason").fill("calm down");
    Screenshots.save(bob, "moderation-menu-1280");
    menu.getByTestId("mod-submit").click();
    assertThat(menu).isHidden();

    assertThat(cleo.getByTestId("toasts"))
        .containsText(
            Pattern.compile(
                "You are muted in #" + room + " until .+ by " + bobNick + ": calm down"));
    assertThat(notices(ann).last())
        .hasText(Pattern.compile(bobNick + " muted " + cleoNick + " for 10 minutes: calm down"));
    Locator composer = cleo.getByTestId("composer");
    composer.fill("why?");
    composer.press("Enter");
    // The client's own sentence, with the reason as the server gives it (a field of its own).
    assertThat(cleo.getByTestId("message-failed"))
        .hasText(
            Pattern.compile("A moderator muted you in this room until .+\\. Reason: calm down"));

    // On a phone, Bob bans her (a day), with a reason.
    bob.setViewportSize(390, 844);
    bob.keyboard().press("Escape");
    openMembers(bob);
    member(bob, cleoNick).getByTestId("member-manage").click();
    menu.getByTestId("mod-ban").click();
    menu.getByTestId("mod-duration").selectOption("1440");
    menu.getByTestId("mod-reason").fill("spam");
    Screenshots.save(bob, "moderation-menu-390");
    menu.getByTestId("mod-submit").click();
    assertThat(menu).isHidden();

    assertThat(cleo.getByTestId("toasts"))
        .containsText(
            Pattern.compile(
                "You were banned from #" + room + " until .+ by " + bobNick + ": spam"));
    assertThat(roomItem(cleo, room)).hasCount(0);
    assertThat(notices(ann).last())
        .hasText(Pattern.compile(bobNick + " banned " + cleoNick + " for a day: spam"));
    assertThat(bob.getByTestId("members-dialog").getByTestId("member-item")).hasCount(2);

    // Trying to come back, she reads when the ban ends in her own time, not the server's UTC.
    cleo.getByTestId("browse-button").click();
    cleo.locator("[data-testid=join-button][data-room='" + room + "']").click();
    assertThat(cleo.getByTestId("browse-error"))
        .hasText(Pattern.compile("You are banned from that room until .+\\. Reason: spam"));
    assertThat(cleo.getByTestId("browse-error")).not().containsText("Z:");
    cleo.keyboard().press("Escape");

    // The ban shows under the list, with why and until when; lifting it lets her back in.
    Locator ban = bob.getByTestId("sanctions").getByTestId("sanction-ban");
    assertThat(ban).hasCount(1);
    assertThat(ban).containsText(cleoNick);
    assertThat(ban).containsText(Pattern.compile("Banned until .+ by " + bobNick + ": spam"));
    Screenshots.save(bob, "moderation-sanctions-390");
    ban.getByTestId("lift-ban").click();
    assertThat(cleo.getByTestId("toasts"))
        .containsText("You may come back to #" + room + ": your ban was lifted by " + bobNick);
    assertThat(notices(ann).last())
        .hasText(Pattern.compile(bobNick + " lifted the ban on " + cleoNick));
    assertThat(bob.getByTestId("sanctions").getByTestId("sanction-ban")).hasCount(0);
    joinRoom(cleo, room);
  }

  @Test
  void aModeratorDeletesSomeonesMessageAndBothSeeItWasAModerator() {
    String annNick = unique("ann");
    String bobNick = unique("bob");
    String cleoNick = unique("cleo");
    String room = unique("mods");
    Page ann = login(annNick);
    createRoom(ann, room, "");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    Page cleo = login(cleoNick);
    joinRoom(cleo, room);
    makeModerator(ann, bobNick);
    ann.keyboard().press("Escape");
    send(ann, "house rules");
    send(cleo, "buy cheap pills");
    String rules = seqOf(bob, "house rules");
    String spam = seqOf(bob, "buy cheap pills");

    // Not the owner's message; a member's, yes.
    row(bob, rules).hover();
    assertThat(row(bob, rules).getByTestId("message-actions")).isVisible();
    assertThat(row(bob, rules).getByTestId("action-delete")).hasCount(0);
    act(row(bob, spam), "delete");
    Locator dialog = bob.getByTestId("delete-dialog");
    assertThat(dialog).containsText("Delete " + cleoNick + "'s message?");
    bob.getByTestId("delete-confirm").click();
    assertThat(dialog).isHidden();

    String gone = "This message was deleted by a moderator (" + bobNick + ").";
    assertThat(row(bob, spam).getByTestId("message-text")).hasText(gone);
    assertThat(row(cleo, spam).getByTestId("message-text")).hasText(gone);
    // A member deletes no one else's message.
    row(cleo, rules).hover();
    assertThat(row(cleo, rules).getByTestId("message-actions")).isVisible();
    assertThat(row(cleo, rules).getByTestId("action-delete")).hasCount(0);
  }

  @Test
  void theOwnerKicksFromAPersonsCardAndTheyAreToldWhy() {
    String annNick = unique("ann");
    String bobNick = unique("bob");
    String room = unique("desk");
    Page ann = login(annNick);
    createRoom(ann, room, "");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    send(bob, "off we go");

    // A member's card has no Moderate; the owner's card of a member does.
    row(bob, seqOf(bob, "off we go")).getByTestId("message-nick").click();
    assertThat(bob.getByTestId("user-card")).isVisible();
    assertThat(bob.getByTestId("user-card-moderate")).hasCount(0);
    bob.keyboard().press("Escape");
    row(ann, seqOf(ann, "off we go")).getByTestId("message-nick").click();
    ann.getByTestId("user-card-moderate").click();
    Locator menu = ann.getByTestId("moderation-dialog");
    assertThat(menu).isVisible();
    menu.getByTestId("mod-kick").click();
    assertThat(menu.getByTestId("mod-reason")).isFocused();
    menu.getByTestId("mod-reason").fill("off topic");
    menu.getByTestId("mod-submit").click();
    assertThat(menu).isHidden();

    assertThat(bob.getByTestId("toasts"))
        .containsText("You were removed from #" + room + " by " + annNick + ": off topic");
    assertThat(roomItem(bob, room)).hasCount(0);
    assertThat(notices(ann).last())
        .hasText(Pattern.compile(annNick + " removed " + bobNick + ": off topic"));
    assertThat(ann.getByTestId("room-members")).hasText("1 member");
  }

  /** The owner opens the member list and makes {@code nick} a moderator; the list shows it. */
  private static void makeModerator(Page owner, String nick) {
    openMembers(owner);
    member(owner, nick).getByTestId("member-manage").click();
    Locator menu = owner.getByTestId("moderation-dialog");
    assertThat(menu.getByTestId("mod-role")).hasText("Make moderator");
    menu.getByTestId("mod-role").click();
    assertThat(menu).isHidden();
    assertThat(member(owner, nick).getByTestId("member-role")).hasText("moderator");
  }

  private static void openMembers(Page page) {
    page.getByTestId("room-members").click();
    assertThat(page.getByTestId("members-dialog")).isVisible();
  }

  private static Locator member(Page page, String nick) {
    return page.getByTestId("members-dialog")
        .getByTestId("member-item")
        .filter(
            new Locator.FilterOptions()
                .setHas(
                    page.getByTestId("member-nick")
                        .filter(
                            new Locator.FilterOptions()
                                .setHasText(Pattern.compile("^" + nick + "$")))));
  }

  private static Locator notices(Page page) {
    return page.locator("[data-testid=message-list] [data-testid=notice]");
  }
}
