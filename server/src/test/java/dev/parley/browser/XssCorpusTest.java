package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Hostile message text, sent through the server like any message, renders inert on the other user's
 * page: nothing runs, no dangerous element or attribute reaches the DOM, nothing is fetched from
 * elsewhere.
 */
class XssCorpusTest extends BrowserTestBase {

  /**
   * Script-capable schemes, as a browser reads them (case-insensitive, control characters and
   * spaces ignored).
   */
  private static final String SCRIPT_SCHEME = "/^(javascript|vbscript|data|livescript|mocha):/";

  static final List<String> CORPUS =
      List.of(
          "<script>window.__xss=1;alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "<img src=\"x\" onerror=\"window.__xss=1\">",
          "<img src=x:alert(alt) onerror=eval(src) alt=0>",
          "<img src=\"https://evil.example/pixel.png\">",
          "<svg onload=alert(1)>",
          "<svg><script>window.__xss=1</script></svg>",
          "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
          "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
          "<math href=\"javascript:alert(1)\">CLICKME</math>",
          "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
          "<math><maction actiontype=\"statusline#\" xlink:href=\"javascript:alert(1)\">click</maction></math>",
          "<body onload=alert(1)>",
          "<details open ontoggle=alert(1)>",
          "<input autofocus onfocus=alert(1)>",
          "<video><source onerror=\"alert(1)\"></video>",
          "<iframe src=\"javascript:alert(1)\"></iframe>",
          "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
          "<object data=\"javascript:alert(1)\"></object>",
          "<embed src=\"javascript:alert(1)\">",
          "<form action=\"javascript:alert(1)\"><button>go</button></form>",
          "<button formaction=\"javascript:alert(1)\">x</button>",
          "<base href=\"javascript:alert(1)//\">",
          "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
          "<style>*{background:url(\"javascript:alert(1)\")} @import 'https://evil.example/x.css';</style>",
          "<link rel=stylesheet href=https://evil.example/x.css>",
          "<div style=\"background-image:url(javascript:alert(1))\">styled</div>",
          "<a href=\"https://evil.example\" style=\"position:fixed;inset:0\">cover</a>",
          "<a href=\"javascript:alert(1)\">click</a>",
          "<a href=\"jav&#x0A;ascript:alert(1)\">click</a>",
          "<a href=\"&#14;javascript:alert(1)\">click</a>",
          "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
          "<template><script>alert(1)</script></template>",
          "<select><noembed></select><img src=x onerror=alert(1)></noembed>",
          "[click](javascript:alert(1))",
          "[click](JaVaScRiPt:window.__xss=1)",
          "[click](vbscript:msgbox(1))",
          "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
          "[click](&#106;avascript:alert(1))",
          "[click](&#x6A;avascript:alert(1))",
          "[click](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
          "[click](jav&#x09;ascript:alert(1))",
          "[click](java\tscript:alert(1))",
          "[click](<java\nscript:alert(1)>)",
          "[click](javascript&colon;alert(1))",
          "[click](<javascript:alert(1)>)",
          "[click](/relative/path) and [app](#settings)",
          "[a](<https://ok.example/\" onmouseover=\"alert(1)>)",
          "[x](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
          "[<img src=x onerror=alert(1)>](https://ok.example)",
          "![img](javascript:alert(1))",
          "![img](https://evil.example/track.png)",
          "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
          "![x\" onerror=\"alert(1)](https://evil.example/a.png)",
          "[ref]\n\n[ref]: javascript:alert(1)",
          "<javascript:alert(1)>",
          "<vbscript:msgbox(1)>",
          "<data:text/html,<script>alert(1)</script>>",
          "www.evil.example/\"onmouseover=\"alert(1)",
          "**<img src=x onerror=alert(1)>** _<svg onload=alert(1)>_",
          "`<img src=x onerror=alert(1)>`",
          "```html\n<script>window.__xss=1</script>\n<img src=x onerror=alert(1)>\n```",
          "```\"><img src=x onerror=alert(1)>\nx\n```",
          "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
          "- [ ] <input onfocus=alert(1) autofocus>\n- [x] done",
          "@<img src=x onerror=alert(1)>",
          "<!--<img src=x onerror=alert(1)>-->",
          "<![CDATA[<img src=x onerror=alert(1)>]]>",
          "&lt;img src=x onerror=alert(1)&gt;");

