package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files of any type and voice messages in the browser: a PDF sent by the attach button reaches the
 * other person as a card that downloads it under its name; an audio file plays inline and seeks.
 */
class FileMessageTest extends BrowserTestBase {

  /** Two people in a fresh room; the first may use the microphone. */
  static Page[] twoInARoom(BrowserTestBase base, Browser.NewContextOptions options) {
    String room = unique("files");
    Page alice = base.login(base.newPage(options), unique("alice"));
    alice.context().grantPermissions(List.of("microphone"));
    createRoom(alice, room, "Shared files");
    Page bob = base.login(base.newPage(options), unique("bob"));
    joinRoom(bob, room);
    return new Page[] {alice, bob};
  }

  private Page[] twoInARoom(Browser.NewContextOptions options) {
    return twoInARoom(this, options);
  }

  static Locator lastMessage(Page page) {
    return page.locator("[data-testid=message-list] [data-testid=message][data-seq]").last();
  }

  /** A second of a 440 Hz tone: 8 kHz, 16-bit mono PCM in a WAV file. */
  static byte[] wav(double seconds) {
    int rate = 8000;
    int samples = (int) (rate * seconds);
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++)
      b.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
    return b.array();
  }

  static byte[] pdf() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 300; i++)
      out.writeBytes(("% line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Plays the player in {@code card} muted (no gesture needed), seeks, and waits until it has. */
  static void playsAndSeeks(Locator card) {
    Locator player = card.locator("audio");
    player.scrollIntoViewIfNeeded();
    Object played =
        player.evaluate(
            """
            async (a) => {
              a.muted = true;
              if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
              await a.play();
              await new Promise((r) => setTimeout(r, 300));
              const t = a.currentTime;
              a.currentTime = 0.5;
              await new Promise((r) => a.addEventListener('seeked', r, { once: true }));
              a.pause();
              return t > 0 && a.error == null;
            }""");
    assertThat(played).isEqualTo(true);
  }

  @Test
  void aPdfArrivesAsACardThatDownloadsItUnderItsName() throws Exception {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];
    byte[] pdf = pdf();
    alice
        .getByTestId("attach-input")
        .setInputFiles(new FilePayload("Budget 2027.pdf", "application/pdf", pdf));

    Locator card = lastMessage(bob).getByTestId("file-card");
    assertThat(card.getByTestId("file-name")).hasText("Budget 2027.pdf");
    assertThat(card.getByTestId("file-meta")).hasText("3 KB");
    assertThat(card.locator("audio, video")).hasCount(0);
    assertThat(lastMessage(alice).getByTestId("file-card")).isVisible();

    Download download = bob.waitForDownload(() -> card.getByTestId("file-download").click());
    assertThat(download.suggestedFilename()).isEqualTo("Budget 2027.pdf");
    assertThat(Files.readAllBytes(download.path())).isEqualTo(pdf);

    Screenshots.save(bob, "file-pdf-1280");
  }

  @Test
  void anAudioFilePlaysInlineAndSeeks() {
    Page[] pages = twoInARoom(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page alice = pages[0];
    Page bob = pages[1];
    alice
        .getByTestId("attach-input")
        .setInputFiles(new FilePayload("tone.wav", "audio/wav", wav(2)));
    Locator card = lastMessage(bob).getByTestId("file-card");
    assertThat(card.getByTestId("file-name")).hasText("tone.wav");
    assertThat(card.getByTestId("file-audio")).isVisible();
    playsAndSeeks(card);
    Screenshots.save(bob, "file-audio-1280");
    narrow(bob);
    assertThat(card.getByTestId("file-audio")).isVisible();
    Screenshots.save(bob, "file-audio-390");
  }

  @Test
  void aFileCardOnlyEverLoadsThisServersUploadsAndShowsItsNameAsText() {
    Page page = login(unique("careful"));
    @SuppressWarnings("unchecked")
    List<Object> shown =
        (List<Object>)
            page.evaluate(
                """
        async () => {
          const { renderFile } = await import(new URL('view/file-card.js', document.querySelector('script[type=module]').src).href);
          const name = 'A'.repeat(43);
          return [
            `/uploads/${name}.ogg`,
            `https://elsewhere.example/uploads/${name}.ogg`,
            `//elsewhere.example/uploads/${name}.ogg`,
            `/uploads/${name}.ogg?track=1`,
            `/uploads/../${name}.ogg`,
            'javascript:alert(1)',
            'data:audio/ogg;base64,T2dnUw==',
          ].map((url) => {
            const card = renderFile({ url, name: '<img src=x onerror=alert(1)>.ogg', size: 9, type: 'audio/ogg' });
            document.body.append(card);
            const loaded = [...card.querySelectorAll('[src], [href]')].map((el) => el.getAttribute('src') ?? el.getAttribute('href'));
            const text = card.querySelector('[data-testid=file-name]').textContent;
            const injected = card.querySelector('img') !== null;
            card.remove();
            return JSON.stringify({ loaded, text, injected });
          });
        }""");
    String name = "A".repeat(43);
    assertThat(shown.get(0))
        .isEqualTo(
            "{\"loaded\":[\"/uploads/"
                + name
                + ".ogg\",\"/uploads/"
                + name
                + ".ogg\"],\"text\":\"<img src=x onerror=alert(1)>.ogg\",\"injected\":false}");
    for (Object other : shown.subList(1, shown.size()))
      assertThat(other)
          .isEqualTo(
              "{\"loaded\":[],\"text\":\"<img src=x onerror=alert(1)>.ogg\",\"injected\":false}");
  }
}
