package dev.parley.uploads;

import dev.parley.uploads.ImageProbe.Info;
import dev.parley.uploads.ImageProbe.Reader;
import dev.parley.uploads.ImageProbe.Refused;
import dev.parley.uploads.ImageProbe.Type;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads a GIF to its end, frame by frame, for {@link ImageProbe}. The screen size in the header is
 * only a promise: every frame carries its own position and size, and a browser paints each one, so
 * a GIF declaring a 1×1 screen can hold an 8000×8000 frame. Each frame's rectangle must fit within
 * the limits of a canvas (measured from the screen's corner), the pixels of all frames together
 * within what the file's size pays for, and there must be a frame with image data. A file cut short
 * after its first complete frame is taken, as browsers show it.
 */
final class GifFrames {
  private static final int IMAGE = 0x2C;
  private static final int EXTENSION = 0x21;
  private static final int TRAILER = 0x3B;

  private GifFrames() {}

  /** The GIF in {@code r} (at its start), a file of {@code size} bytes, with its screen's size. */
  static Info read(Reader r, long size) throws IOException, Refused {
    r.skip(6); // GIF87a or GIF89a
    int width = r.u16le();
    int height = r.u16le();
    int flags = r.u8();
    r.skip(2); // background colour, aspect ratio
    r.pastHeader = true;
    Info screen = new Info(Type.GIF, width, height);
    if (width < 1 || height < 1) throw ImageProbe.notAnImage("The image declares an empty size.");
    ImageProbe.checkCanvas(width, height);
    skipColourTable(r, flags);
    int frames = 0;
    long painted = 0;
    try {
      while (true) {
        int block = r.u8();
        if (block == TRAILER) break;
        if (block == EXTENSION) {
          r.u8(); // its label
          skipSubBlocks(r);
        } else if (block == IMAGE) {
          long left = r.u16le();
          long top = r.u16le();
          long w = r.u16le();
          long h = r.u16le();
          ImageProbe.checkCanvas(Math.max(width, left + w), Math.max(height, top + h));
          painted += w * h;
          ImageProbe.checkBudget(
              painted, size, frames + 1 + " frames of " + painted + " pixels in all");
          skipColourTable(r, r.u8());
          r.u8(); // LZW minimum code size
          if (skipSubBlocks(r) == 0)
            throw ImageProbe.badImage("The GIF has a frame without image data.");
          frames++;
        } else if (frames > 0) {
          break; // junk after the last frame: browsers stop there too
        } else {
          throw ImageProbe.badImage("The GIF has a broken block before its first frame.");
        }
      }
    } catch (EOFException cut) {
      if (frames == 0) throw cut;
    }
    if (frames == 0) throw ImageProbe.badImage("The GIF has no frames.");
    ImageProbe.checked(screen, size);
    return screen;
  }

  private static void skipColourTable(Reader r, int flags) throws IOException {
    if ((flags & 0x80) != 0) r.skip(3L << ((flags & 0x07) + 1));
  }

  /** Skips a run of data sub-blocks up to its terminator; the bytes of data it held. */
  private static long skipSubBlocks(Reader r) throws IOException {
    long total = 0;
    for (int n = r.u8(); n != 0; n = r.u8()) {
      r.skip(n);
      total += n;
    }
    return total;
  }
}
