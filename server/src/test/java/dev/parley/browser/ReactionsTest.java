package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.literal;
import static dev.parley.browser.MessageRows.quickReaction;
import static dev.parley.browser.MessageRows.react;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reactions show as chips with counts, mine pressed, who reacted in the title; a chip toggles mine.
 */
class ReactionsTest extends BrowserTestBase {

  private static final String THUMBS_UP = "👍";
  private static final String PARTY = "🎉";

  @Test
  void chipsCountTheReactionsAndToggleMine() {
    String room = unique("likes");
    String bobNick = unique("bob");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(bobNick);
    joinRoom(bob, room);
    send(alice, "react to me");
    String seq = seqOf(alice, "react to me");

    react(row(bob, seq), THUMBS_UP);
    Locator aliceChip = chip(row(alice, seq), THUMBS_UP);
    assertThat(aliceChip).hasText(THUMBS_UP + " 1");
    assertThat(aliceChip).hasAttribute("aria-pressed", "false");
    assertThat(aliceChip).hasAttribute("title", Pattern.compile(literal(bobNick)));

    aliceChip.click();
    assertThat(aliceChip).hasText(THUMBS_UP + " 2");
    assertThat(aliceChip).hasAttribute("aria-pressed", "true");
    assertThat(aliceChip)
        .hasAttribute("title", Pattern.compile("^You and " + literal(bobNick) + " reacted with "));
    Locator bobChip = chip(row(bob, seq), THUMBS_UP);
    assertThat(bobChip).hasText(THUMBS_UP + " 2");
    assertThat(bobChip).hasAttribute("aria-pressed", "true");

    bobChip.click();
    assertThat(aliceChip).hasText(THUMBS_UP + " 1");
    assertThat(aliceChip).hasAttribute("aria-pressed", "true");
    assertThat(bobChip).hasText(THUMBS_UP + " 1");
    assertThat(bobChip).hasAttribute("aria-pressed", "false");

    // The "+" chip adds another emoji beside the first.
    row(bob, seq).hover();
    row(bob, seq).getByTestId("reaction-add").click();
    quickReaction(bob, PARTY).click();
    assertThat(chip(row(alice, seq), PARTY)).hasText(PARTY + " 1");
    assertThat(row(alice, seq).getByTestId("reaction-chip"))
        .hasText(new String[] {THUMBS_UP + " 1", PARTY + " 1"});

    // Alice removes the last thumbs-up: the chip goes.
    aliceChip.click();
    assertThat(chip(row(bob, seq), THUMBS_UP)).hasCount(0);
    assertThat(row(bob, seq).getByTestId("reaction-chip")).hasText(new String[] {PARTY + " 1"});
  }
}
