package dev.parley.uploads;

/**
 * The orientation a JPEG's EXIF asks for, read from the APP1 segment's first directory only: a
 * photo from a phone is often stored sideways with a tag saying how to turn it, and the size the
 * client reserves must be the size as shown. Anything unreadable counts as "as stored" (1): a
 * hostile or broken EXIF never refuses an image, it only loses its turn.
 */
final class ExifOrientation {

  /** The TIFF tag of the orientation. */
  private static final int ORIENTATION = 0x0112;

  private ExifOrientation() {}

  /**
   * The orientation tag (1 to 8) of an APP1 segment holding EXIF, or 1 when absent or unreadable.
   */
  static int of(byte[] app1) {
    if (app1.length < 14 || !ImageProbe.ascii(app1, 0, 6).equals("Exif\0\0")) return 1;
    int tiff = 6;
    boolean little;
    if (app1[tiff] == 'I' && app1[tiff + 1] == 'I') little = true;
    else if (app1[tiff] == 'M' && app1[tiff + 1] == 'M') little = false;
    else return 1;
    if (u16(app1, tiff + 2, little) != 42) return 1;
    long ifd = u32(app1, tiff + 4, little);
    if (ifd < 8 || tiff + ifd + 2 > app1.length) return 1;
    int at = (int) (tiff + ifd);
    int entries = u16(app1, at, little);
    at += 2;
    for (int i = 0; i < entries && at + 12 <= app1.length; i++, at += 12) {
      if (u16(app1, at, little) != ORIENTATION) continue;
      int type = u16(app1, at + 2, little);
      if (type != 3) return 1; // SHORT
      int value = u16(app1, at + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xFF;
    int y = b[at + 1] & 0xFF;
    return little ? x | y << 8 : x << 8 | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, at + (little ? 2 : 0), little);
    long lo = u16(b, at + (little ? 0 : 2), little);
    return hi << 16 | lo;
  }
}
