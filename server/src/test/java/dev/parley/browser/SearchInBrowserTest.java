package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search box: Ctrl+K focuses it, results come as you type with the match marked, and a result
 * opens its room at that message, with its neighbours loaded and the message flashed. Set {@code
 * -Dparley.screenshots=DIR} to also save pictures at 1280 and 390 px, light and dark.
 */
class SearchInBrowserTest extends BrowserTestBase {
  private static final String SCREENSHOTS = System.getProperty("parley.screenshots");
  private static final int SEEDED = 120;
  private static final int NEEDLE = 12;

  /** A bot that fills a room over the wire, one message (NEEDLE) holding a word to find. */
  private static final String BOT =
      """
      async ([room, count, nick, needle, word]) => {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
        const replies = [];
        ws.onmessage = (e) => replies.push(JSON.parse(e.data));
        await new Promise((resolve) => { ws.onopen = resolve; });
        ws.send(JSON.stringify({ type: 'hello', nick }));
        ws.send(JSON.stringify({ type: 'create', room, ref: 'create' }));
        for (let i = 1; i <= count; i++) {
          const text = i === needle ? `the ${word} rollout is done, café open` : `message ${i}`;
          ws.send(JSON.stringify({ type: 'send', room, id: `seed-${i}`, text }));
          if (i % 15 === 0) await new Promise((resolve) => setTimeout(resolve, 800));
        }
        const deadline = Date.now() + 15000;
        while (!replies.some((f) => f.type === 'message' && f.id === `seed-${count}`) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return replies.filter((f) => f.type === 'error').map((f) => f.code);
      }
      """;

  @Test
  void aResultOpensItsRoomAtTheMessageWithItsNeighbours() {
    String room = unique("searchroom");
    String word = unique("kubernetes");
    Page bot = blankPage(new Browser.NewContextOptions());
    bot.navigate(baseUrl + "favicon.svg");
    assertThat((List<?>) bot.evaluate(BOT, List.of(room, SEEDED, unique("bot"), NEEDLE, word)))
        .isEmpty();

    Page reader = login(unique("reader"));
    joinRoom(reader, room);
    assertThat(confirmedTexts(reader).last()).hasText("message " + SEEDED);
    String other = unique("elsewhere");
    createRoom(reader, other, "");

    // "/" typed in the composer is just text
    Locator composer = reader.getByTestId("composer");
    composer.click();
    composer.press("/");
    assertThat(composer).hasValue("/");
    assertThat(reader.getByTestId("search-input")).not().isFocused();
    composer.fill("");

    reader.keyboard().press("Control+k");
    Locator input = reader.getByTestId("search-input");
    assertThat(input).isFocused();
    // a typo, and the stem of the word: still found
    input.pressSequentially(
        word.replace("kubernetes", "kubernets"),
        new Locator.PressSequentiallyOptions().setDelay(30));
    Locator results = reader.getByTestId("search-result");
    assertThat(results).hasCount(1);
    assertThat(results.first().locator("mark")).hasText(word);
    assertThat(results.first()).containsText(room);
    assertThat(reader.getByTestId("search-room")).isVisible();
    assertThat(reader.getByTestId("search-time")).isVisible();
    reader.getByTestId("search-time").selectOption("week");
    assertThat(results).hasCount(1);
    shots(reader, "search-results");

    long seq = Long.parseLong(results.first().getAttribute("data-seq"));
    results.first().click();
    assertThat(roomItem(reader, room)).hasAttribute("aria-current", "page");
    Locator hit =
        reader.locator("[data-testid=message-list] [data-testid=message][data-seq='" + seq + "']");
    assertThat(hit).isInViewport();
    assertThat(hit.getByTestId("message-text")).containsText(word + " rollout");
    assertThat(hit).hasClass(java.util.regex.Pattern.compile("search-flash"));
    if (SCREENSHOTS != null)
      reader.screenshot(
          new Page.ScreenshotOptions().setPath(Path.of(SCREENSHOTS, "jumped-1280-light.png")));
    assertThat(reader.locator("[data-testid=message][data-seq='" + (seq - 1) + "']")).hasCount(1);
    assertThat(reader.locator("[data-testid=message][data-seq='" + (seq + 1) + "']")).hasCount(1);
    // the log stays whole between the message and the newest one
    assertThat(confirmedTexts(reader)).hasCount(SEEDED);
    assertThat(reader.getByTestId("search-panel")).isHidden();
    assertThat(hit)
        .not()
        .hasClass(
            java.util.regex.Pattern.compile("search-flash"),
            new com.microsoft.playwright.assertions.LocatorAssertions.HasClassOptions()
                .setTimeout(6000));

    // a search that matches nothing says so; "/" outside a text field focuses the box again
    reader.getByTestId("message-list").click();
    reader.keyboard().press("/");
    assertThat(input).isFocused();
    input.fill("zzqqxxnothing");
    assertThat(reader.getByTestId("search-status")).hasText("No messages found.");
    assertThat(results).hasCount(0);
    reader.keyboard().press("Escape");
    assertThat(reader.getByTestId("search-panel")).isHidden();
  }

