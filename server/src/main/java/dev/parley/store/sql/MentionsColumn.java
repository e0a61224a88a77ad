package dev.parley.store.sql;

import dev.parley.domain.Mention;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mentions} column of {@code events}: a compact JSON array of {@code {"id","nick"}},
 * NULL when a message mentions no one by id. Written and read here by hand because the store does
 * not depend on a JSON library (JSON belongs to the wire, archive and HTTP adapters) and the column
 * holds only what {@link #encode} wrote: two strings per entry.
 */
final class MentionsColumn {

  private MentionsColumn() {}

  static String encode(List<Mention> mentions) {
    if (mentions == null || mentions.isEmpty()) return null;
    StringBuilder sb = new StringBuilder("[");
    for (Mention m : mentions) {
      if (sb.length() > 1) sb.append(',');
      sb.append("{\"id\":");
      string(sb, m.id());
      sb.append(",\"nick\":");
      string(sb, m.nick());
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  /** The mentions {@link #encode} wrote; empty for NULL. */
  static List<Mention> decode(String column) {
    if (column == null || column.isEmpty()) return List.of();
    List<Mention> out = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    int i = 0;
    while (i < column.length()) {
      char c = column.charAt(i);
      if (c != '"') {
        i++;
        continue;
      }
      StringBuilder s = new StringBuilder();
      for (i++; column.charAt(i) != '"'; i++) {
        char d = column.charAt(i);
        if (d == '\\') {
          char e = column.charAt(++i);
          if (e == 'u') {
            s.append((char) Integer.parseInt(column.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            s.append(e);
          }
        } else {
          s.append(d);
        }
      }
      i++;
      strings.add(s.toString());
    }
    // strings alternate: "id", id, "nick", nick
    for (int k = 0; k + 3 < strings.size(); k += 4) {
      out.add(new Mention(strings.get(k + 1), strings.get(k + 3)));
    }
    return List.copyOf(out);
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    sb.append('"');
  }
}
