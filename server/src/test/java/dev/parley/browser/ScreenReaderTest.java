package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.ReducedMotion;
import dev.parley.testing.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a screen reader meets, and the other needs of issue 20's last part: each message is named
 * "Ann, 10:32: text" (in Chinese "Ann，10:32：…"); the message list, a log, is busy while a room's
 * history comes in so that it is not read out again; the typing line is a polite status that
 * changes at most every three seconds; an error is an alert; reduced motion stops every animation;
 * at 200% text the chat still fits and works.
 */
class ScreenReaderTest extends BrowserTestBase {

  /** Bots speaking the wire protocol from a page of the same origin: {@code window.bots[nick]}. */
  private static final String BOT =
      """
      async ([room, nick, create, count]) => {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
        const replies = [];
        ws.onmessage = (e) => replies.push(JSON.parse(e.data));
        await new Promise((resolve) => { ws.onopen = resolve; });
        ws.send(JSON.stringify({ type: 'hello', nick }));
        ws.send(JSON.stringify(create ? { type: 'create', room } : { type: 'join', room, ref: 'join' }));
        for (let i = 1; i <= count; i++) {
          ws.send(JSON.stringify({ type: 'send', room, id: `seed-${i}`, text: `message ${i}` }));
          if (i % 15 === 0) await new Promise((resolve) => setTimeout(resolve, 800));
        }
        (window.bots ??= {})[nick] = ws;
        const deadline = Date.now() + 10000;
        const done = () => count
          ? replies.some((f) => f.type === 'message' && f.id === `seed-${count}`)
          : replies.some((f) => f.ref === 'join' || f.type === 'joined' || f.room?.name === room);
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        return replies.filter((f) => f.type === 'error').map((f) => f.code);
      }
      """;

  private static Locator rows(Page page) {
    return page.locator("[data-testid=message-list] [data-testid=message][data-seq]");
  }

  /** "Ann, 10:32: text" with the time the row shows. */
  private static String spoken(Locator row, String nick, String text) {
    return nick + ", " + row.locator(".msg-head .msg-time").textContent() + ": " + text;
  }

  @Test
  void eachMessageIsNamedByItsAuthorItsTimeAndItsText() {
    String ann = unique("Ann");
    String room = unique("named");
    Page page = login(ann);
    createRoom(page, room, "");
    send(page, "hello there");
    sendSource(page, "**bold** and `code`");
    page.getByTestId("attach-input")
        .setInputFiles(
            new FilePayload("photo.png", "image/png", TestImages.encoded("png", 400, 300, 7)));
    assertThat(rows(page)).hasCount(3);

    Locator list = page.getByRole(AriaRole.LOG);
    assertThat(list).hasAttribute("data-testid", "message-list");
    String[] texts = {"hello there", "bold and code", "an image (photo.png)"};
    for (int i = 0; i < texts.length; i++) {
      String name = spoken(rows(page).nth(i), ann, texts[i]);
      assertThat(list.getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName(name)))
          .hasCount(1);
    }
    // the follow-ups show no name, yet are named by it
    assertThat(rows(page).nth(1)).hasClass(java.util.regex.Pattern.compile("\\bcont\\b"));

    // the thread panel's rows too
    MessageRows.act(rows(page).first(), "thread");
    MessageRows.replyInThread(page, "a reply in its thread");
    Locator panel = page.getByTestId("thread-panel");
    Locator reply = panel.locator("[data-testid=message][data-seq]").last();
    assertThat(reply).hasAttribute("aria-label", spoken(reply, ann, "a reply in its thread"));
    page.getByTestId("thread-close").click();

