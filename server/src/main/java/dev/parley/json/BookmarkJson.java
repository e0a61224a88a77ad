package dev.parley.json;

import dev.parley.domain.Bookmarks;
import dev.parley.domain.Event;
import dev.parley.domain.Out;
import dev.parley.domain.ThreadMarks;
import tools.jackson.core.JsonGenerator;

/**
 * Pins, saved messages, notification levels and a person's threads on the wire: {@code pins},
 * {@code saved}, {@code notify}, {@code threads}.
 */
final class BookmarkJson {
  private BookmarkJson() {}

  static boolean handles(Out frame) {
    return frame instanceof Out.Pins
        || frame instanceof Out.Saved
        || frame instanceof Out.NotifyLevel
        || frame instanceof Out.Threads;
  }

  /** The fields of one of the frames {@link #handles} takes, inside the frame's object. */
  static void write(JsonGenerator g, Out frame, EventWriter events) {
    if (frame instanceof Out.Pins f) {
      g.writeStringProperty("type", "pins");
      if (f.ref() != null) g.writeStringProperty("ref", f.ref());
      g.writeStringProperty("room", f.room());
      g.writeName("events");
      g.writeStartArray();
      for (Event e : f.events()) events.write(g, e);
      g.writeEndArray();
    } else if (frame instanceof Out.Saved f && f.items() == null) {
      g.writeStringProperty("type", "saved");
      g.writeStringProperty("room", f.room());
      g.writeNumberProperty("seq", f.seq());
      g.writeBooleanProperty("on", f.on());
    } else if (frame instanceof Out.Saved f) {
      g.writeStringProperty("type", "saved");
      if (f.ref() != null) g.writeStringProperty("ref", f.ref());
      g.writeName("items");
      g.writeStartArray();
      for (Bookmarks.Saved s : f.items()) {
        g.writeStartObject();
        g.writeStringProperty("room", s.room());
        g.writeNumberProperty("seq", s.seq());
        g.writeNumberProperty("ts", s.ts());
        g.writeName("message");
        events.write(g, s.message());
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (frame instanceof Out.Threads f) {
      g.writeStringProperty("type", "threads");
      if (f.ref() != null) g.writeStringProperty("ref", f.ref());
      g.writeName("items");
      g.writeStartArray();
      for (ThreadMarks.Item t : f.items()) {
        g.writeStartObject();
        g.writeStringProperty("room", t.room());
        g.writeNumberProperty("unread", t.unread());
        g.writeName("root");
        events.write(g, t.root());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (f.next() != null) g.writeStringProperty("next", f.next());
      if (f.unread() != null) g.writeNumberProperty("unread", f.unread());
    } else if (frame instanceof Out.NotifyLevel f) {
      g.writeStringProperty("type", "notify");
      g.writeStringProperty("room", f.room());
      g.writeStringProperty("level", f.level());
    }
  }

  /** Writes one event as a whole object (the frame's own encoding of messages and notices). */
  interface EventWriter {
    void write(JsonGenerator g, Event e);
  }
}
