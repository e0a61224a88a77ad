package dev.parley.domain;

/**
 * A link preview's image as the server fetched it, on its way to the store: served at {@link
 * LinkPreview#IMAGE_PATH} plus {@code name} to whoever may read the message's room.
 *
 * @param name random and unguessable, with the extension of its type
 * @param type its media type, judged by its content ({@code image/png}, {@code image/jpeg}, {@code
 *     image/gif} or {@code image/webp})
 * @param bytes the image itself, at most {@link LinkPages#MAX_BYTES}
 */
public record PreviewImage(String name, String type, byte[] bytes) {

  /** A stored preview image as read back: which room's message shows it. */
  public record Stored(String room, long seq, String type, byte[] bytes) {}
}
