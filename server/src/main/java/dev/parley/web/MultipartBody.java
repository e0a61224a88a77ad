package dev.parley.web;

import dev.parley.uploads.UploadStore;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A file sent as the field {@code file} of a multipart form (its name and type from the part):
 * Netty's decoder writes each file part to a temp file under the store's temp folder (never to
 * memory), at most {@value #MAX_FORM_FIELDS} fields and {@value #MAX_FORM_BUFFER} bytes of a field
 * held at once.
 */
final class MultipartBody implements UploadBody {
  private static final int MAX_FORM_FIELDS = 16;
  private static final int MAX_FORM_BUFFER = 64 * 1024;

  private final HttpPostRequestDecoder decoder;
  private FileUpload file;
  private boolean destroyed;

  MultipartBody(UploadStore store, HttpRequest req) throws Unreadable {
    DefaultHttpDataFactory factory = new DefaultHttpDataFactory(true);
    factory.setBaseDir(store.tempDir().toString());
    factory.setDeleteOnExit(false);
    try {
      decoder =
          new HttpPostRequestDecoder(
              factory, req, StandardCharsets.UTF_8, MAX_FORM_FIELDS, MAX_FORM_BUFFER);
    } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
      throw new Unreadable(e); // no boundary, say
    }
  }

  @Override
  public void take(HttpContent chunk) throws Unreadable {
    try {
      decoder.offer(chunk);
      while (decoder.hasNext()) {
        InterfaceHttpData data = decoder.next();
        if (file == null && data instanceof FileUpload f && f.getName().equals("file")) file = f;
      }
    } catch (HttpPostRequestDecoder.EndOfDataDecoderException end) {
      // every part is in
    } catch (HttpPostRequestDecoder.ErrorDataDecoderException
        | HttpPostRequestDecoder.TooManyFormFieldsException
        | HttpPostRequestDecoder.TooLongFormFieldException e) {
      throw new Unreadable(e);
    }
  }

  @Override
  public Optional<Received> received() throws IOException {
    if (file == null || !file.isCompleted()) return Optional.empty();
    return Optional.of(
        new Received(
            file.getFile().toPath(), file.length(), file.getFilename(), file.getContentType()));
  }

  @Override
  public void discard() {
    if (destroyed) return;
    destroyed = true;
    decoder.destroy();
  }
}
