package dev.parley.store.sql;

import dev.parley.domain.Attachment;
import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.LinkPreview;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events into rows of {@code events} and back. Kept in one place so that the writer, the
 * duplicate check and the history reads agree on every column.
 */
final class Rows {

  /**
   * The columns of {@code events} in the order {@link #event} reads and {@link #bindInsert} writes
   * them.
   */
  static final String EVENT_COLUMNS =
      "room, seq, kind, ts, user_id, nick, avatar, client_id, text,"
          + " image_url, image_name, image_width, image_height, notice, edited, deleted, rev, mentions,"
          + " moderation, by_id, by_nick, reason, until_ts, role, topic, read_only,"
          + " deleted_by_id, deleted_by_nick,"
          + " preview_url, preview_title, preview_description, preview_image,"
          + " file_size, file_type, file_duration, "
          + ConversationRows.COLUMNS
          + ", target_seq, pin_on, reply_kind";

  static final String INSERT_EVENT =
      "INSERT INTO events ("
          + EVENT_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Writes a message's changeable columns; parameters as {@link #bindChange}. */
  static final String UPDATE_MESSAGE =
      "UPDATE events SET text = ?, image_url = ?, image_name = ?, image_width = ?, image_height = ?,"
          + " edited = ?, deleted = ?, rev = ?, mentions = ?, deleted_by_id = ?,"
          + " deleted_by_nick = ?, preview_url = ?, preview_title = ?, preview_description = ?,"
          + " preview_image = ?, file_size = ?, file_type = ?, file_duration = ?,"
          + " reply_count = ?, last_reply_ts = ?, reply_users = ?"
          + " WHERE room = ? AND seq = ?";

  /** Reactions of one room's messages, in the order they were made; append the seq condition. */
  static final String SELECT_REACTIONS = "SELECT seq, emoji, user_id FROM reactions WHERE room = ?";

  private Rows() {}

  /** Reads the current row (selected with {@link #EVENT_COLUMNS}) as a Message or a Notice. */
  static Event event(ResultSet rs) throws SQLException {
    String room = rs.getString(1);
    long seq = rs.getLong(2);
    String kind = rs.getString(3);
    long ts = rs.getLong(4);
    Profile who = new Profile(rs.getString(5), rs.getString(6), rs.getString(7));
    if ("notice".equals(kind)) {
      String original = rs.getString(14);
      if (original != null) return new Notice(room, seq, ts, Notice.Kind.fromWire(original), who);
      return new Notice(room, seq, ts, Notice.Kind.fromWire(rs.getString(19)), who, detail(rs));
    }
    String url = rs.getString(10);
    // image_url holds a file's URL too: file_type (column 34) tells the two apart
    Attachment file = url == null ? null : file(rs, url);
    Image image =
        url == null || file != null
            ? null
            : new Image(url, rs.getString(11), intOrNull(rs, 12), intOrNull(rs, 13));
    long edited = rs.getLong(15);
    Long editedOrNull = rs.wasNull() ? null : edited;
    return new Message(
        room,
        seq,
        rs.getString(8),
        who,
        ts,
        rs.getString(9),
        image,
        editedOrNull,
        rs.getBoolean(16),
        Map.of(),
        rs.getLong(17),
        MentionsColumn.decode(rs.getString(18)),
        rs.getString(27) == null ? null : new Profile(rs.getString(27), rs.getString(28), null),
        file,
        rs.getString(29) == null
            ? null
            : new LinkPreview(
                rs.getString(29), rs.getString(30), rs.getString(31), rs.getString(32)),
        ConversationRows.read(rs));
  }

  /** The file of the current row whose upload is at {@code url} (columns 33 to 35), or null. */
  private static Attachment file(ResultSet rs, String url) throws SQLException {
    String type = rs.getString(34);
    if (type == null) return null;
    long size = rs.getLong(33);
    return new Attachment(url, rs.getString(11), size, type, intOrNull(rs, 35));
  }

