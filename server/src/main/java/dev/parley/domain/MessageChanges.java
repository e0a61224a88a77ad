package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

/**
 * Changes to messages already in a log: edit and delete (author only) and reactions (any
 * member). The checks that need only the request happen here, on the caller's thread; the ones
 * that need the message as stored (who wrote it, whether it is deleted) happen in the store's
 * transaction, in {@link Amendment#apply}. Every change gets the room's next rev, so a client
 * that was away asks for the changes after the last rev it saw.
 */
final class MessageChanges {
  /** Longest reaction, in UTF-16 units: room for the longest emoji ZWJ sequences. */
  static final int MAX_EMOJI_CHARS = 32;

  private final Registry registry;
  private final RoomLog log;
  private final Messages messages;

  MessageChanges(Registry registry, RoomLog log, Messages messages) {
    this.registry = registry;
    this.log = log;
    this.messages = messages;
  }

  void edit(Session session, String roomName, long seq, String text, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    if (text != null && !text.isBlank()) messages.checkText(text);
    long now = registry.clock.getAsLong();
    log.amend(room, new Amendment.Edit(room.name, seq, session.user.id, text, now), session.client, ref);
  }

  void delete(Session session, String roomName, long seq, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    log.amend(room, new Amendment.Delete(room.name, seq, session.user.id), session.client, ref);
  }

  void react(Session session, String roomName, long seq, String emoji, boolean on, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    if (!isReaction(emoji)) {
      throw new ChatException(BAD_REQUEST, "A reaction is one emoji (up to " + MAX_EMOJI_CHARS + " characters, no spaces).");
    }
    if (on) registry.spoke(session.user);
    log.amend(room, new Amendment.React(room.name, seq, session.user.profile(), emoji, on), session.client, ref);
  }

  /**
   * Whether {@code s} can be a reaction: short, and no whitespace, control or format characters
   * other than the joiners and selectors emoji are built of. The server does not judge which
   * pictures exist; clients show what they get as text.
   */
  static boolean isReaction(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_EMOJI_CHARS) return false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0020 && cp <= 0xE007F)) continue;
      if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp)) return false;
      int type = Character.getType(cp);
      if (type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) return false;
    }
    return true;
  }
}
