package dev.parley.domain;

import java.util.List;
import java.util.Map;

/**
 * A message in a room's log.
 *
 * @param id the sending client's id for it: a resend with the same id from the same user creates
 *     nothing new
 * @param edited when it was last edited, or null
 * @param reactions emoji to the ids of the users who chose it, emoji in the order first used and
 *     users in the order they reacted; empty when none
 * @param rev the room's change counter at this message's latest edit, deletion or reaction change;
 *     0 when it never changed. Two versions of one message: the higher rev is newer.
 * @param mentions the people it mentions by user id ({@link Mentions}), in the order written; empty
 *     when none (and for messages sent before mentions were carried by id)
 * @param deletedBy who deleted it when that was not its author (a moderator), else null
 * @param file a file of any type it carries (a voice message is one), or null; a message carries an
 *     image or a file, never both
 * @param preview what its first link leads to, attached by the server after it was stored ({@link
 *     LinkPreviews}); null when none
 * @param conversation the message it replies to, its thread, its thread's replies ({@link
 *     Conversation}); {@link Conversation#NONE} when none
 */
public record Message(
    String room,
    long seq,
    String id,
    Profile from,
    long ts,
    String text,
    Image image,
    Long edited,
    boolean deleted,
    Map<String, List<String>> reactions,
    long rev,
    List<Mention> mentions,
    Profile deletedBy,
    Attachment file,
    LinkPreview preview,
    Conversation conversation)
    implements Event {

  public Message {
    reactions = reactions == null ? Map.of() : reactions;
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    conversation = conversation == null ? Conversation.NONE : conversation;
  }

  /** A message without a file or a link preview. */
  public Message(
      String room,
      long seq,
      String id,
      Profile from,
      long ts,
      String text,
      Image image,
      Long edited,
      boolean deleted,
      Map<String, List<String>> reactions,
      long rev,
      List<Mention> mentions,
      Profile deletedBy) {
    this(
        room, seq, id, from, ts, text, image, edited, deleted, reactions, rev, mentions, deletedBy,
        null, null, null);
  }

  /** A message that no moderator deleted (the author did, or nobody). */
  public Message(
      String room,
      long seq,
      String id,
      Profile from,
      long ts,
      String text,
      Image image,
      Long edited,
      boolean deleted,
      Map<String, List<String>> reactions,
      long rev,
      List<Mention> mentions) {
    this(
        room, seq, id, from, ts, text, image, edited, deleted, reactions, rev, mentions, null, null,
        null, null);
  }

  /** A new message, not yet stored. */
  public static Message draft(
      String room, String id, Profile from, long ts, String text, Image image) {
    return new Message(room, 0, id, from, ts, text, image, null, false, Map.of(), 0, List.of());
  }

  /** The same message mentioning {@code mentions}. */
  public Message withMentions(List<Mention> mentions) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** The same message deleted by {@code by}, a moderator. */
  public Message withDeletedBy(Profile by) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        by,
        file,
        preview,
        conversation);
  }

  @Override
  public Message withSeq(long seq) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** The same message with its reactions as read from the store. */
  public Message withReactions(Map<String, List<String>> reactions) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** The same message in {@code conversation} (a reply, a thread's reply or root). */
  public Message withConversation(Conversation conversation) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** The same message carrying {@code file}. */
  public Message withFile(Attachment file) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** This message with {@code preview} (null: without one), changed at {@code rev}. */
  Message withPreview(LinkPreview preview, long rev) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        mentions,
        deletedBy,
        file,
        preview,
        conversation);
  }

  /** This message as changed at {@code rev}. */
  Message changed(
      String text,
      Image image,
      Long edited,
      boolean deleted,
      Map<String, List<String>> reactions,
      long rev) {
    return new Message(
        room,
        seq,
        id,
        from,
        ts,
        text,
        image,
        edited,
        deleted,
        reactions,
        rev,
        deleted ? List.of() : Mentions.stillWritten(mentions, text),
        deletedBy,
        deleted ? null : file,
        deleted ? null : preview,
        conversation);
  }
}
