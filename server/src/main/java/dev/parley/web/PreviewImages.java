package dev.parley.web;

import dev.parley.domain.Chat;
import dev.parley.domain.LinkPreview;
import dev.parley.domain.PreviewImage;
import dev.parley.domain.Store;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /uploads/previews/{name}}: the image of a link preview, which the server fetched so
 * that no reader's browser asks the linked site for anything. Served with the privacy of the room
 * whose message shows it ({@code HttpDoors.maySeePreview}): to a non-member of a private room, and
 * for an image no message shows any more, exactly the answer of an upload that does not exist. The
 * asker is known as for uploads (a bearer token, or the uploads' cookie, whose path covers this
 * one); the row is read on the store's read pool and the asker on the uploads' threads.
 */
final class PreviewImages {
  static final String PREFIX = LinkPreview.IMAGE_PATH;

  private static final Logger LOG = LoggerFactory.getLogger(PreviewImages.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{32}\\.(png|jpg|gif|webp)");
  private static final Set<String> TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private final Chat chat;
  private final Store store;
  private final Uploads uploads;

  PreviewImages(Chat chat, Store store, Uploads uploads) {
    this.chat = chat;
    this.store = store;
    this.uploads = uploads;
  }

  static boolean handles(String path) {
    return path.startsWith(PREFIX);
  }

  void serve(Channel ch, HttpRequest req, String path) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    String name = path.substring(PREFIX.length());
    if (!NAME.matcher(name).matches()) {
      Uploads.respond(ch, missing(), keepAlive);
      return;
    }
    boolean head = req.method().equals(HttpMethod.HEAD);
    String token = UploadIntake.bearer(req);
    String credential = token == null ? CredentialCookie.valueIn(req) : null;
    uploads.tokens.user(
        token, ch.eventLoop(), tokenUser -> read(ch, name, tokenUser, credential, head, keepAlive));
  }

  /** The rest of {@link #serve}, once its bearer token is resolved (null: unknown or none). */
  private void read(
      Channel ch,
      String name,
      String tokenUser,
      String credential,
      boolean head,
      boolean keepAlive) {
    store
        .previewImage(name)
        .whenComplete(
            (image, error) -> {
              if (error != null) {
                LOG.warn("could not read preview image {}", name, error);
                Uploads.respond(ch, busy(), keepAlive);
                return;
              }
              try {
                uploads.io.execute(() -> answer(ch, image, tokenUser, credential, head, keepAlive));
              } catch (RuntimeException busy) {
                Uploads.respond(ch, busy(), keepAlive);
              }
            });
  }

  private void answer(
      Channel ch,
      PreviewImage.Stored image,
      String tokenUser,
      String credential,
      boolean head,
      boolean keepAlive) {
    try {
      String userId =
          image == null
              ? null
              : tokenUser != null ? tokenUser : uploads.credentials.userFor(credential);
      if (image == null
          || !TYPES.contains(image.type())
          || !chat.httpDoors().maySeePreview(userId, image.room())) {
        Uploads.respond(ch, missing(), keepAlive);
        return;
      }
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(image.bytes()));
      res.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, image.type())
          .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=86400")
          .set(HttpHeaderNames.CONTENT_DISPOSITION, "inline")
          .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, ServedUpload.FILE_CSP)
          .set("X-Content-Type-Options", "nosniff")
          .set("Referrer-Policy", "no-referrer");
      HttpUtil.setContentLength(res, image.bytes().length);
      Uploads.respond(ch, res, keepAlive);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("could not serve a preview image", e);
      Uploads.respond(ch, busy(), keepAlive);
    }
  }

  private static FullHttpResponse missing() {
    return Uploads.error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no such upload.");
  }

  private static FullHttpResponse busy() {
    return Uploads.error(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "busy",
        "The server is busy; try again in a moment.");
  }
}
