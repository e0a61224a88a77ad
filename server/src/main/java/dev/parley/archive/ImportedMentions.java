package dev.parley.archive;

import dev.parley.domain.Characters;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Names;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * The rules an imported message's {@code mentions} keep, the same a {@code send} gives them: at
 * most 50, each a user id once with a name that is a nick's length, free of control characters, and
 * written after an {@code @} in the text. Mentions are history (no one is notified on import), so
 * an id need not be a user of this database; a file may still not smuggle in more than a send
 * could.
 */
final class ImportedMentions {
  static final int MAX = 50;

  private ImportedMentions() {}

  /** Calls {@code refuse} with the line and why when {@code m}'s mentions break a rule. */
  static void check(Message m, int line, ObjIntConsumer<String> refuse) {
    if (m.mentions().isEmpty()) return;
    if (m.deleted() || m.text() == null) {
      refuse.accept("a message without text mentions no one", line);
      return;
    }
    if (m.mentions().size() > MAX) {
      refuse.accept("a message mentions at most " + MAX + " people", line);
      return;
    }
    String lower = m.text().toLowerCase(Locale.ROOT);
    Set<String> ids = new HashSet<>();
    for (Mention x : m.mentions()) {
      if (!Names.isUserId(x.id()) || !ids.add(x.id())) {
        refuse.accept("a mention's id is not a user id, or repeats one", line);
        return;
      }
      String nick = x.nick();
      if (nick == null
          || nick.isEmpty()
          || Names.length(nick) > Names.MAX_NAME
          || !Characters.isText(nick)
          || Names.hasControl(nick)
          || !lower.contains("@" + nick.toLowerCase(Locale.ROOT))) {
        refuse.accept(
            "a mention's name is not 1 to "
                + Names.MAX_NAME
                + " characters without control characters, written after an @ in the text",
            line);
        return;
      }
    }
  }
}
