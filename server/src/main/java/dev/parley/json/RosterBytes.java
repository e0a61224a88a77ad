package dev.parley.json;

import dev.parley.domain.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The encoding of the newest roster run (see {@link Out.Roster}): its views joined by commas and
 * where each ends, extended when a longer roster of the same run comes. Why: every welcome lists
 * everyone online, so a storm of N logins encoded N² views, and escaping their strings was most of
 * a login's CPU (JFR, 3000 logins); now each view is encoded once while it does not change and a
 * welcome copies bytes.
 */
final class RosterBytes {
  private final JsonFactory factory;

  RosterBytes(JsonFactory factory) {
    this.factory = factory;
  }

  private long run = -1;
  private int count;
  private byte[] bytes = new byte[1024];
  private int[] ends = new int[16];

  /** A user's view as last encoded, and the last run that listed it. */
  private static final class Known {
    Out.UserView view;
    byte[] bytes;
    long run;
  }

  /**
   * Every user a recent run listed, by id. Why: anyone going offline or away ends a run, and the
   * next welcome's new run listed everyone again; at 12,000 people reconnecting every ten minutes
   * that re-encoded 12,000 views twenty times a second (run 28). Now only a changed view is.
   */
  private final Map<String, Known> known = new HashMap<>();

  synchronized void write(Out.Roster roster, OutputStream out) {
    if (roster.run() > run) reset(roster.run());
    if (roster.run() == run) {
      for (; count < roster.size(); count++) append(roster.get(count));
      int n = roster.size();
      try {
        out.write(bytes, 0, n == 0 ? 0 : ends[n - 1]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    // an older run than the one held (a welcome built before a newer one was encoded): alone
    try {
      for (int i = 0; i < roster.size(); i++) {
        if (i > 0) out.write(',');
        out.write(encoded(roster.get(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] encoded(Out.UserView u) {
    ByteArrayOutputStream one = new ByteArrayOutputStream(96);
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), one)) {
      userView(g, u);
    }
    return one.toByteArray();
  }

  private void reset(long newRun) {
    if (known.size() > 2 * count + 1024) {
      long last = run;
      known.values().removeIf(k -> k.run < last); // gone offline before the last run
    }
    run = newRun;
    count = 0;
  }

  /** The view's bytes: those of the last run if it has not changed since. */
  private byte[] encodedOnce(Out.UserView u) {
    Known k = known.computeIfAbsent(u.id(), id -> new Known());
    if (k.bytes == null || !k.view.equals(u)) {
      k.view = u;
      k.bytes = encoded(u);
    }
    k.run = run;
    return k.bytes;
  }

  private void append(Out.UserView u) {
    byte[] one = encodedOnce(u);
    int start = count == 0 ? 0 : ends[count - 1] + 1; // after a comma
    int end = start + one.length;
    if (end > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
    if (count > 0) bytes[start - 1] = ',';
    System.arraycopy(one, 0, bytes, start, one.length);
    if (count == ends.length) ends = Arrays.copyOf(ends, ends.length * 2);
    ends[count] = end;
  }

  /** One user as {@code users} entries and the roster carry them. */
  static void userView(JsonGenerator g, Out.UserView u) {
    g.writeStartObject();
    g.writeStringProperty("id", u.id());
    g.writeStringProperty("nick", u.nick());
    if (u.avatar() != null) g.writeStringProperty("avatar", u.avatar());
    g.writeStringProperty("status", u.status().wire());
    g.writeBooleanProperty("protected", u.isProtected());
    if (u.role() != null) g.writeStringProperty("role", u.role());
    if (u.roomRole() != null) g.writeStringProperty("roomRole", u.roomRole());
    g.writeEndObject();
  }
}
