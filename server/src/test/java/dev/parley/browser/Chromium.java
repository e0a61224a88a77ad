package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The one place that starts a browser for tests: Debian's Chromium, driven by Playwright, with
 * downloads of browsers and drivers switched off. A missing Chromium fails the test (never skips
 * it), saying how to install it.
 */
final class Chromium {

  static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

  private static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          // a microphone that plays a tone and asks nobody: VoiceMessageTest records with it
          "--use-fake-device-for-media-stream",
          "--use-fake-ui-for-media-stream");

  private Chromium() {}

  static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  static Browser launch(Playwright playwright) {
    if (!Files.isExecutable(EXECUTABLE)) {
      fail(
          "Chromium is missing at "
              + EXECUTABLE
              + ": the browser tests need Debian's Chromium. Install it with `apt-get install -y chromium`.");
    }
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS));
  }
}
