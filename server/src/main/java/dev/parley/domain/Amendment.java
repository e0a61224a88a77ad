package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change to a stored message: an edit, a deletion, a reaction added or removed. The rules live
 * here, as a pure function of the message as stored, because only the store's writer sees a
 * message's latest state: it applies the amendment inside the transaction that writes it (see
 * {@link Store#amend}), so "author only" and "not deleted" are checked against the truth, not a
 * copy that another node or another tab changed a moment ago.
 */
public sealed interface Amendment {

  /**
   * The most distinct emoji one message may carry, so reactions cannot grow a row without bound.
   */
  int MAX_EMOJI = 20;

  String room();

  long seq();

  /**
   * The message after this amendment, or {@code current} itself when it changes nothing.
   *
   * @param current the message as stored, or null when the seq holds a notice or nothing
   * @param rev the rev that this amendment gets if it changes anything
   * @throws ChatException when the contract refuses the amendment
   */
  Message apply(Message current, long rev);

  /** The author replaces the text. */
  record Edit(String room, long seq, String userId, String text, long ts) implements Amendment {
    @Override
    public Message apply(Message current, long rev) {
      Message m = live(current, room, seq);
      if (!m.from().id().equals(userId))
        throw new ChatException(FORBIDDEN, "Only its author can edit a message.");
      String next = text == null || text.isBlank() ? null : text;
      if (next == null && m.image() == null && m.file() == null)
        throw new ChatException(BAD_REQUEST, "A message needs some text.");
      if (java.util.Objects.equals(next, m.text())) return m;
      Message edited = m.changed(next, m.image(), ts, false, m.reactions(), rev);
      // a preview stays only while its link does
      LinkPreview p = edited.preview();
      if (p != null && (next == null || !next.contains(p.url())))
        edited = edited.withPreview(null, rev);
      return edited;
    }
  }

  /**
   * The author, or a moderator of the room ({@code moderator}: their profile, null when the asker
   * does not moderate it), deletes the message: its text, image and reactions are gone; its seq
   * stays. A moderator's deletion of someone else's message says who made it ({@code deletedBy});
   * the messages of {@code above} (the ids of an equal or higher role) are not theirs to delete.
   */
  record Delete(
      String room, long seq, String userId, Profile moderator, java.util.Set<String> above)
      implements Amendment {
    public Delete(String room, long seq, String userId) {
      this(room, seq, userId, null, java.util.Set.of());
    }

    @Override
    public Message apply(Message current, long rev) {
      Message m = live(current, room, seq);
      boolean author = m.from().id().equals(userId);
      if (!author && moderator == null)
        throw new ChatException(FORBIDDEN, "Only its author or a moderator can delete a message.");
      if (!author && above.contains(m.from().id()))
        throw new ChatException(
            FORBIDDEN, "You cannot delete the message of someone whose role is not below yours.");
      Message gone = m.changed(null, null, m.edited(), true, Map.of(), rev);
      return author ? gone : gone.withDeletedBy(moderator);
    }
  }

  /** A member adds ({@code on}) or removes a reaction. */
  record React(String room, long seq, Profile user, String emoji, boolean on) implements Amendment {
    @Override
    public Message apply(Message current, long rev) {
      Message m = live(current, room, seq);
      List<String> who = m.reactions().get(emoji);
      boolean has = who != null && who.contains(user.id());
      if (has == on) return m;
      if (on && who == null && m.reactions().size() >= MAX_EMOJI) {
        throw new ChatException(
            BAD_REQUEST, "A message carries at most " + MAX_EMOJI + " different reactions.");
      }
      Map<String, List<String>> next = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : m.reactions().entrySet()) {
        List<String> users = new ArrayList<>(e.getValue());
        if (e.getKey().equals(emoji) && !on) users.remove(user.id());
        if (!users.isEmpty()) next.put(e.getKey(), List.copyOf(users));
      }
      if (on) {
        List<String> users = new ArrayList<>(next.getOrDefault(emoji, List.of()));
        users.add(user.id());
        next.put(emoji, List.copyOf(users));
      }
      return m.changed(
          m.text(), m.image(), m.edited(), false, java.util.Collections.unmodifiableMap(next), rev);
    }
  }

  /**
   * The server attaches a link preview ({@link LinkPreviews}), with its image ({@code image}, null
   * without one) for the store to keep. Changes nothing when the message already has a preview or
   * no longer holds the link (edited meanwhile).
   */
  record Preview(String room, long seq, LinkPreview preview, PreviewImage image)
      implements Amendment {
    @Override
    public Message apply(Message current, long rev) {
      Message m = live(current, room, seq);
      if (m.preview() != null || m.text() == null || !m.text().contains(preview.url())) return m;
      return m.withPreview(preview, rev);
    }
  }

  /** The author removes the preview of their message ({@code unpreview}). */
  record Unpreview(String room, long seq, String userId) implements Amendment {
    @Override
    public Message apply(Message current, long rev) {
      Message m = live(current, room, seq);
      if (!m.from().id().equals(userId))
        throw new ChatException(FORBIDDEN, "Only its author can remove a message's preview.");
      if (m.preview() == null)
        throw new ChatException(NOT_FOUND, "Message " + seq + " in " + room + " has no preview.");
      return m.withPreview(null, rev);
    }
  }

  private static Message live(Message current, String room, long seq) {
    if (current == null || current.deleted()) {
      throw new ChatException(NOT_FOUND, "There is no message " + seq + " in " + room + ".");
    }
    return current;
  }
}
