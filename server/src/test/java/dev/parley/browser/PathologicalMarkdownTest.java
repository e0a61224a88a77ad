package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One message must not freeze every reader's tab (issue 14, item 4): Markdown that makes the parser
 * or the highlighter do super-linear work, sent as ordinary messages through the server, renders
 * (as Markdown, or as plain text when it is over its budget) without holding the reader's main
 * thread, on arrival and again after a reload. Set {@code -Dparley.screenshots=DIR} to also save
 * pictures of such a room at 1280 and 390 px.
 */
class PathologicalMarkdownTest extends BrowserTestBase {

  private static final String SCREENSHOTS = System.getProperty("parley.screenshots");

  /** Main-thread time that rendering one message's text may take. */
  private static final double RENDER_BUDGET_MS = 50;

  /**
   * The longest main-thread task allowed while hostile messages arrive and render (the page stays
   * responsive).
   */
  private static final double LONGEST_TASK_MS = 200;

  /** Far more than a bounded render needs; the old client took 25 s on the first message. */
  private static final double ARRIVAL_TIMEOUT_MS = 5000;

  /**
   * Collects every main-thread task over 50 ms (the Long Tasks API's threshold) from the page's
   * first script on.
   */
  private static final String LONG_TASKS =
      """
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      """;

  /**
   * The longest task after the page's own start-up (its modules' first run, up to
   * DOMContentLoaded), which is no rendering of messages: those wait for the Markdown worker.
   */
  private static final String LONGEST_AFTER_START =
      """
      () => {
        const started = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0;
        return Math.max(0, ...window.__longTasks.filter((t) => t.start >= started).map((t) => t.duration));
      }
      """;

  /** Records what the page posts to its workers, so a test can tell what was (not) parsed there. */
  private static final String WORKER_POSTS =
      """
      window.__workerPosts = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        window.__workerPosts.push(JSON.stringify(message));
        return post.call(this, message, ...rest);
      };
      """;

  /**
   * Main-thread time of the one render path for a text, once its parse (wherever that runs) is
   * done: building the sanitized DOM (mentions among 500 known nicks) and laying it out as a
   * message body in the message list. The best of three: the work is the same each time, other load
   * on the machine only adds to it.
   */
  private static final String RENDER_TIME =
      """
      async ([text, nick]) => {
        const m = await import(new URL('markdown.js', document.querySelector('script[type=module]').src).href);
        if (m.prepare) await m.prepare([text]);
        const list = document.querySelector('[data-testid=message-list] [data-testid=message] .msg-body');
        const nicks = new Set([nick, ...Array.from({ length: 500 }, (_, i) => `someone${i}`)]);
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
          const start = performance.now();
          const body = document.createElement('div');
          body.className = 'msg-text md';
          body.append(m.renderMarkdown(text, { myNick: nick, nicks }));
          list.append(body);
          body.getBoundingClientRect();
          best = Math.min(best, performance.now() - start);
          body.remove();
          await new Promise((r) => setTimeout(r, 20));
        }
        return best;
      }
      """;

  private static final String NEXT_FRAME =
      "() => new Promise(r => { const t = performance.now(); "
          + "requestAnimationFrame(() => r(performance.now() - t)); })";

  private Page reader(String nick, int width) {
    Page page =
        blankPage(new Browser.NewContextOptions().setViewportSize(width, width < 600 ? 844 : 800));
    page.addInitScript(LONG_TASKS);
    page.addInitScript(WORKER_POSTS);
    page.navigate(baseUrl);
    return login(page, nick);
  }

  private static double longestTask(Page page) {
    return ((Number) page.evaluate(LONGEST_AFTER_START)).doubleValue();
  }

  private static TestClient mallory(String room) {
    TestClient mallory = TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    mallory.hello(unique("mallory"));
    mallory.join(room);
    return mallory;
  }