  /**
   * Someone who shares a room with me but is offline, and whose messages no search has shown yet,
   * is still offered by the person filter; choosing them keeps only their messages.
   */
  @Test
  void thePersonFilterOffersSomeoneOfflineWhoSharesARoom() {
    String room = unique("filterroom");
    String word = unique("zebra");
    String botNick = unique("quietbot");
    Page bot = blankPage(new Browser.NewContextOptions());
    bot.navigate(baseUrl + "favicon.svg");
    assertThat((List<?>) bot.evaluate(BOT, List.of(room, 3, botNick, 2, word))).isEmpty();
    bot.context().close();

    Page reader = login(unique("reader"));
    joinRoom(reader, room);
    send(reader, "my own " + word + " note");

    reader.keyboard().press("Control+k");
    Locator input = reader.getByTestId("search-input");
    input.fill("qqzznothinghere");
    assertThat(reader.getByTestId("search-status")).hasText("No messages found.");
    Locator person = reader.getByTestId("search-user");
    assertThat(person.locator("option").filter(new Locator.FilterOptions().setHasText(botNick)))
        .hasCount(1);

    person.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(botNick));
    input.fill(word);
    Locator results = reader.getByTestId("search-result");
    assertThat(results).hasCount(1);
    assertThat(results.first()).containsText(botNick);
    person.selectOption("");
    assertThat(results).hasCount(2);
  }

  /**
   * The server's two ways of keeping a search bounded, as the panel shows them: 503 {@code
   * search_busy} says so plainly and offers to try again; a partial page (the search stopped on its
   * time or work budget, {@code partial} with {@code next}) says that it stopped early and offers
   * to keep searching. The server's answers are stood in for here (they depend on load; {@code
   * SearchStarvation} produces them for real), so this checks the client alone.
   */
  @Test
  void aBusyServerAndAPartialPageAreSaidPlainly() {
    Page reader = login(unique("reader"));
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    String hit =
        "{\"room\":\"general\",\"seq\":%d,\"ts\":1700000000000,\"from\":{\"id\":\"u1\",\"nick\":\"ann\"},"
            + "\"text\":\"the kubernetes %s\",\"highlight\":[[4,14]]}";
    reader.route(
        "**/api/search?**",
        route -> {
          queries.add(route.request().url());
          com.microsoft.playwright.Route.FulfillOptions answer =
              new com.microsoft.playwright.Route.FulfillOptions()
                  .setContentType("application/json");
          switch (asked.incrementAndGet()) {
            case 1 ->
                route.fulfill(
                    answer
                        .setStatus(503)
                        .setHeaders(java.util.Map.of("Retry-After", "1"))
                        .setBody(
                            "{\"error\":\"search_busy\",\"message\":\"Search is busy; try again in a moment.\"}"));
            case 2 ->
                route.fulfill(
                    answer
                        .setStatus(200)
                        .setBody(
                            "{\"results\":["
                                + hit.formatted(9, "newer")
                                + "],\"next\":\"42.9.general\",\"partial\":true}"));
            default ->
                route.fulfill(
                    answer
                        .setStatus(200)
                        .setBody(
                            "{\"results\":[" + hit.formatted(3, "older") + "],\"next\":null}"));
          }
        });

    reader.keyboard().press("Control+k");
    reader.getByTestId("search-input").fill("kubernetes");
    Locator status = reader.getByTestId("search-status");
    assertThat(status).containsText("Search is busy right now");
    assertThat(reader.getByTestId("search-result")).hasCount(0);
    assertThat(reader.getByTestId("search-more")).isHidden();

    reader.getByTestId("search-retry").click();
    assertThat(reader.getByTestId("search-result")).hasCount(1);
    assertThat(status)
        .hasText(
            "1 result so far. The search stopped early to keep the server quick; it can go on.");
    Locator more = reader.getByTestId("search-more");
    assertThat(more).isVisible();
    assertThat(more).hasText("Keep searching");

    more.click();
    assertThat(reader.getByTestId("search-result")).hasCount(2);
    assertThat(status).hasText("2 results");
    assertThat(more).isHidden();
    assertThat(queries).hasSize(3);
    assertThat(queries.get(2)).contains("before=42.9.general");
  }

  /** Pictures at both widths in both schemes (only with -Dparley.screenshots). */
  private void shots(Page reader, String name) {
    if (SCREENSHOTS == null) return;
    String query = reader.getByTestId("search-input").inputValue();
    for (int width : new int[] {1280, 390}) {
      for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
        Page page =
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(width, width == 390 ? 844 : 800)
                    .setColorScheme(scheme));
        for (String key : List.of("parley.token", "parley.user")) {
          page.evaluate(
              "([k, v]) => localStorage.setItem(k, v)",
              List.of(key, String.valueOf(reader.evaluate("k => localStorage.getItem(k)", key))));
        }
        page.reload();
        assertConnected(page);
        if (width == 390)
          page.screenshot(
              new Page.ScreenshotOptions()
                  .setPath(
                      Path.of(SCREENSHOTS, "topbar-390-" + scheme.name().toLowerCase() + ".png")));
        page.keyboard().press("Control+k");
        page.getByTestId("search-input").fill(query);
        assertThat(page.getByTestId("search-result")).not().hasCount(0);
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(
                    Path.of(
                        SCREENSHOTS,
                        name + "-" + width + "-" + scheme.name().toLowerCase() + ".png")));
        page.context().close();
      }
    }
  }
}
