package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Markdown renders as people expect from chat apps: emphasis, links, lists, highlighted code with a
 * copy button, mentions.
 */
class MarkdownTest extends BrowserTestBase {

  private static final String JAVA =
      "public class Hello {\n  public static void main(String[] args) {\n"
          + "    System.out.println(\"hi\");   // two spaces kept\n  }\n}";

  /** Errors the second user's page logged from its first load on (a CSP violation is one). */
  private final List<String> readerConsoleErrors = new CopyOnWriteArrayList<>();

  private Page[] twoUsersInARoom(
      Browser.NewContextOptions readerOptions, String aliceNick, String bobNick) {
    String room = unique("md");
    Page alice = login(aliceNick);
    createRoom(alice, room, "");
    Page bob = blankPage(readerOptions);
    bob.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) readerConsoleErrors.add(m.text());
        });
    bob.navigate(baseUrl);
    login(bob, bobNick);
    joinRoom(bob, room);
    return new Page[] {alice, bob};
  }

  private static Locator lastText(Page page) {
    return confirmedTexts(page).last();
  }

  @Test
  void emphasisLinksListsAndBareUrlsRender() {
    Page[] pages =
        twoUsersInARoom(
            new Browser.NewContextOptions().setViewportSize(1280, 800),
            unique("alice"),
            unique("bob"));
    Page alice = pages[0];
    Page bob = pages[1];

    sendSource(
        alice,
        "**bold** and *italic* and ~~gone~~ and `code` and [the docs](https://example.com/docs?a=1&b=2)\n"
            + "second line\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted");
    Locator text = lastText(bob);
    assertThat(text.locator("strong")).hasText("bold");
    assertThat(text.locator("em")).hasText("italic");
    assertThat(text.locator("del")).hasText("gone");
    assertThat(text.locator("p > code")).hasText("code");
    Locator link = text.locator("a");
    assertThat(link).hasText("the docs");
    assertThat(link).hasAttribute("href", "https://example.com/docs?a=1&b=2");
    assertThat(link).hasAttribute("target", "_blank");
    assertThat(link).hasAttribute("rel", "noopener noreferrer");
    assertThat(text.locator("br")).hasCount(1);
    assertThat(text.locator("ul > li")).hasText(new String[] {"one", "two"});
    assertThat(text.locator("ol > li")).hasText(new String[] {"first", "second"});
    assertThat(text.locator("blockquote")).hasText("quoted");

    sendSource(
        alice, "see https://example.org/path?q=1 and www.example.net, or mail ann@example.com");
    Locator links = lastText(bob).locator("a");
    assertThat(links).hasCount(3);
    assertThat(links.nth(0)).hasAttribute("href", "https://example.org/path?q=1");
    assertThat(links.nth(1)).hasAttribute("href", "http://www.example.net");
    assertThat(links.nth(2)).hasAttribute("href", "mailto:ann@example.com");
    for (int i = 0; i < 3; i++) {
      assertThat(links.nth(i)).hasAttribute("target", "_blank");
      assertThat(links.nth(i)).hasAttribute("rel", "noopener noreferrer");
    }

    sendSource(alice, "# A heading\n![a cat](https://example.com/cat.png) and <b>not bold</b>");
    text = lastText(bob);
    assertThat(text.locator("h1, h2, h3, h4, h5, h6, img, b")).hasCount(0);
    assertThat(text.locator("strong")).hasText("A heading");
    assertThat(text.locator("a")).hasAttribute("href", "https://example.com/cat.png");
    assertThat(text.locator("a")).hasText("a cat");
    assertThat(text).containsText("<b>not bold</b>");
  }

  @Test
  void aFencedJavaBlockIsHighlightedKeepsItsSpacesAndCopies() {
    Browser.NewContextOptions withClipboard =
        new Browser.NewContextOptions()
            .setViewportSize(1280, 800)
            .setPermissions(List.of("clipboard-read", "clipboard-write"));
    Page[] pages = twoUsersInARoom(withClipboard, unique("alice"), unique("bob"));
    Page alice = pages[0];
    Page bob = pages[1];

    sendSource(alice, "Look:\n```java\n" + JAVA + "\n```");
    Locator block = lastText(bob).getByTestId("code-block");
    assertThat(block.getByTestId("code-lang")).hasText("java");
    Locator code = block.locator("pre > code.hljs");
    assertThat(code).hasCount(1);
    assertThat(code.locator("span.hljs-keyword").first()).hasText("public");
    assertThat(code.locator("span.hljs-string")).hasText("\"hi\"");
    assertThat(code.locator("span.hljs-comment")).hasText("// two spaces kept");
    assertThat(code.evaluate("c => c.textContent")).isEqualTo(JAVA);
    assertThat(block.locator("pre").evaluate("p => getComputedStyle(p).whiteSpace"))
        .isEqualTo("pre");

    block.getByTestId("code-copy").click();
    assertThat(block.getByTestId("code-copy")).hasText("Copied");
    assertThat(bob.evaluate("() => navigator.clipboard.readText()")).isEqualTo(JAVA);
    assertThat(block.getByTestId("code-copy")).hasText("Copy");

    // The highlight theme follows the app's: GitHub's light keyword colour, then its dark one.
    Locator keyword = code.locator("span.hljs-keyword").first();
    assertThat(keyword).hasCSS("color", "rgb(215, 58, 73)");
    bob.getByTestId("settings-button").click();
    bob.getByTestId("theme-dark").check();
    assertThat(keyword).hasCSS("color", "rgb(255, 123, 114)");
    assertThat(readerConsoleErrors).as("no CSP violation or script error").isEmpty();
  }

  @Test
  void aBlockWithoutALanguageIsDetected() {
    Page[] pages =
        twoUsersInARoom(
            new Browser.NewContextOptions().setViewportSize(1280, 800),
            unique("alice"),
            unique("bob"));
    sendSource(
        pages[0],
        "```\nSELECT name, count(*) FROM users WHERE age > 30 GROUP BY name ORDER BY name;\n```");
    Locator block = lastText(pages[1]).getByTestId("code-block");
    assertThat(block.getByTestId("code-lang")).hasText("sql");
    assertThat(block.locator("code.hljs span.hljs-keyword").first()).hasText("SELECT");
  }

  @Test
  void theCodeButtonAndCtrlShiftCWrapTheSelectionAndEnterAddsLinesInsideABlock() {
    String room = unique("md");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");
    Locator composer = alice.getByTestId("composer");

    composer.fill("int x = 1;");
    composer.selectText();
    alice.getByTestId("code-button").click();
    assertThat(composer).hasValue("```\nint x = 1;\n```");

    composer.fill("");
    composer.press("Control+Shift+C");
    assertThat(composer).hasValue("```\n\n```");
    composer.pressSequentially("a();");
    composer.press("Enter");
    composer.pressSequentially("b();");
    assertThat(composer).hasValue("```\na();\nb();\n```");
    assertThat(alice.locator("#composer-hint")).containsText("Ctrl+Enter sends");
    assertThat(confirmedTexts(alice)).hasCount(0);

    composer.press("Control+Enter");
    assertThat(alice.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(alice)).hasCount(1);
    assertThat(confirmedTexts(alice).last().locator("pre code")).hasText("a();\nb();");
    assertThat(composer).hasValue("");
    assertThat(alice.locator("#composer-hint"))
        .hasText("Enter to send, Shift+Enter for a new line");
  }

  @Test
  void mentionsOfKnownNicksAreMarkedAndStrongestForTheOneNamed() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    Page[] pages =
        twoUsersInARoom(
            new Browser.NewContextOptions().setViewportSize(1280, 800), aliceNick, bobNick);
    Page alice = pages[0];
    Page bob = pages[1];

    sendSource(
        alice,
        "hey @"
            + bobNick.toUpperCase()
            + ", ping @nobody-here and `@"
            + bobNick
            + "` and "
            + bobNick
            + "@example.com");
    Locator mention = lastText(bob).locator(".mention");
    assertThat(mention).hasCount(1);
    assertThat(mention).hasText("@" + bobNick.toUpperCase());
    assertThat(mention).hasAttribute("data-nick", bobNick);
    assertThat(mention).hasClass("mention mention-me");
    Locator seenByAlice = lastText(alice).locator(".mention");
    assertThat(seenByAlice).hasCount(1);
    assertThat(seenByAlice).hasClass("mention");
    assertThat(lastText(bob)).containsText("@nobody-here");

    assertThat(
            bob.evaluate(
                "([text, me]) => import(new URL('markdown.js', document.querySelector('script[type=module]').src).href).then(m => m.mentionsMe(text, me))",
                List.of("hi @" + bobNick, bobNick)))
        .isEqualTo(true);
    assertThat(
            bob.evaluate(
                "([text, me]) => import(new URL('markdown.js', document.querySelector('script[type=module]').src).href).then(m => m.mentionsMe(text, me))",
                List.of("```\n@" + bobNick + "\n```", bobNick)))
        .isEqualTo(false);
  }

  /**
   * Issue 14, item 15: a link's text that names another host than its target shows the real one
   * beside it.
   */
  @Test
  void aLinkWhoseTextNamesAnotherHostShowsWhereItReallyGoes() {
    Page[] pages =
        twoUsersInARoom(
            new Browser.NewContextOptions().setViewportSize(1280, 800),
            unique("alice"),
            unique("bob"));
    sendSource(
        pages[0],
        "[https://bank.example/login](https://evil.example/steal), [bank.example](https://www.evil.example), "
            + "[apple.com](https://\u0430pple.com), [https://bank.example](https://bank.example@evil.example/), "
            + "[ann@example.com](mailto:mallory@evil.example); fine: [https://example.com/docs](https://example.com/other), "
            + "[the docs](https://evil.example), https://www.example.org/x, [www.bank.example](https://bank.example/)");
    Locator text = lastText(pages[1]);
    assertThat(text.locator("a")).hasCount(9);
    assertThat(text.getByTestId("link-host"))
        .hasText(
            new String[] {
              "(evil.example)",
              "(www.evil.example)",
              "(xn--pple-43d.com)",
              "(evil.example)",
              "(mallory@evil.example)"
            });
    // Beside the link, not inside it: the text people click is unchanged and the real host reads
    // after it.
    assertThat(text.locator("a").first()).hasText("https://bank.example/login");
    assertThat(text.locator("a [data-testid=link-host]")).hasCount(0);
    assertThat(text).containsText("https://bank.example/login (evil.example)");
  }
}
