package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Images in the conversation: pasted, attached or dropped, uploaded with progress, sent as a
 * message, shown to the other person as a thumbnail of the right size that opens a viewer.
 */
class ImageMessageTest extends BrowserTestBase {

  /** Screenshots for people to look at; never compared, never committed. */
  private static final Path SHOTS = Path.of(System.getProperty("java.io.tmpdir"), "parley-shots");

  /**
   * Builds a PNG with a canvas in the page and pastes it into the input as a real ClipboardEvent.
   */
  private static final String PASTE_PNG =
      """
      async ({width, height, name}) => {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const g = canvas.getContext('2d');
        g.fillStyle = '#2563eb';
        g.fillRect(0, 0, width, height);
        g.fillStyle = '#fbbf24';
        g.beginPath();
        g.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, 2 * Math.PI);
        g.fill();
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
        const data = new DataTransfer();
        data.items.add(new File([blob], name, { type: 'image/png' }));
        const input = document.querySelector('[data-testid=composer]');
        input.focus();
        const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        input.dispatchEvent(paste);
        return paste.defaultPrevented;
      }""";

  private static Locator thumbnails(Page page) {
    return page.locator(
        "[data-testid=message-list] [data-testid=message][data-seq] img[data-testid=message-image]");
  }

  private static void awaitLoaded(Locator img) {
    img.scrollIntoViewIfNeeded();
    img.page().waitForFunction("el => el.complete && el.naturalWidth > 0", img.elementHandle());
  }

  /** Two people in a fresh room, the second on a page built by {@code options}. */
  private Page[] twoInARoom(Browser.NewContextOptions options) {
    String room = unique("pics");
    Page alice = login(newPage(options), unique("alice"));
    createRoom(alice, room, "Holiday pictures");
    Page bob = login(newPage(options), unique("bob"));
    joinRoom(bob, room);
    return new Page[] {alice, bob};
  }

