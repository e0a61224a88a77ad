package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user keeps at most {@link Logins#MAX_SESSIONS} live sessions: a sign-in past it ends the
 * least recently used, those without a connection first, and never the device in use.
 */
class SessionCapTest {

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000);

  @Test
  void signInsPastTheCapEndTheLeastRecentlyUsedAndKeepTheConnectedOnes() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Registry registry =
          new Registry(
              store,
              TestChats.bus((to, frame) -> {}),
              Cluster.ALONE,
              TestChats.settings(100, Retention.KEEP_ALL),
              now::get);
      AtomicInteger ids = new AtomicInteger();
      Logins logins = new Logins(registry, new NickClaims(registry, () -> "u" + ids.get()));
      UserState ann = new UserState("uann", "ann", null, "first", now.get());
      registry.users.put(ann.id, ann);
      registry.write(new Change.UserSaved(Presence.row(ann)));

      SessionState inUse = logins.open(ann, "in-use", "phone");
      Closes phone = new Closes();
      inUse.clients.add(phone);
      List<SessionState> opened = new ArrayList<>();
      for (int i = 0; i < Logins.MAX_SESSIONS + 10; i++) {
        now.incrementAndGet();
        opened.add(logins.open(ann, "h" + i, "browser " + i));
      }

      long live = ann.sessions.values().stream().filter(s -> !s.revoked).count();
      assertThat(live).isEqualTo(Logins.MAX_SESSIONS);
      assertThat(inUse.revoked).as("the device in use stays signed in").isFalse();
      assertThat(phone.codes).isEmpty();
      assertThat(opened.get(opened.size() - 1).revoked).as("the newest").isFalse();
      assertThat(opened.subList(0, 11)).allMatch(s -> s.revoked, "the oldest unused ended");
      assertThat(opened.subList(11, opened.size())).noneMatch(s -> s.revoked);
    }
  }

  /** A connection that records how it was closed. */
  private static final class Closes implements Client {
    final List<Integer> codes = new ArrayList<>();

    @Override
    public void send(Out frame) {}

    @Override
    public void close(int code, String reason) {
      codes.add(code);
    }
  }
}