    // in Chinese, with Chinese punctuation
    Page zh = login(newPage(new Browser.NewContextOptions().setLocale("zh-CN")), unique("Bo"));
    joinRoom(zh, room);
    assertThat(rows(zh)).hasCount(3);
    Locator first = rows(zh).first();
    assertThat(first)
        .hasAttribute(
            "aria-label",
            ann + "，" + first.locator(".msg-head .msg-time").textContent() + "：hello there");
    assertThat(rows(zh).last())
        .hasAttribute("aria-label", java.util.regex.Pattern.compile("：图片（photo\\.png）$"));
  }

  @Test
  void theLogIsBusyWhileARoomOrOlderHistoryComesIn() {
    String room = unique("history");
    String botNick = unique("bot");
    Page bot = blankPage(new Browser.NewContextOptions());
    bot.navigate(baseUrl + "favicon.svg");
    assertThat((List<?>) bot.evaluate(BOT, List.of(room, botNick, true, 70))).isEmpty();

    Page reader = login(unique("reader"));
    // every message row added to the list, with the list's aria-busy at that moment
    reader.evaluate(
        """
        () => {
          window.added = [];
          const list = document.querySelector('[data-testid=message-list]');
          new MutationObserver((records) => {
            for (const r of records) for (const n of r.addedNodes) {
              if (n.nodeType === 1 && n.matches('.msg[data-seq]')) {
                window.added.push({ text: n.querySelector('.msg-text')?.textContent.trim(), busy: list.getAttribute('aria-busy') });
              }
            }
          }).observe(list, { childList: true });
        }
        """);
    joinRoom(reader, room);
    assertThat(confirmedTexts(reader).last()).hasText("message 70");
    Locator list = reader.getByTestId("message-list");
    assertThat(list).not().hasAttribute("aria-busy", "true");
    int firstPage = confirmedTexts(reader).count();
    assertThat(firstPage).isLessThan(70);

    MessageRows.scrollUpUntilFirst(reader, "message 1");
    assertThat(list).not().hasAttribute("aria-busy", "true");

    bot.evaluate(
        "([nick, room]) => window.bots[nick].send(JSON.stringify({ type: 'send', room, id: 'live', text: 'news' }))",
        List.of(botNick, room));
    assertThat(confirmedTexts(reader).last()).hasText("news");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> added = (List<Map<String, Object>>) reader.evaluate("window.added");
    // (a row drawn again, its Markdown come, is added again: each time counts)
    List<Map<String, Object>> history =
        added.stream().filter(row -> !"news".equals(row.get("text"))).toList();
    assertThat(history).hasSizeGreaterThanOrEqualTo(70);
    for (Map<String, Object> row : history) {
      assertThat(row.get("busy")).as("history row %s", row.get("text")).isEqualTo("true");
    }
    List<Map<String, Object>> news =
        added.stream().filter(row -> "news".equals(row.get("text"))).toList();
    assertThat(news).isNotEmpty();
    for (Map<String, Object> row : news) assertThat(row.get("busy")).as("news").isNull();
  }

  @Test
  void theTypingLineIsAPoliteStatusThatChangesAtMostEveryThreeSeconds() {
    String room = unique("typing");
    String bob = unique("Bob");
    String cy = unique("Cy");
    Page ann = login(unique("Ann"));
    createRoom(ann, room, "");
    Page bots = blankPage(new Browser.NewContextOptions());
    bots.navigate(baseUrl + "favicon.svg");
    assertThat((List<?>) bots.evaluate(BOT, List.of(room, bob, false, 0))).isEmpty();
    assertThat((List<?>) bots.evaluate(BOT, List.of(room, cy, false, 0))).isEmpty();

    Locator line = ann.getByTestId("typing-indicator");
    assertThat(line).hasAttribute("role", "status");
    assertThat(line).hasAttribute("aria-live", "polite");
    ann.evaluate(
        """
        () => {
          window.said = [];
          const line = document.querySelector('[data-testid=typing-indicator]');
          new MutationObserver(() => window.said.push({ at: performance.now(), text: line.textContent }))
            .observe(line, { childList: true, characterData: true, subtree: true });
        }
        """);

    // Bob starts, Cy starts, Bob sends (and so stops): within three seconds, one more change
    String say = "([nick, frame]) => window.bots[nick].send(JSON.stringify(frame))";
    bots.evaluate(say, List.of(bob, Map.of("type", "typing", "room", room)));
    assertThat(line).hasText(bob + " is typing…");
    bots.evaluate(say, List.of(cy, Map.of("type", "typing", "room", room)));
    ann.waitForTimeout(600);
    bots.evaluate(
        say, List.of(bob, Map.of("type", "send", "room", room, "id", "b1", "text", "hi")));
    assertThat(confirmedTexts(ann).last()).hasText("hi");
    assertThat(line).hasText(bob + " is typing…"); // not yet: the line waits for its turn
    assertThat(line).hasText(cy + " is typing…");
    // nobody types any more: the line empties (a typing frame lasts five seconds)
    ann.waitForFunction(
        "() => document.querySelector('[data-testid=typing-indicator]').textContent === ''",
        null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> said = (List<Map<String, Object>>) ann.evaluate("window.said");
    List<Object> texts = said.stream().map(s -> s.get("text")).toList();
    assertThat(texts).containsExactly(bob + " is typing…", cy + " is typing…", "");
    double gap =
        ((Number) said.get(1).get("at")).doubleValue()
            - ((Number) said.get(0).get("at")).doubleValue();
    assertThat(gap).isGreaterThanOrEqualTo(2900);
  }

  @Test
  void anErrorIsAnAlertAndANoticeAStatus() {
    Page page = login(unique("alerted"));
    page.navigate(baseUrl + "#join=NOSUCHCODE123");
    page.reload();
    assertConnected(page);
    Locator alert =
        page.getByRole(AriaRole.ALERT)
            .filter(new Locator.FilterOptions().setHasText("That invite link is unknown"));
    assertThat(alert).hasCount(1);
    assertThat(alert.getByTestId("toast-error")).isVisible();
    assertThat(page.getByTestId("toasts").getByRole(AriaRole.STATUS)).hasCount(1);
    assertThat(page.getByTestId("toasts").getByRole(AriaRole.STATUS)).not().containsText("invite");
    Screenshots.save(page, "toast-error-1280");
  }

  /** Every animation running at any frame, sampled from the page's first frame on. */
  private static final String LONGEST_ANIMATION =
      """
      window.longest = { ms: 0, what: '' };
      const sample = () => {
        for (const a of document.getAnimations()) {
          const ms = a.effect?.getComputedTiming().activeDuration;
          if (a.playState === 'running' && ms > window.longest.ms) {
            window.longest = { ms, what: `${a.animationName || a.transitionProperty} on ${a.effect.target?.className}` };
          }
        }
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
      """;

  @Test
  void withReducedMotionNothingMoves() {
    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    page.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.REDUCE));
    page.addInitScript(LONGEST_ANIMATION);
    page.navigate(baseUrl);
    login(page, unique("still"));
    send(page, "a message to act on");

    page.getByTestId("settings-button").click(); // a dialog
    assertThat(page.getByTestId("settings-dialog")).isVisible();
    page.keyboard().press("Escape");
    rows(page).last().focus();
    page.keyboard().press("Enter"); // the actions sheet, which slides up
    assertThat(page.getByTestId("action-sheet")).isVisible();
    page.keyboard().press("Escape");
    page.navigate(baseUrl + "#join=NOSUCHCODE123"); // a toast
    page.reload();
    assertThat(page.getByTestId("toast-error")).isVisible();
    narrow(page);
    page.getByTestId("rooms-button").click(); // the rooms drawer, which slides in
    assertThat(roomItem(page, "general")).isVisible();
    page.waitForTimeout(400);

    @SuppressWarnings("unchecked")
    Map<String, Object> longest = (Map<String, Object>) page.evaluate("window.longest");
    assertThat(((Number) longest.get("ms")).doubleValue())
        .as("%s", longest.get("what"))
        .isLessThanOrEqualTo(10);
  }

  @Test
  void atTwiceTheTextSizeTheChatFitsAndWorks() {
    Page page = login(unique("big"));
    String room = unique("zoom");
    createRoom(page, room, "Text at 200%");
    send(page, "before the zoom");
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }");
    for (int width : new int[] {1280, 390}) {
      if (width == 390) narrow(page);
      assertThat(
              (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"))
          .as("no sideways scrolling at %d px", width)
          .isTrue();
      Locator composer = page.getByTestId("composer");
      assertThat(composer).isInViewport();
      send(page, "at twice the size, " + width + " wide");
      // the notes of a first message (keep your name...) pass, so the shot shows the chat itself
      assertThat(page.locator(".toast")).hasCount(0);
      Screenshots.save(page, "text-200-" + width);
      assertThat(confirmedTexts(page).last()).isInViewport();
    }
  }
}
