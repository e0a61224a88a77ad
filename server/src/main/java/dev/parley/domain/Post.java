package dev.parley.domain;

import java.util.List;

/**
 * What a {@code send} asks for: a message in {@code room}, in the direct conversation with user
 * {@code to}, or in the group conversation with the users {@code group} (the wire's {@code to} as a
 * list), carrying text, an image or both, and the user ids it means to mention (null when none are
 * named; {@link Mentions} keeps those the text names), and a file of any type ({@code file}, null
 * when none). {@code replyTo} quotes a message of the room; {@code thread} posts into the thread of
 * that root ({@code alsoInRoom}: shown in the main flow too); null when not. A value so that the
 * socket adapter and tests build it the same way.
 */
public record Post(
    String room,
    String to,
    String id,
    String text,
    Image image,
    List<String> mentions,
    List<String> group,
    Attachment file,
    Long replyTo,
    Long thread,
    boolean alsoInRoom) {

  public Post(
      String room,
      String to,
      String id,
      String text,
      Image image,
      List<String> mentions,
      List<String> group,
      Attachment file) {
    this(room, to, id, text, image, mentions, group, file, null, null, false);
  }

  public Post(
      String room,
      String to,
      String id,
      String text,
      Image image,
      List<String> mentions,
      List<String> group) {
    this(room, to, id, text, image, mentions, group, null);
  }

  public Post(String room, String to, String id, String text, Image image, List<String> mentions) {
    this(room, to, id, text, image, mentions, null);
  }

  public Post(String room, String to, String id, String text, Image image) {
    this(room, to, id, text, image, null);
  }

  /** The same post quoting {@code replyTo} and in the thread of {@code thread} (nulls: not). */
  public Post linked(Long replyTo, Long thread, boolean alsoInRoom) {
    return new Post(room, to, id, text, image, mentions, group, file, replyTo, thread, alsoInRoom);
  }

  /** A message in a room carrying {@code file} (and {@code text}, which may be null). */
  public static Post file(String room, String id, String text, Attachment file) {
    return new Post(room, null, id, text, null, null, null, file);
  }

  /** A text message in a room. */
  public static Post text(String room, String id, String text) {
    return new Post(room, null, id, text, null);
  }
}
