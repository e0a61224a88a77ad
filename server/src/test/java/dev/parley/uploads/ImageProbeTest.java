package dev.parley.uploads;

import static org.assertj.core.api.Assertions.assertThat;

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
    return ImageProbe.probe(new ByteArrayInputStream(bytes));
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
    assertThat(probe(TestImages.webpExtended(1920, 1080))).isEqualTo(new Info(Type.WEBP, 1920, 1080));
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 7, 8})
  void aJpegTurnedAQuarterByExifReportsItsSidesSwapped(int orientation) throws Exception {
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(64, 48), orientation, orientation % 2 == 0);
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
    assertThat(refusal(TestImages.pngDeclaring(100_000, 100_000))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(20_001, 10))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(10_000, 5_001))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.pngDeclaring(0xFFFF_FFFFL, 1))).isEqualTo(Refused.TOO_MANY_PIXELS);
    assertThat(refusal(TestImages.webpExtended(16_000, 16_000))).isEqualTo(Refused.TOO_MANY_PIXELS);
  }

  @Test
  void theLargestAcceptedCanvasPasses() throws Exception {
    assertThat(probe(TestImages.pngDeclaring(10_000, 5_000))).isEqualTo(new Info(Type.PNG, 10_000, 5_000));
  }

  @Test
  void textHtmlAndOtherFormatsAreNotImages() {
    byte[] text = "just some text, not a picture\n".getBytes(StandardCharsets.UTF_8);
    byte[] html = "<!doctype html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8);
    byte[] bmp = TestImages.encoded("bmp", 4, 4, 0);
    byte[] riffWave = "RIFF\u0024\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    for (byte[] b : new byte[][] {text, html, svg, bmp, riffWave, new byte[0], new byte[] {(byte) 0x89, 'P'}}) {
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
    byte[] scanFirst = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(refusal(scanFirst)).isEqualTo(Refused.NOT_AN_IMAGE);
  }

  @Test
  void exifWithoutAnOrientationOrMalformedCountsAsUpright() {
    assertThat(ImageProbe.exifOrientation("Exif\0\0II*\0".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(1);
    assertThat(ImageProbe.exifOrientation("Exif\0\0XX*\0\u0008\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(1);
    assertThat(ImageProbe.exifOrientation("not exif at all!".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(1);
  }

  @Test
  void extensionsMapBackToTypes() {
    for (Type t : Type.values()) assertThat(Type.ofExtension(t.extension)).isEqualTo(t);
    assertThat(Type.ofExtension("svg")).isNull();
  }
}