  @Test
  void everyPathologicalMessageRendersPromptlyOnArrivalAndAfterAReload() {
    String nick = unique("reader");
    String room = unique("hostile");
    Page reader = reader(nick, 1280);
    createRoom(reader, room, "");
    Locator texts = confirmedTexts(reader);
    Map<String, String> corpus = PathologicalMarkdown.corpus(nick);
    List<String> figures = new ArrayList<>();
    List<String> slow = new ArrayList<>();

    try (TestClient mallory = mallory(room)) {
      int shown = 0;
      for (Map.Entry<String, String> entry : corpus.entrySet()) {
        assertThat(entry.getValue().length())
            .as(entry.getKey())
            .isBetween(PathologicalMarkdown.MAX - 200, PathologicalMarkdown.MAX);
        reader.evaluate("() => { window.__longTasks.length = 0; }");
        long sent = System.nanoTime();
        mallory.say(room, entry.getValue());
        int expected = ++shown;
        assertDoesNotThrow(
            () ->
                assertThat(texts)
                    .hasCount(
                        expected,
                        new LocatorAssertions.HasCountOptions().setTimeout(ARRIVAL_TIMEOUT_MS)),
            entry.getKey() + " did not render within " + ARRIVAL_TIMEOUT_MS + " ms");
        // A frozen page answers no query, so a count can pass late: the clock decides.
        double arrival = (System.nanoTime() - sent) / 1e6;
        assertThat(arrival)
            .as(entry.getKey() + " sent, received and shown, in ms")
            .isLessThan(ARRIVAL_TIMEOUT_MS);
        double frame = ((Number) reader.evaluate(NEXT_FRAME)).doubleValue();
        double longest = longestTask(reader);
        double render =
            ((Number) reader.evaluate(RENDER_TIME, List.of(entry.getValue(), nick))).doubleValue();
        assertThat(texts.nth(shown - 1).evaluate("t => t.textContent.trim().length"))
            .as(entry.getKey())
            .isNotEqualTo(0);
        figures.add(
            String.format(
                "%-36s shown after %6.0f ms  render %6.1f ms  longest task %6.1f ms  next frame %6.1f ms",
                entry.getKey(), arrival, render, longest, frame));
        if (render >= RENDER_BUDGET_MS || longest > LONGEST_TASK_MS || frame > LONGEST_TASK_MS)
          slow.add(entry.getKey());
      }
      System.out.println("[pathological markdown]\n" + String.join("\n", figures));
      assertThat(slow).as("messages over budget:\n" + String.join("\n", figures)).isEmpty();

      // Right after, another control answers at once.
      reader.getByTestId("settings-button").click();
      assertThat(reader.getByTestId("settings-dialog"))
          .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
      reader.keyboard().press("Escape");
      assertThat(reader.getByTestId("settings-dialog")).isHidden();

      // A reload shows the whole page of them at once: within the budget of each, and the page
      // answers right after.
      reader.reload();
      assertConnected(reader);
      assertThat(roomItem(reader, room)).hasAttribute("aria-current", "page");
      assertThat(texts)
          .hasCount(
              corpus.size(),
              new LocatorAssertions.HasCountOptions().setTimeout(ARRIVAL_TIMEOUT_MS));
      reader.evaluate(NEXT_FRAME);
      double reloaded = longestTask(reader);
      System.out.printf("[pathological markdown] longest task after a reload: %.0f ms%n", reloaded);
      assertThat(reloaded)
          .as("longest main-thread task after a reload")
          .isLessThan(corpus.size() * RENDER_BUDGET_MS);
      reader.getByTestId("settings-button").click();
      assertThat(reader.getByTestId("settings-dialog"))
          .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
      reader.keyboard().press("Escape");

      if (SCREENSHOTS != null) {
        mallory.say(room, "[](".repeat(1000));
        mallory.say(
            room,
            "Log in at [https://bank.example/login](https://evil.example/steal) to keep your **account**.");
        assertThat(texts).hasCount(corpus.size() + 2);
        assertThat(texts.last().getByTestId("link-host")).hasText("(evil.example)");
        texts.last().scrollIntoViewIfNeeded();
        reader.screenshot(
            new Page.ScreenshotOptions()
                .setPath(Path.of(SCREENSHOTS, "hostile-markdown-1280.png")));
        Page phone = reader(unique("phone"), 390);
        phone.getByTestId("rooms-button").click();
        joinRoom(phone, room);
        assertThat(confirmedTexts(phone).last().getByTestId("link-host")).hasText("(evil.example)");
        assertThat(
                ((Number)
                        phone.evaluate(
                            "() => document.documentElement.scrollWidth - window.innerWidth"))
                    .intValue())
            .as("no hostile text widens the page")
            .isLessThanOrEqualTo(0);
        phone.screenshot(
            new Page.ScreenshotOptions().setPath(Path.of(SCREENSHOTS, "hostile-markdown-390.png")));
      }
    }
  }

  @Test
  void aMessageOverItsBudgetShowsAsPlainTextWithANoteAndIsNotParsedAgainAfterAReload() {
    String nick = unique("reader");
    String room = unique("budget");
    Page reader = reader(nick, 1280);
    createRoom(reader, room, "");
    Locator texts = confirmedTexts(reader);
    reader.evaluate("() => { window.__longTasks.length = 0; }");
    // Slow enough for marked 17 (seconds), yet short of the cheap check that turns thousands of
    // unclosed links away.
    String marker = unique("overbudget");
    String hostile = marker + " " + "![a](b".repeat(999);

    try (TestClient mallory = mallory(room)) {
      mallory.say(room, hostile);
      mallory.say(room, "**still formatted** after it");
    }
    assertThat(texts)
        .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(ARRIVAL_TIMEOUT_MS));
    Locator plainRow = texts.first();
    // Over budget once, then again when tried alone: shown as typed, for good.
    assertThat(plainRow.getByTestId("markdown-plain-note"))
        .hasText("Shown as plain text: formatting it took too long.");
    assertThat(plainRow).containsText(hostile.substring(0, 200));
    assertThat(texts.last().locator("strong")).hasText("still formatted");
    assertThat(longestTask(reader)).isLessThan(LONGEST_TASK_MS);

    reader.reload();
    assertConnected(reader);
    assertThat(texts)
        .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(ARRIVAL_TIMEOUT_MS));
    assertThat(texts.first().getByTestId("markdown-plain-note"))
        .hasText("Shown as plain text: formatting it took too long.");
    assertThat(texts.last().locator("strong")).hasText("still formatted");
    reader.evaluate(NEXT_FRAME);
    assertThat(longestTask(reader))
        .as("longest main-thread task after a reload")
        .isLessThan(LONGEST_TASK_MS);
    List<?> posts = (List<?>) reader.evaluate("() => window.__workerPosts");
    assertThat(posts)
        .as("the worker parsed the other message")
        .anySatisfy(p -> assertThat((String) p).contains("still formatted"));
    assertThat(posts.stream().filter(p -> ((String) p).contains(marker)).count())
        .as("the one over budget was not given to it again")
        .isZero();
  }
}
