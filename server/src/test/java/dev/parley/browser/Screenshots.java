package dev.parley.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves the pictures a browser test looked at into the build's output, so whoever reads a test run
 * can open them: {@code server/target/screenshots/NAME.png}, or the folder named by {@code
 * -Dparley.screenshots=DIR}. Always on: a picture costs a few milliseconds and a reviewer should
 * never have to rerun a test to see what it saw.
 */
final class Screenshots {

  private static final Path FOLDER =
      Path.of(System.getProperty("parley.screenshots", "target/screenshots"));

  private Screenshots() {}

  /** The page as it is now, at its viewport's size; returns the file written. */
  static Path save(Page page, String name) {
    try {
      Files.createDirectories(FOLDER);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + FOLDER.toAbsolutePath(), e);
    }
    Path file = FOLDER.resolve(name.toLowerCase() + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
    return file;
  }
}
