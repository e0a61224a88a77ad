package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emoji panel as a person uses it (open it from the composer, search, skin tone, recently used,
 * the keyboard, a phone), messages of only emoji shown large, and the login avatars taken from the
 * emoji data. Set {@code -Dparley.screenshots=DIR} to also save pictures of the panel.
 */
class EmojiPanelTest extends BrowserTestBase {

  private static final String SCREENSHOTS = System.getProperty("parley.screenshots");

  private static Locator picker(Page page) {
    return page.getByTestId("emoji-picker");
  }

  private static Locator cell(Page page, String scope, String name) {
    return page.locator(
        "[data-testid=" + scope + "] [data-testid=emoji-cell][aria-label='" + name + "']");
  }

  private static void openPicker(Page page) {
    page.getByTestId("emoji-button").click();
    assertThat(picker(page)).isVisible();
    assertThat(page.getByTestId("emoji-button")).hasAttribute("aria-expanded", "true");
    assertThat(page.locator("[data-testid=emoji-group]").first()).isVisible();
  }

  @Test
  void searchAndPickInsertsAtTheCaret() {
    Page page = login(unique("picker"));
    Locator composer = page.getByTestId("composer");
    composer.fill("lift off now");
    composer.evaluate("el => el.setSelectionRange(9, 9)");

    openPicker(page);
    assertThat(picker(page)).hasAttribute("role", "dialog");
    assertThat(page.getByTestId("emoji-search")).isFocused();
    page.getByTestId("emoji-search").fill("rocket");
    cell(page, "emoji-results", "rocket").click();

    assertThat(picker(page)).hasCount(0);
    assertThat(composer).hasValue("lift off 🚀now");
    assertThat(composer).isFocused();
    assertThat(page.getByTestId("emoji-button")).hasAttribute("aria-expanded", "false");
  }

  @Test
  void aSkinToneIsAppliedRememberedAndTheEmojiShowsInRecentlyUsed() {
    Page page = login(unique("toned"));
    openPicker(page);
    assertThat(page.locator("[data-testid=emoji-recent]")).hasCount(0);
    page.locator("[data-testid=emoji-tone][data-tone='3']").click();
    assertThat(page.locator("[data-testid=emoji-tone][data-tone='3']"))
        .hasAttribute("aria-checked", "true");
    Locator thumbs = cell(page, "emoji-group", "thumbs up");
    assertThat(thumbs).hasText("👍🏽");
    assertThat(cell(page, "emoji-group", "grinning face")).hasText("😀");
    thumbs.click();
    assertThat(page.getByTestId("composer")).hasValue("👍🏽");

    page.reload();
    assertConnected(page);
    openPicker(page);
    assertThat(page.locator("[data-testid=emoji-tone][data-tone='3']"))
        .hasAttribute("aria-checked", "true");
    Locator recent = page.locator("[data-testid=emoji-recent] [data-testid=emoji-cell]");
    assertThat(recent.first()).hasAttribute("aria-label", "thumbs up");
    assertThat(recent.first()).hasText("👍🏽");

    cell(page, "emoji-group", "red heart").click();
    openPicker(page);
    assertThat(recent).hasText(new String[] {"❤️", "👍🏽"});
  }

