package dev.parley.web;

import dev.parley.uploads.UploadStore;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file sent as the whole body: its bytes go to a temp file as they come. Its type is the
 * request's Content-Type, its name the header {@code X-File-Name} (UTF-8, percent-encoded, as
 * headers are ASCII).
 */
final class RawBody implements UploadBody {
  private static final Logger LOG = LoggerFactory.getLogger(RawBody.class);

  private final Path temp;
  private final FileChannel out;
  private final String name;
  private final String type;
  private long written;

  RawBody(UploadStore store, HttpRequest req) throws IOException {
    this.name = fileName(req.headers().get(FILE_NAME));
    this.type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    temp = store.newTempFile();
    out = FileChannel.open(temp, StandardOpenOption.WRITE);
  }

  static final String FILE_NAME = "X-File-Name";

  /** The name in an {@code X-File-Name} header, or null when there is none or it is malformed. */
  static String fileName(String header) {
    if (header == null || header.isBlank()) return null;
    try {
      return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  @Override
  public void take(HttpContent chunk) throws IOException {
    ByteBuf buf = chunk.content();
    if (!buf.isReadable()) return;
    for (ByteBuffer b : buf.nioBuffers()) {
      while (b.hasRemaining()) written += out.write(b);
    }
  }

  @Override
  public Optional<Received> received() throws IOException {
    out.close();
    return Optional.of(new Received(temp, written, name, type));
  }

  @Override
  public void discard() {
    try {
      out.close();
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("could not remove the temp file {}", temp, e);
    }
  }
}
