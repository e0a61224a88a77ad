package dev.parley.archive;

import dev.parley.domain.Event;
import dev.parley.domain.Snapshot;
import java.io.IOException;

/**
 * A room's log written out for keeping: {@link JsonArchive} (lossless: it reads back into the same
 * events, byte for byte on the next export) or {@link TextArchive} (for people). One writer per
 * format, fed the same way by {@link Exporter}, so the socket-free admin command and the HTTP
 * endpoint cannot drift apart.
 */
public interface RoomArchive {

  /** The room's metadata, before any event. */
  void begin(Snapshot.RoomRow room) throws IOException;

  /** The next event, in ascending seq. */
  void event(Event event) throws IOException;

  /** After the last event; flushes. */
  void end() throws IOException;

  /** The two formats, by their names in {@code ?format=} and {@code --format}. */
  enum Format {
    JSON("json", "application/json"),
    TXT("txt", "text/plain; charset=utf-8");

    public final String wire;
    public final String contentType;

    Format(String wire, String contentType) {
      this.wire = wire;
      this.contentType = contentType;
    }

    /** The format called {@code name}, or null. */
    public static Format of(String name) {
      for (Format f : values()) {
        if (f.wire.equalsIgnoreCase(name)) return f;
      }
      return null;
    }
  }
}