  @Test
  void theKeyboardWorksTheWholePanel() {
    Page page = login(unique("keys"));
    openPicker(page);
    page.keyboard().type("joy");
    page.keyboard().press("ArrowDown");
    assertThat(page.locator("[data-testid=emoji-results] [data-testid=emoji-cell]").first())
        .isFocused();
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "face with tears of joy");
    page.keyboard().press("ArrowRight");
    assertThat(page.locator("[data-testid=emoji-results] [data-testid=emoji-cell]").nth(1))
        .isFocused();
    page.keyboard().press("ArrowLeft");
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("composer")).hasValue("😂");

    openPicker(page);
    page.keyboard().press("ArrowDown"); // from the search box into the grid: recently used first
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "face with tears of joy");
    page.keyboard().press("ArrowDown"); // next row: the first row of smileys
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "grinning face");
    page.keyboard().press("ArrowRight");
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "grinning face with big eyes");
    page.keyboard().press("ArrowDown");
    assertThat(page.locator(":focus"))
        .hasAttribute(
            "aria-label",
            (String)
                page.locator("[data-testid=emoji-group] [role=row]")
                    .nth(1)
                    .locator("[data-testid=emoji-cell]")
                    .nth(1)
                    .getAttribute("aria-label"));
    page.keyboard().press("Escape");
    assertThat(picker(page)).hasCount(0);
    assertThat(page.getByTestId("emoji-button")).isFocused();

    openPicker(page);
    page.getByTestId("room-title").click();
    assertThat(picker(page)).hasCount(0);
  }

  @Test
  void aMessageOfOnlyEmojiShowsLargeToTheOtherUser() {
    String room = unique("party");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);

    send(alice, "🎉🎉");
    assertThat(confirmedTexts(bob).last()).hasText("🎉🎉");
    assertThat(confirmedTexts(bob).last()).hasClass(java.util.regex.Pattern.compile("\\bjumbo\\b"));
    send(alice, "🎉 party");
    assertThat(confirmedTexts(bob).last()).hasText("🎉 party");
    assertThat(confirmedTexts(bob).last())
        .not()
        .hasClass(java.util.regex.Pattern.compile("\\bjumbo\\b"));
    double big =
        ((Number)
                confirmedTexts(bob)
                    .nth(confirmedTexts(bob).count() - 2)
                    .evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
            .doubleValue();
    double normal =
        ((Number)
                confirmedTexts(bob)
                    .last()
                    .evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
            .doubleValue();
    assertThat(big).isGreaterThan(normal * 2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theModulesComposeTonesDetectEmojiOnlyTextAndSuggestShortcodes() {
    Page page = newPage();
    @SuppressWarnings("unchecked")
    Map<String, Object> r =
        (Map<String, Object>)
            page.evaluate(
                """
        async () => {
          const d = await import(new URL('emoji/data.js', document.querySelector('script[type=module]').src).href);
          const { emojiSuggestions } = await import(new URL('emoji/shortcodes.js', document.querySelector('script[type=module]').src).href);
          const data = await d.loadEmoji();
          const again = d.loadEmoji();
          const tone = (c) => d.withTone(data.byChar.get(c), 3);
          const items = await emojiSuggestions.items('thu');
          return {
            cached: again === d.loadEmoji(),
            groups: data.groups.length,
            plusOne: data.byShortcode.get('+1').char,
            toned: [tone('👍'), tone('☝️'), tone('🧑‍🤝‍🧑'), tone('🕵️‍♂️'), tone('😀'), d.withTone(data.byChar.get('👍'), 0)],
            only: ['🎉🎉', '👍🏽 ❤️', '🇫🇷', '1️⃣', '👨‍👩‍👧', ' 😀 '].map(d.isEmojiOnly),
            notOnly: ['🎉🎉🎉🎉', 'hi 🎉', '©', '', '12', '🎉a'].map(d.isEmojiOnly),
            search: d.searchEmoji(data, 'rocket', 3).map((e) => e.char),
            words: d.searchEmoji(data, 'red heart', 1).map((e) => e.char),
            first: items[0],
            count: items.length,
            joy: (await emojiSuggestions.items('joy'))[0].insert,
            junk: (await emojiSuggestions.items('10:30')).length,
          };
        }""");
    assertThat(r.get("cached")).isEqualTo(true);
    assertThat(r.get("groups")).isEqualTo(9);
    assertThat(r.get("plusOne")).isEqualTo("👍");
    assertThat(list(r.get("toned")))
        .containsExactly("👍🏽", "☝🏽", "🧑🏽\u200D🤝\u200D🧑🏽", "🕵🏽\u200D♂️", "😀", "👍");
    assertThat(list(r.get("only"))).containsOnly(true);
    assertThat(list(r.get("notOnly"))).containsOnly(false);
    assertThat(list(r.get("search"))).first().isEqualTo("🚀");
    assertThat(list(r.get("words"))).containsExactly("❤️");
    assertThat((Map<Object, Object>) r.get("first"))
        .containsEntry("label", ":thumbsup:")
        .containsEntry("insert", "👍")
        .containsEntry("icon", "👍")
        .containsEntry("detail", "thumbs up")
        .containsKey("key");
    assertThat(((Number) r.get("count")).intValue()).isBetween(2, 8);
    assertThat(r.get("joy")).isEqualTo("😂");
    assertThat(r.get("junk")).isEqualTo(0);
  }

  @Test
  void theLoginAvatarsComeFromTheEmojiData() {
    Page page = newPage();
    Locator choices = page.locator("[data-testid=login-avatar]:not([data-avatar=generated])");
    assertThat(choices.first()).isAttached();
    List<Object> shown = list(choices.evaluateAll("els => els.map(e => e.value)"));
    List<Object> computed =
        list(
            page.evaluate(
                """
        async () => {
          const { loadEmoji } = await import(new URL('emoji/data.js', document.querySelector('script[type=module]').src).href);
          const { avatarChoices } = await import(new URL('emoji/avatars.js', document.querySelector('script[type=module]').src).href);
          const data = await loadEmoji();
          const animals = new Set(data.groups.find((g) => g.name === 'Animals & Nature').emoji.map((e) => e.char));
          const choices = avatarChoices(data);
          return choices.every((c) => animals.has(c)) ? choices : [];
        }"""));
    assertThat(shown).hasSizeGreaterThanOrEqualTo(16).doesNotHaveDuplicates().isEqualTo(computed);
    assertThat(shown).contains("🐶", "🐱");
    assertThat(choices.first()).hasAttribute("aria-label", "Avatar: monkey face");

    choices.nth(1).check();
    page.getByTestId("login-nick").fill(unique("doggo"));
    page.getByTestId("login-submit").click();
    assertConnected(page);
    assertThat(
            page.locator(
                "[data-testid=user-list] .avatar-emoji",
                new Page.LocatorOptions().setHasText("🐶")))
        .isVisible();
  }

  @Test
  void onAPhoneThePanelIsABottomSheet() {
    Page page =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 844)
                    .setIsMobile(true)
                    .setHasTouch(true)),
            unique("phone"));
    openPicker(page);
    BoundingBox box = picker(page).boundingBox();
    assertThat(box.x).isEqualTo(0);
    assertThat(box.width).isEqualTo(390);
    assertThat(box.y + box.height).isCloseTo(844, org.assertj.core.data.Offset.offset(1.0));
    Object overflow =
        page.evaluate(
            "() => document.querySelector('[data-testid=emoji-picker]').scrollWidth - 390");
    assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    page.locator("[data-testid=emoji-tab][data-group='Food & Drink']").click();
    cell(page, "emoji-group", "pizza").click();
    assertThat(page.getByTestId("composer")).hasValue("🍕");
    screenshots(page, 390, 844);
  }

  @Test
  void onADesktopThePanelSitsAboveTheEmojiButton() {
    Page page = login(unique("desk"));
    openPicker(page);
    BoundingBox panel = picker(page).boundingBox();
    BoundingBox button = page.getByTestId("emoji-button").boundingBox();
    assertThat(panel.y + panel.height).isLessThanOrEqualTo(button.y);
    assertThat(panel.x).isBetween(0.0, button.x + button.width);
    page.keyboard().press("Escape");
    screenshots(page, 1280, 800);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** With -Dparley.screenshots=DIR: the open panel, light and dark, at this size. */
  private static void screenshots(Page page, int width, int height) {
    if (SCREENSHOTS == null) return;
    for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
      page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
      openPicker(page);
      page.mouse().move(10, 10);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(
                  Path.of(
                      SCREENSHOTS, "emoji-" + width + "-" + scheme.name().toLowerCase() + ".png")));
      page.getByTestId("emoji-search").fill("heart");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(
                  Path.of(
                      SCREENSHOTS,
                      "emoji-" + width + "-" + scheme.name().toLowerCase() + "-search.png")));
      page.keyboard().press("Escape");
      if (picker(page).count() > 0) page.getByTestId("emoji-button").click();
    }
  }
}
