package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Typing Chinese (or Japanese, or Korean) goes through an input method: the letters typed stand for
 * a word still being chosen, and Enter confirms the choice. That Enter must never send the
 * half-chosen word. Chromium's own input-method path (CDP {@code Input.imeSetComposition}) gives
 * the composer a real composition, as a Pinyin keyboard would.
 */
class InputMethodTest extends BrowserTestBase {

  private static JsonObject props(Object... kv) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] instanceof Number n) o.addProperty((String) kv[i], n);
      else o.addProperty((String) kv[i], String.valueOf(kv[i + 1]));
    }
    return o;
  }

  private static void enter(CDPSession cdp, String type) {
    cdp.send(
        "Input.dispatchKeyEvent",
        props(
            "type",
            type,
            "key",
            "Enter",
            "code",
            "Enter",
            "windowsVirtualKeyCode",
            13,
            "nativeVirtualKeyCode",
            13));
  }

  @Test
  void enterWhileChoosingAChineseWordConfirmsItAndSendsNothing() {
    Page page = login(unique("li"));
    Locator composer = page.getByTestId("composer");
    composer.click();
    send(page, "before"); // the room is open and the composer works
    CDPSession cdp = page.context().newCDPSession(page);

    cdp.send(
        "Input.imeSetComposition", props("text", "nihao", "selectionStart", 5, "selectionEnd", 5));
    assertThat(composer).hasValue("nihao");
    enter(cdp, "rawKeyDown");
    enter(cdp, "keyUp");
    page.waitForTimeout(300); // a send would have shown the row by now
    assertThat(confirmedTexts(page).last()).hasText("before");
    assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);

    cdp.send("Input.insertText", props("text", "你好")); // the word chosen: composition ends
    assertThat(composer).hasValue("你好");
    composer.press("Enter");
    assertThat(confirmedTexts(page).last()).hasText("你好");
    assertThat(composer).hasValue("");
  }
}
