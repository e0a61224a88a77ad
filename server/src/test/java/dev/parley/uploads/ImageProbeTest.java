package dev.parley.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HostileImages;
import dev.parley.testing.HostileImages.Frame;
import dev.parley.testing.TestImages;
import dev.parley.uploads.ImageProbe.Info;
import dev.parley.uploads.ImageProbe.Refused;
import dev.parley.uploads.ImageProbe.Type;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The type and size of an image, told from its header alone; everything else refused. */
class ImageProbeTest {

  private static Info probe(byte[] bytes) throws Exception {
    return ImageProbe.probe(new ByteArrayInputStream(bytes), bytes.length);
  }

  private static String refusal(byte[] bytes) {
    try {
      Info info = probe(bytes);
      throw new AssertionError("accepted as " + info);
    } catch (Refused r) {
      return r.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void encodedImagesAreRecognisedWithTheirSize() throws Exception {
    assertThat(probe(TestImages.png(37, 21))).isEqualTo(new Info(Type.PNG, 37, 21));
    assertThat(probe(TestImages.jpeg(64, 48))).isEqualTo(new Info(Type.JPEG, 64, 48));
    assertThat(probe(TestImages.gif(19, 33))).isEqualTo(new Info(Type.GIF, 19, 33));
  }

  @Test
  void eachKindOfWebpIsRecognisedWithItsSize() throws Exception {
    assertThat(probe(TestImages.webpLossy(320, 200))).isEqualTo(new Info(Type.WEBP, 320, 200));
    assertThat(probe(TestImages.webpLossless(16383, 1))).isEqualTo(new Info(Type.WEBP, 16383, 1));
    assertThat(probe(TestImages.webpExtended(1920, 1080)))
        .isEqualTo(new Info(Type.WEBP, 1920, 1080));
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 7, 8})
  void aJpegTurnedAQuarterByExifReportsItsSidesSwapped(int orientation) throws Exception {
    byte[] jpeg =
        TestImages.withExifOrientation(TestImages.jpeg(64, 48), orientation, orientation % 2 == 0);
    assertThat(probe(jpeg)).isEqualTo(new Info(Type.JPEG, 48, 64));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void aJpegUprightOrFlippedByExifKeepsItsSides(int orientation) throws Exception {
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(64, 48), orientation, false);
    assertThat(probe(jpeg)).isEqualTo(new Info(Type.JPEG, 64, 48));
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() {
    assertThat(refusal(TestImages.pngDeclaring(100_000, 100_000)))
        .isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(20_001, 10))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(10_000, 5_001))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(0xFFFF_FFFFL, 1)))
        .isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.webpExtended(16_000, 16_000))).isEqualTo(Refused.TOO_MANY_PIXELS);
  }

  @Test
  void theLargestAcceptedCanvasPassesInAFileLargeEnoughForIt() throws Exception {
    // 50 MP: 16 free, 34 at 100 pixels a byte, 340 KB
    assertThat(probe(HostileImages.png(10_000, 5_000, 340_100)))
        .isEqualTo(new Info(Type.PNG, 10_000, 5_000));
    assertThat(refusal(HostileImages.png(10_000, 5_000, 330_000)))
        .isEqualTo(Refused.TOO_MANY_PIXELS);
  }

  @Test
  void textHtmlAndOtherFormatsAreNotImages() {
    byte[] text = "just some text, not a picture\n".getBytes(StandardCharsets.UTF_8);
    byte[] html =
        "<!doctype html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    byte[] svg =
        "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"
            .getBytes(StandardCharsets.UTF_8);
    byte[] bmp = TestImages.encoded("bmp", 4, 4, 0);
    byte[] riffWave = "RIFF\u0024\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    for (byte[] b :
        new byte[][] {text, html, svg, bmp, riffWave, new byte[0], new byte[] {(byte) 0x89, 'P'}}) {
      assertThat(refusal(b)).isEqualTo(Refused.NOT_AN_IMAGE);
    }
  }

  @Test
  void truncatedAndBrokenHeadersAreRefused() {
    byte[] png = TestImages.png(10, 10);
    assertThat(refusal(Arrays.copyOf(png, 20))).isEqualTo(Refused.NOT_AN_IMAGE);
    byte[] jpeg = TestImages.jpeg(10, 10);
    assertThat(refusal(Arrays.copyOf(jpeg, 40))).isEqualTo(Refused.NOT_AN_IMAGE);
    byte[] renamedChunk = png.clone();
    renamedChunk[12] = 'X'; // IHDR → XHDR
    assertThat(refusal(renamedChunk)).isEqualTo(Refused.NOT_AN_IMAGE);
    byte[] noStartCode = TestImages.webpLossy(10, 10);
    noStartCode[23] = 0;
    assertThat(refusal(noStartCode)).isEqualTo(Refused.NOT_AN_IMAGE);
    assertThat(refusal(TestImages.pngDeclaring(0, 10))).isEqualTo(Refused.NOT_AN_IMAGE);
  }

  @Test
  void aJpegWithImageDataBeforeAnyFrameHeaderIsRefused() {
    byte[] scanFirst = {
      (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0
    };
    assertThat(refusal(scanFirst)).isEqualTo(Refused.NOT_AN_IMAGE);
  }

  @Test
  void exifWithoutAnOrientationOrMalformedCountsAsUpright() {
    assertThat(ExifOrientation.of("Exif\0\0II*\0".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(1);
    assertThat(
            ExifOrientation.of(
                "Exif\0\0XX*\0\u0008\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(1);
    assertThat(ExifOrientation.of("not exif at all!".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(1);
  }

  @Test
  void extensionsMapBackToTypes() {
    for (Type t : Type.values()) assertThat(Type.ofExtension(t.extension)).isEqualTo(t);
    assertThat(Type.ofExtension("svg")).isNull();
  }

  // Issue 14, item 11: what a header alone let through.

  @Test
  void aGifWhoseFrameIsFarLargerThanItsScreenIsRefused() {
    // the audit's file: a 1×1 screen and one 8000×8000 frame (64 megapixels to paint)
    assertThat(refusal(HostileImages.gif(1, 1, new Frame(0, 0, 8000, 8000))))
        .isEqualTo("too_many_pixels");
    // a frame placed past the largest side a screen may have
    assertThat(refusal(HostileImages.gif(10, 10, new Frame(19_995, 0, 10, 10))))
        .isEqualTo("too_many_pixels");
    // the second frame of an animation is checked as well as the first
    assertThat(
            refusal(
                HostileImages.gif(
                    100, 100, new Frame(0, 0, 100, 100), new Frame(0, 0, 9000, 9000))))
        .isEqualTo("too_many_pixels");
  }

  @Test
  void anAnimatedGifWithinItsScreenIsTaken() throws Exception {
    byte[] gif =
        HostileImages.gif(
            300,
            200,
            new Frame(0, 0, 300, 200),
            new Frame(10, 20, 100, 50),
            new Frame(0, 0, 300, 200));
    assertThat(probe(gif)).isEqualTo(new Info(Type.GIF, 300, 200));
  }

  @Test
  void aSmallPngDeclaringTensOfMegapixelsIsRefused() {
    // the audit's file: 49 megapixels in 143 KB, 343 pixels to decode for every byte sent
    byte[] bomb = HostileImages.png(7000, 7000, 143_000);
    assertThat(bomb.length).isBetween(143_000, 144_000);
    assertThat(refusal(bomb)).isEqualTo("too_many_pixels");
    assertThat(refusal(TestImages.pngDeclaring(10_000, 5_000))).isEqualTo("too_many_pixels");
  }

  @Test
  void aLargeCanvasIsTakenWhenTheFileIsLargeEnoughForIt() throws Exception {
    // 16 megapixels of any size are free (a 5K screenshot of an empty desktop compresses well)
    assertThat(probe(HostileImages.png(4000, 4000, 200))).isEqualTo(new Info(Type.PNG, 4000, 4000));
    // beyond that, each 100 pixels need a byte: 49 MP needs 330 KB
    assertThat(probe(HostileImages.png(7000, 7000, 340_000)))
        .isEqualTo(new Info(Type.PNG, 7000, 7000));
  }

  @Test
  void filesThatAreAHeaderAndNoImageAreBadImages() {
    byte[] jpeg = TestImages.jpeg(40, 30);
    for (byte[] headerOnly :
        new byte[][] {
          HostileImages.pngHeaderOnly(40, 30, true),
          HostileImages.pngHeaderOnly(40, 30, false),
          HostileImages.pngEmptyData(40, 30),
          HostileImages.jpegHeaderOnly(jpeg),
          HostileImages.jpegScanWithoutData(jpeg),
          HostileImages.gifWithoutFrames(40, 30),
          HostileImages.gifFrameWithoutData(40, 30),
          HostileImages.webpFrameHeaderOnly(40, 30),
          HostileImages.webpCanvasOnly(40, 30)
        }) {
      assertThat(refusal(headerOnly)).isEqualTo("bad_image");
    }
  }

  /**
   * Issue 15: random truncations and byte flips of valid images of every kind never make the probe
   * throw anything but its refusal, and never make it slow. Seeded: a failure names the seed and
   * the case, so it can be replayed.
   */
  @Test
  void truncatedAndFlippedImagesAreRefusedOrTakenNeverThrownOrSlow() {
    byte[][] valid = {
      TestImages.encoded("png", 40, 30, 1),
      TestImages.encoded("jpg", 40, 30, 2),
      TestImages.withExifOrientation(TestImages.encoded("jpg", 40, 30, 3), 6, true),
      TestImages.withExifOrientation(TestImages.encoded("jpg", 40, 30, 4), 8, false),
      TestImages.encoded("gif", 40, 30, 5),
      HostileImages.gif(300, 200, new Frame(0, 0, 300, 200), new Frame(10, 20, 100, 50)),
      TestImages.webpLossy(40, 30),
      TestImages.webpLossless(40, 30),
      TestImages.webpExtended(40, 30),
    };
    java.util.Random random = new java.util.Random(14_15);
    long slowest = 0;
    int taken = 0;
    int refused = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] original = valid[round % valid.length];
      byte[] mutated =
          round % 3 == 0
              ? Arrays.copyOf(original, random.nextInt(original.length + 1))
              : original.clone();
      if (round % 3 != 0) {
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
          // the headers are where the parsing happens: flip there most of the time
          int at =
              random.nextInt(4) == 0
                  ? random.nextInt(mutated.length)
                  : random.nextInt(Math.min(64, mutated.length));
          mutated[at] = (byte) (random.nextInt(5) == 0 ? 0xFF : random.nextInt(256));
        }
      }
      long t0 = System.nanoTime();
      try {
        probe(mutated);
        taken++;
      } catch (Refused r) {
        assertThat(r.code()).isIn("unsupported_type", "too_many_pixels", "bad_image");
        refused++;
      } catch (Throwable t) {
        throw new AssertionError(
            "round " + round + " threw " + t + " on " + java.util.HexFormat.of().formatHex(mutated),
            t);
      }
      slowest = Math.max(slowest, System.nanoTime() - t0);
    }
    assertThat(refused).as("mutations refused").isGreaterThan(1_000);
    assertThat(taken).as("mutations still taken (flips in pixel data)").isGreaterThan(100);
    assertThat(slowest / 1_000_000).as("slowest probe of a mutated image, ms").isLessThan(1_000);
  }
}
