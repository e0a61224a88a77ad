package dev.parley.json;

import dev.parley.domain.Conversation;
import tools.jackson.core.JsonGenerator;

/**
 * Replies and threads on the wire (and in a json export, which reads them back): a message's {@code
 * reply} {seq, from {id, nick}, excerpt, kind?}, its {@code thread} and {@code alsoInRoom}, and a
 * root's {@code replies} {count, lastTs, users}.
 */
final class ConversationJson {
  private ConversationJson() {}

  /** The quote of a reply; a deleted message carries none (it shows nothing of its own). */
  static void reply(JsonGenerator g, Conversation.Reply r) {
    g.writeName("reply");
    g.writeStartObject();
    g.writeNumberProperty("seq", r.seq());
    if (r.from() != null && r.from().id() != null) {
      g.writeName("from");
      g.writeStartObject();
      g.writeStringProperty("id", r.from().id());
      g.writeStringProperty("nick", r.from().nick());
      g.writeEndObject();
    }
    g.writeStringProperty("excerpt", r.excerpt() == null ? "" : r.excerpt());
    if (r.kind() != null) g.writeStringProperty("kind", r.kind());
    g.writeEndObject();
  }

  /** A thread's reply's {@code thread} and {@code alsoInRoom}; a root's {@code replies}. */
  static void thread(JsonGenerator g, Conversation c) {
    if (c.thread() != null) {
      g.writeNumberProperty("thread", c.thread());
      if (c.alsoInRoom()) g.writeBooleanProperty("alsoInRoom", true);
    }
    Conversation.Replies r = c.replies();
    if (r == null) return;
    g.writeName("replies");
    g.writeStartObject();
    g.writeNumberProperty("count", r.count());
    g.writeNumberProperty("lastTs", r.lastTs());
    g.writeName("users");
    g.writeStartArray();
    for (String id : r.users()) g.writeString(id);
    g.writeEndArray();
    g.writeEndObject();
  }
}
