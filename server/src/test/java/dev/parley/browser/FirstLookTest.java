package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a first session sees before it says anything: the composer's placeholder is never clipped on
 * a phone, even for a 32-character room; generated avatars of look-alike nicks differ; and the
 * login card does not move when the avatar choices arrive.
 */
class FirstLookTest extends BrowserTestBase {

  /** How wide the placeholder is drawn, and the room the textarea gives it. */
  private static final String PLACEHOLDER_FIT =
      """
      () => {
        const el = document.getElementById('composer-input');
        const cs = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        return { text: el.placeholder, width: ctx.measureText(el.placeholder).width,
                 room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
      }
      """;

  @Test
  void theComposerPlaceholderIsNotClippedOnAPhone() {
    Page page = login(unique("narrow"));
    String room = (unique("a") + "-long-room-name-for-a-phone-xyz").substring(0, 32);
    createRoom(page, room, "");
    page.setViewportSize(390, 844);
    page.waitForFunction("() => document.getElementById('composer-input').clientWidth < 300");
    page.waitForFunction(
        "() => { const el = document.getElementById('composer-input'); return el.placeholder.length > 0; }");
    @SuppressWarnings("unchecked")
    Map<String, Object> fit = (Map<String, Object>) page.evaluate(PLACEHOLDER_FIT);
    Screenshots.save(page, "composer-placeholder-390");
    assertThat(((Number) fit.get("width")).doubleValue())
        .as("placeholder %s", fit.get("text"))
        .isLessThanOrEqualTo(((Number) fit.get("room")).doubleValue());
    assertThat((String) fit.get("text")).startsWith("Message");
    page.setViewportSize(1280, 800);
    page.waitForFunction(
        "room => document.getElementById('composer-input').placeholder === `Message #${room}`",
        room);
  }

  @Test
  void lookAlikeNicksGetDifferentAvatars() {
    Page page = login(unique("watcher"));
    page.evaluate(
        """
        () => {
          for (let i = 1; i <= 5; i++) {
            const ws = new WebSocket(`ws://${location.host}/ws`);
            ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', nick: `loadbot${i}` }));
            (window.bots ??= []).push(ws);
          }
        }
        """);
    Locator bots = page.locator("[data-testid=user-item]:has-text('loadbot')");
    assertThat(bots).hasCount(5);
    List<?> labels =
        (List<?>) bots.locator(".avatar").evaluateAll("els => els.map(e => e.textContent)");
    Screenshots.save(page, "loadbot-avatars-1280");
    assertThat(new HashSet<>(labels)).as("labels %s", labels).hasSize(5);
  }

  @Test
  void theLoginCardDoesNotMoveWhenTheAvatarsArrive() {
    for (int width : new int[] {1280, 390}) {
      Page page =
          blankPage(
              new Browser.NewContextOptions()
                  .setViewportSize(width, width == 390 ? 844 : 800)
                  .setServiceWorkers(ServiceWorkerPolicy.BLOCK));
      AtomicReference<Route> held = new AtomicReference<>();
      page.route("**/emoji.json", held::set);
      page.navigate(baseUrl);
      Locator card = page.getByTestId("login-form");
      assertThat(card).isVisible();
      page.waitForCondition(() -> held.get() != null);
      String box =
          "el => { const r = el.getBoundingClientRect(); return [r.top, r.height].join(','); }";
      page.evaluate(
          "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
      String before = (String) card.evaluate(box);
      assertThat(page.locator("[data-testid=login-avatar]")).hasCount(1);
      held.get().resume();
      assertThat(page.locator("[data-testid=login-avatar]").nth(16)).isAttached();
      page.evaluate(
          "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
      Screenshots.save(page, "login-card-" + width);
      assertThat((String) card.evaluate(box)).as("at %d px", width).isEqualTo(before);
    }
  }
}
