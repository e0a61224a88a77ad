package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.links.TestFetchers;
import dev.parley.testing.LinkedSite;
import dev.parley.testing.TestImages;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A link to a page served on 127.0.0.1 gets a card under its message for everyone in the room: the
 * page's title, description and image, the image from this server (the browser never asks the
 * linked site for anything), the page's text shown as text even when it looks like HTML. The
 * author's × removes it for everyone.
 */
class LinkPreviewInBrowserTest extends BrowserTestBase {

  static final LinkedSite site = new LinkedSite();

  @BeforeAll
  static void previewsOn() {
    server.chat().linkPreviews().start(TestFetchers.loopback());
    site.page(
            "/release",
            LinkedSite.openGraph(
                "Parley 2.0 release checklist",
                "Freeze the branch, run the sweep, tag it &lt;b&gt;not bold&lt;/b&gt;"
                    + " &lt;img src=x onerror=alert(1)&gt; then announce it in #general.",
                "/card.png"))
        .file("/card.png", "image/png", TestImages.encoded("png", 600, 315, 7));
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void aLinkShowsItsPreviewCardAndTheAuthorRemovesIt() {
    Page ann = login(unique("ann"));
    String room = unique("links");
    createRoom(ann, room, "");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    List<String> bobAsked = new CopyOnWriteArrayList<>();
    bob.onRequest(r -> bobAsked.add(r.url()));
    String link = site.url("/release");

    send(ann, "Checklist for Friday: " + link);
    String seq = seqOf(ann, "Checklist for Friday: " + link);

    for (Page p : List.of(ann, bob)) {
      Locator card = row(p, seq).getByTestId("link-preview");
      assertThat(card.getByTestId("link-preview-title")).hasText("Parley 2.0 release checklist");
      assertThat(card.getByTestId("link-preview-description"))
          .hasText(
              "Freeze the branch, run the sweep, tag it <b>not bold</b> <img src=x"
                  + " onerror=alert(1)> then announce it in #general.");
      assertThat(card.getByTestId("link-preview-host")).hasText("127.0.0.1:" + site.port());
      assertThat(card.locator("b")).hasCount(0);
      assertThat(card.locator("img")).hasCount(1);
      assertThat(card.getByTestId("link-preview-image"))
          .hasAttribute(
              "src", java.util.regex.Pattern.compile("^/uploads/previews/[\\w-]{32}\\.png$"));
      p.waitForFunction(
          "() => [...document.querySelectorAll('[data-testid=link-preview-image]')]"
              + ".every(i => i.complete && i.naturalWidth > 0)");
    }
    assertThat(row(ann, seq).getByTestId("link-preview-remove")).isVisible();
    assertThat(row(bob, seq).getByTestId("link-preview-remove")).hasCount(0);
    assertThat(row(ann, seq).locator(".link-preview-body"))
        .hasAttribute("rel", "noopener noreferrer nofollow");
    // the reader's browser asked this server only, never the linked site
    org.assertj.core.api.Assertions.assertThat(bobAsked)
        .noneMatch(u -> u.contains(":" + site.port()));

    Screenshots.save(ann, "link-preview-author-1280");
    // the message's toolbar never covers the card or its ×
    row(ann, seq).getByTestId("message-text").hover();
    assertThat(ann.getByTestId("message-actions")).isVisible();
    Object overlap =
        ann.evaluate(
            "() => { const a = document.querySelector('[data-testid=message-actions]')"
                + ".getBoundingClientRect(); const b = document.querySelector("
                + "'[data-testid=link-preview-remove]').getBoundingClientRect();"
                + " return a.left < b.right && b.left < a.right && a.top < b.bottom"
                + " && b.top < a.bottom; }");
    org.assertj.core.api.Assertions.assertThat(overlap).isEqualTo(false);
    Screenshots.save(ann, "link-preview-hover-1280");
    Screenshots.save(bob, "link-preview-1280");
    narrow(bob);
    narrow(ann);
    Screenshots.save(bob, "link-preview-390");
    Screenshots.save(ann, "link-preview-author-390");

    // a reload finds it again (from the device's history or the server's)
    bob.reload();
    assertConnected(bob);
    assertThat(row(bob, seq).getByTestId("link-preview-title"))
        .hasText("Parley 2.0 release checklist");

    row(ann, seq).getByTestId("link-preview-remove").click();
    assertThat(row(ann, seq).getByTestId("link-preview")).hasCount(0);
    assertThat(row(bob, seq).getByTestId("link-preview")).hasCount(0);
    assertThat(row(bob, seq).getByTestId("message-text")).containsText(link);
  }
}
