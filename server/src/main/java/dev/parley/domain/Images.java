package dev.parley.domain;

/**
 * The uploads a message may point at. The domain cannot tell a URL this server issued from one
 * it did not, so the upload store answers: a {@code send} whose image it does not vouch for is
 * refused with {@code bad_image}, and the sizes shown to everyone are the ones it measured.
 */
public interface Images {

  /**
   * The stored image behind {@code claimed.url()} with its measured width and height and the
   * claimed name (cleaned), or null when the URL is not one of this server's uploads.
   */
  Image verify(Image claimed);
}
