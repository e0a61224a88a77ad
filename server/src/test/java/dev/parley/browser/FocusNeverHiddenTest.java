package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WCAG 2.2's "focus not obscured": whatever the keyboard reaches is on the screen and not hidden
 * under something of ours (the composer, the top bar, a toast), at a desktop's and a phone's width.
 * Tab walks the page from its first stop, the arrow keys walk the messages from the newest to the
 * oldest, while a toast is showing.
 */
class FocusNeverHiddenTest extends BrowserTestBase {

  /**
   * Null when the focused element shows: part of it is in the viewport and one of a few points of
   * that part hits it (or something inside it); else what is wrong.
   */
  private static final String HIDDEN =
      """
      () => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const name = (e) => e ? (e.dataset.testid || e.id || e.className || e.tagName) + '' : 'nothing';
        const r = el.getBoundingClientRect();
        const x1 = Math.max(r.left, 0), x2 = Math.min(r.right, innerWidth);
        const y1 = Math.max(r.top, 0), y2 = Math.min(r.bottom, innerHeight);
        if (x2 - x1 < 1 || y2 - y1 < 1) return 'off the screen: ' + name(el);
        const points = [[(x1 + x2) / 2, (y1 + y2) / 2], [x1 + 1, y1 + 1], [x2 - 1, y2 - 1],
          [x1 + 1, y2 - 1], [x2 - 1, y1 + 1]];
        const hit = points.some(([x, y]) => {
          const at = document.elementFromPoint(x, y);
          return at && (el.contains(at) || at.contains(el) || at.closest('label')?.control === el);
        });
        if (hit) return null;
        return name(el) + ' under ' + name(document.elementFromPoint((x1 + x2) / 2, (y1 + y2) / 2));
      }
      """;

  @ParameterizedTest
  @ValueSource(ints = {1280, 390})
  void whatTheKeyboardReachesIsNeverHidden(int width) {
    Page page = login(unique("focus"));
    for (int i = 0; i < 25; i++) send(page, "message number " + i);
    if (width < 720) narrow(page);

    List<String> hidden = new ArrayList<>();
    page.locator("body").focus();
    for (int i = 0; i < 40; i++) {
      toastShowing(page);
      page.keyboard().press("Tab");
      Object wrong = page.evaluate(HIDDEN);
      if (wrong != null) hidden.add("Tab " + (i + 1) + ": " + wrong);
    }
    page.getByTestId("message-list").focus();
    for (int i = 0; i < 25; i++) {
      toastShowing(page);
      page.keyboard().press("ArrowUp");
      Object wrong = page.evaluate(HIDDEN);
      if (wrong != null) hidden.add("ArrowUp " + (i + 1) + ": " + wrong);
    }
    toastShowing(page);
    page.getByTestId("composer").focus();
    assertThat(page.evaluate(HIDDEN)).as("the composer").isNull();
    Screenshots.save(page, "focus-with-toast-" + width);
    assertThat(hidden).as("focused but hidden, at %d px", width).isEmpty();
  }

  /**
   * A toast is on the screen: a new one through the client's own module (the very instance the app
   * loaded, at its versioned URL) when ours is near its end (the app's own may end any moment).
   */
  private static void toastShowing(Page page) {
    page.evaluate(
        """
        async () => {
          // a note of ours younger than 3 s (a note lasts 5 s) is still up; else a new one
          if (Date.now() - (window.__noteAt || 0) < 3000) return;
          window.__noteAt = Date.now();
          const url = document.querySelector('link[rel=modulepreload][href$="/js/view/toast.js"]').href;
          (await import(url)).toast('A note that stays a while, as notes do');
        }
        """);
    assertThat(page.locator(".toast").first()).isVisible();
  }
}
