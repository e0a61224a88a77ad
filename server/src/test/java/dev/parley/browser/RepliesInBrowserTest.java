package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static dev.parley.testing.Json.obj;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.testing.TestClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reply and jump: a reply shows the quote of its parent; clicking the quote brings the original
 * into view even when it was not loaded yet; Reply in a message's actions quotes it above the
 * composer (Escape or × cancels) and the message sent shows the quote.
 */
class RepliesInBrowserTest extends BrowserTestBase {

  static TestClient bot(String nick) {
    TestClient bot = TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    bot.hello(nick);
    return bot;
  }

  /** Sends {@code n} messages, slowly enough for the rate limit. */
  static void fill(TestClient bot, String room, int n) {
    for (int i = 1; i <= n; i++) {
      bot.sayAsync(room, "filler " + i);
      if (i % 8 == 0) bot.roundTrip(room);
      if (i % 8 == 0) sleep(900);
    }
    bot.roundTrip(room);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aQuoteJumpsToTheOriginalAndReplyQuotesAMessageAboveTheComposer() {
    String room = unique("replies");
    TestClient ann = bot(unique("ann"));
    ann.create(room);
    long parent = ann.say(room, "Deploy checklist: see the wiki").path("seq").asLong();
    fill(ann, room, 64);
    String id = TestClient.newId();
    ann.send(
        obj(
            "type",
            "send",
            "room",
            room,
            "id",
            id,
            "text",
            "did everyone read it?",
            "replyTo",
            parent));
    ann.awaitMessage(room, id);

    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    assertThat(confirmedTexts(bob).last()).hasText("did everyone read it?");
    String last = seqOf(bob, "did everyone read it?");
    Locator quote = row(bob, last).getByTestId("message-quote");
    assertThat(quote).containsText(ann.nick());
    assertThat(quote).containsText("Deploy checklist: see the wiki");
    assertThat(row(bob, String.valueOf(parent))).hasCount(0); // not loaded yet

    quote.click();
    Locator original = row(bob, String.valueOf(parent));
    assertThat(original).isInViewport();
    assertThat(original).hasClass(java.util.regex.Pattern.compile("search-flash"));
    Screenshots.save(bob, "reply-jumped-1280");

    // Reply from the actions: the quote sits above the composer until sent or cancelled.
    bob.getByTestId("composer").click();
    bob.getByTestId("composer").press("End");
    Locator latest = row(bob, last);
    latest.scrollIntoViewIfNeeded();
    act(latest, "reply");
    Locator bar = bob.getByTestId("reply-bar");
    assertThat(bar).isVisible();
    assertThat(bar).containsText(ann.nick());
    assertThat(bar).containsText("did everyone read it?");
    bob.getByTestId("composer").press("Escape");
    assertThat(bar).isHidden();
    act(latest, "reply");
    assertThat(bar).isVisible();
    bob.getByTestId("reply-cancel").click();
    assertThat(bar).isHidden();
    act(latest, "reply");
    Screenshots.save(bob, "reply-composing-1280");
    send(bob, "yes, all of it");
    assertThat(bar).isHidden();
    String mine = seqOf(bob, "yes, all of it");
    assertThat(row(bob, mine).getByTestId("message-quote")).containsText("did everyone read it?");
    JsonNode seen = ann.await("message", m -> m.path("text").asString().equals("yes, all of it"));
    org.assertj.core.api.Assertions.assertThat(seen.path("reply").path("seq").asLong())
        .isEqualTo(Long.parseLong(last));
    Screenshots.save(bob, "reply-sent-1280");
    narrow(bob);
    Screenshots.save(bob, "reply-sent-390");
    ann.close();
  }
}