  /** A moderation or pin notice's detail (columns 20 to 26, 45 and 46). */
  private static Notice.Detail detail(ResultSet rs) throws SQLException {
    String byId = rs.getString(20);
    long until = rs.getLong(23);
    Long untilOrNull = rs.wasNull() ? null : until;
    boolean readOnly = rs.getBoolean(26);
    Boolean readOnlyOrNull = rs.wasNull() ? null : readOnly;
    long target = rs.getLong(45);
    Long targetOrNull = rs.wasNull() ? null : target;
    boolean on = rs.getBoolean(46);
    Boolean onOrNull = rs.wasNull() ? null : on;
    Notice.Detail d =
        new Notice.Detail(
            byId == null ? null : new Profile(byId, rs.getString(21), null),
            rs.getString(22),
            untilOrNull,
            rs.getString(24),
            rs.getString(25),
            readOnlyOrNull,
            targetOrNull,
            onOrNull);
    return d.equals(NO_DETAIL) ? null : d;
  }

  private static final Notice.Detail NO_DETAIL =
      new Notice.Detail(null, null, null, null, null, null);

  /**
   * Puts reactions into the messages of {@code events} (in place), from rows of {@link
   * #SELECT_REACTIONS} ordered by seq and rev.
   */
  static void attachReactions(List<Event> events, ResultSet rs) throws SQLException {
    Map<Long, Map<String, List<String>>> bySeq = new HashMap<>();
    while (rs.next()) {
      bySeq
          .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
          .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
          .add(rs.getString(3));
    }
    if (bySeq.isEmpty()) return;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof Message m && bySeq.containsKey(m.seq())) {
        Map<String, List<String>> r = bySeq.get(m.seq());
        r.replaceAll((emoji, users) -> List.copyOf(users));
        events.set(i, m.withReactions(Collections.unmodifiableMap(r)));
      }
    }
  }

  /** Binds {@link #UPDATE_MESSAGE} for the message as it now is. */
  static void bindChange(PreparedStatement ps, Message m) throws SQLException {
    Image img = m.image();
    Attachment file = m.file();
    ps.setString(1, m.text());
    ps.setString(2, img != null ? img.url() : file != null ? file.url() : null);
    ps.setString(3, img != null ? img.name() : file != null ? file.name() : null);
    setIntOrNull(ps, 4, img == null ? null : img.width());
    setIntOrNull(ps, 5, img == null ? null : img.height());
    if (m.edited() == null) ps.setNull(6, Types.BIGINT);
    else ps.setLong(6, m.edited());
    ps.setBoolean(7, m.deleted());
    ps.setLong(8, m.rev());
    ps.setString(9, MentionsColumn.encode(m.mentions()));
    Profile by = m.deletedBy();
    ps.setString(10, by == null ? null : by.id());
    ps.setString(11, by == null ? null : by.nick());
    bindPreview(ps, 12, m.preview());
    bindFile(ps, 16, file);
    ConversationRows.bindReplies(ps, 19, m.conversation().replies());
    ps.setString(22, m.room());
    ps.setLong(23, m.seq());
  }

  /** Four columns from {@code col}: a message's link preview, or nulls. */
  private static void bindPreview(PreparedStatement ps, int col, LinkPreview p)
      throws SQLException {
    ps.setString(col, p == null ? null : p.url());
    ps.setString(col + 1, p == null ? null : p.title());
    ps.setString(col + 2, p == null ? null : p.description());
    ps.setString(col + 3, p == null ? null : p.image());
  }

  /** Binds the parameters of {@link #INSERT_EVENT} for an event that already carries its seq. */
  static void bindInsert(PreparedStatement ps, Event e) throws SQLException {
    ps.setString(1, e.room());
    ps.setLong(2, e.seq());
    ps.setLong(4, e.ts());
    if (e instanceof Message m) {
      ps.setString(3, "message");
      bindProfile(ps, m.from());
      ps.setString(8, m.id());
      ps.setString(9, m.text());
      Image img = m.image();
      Attachment file = m.file();
      ps.setString(10, img != null ? img.url() : file != null ? file.url() : null);
      ps.setString(11, img != null ? img.name() : file != null ? file.name() : null);
      setIntOrNull(ps, 12, img == null ? null : img.width());
      setIntOrNull(ps, 13, img == null ? null : img.height());
      ps.setNull(14, Types.VARCHAR);
      if (m.edited() == null) ps.setNull(15, Types.BIGINT);
      else ps.setLong(15, m.edited());
      ps.setBoolean(16, m.deleted());
      ps.setLong(17, m.rev());
      ps.setString(18, MentionsColumn.encode(m.mentions()));
      for (int i = 19; i <= 26; i++) ps.setNull(i, i == 23 ? Types.BIGINT : Types.VARCHAR);
      ps.setNull(26, Types.BOOLEAN);
      Profile by = m.deletedBy();
      ps.setString(27, by == null ? null : by.id());
      ps.setString(28, by == null ? null : by.nick());
      bindPreview(ps, 29, m.preview());
      bindFile(ps, 33, file);
      ConversationRows.bindInsert(ps, m);
      ps.setNull(45, Types.BIGINT);
      ps.setNull(46, Types.BOOLEAN);
    } else if (e instanceof Notice n) {
      ps.setString(3, "notice");
      bindProfile(ps, n.user());
      for (int i = 8; i <= 13; i++) ps.setNull(i, i >= 12 ? Types.INTEGER : Types.VARCHAR);
      ps.setString(14, n.event().original() ? n.event().wire() : null);
      ps.setNull(15, Types.BIGINT);
      ps.setBoolean(16, false);
      ps.setLong(17, 0);
      ps.setNull(18, Types.VARCHAR);
      bindDetail(ps, n);
      ps.setNull(27, Types.VARCHAR);
      ps.setNull(28, Types.VARCHAR);
      bindPreview(ps, 29, null);
      bindFile(ps, 33, null);
      ConversationRows.bindInsert(ps, null);
    } else {
      throw new IllegalArgumentException("no row for this kind of event: " + e);
    }
  }

  /**
   * Columns 19 to 26, 45 and 46: a moderation or pin notice's kind and detail; nulls for the
   * original four.
   */
  private static void bindDetail(PreparedStatement ps, Notice n) throws SQLException {
    Notice.Detail d = n.event().original() ? null : n.detail();
    ps.setString(19, n.event().original() ? null : n.event().wire());
    Profile by = d == null ? null : d.by();
    ps.setString(20, by == null ? null : by.id());
    ps.setString(21, by == null ? null : by.nick());
    ps.setString(22, d == null ? null : d.reason());
    if (d == null || d.until() == null) ps.setNull(23, Types.BIGINT);
    else ps.setLong(23, d.until());
    ps.setString(24, d == null ? null : d.role());
    ps.setString(25, d == null ? null : d.topic());
    if (d == null || d.readOnly() == null) ps.setNull(26, Types.BOOLEAN);
    else ps.setBoolean(26, d.readOnly());
    if (d == null || d.target() == null) ps.setNull(45, Types.BIGINT);
    else ps.setLong(45, d.target());
    if (d == null || d.on() == null) ps.setNull(46, Types.BOOLEAN);
    else ps.setBoolean(46, d.on());
  }

  /** A file's size, type and duration from parameter {@code at} on; nulls for none. */
  private static void bindFile(PreparedStatement ps, int at, Attachment file) throws SQLException {
    if (file == null || file.size() == null) ps.setNull(at, Types.BIGINT);
    else ps.setLong(at, file.size());
    ps.setString(at + 1, file == null ? null : file.type());
    setIntOrNull(ps, at + 2, file == null ? null : file.duration());
  }

  private static void bindProfile(PreparedStatement ps, Profile p) throws SQLException {
    ps.setString(5, p.id());
    ps.setString(6, p.nick());
    ps.setString(7, p.avatar());
  }

  private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static void setIntOrNull(PreparedStatement ps, int col, Integer v) throws SQLException {
    if (v == null) ps.setNull(col, Types.INTEGER);
    else ps.setInt(col, v);
  }
}