  @Test
  void aCorpusOfPayloadsRendersInertForTheReader() throws InterruptedException {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
    List<String> dialogs = new CopyOnWriteArrayList<>();
    List<String> foreign = new CopyOnWriteArrayList<>();
    String room = unique("xss");

    Page reader = login(unique("victim"));
    BrowserContext context = reader.context();
    context.onRequest(
        r -> {
          String url = r.url();
          if (!url.startsWith(baseUrl) && !url.startsWith("data:") && !url.startsWith("blob:"))
            foreign.add(url);
        });
    context.route(url -> !url.startsWith(baseUrl), route -> route.abort());
    reader.onDialog(
        d -> {
          dialogs.add(d.message());
          d.dismiss();
        });
    createRoom(reader, room, "");

    try (TestClient mallory =
        TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))) {
      mallory.hello(unique("mallory"));
      mallory.join(room);
      for (String payload : CORPUS) {
        mallory.say(room, payload);
        Thread.sleep(1000 / 25); // stay inside the server's rate limit
      }
    }

    Locator texts = confirmedTexts(reader);
    assertThat(texts).hasCount(CORPUS.size());
    // Give every handler a chance: hover each message, focus what can be focused, let timers run.
    for (int i = 0; i < CORPUS.size(); i++) texts.nth(i).hover();
    reader.keyboard().press("Tab");
    reader.evaluate("() => new Promise(r => setTimeout(r, 500))");

    String list = "[data-testid=message-list]";
    assertThat(dialogs).isEmpty();
    assertThat(reader.evaluate("() => window.__xss")).isNull();
    assertThat(foreign).isEmpty();
    String text = list + " [data-testid=message-text]";
    assertThat(
            reader.locator(
                list
                    + " :is(script, iframe, object, embed, style, form, base, meta, link, "
                    + "template, noscript, frame, frameset)"))
        .hasCount(0);
    assertThat(
            reader.locator(
                text + " :is(svg, math, img, input, textarea, select, video, audio, source)"))
        .hasCount(0);
    assertThat(reader.locator(text + " [style]")).hasCount(0);
    assertThat(reader.locator(text + " :is([id], [name])")).hasCount(0);

    List<?> handlers =
        (List<?>)
            reader.evaluate(
                "sel => [...document.querySelectorAll(sel + ' *')]"
                    + ".flatMap(el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))",
                list);
    assertThat(handlers).isEmpty();
    List<?> scriptUrls =
        (List<?>)
            reader.evaluate(
                "sel => [...document.querySelectorAll(sel + ' *')].flatMap(el => "
                    + "['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background']"
                    + ".map(n => el.getAttribute(n)).filter(v => v != null && "
                    + SCRIPT_SCHEME
                    + "i.test(v.replace(/[\\u0000-\\u0020\\u00a0]/g, ''))).map(v => el.tagName + ' ' + v))",
                list);
    assertThat(scriptUrls).isEmpty();
    List<?> links =
        (List<?>)
            reader.evaluate(
                "sel => [...document.querySelectorAll(sel + ' [data-testid=message-text] a')]"
                    + ".map(a => [a.getAttribute('href'), a.target, a.rel].join(' | '))",
                list);
    assertThat(links)
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat((String) l)
                    .matches("(https?|mailto):\\S* \\| _blank \\| noopener noreferrer"));

    // Markup people type shows as the text they typed.
    assertThat(texts.nth(CORPUS.indexOf("<img src=x onerror=alert(1)>")))
        .hasText("<img src=x onerror=alert(1)>");
    assertThat(texts.nth(CORPUS.indexOf("[click](javascript:alert(1))"))).hasText("click");
    assertThat(texts.nth(CORPUS.indexOf("<javascript:alert(1)>"))).hasText("javascript:alert(1)");
  }
}
