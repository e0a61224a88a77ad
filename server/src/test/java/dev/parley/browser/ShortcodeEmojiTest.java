package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.testing.TestClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * ":tada:" is 🎉: in a message however it was sent (here by a bot over the socket), outside code,
 * in the message box as soon as its closing colon is typed, and in text shown as text (a room's
 * topic, the directory, search results). Unknown shortcodes and times stay.
 */
class ShortcodeEmojiTest extends BrowserTestBase {

  @Test
  void aBotsShortcodesShowAsEmojiButNotInCode() {
    String room = unique("party");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "Shortcodes");
    try (TestClient bot =
        TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))) {
      bot.hello(unique("bot"));
      bot.join(room);
      bot.say(room, "Shipped :tada: at 12:30:45, :nosuchcode: and `:tada:` :+1:");
      bot.say(room, ":tada:");
      bot.say(room, "```\n:smile:\n```");
    }
    Locator texts = confirmedTexts(alice);
    assertThat(texts).hasCount(3);
    assertThat(texts.nth(0)).hasText("Shipped 🎉 at 12:30:45, :nosuchcode: and :tada: 👍");
    assertThat(texts.nth(0).locator("code")).hasText(":tada:");
    assertThat(texts.nth(1)).hasText("🎉");
    assertThat(texts.nth(1)).hasClass(java.util.regex.Pattern.compile("\\bjumbo\\b"));
    assertThat(texts.nth(2).locator("pre")).hasText(":smile:");
    Screenshots.save(alice, "shortcodes-1280");
  }

  @Test
  void typingTheClosingColonTurnsAKnownShortcodeIntoItsEmoji() {
    Page alice = login(unique("alice"));
    Locator composer = alice.getByTestId("composer");
    composer.pressSequentially("Great :smile:");
    assertThat(composer).hasValue("Great 😄");
    composer.pressSequentially(" at 12:30:45 :foo: `:tada:` :tada:");
    assertThat(composer).hasValue("Great 😄 at 12:30:45 :foo: `:tada:` 🎉");
    composer.press("Enter");
    assertThat(confirmedTexts(alice).last()).hasText("Great 😄 at 12:30:45 :foo: :tada: 🎉");
  }

  @Test
  void topicsTheDirectoryAndSearchResultsShowShortcodesAsEmoji() {
    String room = unique("launch");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "Launch :rocket: day");
    assertThat(alice.getByTestId("room-topic")).hasText("Launch 🚀 day");
    assertThat(alice.locator(".start-topic")).hasText("Launch 🚀 day");
    String word = unique("zebrafish");
    sendSource(alice, word + " :tada: done");
    assertThat(confirmedTexts(alice).last()).hasText(word + " 🎉 done");

    Page bob = login(unique("bob"));
    bob.getByTestId("browse-button").click();
    Locator entry = bob.locator(".directory-topic", new Page.LocatorOptions().setHasText("Launch"));
    assertThat(entry).hasText("Launch 🚀 day");

    alice.keyboard().press("Control+k");
    alice.getByTestId("search-input").fill(word);
    assertThat(alice.getByTestId("search-result-text")).hasText(word + " 🎉 done");
    Screenshots.save(alice, "shortcodes-search-1280");
  }
}
