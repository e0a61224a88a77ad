package dev.parley.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream whose {@code close} only flushes: lets a JSON generator (which closes what it writes to)
 * or a try-with-resources around standard output finish without closing the stream under it.
 */
public final class Unclosed extends FilterOutputStream {

  public Unclosed(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
