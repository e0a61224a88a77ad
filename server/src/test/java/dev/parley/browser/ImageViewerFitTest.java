package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.testing.TestImages;
import org.junit.jupiter.api.Test;

/**
 * A picture larger than the window opens whole (nothing cut off, nothing to scroll), and can be
 * shown at its own size on demand (button, click or Z), scrolled about, and fitted again.
 */
class ImageViewerFitTest extends BrowserTestBase {

  @Test
  void aLargeImageFitsTheWindowAndZoomsToItsOwnSizeAndBack() {
    for (int[] size : new int[][] {{1280, 800}, {390, 780}}) {
      int width = size[0];
      int height = size[1];
      Page alice =
          login(
              newPage(new Browser.NewContextOptions().setViewportSize(width, height)),
              unique("alice"));
      alice
          .getByTestId("attach-input")
          .setInputFiles(
              new FilePayload(
                  "big.png", "image/png", TestImages.encoded("png", 1600, 1200, width)));
      Locator thumb =
          alice
              .locator("[data-testid=message-list] [data-testid=message][data-seq]")
              .last()
              .locator("img[data-testid=message-image]");
      assertThat(thumb).hasCount(1);
      thumb.scrollIntoViewIfNeeded();
      alice.waitForFunction("el => el.complete && el.naturalWidth > 0", thumb.elementHandle());
      thumb.click();

      Locator viewer = alice.getByTestId("image-viewer");
      Locator image = alice.getByTestId("image-viewer-image");
      Locator stage = alice.getByTestId("image-viewer-stage");
      assertThat(viewer).isVisible();
      alice.waitForFunction("el => el.complete && el.naturalWidth === 1600", image.elementHandle());
      BoundingBox fit = image.boundingBox();
      Screenshots.save(alice, "viewer-fit-" + width);
      assertThat(fit.x).isGreaterThanOrEqualTo(0);
      assertThat(fit.y).isGreaterThanOrEqualTo(0);
      assertThat(fit.x + fit.width).isLessThanOrEqualTo(width + 0.5);
      assertThat(fit.y + fit.height).isLessThanOrEqualTo(height + 0.5);
      assertThat(fit.width / fit.height)
          .isCloseTo(4.0 / 3.0, org.assertj.core.data.Offset.offset(0.02));
      assertThat(scrollable(stage)).isFalse();

      Locator zoom = alice.getByTestId("image-viewer-zoom");
      assertThat(zoom).hasText("Actual size");
      zoom.click();
      assertThat(zoom).hasText("Fit to screen");
      BoundingBox full = image.boundingBox();
      assertThat(full.width).isEqualTo(1600);
      assertThat(full.height).isEqualTo(1200);
      assertThat(scrollable(stage)).isTrue();
      // The whole picture can be reached: scrolled to its end, its bottom-right corner is in sight.
      stage.evaluate("el => { el.scrollTop = el.scrollHeight; el.scrollLeft = el.scrollWidth; }");
      BoundingBox end = image.boundingBox();
      assertThat(end.y + end.height).isLessThanOrEqualTo(height + 0.5);
      assertThat(end.x + end.width).isLessThanOrEqualTo(width + 0.5);
      Screenshots.save(alice, "viewer-full-" + width);

      alice.keyboard().press("z");
      assertThat(zoom).hasText("Actual size");
      assertThat(image.boundingBox().width).isEqualTo(fit.width);
      image.click();
      assertThat(zoom).hasText("Fit to screen");
      assertThat(image.boundingBox().width).isEqualTo(1600);
      image.click();
      assertThat(zoom).hasText("Actual size");
      assertThat(viewer).isVisible();
      alice.keyboard().press("Escape");
      assertThat(viewer).isHidden();
    }
  }

  private static boolean scrollable(Locator stage) {
    return (Boolean)
        stage.evaluate(
            "el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1");
  }
}
