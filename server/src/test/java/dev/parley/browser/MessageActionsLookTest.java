package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.quickReaction;
import static dev.parley.browser.MessageRows.react;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How message actions look and feel at desktop and phone sizes, light and dark: the toolbar sits on
 * its row inside the window, chips and the editor fit the column, and on a touch screen a long
 * press (not a tap, not a swipe) opens the bottom sheet. With PARLEY_SCREENSHOTS set to a folder,
 * each state is also saved there as a PNG for people to look at.
 */
class MessageActionsLookTest extends BrowserTestBase {

  private static final String SHOTS = System.getenv("PARLEY_SCREENSHOTS");

  enum Theme {
    LIGHT(ColorScheme.LIGHT),
    DARK(ColorScheme.DARK);

    final ColorScheme scheme;

    Theme(ColorScheme scheme) {
      this.scheme = scheme;
    }
  }

  @ParameterizedTest
  @EnumSource(Theme.class)
  void toolbarChipsAndEditorFitTheirRow(Theme theme) {
    String room = unique("looks");
    // Reduced motion: the drawers' slide would still be under way when the window narrows.
    Page alice =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(1280, 800)
                    .setColorScheme(theme.scheme)
                    .setReducedMotion(ReducedMotion.REDUCE)),
            unique("alice"));
    createRoom(alice, room, "How things look");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(bob, "Has anyone tried the new build? It starts in half the time for me.");
    send(alice, "Yes! Much faster here too.");
    send(alice, "Ship it 🚀");
    String question =
        seqOf(alice, "Has anyone tried the new build? It starts in half the time for me.");
    String ship = seqOf(alice, "Ship it 🚀");
    react(row(bob, ship), "🎉");
    react(row(alice, ship), "🎉");
    react(row(bob, ship), "👍");
    assertThat(chip(row(alice, ship), "🎉")).hasText("🎉 2");
    String faster = seqOf(alice, "Yes! Much faster here too.");
    act(row(alice, faster), "edit");
    alice.getByTestId("message-editor").fill("Yes! Much faster here too, about twice.");
    alice.getByTestId("message-editor").press("Enter");
    Locator mark = row(alice, faster).getByTestId("message-edited");
    assertThat(mark).isVisible();

    for (int width : new int[] {1280, 390}) {
      alice.setViewportSize(width, width > 500 ? 800 : 780);
      Locator hovered = row(alice, question);
      hovered.hover();
      Locator bar = hovered.getByTestId("message-actions");
      assertThat(bar).isVisible();
      assertInside(bar.boundingBox(), alice.getByTestId("message-list").boundingBox());
      if (width < 500) {
        assertThat(hovered.getByTestId("action-more")).isVisible();
        assertThat(hovered.getByTestId("action-copy")).isHidden();
      } else {
        assertThat(hovered.getByTestId("action-copy")).isVisible();
        assertThat(hovered.getByTestId("action-more")).isHidden();
      }
      shot(alice, "toolbar-" + width + "-" + theme);
      if (width > 500) {
        // With room for it, "(edited)" ends the text's line rather than taking a line of its own.
        BoundingBox text = row(alice, faster).getByTestId("message-text").boundingBox();
        BoundingBox markBox = mark.boundingBox();
        assertThat(markBox.y + markBox.height / 2).isBetween(text.y, text.y + text.height);
        assertThat(markBox.x).isGreaterThan(text.x + text.width - 1);
      }

      Locator chips = row(alice, ship).getByTestId("reactions");
      assertInside(chips.boundingBox(), row(alice, ship).boundingBox());
      hovered.getByTestId("action-react").click();
      assertThat(alice.getByTestId("reaction-picker")).isVisible();
      assertInside(alice.getByTestId("reaction-picker").boundingBox(), viewport(alice));
      shot(alice, "chips-and-quick-reactions-" + width + "-" + theme);
      alice.keyboard().press("Escape");
      assertThat(alice.getByTestId("reaction-picker")).hasCount(0);
      assertThat(hovered.getByTestId("action-react")).isFocused();

      alice.getByTestId("composer").focus();
      alice.getByTestId("composer").press("ArrowUp");
      Locator editor = row(alice, ship).getByTestId("message-editor");
      assertThat(editor).isFocused();
      assertInside(editor.boundingBox(), row(alice, ship).boundingBox());
      shot(alice, "edit-" + width + "-" + theme);
      editor.press("Escape");
      assertThat(editor).hasCount(0);
    }
    Object overflow =
        alice.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
    assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
  }

  @ParameterizedTest
  @EnumSource(Theme.class)
  void aLongPressOpensTheSheetButATapOrASwipeDoesNot(Theme theme) {
    Page phone =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 780)
                    .setIsMobile(true)
                    .setHasTouch(true)
                    .setColorScheme(theme.scheme)),
            unique("alice"));
    String text = unique("Long-press me, number ");
    send(phone, text);
    String seq = seqOf(phone, text);
    Locator message = row(phone, seq);
    Locator sheet = phone.getByTestId("action-sheet");
    CDPSession touch = phone.context().newCDPSession(phone);

    BoundingBox box = visibleBox(message.getByTestId("message-text"));
    double x = box.x + 20;
    double y = box.y + box.height / 2;
    touch(touch, "touchStart", x, y);
    touch(touch, "touchEnd", x, y);
    phone.waitForTimeout(800);
    assertThat(sheet).isHidden();

    touch(touch, "touchStart", x, y);
    touch(touch, "touchMove", x + 40, y + 30);
    phone.waitForTimeout(800);
    touch(touch, "touchEnd", x + 40, y + 30);
    assertThat(sheet).isHidden();

    touch(touch, "touchStart", x, y);
    phone.waitForTimeout(700);
    assertThat(sheet).isVisible();
    touch(touch, "touchEnd", x, y);
    assertThat(sheet).isVisible(); // lifting the finger does not "click" the sheet away
    assertThat(sheet.getByTestId("sheet-edit")).isVisible();
    assertThat(sheet.getByTestId("sheet-copy")).isVisible();
    assertThat(sheet.getByTestId("sheet-delete")).isVisible();
    BoundingBox sheetBox = visibleBox(sheet);
    assertThat(sheetBox.width).isLessThanOrEqualTo(390.5);
    assertThat(sheetBox.y + sheetBox.height).isGreaterThan(779);
    shot(phone, "sheet-390-" + theme);

    quickReaction(phone, "👍").first().click();
    assertThat(sheet).isHidden();
    assertThat(chip(message, "👍")).hasText("👍 1");
    assertThat(chip(message, "👍")).hasAttribute("aria-pressed", "true");
    shot(phone, "chip-390-" + theme);
  }

  private static void touch(CDPSession cdp, String type, double x, double y) {
    JsonArray points = new JsonArray();
    if (!type.equals("touchEnd")) {
      JsonObject point = new JsonObject();
      point.addProperty("x", x);
      point.addProperty("y", y);
      points.add(point);
    }
    JsonObject params = new JsonObject();
    params.addProperty("type", type);
    params.add("touchPoints", points);
    cdp.send("Input.dispatchTouchEvent", params);
  }

  private static BoundingBox viewport(Page page) {
    BoundingBox box = new BoundingBox();
    box.x = 0;
    box.y = 0;
    box.width = page.viewportSize().width;
    box.height = page.viewportSize().height;
    return box;
  }

  private static void assertInside(BoundingBox inner, BoundingBox outer) {
    assertThat(inner.x).isGreaterThanOrEqualTo(outer.x - 0.5);
    assertThat(inner.y).isGreaterThanOrEqualTo(outer.y - 0.5);
    assertThat(inner.x + inner.width).isLessThanOrEqualTo(outer.x + outer.width + 0.5);
    assertThat(inner.y + inner.height).isLessThanOrEqualTo(outer.y + outer.height + 0.5);
  }

  private static void shot(Page page, String name) {
    if (SHOTS == null || SHOTS.isBlank()) return;
    Path file = Paths.get(SHOTS, name.toLowerCase() + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
  }
}
