package dev.parley.web;

import dev.parley.uploads.UploadBytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an upload that is not in a file (a cluster's database) to a response after its headers:
 * one piece read on the uploads pool, written, and the next read only once that write is done. So
 * memory stays at one piece per response however slow the reader, and no thread waits on a client.
 */
final class BlobRelay {
  static final int PIECE = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(BlobRelay.class);

  private final Channel ch;
  private final InputStream in;
  private final Executor pool;
  private final boolean keepAlive;
  private final Runnable done;

  /** Bytes still to send. */
  private long left;

  private BlobRelay(
      Channel ch, InputStream in, Executor pool, boolean keepAlive, Runnable done, long count) {
    this.left = count;
    this.ch = ch;
    this.in = in;
    this.pool = pool;
    this.keepAlive = keepAlive;
    this.done = done;
  }

  /**
   * Starts relaying {@code count} bytes of {@code blob} from {@code start} (a {@code Range}; all of
   * it is 0 and its size) on {@code pool}; called on {@code pool}, as skipping to {@code start}
   * reads. {@code done} runs once, when it ends either way.
   */
  static void start(
      Channel ch,
      UploadBytes.Blob blob,
      Executor pool,
      boolean keepAlive,
      Runnable done,
      long start,
      long count) {
    InputStream in;
    try {
      in = blob.stream();
      if (start > 0) in.skipNBytes(start);
    } catch (IOException e) {
      LOG.warn("could not read an upload", e);
      done.run();
      ch.close(); // the headers are out: only cutting the body short tells the client
      return;
    }
    // A next request on this connection waits: its answer must not land between two pieces.
    ch.config().setAutoRead(false);
    new BlobRelay(ch, in, pool, keepAlive, done, count).later();
  }

  private void later() {
    try {
      pool.execute(this::next);
    } catch (RejectedExecutionException closing) {
      end();
      ch.close();
    }
  }

  private void next() {
    byte[] piece;
    try {
      piece = in.readNBytes((int) Math.min(PIECE, left));
      left -= piece.length;
    } catch (IOException e) {
      LOG.warn("could not read an upload", e);
      end();
      ch.close();
      return;
    }
    if (piece.length == 0) {
      end();
      ch.config().setAutoRead(true);
      ChannelFuture last = ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      if (!keepAlive) last.addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)))
        .addListener(
            f -> {
              if (f.isSuccess()) {
                later();
              } else {
                end();
                ch.close();
              }
            });
  }

  private void end() {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only
    } finally {
      done.run();
    }
  }
}
