package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Who a message mentions, by user id. A nick changes hands (a rename, a newcomer taking a name
 * given up), so {@code @bob} alone would reach whoever holds "bob" when it is read; the sender's
 * client says which user it meant, and the server keeps that id only when the text really names
 * that user's current nick after an {@code @} (case-insensitively, by the nick's own spelling), so
 * a client cannot make a message ping someone it does not name. Ids of nobody are dropped silently:
 * a user may be gone by the time an outbox message is sent.
 */
final class Mentions {
  /** At most this many ids in one {@code send}. */
  static final int MAX = 50;

  private Mentions() {}

  /**
   * The mentions to store for {@code text}: each asked id, once, whose user exists and whose nick
   * follows an {@code @} in the text, with the nick as the text writes it. Empty when none.
   */
  static List<Mention> resolve(List<String> ids, String text, Map<String, UserState> users) {
    if (ids == null || ids.isEmpty()) return List.of();
    if (ids.size() > MAX) {
      throw new ChatException(BAD_REQUEST, "A message mentions at most " + MAX + " people.");
    }
    if (text == null) return List.of();
    List<Mention> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      UserState user = id == null ? null : users.get(id);
      if (user == null) continue;
      String written = written(text, user.nick);
      if (written != null) out.add(new Mention(id, written));
    }
    return out;
  }

  /** Those of {@code mentions} whose name is still written after an {@code @} in {@code text}. */
  static List<Mention> stillWritten(List<Mention> mentions, String text) {
    if (mentions.isEmpty()) return mentions;
    List<Mention> out = new ArrayList<>(mentions.size());
    for (Mention m : mentions) {
      if (text != null && written(text, m.nick()) != null) out.add(m);
    }
    return out;
  }

  /** {@code nick} as written after the first {@code @} that is followed by it, or null. */
  static String written(String text, String nick) {
    if (nick == null || nick.isEmpty()) return null;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (text.regionMatches(true, at + 1, nick, 0, nick.length())) {
        return text.substring(at + 1, at + 1 + nick.length());
      }
    }
    return null;
  }
}
