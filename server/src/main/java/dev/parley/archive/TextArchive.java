package dev.parley.archive;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The export for people: one line per event with its full timestamp and time zone, join and leave
 * records, edits marked, deletions shown as such, images as their URLs. Continuation lines of a
 * multi-line message are indented, so every line that starts with a date starts an event. Names are
 * shown as they were when written; a closing list says which user id each name belongs to, so that
 * two people who used one name (a rename, then someone else taking it) are told apart.
 */
public final class TextArchive implements RoomArchive {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");
  private static final Map<Notice.Kind, String> NOTICE =
      Map.of(
          Notice.Kind.JOIN,
          "joined the room",
          Notice.Kind.LEAVE,
          "left the room",
          Notice.Kind.CREATE,
          "created the room",
          Notice.Kind.TOPIC,
          "changed the topic",
          Notice.Kind.SETTINGS,
          "changed the room's settings",
          Notice.Kind.ROLE,
          "got a new role",
          Notice.Kind.KICK,
          "was removed from the room",
          Notice.Kind.MUTE,
          "was muted",
          Notice.Kind.BAN,
          "was banned from the room",
          Notice.Kind.UNBAN,
          "may come back to the room");

  /** Distinct (name, user) pairs listed at the end; beyond this they are only counted. */
  static final int MAX_NAMES = 10_000;

  private final Writer out;
  private final ZoneId zone;
  private final String origin;

  /**
   * Name as written → the ids that wrote under it, in order of first appearance; one exporter
   * thread.
   */
  private final Map<String, Set<String>> names = new LinkedHashMap<>();

  private int pairs;
  private long unlisted;

  /**
   * @param origin put before an image's path ({@code https://chat.example.com}), or "" to leave the
   *     path as it is
   */
  public TextArchive(OutputStream out, ZoneId zone, String origin) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    this.zone = zone;
    this.origin = origin == null ? "" : origin;
  }

  @Override
  public void begin(Snapshot.RoomRow room) throws IOException {
    out.write("# Parley export of " + room.name());
    if (room.topic() != null && !room.topic().isBlank())
      out.write(" (" + oneLine(room.topic()) + ")");
    // retention may have removed the oldest: what is held is firstSeq..lastSeq, gapless
    long held = room.lastSeq() < room.firstSeq() ? 0 : room.lastSeq() - room.firstSeq() + 1;
    out.write(
        ", "
            + held
            + " events"
            + (room.firstSeq() > 1 && held > 0
                ? " (#" + room.firstSeq() + " to #" + room.lastSeq() + ")"
                : "")
            + ", times in "
            + zone.getId()
            + "\n");
  }

  /** "pinned message #12", "unpinned message #12". */
  private static String pinned(Notice.Detail d) {
    boolean on = d == null || d.on() == null || d.on();
    return (on ? "pinned" : "unpinned")
        + (d == null || d.target() == null ? " a message" : " message #" + d.target());
  }

  @Override
  public void event(Event event) throws IOException {
    StringBuilder line = new StringBuilder(128);
    line.append(WHEN.format(Instant.ofEpochMilli(event.ts()).atZone(zone)))
        .append("  #")
        .append(event.seq())
        .append("  ");
    if (event instanceof Notice n) {
      note(n.user().nick(), n.user().id());
      line.append("* ").append(n.user().nick()).append(' ');
      Notice.Detail d = n.detail();
      if (n.event() == Notice.Kind.PIN) line.append(pinned(d));
      else line.append(NOTICE.get(n.event()));
      if (d != null && d.role() != null) line.append(": ").append(d.role());
      if (d != null && d.by() != null && n.event() != Notice.Kind.SETTINGS)
        line.append(" by ").append(d.by().nick());
      if (d != null && d.reason() != null) line.append(": ").append(oneLine(d.reason()));
    } else if (event instanceof Message m) {
      note(m.from().nick(), m.from().id());
      line.append('<').append(m.from().nick()).append("> ");
      if (m.deleted()) {
        line.append("[message deleted]");
      } else {
        if (m.image() != null) {
          line.append("[image ").append(origin).append(m.image().url());
          if (m.image().name() != null) line.append(" ").append(oneLine(m.image().name()));
          line.append(']');
          if (m.text() != null) line.append(' ');
        }
        if (m.text() != null) line.append(m.text().replace("\r\n", "\n").replace("\n", "\n    "));
        if (m.edited() != null)
          line.append("  (edited ")
              .append(WHEN.format(Instant.ofEpochMilli(m.edited()).atZone(zone)))
              .append(')');
        if (!m.reactions().isEmpty()) {
          line.append("  [");
          boolean firstEmoji = true;
          for (Map.Entry<String, List<String>> r : m.reactions().entrySet()) {
            if (!firstEmoji) line.append(' ');
            firstEmoji = false;
            line.append(r.getKey()).append(' ').append(r.getValue().size());
          }
          line.append(']');
        }
      }
    } else {
      throw new IllegalArgumentException("no line for this kind of event: " + event);
    }
    out.write(line.append('\n').toString());
  }

  private void note(String nick, String id) {
    Set<String> ids = names.get(nick);
    if (ids != null && ids.contains(id)) return;
    if (pairs >= MAX_NAMES) {
      unlisted++;
      return;
    }
    names.computeIfAbsent(nick, k -> new LinkedHashSet<>()).add(id);
    pairs++;
  }

  @Override
  public void end() throws IOException {
    if (!names.isEmpty())
      out.write("# Who is who: each name as written, and the user id it belongs to\n");
    for (Map.Entry<String, Set<String>> e : names.entrySet()) {
      String users = String.join(", ", e.getValue());
      String two = e.getValue().size() > 1 ? " (" + e.getValue().size() + " different people)" : "";
      out.write(
          "#   "
              + e.getKey()
              + ": "
              + (e.getValue().size() > 1 ? "users " : "user ")
              + users
              + two
              + "\n");
    }
    if (unlisted > 0) out.write("#   and " + unlisted + " more not listed\n");
    out.flush();
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }
}
