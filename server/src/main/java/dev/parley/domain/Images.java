package dev.parley.domain;

/**
 * The uploads a message may point at. The domain cannot tell a URL this server issued from one it
 * did not, nor whose upload it is, so the upload store answers: a {@code send} whose image it does
 * not vouch for is refused with {@code bad_image}, and the sizes shown to everyone are the ones it
 * measured.
 */
public interface Images {

  /**
   * The stored image behind {@code claimed.url()} with its measured width and height and the
   * claimed name (cleaned), or null when the URL is not one of this server's uploads or not one
   * that {@code userId} (the sender) may show: each upload is its uploader's to show.
   */
  Image verify(Image claimed, String userId);

  /**
   * The stored file behind {@code claimed.url()} with the size and type the store measured, the
   * claimed name (cleaned) and duration, or null when the URL is not one of this server's uploads
   * of a file (an image goes as {@code image}) or not {@code userId}'s to show. The duration is not
   * checked here ({@link Messages} bounds a voice message).
   */
  default Attachment verifyFile(Attachment claimed, String userId) {
    return null;
  }

  /**
   * Whether {@link #verify} can answer for {@code url} from memory. When it cannot (an upload
   * another node took in, or one not used since a restart), the caller first has {@link #learn}
   * read it off its own thread: that read is a file or a database query, never for an event loop.
   */
  default boolean knows(String url) {
    return true;
  }

  /**
   * Reads what {@link #verify} needs about {@code url}, then runs {@code then}: off the caller's
   * thread (it blocks).
   */
  default void learn(String url, Runnable then) {
    then.run();
  }
}
