package dev.parley.web;

import dev.parley.uploads.UploadStore;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One upload's body as it arrives, in one of the two shapes the endpoint takes: the image as the
 * whole body ({@link RawBody}) or as the field {@code file} of a multipart form ({@link
 * MultipartBody}). Used by its {@link UploadJob} on the uploads' threads, one chunk at a time and
 * in order; it ends with {@link #received} after the last chunk, or with {@link #discard} either
 * way, which frees its temp files.
 */
sealed interface UploadBody permits RawBody, MultipartBody {

  /** The body of {@code req}, writing under the store's temp folder. */
  static UploadBody open(UploadStore store, HttpRequest req, boolean multipart)
      throws IOException, Unreadable {
    return multipart ? new MultipartBody(store, req) : new RawBody(store, req);
  }

  /** Takes one chunk; the caller keeps it and releases it. */
  void take(HttpContent chunk) throws IOException, Unreadable;

  /** After the last chunk: the image's file and size, or empty when the body held no image. */
  Optional<Received> received() throws IOException;

  /** Frees what the body holds (its temp file, its decoder); safe to call more than once. */
  void discard();

  /**
   * The file as received: a temp file that {@link UploadStore#store} takes from, its size, and the
   * name and type its sender gave (either may be null; the store trusts neither).
   */
  record Received(Path file, long size, String name, String type) {}

  /** The body is not what it says it is (a broken form): answered 400. */
  final class Unreadable extends Exception {
    Unreadable(Throwable cause) {
      super(cause);
    }
  }
}