  @Test
  void aPastedImageReachesTheOtherPersonAsAThumbnailThatOpensTheViewer() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];
    alice.getByTestId("composer").fill("a draft that stays");

    Object prevented =
        alice.evaluate(PASTE_PNG, Map.of("width", 500, "height", 200, "name", "pasted.png"));
    assertThat((Boolean) prevented).isTrue();

    // 500×200 fits the 360×280 box as 360×144, set before the file loads
    Locator theirs = thumbnails(bob).last();
    assertThat(theirs).hasAttribute("width", "360");
    assertThat(theirs).hasAttribute("height", "144");
    assertThat(theirs).hasAttribute("alt", "pasted.png");
    assertThat(theirs).hasAttribute("loading", "lazy");
    assertThat(theirs)
        .hasAttribute("src", java.util.regex.Pattern.compile("^/uploads/[A-Za-z0-9_-]{43}\\.png$"));
    awaitLoaded(theirs);
    assertThat(((Number) theirs.evaluate("el => el.naturalWidth")).intValue()).isEqualTo(500);
    assertThat(thumbnails(alice).last()).hasAttribute("src", theirs.getAttribute("src"));
    assertThat(alice.getByTestId("composer")).hasValue("a draft that stays");
    assertThat(alice.getByTestId("upload-list")).isHidden();

    Locator opener = bob.locator("[data-testid=message-list] button.msg-image").last();
    opener.click();
    Locator viewer = bob.getByTestId("image-viewer");
    assertThat(viewer).isVisible();
    assertThat(bob.getByTestId("image-viewer-image"))
        .hasAttribute("src", theirs.getAttribute("src"));
    assertThat(bob.getByTestId("image-viewer-caption")).hasText("pasted.png");
    assertThat(bob.getByTestId("image-viewer-close")).isFocused();
    bob.keyboard().press("Escape");
    assertThat(viewer).isHidden();
    assertThat(opener).isFocused();

    opener.click();
    assertThat(viewer).isVisible();
    bob.getByTestId("image-viewer-close").click();
    assertThat(viewer).isHidden();
    assertThat(opener).isFocused();
  }

  @Test
  void severalImagesAttachedThroughTheFileInputGoOutInTheOrderChosen() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];

    alice
        .getByTestId("attach-input")
        .setInputFiles(
            new FilePayload[] {
              new FilePayload("first.jpg", "image/jpeg", TestImages.encoded("jpg", 640, 480, 11)),
              new FilePayload("second.gif", "image/gif", TestImages.encoded("gif", 100, 400, 12)),
            });

    assertThat(thumbnails(bob)).hasCount(2);
    assertThat(thumbnails(bob).nth(0)).hasAttribute("alt", "first.jpg");
    assertThat(thumbnails(bob).nth(0)).hasAttribute("width", "360");
    assertThat(thumbnails(bob).nth(0)).hasAttribute("height", "270");
    assertThat(thumbnails(bob).nth(1)).hasAttribute("alt", "second.gif");
    assertThat(thumbnails(bob).nth(1)).hasAttribute("width", "70");
    assertThat(thumbnails(bob).nth(1)).hasAttribute("height", "280");
  }

  @Test
  void anImageDroppedOnTheConversationIsSent() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];

    alice.evaluate(
        """
        async () => {
          const canvas = document.createElement('canvas');
          canvas.width = 90;
          canvas.height = 60;
          canvas.getContext('2d').fillRect(0, 0, 90, 60);
          const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
          const data = new DataTransfer();
          data.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
          const target = document.querySelector('[data-testid=message-list]');
          const fire = (type) => target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
          fire('dragenter');
          fire('dragover');
          window.dropZoneShown = !document.querySelector('[data-testid=drop-zone]').hidden;
          fire('drop');
        }""");

    assertThat((Boolean) alice.evaluate("() => window.dropZoneShown")).isTrue();
    assertThat(alice.getByTestId("drop-zone")).isHidden();
    assertThat(thumbnails(bob)).hasCount(1);
    assertThat(thumbnails(bob).last()).hasAttribute("alt", "dropped.png");
    assertThat(thumbnails(bob).last()).hasAttribute("width", "90");
    assertThat(thumbnails(bob).last()).hasAttribute("height", "60");
  }

  @Test
  void aRefusedFileIsExplainedInWordsAndNothingIsSent() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];

    // claims to be a PNG and starts like one, but holds no picture: 415, shown as a sentence
    alice
        .getByTestId("attach-input")
        .setInputFiles(
            new FilePayload(
                "notes.png",
                "image/png",
                dev.parley.testing.HostileImages.pngHeaderOnly(640, 480, true)));
    Locator upload = alice.getByTestId("upload");
    assertThat(upload).hasAttribute("data-state", "failed");
    assertThat(upload.getByTestId("upload-status"))
        .hasText("“notes.png” is not a whole image: it has a header but no picture after it.");
    assertThat(upload.getByTestId("upload-status")).hasAttribute("role", "alert");

    // empty: refused before any byte is sent
    alice
        .getByTestId("attach-input")
        .setInputFiles(new FilePayload("empty.pdf", "application/pdf", new byte[0]));
    assertThat(upload).hasCount(2);
    assertThat(upload.nth(1).getByTestId("upload-status")).hasText("“empty.pdf” is empty.");

    upload.nth(0).getByTestId("upload-cancel").click();
    upload.nth(0).getByTestId("upload-cancel").click();
    assertThat(alice.getByTestId("upload-list")).isHidden();
    assertThat(alice.locator("[data-testid=message-list] [data-testid=message]")).hasCount(0);
  }

  @Test
  void anUploadCanBeCancelledWhileItIsInFlight() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];
    AtomicReference<Route> held = new AtomicReference<>();
    alice.route("**/api/uploads", held::set); // never answered: the upload hangs until cancelled

    alice
        .getByTestId("attach-input")
        .setInputFiles(
            new FilePayload("slow.png", "image/png", TestImages.encoded("png", 50, 50, 13)));
    Locator upload = alice.getByTestId("upload");
    assertThat(upload).hasAttribute("data-state", "uploading");
    assertThat(upload.locator("progress")).isVisible();
    upload.getByTestId("upload-cancel").click();

    assertThat(upload).hasCount(0);
    assertThat(alice.getByTestId("composer")).isFocused();
    send(alice, "after the cancel");
    assertThat(confirmedTexts(bob).last()).hasText("after the cancel");
    assertThat(thumbnails(bob)).hasCount(0);
    assertThat(held.get()).isNotNull();
  }

  @Test
  void onlyThisServersUploadsAreEverPutInThePage() {
    Page page = login(unique("careful"));
    @SuppressWarnings("unchecked")
    List<Object> shown =
        (List<Object>)
            page.evaluate(
                """
        async () => {
          const { uploadPath } = await import(new URL('view/image-viewer.js', document.querySelector('script[type=module]').src).href);
          const name = 'A'.repeat(43);
          return [
            `/uploads/${name}.png`,
            `${location.origin}/uploads/${name}.webp`,
            `https://elsewhere.example/uploads/${name}.png`,
            `//elsewhere.example/uploads/${name}.png`,
            `/uploads/${name}.png?track=1`,
            `/uploads/${name}.svg`,
            `/uploads/../${name}.png`,
            'javascript:alert(1)',
            `data:image/png;base64,iVBORw0KGgo=`,
            42,
          ].map(uploadPath);
        }""");
    String name = "A".repeat(43);
    assertThat(shown)
        .containsExactly(
            "/uploads/" + name + ".png",
            "/uploads/" + name + ".webp",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    @SuppressWarnings("unchecked")
    List<Object> placeholder =
        (List<Object>)
            page.evaluate(
                """
        async () => {
          const { renderThumbnail } = await import(new URL('view/image-viewer.js', document.querySelector('script[type=module]').src).href);
          const node = renderThumbnail({ url: 'https://elsewhere.example/pixel.png', width: 1, height: 1 });
          return [node.dataset.testid, node.querySelector('img') === null];
        }""");
    assertThat(placeholder).containsExactly("message-image-blocked", true);
  }

  @Test
  void screenshotsAtDesktopAndPhoneWidthsInLightAndDark() throws Exception {
    Files.createDirectories(SHOTS);
    for (int width : new int[] {1280, 390}) {
      for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
        // the room is made at desktop width (its buttons are in a drawer on a phone), then the
        // window narrows
        Page[] pages =
            twoInARoom(
                new Browser.NewContextOptions().setViewportSize(1280, 800).setColorScheme(scheme));
        Page alice = pages[0];
        Page bob = pages[1];
        bob.setViewportSize(width, width > 500 ? 800 : 844);
        send(alice, "Here are the pictures from Saturday");
        alice.evaluate(PASTE_PNG, Map.of("width", 800, "height", 450, "name", "beach.png"));
        assertThat(thumbnails(bob)).hasCount(1);
        alice
            .getByTestId("attach-input")
            .setInputFiles(
                new FilePayload(
                    "portrait.jpg", "image/jpeg", TestImages.encoded("jpg", 300, 600, 14)));
        assertThat(thumbnails(bob)).hasCount(2);
        for (int i = 0; i < 2; i++) awaitLoaded(thumbnails(bob).nth(i));
        // an upload that stays in flight, and one refused, to show the list above the input
        bob.route("**/api/uploads", route -> {});
        bob.getByTestId("attach-input")
            .setInputFiles(
                new FilePayload[] {
                  new FilePayload(
                      "sunset-over-the-bay.png",
                      "image/png",
                      TestImages.encoded("png", 40, 40, 15)),
                  new FilePayload("notes.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)),
                });
        assertThat(bob.getByTestId("upload")).hasCount(2);
        String tag = width + "-" + scheme.name().toLowerCase();
        bob.screenshot(
            new Page.ScreenshotOptions().setPath(SHOTS.resolve("images-" + tag + ".png")));

        bob.locator("[data-testid=message-list] button.msg-image").first().click();
        assertThat(bob.getByTestId("image-viewer")).isVisible();
        awaitLoaded(bob.getByTestId("image-viewer-image"));
        bob.screenshot(
            new Page.ScreenshotOptions().setPath(SHOTS.resolve("viewer-" + tag + ".png")));
        bob.keyboard().press("Escape");

        bob.evaluate(
            """
            () => {
              const data = new DataTransfer();
              data.items.add(new File(['x'], 'drag.png', { type: 'image/png' }));
              document.querySelector('.messages').dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
            }""");
        assertThat(bob.getByTestId("drop-zone")).isVisible();
        bob.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("drop-" + tag + ".png")));
        closeContexts();
      }
    }
  }
}
