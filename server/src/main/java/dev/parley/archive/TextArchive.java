package dev.parley.archive;

import dev.parley.domain.Attachment;
import dev.parley.domain.Conversation;
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
      Map.ofEntries(
          Map.entry(Notice.Kind.JOIN, "joined the room"),
          Map.entry(Notice.Kind.LEAVE, "left the room"),
          Map.entry(Notice.Kind.CREATE, "created the room"),
          Map.entry(Notice.Kind.TOPIC, "changed the topic"),
          Map.entry(Notice.Kind.SETTINGS, "changed the room's settings"),
          Map.entry(Notice.Kind.ROLE, "got a new role"),
          Map.entry(Notice.Kind.KICK, "was removed from the room"),
          Map.entry(Notice.Kind.MUTE, "was muted"),
          Map.entry(Notice.Kind.BAN, "was banned from the room"),
          Map.entry(Notice.Kind.UNBAN, "may come back to the room"),
          Map.entry(Notice.Kind.UNMUTE, "may speak again"));

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

  /** "[voice message 0:42, 18 KB /uploads/…]" or "[file report.pdf, 1.2 MB /uploads/…]". */
  private void file(StringBuilder line, Attachment f) {
    if (f.isVoice()) {
      line.append("[voice message ")
          .append(f.duration() / 60)
          .append(':')
          .append(String.format(java.util.Locale.ROOT, "%02d", f.duration() % 60));
    } else {
      line.append("[file ").append(f.name() == null ? "(no name)" : oneLine(f.name()));
    }
    if (f.size() != null) line.append(", ").append(bytes(f.size()));
    line.append(' ').append(origin).append(f.url()).append(']');
  }

  private static String bytes(long n) {
    if (n < 1024) return n + " bytes";
    if (n < 1024 * 1024) return (n + 512) / 1024 + " KB";
    return String.format(java.util.Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
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
      conversation(line, m);
      if (m.deleted()) {
        line.append("[message deleted]");
      } else {
        if (m.image() != null) {
          line.append("[image ").append(origin).append(m.image().url());
          if (m.image().name() != null) line.append(" ").append(oneLine(m.image().name()));
          line.append(']');
          if (m.text() != null) line.append(' ');
        }
        if (m.file() != null) {
          file(line, m.file());
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
        if (m.preview() != null) {
          line.append("\n    [preview: ").append(oneLine(m.preview().title()));
          if (m.preview().description() != null)
            line.append(" | ").append(oneLine(m.preview().description()));
          line.append(" <").append(m.preview().url()).append(">]");
        }
      }
      Conversation.Replies replies = m.conversation().replies();
      if (replies != null)
        line.append("  [")
            .append(replies.count())
            .append(replies.count() == 1 ? " reply" : " replies")
            .append(" in its thread]");
    } else {
      throw new IllegalArgumentException("no line for this kind of event: " + event);
    }
    out.write(line.append('\n').toString());
  }

  /** A thread's reply names its root; a reply quotes the start of its parent, on its line. */
  private static void conversation(StringBuilder line, Message m) {
    Conversation c = m.conversation();
    if (c.thread() != null) line.append("(in thread #").append(c.thread()).append(") ");
    Conversation.Reply r = c.reply();
    if (r == null || m.deleted()) return;
    line.append("(reply to #").append(r.seq());
    if (r.from() != null && r.from().nick() != null)
      line.append(" <").append(r.from().nick()).append('>');
    String excerpt = r.excerpt() == null ? "" : oneLine(r.excerpt());
    if (r.kind() != null) line.append(", ").append(r.kind());
    if (excerpt.isEmpty()) {
      if (r.kind() == null) line.append(", deleted");
    } else
      line.append(" \"")
          .append(excerpt.length() > 60 ? excerpt.substring(0, 60) + "…" : excerpt)
          .append('"');
    line.append(") ");
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
