package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room opens at its newest message; scrolling up pages in older ones without moving what the
 * reader looks at; a message arriving while they read older ones shows a pill instead of yanking.
 */
class HistoryScrollTest extends BrowserTestBase {

  private static final int SEEDED = 90;

  /** A bot speaking the wire protocol straight from a page of the same origin. */
  private static final String BOT =
      """
      async ([room, count, nick]) => {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
        const replies = [];
        ws.onmessage = (e) => replies.push(JSON.parse(e.data));
        await new Promise((resolve) => { ws.onopen = resolve; });
        ws.send(JSON.stringify({ type: 'hello', nick }));
        ws.send(JSON.stringify({ type: 'create', room, ref: 'create' }));
        for (let i = 1; i <= count; i++) {
          ws.send(JSON.stringify({ type: 'send', room, id: `seed-${i}`, text: `message ${i}` }));
          if (i % 15 === 0) await new Promise((resolve) => setTimeout(resolve, 800));
        }
        window.bot = ws;
        const deadline = Date.now() + 10000;
        while (!replies.some((f) => f.type === 'message' && f.id === `seed-${count}`) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return replies.filter((f) => f.type === 'error').map((f) => f.code);
      }
      """;

  @Test
  void olderMessagesLoadOnScrollUpAndNewOnesWaitBehindAPill() {
    String room = unique("archive");
    Page bot = blankPage(new Browser.NewContextOptions());
    bot.navigate(baseUrl + "favicon.svg");
    Object errors = bot.evaluate(BOT, List.of(room, SEEDED, unique("bot")));
    assertThat((List<?>) errors).isEmpty();

    Page reader = login(unique("reader"));
    joinRoom(reader, room);
    Locator confirmed = confirmedTexts(reader);
    assertThat(confirmed.last()).hasText("message " + SEEDED);
    assertThat(confirmed.last()).isInViewport();
    int firstPage = confirmed.count();
    assertThat(firstPage).isLessThan(SEEDED);

    String firstHeld = confirmed.first().textContent();
    MessageRows.scrollUpUntilNot(reader, firstPage);
    // The message that was at the top is still where the reader left it, not pushed out of view.
    assertThat(
            confirmed.filter(
                new Locator.FilterOptions()
                    .setHasText(java.util.regex.Pattern.compile("^" + firstHeld + "$"))))
        .isInViewport();

    bot.evaluate(
        "room => window.bot.send(JSON.stringify({ type: 'send', room, id: 'late', text: 'a late message' }))",
        room);
    Locator pill = reader.getByTestId("new-messages-pill");
    assertThat(pill).isVisible();
    assertThat(pill).containsText("1 new message");
    assertThat(confirmed.last()).hasText("a late message");
    assertThat(confirmed.last()).not().isInViewport();

    pill.click();
    assertThat(confirmed.last()).isInViewport();
    assertThat(pill).isHidden();
  }
}
