package dev.parley.domain;

/**
 * What a {@code send} asks for: a message in {@code room}, or in the direct conversation with user
 * {@code to}, carrying text, an image or both. A value so that the socket adapter and tests build
 * it the same way.
 */
public record Post(String room, String to, String id, String text, Image image) {

  /** A text message in a room. */
  public static Post text(String room, String id, String text) {
    return new Post(room, null, id, text, null);
  }
}
