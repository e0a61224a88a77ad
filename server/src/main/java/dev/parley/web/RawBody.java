package dev.parley.web;

import dev.parley.uploads.UploadStore;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An image sent as the whole body: its bytes go to a temp file as they come. */
final class RawBody implements UploadBody {
  private static final Logger LOG = LoggerFactory.getLogger(RawBody.class);

  private final Path temp;
  private final FileChannel out;
  private long written;

  RawBody(UploadStore store) throws IOException {
    temp = store.newTempFile();
    out = FileChannel.open(temp, StandardOpenOption.WRITE);
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
    return Optional.of(new Received(temp, written));
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
